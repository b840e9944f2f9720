//! Apply, top up, unstake / leave and claim unbonded stake.

use cosmwasm_std::{
    to_json_binary, Addr, DepsMut, Env, MessageInfo, Order, Response, Uint128, Uint256, WasmMsg,
};
use cw20::Cw20ExecuteMsg;
use mesi_types::validator_rewards::{ValidatorStatus, MAX_PENDING_UNBONDINGS_LIMIT};

use super::{assert_operator_account, current_threshold, validate_valoper};
use crate::error::ContractError;
use crate::state::{
    push_unbonding, Candidate, Config, CANDIDATES, CONFIG, STREAM, UNBONDINGS, VALOPERS,
};

/// `{"apply":{"validator":".."}}`: a new application with `amount` of stake.
pub fn apply(
    deps: DepsMut,
    env: Env,
    config: &Config,
    staker: Addr,
    amount: Uint128,
    validator: String,
) -> Result<Response, ContractError> {
    validate_valoper(&validator)?;
    assert_operator_account(deps.api, &staker, &validator)?;
    if VALOPERS.has(deps.storage, &validator) {
        return Err(ContractError::ValidatorTaken { validator });
    }
    let existing = CANDIDATES.may_load(deps.storage, &staker)?;
    if existing.as_ref().is_some_and(Candidate::is_active) {
        return Err(ContractError::AlreadyApplied {
            staker: staker.to_string(),
        });
    }
    // The chain must know this validator (a malformed address is unknown too).
    let known = deps
        .querier
        .query_validator(validator.clone())
        .ok()
        .flatten()
        .is_some();
    if !known {
        return Err(ContractError::UnknownValidator { validator });
    }
    // Threshold of the total supply read now.
    let threshold = current_threshold(&deps.querier, config)?;
    if amount < threshold {
        return Err(ContractError::BelowThreshold { amount, threshold });
    }

    let mut stream = STREAM.load(deps.storage)?;
    let now = env.block.time.seconds();
    // A returning staker keeps its unclaimed rewards and unbonding entries.
    let mut cand = match existing {
        Some(c) => Candidate {
            valoper: validator.clone(),
            status: ValidatorStatus::Pending,
            stake: amount,
            eligible: false,
            index: stream.rps,
            applied_at: now,
            ..c
        },
        None => Candidate {
            valoper: validator.clone(),
            status: ValidatorStatus::Pending,
            stake: amount,
            eligible: false,
            index: stream.rps,
            pending: Uint256::zero(),
            applied_at: now,
            unbond_count: 0,
            unbond_next_id: 0,
        },
    };
    // Pending: not eligible, so only total_staked moves.
    stream.attach(&mut cand, threshold)?;
    STREAM.save(deps.storage, &stream)?;
    CANDIDATES.save(deps.storage, &staker, &cand)?;
    VALOPERS.save(deps.storage, &validator, &staker)?;
    Ok(Response::new()
        .add_attribute("action", "apply")
        .add_attribute("staker", staker)
        .add_attribute("validator", validator)
        .add_attribute("amount", amount)
        .add_attribute("threshold", threshold))
}

/// `{"stake":{}}`: top up an active application / validator.
pub fn top_up(
    deps: DepsMut,
    env: Env,
    config: &Config,
    staker: Addr,
    amount: Uint128,
) -> Result<Response, ContractError> {
    let mut cand = load_active(&deps, &staker)?;
    let mut stream = STREAM.load(deps.storage)?;
    stream.advance(env.block.time.seconds())?;
    stream.settle(&mut cand)?;
    stream.detach(&cand)?;
    cand.stake = cand.stake.checked_add(amount)?;
    let threshold = eligibility_threshold(&deps, config, &cand)?;
    stream.attach(&mut cand, threshold)?;
    STREAM.save(deps.storage, &stream)?;
    CANDIDATES.save(deps.storage, &staker, &cand)?;
    Ok(Response::new()
        .add_attribute("action", "stake")
        .add_attribute("staker", staker)
        .add_attribute("validator", cand.valoper)
        .add_attribute("amount", amount)
        .add_attribute("stake", cand.stake)
        .add_attribute("eligible", cand.eligible.to_string()))
}

