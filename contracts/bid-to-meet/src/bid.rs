//! Direct bids: the Receive hook (bid, raise, slot bid), withdraw, refund credits.
//! Every operation touches a constant number of storage records, whatever the number of bids.

use cosmwasm_std::{from_json, Addr, DepsMut, Empty, Env, MessageInfo, Response, Uint128};
use cw20::Cw20ReceiveMsg;
use mesi_types::bid_to_meet::{BidStatus, Format, ReceiveMsg, SlotStatus};

use crate::error::ContractError;
use crate::helpers::{
    add_u64, check_creator_share, check_tier_cap, expect_status, load_bid, require_kyc, transfer,
};
use crate::slot;
use crate::state::{
    owe_less, owe_more, Bid, Config, BIDS, BIDS_BY_CREATOR, BIDS_BY_FAN, CONFIG, CREATORS,
    NEXT_BID, REFUNDS, SLOTS,
};

pub fn receive(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    wrapper: Cw20ReceiveMsg,
) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    if info.sender != cfg.token {
        return Err(ContractError::WrongToken {
            sender: info.sender.to_string(),
        });
    }
    if wrapper.amount.is_zero() {
        return Err(ContractError::ZeroAmount);
    }
    let fan = deps.api.addr_validate(&wrapper.sender)?;
    match from_json(&wrapper.msg)? {
        ReceiveMsg::Bid { creator, format } => {
            place_bid(deps, env, &cfg, fan, creator, format, wrapper.amount)
        }
        ReceiveMsg::Raise { bid_id } => raise(deps, &cfg, fan, bid_id, wrapper.amount),
        ReceiveMsg::SlotBid { slot_id } => {
            slot::slot_bid(deps, env, &cfg, fan, slot_id, wrapper.amount)
        }
    }
}

/// Stores a new bid and its two index entries and adds its escrow to the books; returns its id.
pub fn store_new_bid(deps: &mut DepsMut, bid: &Bid) -> Result<u64, ContractError> {
    owe_more(deps.storage, bid.amount)?;
    let id = NEXT_BID.load(deps.storage)?;
    NEXT_BID.save(deps.storage, &add_u64(id, 1)?)?;
    BIDS.save(deps.storage, id, bid)?;
    BIDS_BY_CREATOR.save(deps.storage, (&bid.creator, id), &Empty {})?;
    BIDS_BY_FAN.save(deps.storage, (&bid.fan, id), &Empty {})?;
    Ok(id)
}

fn place_bid(
    mut deps: DepsMut,
    env: Env,
    cfg: &Config,
    fan: Addr,
    creator: String,
    format: Format,
    amount: Uint128,
) -> Result<Response, ContractError> {
    let creator = deps.api.addr_validate(&creator)?;
    if creator == fan {
        return Err(ContractError::SelfBid);
    }
    require_kyc(deps.storage, &fan)?;
    let profile = CREATORS
        .may_load(deps.storage, &creator)?
        .filter(|p| p.enabled)
        .ok_or_else(|| ContractError::CreatorNotEnabled {
            creator: creator.to_string(),
        })?;
    if !profile.offers(format) {
        return Err(ContractError::FormatNotOffered { format });
    }
    if amount < profile.min_bid {
        return Err(ContractError::BidTooLow {
            amount,
            minimum: profile.min_bid,
        });
    }
    check_creator_share(amount, cfg.commission_bps)?;
    check_tier_cap(deps.as_ref(), cfg, &fan, amount)?;
    let bid = Bid {
        creator,
        fan,
        format,
        amount,
        // Frozen: an owner change of the rate applies only to new bids (issue 12 §7).
        commission_bps: Some(cfg.commission_bps),
        slot_id: None,
        status: BidStatus::Open,
        created_at: env.block.time.seconds(),
        code_hash: None,
        accepted_at: None,
        kyf_deadline: None,
        kyf_consented: false,
        meeting_deadline: None,
    };
    let id = store_new_bid(&mut deps, &bid)?;
    Ok(Response::new()
        .add_attribute("action", "bid")
        .add_attribute("bid_id", id.to_string())
        .add_attribute("creator", bid.creator)
        .add_attribute("fan", bid.fan)
        .add_attribute("amount", amount))
}

fn raise(
    deps: DepsMut,
    cfg: &Config,
    fan: Addr,
    bid_id: u64,
    added: Uint128,
) -> Result<Response, ContractError> {
    let mut bid = load_bid(deps.storage, bid_id)?;
    if bid.fan != fan {
        return Err(ContractError::Unauthorized);
    }
    if bid.slot_id.is_some() {
        return Err(ContractError::SlotBidNotRaisable);
    }
    expect_status(&bid, BidStatus::Open)?;
    require_kyc(deps.storage, &fan)?;
    let total = bid.amount.checked_add(added)?;
    check_tier_cap(deps.as_ref(), cfg, &fan, total)?;
    bid.amount = total;
    BIDS.save(deps.storage, bid_id, &bid)?;
    owe_more(deps.storage, added)?;
    Ok(Response::new()
        .add_attribute("action", "raise")
        .add_attribute("bid_id", bid_id.to_string())
        .add_attribute("fan", fan)
        .add_attribute("added", added)
        .add_attribute("amount", total))
}

/// Fan: take back an unaccepted bid. A winning slot bid only after the settle window.
pub fn withdraw(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    bid_id: u64,
) -> Result<Response, ContractError> {
    let mut bid = load_bid(deps.storage, bid_id)?;
    if bid.fan != info.sender {
        return Err(ContractError::Unauthorized);
    }
    expect_status(&bid, BidStatus::Open)?;
    let cfg = CONFIG.load(deps.storage)?;
    if let Some(slot_id) = bid.slot_id {
        // An open slot bid is the slot's highest bid: locked until the settle window passed.
        let mut slot = SLOTS.load(deps.storage, slot_id)?;
        let until = add_u64(slot.end_time, cfg.slot_settle_window)?;
        if env.block.time.seconds() < until {
            return Err(ContractError::SettleWindowOpen { until });
        }
        slot.status = SlotStatus::Lapsed;
        SLOTS.save(deps.storage, slot_id, &slot)?;
    }
    bid.status = BidStatus::Withdrawn;
    BIDS.save(deps.storage, bid_id, &bid)?;
    owe_less(deps.storage, bid.amount)?;
    Ok(Response::new()
        .add_messages(transfer(&cfg.token, &bid.fan, bid.amount)?)
        .add_attribute("action", "withdraw")
        .add_attribute("bid_id", bid_id.to_string())
        .add_attribute("fan", bid.fan)
        .add_attribute("amount", bid.amount))
}

pub fn withdraw_refunds(deps: DepsMut, info: MessageInfo) -> Result<Response, ContractError> {
    let amount = REFUNDS
        .may_load(deps.storage, &info.sender)?
        .unwrap_or_default();
    if amount.is_zero() {
        return Err(ContractError::NothingToWithdraw);
    }
    REFUNDS.remove(deps.storage, &info.sender);
    owe_less(deps.storage, amount)?;
    let cfg = CONFIG.load(deps.storage)?;
    Ok(Response::new()
        .add_messages(transfer(&cfg.token, &info.sender, amount)?)
        .add_attribute("action", "withdraw_refunds")
        .add_attribute("address", info.sender)
        .add_attribute("amount", amount))
}
