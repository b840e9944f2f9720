//! Entry points: a thin dispatcher. Every execute path is nonpayable (bids arrive as cw20).

#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{
    to_json_binary, Binary, Deps, DepsMut, Env, MessageInfo, Response, StdError, StdResult,
};
use mesi_types::bid_to_meet::{ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg};

use crate::error::ContractError;
use crate::state::{CONFIG, CONTRACT_NAME, CONTRACT_VERSION, LEGACY_COMMISSION_BPS, OWED};
use crate::{bid, config, creator, meeting, query, slot};

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn instantiate(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    config::instantiate(deps, env, info, msg)
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn execute(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: ExecuteMsg,
) -> Result<Response, ContractError> {
    cw_utils::nonpayable(&info)?;
    match msg {
        ExecuteMsg::Receive(wrapper) => bid::receive(deps, env, info, wrapper),
        ExecuteMsg::Enable { min_bid, formats } => creator::enable(deps, info, min_bid, formats),
        ExecuteMsg::Disable {} => creator::disable(deps, info),
        ExecuteMsg::SetKyc { address, completed } => {
            creator::set_kyc(deps, info, address, completed)
        }
        ExecuteMsg::Withdraw { bid_id } => bid::withdraw(deps, env, info, bid_id),
        ExecuteMsg::Accept {
            bid_id,
            code_hash,
            request_kyf,
        } => meeting::accept(deps, env, info, bid_id, code_hash, request_kyf),
        ExecuteMsg::ConsentKyf { bid_id } => meeting::consent_kyf(deps, env, info, bid_id),
        ExecuteMsg::CancelKyf { bid_id } => meeting::cancel_kyf(deps, env, bid_id),
        ExecuteMsg::Release { bid_id, code } => meeting::release(deps, env, info, bid_id, code),
        ExecuteMsg::Reclaim { bid_id } => meeting::reclaim(deps, env, info, bid_id),
        ExecuteMsg::Dispute { bid_id } => meeting::dispute(deps, env, info, bid_id),
        ExecuteMsg::Resolve {
            bid_id,
            to_fan,
            to_creator,
        } => meeting::resolve(deps, info, bid_id, to_fan, to_creator),
        ExecuteMsg::OpenSlot {
            format,
            end_time,
            min_bid,
            min_increment,
        } => slot::open_slot(deps, env, info, format, end_time, min_bid, min_increment),
        ExecuteMsg::CancelSlot { slot_id } => slot::cancel_slot(deps, info, slot_id),
        ExecuteMsg::SettleSlot {
            slot_id,
            code_hash,
            request_kyf,
        } => slot::settle_slot(deps, env, info, slot_id, code_hash, request_kyf),
        ExecuteMsg::WithdrawRefunds {} => bid::withdraw_refunds(deps, info),
        ExecuteMsg::Sweep { denom } => config::sweep(deps, env, info, denom),
        ExecuteMsg::UpdateConfig(update) => config::update_config(deps, info, update),
        ExecuteMsg::UpdateOwnership(action) => {
            let ownership = cw_ownable::update_ownership(deps, &env.block, &info.sender, action)?;
            Ok(Response::new()
                .add_attribute("action", "update_ownership")
                .add_attributes(ownership.into_attributes()))
        }
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> StdResult<Binary> {
    match msg {
        QueryMsg::Config {} => to_json_binary(&query::config(deps)?),
        QueryMsg::Ownership {} => to_json_binary(&cw_ownable::get_ownership(deps.storage)?),
        QueryMsg::Creator { address } => to_json_binary(&query::creator(deps, address)?),
        QueryMsg::Kyc { address } => to_json_binary(&query::kyc(deps, address)?),
        QueryMsg::BidLimit { address } => to_json_binary(
            &query::bid_limit(deps, address).map_err(|e| StdError::generic_err(e.to_string()))?,
        ),
        QueryMsg::Bid { bid_id } => to_json_binary(&query::bid(deps, bid_id)?),
        QueryMsg::BidsByCreator {
            creator,
            start_after,
            limit,
        } => to_json_binary(&query::bids_by_creator(deps, creator, start_after, limit)?),
        QueryMsg::BidsByFan {
            fan,
            start_after,
            limit,
        } => to_json_binary(&query::bids_by_fan(deps, fan, start_after, limit)?),
        QueryMsg::Slot { slot_id } => to_json_binary(&query::slot(deps, env, slot_id)?),
        QueryMsg::SlotsByCreator {
            creator,
            start_after,
            limit,
        } => to_json_binary(&query::slots_by_creator(
            deps,
            env,
            creator,
            start_after,
            limit,
        )?),
        QueryMsg::Refund { address } => to_json_binary(&query::refund(deps, address)?),
        QueryMsg::Accounting {} => to_json_binary(&query::accounting(deps, env)?),
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn migrate(deps: DepsMut, env: Env, _msg: MigrateMsg) -> Result<Response, ContractError> {
    let from = mesi_common::migrate_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    // Issue 12 §7, O(1) (no iteration over bids): bids stored without a frozen rate keep the rate
    // in force now; the owed total starts at the whole balance (conservative: a surplus that
    // arrived before the upgrade is treated as owed and never swept).
    let cfg = CONFIG.load(deps.storage)?;
    if LEGACY_COMMISSION_BPS.may_load(deps.storage)?.is_none() {
        LEGACY_COMMISSION_BPS.save(deps.storage, &cfg.commission_bps)?;
    }
    if OWED.may_load(deps.storage)?.is_none() {
        let balance = mesi_common::interface::query_cw20_balance(
            &deps.querier,
            &cfg.token,
            &env.contract.address,
        )?;
        OWED.save(deps.storage, &balance)?;
    }
    Ok(Response::new()
        .add_attribute("action", "migrate")
        .add_attribute("from_version", from)
        .add_attribute("to_version", CONTRACT_VERSION))
}
