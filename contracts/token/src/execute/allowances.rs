//! cw20 allowances: increase/decrease with expirations, transfer_from, send_from, burn_from.

use cosmwasm_std::{
    Addr, Binary, BlockInfo, DepsMut, Env, MessageInfo, Response, Storage, Uint128,
};
use cw20::{AllowanceResponse, Cw20ReceiveMsg, Expiration};

use crate::error::ContractError;
use crate::execute::base::{credit, debit, nonzero, reduce_supply};
use crate::json;
use crate::state::{ALLOWANCES, ALLOWANCES_SPENDER};

/// Writes `allowance` under both indexes. The value is the JSON serde writes for
/// `AllowanceResponse` (what `ALLOWANCES.save` stored, read back by `may_load` and the range
/// queries), written by `json::allowance` once for both keys: serde's serializer is the largest
/// VM cost of an allowance change (issue 15; byte-identical, tested).
fn save_pair(
    storage: &mut dyn Storage,
    owner: &Addr,
    spender: &Addr,
    allowance: &AllowanceResponse,
) -> Result<(), ContractError> {
    let value = json::allowance(allowance);
    storage.set(&ALLOWANCES.key((owner, spender)), &value);
    storage.set(&ALLOWANCES_SPENDER.key((spender, owner)), &value);
    Ok(())
}

/// The live allowance of `spender` on `owner`: an expired one counts as absent (SPEC §1, issue
/// 12 §2, cw-plus #909), so it can never come back to life through an increase or decrease.
fn live_allowance(
    storage: &dyn Storage,
    owner: &Addr,
    spender: &Addr,
    block: &BlockInfo,
) -> Result<Option<AllowanceResponse>, ContractError> {
    Ok(ALLOWANCES
        .may_load(storage, (owner, spender))?
        .filter(|a| !a.expires.is_expired(block)))
}

/// Adds `amount` to the sender's allowance for `spender`. An expired allowance counts as
/// absent: the result is `amount`, expiring at `expires` or never (SPEC §1). `expires`, when
/// given, replaces the expiry and must not be expired already (`InvalidExpiration`).
pub fn increase_allowance(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    spender: String,
    amount: Uint128,
    expires: Option<Expiration>,
) -> Result<Response, ContractError> {
    nonzero(amount)?;
    let spender_addr = deps.api.addr_validate(&spender)?;
    if spender_addr == info.sender {
        return Err(ContractError::CannotSetOwnAccount {});
    }
    let mut val =
        live_allowance(deps.storage, &info.sender, &spender_addr, &env.block)?.unwrap_or_default();
    if let Some(exp) = expires {
        if exp.is_expired(&env.block) {
            return Err(ContractError::InvalidExpiration {});
        }
        val.expires = exp;
    }
    val.allowance = val
        .allowance
        .checked_add(amount)
        .map_err(cosmwasm_std::StdError::from)?;
    save_pair(deps.storage, &info.sender, &spender_addr, &val)?;
    Ok(Response::new()
        .add_attribute("action", "increase_allowance")
        .add_attribute("owner", info.sender)
        .add_attribute("spender", spender)
        .add_attribute("amount", amount))
}

/// Lowers the sender's allowance for `spender` by `amount`; down to zero, or an allowance that has
/// expired (it counts as absent, SPEC §1), removes it. `NoAllowance` when there is none at all.
pub fn decrease_allowance(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    spender: String,
    amount: Uint128,
    expires: Option<Expiration>,
) -> Result<Response, ContractError> {
    nonzero(amount)?;
    let spender_addr = deps.api.addr_validate(&spender)?;
    if spender_addr == info.sender {
        return Err(ContractError::CannotSetOwnAccount {});
    }
    let key = (&info.sender, &spender_addr);
    let mut allowance = ALLOWANCES
        .may_load(deps.storage, key)?
        .ok_or(ContractError::NoAllowance {})?;
    if allowance.expires.is_expired(&env.block) {
        // counts as zero: nothing is left to decrease, the record goes
        allowance.allowance = Uint128::zero();
    }
    if amount < allowance.allowance {
        allowance.allowance -= amount;
        if let Some(exp) = expires {
            if exp.is_expired(&env.block) {
                return Err(ContractError::InvalidExpiration {});
            }
            allowance.expires = exp;
        }
        save_pair(deps.storage, &info.sender, &spender_addr, &allowance)?;
    } else {
        ALLOWANCES.remove(deps.storage, key);
        ALLOWANCES_SPENDER.remove(deps.storage, (&spender_addr, &info.sender));
    }
    Ok(Response::new()
        .add_attribute("action", "decrease_allowance")
        .add_attribute("owner", info.sender)
        .add_attribute("spender", spender)
        .add_attribute("amount", amount))
}

