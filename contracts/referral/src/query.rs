//! Queries. Lists are paginated (`start_after` + `limit`, mesi_common::page_limit).

use cosmwasm_std::{Addr, Deps, Order, StdResult};
use cw_storage_plus::Bound;
use mesi_common::page_limit;
use mesi_types::referral::{
    CodeOfResponse, CodeOwnerResponse, ConfigResponse, OwedEntry, OwedResponse, ReferralInfo,
    ReferralsResponse, ReferrerOfResponse, ReferrerStatsResponse, StatusResponse, TotalsResponse,
    CODE_MAX_LEN, CODE_MIN_LEN, MAX_SETTLE_LIMIT,
};

use crate::external::{pool_limits, price_fresh};
use crate::state::{
    Referral, BY_REFERRER, CODES, CONFIG, OWED_QUEUE, REFERRALS, REFERRER_STATS, TOTALS, USER_CODE,
};

pub fn config(deps: Deps) -> StdResult<ConfigResponse> {
    let c = CONFIG.load(deps.storage)?;
    Ok(ConfigResponse {
        token: c.token,
        treasury: c.treasury,
        operator: c.operator,
        bonus_usd: c.bonus_usd,
        multipliers: c.multipliers,
        code_min_len: CODE_MIN_LEN as u32,
        code_max_len: CODE_MAX_LEN as u32,
    })
}

pub fn code_owner(deps: Deps, code: String) -> StdResult<CodeOwnerResponse> {
    // Same folding as registration; an invalid code simply has no owner.
    let code = code.to_ascii_lowercase();
    let owner = if code.len() <= CODE_MAX_LEN {
        CODES.may_load(deps.storage, &code)?
    } else {
        None
    };
    Ok(CodeOwnerResponse { code, owner })
}

pub fn code_of(deps: Deps, address: String) -> StdResult<CodeOfResponse> {
    let address = deps.api.addr_validate(&address)?;
    let code = USER_CODE.may_load(deps.storage, &address)?;
    Ok(CodeOfResponse { address, code })
}

fn info(referee: Addr, r: Referral) -> ReferralInfo {
    ReferralInfo {
        referee,
        referrer: r.referrer,
        status: r.status,
        tier: r.tier,
        bonus: r.bonus,
        created_at: r.created_at,
        validated_at: r.validated_at,
    }
}

pub fn referrer_of(deps: Deps, address: String) -> StdResult<ReferrerOfResponse> {
    let address = deps.api.addr_validate(&address)?;
    let referral = REFERRALS
        .may_load(deps.storage, &address)?
        .map(|r| info(address.clone(), r));
    Ok(ReferrerOfResponse { address, referral })
}

pub fn referrals(
    deps: Deps,
    referrer: String,
    start_after: Option<String>,
    limit: Option<u32>,
) -> StdResult<ReferralsResponse> {
    let referrer = deps.api.addr_validate(&referrer)?;
    let start = start_after
        .map(|s| deps.api.addr_validate(&s))
        .transpose()?;
    let referrals = BY_REFERRER
        .prefix(&referrer)
        .keys(
            deps.storage,
            start.as_ref().map(Bound::exclusive),
            None,
            Order::Ascending,
        )
        .take(page_limit(limit))
        .map(|referee| {
            let referee = referee?;
            let r = REFERRALS.load(deps.storage, &referee)?;
            Ok(info(referee, r))
        })
        .collect::<StdResult<Vec<_>>>()?;
    Ok(ReferralsResponse { referrals })
}

pub fn referrer_stats(deps: Deps, referrer: String) -> StdResult<ReferrerStatsResponse> {
    let referrer = deps.api.addr_validate(&referrer)?;
    let s = REFERRER_STATS
        .may_load(deps.storage, &referrer)?
        .unwrap_or_default();
    Ok(ReferrerStatsResponse {
        referrer,
        referees: s.referees,
        paid: s.paid,
        owed: s.owed,
    })
}

pub fn totals(deps: Deps) -> StdResult<TotalsResponse> {
    let t = TOTALS.load(deps.storage)?;
    Ok(TotalsResponse {
        referrals: t.referrals,
        pending: t.pending,
        paid_count: t.paid_count,
        paid: t.paid,
        owed_count: t.owed_count(),
        owed: t.owed,
        ineligible_count: t.ineligible_count,
        rejected_count: t.rejected_count,
    })
}

pub fn owed(deps: Deps, start_after: Option<u64>, limit: Option<u32>) -> StdResult<OwedResponse> {
    let owed = OWED_QUEUE
        .range(
            deps.storage,
            start_after.map(Bound::exclusive),
            None,
            Order::Ascending,
        )
        .take(page_limit(limit))
        .map(|item| {
            let (position, referee) = item?;
            let r = REFERRALS.load(deps.storage, &referee)?;
            Ok(OwedEntry {
                position,
                referee,
                referrer: r.referrer,
                amount: r.bonus,
            })
        })
        .collect::<StdResult<Vec<_>>>()?;
    Ok(OwedResponse { owed })
}

pub fn status(deps: Deps) -> StdResult<StatusResponse> {
    let config = CONFIG.load(deps.storage)?;
    let t = TOTALS.load(deps.storage)?;
    let (pool_available, yearly_cap) = pool_limits(&deps.querier, &config.treasury)
        .map_err(|e| cosmwasm_std::StdError::generic_err(e.to_string()))?;
    // The bonus `SettleOwed` would pay first: the first owed entry (of the next MAX_SETTLE_LIMIT)
    // within the yearly cap; entries above the cap are moved back, never paid under that cap.
    let mut next_owed = None;
    for item in OWED_QUEUE
        .range(
            deps.storage,
            Some(Bound::inclusive(t.owed_head)),
            None,
            Order::Ascending,
        )
        .take(MAX_SETTLE_LIMIT as usize)
    {
        let (_, referee) = item?;
        let bonus = REFERRALS.load(deps.storage, &referee)?.bonus;
        if bonus <= yearly_cap {
            next_owed = Some(bonus);
            break;
        }
    }
    Ok(StatusResponse {
        pool_available,
        price_fresh: price_fresh(&deps.querier, &config.treasury),
        owed_count: t.owed_count(),
        owed_amount: t.owed,
        next_owed,
        can_settle: next_owed.is_some_and(|n| n <= pool_available),
        paying: t.owed_count() == 0 && !pool_available.is_zero(),
    })
}
