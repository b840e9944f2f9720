//! Entry points: a thin dispatch to the message-family modules.

#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{
    to_json_binary, Addr, Binary, Deps, DepsMut, Env, MessageInfo, Response, StdResult,
};
use mesi_types::token::{ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg};

use crate::error::ContractError;
use crate::execute::{admin, allowances, base, lock, marketing};
use crate::state::{Supply, CONTRACT_NAME, CONTRACT_VERSION};
use crate::{ownership, query};

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn instantiate(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    admin::instantiate(deps, env, info, msg)
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
        ExecuteMsg::Transfer { recipient, amount } => {
            base::transfer(deps, env, info, recipient, amount)
        }
        ExecuteMsg::Burn { amount } => base::burn(deps, env, info, amount),
        ExecuteMsg::Send {
            contract,
            amount,
            msg,
        } => base::send(deps, env, info, contract, amount, msg),
        ExecuteMsg::Mint { recipient, amount } => base::mint(deps, env, info, recipient, amount),
        ExecuteMsg::UpdateMinter { new_minter } => base::update_minter(deps, info, new_minter),
        ExecuteMsg::IncreaseAllowance {
            spender,
            amount,
            expires,
        } => allowances::increase_allowance(deps, env, info, spender, amount, expires),
        ExecuteMsg::DecreaseAllowance {
            spender,
            amount,
            expires,
        } => allowances::decrease_allowance(deps, env, info, spender, amount, expires),
        ExecuteMsg::TransferFrom {
            owner,
            recipient,
            amount,
        } => allowances::transfer_from(deps, env, info, owner, recipient, amount),
        ExecuteMsg::SendFrom {
            owner,
            contract,
            amount,
            msg,
        } => allowances::send_from(deps, env, info, owner, contract, amount, msg),
        ExecuteMsg::BurnFrom { owner, amount } => {
            allowances::burn_from(deps, env, info, owner, amount)
        }
        ExecuteMsg::UpdateMarketing {
            project,
            description,
            marketing,
        } => marketing::update_marketing(deps, info, project, description, marketing),
        ExecuteMsg::UploadLogo(logo) => marketing::upload_logo(deps, info, logo),
        ExecuteMsg::Lock { amount } => lock::lock(deps, env, info, amount),
        ExecuteMsg::Unlock { amount } => lock::unlock(deps, env, info, amount),
        ExecuteMsg::Slash {
            address,
            amount,
            recipients,
        } => lock::slash(deps, env, info, address, amount, recipients),
        ExecuteMsg::UpdateConfig {
            arbiter,
            treasury,
            unlock_delay,
            tiers,
            marketplace,
        } => admin::update_config(
            deps,
            info,
            arbiter,
            treasury,
            unlock_delay,
            tiers,
            marketplace,
        ),
        ExecuteMsg::Sweep { denom } => admin::sweep(deps, env, info, denom),
        ExecuteMsg::UpdateOwnership(action) => {
            let o = ownership::update(deps.storage, deps.api, &env.block, &info.sender, action)?;
            let show = |a: Option<Addr>| a.map_or_else(|| "none".to_string(), String::from);
            Ok(Response::new()
                .add_attribute("action", "update_ownership")
                .add_attribute("owner", show(o.owner))
                .add_attribute("pending_owner", show(o.pending_owner)))
        }
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> StdResult<Binary> {
    match msg {
        QueryMsg::Balance { address } => to_json_binary(&query::balance(deps, address)?),
        QueryMsg::TokenInfo {} => to_json_binary(&query::token_info(deps)?),
        QueryMsg::Minter {} => to_json_binary(&query::minter(deps)?),
        QueryMsg::Allowance { owner, spender } => {
            to_json_binary(&query::allowance(deps, owner, spender)?)
        }
        QueryMsg::AllAllowances {
            owner,
            start_after,
            limit,
        } => to_json_binary(&query::all_allowances(deps, owner, start_after, limit)?),
        QueryMsg::AllSpenderAllowances {
            spender,
            start_after,
            limit,
        } => to_json_binary(&query::all_spender_allowances(
            deps,
            spender,
            start_after,
            limit,
        )?),
        QueryMsg::AllAccounts { start_after, limit } => {
            to_json_binary(&query::all_accounts(deps, start_after, limit)?)
        }
        QueryMsg::MarketingInfo {} => to_json_binary(&query::marketing_info(deps)?),
        QueryMsg::DownloadLogo {} => to_json_binary(&query::download_logo(deps)?),
        // hand-written JSON (see json.rs), shapes of mesi_types::token's responses
        QueryMsg::HoldingScore { address } => query::holding_score(deps, env, address),
        QueryMsg::Lock { address } => query::lock(deps, env, address),
        QueryMsg::Tier { address } => query::tier(deps, env, address),
        QueryMsg::Config {} => query::config(deps),
        QueryMsg::Ownership {} => query::ownership(deps),
        QueryMsg::Burned {} => query::burned(deps),
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn migrate(deps: DepsMut, _env: Env, _msg: MigrateMsg) -> Result<Response, ContractError> {
    let from = mesi_common::migrate_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    // issue 15: total supply and burned total in one record (O(1)); account records in the
    // older encoding stay readable and are rewritten compactly on their next change
    let supply_record = Supply::migrate_legacy(deps.storage)?;
    Ok(Response::new()
        .add_attribute("action", "migrate")
        .add_attribute("supply_record_migrated", supply_record.to_string())
        .add_attribute("from_version", from)
        .add_attribute("to_version", CONTRACT_VERSION))
}
