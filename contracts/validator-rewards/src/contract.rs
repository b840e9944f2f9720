#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{
    from_json, to_json_binary, Binary, Deps, DepsMut, Env, MessageInfo, Response, StdResult,
};
use cw20::Cw20ReceiveMsg;
use cw_utils::nonpayable;
use mesi_types::validator_rewards::{
    ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg, ReceiveMsg, DEFAULT_CLAIM_DEADLINE,
    DEFAULT_MAX_PENDING_UNBONDINGS, DEFAULT_MAX_WORK_ENTRIES, DEFAULT_STREAM_PERIOD,
    DEFAULT_THRESHOLD_BPS, DEFAULT_UNBONDING_PERIOD,
};

use crate::error::ContractError;
use crate::execute::{admin, rewards, stake, work};
use crate::query;
use crate::state::{
    Config, Stream, CONFIG, CONTRACT_NAME, CONTRACT_VERSION, LEGACY_CLAIM_UNTIL, STREAM,
};

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn instantiate(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    nonpayable(&info)?;
    cw2::set_contract_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    let owner = match msg.owner {
        Some(o) => deps.api.addr_validate(&o)?,
        None => info.sender.clone(),
    };
    cw_ownable::initialize_owner(deps.storage, deps.api, Some(owner.as_str()))?;
    let config = Config {
        token: deps.api.addr_validate(&msg.token)?,
        treasury: deps.api.addr_validate(&msg.treasury)?,
        operator: deps.api.addr_validate(&msg.operator)?,
        threshold_bps: msg.threshold_bps.unwrap_or(DEFAULT_THRESHOLD_BPS),
        unbonding_period: msg.unbonding_period.unwrap_or(DEFAULT_UNBONDING_PERIOD),
        stream_period: msg.stream_period.unwrap_or(DEFAULT_STREAM_PERIOD),
        max_work_entries: msg.max_work_entries.unwrap_or(DEFAULT_MAX_WORK_ENTRIES),
        max_pending_unbondings: msg
            .max_pending_unbondings
            .unwrap_or(DEFAULT_MAX_PENDING_UNBONDINGS),
        claim_deadline: msg.claim_deadline.unwrap_or(DEFAULT_CLAIM_DEADLINE),
    };
    admin::validate_config(&config)?;
    CONFIG.save(deps.storage, &config)?;
    STREAM.save(
        deps.storage,
        &Stream {
            last_update: env.block.time.seconds(),
            end: env.block.time.seconds(),
            ..Stream::default()
        },
    )?;
    Ok(Response::new()
        .add_attribute("action", "instantiate")
        .add_attribute("owner", owner)
        .add_attribute("token", config.token)
        .add_attribute("treasury", config.treasury)
        .add_attribute("operator", config.operator))
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
        ExecuteMsg::Receive(wrapper) => receive(deps, env, info, wrapper),
        ExecuteMsg::Whitelist { validator } => admin::whitelist(deps, env, info, validator),
        ExecuteMsg::Reject { validator } => admin::reject(deps, env, info, validator),
        ExecuteMsg::Slash { validator, penalty } => {
            admin::slash(deps, env, info, validator, penalty)
        }
        ExecuteMsg::Unstake { amount } => stake::unstake(deps, env, info, Some(amount)),
        ExecuteMsg::Leave {} => stake::unstake(deps, env, info, None),
        ExecuteMsg::ClaimUnbonded {} => stake::claim_unbonded(deps, env, info),
        ExecuteMsg::Claim {} => rewards::claim(deps, env, info),
        ExecuteMsg::PullFromTreasury { amount } => rewards::pull(deps, env, info, amount),
        ExecuteMsg::Recheck { validator } => rewards::recheck(deps, env, validator),
        ExecuteMsg::ReportWork { epoch, entries } => work::report(deps, info, epoch, entries),
        ExecuteMsg::CloseEpoch { epoch } => work::close(deps, env, info, epoch),
        ExecuteMsg::ClaimWork { epochs } => work::claim(deps, env, info, epochs),
        ExecuteMsg::ExpireEpoch { epoch } => work::expire(deps, env, epoch),
        ExecuteMsg::Sweep { denom } => admin::sweep(deps, env, info, denom),
        ExecuteMsg::UpdateConfig {
            treasury,
            operator,
            threshold_bps,
            unbonding_period,
            stream_period,
            max_work_entries,
            max_pending_unbondings,
            claim_deadline,
        } => admin::update_config(
            deps,
            info,
            admin::ConfigUpdate {
                treasury,
                operator,
                threshold_bps,
                unbonding_period,
                stream_period,
                max_work_entries,
                max_pending_unbondings,
                claim_deadline,
            },
        ),
        ExecuteMsg::UpdateOwnership(action) => {
            let ownership = cw_ownable::update_ownership(deps, &env.block, &info.sender, action)?;
            Ok(Response::new()
                .add_attribute("action", "update_ownership")
                .add_attributes(ownership.into_attributes()))
        }
    }
}

