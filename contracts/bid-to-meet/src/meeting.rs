//! Accepted meetings: accept, KYF consent / cancel, release by code, reclaim, dispute, resolve.

use cosmwasm_std::{DepsMut, Env, MessageInfo, Response, Uint128};
use mesi_types::bid_to_meet::BidStatus;

use crate::error::ContractError;
use crate::helpers::{
    add_u64, check_creator_share, credit_refund, expect_status, hash_code, load_bid,
    normalize_code_hash, pay_creator, transfer,
};
use crate::state::{legacy_bps, owe_less, Bid, Config, BIDS, CONFIG};

/// Turns an open bid into an accepted meeting (shared by `Accept` and `SettleSlot`).
pub fn accept_core(
    cfg: &Config,
    bid: &mut Bid,
    now: u64,
    code_hash: &str,
    request_kyf: bool,
) -> Result<(), ContractError> {
    expect_status(bid, BidStatus::Open)?;
    bid.code_hash = Some(normalize_code_hash(code_hash)?);
    bid.accepted_at = Some(now);
    bid.meeting_deadline = Some(add_u64(now, cfg.meeting_window)?);
    if request_kyf {
        bid.status = BidStatus::AwaitingKyf;
        bid.kyf_deadline = Some(add_u64(now, cfg.kyf_window)?);
    } else {
        bid.status = BidStatus::Accepted;
    }
    Ok(())
}

pub fn accept(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    bid_id: u64,
    code_hash: String,
    request_kyf: bool,
) -> Result<Response, ContractError> {
    let mut bid = load_bid(deps.storage, bid_id)?;
    if bid.creator != info.sender {
        return Err(ContractError::Unauthorized);
    }
    if bid.slot_id.is_some() {
        return Err(ContractError::SlotBidUseSettle);
    }
    let cfg = CONFIG.load(deps.storage)?;
    accept_core(
        &cfg,
        &mut bid,
        env.block.time.seconds(),
        &code_hash,
        request_kyf,
    )?;
    BIDS.save(deps.storage, bid_id, &bid)?;
    Ok(Response::new()
        .add_attribute("action", "accept")
        .add_attribute("bid_id", bid_id.to_string())
        .add_attribute("fan", bid.fan)
        .add_attribute("amount", bid.amount)
        .add_attribute("kyf_requested", request_kyf.to_string()))
}

fn deadline(bid: &Bid) -> u64 {
    bid.meeting_deadline.unwrap_or(0)
}

pub fn consent_kyf(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    bid_id: u64,
) -> Result<Response, ContractError> {
    let mut bid = load_bid(deps.storage, bid_id)?;
    if bid.fan != info.sender {
        return Err(ContractError::Unauthorized);
    }
    expect_status(&bid, BidStatus::AwaitingKyf)?;
    if env.block.time.seconds() >= bid.kyf_deadline.unwrap_or(0) {
        return Err(ContractError::KyfWindowClosed);
    }
    bid.status = BidStatus::Accepted;
    bid.kyf_consented = true;
    BIDS.save(deps.storage, bid_id, &bid)?;
    Ok(Response::new()
        .add_attribute("action", "consent_kyf")
        .add_attribute("bid_id", bid_id.to_string()))
}

/// Anyone, after the KYF window: the fan's escrow becomes a refund credit (pull).
pub fn cancel_kyf(deps: DepsMut, env: Env, bid_id: u64) -> Result<Response, ContractError> {
    let mut bid = load_bid(deps.storage, bid_id)?;
    expect_status(&bid, BidStatus::AwaitingKyf)?;
    let until = bid.kyf_deadline.unwrap_or(0);
    if env.block.time.seconds() < until {
        return Err(ContractError::KyfWindowOpen { until });
    }
    bid.status = BidStatus::KyfCancelled;
    BIDS.save(deps.storage, bid_id, &bid)?;
    credit_refund(deps.storage, &bid.fan, bid.amount)?;
    Ok(Response::new()
        .add_attribute("action", "cancel_kyf")
        .add_attribute("bid_id", bid_id.to_string())
        .add_attribute("fan", bid.fan)
        .add_attribute("refund_credit", bid.amount))
}

