//! Slot auctions: open, bid (with minimum increment, anti-sniping and pull refunds), cancel, settle.

use cosmwasm_std::{Addr, DepsMut, Empty, Env, MessageInfo, Response, Uint128};
use mesi_types::bid_to_meet::{BidStatus, Format, SlotStatus};

use crate::bid::store_new_bid;
use crate::error::ContractError;
use crate::helpers::{
    add_u64, check_creator_share, check_tier_cap, credit_refund, load_bid, require_kyc,
};
use crate::meeting::accept_core;
use crate::state::{Bid, Config, Slot, BIDS, CONFIG, CREATORS, NEXT_SLOT, SLOTS, SLOTS_BY_CREATOR};

fn load_slot(deps: &DepsMut, id: u64) -> Result<Slot, ContractError> {
    SLOTS
        .may_load(deps.storage, id)?
        .ok_or(ContractError::SlotNotFound { id })
}

fn expect_open(slot: &Slot) -> Result<(), ContractError> {
    if slot.status == SlotStatus::Open {
        Ok(())
    } else {
        Err(ContractError::SlotClosed {
            status: slot.status,
        })
    }
}

pub fn open_slot(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    format: Format,
    end_time: u64,
    min_bid: Uint128,
    min_increment: Uint128,
) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let profile = CREATORS
        .may_load(deps.storage, &info.sender)?
        .filter(|p| p.enabled)
        .ok_or_else(|| ContractError::CreatorNotEnabled {
            creator: info.sender.to_string(),
        })?;
    if !profile.offers(format) {
        return Err(ContractError::FormatNotOffered { format });
    }
    if min_bid < profile.min_bid {
        return Err(ContractError::BidTooLow {
            amount: min_bid,
            minimum: profile.min_bid,
        });
    }
    if min_increment.is_zero() {
        return Err(ContractError::ZeroIncrement);
    }
    let now = env.block.time.seconds();
    let latest = add_u64(now, cfg.max_slot_duration)?;
    if end_time <= now || end_time > latest {
        return Err(ContractError::InvalidEndTime {
            max: cfg.max_slot_duration,
        });
    }
    let id = NEXT_SLOT.load(deps.storage)?;
    NEXT_SLOT.save(deps.storage, &add_u64(id, 1)?)?;
    let slot = Slot {
        creator: info.sender.clone(),
        format,
        min_bid,
        min_increment,
        end_time,
        status: SlotStatus::Open,
        highest: None,
    };
    SLOTS.save(deps.storage, id, &slot)?;
    SLOTS_BY_CREATOR.save(deps.storage, (&info.sender, id), &Empty {})?;
    Ok(Response::new()
        .add_attribute("action", "open_slot")
        .add_attribute("slot_id", id.to_string())
        .add_attribute("creator", info.sender)
        .add_attribute("end_time", end_time.to_string())
        .add_attribute("min_bid", min_bid)
        .add_attribute("min_increment", min_increment))
}

