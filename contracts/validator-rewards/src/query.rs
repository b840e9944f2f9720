use cosmwasm_std::{Addr, Deps, Env, Order, StdError, StdResult, Uint128};
use cw20::{BalanceResponse, Cw20QueryMsg};
use cw_storage_plus::Bound;
use mesi_common::page_limit;
use mesi_types::validator_rewards::{
    AccountingResponse, ConfigResponse, ContributorRewardsResponse, EpochResponse, StreamResponse,
    ThresholdResponse, UnbondingEntry, UnbondingsResponse, ValidatorResponse, ValidatorsResponse,
};

use crate::execute::{threshold_of, total_supply};
use crate::state::{
    Candidate, Stream, CANDIDATES, CONFIG, EPOCHS, STREAM, UNBONDINGS, VALOPERS, WORK,
};
use crate::stream::SCALE;

fn std_err(e: crate::error::ContractError) -> StdError {
    StdError::generic_err(e.to_string())
}

/// The stream as it would be after settling at the current block.
fn stream_now(deps: Deps, env: &Env) -> StdResult<Stream> {
    let mut s = STREAM.load(deps.storage)?;
    s.advance(env.block.time.seconds()).map_err(std_err)?;
    Ok(s)
}

pub fn config(deps: Deps) -> StdResult<ConfigResponse> {
    let c = CONFIG.load(deps.storage)?;
    Ok(ConfigResponse {
        token: c.token.into(),
        treasury: c.treasury.into(),
        operator: c.operator.into(),
        threshold_bps: c.threshold_bps,
        unbonding_period: c.unbonding_period,
        stream_period: c.stream_period,
        max_work_entries: c.max_work_entries,
        max_pending_unbondings: c.max_pending_unbondings,
        claim_deadline: c.claim_deadline,
    })
}

pub fn threshold(deps: Deps) -> StdResult<ThresholdResponse> {
    let c = CONFIG.load(deps.storage)?;
    let supply = total_supply(&deps.querier, &c)?;
    Ok(ThresholdResponse {
        threshold_bps: c.threshold_bps,
        total_supply: supply,
        threshold: threshold_of(supply, c.threshold_bps)?,
    })
}

fn to_response(stream: &Stream, staker: Addr, c: Candidate) -> StdResult<ValidatorResponse> {
    Ok(ValidatorResponse {
        pending_rewards: stream.pending_of(&c).map_err(std_err)?,
        staker: staker.into(),
        validator: c.valoper,
        status: c.status,
        stake: c.stake,
        eligible: c.eligible,
        applied_at: c.applied_at,
        unbonding_entries: c.unbond_count,
    })
}

pub fn validator(deps: Deps, env: Env, validator: String) -> StdResult<ValidatorResponse> {
    let staker = VALOPERS
        .may_load(deps.storage, &validator)?
        .ok_or_else(|| StdError::not_found(format!("validator {validator}")))?;
    let c = CANDIDATES.load(deps.storage, &staker)?;
    to_response(&stream_now(deps, &env)?, staker, c)
}

pub fn staker(deps: Deps, env: Env, address: String) -> StdResult<ValidatorResponse> {
    let staker = deps.api.addr_validate(&address)?;
    let c = CANDIDATES
        .may_load(deps.storage, &staker)?
        .ok_or_else(|| StdError::not_found(format!("staker {staker}")))?;
    to_response(&stream_now(deps, &env)?, staker, c)
}

pub fn validators(
    deps: Deps,
    env: Env,
    start_after: Option<String>,
    limit: Option<u32>,
) -> StdResult<ValidatorsResponse> {
    let stream = stream_now(deps, &env)?;
    let start = start_after
        .map(|s| deps.api.addr_validate(&s))
        .transpose()?;
    let validators = CANDIDATES
        .range(
            deps.storage,
            start.as_ref().map(Bound::exclusive),
            None,
            Order::Ascending,
        )
        .take(page_limit(limit))
        .map(|r| r.and_then(|(staker, c)| to_response(&stream, staker, c)))
        .collect::<StdResult<Vec<_>>>()?;
    Ok(ValidatorsResponse { validators })
}

