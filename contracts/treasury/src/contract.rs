#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{Binary, Deps, DepsMut, Env, MessageInfo, Response, StdError, StdResult};
use mesi_types::treasury::{ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg};

use crate::error::ContractError;
use crate::execute::{admin, earnings, epochs, pools, price, supply, vesting};
use crate::query;
use crate::state::{CONTRACT_NAME, CONTRACT_VERSION};

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn instantiate(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    cw_utils::nonpayable(&info)?;
    cw2::set_contract_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    admin::instantiate(deps, env, info, msg)
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn execute(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: ExecuteMsg,
) -> Result<Response, ContractError> {
    // No treasury message takes native funds (MESI arrives through the cw20 Receive hook).
    cw_utils::nonpayable(&info)?;
    match msg {
        ExecuteMsg::SetToken { address } => admin::set_token(deps, env, info, address),
        ExecuteMsg::UpdateConfig {
            feeder,
            operators,
            max_price_age,
            max_batch,
            month_seconds,
            pool_caps,
            epoch_claim_seconds,
        } => admin::update_config(
            deps,
            env,
            info,
            admin::ConfigUpdate {
                feeder,
                operators,
                max_price_age,
                max_batch,
                month_seconds,
                pool_caps,
                epoch_claim_seconds,
            },
        ),
        ExecuteMsg::SyncReserve {} => admin::sync_reserve(deps, env, info),
        ExecuteMsg::Sweep { denom } => admin::sweep(deps, env, info, denom),
        ExecuteMsg::UpdateOwnership(action) => admin::update_ownership(deps, env, info, action),
        ExecuteMsg::PostPrice { price } => price::post_price(deps, env, info, price),
        ExecuteMsg::CreditEarnings { currency, credits } => {
            earnings::credit(deps, env, info, currency, credits)
        }
        ExecuteMsg::Claim {} => earnings::claim(deps, env, info),
        ExecuteMsg::PostEpoch { root, total } => epochs::post_epoch(deps, env, info, root, total),
        ExecuteMsg::ClaimEpoch {
            epoch,
            amount,
            proof,
        } => epochs::claim_epoch(deps, env, info, epoch, amount, proof),
        ExecuteMsg::CloseEpoch { epoch } => epochs::close_epoch(deps, env, epoch),
        ExecuteMsg::BurnBack { amount } => supply::burn_back(deps, info, amount),
        ExecuteMsg::Receive(wrapper) => supply::receive(deps, env, info, wrapper),
        ExecuteMsg::FundPool { pool, amount } => pools::fund(deps, env, info, pool, amount),
        ExecuteMsg::DefundPool { pool, amount } => pools::defund(deps, env, info, pool, amount),
        ExecuteMsg::Disburse {
            pool,
            recipient,
            amount,
            msg,
        } => pools::disburse(deps, env, info, pool, recipient, amount, msg),
        ExecuteMsg::RegisterDrawer { contract, pool } => {
            pools::register_drawer(deps, info, contract, pool)
        }
        ExecuteMsg::RemoveDrawer { contract } => pools::remove_drawer(deps, info, contract),
        ExecuteMsg::DrawFromPool {
            amount,
            recipient,
            msg,
        } => pools::draw(deps, env, info, amount, recipient, msg),
        ExecuteMsg::CreateVesting {
            beneficiary,
            start,
            cliff_months,
            periods,
            total,
        } => vesting::create(
            deps,
            env,
            info,
            beneficiary,
            start,
            cliff_months,
            periods,
            total,
        ),
        ExecuteMsg::ClaimVested {} => vesting::claim(deps, env, info),
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> StdResult<Binary> {
    query::dispatch(deps, env, msg)
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn migrate(deps: DepsMut, _env: Env, _msg: MigrateMsg) -> Result<Response, ContractError> {
    let from = mesi_common::migrate_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    Ok(Response::new()
        .add_attribute("action", "migrate")
        .add_attribute("from_version", from)
        .add_attribute("to_version", CONTRACT_VERSION))
}

/// Query errors carry the contract error's text.
pub(crate) fn to_std(err: ContractError) -> StdError {
    match err {
        ContractError::Std(e) => e,
        other => StdError::generic_err(other.to_string()),
    }
}
