//! Entry points: a thin dispatcher. Funds are refused at the router (nothing here is payable).

#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{to_json_binary, Binary, Deps, DepsMut, Env, MessageInfo, Response, StdResult};
use cw_utils::nonpayable;
use mesi_types::referral::{ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg};

use crate::error::ContractError;
use crate::execute::{code, config, refer, settle, validate};
use crate::query;
use crate::state::{CONTRACT_NAME, CONTRACT_VERSION};

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn instantiate(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    nonpayable(&info)?;
    cw2::set_contract_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    config::instantiate(deps, env, info, msg)
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn execute(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: ExecuteMsg,
) -> Result<Response, ContractError> {
    nonpayable(&info)?;
    match msg {
        ExecuteMsg::RegisterCode { code } => code::register(deps, info, code),
        ExecuteMsg::Refer { code } => refer::refer(deps, env, info, code),
        ExecuteMsg::Validate { referee } => validate::validate(deps, env, info, referee),
        ExecuteMsg::Reject { referee } => validate::reject(deps, env, info, referee),
        ExecuteMsg::SettleOwed { limit } => settle::settle_owed(deps, limit),
        ExecuteMsg::UpdateConfig {
            token,
            treasury,
            operator,
            bonus_usd,
            multipliers,
        } => config::update(
            deps,
            info,
            token,
            treasury,
            operator,
            bonus_usd,
            multipliers,
        ),
        ExecuteMsg::UpdateOwnership(action) => config::update_ownership(deps, env, info, action),
        ExecuteMsg::Sweep { denom } => config::sweep(deps, env, info, denom),
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, _env: Env, msg: QueryMsg) -> StdResult<Binary> {
    match msg {
        QueryMsg::Config {} => to_json_binary(&query::config(deps)?),
        QueryMsg::CodeOwner { code } => to_json_binary(&query::code_owner(deps, code)?),
        QueryMsg::CodeOf { address } => to_json_binary(&query::code_of(deps, address)?),
        QueryMsg::ReferrerOf { address } => to_json_binary(&query::referrer_of(deps, address)?),
        QueryMsg::Referrals {
            referrer,
            start_after,
            limit,
        } => to_json_binary(&query::referrals(deps, referrer, start_after, limit)?),
        QueryMsg::ReferrerStats { referrer } => {
            to_json_binary(&query::referrer_stats(deps, referrer)?)
        }
        QueryMsg::Totals {} => to_json_binary(&query::totals(deps)?),
        QueryMsg::Owed { start_after, limit } => {
            to_json_binary(&query::owed(deps, start_after, limit)?)
        }
        QueryMsg::Status {} => to_json_binary(&query::status(deps)?),
        QueryMsg::Ownership {} => to_json_binary(&cw_ownable::get_ownership(deps.storage)?),
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn migrate(deps: DepsMut, _env: Env, _msg: MigrateMsg) -> Result<Response, ContractError> {
    let from = mesi_common::migrate_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    Ok(Response::new()
        .add_attribute("action", "migrate")
        .add_attribute("from_version", from)
        .add_attribute("to_version", CONTRACT_VERSION))
}
