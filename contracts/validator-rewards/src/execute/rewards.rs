//! The stake stream: fund, claim, eligibility re-check.

use cosmwasm_std::{to_json_binary, Addr, DepsMut, Env, MessageInfo, Response, Uint128, WasmMsg};
use cw20::Cw20ExecuteMsg;
use mesi_common::interface;
use mesi_types::validator_rewards::{ReceiveMsg, ValidatorStatus};

use super::stake::eligibility_threshold;
use super::validate_valoper;
use crate::error::ContractError;
use crate::state::{Config, CANDIDATES, CONFIG, STREAM, VALOPERS};

/// `{"fund":{}}` from anyone: `amount` plus what is still streaming is spread over the next
/// `stream_period` seconds.
pub fn fund(
    deps: DepsMut,
    env: Env,
    config: &Config,
    sender: Addr,
    amount: Uint128,
) -> Result<Response, ContractError> {
    let now = env.block.time.seconds();
    let mut stream = STREAM.load(deps.storage)?;
    stream.add_funding(amount, now, config.stream_period)?;
    STREAM.save(deps.storage, &stream)?;
    Ok(Response::new()
        .add_attribute("action", "fund")
        .add_attribute("sender", sender)
        .add_attribute("amount", amount)
        .add_attribute("undistributed", stream.remaining)
        .add_attribute("stream_end", stream.end.to_string()))
}

/// Pays the sender's whole-unit stake-stream rewards. O(1): the config, the stream and the
/// claimant's own record, whatever the number of validators.
pub fn claim(deps: DepsMut, env: Env, info: MessageInfo) -> Result<Response, ContractError> {
    let staker = info.sender;
    let mut cand = CANDIDATES.may_load(deps.storage, &staker)?.ok_or_else(|| {
        ContractError::StakerNotFound {
            staker: staker.to_string(),
        }
    })?;
    let mut stream = STREAM.load(deps.storage)?;
    stream.advance(env.block.time.seconds())?;
    stream.settle(&mut cand)?;
    let amount = stream.take_pending(&mut cand)?;
    if amount.is_zero() {
        return Err(ContractError::NothingToClaim {});
    }
    let config = CONFIG.load(deps.storage)?;
    STREAM.save(deps.storage, &stream)?;
    CANDIDATES.save(deps.storage, &staker, &cand)?;
    Ok(Response::new()
        .add_message(WasmMsg::Execute {
            contract_addr: config.token.to_string(),
            msg: to_json_binary(&Cw20ExecuteMsg::Transfer {
                recipient: staker.to_string(),
                amount,
            })?,
            funds: vec![],
        })
        .add_attribute("action", "claim")
        .add_attribute("staker", staker)
        .add_attribute("validator", cand.valoper)
        .add_attribute("amount", amount))
}

/// Anyone: re-evaluates one whitelisted validator against the current threshold (the supply may
/// have moved since its last stake change). O(1); settles first.
pub fn recheck(deps: DepsMut, env: Env, validator: String) -> Result<Response, ContractError> {
    validate_valoper(&validator)?;
    let config = CONFIG.load(deps.storage)?;
    let staker = VALOPERS
        .may_load(deps.storage, &validator)?
        .ok_or_else(|| ContractError::ValidatorNotFound {
            validator: validator.clone(),
        })?;
    let mut cand = CANDIDATES.load(deps.storage, &staker)?;
    if cand.status != ValidatorStatus::Whitelisted {
        return Err(ContractError::NotWhitelisted { validator });
    }
    let was = cand.eligible;
    let mut stream = STREAM.load(deps.storage)?;
    stream.advance(env.block.time.seconds())?;
    stream.settle(&mut cand)?;
    stream.detach(&cand)?;
    let threshold = eligibility_threshold(&deps, &config, &cand)?;
    stream.attach(&mut cand, threshold)?;
    STREAM.save(deps.storage, &stream)?;
    CANDIDATES.save(deps.storage, &staker, &cand)?;
    Ok(Response::new()
        .add_attribute("action", "recheck")
        .add_attribute("validator", validator)
        .add_attribute("stake", cand.stake)
        .add_attribute("threshold", threshold)
        .add_attribute("was_eligible", was.to_string())
        .add_attribute("eligible", cand.eligible.to_string()))
}

/// Owner or operator: asks the treasury to pay `amount` from the validator_rewards pool into the
/// stake stream (the treasury answers with cw20 Send + `{"fund":{}}`, accounted by [`fund`]).
pub fn pull(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    amount: Uint128,
) -> Result<Response, ContractError> {
    let config = CONFIG.load(deps.storage)?;
    if info.sender != config.operator {
        cw_ownable::assert_owner(deps.storage, &info.sender)?;
    }
    if amount.is_zero() {
        return Err(ContractError::ZeroAmount {});
    }
    Ok(Response::new()
        .add_message(interface::draw_from_pool_msg(
            &config.treasury,
            amount,
            &env.contract.address,
            Some(to_json_binary(&ReceiveMsg::Fund {})?),
        )?)
        .add_attribute("action", "pull_from_treasury")
        .add_attribute("treasury", config.treasury)
        .add_attribute("amount", amount))
}
