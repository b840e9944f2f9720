//! Entry points: a thin dispatcher. No message takes native funds (`nonpayable`): $MESI arrives only
//! through the configured token's `Send` hook.

#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{
    from_json, to_json_binary, Binary, Deps, DepsMut, Env, MessageInfo, Response, StdResult,
};
use cw20::Cw20ReceiveMsg;
use mesi_types::revenue::{ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg, ReceiveMsg};

use crate::error::ContractError;
use crate::payments::{self, Payment};
use crate::query::std_err;
use crate::state::{CONFIG, CONTRACT_NAME, CONTRACT_VERSION};
use crate::{config, contribution, distribution, query, subscriptions};

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
        ExecuteMsg::Receive(wrapper) => receive(deps, env, info, wrapper),
        ExecuteMsg::SetPpvPrice { token_id, price } => {
            payments::set_ppv_price(deps, info, token_id, price)
        }
        ExecuteMsg::SetContributionRate { percent } => {
            contribution::set_rate(deps, env, info, percent)
        }
        ExecuteMsg::CreatePlan { plan } => subscriptions::create_plan(deps, info, plan),
        ExecuteMsg::UpdatePlan { plan_id, plan } => {
            subscriptions::update_plan(deps, info, plan_id, plan)
        }
        ExecuteMsg::RemovePlan { plan_id } => subscriptions::remove_plan(deps, info, plan_id),
        ExecuteMsg::StartTrial {
            creator,
            plan_id,
            yearly,
            price,
        } => subscriptions::start_trial(deps, env, info, creator, plan_id, yearly, price),
        ExecuteMsg::CancelAutoRenew { creator } => {
            subscriptions::cancel_auto_renew(deps, info, creator)
        }
        ExecuteMsg::Renew { fan, creator } => subscriptions::renew(deps, env, fan, creator),
        ExecuteMsg::Withdraw {} => payments::withdraw(deps, info),
        ExecuteMsg::PublishDistribution {
            creator,
            epoch,
            root,
            total,
            cutoff_height,
            leaves_sha256,
            source,
        } => distribution::publish(
            deps,
            env,
            info,
            creator,
            epoch,
            root,
            total,
            cutoff_height,
            leaves_sha256,
            source,
        ),
        ExecuteMsg::Claim {
            creator,
            epoch,
            amount,
            proof,
        } => distribution::claim(deps, env, info, creator, epoch, amount, proof),
        ExecuteMsg::CloseEpoch { creator, epoch } => distribution::close(deps, env, creator, epoch),
        ExecuteMsg::UpdateConfig(update) => config::update_config(deps, env, info, update),
        ExecuteMsg::Sweep { denom } => config::sweep(deps, env, info, denom),
        ExecuteMsg::UpdateOwnership(action) => {
            let ownership = cw_ownable::update_ownership(deps, &env.block, &info.sender, action)?;
            Ok(Response::new()
                .add_attribute("action", "update_ownership")
                .add_attributes(ownership.into_attributes()))
        }
    }
}

/// cw20 hook: only the configured token; `wrapper.sender` paid `wrapper.amount` $MESI.
fn receive(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    wrapper: Cw20ReceiveMsg,
) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    if info.sender != cfg.token {
        return Err(ContractError::WrongToken {
            sender: info.sender.to_string(),
        });
    }
    let pay = Payment {
        sender: deps.api.addr_validate(&wrapper.sender)?,
        amount: crate::helpers::nonzero(wrapper.amount)?,
    };
    match from_json::<ReceiveMsg>(&wrapper.msg)? {
        ReceiveMsg::Tip {
            creator,
            token_id,
            memo,
        } => payments::tip(deps, env, &cfg, pay, creator, token_id, memo),
        ReceiveMsg::Unlock { token_id, price } => {
            payments::unlock(deps, env, &cfg, pay, token_id, price)
        }
        ReceiveMsg::Subscribe {
            creator,
            plan_id,
            yearly,
            price,
        } => subscriptions::subscribe(deps, env, &cfg, pay, creator, plan_id, yearly, price),
        ReceiveMsg::PrimarySaleProceeds { creator } => {
            payments::primary_sale(deps, env, &cfg, pay, creator)
        }
        ReceiveMsg::DepositAdRevenue { token_id } => {
            payments::deposit_ad_revenue(deps, &cfg, pay, token_id)
        }
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> StdResult<Binary> {
    match msg {
        QueryMsg::Config {} => to_json_binary(&query::config(deps)?),
        QueryMsg::Ownership {} => to_json_binary(&cw_ownable::get_ownership(deps.storage)?),
        QueryMsg::Access { token_id, address } => {
            to_json_binary(&payments::access(deps, token_id, address).map_err(std_err)?)
        }
        QueryMsg::Plans { creator } => {
            to_json_binary(&subscriptions::plans(deps, creator).map_err(std_err)?)
        }
        QueryMsg::PpvPrice { token_id } => to_json_binary(&query::ppv_price(deps, token_id)?),
        QueryMsg::Contribution { creator } => {
            to_json_binary(&contribution::query(deps, env, creator).map_err(std_err)?)
        }
        QueryMsg::Subscription { fan, creator } => {
            to_json_binary(&query::subscription(deps, env, fan, creator)?)
        }
        QueryMsg::SubscriptionsByFan {
            fan,
            start_after,
            limit,
        } => to_json_binary(
            &subscriptions::by_fan(deps, env, fan, start_after, limit).map_err(std_err)?,
        ),
        QueryMsg::Subscribers {
            creator,
            start_after,
            limit,
        } => to_json_binary(
            &subscriptions::subscribers(deps, env, creator, start_after, limit).map_err(std_err)?,
        ),
        QueryMsg::Balance { creator } => to_json_binary(&query::balance(deps, creator)?),
        QueryMsg::Pool { creator } => {
            to_json_binary(&distribution::query_pool(deps, creator).map_err(std_err)?)
        }
        QueryMsg::Epoch { creator, epoch } => {
            to_json_binary(&distribution::query_epoch(deps, creator, epoch).map_err(std_err)?)
        }
        QueryMsg::Claimed {
            creator,
            epoch,
            address,
        } => to_json_binary(
            &distribution::query_claimed(deps, creator, epoch, address).map_err(std_err)?,
        ),
        QueryMsg::Accounting {} => to_json_binary(&query::accounting(deps, env)?),
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
