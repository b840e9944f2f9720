//! Owner actions: whitelist, reject, slash, sweep, config.

use cosmwasm_std::{
    coins, to_json_binary, Addr, BankMsg, CosmosMsg, DepsMut, Env, MessageInfo, Order, Response,
    Uint128, WasmMsg,
};
use cw20::Cw20ExecuteMsg;
use mesi_common::interface::{cw20_transfer_msg, query_cw20_balance};
use mesi_common::sweep::{is_bank_denom, sweep_response};
use mesi_types::validator_rewards::{
    Penalty, ValidatorStatus, MAX_CLAIM_DEADLINE, MAX_PENDING_UNBONDINGS_LIMIT, MAX_PERIOD,
    MAX_WORK_ENTRIES_LIMIT,
};
use mesi_types::BPS_DENOMINATOR;

use super::stake::eligibility_threshold;
use super::{operator_account, validate_valoper};
use crate::error::ContractError;
use crate::state::{
    push_unbonding, Candidate, Config, Stream, CANDIDATES, CONFIG, STREAM, UNBONDINGS, VALOPERS,
};

fn invalid(field: &str, reason: &str) -> ContractError {
    ContractError::InvalidConfig {
        field: field.to_string(),
        reason: reason.to_string(),
    }
}

/// Config sanity: every number in its range.
pub fn validate_config(c: &Config) -> Result<(), ContractError> {
    if c.threshold_bps == 0 || c.threshold_bps > BPS_DENOMINATOR {
        return Err(invalid("threshold_bps", "must be 1..=10000"));
    }
    if c.unbonding_period == 0 || c.unbonding_period > MAX_PERIOD {
        return Err(invalid("unbonding_period", "must be 1..=31536000 seconds"));
    }
    if c.stream_period == 0 || c.stream_period > MAX_PERIOD {
        return Err(invalid("stream_period", "must be 1..=31536000 seconds"));
    }
    if c.max_work_entries == 0 || c.max_work_entries > MAX_WORK_ENTRIES_LIMIT {
        return Err(invalid("max_work_entries", "must be 1..=200"));
    }
    if c.max_pending_unbondings == 0 || c.max_pending_unbondings > MAX_PENDING_UNBONDINGS_LIMIT {
        return Err(invalid("max_pending_unbondings", "must be 1..=50"));
    }
    if c.claim_deadline == 0 || c.claim_deadline > MAX_CLAIM_DEADLINE {
        return Err(invalid("claim_deadline", "must be 1..=157680000 seconds"));
    }
    Ok(())
}

/// The active application of operator address `validator`.
fn load_by_valoper(deps: &DepsMut, validator: &str) -> Result<(Addr, Candidate), ContractError> {
    let staker = VALOPERS.may_load(deps.storage, validator)?.ok_or_else(|| {
        ContractError::ValidatorNotFound {
            validator: validator.to_string(),
        }
    })?;
    let cand = CANDIDATES.load(deps.storage, &staker)?;
    Ok((staker, cand))
}

pub fn whitelist(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    validator: String,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    let config = CONFIG.load(deps.storage)?;
    let (staker, mut cand) = load_by_valoper(&deps, &validator)?;
    if cand.status != ValidatorStatus::Pending {
        return Err(ContractError::NotPending { validator });
    }
    let mut stream = STREAM.load(deps.storage)?;
    stream.advance(env.block.time.seconds())?;
    // Not eligible so far: this only moves its index to now (nothing retroactive).
    stream.settle(&mut cand)?;
    stream.detach(&cand)?;
    cand.status = ValidatorStatus::Whitelisted;
    let threshold = eligibility_threshold(&deps, &config, &cand)?;
    stream.attach(&mut cand, threshold)?;
    STREAM.save(deps.storage, &stream)?;
    CANDIDATES.save(deps.storage, &staker, &cand)?;
    Ok(Response::new()
        .add_attribute("action", "whitelist")
        .add_attribute("validator", validator)
        .add_attribute("staker", staker)
        .add_attribute("stake", cand.stake)
        .add_attribute("eligible", cand.eligible.to_string()))
}

