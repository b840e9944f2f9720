//! Config and ownership.

use cosmwasm_std::{coins, BankMsg, DepsMut, Env, MessageInfo, Response, Uint128};
use cw_ownable::Action;
use mesi_types::gallery::MAX_NAME_LEN;

use crate::error::ContractError;
use crate::state::{
    addr_validate_canonical, reindex_pending, save_marketplace, CONFIG, TOTAL_PLEDGED,
};
use mesi_common::interface::{cw20_transfer_msg, query_cw20_balance};

pub fn validate_name(name: &str) -> Result<(), ContractError> {
    if name.trim().is_empty() || name.len() > MAX_NAME_LEN {
        return Err(ContractError::InvalidName {});
    }
    Ok(())
}

/// Cosmos SDK denom rule: `[a-zA-Z][a-zA-Z0-9/:._-]{2,127}`.
pub fn validate_denom(denom: &str) -> Result<(), ContractError> {
    let b = denom.as_bytes();
    let ok = (3..=128).contains(&b.len())
        && b.first().is_some_and(|c| c.is_ascii_alphabetic())
        && b.iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'/' | b':' | b'.' | b'_' | b'-'));
    if ok {
        Ok(())
    } else {
        Err(ContractError::InvalidDenom {
            denom: denom.to_string(),
        })
    }
}

/// Owner only; each field optional (see `ExecuteMsg::UpdateConfig`).
#[allow(clippy::too_many_arguments)]
pub fn update_config(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    arbiter: Option<String>,
    pledge_denom: Option<String>,
    name: Option<String>,
    symbol: Option<String>,
    marketplace: Option<String>,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    let mut cfg = CONFIG.load(deps.storage)?;
    let mut res = Response::new().add_attribute("action", "update_config");
    let mut marketplace_raw = None;
    if let Some(marketplace) = marketplace {
        let (addr, raw) = addr_validate_canonical(deps.api, &marketplace)?;
        cfg.marketplace = Some(addr);
        marketplace_raw = Some(raw);
        res = res.add_attribute("marketplace", marketplace);
    }
    if let Some(arbiter) = arbiter {
        cfg.arbiter = deps.api.addr_validate(&arbiter)?;
        res = res.add_attribute("arbiter", arbiter);
    }
    if let Some(denom) = pledge_denom {
        validate_denom(&denom)?;
        let total = TOTAL_PLEDGED.load(deps.storage)?;
        if !total.is_zero() && denom != cfg.pledge_denom {
            return Err(ContractError::DenomLocked { total });
        }
        res = res.add_attribute("pledge_denom", &denom);
        cfg.pledge_denom = denom;
    }
    if name.is_some() || symbol.is_some() {
        if let Some(name) = name {
            validate_name(&name)?;
            cfg.name = name;
        }
        if let Some(symbol) = symbol {
            validate_name(&symbol)?;
            cfg.symbol = symbol;
        }
        cfg.updated_at = env.block.time;
    }
    CONFIG.save(deps.storage, &cfg)?;
    if let Some(raw) = marketplace_raw {
        save_marketplace(deps.storage, &raw);
    }
    Ok(res)
}

pub fn update_ownership(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    action: Action,
) -> Result<Response, ContractError> {
    let ownership = cw_ownable::update_ownership(deps, &env.block, &info.sender, action)?;
    Ok(Response::new()
        .add_attribute("action", "update_ownership")
        .add_attributes(ownership.into_attributes()))
}

/// Owner only (issue 12 §7): sends the owner the surplus of `denom`, i.e. the bank balance minus the live
/// pledges (`TOTAL_PLEDGED`) for the pledge denom, the whole balance for any other denom. Coins that came
/// by a plain bank send have no other way out; a pledged base unit can never leave this way (the books,
/// not the caller, decide the amount). Errors: `Ownership` (not the owner), `InvalidDenom`,
/// `NothingToSweep` (surplus zero).
pub fn sweep(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    denom: String,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    validate_denom(&denom)?;
    let cfg = CONFIG.load(deps.storage)?;
    let balance = deps
        .querier
        .query_balance(&env.contract.address, &denom)?
        .amount;
    let pledged = if denom == cfg.pledge_denom {
        TOTAL_PLEDGED.load(deps.storage)?
    } else {
        Uint128::zero()
    };
    // saturating: a balance below the books (impossible by the pledge invariant) sweeps nothing.
    let surplus = balance.saturating_sub(pledged);
    if surplus.is_zero() {
        return Err(ContractError::NothingToSweep {
            denom,
            balance,
            pledged,
        });
    }
    Ok(Response::new()
        .add_message(BankMsg::Send {
            to_address: info.sender.to_string(),
            amount: coins(surplus.u128(), &denom),
        })
        .add_attribute("action", "sweep")
        .add_attribute("denom", denom)
        .add_attribute("amount", surplus)
        .add_attribute("pledged", pledged))
}

/// Owner only (issue 12 §7): sends the owner the gallery's whole balance of the cw20 `token`
/// (one cw20 `Balance` query, one cw20 `Transfer`). The gallery owes no cw20 (pledges are native), so
/// nothing of it is booked and every base unit is surplus. Errors: `Ownership`, an invalid `token`
/// address, the query error when `token` is not a cw20, `NothingToSweep` (zero balance, `denom` =
/// the token address).
pub fn sweep_cw20(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    token: String,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    let token = deps.api.addr_validate(&token)?;
    let balance = query_cw20_balance(&deps.querier, &token, &env.contract.address)?;
    if balance.is_zero() {
        return Err(ContractError::NothingToSweep {
            denom: token.into_string(),
            balance,
            pledged: Uint128::zero(),
        });
    }
    Ok(Response::new()
        .add_message(cw20_transfer_msg(&token, &info.sender, balance)?)
        .add_attribute("action", "sweep_cw20")
        .add_attribute("token", token)
        .add_attribute("amount", balance)
        .add_attribute("to", info.sender))
}

/// Tokens one `reindex` converts when no limit is given.
pub const REINDEX_DEFAULT_LIMIT: u32 = 30;
/// Most tokens one `reindex` converts (each costs a few key writes and removes).
pub const REINDEX_MAX_LIMIT: u32 = 100;

/// Anyone (issue 15; it changes only how tokens are stored, never what they are, so no owner, renounced or
/// not, can leave the galleries unreadable): converts up to `limit` (default 30, max 100) old-layout tokens
/// to the compact layout; the answer's `remaining` attribute says whether any is left (`gallery` /
/// `tokens {owner}` answer `ReindexPending` until none is). Errors: `NothingToReindex`.
pub fn reindex(
    deps: DepsMut,
    info: MessageInfo,
    limit: Option<u32>,
) -> Result<Response, ContractError> {
    if !reindex_pending(deps.storage) {
        return Err(ContractError::NothingToReindex {});
    }
    let limit = limit
        .unwrap_or(REINDEX_DEFAULT_LIMIT)
        .clamp(1, REINDEX_MAX_LIMIT) as usize;
    let converted = crate::state::reindex(deps.storage, deps.api, limit)?;
    Ok(Response::new()
        .add_attribute("action", "reindex")
        .add_attribute("sender", info.sender)
        .add_attribute("converted", converted.to_string())
        .add_attribute("remaining", reindex_pending(deps.storage).to_string()))
}
