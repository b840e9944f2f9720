//! Settlements and the compliance window (SPEC §3): a fill keeps the token and the price in escrow for
//! `compliance_window` seconds. Inside it the arbiter may refund (price claimable by the buyer, token
//! back to the seller); from `release_at` on anyone may finalize (token to the buyer, commission to the
//! treasury, the rest claimable by the seller, or for a $MESI primary sale sent to the revenue contract).

use cosmwasm_std::{Addr, DepsMut, Env, MessageInfo, Response, Storage, Uint128};
use mesi_types::marketplace::{Asset, FillKind};

use crate::error::ContractError;
use crate::helpers::{
    add_u64, assert_held, credit, next_id, pay, pay_revenue, split, transfer_nft,
};
use crate::state::{settlements, Config, Holder, Settlement, CONFIG, ESCROW};

/// The terms of a fill.
pub struct Fill {
    pub token_id: String,
    pub seller: Addr,
    pub buyer: Addr,
    pub asset: Asset,
    pub price: Uint128,
    pub commission_bps: u16,
    pub kind: FillKind,
}

/// Opens a settlement for a fill whose token and price are already held; returns its id and
/// release time.
pub fn open(
    storage: &mut dyn Storage,
    env: &Env,
    cfg: &Config,
    fill: Fill,
) -> Result<(u64, u64), ContractError> {
    let id = next_id(storage)?;
    let release_at = add_u64(env.block.time.seconds(), cfg.compliance_window)?;
    ESCROW.save(storage, &fill.token_id, &Holder::Settlement(id))?;
    settlements().save(
        storage,
        id,
        &Settlement {
            token_id: fill.token_id,
            seller: fill.seller,
            buyer: fill.buyer,
            asset: fill.asset,
            price: fill.price,
            commission_bps: fill.commission_bps,
            release_at,
            kind: fill.kind,
        },
    )?;
    Ok((id, release_at))
}

pub fn load(storage: &dyn Storage, id: u64) -> Result<Settlement, ContractError> {
    settlements()
        .may_load(storage, id)?
        .ok_or(ContractError::SettlementNotFound { id })
}

fn close(storage: &mut dyn Storage, id: u64, s: &Settlement) -> Result<(), ContractError> {
    settlements().remove(storage, id)?;
    ESCROW.remove(storage, &s.token_id);
    Ok(())
}

/// Arbiter only, strictly before `release_at`.
pub fn refund(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    id: u64,
) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    if info.sender != cfg.arbiter {
        return Err(ContractError::Unauthorized);
    }
    let s = load(deps.storage, id)?;
    if env.block.time.seconds() >= s.release_at {
        return Err(ContractError::WindowClosed {
            release_at: s.release_at,
        });
    }
    assert_held(deps.as_ref(), &env, &cfg, &s.token_id, &s.seller)?;
    close(deps.storage, id, &s)?;
    credit(deps.storage, &s.buyer, s.asset, s.price)?;
    Ok(Response::new()
        .add_message(transfer_nft(&cfg, &s.seller, &s.token_id)?)
        .add_attribute("action", "refund")
        .add_attribute("settlement_id", id.to_string())
        .add_attribute("token_id", s.token_id)
        .add_attribute("buyer", s.buyer)
        .add_attribute("amount", s.price))
}

/// Anyone, from `release_at` on.
pub fn finalize(deps: DepsMut, env: Env, id: u64) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let s = load(deps.storage, id)?;
    if env.block.time.seconds() < s.release_at {
        return Err(ContractError::WindowOpen {
            release_at: s.release_at,
        });
    }
    let custody = assert_held(deps.as_ref(), &env, &cfg, &s.token_id, &s.seller)?;
    let (fee, net) = split(s.price, s.commission_bps)?;
    close(deps.storage, id, &s)?;
    // A primary sale (the seller is the token's creator) in $MESI goes through the creator's revenue
    // split (SPEC §8). Compared here, not recorded at `open`: `assert_held` already read the custody
    // record (it carries `creator`), so the check costs no query and no stored byte.
    let revenue = match &cfg.revenue {
        Some(r) if s.asset == Asset::Mesi && custody.creator == s.seller.as_str() => Some(r),
        _ => None,
    };
    let proceeds = match revenue {
        Some(r) => pay_revenue(deps.storage, &cfg, r, &s.seller, net)?,
        None => {
            credit(deps.storage, &s.seller, s.asset, net)?;
            None
        }
    };
    let commission = pay(deps.storage, &cfg, s.asset, &cfg.treasury, fee)?;
    Ok(Response::new()
        .add_message(transfer_nft(&cfg, &s.buyer, &s.token_id)?)
        .add_messages(commission)
        .add_messages(proceeds)
        .add_attribute("primary_sale", revenue.is_some().to_string())
        .add_attribute("action", "finalize")
        .add_attribute("settlement_id", id.to_string())
        .add_attribute("token_id", s.token_id)
        .add_attribute("buyer", s.buyer)
        .add_attribute("seller", s.seller)
        .add_attribute("gross", s.price)
        .add_attribute("fee", fee)
        .add_attribute("net", net))
}