/// Spends `amount` of `spender`'s allowance on `owner`; a spent-out allowance is removed.
pub fn deduct_allowance(
    storage: &mut dyn Storage,
    owner: &Addr,
    spender: &Addr,
    block: &BlockInfo,
    amount: Uint128,
) -> Result<(), ContractError> {
    let mut a = ALLOWANCES
        .may_load(storage, (owner, spender))?
        .ok_or(ContractError::NoAllowance {})?;
    if a.expires.is_expired(block) {
        return Err(ContractError::Expired {});
    }
    a.allowance =
        a.allowance
            .checked_sub(amount)
            .map_err(|_| ContractError::InsufficientAllowance {
                allowance: a.allowance,
                amount,
            })?;
    save_pair(storage, owner, spender, &a)
}

pub fn transfer_from(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    owner: String,
    recipient: String,
    amount: Uint128,
) -> Result<Response, ContractError> {
    let amt = nonzero(amount)?;
    deps.api.addr_validate(&recipient)?;
    let owner_addr = deps.api.addr_validate(&owner)?;
    deduct_allowance(deps.storage, &owner_addr, &info.sender, &env.block, amount)?;
    let t = env.block.time.seconds();
    debit(deps.storage, &owner, t, amt)?;
    credit(deps.storage, &recipient, t, amt)?;
    Ok(Response::new()
        .add_attribute("action", "transfer_from")
        .add_attribute("from", owner)
        .add_attribute("to", recipient)
        .add_attribute("by", info.sender)
        .add_attribute("amount", amount))
}

pub fn burn_from(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    owner: String,
    amount: Uint128,
) -> Result<Response, ContractError> {
    let amt = nonzero(amount)?;
    let owner_addr = deps.api.addr_validate(&owner)?;
    deduct_allowance(deps.storage, &owner_addr, &info.sender, &env.block, amount)?;
    debit(deps.storage, &owner, env.block.time.seconds(), amt)?;
    reduce_supply(deps.storage, owner_addr.as_str(), amt)?;
    Ok(Response::new()
        .add_attribute("action", "burn_from")
        .add_attribute("from", owner)
        .add_attribute("by", info.sender)
        .add_attribute("amount", amount))
}

pub fn send_from(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    owner: String,
    contract: String,
    amount: Uint128,
    msg: Binary,
) -> Result<Response, ContractError> {
    let amt = nonzero(amount)?;
    deps.api.addr_validate(&contract)?;
    let owner_addr = deps.api.addr_validate(&owner)?;
    deduct_allowance(deps.storage, &owner_addr, &info.sender, &env.block, amount)?;
    let t = env.block.time.seconds();
    debit(deps.storage, &owner, t, amt)?;
    credit(deps.storage, &contract, t, amt)?;
    let hook = Cw20ReceiveMsg {
        sender: info.sender.to_string(),
        amount,
        msg,
    }
    .into_cosmos_msg(contract.clone())?;
    Ok(Response::new()
        .add_attribute("action", "send_from")
        .add_attribute("from", owner)
        .add_attribute("to", contract)
        .add_attribute("by", info.sender)
        .add_attribute("amount", amount)
        .add_message(hook))
}