/// A bid on a slot (from the Receive hook). The previous highest bid becomes a refund credit.
pub fn slot_bid(
    mut deps: DepsMut,
    env: Env,
    cfg: &Config,
    fan: Addr,
    slot_id: u64,
    amount: Uint128,
) -> Result<Response, ContractError> {
    let mut slot = load_slot(&deps, slot_id)?;
    expect_open(&slot)?;
    let now = env.block.time.seconds();
    if now >= slot.end_time {
        return Err(ContractError::SlotEnded);
    }
    if fan == slot.creator {
        return Err(ContractError::SelfBid);
    }
    // The same gate as a direct bid (issue 12 §7): a creator who disabled bid-to-meet or stopped
    // offering the slot's format takes no more slot bids.
    let profile = CREATORS
        .may_load(deps.storage, &slot.creator)?
        .filter(|p| p.enabled)
        .ok_or_else(|| ContractError::CreatorNotEnabled {
            creator: slot.creator.to_string(),
        })?;
    if !profile.offers(slot.format) {
        return Err(ContractError::FormatNotOffered {
            format: slot.format,
        });
    }
    require_kyc(deps.storage, &fan)?;
    let minimum = match &slot.highest {
        Some((_, _, highest)) => highest.checked_add(slot.min_increment)?,
        None => slot.min_bid,
    };
    if amount < minimum {
        return Err(ContractError::BidTooLow { amount, minimum });
    }
    check_creator_share(amount, cfg.commission_bps)?;
    check_tier_cap(deps.as_ref(), cfg, &fan, amount)?;

    let mut res = Response::new().add_attribute("action", "slot_bid");
    if let Some((prev_id, prev_fan, prev_amount)) = slot.highest.take() {
        let mut prev = load_bid(deps.storage, prev_id)?;
        prev.status = BidStatus::Outbid;
        BIDS.save(deps.storage, prev_id, &prev)?;
        credit_refund(deps.storage, &prev_fan, prev_amount)?;
        res = res
            .add_attribute("outbid_bid_id", prev_id.to_string())
            .add_attribute("refund_credit", prev_amount);
    }
    let bid = Bid {
        creator: slot.creator.clone(),
        fan: fan.clone(),
        format: slot.format,
        amount,
        commission_bps: Some(cfg.commission_bps),
        slot_id: Some(slot_id),
        status: BidStatus::Open,
        created_at: now,
        code_hash: None,
        accepted_at: None,
        kyf_deadline: None,
        kyf_consented: false,
        meeting_deadline: None,
    };
    let id = store_new_bid(&mut deps, &bid)?;
    slot.highest = Some((id, fan.clone(), amount));
    // Anti-sniping: a bid in the last window pushes the end back.
    if now >= slot.end_time.saturating_sub(cfg.anti_snipe_window) {
        slot.end_time = add_u64(slot.end_time, cfg.anti_snipe_extension)?;
        res = res.add_attribute("extended_to", slot.end_time.to_string());
    }
    SLOTS.save(deps.storage, slot_id, &slot)?;
    Ok(res
        .add_attribute("slot_id", slot_id.to_string())
        .add_attribute("bid_id", id.to_string())
        .add_attribute("fan", fan)
        .add_attribute("amount", amount)
        .add_attribute("end_time", slot.end_time.to_string()))
}

pub fn cancel_slot(
    deps: DepsMut,
    info: MessageInfo,
    slot_id: u64,
) -> Result<Response, ContractError> {
    let mut slot = load_slot(&deps, slot_id)?;
    if slot.creator != info.sender {
        return Err(ContractError::Unauthorized);
    }
    expect_open(&slot)?;
    if slot.highest.is_some() {
        return Err(ContractError::SlotHasBids);
    }
    slot.status = SlotStatus::Cancelled;
    SLOTS.save(deps.storage, slot_id, &slot)?;
    Ok(Response::new()
        .add_attribute("action", "cancel_slot")
        .add_attribute("slot_id", slot_id.to_string()))
}

pub fn settle_slot(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    slot_id: u64,
    code_hash: String,
    request_kyf: bool,
) -> Result<Response, ContractError> {
    let mut slot = load_slot(&deps, slot_id)?;
    if slot.creator != info.sender {
        return Err(ContractError::Unauthorized);
    }
    expect_open(&slot)?;
    let now = env.block.time.seconds();
    if now < slot.end_time {
        return Err(ContractError::SlotNotEnded {
            end_time: slot.end_time,
        });
    }
    let bid_id = match &slot.highest {
        Some((id, _, _)) => *id,
        None => return Err(ContractError::NoSlotBids),
    };
    let cfg = CONFIG.load(deps.storage)?;
    let mut bid = load_bid(deps.storage, bid_id)?;
    accept_core(&cfg, &mut bid, now, &code_hash, request_kyf)?;
    BIDS.save(deps.storage, bid_id, &bid)?;
    slot.status = SlotStatus::Settled;
    SLOTS.save(deps.storage, slot_id, &slot)?;
    Ok(Response::new()
        .add_attribute("action", "settle_slot")
        .add_attribute("slot_id", slot_id.to_string())
        .add_attribute("bid_id", bid_id.to_string())
        .add_attribute("fan", bid.fan)
        .add_attribute("amount", bid.amount)
        .add_attribute("status", format!("{:?}", bid.status)))
}
