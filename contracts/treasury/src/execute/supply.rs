//! Over-issuance: burn-back from the reserve, and the cw20 Receive hook (buy-back-and-burn,
//! deposits to the reserve or a pool).

use cosmwasm_std::{from_json, DepsMut, Env, MessageInfo, Response, Uint128};
use cw20::{Cw20ExecuteMsg, Cw20ReceiveMsg};
use mesi_types::treasury::ReceiveMsg;

use crate::error::ContractError;
use crate::helpers::{load_token, nonzero, token_msg};
use crate::state::{pool_key, pool_name, Totals, POOLS, TOTALS};

fn burn_against_over_issuance(totals: &mut Totals, amount: Uint128) -> Result<(), ContractError> {
    if totals.over_issuance.is_zero() {
        return Err(ContractError::NoOverIssuance {});
    }
    if amount > totals.over_issuance {
        return Err(ContractError::BurnExceedsOverIssuance {
            amount,
            outstanding: totals.over_issuance,
        });
    }
    totals.over_issuance = totals.over_issuance.checked_sub(amount)?;
    totals.total_burned = totals.total_burned.checked_add(amount)?;
    Ok(())
}

/// Owner: burns `amount` of the free reserve against outstanding over-issuance.
pub fn burn_back(
    deps: DepsMut,
    info: MessageInfo,
    amount: Uint128,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    let (_, token) = load_token(deps.storage)?;
    let amount = nonzero(amount)?;
    let mut totals = TOTALS.load(deps.storage)?;
    burn_against_over_issuance(&mut totals, amount)?;
    if amount > totals.reserve {
        return Err(ContractError::InsufficientReserve {
            available: totals.reserve,
            needed: amount,
        });
    }
    totals.reserve = totals.reserve.checked_sub(amount)?;
    TOTALS.save(deps.storage, &totals)?;
    Ok(Response::new()
        .add_message(token_msg(&token, &Cw20ExecuteMsg::Burn { amount })?)
        .add_attribute("action", "burn_back")
        .add_attribute("amount", amount)
        .add_attribute("over_issuance", totals.over_issuance))
}

/// cw20 Receive hook: accepted only from the configured token.
pub fn receive(
    deps: DepsMut,
    _env: Env,
    info: MessageInfo,
    wrapper: Cw20ReceiveMsg,
) -> Result<Response, ContractError> {
    let (_, token) = load_token(deps.storage)?;
    if info.sender != token {
        return Err(ContractError::UnknownToken {
            sender: info.sender.into_string(),
        });
    }
    let amount = nonzero(wrapper.amount)?;
    let msg: ReceiveMsg = from_json(&wrapper.msg)?;
    let mut totals = TOTALS.load(deps.storage)?;
    let resp = match msg {
        ReceiveMsg::BurnBack {} => {
            burn_against_over_issuance(&mut totals, amount)?;
            Response::new()
                .add_message(token_msg(&token, &Cw20ExecuteMsg::Burn { amount })?)
                .add_attribute("action", "buy_back_burn")
                .add_attribute("over_issuance", totals.over_issuance)
        }
        ReceiveMsg::Deposit {} => {
            totals.reserve = totals.reserve.checked_add(amount)?;
            Response::new()
                .add_attribute("action", "deposit")
                .add_attribute("reserve", totals.reserve)
        }
        ReceiveMsg::FundPool { pool } => {
            let key = pool_key(pool);
            let mut state = POOLS.load(deps.storage, key)?;
            state.balance = state.balance.checked_add(amount)?;
            POOLS.save(deps.storage, key, &state)?;
            totals.pools = totals.pools.checked_add(amount)?;
            Response::new()
                .add_attribute("action", "deposit_pool")
                .add_attribute("pool", pool_name(pool))
                .add_attribute("balance", state.balance)
        }
    };
    TOTALS.save(deps.storage, &totals)?;
    Ok(resp
        .add_attribute("sender", wrapper.sender)
        .add_attribute("amount", amount))
}