/// Reject a pending application or drop a whitelisted validator: stake to unbonding, no penalty.
pub fn reject(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    validator: String,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    let (staker, cand, stake, release_at) =
        remove(deps, &env, &validator, ValidatorStatus::Rejected)?;
    Ok(Response::new()
        .add_attribute("action", "reject")
        .add_attribute("validator", validator)
        .add_attribute("staker", staker)
        .add_attribute("unbonding", stake)
        .add_attribute("release_at", release_at.to_string())
        .add_attribute("status", format!("{:?}", cand.status)))
}

/// The staker record a slash of `validator` reaches: the active application (by `VALOPERS`), or
/// else the record of the validator's operator account (bytes of the operator address, SPEC §6)
/// when it still names this validator — a validator that left, was rejected or removed keeps
/// its unbonding stake slashable until paid out (issue 12 §3).
fn slash_target(deps: &DepsMut, validator: &str) -> Result<(Addr, Candidate), ContractError> {
    let not_found = || ContractError::ValidatorNotFound {
        validator: validator.to_string(),
    };
    let staker = match VALOPERS.may_load(deps.storage, validator)? {
        Some(staker) => staker,
        None => {
            validate_valoper(validator).map_err(|_| not_found())?;
            operator_account(deps.api, validator).map_err(|_| not_found())?
        }
    };
    let cand = CANDIDATES
        .may_load(deps.storage, &staker)?
        .filter(|c| c.valoper == validator)
        .ok_or_else(not_found)?;
    Ok((staker, cand))
}

/// Slash to the treasury. The penalty applies to bonded + unbonding stake (every entry not yet
/// paid out, at most `MAX_PENDING_UNBONDINGS_LIMIT` = 50 entries: a bounded walk) and is taken
/// from the bonded stake first, then from the unbonding entries, oldest first (issue 12 §3). An
/// active validator is settled first (rewards exact), removed, and the rest of its bonded stake
/// goes to unbonding.
pub fn slash(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    validator: String,
    penalty: Penalty,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    let config = CONFIG.load(deps.storage)?;
    let (staker, mut cand) = slash_target(&deps, &validator)?;
    let entries = UNBONDINGS
        .prefix(&staker)
        .range(deps.storage, None, None, Order::Ascending)
        .take(MAX_PENDING_UNBONDINGS_LIMIT as usize)
        .collect::<Result<Vec<_>, _>>()?;
    let mut unbonding = Uint128::zero();
    for (_, e) in &entries {
        unbonding = unbonding.checked_add(e.amount)?;
    }
    let bonded = if cand.is_active() {
        cand.stake
    } else {
        Uint128::zero()
    };
    let slashable = bonded.checked_add(unbonding)?;
    if slashable.is_zero() {
        return Err(ContractError::ValidatorNotFound { validator });
    }
    let amount = match penalty {
        Penalty::Amount { amount } => {
            if amount.is_zero() {
                return Err(ContractError::InvalidPenalty {
                    reason: "zero amount".into(),
                });
            }
            if amount > slashable {
                return Err(ContractError::InvalidPenalty {
                    reason: format!("{amount} exceeds the slashable stake {slashable}"),
                });
            }
            amount
        }
        Penalty::Bps { bps } => {
            if bps == 0 || bps > BPS_DENOMINATOR {
                return Err(ContractError::InvalidPenalty {
                    reason: "bps must be 1..=10000".into(),
                });
            }
            // Rounded up: in the protocol's favour (never zero for a non-zero stake).
            slashable.checked_mul_ceil((u128::from(bps), u128::from(BPS_DENOMINATOR)))?
        }
    };
    let from_bonded = amount.min(bonded);
    let mut from_unbonding = amount.checked_sub(from_bonded)?;

    let now = env.block.time.seconds();
    let release_at = now
        .checked_add(config.unbonding_period)
        .ok_or(ContractError::Overflow {})?;
    let mut stream = STREAM.load(deps.storage)?;
    stream.advance(now)?;
    let mut rest = Uint128::zero();
    if cand.is_active() {
        stream.settle(&mut cand)?;
        stream.detach(&cand)?;
        rest = cand.stake.checked_sub(from_bonded)?;
        // Non-zero only when the penalty did not reach the unbonding entries (no overlap).
        push_unbonding(
            deps.storage,
            &staker,
            &mut cand,
            rest,
            release_at,
            config.max_pending_unbondings,
            true,
        )?;
        stream.total_unbonding = stream.total_unbonding.checked_add(rest)?;
        cand.stake = Uint128::zero();
        cand.status = ValidatorStatus::Removed;
        stream.attach(&mut cand, Uint128::MAX)?;
        VALOPERS.remove(deps.storage, &validator);
    }
    let taken_unbonding = from_unbonding;
    for (id, mut entry) in entries {
        if from_unbonding.is_zero() {
            break;
        }
        let take = from_unbonding.min(entry.amount);
        from_unbonding = from_unbonding.checked_sub(take)?;
        entry.amount = entry.amount.checked_sub(take)?;
        if entry.amount.is_zero() {
            UNBONDINGS.remove(deps.storage, (&staker, id));
            cand.unbond_count = cand.unbond_count.saturating_sub(1);
        } else {
            UNBONDINGS.save(deps.storage, (&staker, id), &entry)?;
        }
    }
    stream.total_unbonding = stream.total_unbonding.checked_sub(taken_unbonding)?;
    STREAM.save(deps.storage, &stream)?;
    CANDIDATES.save(deps.storage, &staker, &cand)?;
    Ok(Response::new()
        .add_message(WasmMsg::Execute {
            contract_addr: config.token.to_string(),
            msg: to_json_binary(&Cw20ExecuteMsg::Transfer {
                recipient: config.treasury.to_string(),
                amount,
            })?,
            funds: vec![],
        })
        .add_attribute("action", "slash")
        .add_attribute("validator", validator)
        .add_attribute("staker", staker)
        .add_attribute("slashed", amount)
        .add_attribute("from_bonded", from_bonded)
        .add_attribute("from_unbonding", taken_unbonding)
        .add_attribute("treasury", config.treasury)
        .add_attribute("unbonding", rest)
        .add_attribute("release_at", release_at.to_string()))
}

