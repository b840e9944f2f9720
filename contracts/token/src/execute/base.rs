//! Balance moves: transfer, send, burn, mint, update_minter, and the debit/credit helpers every
//! path shares (one record read and one write per account touched).

use cosmwasm_std::{Binary, DepsMut, Env, MessageInfo, Response, Storage, Uint128};
use cw20::Cw20ReceiveMsg;

use crate::account::{key, Account};
use crate::error::ContractError;
use crate::state::{MinterData, State, Supply, MAX_SUPPLY};

pub fn nonzero(amount: Uint128) -> Result<u128, ContractError> {
    if amount.is_zero() {
        Err(ContractError::InvalidZeroAmount {})
    } else {
        Ok(amount.u128())
    }
}

/// Takes `amount` from `owner`, refusing to go below the locked amount.
pub fn debit(
    storage: &mut dyn Storage,
    owner: &str,
    t: u64,
    amount: u128,
) -> Result<(), ContractError> {
    let k = key(owner);
    let mut a = Account::default();
    a.read(storage, &k)?;
    a.settle_lock(t);
    let available = a.balance.saturating_sub(a.locked);
    if amount > available {
        return Err(if a.locked > 0 {
            ContractError::LockedBalance {
                locked: a.locked.into(),
                available: available.into(),
            }
        } else {
            ContractError::InsufficientFunds {
                balance: a.balance.into(),
                amount: amount.into(),
            }
        });
    }
    a.set_balance(t, a.balance - amount);
    a.save(storage, &k);
    Ok(())
}

/// Adds `amount` to `to`.
pub fn credit(
    storage: &mut dyn Storage,
    to: &str,
    t: u64,
    amount: u128,
) -> Result<(), ContractError> {
    let k = key(to);
    let mut a = Account::default();
    a.read(storage, &k)?;
    let nb = a
        .balance
        .checked_add(amount)
        .ok_or(ContractError::SupplyOverflow {})?;
    a.set_balance(t, nb);
    a.save(storage, &k);
    Ok(())
}

pub fn transfer(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    recipient: String,
    amount: Uint128,
) -> Result<Response, ContractError> {
    let amt = nonzero(amount)?;
    deps.api.addr_validate(&recipient)?;
    let t = env.block.time.seconds();
    debit(deps.storage, info.sender.as_str(), t, amt)?;
    credit(deps.storage, &recipient, t, amt)?;
    Ok(Response::new()
        .add_attribute("action", "transfer")
        .add_attribute("from", info.sender)
        .add_attribute("to", recipient)
        .add_attribute("amount", amount))
}

pub fn send(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    contract: String,
    amount: Uint128,
    msg: Binary,
) -> Result<Response, ContractError> {
    let amt = nonzero(amount)?;
    deps.api.addr_validate(&contract)?;
    let t = env.block.time.seconds();
    debit(deps.storage, info.sender.as_str(), t, amt)?;
    credit(deps.storage, &contract, t, amt)?;
    let hook = Cw20ReceiveMsg {
        sender: info.sender.to_string(),
        amount,
        msg,
    }
    .into_cosmos_msg(contract.clone())?;
    Ok(Response::new()
        .add_attribute("action", "send")
        .add_attribute("from", info.sender)
        .add_attribute("to", contract)
        .add_attribute("amount", amount)
        .add_message(hook))
}

pub fn burn(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    amount: Uint128,
) -> Result<Response, ContractError> {
    let amt = nonzero(amount)?;
    debit(
        deps.storage,
        info.sender.as_str(),
        env.block.time.seconds(),
        amt,
    )?;
    reduce_supply(deps.storage, info.sender.as_str(), amt)?;
    Ok(Response::new()
        .add_attribute("action", "burn")
        .add_attribute("from", info.sender)
        .add_attribute("amount", amount))
}

/// Books a burn of `amt` base units taken from `owner` (after the debit): the total supply falls
/// by `amt`, and unless `owner` is the current minter the burned total (SPEC §2, query
/// `burned {}`) rises by `amt`. The minter's own burns (the treasury's burn-back of
/// over-issuance) are not counted: they reduce over-issuance instead.
pub fn reduce_supply(
    storage: &mut dyn Storage,
    owner: &str,
    amt: u128,
) -> Result<(), ContractError> {
    // one record holds both totals: one read and one write
    let mut books = Supply::load(storage)?;
    books.total = books
        .total
        .checked_sub(amt)
        .ok_or(ContractError::SupplyOverflow {})?;
    let by_minter = State::load(storage)?
        .minter
        .is_some_and(|m| m.minter.as_str() == owner);
    if !by_minter {
        // burned <= every token ever minted <= MAX_SUPPLY * number of mints: checked anyway
        books.burned = books
            .burned
            .checked_add(amt)
            .ok_or(ContractError::SupplyOverflow {})?;
    }
    books.save(storage);
    Ok(())
}

pub fn mint(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    recipient: String,
    amount: Uint128,
) -> Result<Response, ContractError> {
    let minter = State::load(deps.storage)?
        .minter
        .ok_or(ContractError::Unauthorized {})?;
    if minter.minter != info.sender {
        return Err(ContractError::Unauthorized {});
    }
    let amt = nonzero(amount)?;
    deps.api.addr_validate(&recipient)?;
    let mut books = Supply::load(deps.storage)?;
    let supply = books
        .total
        .checked_add(amt)
        .filter(|s| *s <= MAX_SUPPLY)
        .ok_or(ContractError::SupplyOverflow {})?;
    if let Some(cap) = minter.cap {
        if supply > cap.u128() {
            return Err(ContractError::CannotExceedCap {});
        }
    }
    books.total = supply;
    books.save(deps.storage);
    credit(deps.storage, &recipient, env.block.time.seconds(), amt)?;
    Ok(Response::new()
        .add_attribute("action", "mint")
        .add_attribute("to", recipient)
        .add_attribute("amount", amount))
}

pub fn update_minter(
    deps: DepsMut,
    info: MessageInfo,
    new_minter: Option<String>,
) -> Result<Response, ContractError> {
    let mut state = State::load(deps.storage)?;
    let minter = state.minter.take().ok_or(ContractError::Unauthorized {})?;
    if minter.minter != info.sender {
        return Err(ContractError::Unauthorized {});
    }
    let shown = match new_minter {
        Some(m) => {
            state.minter = Some(MinterData {
                minter: deps.api.addr_validate(&m)?,
                cap: minter.cap,
            });
            m
        }
        None => "None".to_string(),
    };
    state.save(deps.storage);
    Ok(Response::new()
        .add_attribute("action", "update_minter")
        .add_attribute("new_minter", shown))
}