/// Fan: the scanned code releases escrow to the creator, less commission to the treasury.
pub fn release(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    bid_id: u64,
    code: String,
) -> Result<Response, ContractError> {
    let mut bid = load_bid(deps.storage, bid_id)?;
    if bid.fan != info.sender {
        return Err(ContractError::Unauthorized);
    }
    expect_status(&bid, BidStatus::Accepted)?;
    if env.block.time.seconds() >= deadline(&bid) {
        return Err(ContractError::DeadlinePassed);
    }
    if bid.code_hash.as_deref() != Some(hash_code(&code).as_str()) {
        return Err(ContractError::WrongCode);
    }
    let cfg = CONFIG.load(deps.storage)?;
    bid.status = BidStatus::Released;
    BIDS.save(deps.storage, bid_id, &bid)?;
    owe_less(deps.storage, bid.amount)?;
    // The rate frozen when the bid was placed (issue 12 §7).
    let bps = bid.commission(legacy_bps(deps.storage, &cfg)?);
    let (msgs, share, commission) = pay_creator(&cfg, &bid.creator, bid.amount, bps)?;
    Ok(Response::new()
        .add_messages(msgs)
        .add_attribute("action", "release")
        .add_attribute("bid_id", bid_id.to_string())
        .add_attribute("creator", bid.creator)
        .add_attribute("to_creator", share)
        .add_attribute("commission", commission))
}

/// Fan: after the meeting deadline without release, take the escrow back.
pub fn reclaim(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    bid_id: u64,
) -> Result<Response, ContractError> {
    let mut bid = load_bid(deps.storage, bid_id)?;
    if bid.fan != info.sender {
        return Err(ContractError::Unauthorized);
    }
    if !matches!(bid.status, BidStatus::Accepted | BidStatus::AwaitingKyf) {
        return Err(ContractError::WrongBidStatus {
            status: bid.status,
            expected: "Accepted or AwaitingKyf".to_string(),
        });
    }
    let until = deadline(&bid);
    if env.block.time.seconds() < until {
        return Err(ContractError::DeadlineNotReached { deadline: until });
    }
    let cfg = CONFIG.load(deps.storage)?;
    bid.status = BidStatus::Reclaimed;
    BIDS.save(deps.storage, bid_id, &bid)?;
    owe_less(deps.storage, bid.amount)?;
    Ok(Response::new()
        .add_messages(transfer(&cfg.token, &bid.fan, bid.amount)?)
        .add_attribute("action", "reclaim")
        .add_attribute("bid_id", bid_id.to_string())
        .add_attribute("fan", bid.fan)
        .add_attribute("amount", bid.amount))
}

/// Fan or creator, between acceptance and the deadline.
pub fn dispute(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    bid_id: u64,
) -> Result<Response, ContractError> {
    let mut bid = load_bid(deps.storage, bid_id)?;
    if bid.fan != info.sender && bid.creator != info.sender {
        return Err(ContractError::Unauthorized);
    }
    expect_status(&bid, BidStatus::Accepted)?;
    if env.block.time.seconds() >= deadline(&bid) {
        return Err(ContractError::DeadlinePassed);
    }
    bid.status = BidStatus::Disputed;
    BIDS.save(deps.storage, bid_id, &bid)?;
    Ok(Response::new()
        .add_attribute("action", "dispute")
        .add_attribute("bid_id", bid_id.to_string())
        .add_attribute("by", info.sender))
}

/// Arbiter: split a disputed escrow. Fan part -> refund credit; creator part -> Transfer less
/// commission (rounded up) to the treasury.
pub fn resolve(
    deps: DepsMut,
    info: MessageInfo,
    bid_id: u64,
    to_fan: Uint128,
    to_creator: Uint128,
) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    if info.sender != cfg.arbiter {
        return Err(ContractError::Unauthorized);
    }
    let mut bid = load_bid(deps.storage, bid_id)?;
    expect_status(&bid, BidStatus::Disputed)?;
    let total = to_fan.checked_add(to_creator)?;
    if total != bid.amount {
        return Err(ContractError::SplitMismatch {
            total,
            escrow: bid.amount,
        });
    }
    let bps = bid.commission(legacy_bps(deps.storage, &cfg)?);
    // A creator part whose share rounds to zero would go whole to the commission (issue 12 §6).
    check_creator_share(to_creator, bps)?;
    bid.status = BidStatus::Resolved;
    BIDS.save(deps.storage, bid_id, &bid)?;
    credit_refund(deps.storage, &bid.fan, to_fan)?;
    owe_less(deps.storage, to_creator)?;
    let (msgs, share, commission) = pay_creator(&cfg, &bid.creator, to_creator, bps)?;
    Ok(Response::new()
        .add_messages(msgs)
        .add_attribute("action", "resolve")
        .add_attribute("bid_id", bid_id.to_string())
        .add_attribute("to_fan", to_fan)
        .add_attribute("to_creator", share)
        .add_attribute("commission", commission))
}