/// Everything the contract owes, in base units, from its books: bonded + unbonding stake, the
/// stake stream's distributed-unclaimed and undistributed tokens, and unclaimed work rewards.
pub fn owed(stream: &Stream) -> Result<Uint128, ContractError> {
    Ok(stream
        .total_staked
        .checked_add(stream.total_unbonding)?
        .checked_add(stream.distributed.checked_sub(stream.claimed)?)?
        .checked_add(stream.remaining)?
        .checked_add(stream.work_unclaimed)?)
}

/// Owner only (issue 12 §7, tokens with no way out). `None`: sends the owner `balance - owed` of
/// MESI (cw20 `Transfer`; MESI that arrived by a plain transfer), `owed` from the books, so an owed
/// base unit is never swept. `Some(denom)`: that native coin's whole bank balance (bank send): the
/// contract never owes a native coin. The books do not change. Errors: `Ownership`,
/// `InvalidDenom`, `NothingToSweep` (surplus zero).
pub fn sweep(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    denom: Option<String>,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    let config = CONFIG.load(deps.storage)?;
    let (label, balance, owed) = match &denom {
        Some(d) if !is_bank_denom(d) => {
            return Err(ContractError::InvalidDenom { denom: d.clone() })
        }
        Some(d) => (
            d.clone(),
            deps.querier.query_balance(&env.contract.address, d)?.amount,
            Uint128::zero(),
        ),
        None => (
            "mesi".to_string(),
            query_cw20_balance(&deps.querier, &config.token, &env.contract.address)?,
            owed(&STREAM.load(deps.storage)?)?,
        ),
    };
    // saturating: a balance below the books (impossible while held == owed) sweeps nothing.
    let surplus = balance.saturating_sub(owed);
    if surplus.is_zero() {
        return Err(ContractError::NothingToSweep {
            denom: label,
            balance,
            owed,
        });
    }
    let msg: CosmosMsg = match denom {
        Some(d) => BankMsg::Send {
            to_address: info.sender.to_string(),
            amount: coins(surplus.u128(), d),
        }
        .into(),
        None => cw20_transfer_msg(&config.token, &info.sender, surplus)?,
    };
    Ok(sweep_response(msg, &label, &info.sender, surplus, owed))
}