pub fn stream(deps: Deps, env: Env) -> StdResult<StreamResponse> {
    let s = stream_now(deps, &env)?;
    Ok(StreamResponse {
        reward_per_stake: s.rps,
        scale: SCALE,
        undistributed: s.remaining,
        stream_end: s.end,
        last_update: s.last_update,
        paused: !s.remaining.is_zero() && s.total_eligible.is_zero(),
        total_staked: s.total_staked,
        total_eligible: s.total_eligible,
        total_unbonding: s.total_unbonding,
        funded: s.funded,
        distributed: s.distributed,
        claimed: s.claimed,
        carry: s.carry,
    })
}

pub fn accounting(deps: Deps, env: Env) -> StdResult<AccountingResponse> {
    let c = CONFIG.load(deps.storage)?;
    let s = stream_now(deps, &env)?;
    let balance: BalanceResponse = deps.querier.query_wasm_smart(
        &c.token,
        &Cw20QueryMsg::Balance {
            address: env.contract.address.to_string(),
        },
    )?;
    let stream_unclaimed = s.distributed.checked_sub(s.claimed)?;
    let owed = crate::execute::admin::owed(&s).map_err(std_err)?;
    Ok(AccountingResponse {
        balance: balance.balance,
        staked: s.total_staked,
        unbonding: s.total_unbonding,
        stream_unclaimed,
        stream_undistributed: s.remaining,
        work_unclaimed: s.work_unclaimed,
        surplus: balance.balance.saturating_sub(owed),
    })
}

pub fn epoch(deps: Deps, epoch: u64) -> StdResult<EpochResponse> {
    let e = EPOCHS
        .may_load(deps.storage, epoch)?
        .ok_or_else(|| StdError::not_found(format!("epoch {epoch}")))?;
    Ok(EpochResponse {
        epoch,
        reward: e.reward,
        total_units: e.total_units,
        contributors: e.contributors,
        closed: e.closed,
        claimed: e.claimed,
        claimed_contributors: e.claimed_contributors,
        closed_at: e.closed_at,
        claim_until: e
            .deadline(deps.storage)
            .map_err(|e| StdError::generic_err(e.to_string()))?,
        expired: e.expired,
    })
}

pub fn contributor_rewards(
    deps: Deps,
    env: Env,
    address: String,
    epoch: u64,
) -> StdResult<ContributorRewardsResponse> {
    let addr = deps.api.addr_validate(&address)?;
    let e = EPOCHS.may_load(deps.storage, epoch)?.unwrap_or_default();
    let w = WORK.may_load(deps.storage, (epoch, &addr))?;
    let (units, claimed) = w.map_or((Uint128::zero(), false), |w| (w.units, w.claimed));
    let open = e
        .deadline(deps.storage)
        .map_err(std_err)?
        .is_some_and(|until| env.block.time.seconds() < until);
    let claimable = if e.closed && open && !e.expired && !claimed && !e.total_units.is_zero() {
        e.reward
            .checked_multiply_ratio(units, e.total_units)
            .map_err(|e| StdError::generic_err(e.to_string()))?
    } else {
        Uint128::zero()
    };
    Ok(ContributorRewardsResponse {
        address: addr.into(),
        epoch,
        units,
        claimable,
        claimed,
    })
}

pub fn unbondings(
    deps: Deps,
    address: String,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> StdResult<UnbondingsResponse> {
    let addr = deps.api.addr_validate(&address)?;
    let entries = UNBONDINGS
        .prefix(&addr)
        .range(
            deps.storage,
            start_after.map(Bound::exclusive),
            None,
            Order::Ascending,
        )
        .take(page_limit(limit))
        .map(|r| {
            r.map(|(id, u)| UnbondingEntry {
                id,
                amount: u.amount,
                release_at: u.release_at,
            })
        })
        .collect::<StdResult<Vec<_>>>()?;
    Ok(UnbondingsResponse { entries })
}
