//! Entry points: a thin dispatcher. Funds are checked here: every execute is nonpayable except `pledge`.

#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{Binary, Deps, DepsMut, Env, MessageInfo, Response, StdResult, Uint128};
use cw_utils::nonpayable;
use mesi_types::gallery::{ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg};

use crate::error::ContractError;
use crate::execute::{admin, mint, nft, pledge};
use crate::query;
use crate::state::{
    legacy, reindex_pending, save_marketplace, Config, CONFIG, NUM_TOKENS, TOTAL_PLEDGED,
};

pub const CONTRACT_NAME: &str = "crates.io:mesi-gallery";
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn instantiate(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    nonpayable(&info)?;
    cw2::set_contract_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    admin::validate_name(&msg.name)?;
    admin::validate_name(&msg.symbol)?;
    admin::validate_denom(&msg.pledge_denom)?;
    let arbiter = deps.api.addr_validate(&msg.arbiter)?;
    let owner = msg.owner.unwrap_or_else(|| info.sender.to_string());
    cw_ownable::initialize_owner(deps.storage, deps.api, Some(&owner))?;
    CONFIG.save(
        deps.storage,
        &Config {
            name: msg.name,
            symbol: msg.symbol,
            arbiter,
            pledge_denom: msg.pledge_denom,
            updated_at: env.block.time,
            marketplace: None,
        },
    )?;
    NUM_TOKENS.save(deps.storage, &0)?;
    TOTAL_PLEDGED.save(deps.storage, &Uint128::zero())?;
    Ok(Response::new()
        .add_attribute("action", "instantiate")
        .add_attribute("owner", owner)
        .add_attribute("arbiter", msg.arbiter))
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn execute(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: ExecuteMsg,
) -> Result<Response, ContractError> {
    if !matches!(msg, ExecuteMsg::Pledge { .. }) {
        nonpayable(&info)?;
    }
    match msg {
        ExecuteMsg::TransferNft {
            recipient,
            token_id,
        } => nft::transfer_nft(deps, env, info, recipient, token_id),
        ExecuteMsg::SendNft {
            contract,
            token_id,
            msg,
        } => nft::send_nft(deps, env, info, contract, token_id, msg),
        ExecuteMsg::Approve {
            spender,
            token_id,
            expires,
        } => nft::approve(deps, env, info, spender, token_id, expires),
        ExecuteMsg::Revoke { spender, token_id } => nft::revoke(deps, env, info, spender, token_id),
        ExecuteMsg::ApproveAll { operator, expires } => {
            nft::approve_all(deps, env, info, operator, expires)
        }
        ExecuteMsg::RevokeAll { operator } => nft::revoke_all(deps, info, operator),
        ExecuteMsg::Mint {
            token_id,
            owner,
            token_uri,
            extension,
        } => mint::mint(deps, info, token_id, owner, token_uri, extension),
        ExecuteMsg::Burn { token_id } => mint::burn(deps, env, info, token_id),
        ExecuteMsg::SetPayPerView { token_id, enabled } => {
            mint::set_pay_per_view(deps, info, token_id, enabled)
        }
        ExecuteMsg::Pledge { token_id } => pledge::pledge(deps, info, token_id),
        ExecuteMsg::Resolve {
            token_id,
            payouts,
            outcome,
        } => pledge::resolve(deps, info, token_id, payouts, outcome),
        ExecuteMsg::UpdateConfig {
            arbiter,
            pledge_denom,
            name,
            symbol,
            marketplace,
        } => admin::update_config(
            deps,
            env,
            info,
            arbiter,
            pledge_denom,
            name,
            symbol,
            marketplace,
        ),
        ExecuteMsg::UpdateOwnership(action) => admin::update_ownership(deps, env, info, action),
        ExecuteMsg::Sweep { denom } => admin::sweep(deps, env, info, denom),
        ExecuteMsg::SweepCw20 { token } => admin::sweep_cw20(deps, env, info, token),
        ExecuteMsg::Reindex { limit } => admin::reindex(deps, info, limit),
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> StdResult<Binary> {
    query::dispatch(deps, env, msg)
}

#[cfg_attr(not(feature = "library"), entry_point)]
/// Version guards (`mesi_common::migrate_version`), then the storage layout of issue 15: the token count
/// moves to its short key here (one item); tokens of the old layout are converted by the paged (anyone's)
/// `reindex {limit}` (or by their next write), and until none is left `gallery` and `tokens {owner}` answer
/// `ReindexPending` instead of an incomplete page. The `reindex_pending` attribute says which case it is.
/// A marketplace named in the config is copied to its raw key (`state::is_marketplace`; idempotent).
pub fn migrate(deps: DepsMut, _env: Env, _msg: MigrateMsg) -> Result<Response, ContractError> {
    let from = mesi_common::migrate_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    if let Some(n) = legacy::NUM_TOKENS.may_load(deps.storage)? {
        NUM_TOKENS.save(deps.storage, &n)?;
        legacy::NUM_TOKENS.remove(deps.storage);
    }
    // the transfer path's copy of the marketplace (written by update_config since issue 15): idempotent
    if let Some(m) = CONFIG.may_load(deps.storage)?.and_then(|c| c.marketplace) {
        save_marketplace(deps.storage, &deps.api.addr_canonicalize(m.as_str())?);
    }
    Ok(Response::new()
        .add_attribute("action", "migrate")
        .add_attribute("from_version", from)
        .add_attribute("to_version", CONTRACT_VERSION)
        .add_attribute("reindex_pending", reindex_pending(deps.storage).to_string()))
}
