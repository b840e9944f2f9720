//! Owner actions: whitelist, reject, slash, config.

use cosmwasm_std::{to_json_binary, Addr, DepsMut, Env, MessageInfo, Response, Uint128, WasmMsg};
use cw20::Cw20ExecuteMsg;
use mesi_types::validator_rewards::{
    Penalty, ValidatorStatus, MAX_PENDING_UNBONDINGS_LIMIT, MAX_PERIOD, MAX_WORK_ENTRIES_LIMIT,
};
use mesi_types::BPS_DENOMINATOR;

use super::stake::eligibility_threshold;
use crate::error::ContractError;
use crate::state::{push_unbonding, Candidate, Config, CANDIDATES, CONFIG, STREAM, VALOPERS};

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
    let (staker, cand, stake, release_at) = remove(
        deps,
        &env,
        &validator,
        Uint128::zero(),
        ValidatorStatus::Rejected,
    )?;
    Ok(Response::new()
        .add_attribute("action", "reject")
        .add_attribute("validator", validator)
        .add_attribute("staker", staker)
        .add_attribute("unbonding", stake)
        .add_attribute("release_at", release_at.to_string())
        .add_attribute("status", format!("{:?}", cand.status)))
}

/// Slash to the treasury and remove; the rest of the stake goes to unbonding.
pub fn slash(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    validator: String,
    penalty: Penalty,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    let config = CONFIG.load(deps.storage)?;
    let (_, cand) = load_by_valoper(&deps, &validator)?;
    let amount = match penalty {
        Penalty::Amount { amount } => {
            if amount.is_zero() {
                return Err(ContractError::InvalidPenalty {
                    reason: "zero amount".into(),
                });
            }
            if amount > cand.stake {
                return Err(ContractError::InvalidPenalty {
                    reason: format!("{amount} exceeds the stake {}", cand.stake),
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
            // Rounded up: in the protocol's favour.
            cand.stake
                .checked_mul_ceil((u128::from(bps), u128::from(BPS_DENOMINATOR)))?
        }
    };
    let (staker, _, rest, release_at) =
        remove(deps, &env, &validator, amount, ValidatorStatus::Removed)?;
    let mut res = Response::new();
    if !amount.is_zero() {
        res = res.add_message(WasmMsg::Execute {
            contract_addr: config.token.to_string(),
            msg: to_json_binary(&Cw20ExecuteMsg::Transfer {
                recipient: config.treasury.to_string(),
                amount,
            })?,
            funds: vec![],
        });
    }
    Ok(res
        .add_attribute("action", "slash")
        .add_attribute("validator", validator)
        .add_attribute("staker", staker)
        .add_attribute("slashed", amount)
        .add_attribute("treasury", config.treasury)
        .add_attribute("unbonding", rest)
        .add_attribute("release_at", release_at.to_string()))
}

/// Settles, takes `penalty` out of the stake, sends the rest to unbonding (merging into the newest
/// entry when the staker's list is full) and closes the application with `status`.
fn remove(
    deps: DepsMut,
    env: &Env,
    validator: &str,
    penalty: Uint128,
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
    let rest = cand.stake.checked_sub(penalty)?;
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
        ))
}