/// `Unstake { amount }` (`None`: leave with everything). Unstaking the whole stake leaves.
pub fn unstake(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    amount: Option<Uint128>,
) -> Result<Response, ContractError> {
    let config = CONFIG.load(deps.storage)?;
    let staker = info.sender;
    let mut cand = load_active(&deps, &staker)?;
    let amount = amount.unwrap_or(cand.stake);
    if amount.is_zero() {
        return Err(ContractError::ZeroAmount {});
    }
    if amount > cand.stake {
        return Err(ContractError::InsufficientStake {
            stake: cand.stake,
            requested: amount,
        });
    }
    let now = env.block.time.seconds();
    let release_at = now
        .checked_add(config.unbonding_period)
        .ok_or(ContractError::Overflow {})?;
    let mut stream = STREAM.load(deps.storage)?;
    stream.advance(now)?;
    stream.settle(&mut cand)?;
    stream.detach(&cand)?;
    // Staker action: fails (state untouched) when the unbonding list is full.
    push_unbonding(
        deps.storage,
        &staker,
        &mut cand,
        amount,
        release_at,
        config.max_pending_unbondings,
        false,
    )?;
    cand.stake = cand.stake.checked_sub(amount)?;
    stream.total_unbonding = stream.total_unbonding.checked_add(amount)?;
    let left = cand.stake.is_zero();
    if left {
        cand.status = ValidatorStatus::Left;
        VALOPERS.remove(deps.storage, &cand.valoper);
    }
    let threshold = eligibility_threshold(&deps, &config, &cand)?;
    stream.attach(&mut cand, threshold)?;
    STREAM.save(deps.storage, &stream)?;
    CANDIDATES.save(deps.storage, &staker, &cand)?;
    Ok(Response::new()
        .add_attribute("action", if left { "leave" } else { "unstake" })
        .add_attribute("staker", staker)
        .add_attribute("validator", cand.valoper)
        .add_attribute("amount", amount)
        .add_attribute("stake", cand.stake)
        .add_attribute("release_at", release_at.to_string())
        .add_attribute("eligible", cand.eligible.to_string()))
}

/// Withdraws every unbonding entry whose period has ended (bounded by the per-staker maximum).
pub fn claim_unbonded(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
) -> Result<Response, ContractError> {
    let config = CONFIG.load(deps.storage)?;
    let staker = info.sender;
    let mut cand = CANDIDATES.may_load(deps.storage, &staker)?.ok_or_else(|| {
        ContractError::StakerNotFound {
            staker: staker.to_string(),
        }
    })?;
    let now = env.block.time.seconds();
    let due = UNBONDINGS
        .prefix(&staker)
        .range(deps.storage, None, None, Order::Ascending)
        .take(MAX_PENDING_UNBONDINGS_LIMIT as usize)
        .filter(|r| r.as_ref().map_or(true, |(_, u)| u.release_at <= now))
        .collect::<Result<Vec<_>, _>>()?;
    if due.is_empty() {
        return Err(ContractError::NothingToClaim {});
    }
    let mut total = Uint128::zero();
    for (id, entry) in &due {
        total = total.checked_add(entry.amount)?;
        UNBONDINGS.remove(deps.storage, (&staker, *id));
    }
    cand.unbond_count = cand.unbond_count.saturating_sub(due.len() as u32);
    let mut stream = STREAM.load(deps.storage)?;
    stream.total_unbonding = stream.total_unbonding.checked_sub(total)?;
    STREAM.save(deps.storage, &stream)?;
    CANDIDATES.save(deps.storage, &staker, &cand)?;
    Ok(Response::new()
        .add_message(WasmMsg::Execute {
            contract_addr: config.token.to_string(),
            msg: to_json_binary(&Cw20ExecuteMsg::Transfer {
                recipient: staker.to_string(),
                amount: total,
            })?,
            funds: vec![],
        })
        .add_attribute("action", "claim_unbonded")
        .add_attribute("staker", staker)
        .add_attribute("amount", total)
        .add_attribute("entries", due.len().to_string()))
}

/// The staker's record when it is pending or whitelisted.
pub fn load_active(deps: &DepsMut, staker: &Addr) -> Result<Candidate, ContractError> {
    CANDIDATES
        .may_load(deps.storage, staker)?
        .filter(Candidate::is_active)
        .ok_or_else(|| ContractError::NoActiveApplication {
            staker: staker.to_string(),
        })
}

/// The threshold to check eligibility against: read from the token only for a whitelisted
/// validator with stake (anything else is ineligible whatever the threshold).
pub fn eligibility_threshold(
    deps: &DepsMut,
    config: &Config,
    cand: &Candidate,
) -> Result<Uint128, ContractError> {
    if cand.status == ValidatorStatus::Whitelisted && !cand.stake.is_zero() {
        Ok(current_threshold(&deps.querier, config)?)
    } else {
        Ok(Uint128::MAX)
    }
}
