//! Budget pools: funded from the reserve by the owner, paid out by the owner (`Disburse`) or
//! by a contract registered for that pool (`DrawFromPool`). Every payout counts against the
//! pool's yearly cap; a "year" is a 365-day period counted from the pool's start.

use cosmwasm_std::{Binary, DepsMut, Env, MessageInfo, Response, Storage, Uint128};
use mesi_types::treasury::{Pool, PoolResponse, POOL_YEAR_SECONDS};

use crate::error::ContractError;
use crate::helpers::{load_token, nonzero, pay_msg};
use crate::state::{pool_key, pool_name, PoolState, DRAWERS, POOLS, TOTALS};

/// The pool's state rolled to the current 365-day period (`drawn` reset in a new period).
pub fn current(state: &PoolState, now: u64) -> PoolState {
    let period = now.saturating_sub(state.start) / POOL_YEAR_SECONDS;
    let mut s = state.clone();
    if period != s.period {
        s.period = period;
        s.drawn = Uint128::zero();
    }
    s
}

pub fn pool_response(pool: Pool, state: &PoolState, now: u64) -> PoolResponse {
    let s = current(state, now);
    let remaining = s.yearly_cap.saturating_sub(s.drawn);
    PoolResponse {
        pool,
        balance: s.balance,
        yearly_cap: s.yearly_cap,
        drawn_this_year: s.drawn,
        year_start: s
            .start
            .saturating_add(s.period.saturating_mul(POOL_YEAR_SECONDS)),
        available: remaining.min(s.balance),
    }
}

/// Takes `amount` out of a pool, checking its yearly cap and balance; saves the pool.
fn take(
    storage: &mut dyn Storage,
    pool: Pool,
    amount: Uint128,
    now: u64,
) -> Result<PoolState, ContractError> {
    let key = pool_key(pool);
    let mut s = current(&POOLS.load(storage, key)?, now);
    let remaining = s.yearly_cap.saturating_sub(s.drawn);
    if amount > remaining {
        return Err(ContractError::PoolCapExceeded {
            pool,
            remaining,
            requested: amount,
        });
    }
    if amount > s.balance {
        return Err(ContractError::PoolBalanceExceeded {
            pool,
            balance: s.balance,
            requested: amount,
        });
    }
    s.balance = s.balance.checked_sub(amount)?;
    s.drawn = s.drawn.checked_add(amount)?;
    POOLS.save(storage, key, &s)?;
    let mut totals = TOTALS.load(storage)?;
    totals.pools = totals.pools.checked_sub(amount)?;
    TOTALS.save(storage, &totals)?;
    Ok(s)
}

/// Owner: reserve -> pool.
pub fn fund(
    deps: DepsMut,
    _env: Env,
    info: MessageInfo,
    pool: Pool,
    amount: Uint128,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    load_token(deps.storage)?;
    let amount = nonzero(amount)?;
    let mut totals = TOTALS.load(deps.storage)?;
    if amount > totals.reserve {
        return Err(ContractError::InsufficientReserve {
            available: totals.reserve,
            needed: amount,
        });
    }
    totals.reserve = totals.reserve.checked_sub(amount)?;
    totals.pools = totals.pools.checked_add(amount)?;
    TOTALS.save(deps.storage, &totals)?;
    let key = pool_key(pool);
    let mut state = POOLS.load(deps.storage, key)?;
    state.balance = state.balance.checked_add(amount)?;
    POOLS.save(deps.storage, key, &state)?;
    Ok(Response::new()
        .add_attribute("action", "fund_pool")
        .add_attribute("pool", pool_name(pool))
        .add_attribute("amount", amount)
        .add_attribute("balance", state.balance))
}

/// Owner: pool -> reserve (does not count against the cap).
pub fn defund(
    deps: DepsMut,
    _env: Env,
    info: MessageInfo,
    pool: Pool,
    amount: Uint128,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    let amount = nonzero(amount)?;
    let key = pool_key(pool);
    let mut state = POOLS.load(deps.storage, key)?;
    if amount > state.balance {
        return Err(ContractError::PoolBalanceExceeded {
            pool,
            balance: state.balance,
            requested: amount,
        });
    }
    state.balance = state.balance.checked_sub(amount)?;
    POOLS.save(deps.storage, key, &state)?;
    let mut totals = TOTALS.load(deps.storage)?;
    totals.pools = totals.pools.checked_sub(amount)?;
    totals.reserve = totals.reserve.checked_add(amount)?;
    TOTALS.save(deps.storage, &totals)?;
    Ok(Response::new()
        .add_attribute("action", "defund_pool")
        .add_attribute("pool", pool_name(pool))
        .add_attribute("amount", amount)
        .add_attribute("balance", state.balance))
}

/// Owner: pays from a pool.
pub fn disburse(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    pool: Pool,
    recipient: String,
    amount: Uint128,
    msg: Option<Binary>,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    payout(deps, env, pool, recipient, amount, msg, "disburse")
}

/// Registered contract: draws from the pool it was registered for.
pub fn draw(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    amount: Uint128,
    recipient: String,
    msg: Option<Binary>,
) -> Result<Response, ContractError> {
    let pool = DRAWERS
        .may_load(deps.storage, &info.sender)?
        .ok_or_else(|| ContractError::NotDrawer {
            sender: info.sender.to_string(),
        })?;
    Ok(
        payout(deps, env, pool, recipient, amount, msg, "draw_from_pool")?
            .add_attribute("drawer", info.sender),
    )
}

fn payout(
    deps: DepsMut,
    env: Env,
    pool: Pool,
    recipient: String,
    amount: Uint128,
    msg: Option<Binary>,
    action: &str,
) -> Result<Response, ContractError> {
    let (_, token) = load_token(deps.storage)?;
    let amount = nonzero(amount)?;
    let recipient = deps.api.addr_validate(&recipient)?;
    if recipient == env.contract.address {
        return Err(ContractError::InvalidRecipient {});
    }
    let state = take(deps.storage, pool, amount, env.block.time.seconds())?;
    Ok(Response::new()
        .add_message(pay_msg(&token, &recipient, amount, msg)?)
        .add_attribute("action", action)
        .add_attribute("pool", pool_name(pool))
        .add_attribute("recipient", recipient)
        .add_attribute("amount", amount)
        .add_attribute("balance", state.balance)
        .add_attribute("drawn_this_year", state.drawn))
}

/// Owner: registers (or moves) a contract as the drawer of one pool.
pub fn register_drawer(
    deps: DepsMut,
    info: MessageInfo,
    contract: String,
    pool: Pool,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    let addr = deps.api.addr_validate(&contract)?;
    DRAWERS.save(deps.storage, &addr, &pool)?;
    Ok(Response::new()
        .add_attribute("action", "register_drawer")
        .add_attribute("contract", addr)
        .add_attribute("pool", pool_name(pool)))
}

pub fn remove_drawer(
    deps: DepsMut,
    info: MessageInfo,
    contract: String,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    let addr = deps.api.addr_validate(&contract)?;
    if !DRAWERS.has(deps.storage, &addr) {
        return Err(ContractError::DrawerNotFound { contract });
    }
    DRAWERS.remove(deps.storage, &addr);
    Ok(Response::new()
        .add_attribute("action", "remove_drawer")
        .add_attribute("contract", addr))
}
