//! Creator profiles (enable / disable) and the operator's KYC flags.

use cosmwasm_std::{DepsMut, Empty, MessageInfo, Response, Uint128};
use mesi_types::bid_to_meet::Format;

use crate::error::ContractError;
use crate::state::{Profile, CONFIG, CREATORS, KYC};

/// Bit mask of a non-empty list of distinct formats.
pub fn format_mask(formats: &[Format]) -> Result<u8, ContractError> {
    if formats.is_empty() {
        return Err(ContractError::NoFormats);
    }
    let mut mask = 0u8;
    for f in formats {
        if mask & f.bit() != 0 {
            return Err(ContractError::DuplicateFormat { format: *f });
        }
        mask |= f.bit();
    }
    Ok(mask)
}

pub fn enable(
    deps: DepsMut,
    info: MessageInfo,
    min_bid: Uint128,
    formats: Vec<Format>,
) -> Result<Response, ContractError> {
    if min_bid.is_zero() {
        return Err(ContractError::ZeroMinBid);
    }
    let mask = format_mask(&formats)?;
    let profile = Profile {
        enabled: true,
        min_bid,
        formats: mask,
    };
    CREATORS.save(deps.storage, &info.sender, &profile)?;
    Ok(Response::new()
        .add_attribute("action", "enable")
        .add_attribute("creator", info.sender)
        .add_attribute("min_bid", min_bid)
        .add_attribute("formats", mask.to_string()))
}

pub fn disable(deps: DepsMut, info: MessageInfo) -> Result<Response, ContractError> {
    let mut profile = CREATORS
        .may_load(deps.storage, &info.sender)?
        .filter(|p| p.enabled)
        .ok_or_else(|| ContractError::CreatorNotEnabled {
            creator: info.sender.to_string(),
        })?;
    profile.enabled = false;
    CREATORS.save(deps.storage, &info.sender, &profile)?;
    Ok(Response::new()
        .add_attribute("action", "disable")
        .add_attribute("creator", info.sender))
}

pub fn set_kyc(
    deps: DepsMut,
    info: MessageInfo,
    address: String,
    completed: bool,
) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    if info.sender != cfg.operator {
        return Err(ContractError::Unauthorized);
    }
    let addr = deps.api.addr_validate(&address)?;
    if completed {
        KYC.save(deps.storage, &addr, &Empty {})?;
    } else {
        KYC.remove(deps.storage, &addr);
    }
    Ok(Response::new()
        .add_attribute("action", "set_kyc")
        .add_attribute("address", addr)
        .add_attribute("completed", completed.to_string()))
}
