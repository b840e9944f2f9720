//! Shared pieces: token/treasury queries, the tier cap, payouts and the meeting code hash.

use cosmwasm_std::{
    to_json_binary, Addr, CosmosMsg, Deps, QuerierWrapper, Storage, Uint128, WasmMsg,
};
use cw20::Cw20ExecuteMsg;
use mesi_common::interface;
use mesi_types::bid_to_meet::BidStatus;
use mesi_types::BPS_DENOMINATOR;
use sha2::{Digest, Sha256};

use crate::error::ContractError;
use crate::state::{Bid, Config, BIDS, KYC, REFUNDS};

/// The fan's tier as the token computes it now.
pub fn query_tier(querier: &QuerierWrapper, token: &Addr, who: &Addr) -> Result<u8, ContractError> {
    interface::query_tier(querier, token, who)
        .map(|r| r.tier)
        .map_err(|e| ContractError::TierUnavailable {
            reason: e.to_string(),
        })
}

/// micro-USD -> MESI at the treasury's fresh price.
pub fn usd_to_mesi(
    querier: &QuerierWrapper,
    treasury: &Addr,
    usd: Uint128,
) -> Result<Uint128, ContractError> {
    interface::query_usd_to_mesi(querier, treasury, usd)
        .map(|r| r.mesi)
        .map_err(|e| ContractError::PriceUnavailable {
            reason: e.to_string(),
        })
}

/// The fan's tier and its limit: `(tier, limit_usd, limit_mesi)`; `None` limits = unlimited.
/// Tier 0 is `NoBtmAccess`. An unlimited tier needs no price.
pub fn bid_limit(
    deps: Deps,
    cfg: &Config,
    fan: &Addr,
) -> Result<(u8, Option<Uint128>, Option<Uint128>), ContractError> {
    let tier = query_tier(&deps.querier, &cfg.token, fan)?;
    if tier == 0 {
        return Err(ContractError::NoBtmAccess);
    }
    match cfg.limit_usd(tier) {
        None => Ok((tier, None, None)),
        Some(usd) => {
            let mesi = usd_to_mesi(&deps.querier, &cfg.treasury, usd)?;
            Ok((tier, Some(usd), Some(mesi)))
        }
    }
}

/// Fails unless the creator keeps a non-zero share of a non-zero `amount` after a `bps`
/// commission (issue 12 §6: a share that rounds to zero is never silently consumed).
pub fn check_creator_share(amount: Uint128, bps: u16) -> Result<(), ContractError> {
    if amount.is_zero() {
        return Ok(());
    }
    let (share, _) = split_commission(amount, bps)?;
    if share.is_zero() && bps < BPS_DENOMINATOR {
        return Err(ContractError::CreatorShareRoundsToZero { amount, bps });
    }
    Ok(())
}

/// Fails unless `total` fits the fan's tier limit at the current price.
pub fn check_tier_cap(
    deps: Deps,
    cfg: &Config,
    fan: &Addr,
    total: Uint128,
) -> Result<(), ContractError> {
    if let (tier, Some(usd), Some(limit)) = bid_limit(deps, cfg, fan)? {
        if limit.is_zero() && !usd.is_zero() {
            return Err(ContractError::TierLimitRoundsToZero { tier });
        }
        if total > limit {
            return Err(ContractError::OverTierLimit {
                amount: total,
                limit,
            });
        }
    }
    Ok(())
}

pub fn require_kyc(storage: &dyn Storage, who: &Addr) -> Result<(), ContractError> {
    if KYC.has(storage, who) {
        Ok(())
    } else {
        Err(ContractError::KycRequired {
            address: who.to_string(),
        })
    }
}

pub fn load_bid(storage: &dyn Storage, id: u64) -> Result<Bid, ContractError> {
    BIDS.may_load(storage, id)?
        .ok_or(ContractError::BidNotFound { id })
}

pub fn expect_status(bid: &Bid, expected: BidStatus) -> Result<(), ContractError> {
    if bid.status == expected {
        Ok(())
    } else {
        Err(ContractError::WrongBidStatus {
            status: bid.status,
            expected: format!("{expected:?}"),
        })
    }
}

/// A cw20 Transfer of `amount` to `to`, or nothing for zero (cw20 refuses zero transfers).
pub fn transfer(
    token: &Addr,
    to: &Addr,
    amount: Uint128,
) -> Result<Option<CosmosMsg>, ContractError> {
    if amount.is_zero() {
        return Ok(None);
    }
    Ok(Some(CosmosMsg::Wasm(WasmMsg::Execute {
        contract_addr: token.to_string(),
        msg: to_json_binary(&Cw20ExecuteMsg::Transfer {
            recipient: to.to_string(),
            amount,
        })?,
        funds: vec![],
    })))
}

/// Adds `amount` to `who`'s refund credit.
pub fn credit_refund(
    storage: &mut dyn Storage,
    who: &Addr,
    amount: Uint128,
) -> Result<(), ContractError> {
    if amount.is_zero() {
        return Ok(());
    }
    let current = REFUNDS.may_load(storage, who)?.unwrap_or_default();
    REFUNDS.save(storage, who, &current.checked_add(amount)?)?;
    Ok(())
}

/// `(creator share, commission)`; the commission is rounded up (in the protocol's favour).
pub fn split_commission(amount: Uint128, bps: u16) -> Result<(Uint128, Uint128), ContractError> {
    let keep = BPS_DENOMINATOR.saturating_sub(bps);
    let creator = amount
        .checked_multiply_ratio(keep, BPS_DENOMINATOR)
        .map_err(|e| ContractError::Std(cosmwasm_std::StdError::generic_err(e.to_string())))?;
    let commission = amount.checked_sub(creator)?;
    Ok((creator, commission))
}

/// Messages paying a creator `amount` less a `bps` commission (the bid's frozen rate) to the
/// treasury.
pub fn pay_creator(
    cfg: &Config,
    creator: &Addr,
    amount: Uint128,
    bps: u16,
) -> Result<(Vec<CosmosMsg>, Uint128, Uint128), ContractError> {
    let (share, commission) = split_commission(amount, bps)?;
    let msgs = [
        transfer(&cfg.token, creator, share)?,
        transfer(&cfg.token, &cfg.treasury, commission)?,
    ]
    .into_iter()
    .flatten()
    .collect();
    Ok((msgs, share, commission))
}

/// Lower-case hex of a 32-byte hash, validated.
pub fn normalize_code_hash(hash: &str) -> Result<String, ContractError> {
    if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(ContractError::InvalidCodeHash);
    }
    Ok(hash.to_ascii_lowercase())
}

/// hex(sha256(code)).
pub fn hash_code(code: &str) -> String {
    hex::encode(Sha256::digest(code.as_bytes()))
}

/// `a + b` for ids and block times, overflow as a typed error.
pub fn add_u64(a: u64, b: u64) -> Result<u64, ContractError> {
    a.checked_add(b)
        .ok_or(ContractError::Overflow(cosmwasm_std::OverflowError::new(
            cosmwasm_std::OverflowOperation::Add,
        )))
}
