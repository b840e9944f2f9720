//! Queries; every list is paginated (`start_after` + `limit`, at most 100).

use cosmwasm_std::Empty;
use cosmwasm_std::{Addr, Deps, Env, Order, StdResult, Uint128};
use cw_storage_plus::{Bound, Map};
use mesi_common::page_limit;
use mesi_types::bid_to_meet::{
    AccountingResponse, BidLimitResponse, BidResponse, BidsResponse, ConfigResponse,
    CreatorResponse, KycResponse, RefundResponse, SlotResponse, SlotsResponse,
};

use crate::error::ContractError;
use crate::helpers::{query_tier, usd_to_mesi};
use crate::state::{
    legacy_bps, BIDS, BIDS_BY_CREATOR, BIDS_BY_FAN, CONFIG, CREATORS, KYC, OWED, REFUNDS, SLOTS,
    SLOTS_BY_CREATOR,
};

pub fn config(deps: Deps) -> StdResult<ConfigResponse> {
    Ok(CONFIG.load(deps.storage)?.to_response())
}

pub fn creator(deps: Deps, address: String) -> StdResult<CreatorResponse> {
    let address = deps.api.addr_validate(&address)?;
    Ok(match CREATORS.may_load(deps.storage, &address)? {
        Some(p) => CreatorResponse {
            enabled: p.enabled,
            min_bid: p.min_bid,
            formats: p.format_list(),
            address,
        },
        None => CreatorResponse {
            address,
            enabled: false,
            min_bid: Uint128::zero(),
            formats: vec![],
        },
    })
}

pub fn kyc(deps: Deps, address: String) -> StdResult<KycResponse> {
    let address = deps.api.addr_validate(&address)?;
    Ok(KycResponse {
        completed: KYC.has(deps.storage, &address),
        address,
    })
}

pub fn refund(deps: Deps, address: String) -> StdResult<RefundResponse> {
    let address = deps.api.addr_validate(&address)?;
    Ok(RefundResponse {
        amount: REFUNDS
            .may_load(deps.storage, &address)?
            .unwrap_or_default(),
        address,
    })
}

pub fn bid_limit(deps: Deps, address: String) -> Result<BidLimitResponse, ContractError> {
    let address = deps.api.addr_validate(&address)?;
    let cfg = CONFIG.load(deps.storage)?;
    let tier = query_tier(&deps.querier, &cfg.token, &address)?;
    let (limit_usd, limit_mesi) = match (tier, cfg.limit_usd(tier)) {
        (0, _) | (_, None) => (None, None),
        (_, Some(usd)) => (
            Some(usd),
            Some(usd_to_mesi(&deps.querier, &cfg.treasury, usd)?),
        ),
    };
    Ok(BidLimitResponse {
        address,
        tier,
        has_access: tier > 0,
        limit_usd,
        limit_mesi,
    })
}

pub fn bid(deps: Deps, bid_id: u64) -> StdResult<BidResponse> {
    let legacy = legacy_bps(deps.storage, &CONFIG.load(deps.storage)?)?;
    Ok(BIDS.load(deps.storage, bid_id)?.to_response(bid_id, legacy))
}

fn bids_in(
    deps: Deps,
    index: &Map<(&Addr, u64), Empty>,
    owner: &Addr,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> StdResult<BidsResponse> {
    let ids: Vec<u64> = index
        .prefix(owner)
        .keys(
            deps.storage,
            start_after.map(Bound::exclusive),
            None,
            Order::Ascending,
        )
        .take(page_limit(limit))
        .collect::<StdResult<_>>()?;
    let legacy = legacy_bps(deps.storage, &CONFIG.load(deps.storage)?)?;
    let bids = ids
        .into_iter()
        .map(|id| Ok(BIDS.load(deps.storage, id)?.to_response(id, legacy)))
        .collect::<StdResult<_>>()?;
    Ok(BidsResponse { bids })
}

pub fn bids_by_creator(
    deps: Deps,
    creator: String,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> StdResult<BidsResponse> {
    let creator = deps.api.addr_validate(&creator)?;
    bids_in(deps, &BIDS_BY_CREATOR, &creator, start_after, limit)
}

pub fn bids_by_fan(
    deps: Deps,
    fan: String,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> StdResult<BidsResponse> {
    let fan = deps.api.addr_validate(&fan)?;
    bids_in(deps, &BIDS_BY_FAN, &fan, start_after, limit)
}

pub fn slot(deps: Deps, env: Env, slot_id: u64) -> StdResult<SlotResponse> {
    Ok(SLOTS
        .load(deps.storage, slot_id)?
        .to_response(slot_id, env.block.time.seconds()))
}

pub fn slots_by_creator(
    deps: Deps,
    env: Env,
    creator: String,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> StdResult<SlotsResponse> {
    let creator = deps.api.addr_validate(&creator)?;
    let now = env.block.time.seconds();
    let ids: Vec<u64> = SLOTS_BY_CREATOR
        .prefix(&creator)
        .keys(
            deps.storage,
            start_after.map(Bound::exclusive),
            None,
            Order::Ascending,
        )
        .take(page_limit(limit))
        .collect::<StdResult<_>>()?;
    let slots = ids
        .into_iter()
        .map(|id| Ok(SLOTS.load(deps.storage, id)?.to_response(id, now)))
        .collect::<StdResult<_>>()?;
    Ok(SlotsResponse { slots })
}

/// Balance vs. books: `owed` = live escrows + refund credits; `surplus` = what `Sweep` may take.
pub fn accounting(deps: Deps, env: Env) -> StdResult<AccountingResponse> {
    let cfg = CONFIG.load(deps.storage)?;
    let balance = mesi_common::interface::query_cw20_balance(
        &deps.querier,
        &cfg.token,
        &env.contract.address,
    )?;
    let owed = OWED.load(deps.storage)?;
    Ok(AccountingResponse {
        balance,
        owed,
        surplus: balance.saturating_sub(owed),
    })
}
