//! Queries (issue 13): a user's split with live points, a gallery's supporters (O(page)), a
//! gallery's O(1) counters, the config.

use cosmwasm_std::{Addr, Deps, Order, StdError, StdResult, Uint128};
use cw_storage_plus::Bound;
use mesi_common::interface::query_tier;
use mesi_types::influence::{
    AllocationResponse, ConfigResponse, GalleryAllocation, GalleryStatsResponse, Supporter,
    SupportersResponse, DEFAULT_SUPPORTERS_LIMIT, MAX_GALLERIES_LIMIT, MAX_SUPPORTERS_LIMIT,
};
use mesi_types::BPS_DENOMINATOR;

use crate::state::{CONFIG, GALLERIES, SHARES, SUPPORTERS, USERS};

fn addr(deps: Deps, address: &str) -> StdResult<Addr> {
    deps.api.addr_validate(address)
}

/// The points a share gives: `floor(points x share_bps / 10,000)` (never more than held).
pub fn share_of(points: Uint128, share_bps: u16) -> Uint128 {
    points.multiply_ratio(share_bps, BPS_DENOMINATOR)
}

fn live_points(deps: Deps, user: &Addr) -> StdResult<Uint128> {
    let token = CONFIG.load(deps.storage)?.token;
    query_tier(&deps.querier, &token, user)
        .map(|t| t.influence_points)
        .map_err(|e| StdError::generic_err(format!("cannot read influence points: {e}")))
}

pub fn config(deps: Deps) -> StdResult<ConfigResponse> {
    let c = CONFIG.load(deps.storage)?;
    Ok(ConfigResponse {
        token: c.token,
        gallery: c.gallery,
        max_galleries: c.max_galleries,
    })
}

pub fn allocation(deps: Deps, user: String) -> StdResult<AllocationResponse> {
    let user = addr(deps, &user)?;
    let points = live_points(deps, &user)?;
    let totals = USERS.may_load(deps.storage, &user)?.unwrap_or_default();
    let mut allocated = Uint128::zero();
    let galleries = SHARES
        .prefix(&user)
        .range(deps.storage, None, None, Order::Ascending)
        .take(MAX_GALLERIES_LIMIT as usize)
        .map(|row| {
            let (creator, share_bps) = row?;
            let p = share_of(points, share_bps);
            allocated = allocated.checked_add(p)?;
            Ok(GalleryAllocation {
                creator,
                share_bps,
                points: p,
            })
        })
        .collect::<StdResult<Vec<_>>>()?;
    Ok(AllocationResponse {
        user,
        influence_points: points,
        total_share_bps: totals.total_bps,
        allocated_points: allocated,
        galleries,
    })
}

pub fn supporters(
    deps: Deps,
    creator: String,
    start_after: Option<String>,
    limit: Option<u32>,
) -> StdResult<SupportersResponse> {
    let creator = addr(deps, &creator)?;
    let start = start_after.map(|s| addr(deps, &s)).transpose()?;
    let limit = limit
        .unwrap_or(DEFAULT_SUPPORTERS_LIMIT)
        .min(MAX_SUPPORTERS_LIMIT) as usize;
    let supporters = SUPPORTERS
        .prefix(&creator)
        .range(
            deps.storage,
            start.as_ref().map(Bound::exclusive),
            None,
            Order::Ascending,
        )
        .take(limit)
        .map(|row| {
            let (user, share_bps) = row?;
            let points = share_of(live_points(deps, &user)?, share_bps);
            Ok(Supporter {
                user,
                share_bps,
                points,
            })
        })
        .collect::<StdResult<Vec<_>>>()?;
    Ok(SupportersResponse {
        creator,
        supporters,
    })
}

pub fn gallery_stats(deps: Deps, creator: String) -> StdResult<GalleryStatsResponse> {
    let creator = addr(deps, &creator)?;
    let g = GALLERIES
        .may_load(deps.storage, &creator)?
        .unwrap_or_default();
    Ok(GalleryStatsResponse {
        creator,
        supporters: g.supporters,
        total_share_bps: g.total_bps,
    })
}
