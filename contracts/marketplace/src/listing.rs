//! Buy-now listings (SPEC §3): the token is escrowed from listing until the sale is final; a buyer
//! names the price it agreed to and a changed price is refused (no front-running by the seller).

use cosmwasm_std::{Addr, DepsMut, Env, MessageInfo, Response, Storage, Uint128};
use mesi_types::marketplace::{Asset, FillKind};

use crate::error::ContractError;
use crate::helpers::{
    admit_order, assert_held, check_expiry, check_price, creator_tier, drop_order, next_id,
    reprice, transfer_nft, Payment,
};
use crate::settlement::{self, Fill};
use crate::state::{listings, Config, Holder, Listing, CONFIG, ESCROW};

pub fn load(storage: &dyn Storage, id: u64) -> Result<Listing, ContractError> {
    listings()
        .may_load(storage, id)?
        .ok_or(ContractError::ListingNotFound { id })
}

/// Removes a listing, its escrow record and what it counted in its seller's book (the caller
/// moves the token).
pub fn remove(storage: &mut dyn Storage, id: u64, l: &Listing) -> Result<(), ContractError> {
    listings().remove(storage, id)?;
    ESCROW.remove(storage, &l.token_id);
    drop_order(storage, &l.seller, l.needs())
}

/// `send_nft` + `List`: the token has arrived from `seller`.
#[allow(clippy::too_many_arguments)]
pub fn list(
    mut deps: DepsMut,
    env: Env,
    cfg: &Config,
    seller: Addr,
    token_id: String,
    price: Uint128,
    asset: Asset,
    expires: Option<u64>,
    reserved_for: Option<String>,
) -> Result<Response, ContractError> {
    if price.is_zero() {
        return Err(ContractError::ZeroAmount);
    }
    if let Some(e) = expires {
        check_expiry(&env, e)?;
    }
    let reserved_for = reserved_for
        .map(|a| deps.api.addr_validate(&a))
        .transpose()?;
    if reserved_for.as_ref() == Some(&seller) {
        return Err(ContractError::SelfTrade);
    }
    let (tier, needs) = admit_order(&mut deps, cfg, &seller, asset, price, None)?;
    let id = next_id(deps.storage)?;
    ESCROW.save(deps.storage, &token_id, &Holder::Listing(id))?;
    listings().save(
        deps.storage,
        id,
        &Listing {
            token_id: token_id.clone(),
            seller: seller.clone(),
            asset,
            price,
            expires,
            reserved_for,
            commission_bps: cfg.commission_bps,
            price_tier: needs.price,
        },
    )?;
    Ok(Response::new()
        .add_attribute("action", "list")
        .add_attribute("listing_id", id.to_string())
        .add_attribute("token_id", token_id)
        .add_attribute("seller", seller)
        .add_attribute("price", price)
        .add_attribute("creator_tier", tier.to_string()))
}

/// Seller only: a new price, checked against the seller's creator tier now (`check_price`); the
/// tier its price needs moves in the seller's book.
pub fn update_price(
    deps: DepsMut,
    info: MessageInfo,
    id: u64,
    price: Uint128,
) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let mut l = load(deps.storage, id)?;
    if info.sender != l.seller {
        return Err(ContractError::Unauthorized);
    }
    if price.is_zero() {
        return Err(ContractError::ZeroAmount);
    }
    let tier = creator_tier(&deps.querier, &cfg.token, &l.seller)?;
    let need = check_price(deps.as_ref(), &cfg, tier, l.asset, price)?;
    reprice(deps.storage, &l.seller, l.price_tier, need)?;
    let old = l.price;
    l.price = price;
    l.price_tier = need;
    listings().save(deps.storage, id, &l)?;
    Ok(Response::new()
        .add_attribute("action", "update_price")
        .add_attribute("listing_id", id.to_string())
        .add_attribute("old_price", old)
        .add_attribute("price", price))
}

/// Seller only: the listing ends and the token goes back.
pub fn cancel(deps: DepsMut, info: MessageInfo, id: u64) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let l = load(deps.storage, id)?;
    if info.sender != l.seller {
        return Err(ContractError::Unauthorized);
    }
    remove(deps.storage, id, &l)?;
    Ok(Response::new()
        .add_message(transfer_nft(&cfg, &l.seller, &l.token_id)?)
        .add_attribute("action", "cancel_listing")
        .add_attribute("listing_id", id.to_string())
        .add_attribute("token_id", l.token_id))
}

/// A buy: the payment must be the listing's asset and exactly `max_price`, which must be the
/// listing's price now. Opens a settlement.
pub fn buy(
    deps: DepsMut,
    env: Env,
    pay: Payment,
    id: u64,
    max_price: Uint128,
) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let l = load(deps.storage, id)?;
    pay.expect_asset(l.asset)?;
    if let Some(expires) = l.expires {
        if env.block.time.seconds() >= expires {
            return Err(ContractError::ListingExpired { expires });
        }
    }
    if pay.sender == l.seller {
        return Err(ContractError::SelfTrade);
    }
    if l.reserved_for.as_ref().is_some_and(|r| *r != pay.sender) {
        return Err(ContractError::ReservedForOther);
    }
    if l.price != max_price {
        return Err(ContractError::PriceChanged {
            agreed: max_price,
            current: l.price,
        });
    }
    if pay.amount != l.price {
        return Err(ContractError::WrongAmount {
            paid: pay.amount,
            needed: l.price,
        });
    }
    assert_held(deps.as_ref(), &env, &cfg, &l.token_id, &l.seller)?;
    remove(deps.storage, id, &l)?;
    let (sid, release_at) = settlement::open(
        deps.storage,
        &env,
        &cfg,
        Fill {
            token_id: l.token_id.clone(),
            seller: l.seller,
            buyer: pay.sender.clone(),
            asset: l.asset,
            price: l.price,
            commission_bps: l.commission_bps,
            kind: FillKind::BuyNow,
        },
    )?;
    Ok(Response::new()
        .add_attribute("action", "buy")
        .add_attribute("listing_id", id.to_string())
        .add_attribute("settlement_id", sid.to_string())
        .add_attribute("token_id", l.token_id)
        .add_attribute("buyer", pay.sender)
        .add_attribute("price", l.price)
        .add_attribute("release_at", release_at.to_string()))
}