/// Settles, sends the whole bonded stake to unbonding (merging into the newest entry when the
/// staker's list is full) and closes the application with `status`.
fn remove(
    deps: DepsMut,
    env: &Env,
    validator: &str,
    status: ValidatorStatus,
) -> Result<(Addr, Candidate, Uint128, u64), ContractError> {
    let config = CONFIG.load(deps.storage)?;
    let (staker, mut cand) = load_by_valoper(&deps, validator)?;
    let now = env.block.time.seconds();
    let release_at = now
        .checked_add(config.unbonding_period)
        .ok_or(ContractError::Overflow {})?;
    let mut stream = STREAM.load(deps.storage)?;
    stream.advance(now)?;
    stream.settle(&mut cand)?;
    stream.detach(&cand)?;
    let rest = cand.stake;
    push_unbonding(
        deps.storage,
        &staker,
        &mut cand,
        rest,
        release_at,
        config.max_pending_unbondings,
        true,
    )?;
    stream.total_unbonding = stream.total_unbonding.checked_add(rest)?;
    cand.stake = Uint128::zero();
    cand.status = status;
    stream.attach(&mut cand, Uint128::MAX)?;
    VALOPERS.remove(deps.storage, validator);
    STREAM.save(deps.storage, &stream)?;
    CANDIDATES.save(deps.storage, &staker, &cand)?;
    Ok((staker, cand, rest, release_at))
}

pub struct ConfigUpdate {
    pub treasury: Option<String>,
    pub operator: Option<String>,
    pub threshold_bps: Option<u16>,
    pub unbonding_period: Option<u64>,
    pub stream_period: Option<u64>,
    pub max_work_entries: Option<u32>,
    pub max_pending_unbondings: Option<u32>,
    pub claim_deadline: Option<u64>,
}

/// The token cannot change (every balance is in it). A new threshold applies to each validator at
/// its next check (stake change, whitelist or `Recheck`); a new stream period at the next funding.
pub fn update_config(
    deps: DepsMut,
    info: MessageInfo,
    u: ConfigUpdate,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    let mut c = CONFIG.load(deps.storage)?;
    if let Some(t) = u.treasury {
        c.treasury = deps.api.addr_validate(&t)?;
    }
    if let Some(o) = u.operator {
        c.operator = deps.api.addr_validate(&o)?;
    }
    c.threshold_bps = u.threshold_bps.unwrap_or(c.threshold_bps);
    c.unbonding_period = u.unbonding_period.unwrap_or(c.unbonding_period);
    c.stream_period = u.stream_period.unwrap_or(c.stream_period);
    c.max_work_entries = u.max_work_entries.unwrap_or(c.max_work_entries);
    c.max_pending_unbondings = u.max_pending_unbondings.unwrap_or(c.max_pending_unbondings);
    c.claim_deadline = u.claim_deadline.unwrap_or(c.claim_deadline);
    validate_config(&c)?;
    CONFIG.save(deps.storage, &c)?;
    Ok(Response::new()
        .add_attribute("action", "update_config")
        .add_attribute("treasury", c.treasury)
        .add_attribute("operator", c.operator)
        .add_attribute("threshold_bps", c.threshold_bps.to_string())
        .add_attribute("unbonding_period", c.unbonding_period.to_string())
        .add_attribute("stream_period", c.stream_period.to_string())
        .add_attribute("max_work_entries", c.max_work_entries.to_string())
        .add_attribute(
            "max_pending_unbondings",
            c.max_pending_unbondings.to_string(),
        )
        .add_attribute("claim_deadline", c.claim_deadline.to_string()))
}