/// cw20 Receive hook: only the configured token.
fn receive(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    wrapper: Cw20ReceiveMsg,
) -> Result<Response, ContractError> {
    let config = CONFIG.load(deps.storage)?;
    if info.sender != config.token {
        return Err(ContractError::UnauthorizedToken {
            sender: info.sender.to_string(),
        });
    }
    if wrapper.amount.is_zero() {
        return Err(ContractError::ZeroAmount {});
    }
    let sender = deps.api.addr_validate(&wrapper.sender)?;
    match from_json(&wrapper.msg)? {
        ReceiveMsg::Apply { validator } => {
            stake::apply(deps, env, &config, sender, wrapper.amount, validator)
        }
        ReceiveMsg::Stake {} => stake::top_up(deps, env, &config, sender, wrapper.amount),
        ReceiveMsg::Fund {} => rewards::fund(deps, env, &config, sender, wrapper.amount),
        ReceiveMsg::FundEpoch { epoch } => work::fund(deps, sender, wrapper.amount, epoch),
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> StdResult<Binary> {
    match msg {
        QueryMsg::Config {} => to_json_binary(&query::config(deps)?),
        QueryMsg::Ownership {} => to_json_binary(&cw_ownable::get_ownership(deps.storage)?),
        QueryMsg::Threshold {} => to_json_binary(&query::threshold(deps)?),
        QueryMsg::Validator { validator } => {
            to_json_binary(&query::validator(deps, env, validator)?)
        }
        QueryMsg::Staker { address } => to_json_binary(&query::staker(deps, env, address)?),
        QueryMsg::Validators { start_after, limit } => {
            to_json_binary(&query::validators(deps, env, start_after, limit)?)
        }
        QueryMsg::Stream {} => to_json_binary(&query::stream(deps, env)?),
        QueryMsg::Accounting {} => to_json_binary(&query::accounting(deps, env)?),
        QueryMsg::Epoch { epoch } => to_json_binary(&query::epoch(deps, epoch)?),
        QueryMsg::ContributorRewards { address, epoch } => {
            to_json_binary(&query::contributor_rewards(deps, env, address, epoch)?)
        }
        QueryMsg::Unbondings {
            address,
            start_after,
            limit,
        } => to_json_binary(&query::unbondings(deps, address, start_after, limit)?),
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn migrate(deps: DepsMut, env: Env, _msg: MigrateMsg) -> Result<Response, ContractError> {
    let from = mesi_common::migrate_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    // Epochs closed before they recorded their own claim deadline get one from now (O(1): no
    // iteration over epochs; an upgrade never expires a share at once).
    if LEGACY_CLAIM_UNTIL.may_load(deps.storage)?.is_none() {
        let config = CONFIG.load(deps.storage)?;
        let until = env
            .block
            .time
            .seconds()
            .checked_add(config.claim_deadline)
            .ok_or(ContractError::Overflow {})?;
        LEGACY_CLAIM_UNTIL.save(deps.storage, &until)?;
    }
    Ok(Response::new()
        .add_attribute("action", "migrate")
        .add_attribute("from_version", from)
        .add_attribute("to_version", CONTRACT_VERSION))
}
