//! Auctions (SPEC §3): `min_auction_days` up to the seller's creator-tier maximum, a reserve, a
//! minimum increment (bps, frozen at creation), anti-sniping (a bid within `anti_snipe_window` seconds
//! of the end moves the end to `anti_snipe_extension` seconds after that bid). Outbid amounts become
//! claimable (never pushed). Settlement is permissionless after the end.

use cosmwasm_std::{Addr, DepsMut, Env, MessageInfo, Response, Storage, Uint128};
use mesi_types::marketplace::{Asset, FillKind};

use crate::error::ContractError;
use crate::helpers::{
    add_u64, admit_order, assert_held, credit, drop_order, min_next_bid, next_id, transfer_nft,
    Payment,
};
use crate::settlement::{self, Fill};
use crate::state::{auctions, Auction, Config, Holder, CONFIG, ESCROW};

pub fn load(storage: &dyn Storage, id: u64) -> Result<Auction, ContractError> {
    auctions()
        .may_load(storage, id)?
        .ok_or(ContractError::AuctionNotFound { id })
}

/// Removes an auction, its escrow record and what it counted in its seller's book (the caller
/// moves token / bid).
pub fn remove(storage: &mut dyn Storage, id: u64, a: &Auction) -> Result<(), ContractError> {
    auctions().remove(storage, id)?;
    ESCROW.remove(storage, &a.token_id);
    drop_order(storage, &a.seller, a.needs())
}

/// `send_nft` + `Auction`: the token has arrived from `seller`.
#[allow(clippy::too_many_arguments)]
pub fn create(
    mut deps: DepsMut,
    env: Env,
    cfg: &Config,
    seller: Addr,
    token_id: String,
    reserve: Uint128,
    asset: Asset,
    days: u32,
) -> Result<Response, ContractError> {
    if reserve.is_zero() {
        return Err(ContractError::ZeroAmount);
    }
    let (tier, needs) = admit_order(&mut deps, cfg, &seller, asset, reserve, Some(days))?;
    let start = env.block.time.seconds();
    let duration = u64::from(days)
        .checked_mul(cfg.day_seconds)
        .ok_or(ContractError::Overflow(cosmwasm_std::OverflowError::new(
            cosmwasm_std::OverflowOperation::Mul,
        )))?;
    let end = add_u64(start, duration)?;
    let id = next_id(deps.storage)?;
    ESCROW.save(deps.storage, &token_id, &Holder::Auction(id))?;
    auctions().save(
        deps.storage,
        id,
        &Auction {
            token_id: token_id.clone(),
            seller: seller.clone(),
            asset,
            reserve,
            start,
            end,
            min_increment_bps: cfg.min_increment_bps,
            commission_bps: cfg.commission_bps,
            highest: None,
            price_tier: needs.price,
            days_tier: needs.days,
        },
    )?;
    Ok(Response::new()
        .add_attribute("action", "auction")
        .add_attribute("auction_id", id.to_string())
        .add_attribute("token_id", token_id)
        .add_attribute("seller", seller)
        .add_attribute("reserve", reserve)
        .add_attribute("end", end.to_string())
        .add_attribute("creator_tier", tier.to_string()))
}

/// A bid of the payment: at least the reserve or the highest bid plus the increment, strictly
/// before the end. The previous highest bid becomes claimable by its bidder.
pub fn bid(deps: DepsMut, env: Env, pay: Payment, id: u64) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let mut a = load(deps.storage, id)?;
    pay.expect_asset(a.asset)?;
    let now = env.block.time.seconds();
    if now >= a.end {
        return Err(ContractError::AuctionEnded { end: a.end });
    }
    if pay.sender == a.seller {
        return Err(ContractError::SelfTrade);
    }
    let minimum = min_next_bid(
        a.reserve,
        a.highest.as_ref().map(|h| h.1),
        a.min_increment_bps,
    )?;
    if pay.amount < minimum {
        return Err(ContractError::BidTooLow {
            amount: pay.amount,
            minimum,
        });
    }
    assert_held(deps.as_ref(), &env, &cfg, &a.token_id, &a.seller)?;
    if let Some((prev, amount)) = a.highest.take() {
        credit(deps.storage, &prev, a.asset, amount)?;
    }
    a.highest = Some((pay.sender.clone(), pay.amount));
    let mut res = Response::new()
        .add_attribute("action", "bid")
        .add_attribute("auction_id", id.to_string())
        .add_attribute("bidder", pay.sender)
        .add_attribute("amount", pay.amount);
    if a.end - now <= cfg.anti_snipe_window {
        let moved = add_u64(now, cfg.anti_snipe_extension)?;
        if moved > a.end {
            a.end = moved;
            res = res.add_attribute("extended_to", moved.to_string());
        }
    }
    auctions().save(deps.storage, id, &a)?;
    Ok(res.add_attribute("end", a.end.to_string()))
}

/// Seller only, while the auction has no bid.
pub fn cancel(deps: DepsMut, info: MessageInfo, id: u64) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let a = load(deps.storage, id)?;
    if info.sender != a.seller {
        return Err(ContractError::Unauthorized);
    }
    if a.highest.is_some() {
        return Err(ContractError::AuctionHasBids);
    }
    remove(deps.storage, id, &a)?;
    Ok(Response::new()
        .add_message(transfer_nft(&cfg, &a.seller, &a.token_id)?)
        .add_attribute("action", "cancel_auction")
        .add_attribute("auction_id", id.to_string())
        .add_attribute("token_id", a.token_id))
}

/// Anyone, from the end on: the highest bid opens a settlement; without a bid the token goes back.
pub fn settle(deps: DepsMut, env: Env, id: u64) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let a = load(deps.storage, id)?;
    if env.block.time.seconds() < a.end {
        return Err(ContractError::AuctionNotEnded { end: a.end });
    }
    let res = Response::new()
        .add_attribute("action", "settle_auction")
        .add_attribute("auction_id", id.to_string())
        .add_attribute("token_id", a.token_id.clone());
    assert_held(deps.as_ref(), &env, &cfg, &a.token_id, &a.seller)?;
    let Some((buyer, price)) = a.highest.clone() else {
        remove(deps.storage, id, &a)?;
        return Ok(res
            .add_message(transfer_nft(&cfg, &a.seller, &a.token_id)?)
            .add_attribute("outcome", "no_bid"));
    };
    remove(deps.storage, id, &a)?;
    let (sid, release_at) = settlement::open(
        deps.storage,
        &env,
        &cfg,
        Fill {
            token_id: a.token_id,
            seller: a.seller,
            buyer: buyer.clone(),
            asset: a.asset,
            price,
            commission_bps: a.commission_bps,
            kind: FillKind::Auction,
        },
    )?;
    Ok(res
        .add_attribute("outcome", "sold")
        .add_attribute("settlement_id", sid.to_string())
        .add_attribute("buyer", buyer)
        .add_attribute("price", price)
        .add_attribute("release_at", release_at.to_string()))
}
