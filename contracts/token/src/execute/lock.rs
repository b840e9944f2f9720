//! Withdrawal limit: lock (instant), unlock (after the unlock delay), arbiter slash.

use cosmwasm_std::{DepsMut, Env, MessageInfo, Response, Uint128};
use mesi_common::interface::query_seller_fits_tier;
use mesi_types::marketplace::TierLimitKind;
use mesi_types::token::SlashRecipient;

use crate::account::{key, Account};
use crate::error::ContractError;
use crate::execute::base::{credit, nonzero};
use crate::query::row_reached;
use crate::state::{State, MAX_SLASH_RECIPIENTS};

pub fn lock(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    amount: Uint128,
) -> Result<Response, ContractError> {
    let amt = nonzero(amount)?;
    let t = env.block.time.seconds();
    let k = key(info.sender.as_str());
    let mut a = Account::default();
    a.read(deps.storage, &k)?;
    a.settle_lock(t);
    let locked = a
        .locked
        .checked_add(amt)
        .filter(|l| *l <= a.balance)
        .ok_or(ContractError::LockExceedsBalance {
            amount,
            balance: a.balance.into(),
            locked: a.locked.into(),
        })?;
    a.locked = locked;
    a.save(deps.storage, &k);
    Ok(Response::new()
        .add_attribute("action", "lock")
        .add_attribute("owner", info.sender)
        .add_attribute("amount", amount)
        .add_attribute("locked", Uint128::new(locked)))
}

/// One pending unlock per account: a new Unlock adds to it and restarts the timer.
/// With a marketplace configured, asks it (one O(1) query) whether the sender's live orders fit
/// the creator tier of `locked - pending` (the lock once every pending unlock is released) in
/// number, price and auction length, and refuses with `LiveOrdersExceedTier` naming the limit that
/// does not fit when they do not (SPEC §3, issues 14 and 19).
pub fn unlock(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    amount: Uint128,
) -> Result<Response, ContractError> {
    let amt = nonzero(amount)?;
    let t = env.block.time.seconds();
    let state = State::load(deps.storage)?;
    let k = key(info.sender.as_str());
    let mut a = Account::default();
    a.read(deps.storage, &k)?;
    a.settle_lock(t);
    let pending = a
        .pending
        .checked_add(amt)
        .filter(|p| *p <= a.locked)
        .ok_or(ContractError::UnlockExceedsLocked {
            amount,
            locked: a.locked.into(),
            pending: a.pending.into(),
        })?;
    if let Some(marketplace) = &state.marketplace {
        // pending <= locked (checked above)
        let after = a.locked - pending;
        let tier = row_reached(&state.tiers, after, |r| r.creator_locked);
        let fit = query_seller_fits_tier(&deps.querier, marketplace, &info.sender, tier)?;
        if !fit.fits {
            return Err(ContractError::LiveOrdersExceedTier {
                live_orders: fit.live_orders,
                limit: fit.limit,
                tier,
                // an older marketplace compared the count only
                exceeds: fit.exceeds.unwrap_or(TierLimitKind::Orders),
            });
        }
    }
    a.pending = pending;
    a.release = t.saturating_add(state.unlock_delay);
    a.save(deps.storage, &k);
    Ok(Response::new()
        .add_attribute("action", "unlock")
        .add_attribute("owner", info.sender)
        .add_attribute("amount", amount)
        .add_attribute("pending_unlock", Uint128::new(pending))
        .add_attribute("release_at", a.release.to_string()))
}

pub fn slash(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    address: String,
    amount: Uint128,
    recipients: Option<Vec<SlashRecipient>>,
) -> Result<Response, ContractError> {
    let cfg = State::load(deps.storage)?;
    if info.sender != cfg.arbiter {
        return Err(ContractError::Unauthorized {});
    }
    let amt = nonzero(amount)?;
    deps.api.addr_validate(&address)?;
    // payees: validated, no duplicates, parts sum to the amount
    let payees: Vec<(String, u128)> = match recipients {
        None => vec![(cfg.treasury.to_string(), amt)],
        Some(list) => {
            if list.is_empty() || list.len() > MAX_SLASH_RECIPIENTS as usize {
                return Err(ContractError::InvalidRecipientCount {
                    max: MAX_SLASH_RECIPIENTS,
                });
            }
            let mut out: Vec<(String, u128)> = Vec::with_capacity(list.len());
            let mut sum: u128 = 0;
            for r in list {
                deps.api.addr_validate(&r.address)?;
                if out.iter().any(|(a, _)| *a == r.address) {
                    return Err(ContractError::DuplicateRecipient { address: r.address });
                }
                let part = nonzero(r.amount)?;
                sum = sum.saturating_add(part);
                out.push((r.address, part));
            }
            if sum != amt {
                return Err(ContractError::SlashSplitMismatch {
                    sum: Uint128::new(sum),
                    amount,
                });
            }
            out
        }
    };
    let t = env.block.time.seconds();
    let k = key(&address);
    let mut a = Account::default();
    a.read(deps.storage, &k)?;
    a.settle_lock(t);
    if amt > a.locked {
        return Err(ContractError::SlashExceedsLocked {
            amount,
            locked: a.locked.into(),
        });
    }
    a.locked -= amt;
    a.pending = a.pending.min(a.locked);
    if a.pending == 0 {
        a.release = 0;
    }
    // locked <= balance always holds, so this cannot underflow
    let nb = a.balance.saturating_sub(amt);
    a.set_balance(t, nb);
    a.save(deps.storage, &k);
    let mut res = Response::new()
        .add_attribute("action", "slash")
        .add_attribute("address", &address)
        .add_attribute("amount", amount)
        .add_attribute("by", info.sender);
    for (to, part) in payees {
        credit(deps.storage, &to, t, part)?;
        res = res.add_attribute("to", format!("{to}:{part}"));
    }
    Ok(res)
}
