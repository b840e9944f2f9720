//! Instantiate, `Allocate`, `WithdrawAll`, `UpdateConfig`, `UpdateOwnership` (issue 13).
//!
//! Per gallery touched: one read and two writes of the share (by user and by gallery), one
//! read-modify-write of the gallery's counters; per message: the user's totals once, and at most
//! one token query (only when a share rises) plus one bounded gallery query per raised share.

use cosmwasm_std::{
    coins, Addr, Api, BankMsg, DepsMut, Env, Event, MessageInfo, OverflowError, OverflowOperation,
    Response, Storage,
};
use mesi_common::interface::query_tier;
use mesi_types::influence::{
    InstantiateMsg, ShareUpdate, ALLOCATION_EVENT, DEFAULT_MAX_GALLERIES, MAX_GALLERIES_LIMIT,
};
use mesi_types::BPS_DENOMINATOR;

use crate::error::ContractError;
use crate::external::has_gallery;
use crate::state::{Config, UserTotals, CONFIG, GALLERIES, SHARES, SUPPORTERS, USERS};

/// A checked counter step: `None` (overflow or underflow) becomes an `Overflow` error.
fn step<T>(value: Option<T>, op: OverflowOperation) -> Result<T, ContractError> {
    value.ok_or(ContractError::Overflow(OverflowError::new(op)))
}

/// `address` as a validated `Addr`: lower-case bech32 of this chain, else `InvalidAddress`.
pub(crate) fn validate(api: &dyn Api, address: &str) -> Result<Addr, ContractError> {
    api.addr_validate(address)
        .map_err(|_| ContractError::InvalidAddress {
            address: address.to_string(),
        })
}

fn check_max_galleries(max: u32) -> Result<u32, ContractError> {
    if max == 0 || max > MAX_GALLERIES_LIMIT {
        return Err(ContractError::InvalidMaxGalleries {
            got: max,
            max: MAX_GALLERIES_LIMIT,
        });
    }
    Ok(max)
}

pub fn instantiate(
    deps: DepsMut,
    info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    let owner = match msg.owner {
        Some(o) => validate(deps.api, &o)?,
        None => info.sender,
    };
    let ownership = cw_ownable::initialize_owner(deps.storage, deps.api, Some(owner.as_str()))?;
    let config = Config {
        token: validate(deps.api, &msg.token)?,
        gallery: validate(deps.api, &msg.gallery)?,
        max_galleries: check_max_galleries(msg.max_galleries.unwrap_or(DEFAULT_MAX_GALLERIES))?,
    };
    CONFIG.save(deps.storage, &config)?;
    Ok(Response::new()
        .add_attribute("action", "instantiate")
        .add_attribute("token", config.token)
        .add_attribute("gallery", config.gallery)
        .add_attribute("max_galleries", config.max_galleries.to_string())
        .add_attributes(ownership.into_attributes()))
}

/// One share change, decided before anything is written.
struct Change {
    creator: Addr,
    old: u16,
    new: u16,
}

/// The event of one change: `wasm-influence_allocation` with action, user, creator, old and new
/// share (bps). An indexer keeps `share(user, creator)` from these and multiplies by the user's
/// live points.
fn change_event(user: &Addr, c: &Change) -> Event {
    let action = if c.old == 0 {
        "allocate"
    } else if c.new == 0 {
        "withdraw"
    } else {
        "reallocate"
    };
    Event::new(ALLOCATION_EVENT)
        .add_attribute("action", action)
        .add_attribute("user", user.as_str())
        .add_attribute("creator", c.creator.as_str())
        .add_attribute("old_share_bps", c.old.to_string())
        .add_attribute("new_share_bps", c.new.to_string())
}

/// Writes one change: both share rows and the gallery's counters.
fn apply(storage: &mut dyn Storage, user: &Addr, c: &Change) -> Result<(), ContractError> {
    if c.new == 0 {
        SHARES.remove(storage, (user, &c.creator));
        SUPPORTERS.remove(storage, (&c.creator, user));
    } else {
        SHARES.save(storage, (user, &c.creator), &c.new)?;
        SUPPORTERS.save(storage, (&c.creator, user), &c.new)?;
    }
    let mut g = GALLERIES.may_load(storage, &c.creator)?.unwrap_or_default();
    g.total_bps = step(
        step(
            g.total_bps.checked_sub(u64::from(c.old)),
            OverflowOperation::Sub,
        )?
        .checked_add(u64::from(c.new)),
        OverflowOperation::Add,
    )?;
    if c.old == 0 && c.new > 0 {
        g.supporters = step(g.supporters.checked_add(1), OverflowOperation::Add)?;
    } else if c.old > 0 && c.new == 0 {
        g.supporters = step(g.supporters.checked_sub(1), OverflowOperation::Sub)?;
    }
    if g.supporters == 0 {
        GALLERIES.remove(storage, &c.creator);
    } else {
        GALLERIES.save(storage, &c.creator, &g)?;
    }
    Ok(())
}

fn save_user(storage: &mut dyn Storage, user: &Addr, t: &UserTotals) -> Result<(), ContractError> {
    if t.galleries == 0 {
        USERS.remove(storage, user);
    } else {
        USERS.save(storage, user, t)?;
    }
    Ok(())
}

/// `Allocate { shares }`: sets the sender's share of each listed gallery (absolute bps, 0
/// withdraws). All checks run before the first write, so a refused batch changes nothing.
pub fn allocate(
    deps: DepsMut,
    info: MessageInfo,
    shares: Vec<ShareUpdate>,
) -> Result<Response, ContractError> {
    let config = CONFIG.load(deps.storage)?;
    if shares.is_empty() {
        return Err(ContractError::EmptyBatch);
    }
    if shares.len() > MAX_GALLERIES_LIMIT as usize {
        return Err(ContractError::BatchTooLong {
            len: shares.len(),
            max: MAX_GALLERIES_LIMIT,
        });
    }
    let user = info.sender;
    let before = USERS.may_load(deps.storage, &user)?.unwrap_or_default();
    let mut total = u32::from(before.total_bps);
    let mut count = before.galleries;
    let mut adds_gallery = false;
    let mut seen: Vec<Addr> = Vec::with_capacity(shares.len());
    let mut changes: Vec<Change> = Vec::with_capacity(shares.len());
    for update in shares {
        let creator = validate(deps.api, &update.creator)?;
        if seen.contains(&creator) {
            return Err(ContractError::DuplicateCreator {
                creator: creator.into_string(),
            });
        }
        if update.share_bps > BPS_DENOMINATOR {
            return Err(ContractError::ShareAboveWhole {
                share_bps: update.share_bps,
            });
        }
        if creator == user {
            return Err(ContractError::SelfAllocation);
        }
        seen.push(creator.clone());
        let old = SHARES
            .may_load(deps.storage, (&user, &creator))?
            .unwrap_or(0);
        if old == update.share_bps {
            continue;
        }
        total = step(
            step(total.checked_sub(u32::from(old)), OverflowOperation::Sub)?
                .checked_add(u32::from(update.share_bps)),
            OverflowOperation::Add,
        )?;
        if old == 0 {
            count = step(count.checked_add(1), OverflowOperation::Add)?;
            adds_gallery = true;
        } else if update.share_bps == 0 {
            count = step(count.checked_sub(1), OverflowOperation::Sub)?;
        }
        changes.push(Change {
            creator,
            old,
            new: update.share_bps,
        });
    }
    if changes.is_empty() {
        return Err(ContractError::NothingChanged);
    }
    if total > u32::from(BPS_DENOMINATOR) {
        return Err(ContractError::OverAllocated { total_bps: total });
    }
    if adds_gallery && count > config.max_galleries {
        return Err(ContractError::TooManyGalleries {
            count,
            max: config.max_galleries,
        });
    }
    // Raising support needs points to give and a creator with a gallery; lowering never does.
    if changes.iter().any(|c| c.new > c.old) {
        let tier = query_tier(&deps.querier, &config.token, &user).map_err(|e| {
            ContractError::TierUnavailable {
                reason: e.to_string(),
            }
        })?;
        if tier.influence_points.is_zero() {
            return Err(ContractError::NoInfluence);
        }
        for c in changes.iter().filter(|c| c.new > c.old) {
            let exists = has_gallery(&deps.querier, &config.gallery, &c.creator).map_err(|e| {
                ContractError::GalleryUnavailable {
                    creator: c.creator.to_string(),
                    reason: e.to_string(),
                }
            })?;
            if !exists {
                return Err(ContractError::NoGallery {
                    creator: c.creator.to_string(),
                });
            }
        }
    }
    let mut response = Response::new();
    for c in &changes {
        apply(deps.storage, &user, c)?;
        response = response.add_event(change_event(&user, c));
    }
    // total <= 10,000 was checked above.
    let after = UserTotals {
        galleries: count,
        total_bps: u16::try_from(total)
            .map_err(|_| ContractError::OverAllocated { total_bps: total })?,
    };
    save_user(deps.storage, &user, &after)?;
    Ok(response
        .add_attribute("action", "allocate")
        .add_attribute("user", user.as_str())
        .add_attribute("changed", changes.len().to_string())
        .add_attribute("galleries", after.galleries.to_string())
        .add_attribute("total_share_bps", after.total_bps.to_string()))
}

/// `WithdrawAll {}`: removes every share of the sender (at most `MAX_GALLERIES_LIMIT` rows: adding
/// a gallery is refused above `max_galleries`, which is itself at most that limit).
pub fn withdraw_all(deps: DepsMut, info: MessageInfo) -> Result<Response, ContractError> {
    let user = info.sender;
    let rows = SHARES
        .prefix(&user)
        .range(deps.storage, None, None, cosmwasm_std::Order::Ascending)
        .take(MAX_GALLERIES_LIMIT as usize)
        .collect::<Result<Vec<_>, _>>()?;
    if rows.is_empty() {
        return Err(ContractError::NothingAllocated);
    }
    let mut response = Response::new();
    for (creator, old) in rows {
        let c = Change {
            creator,
            old,
            new: 0,
        };
        apply(deps.storage, &user, &c)?;
        response = response.add_event(change_event(&user, &c));
    }
    USERS.remove(deps.storage, &user);
    Ok(response
        .add_attribute("action", "withdraw_all")
        .add_attribute("user", user.as_str()))
}

pub fn update_config(
    deps: DepsMut,
    info: MessageInfo,
    token: Option<String>,
    gallery: Option<String>,
    max_galleries: Option<u32>,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    let old = CONFIG.load(deps.storage)?;
    let config = Config {
        token: match token {
            Some(t) => validate(deps.api, &t)?,
            None => old.token,
        },
        gallery: match gallery {
            Some(g) => validate(deps.api, &g)?,
            None => old.gallery,
        },
        max_galleries: match max_galleries {
            Some(m) => check_max_galleries(m)?,
            None => old.max_galleries,
        },
    };
    CONFIG.save(deps.storage, &config)?;
    Ok(Response::new()
        .add_attribute("action", "update_config")
        .add_attribute("token", config.token)
        .add_attribute("gallery", config.gallery)
        .add_attribute("max_galleries", config.max_galleries.to_string()))
}

pub fn update_ownership(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    action: cw_ownable::Action,
) -> Result<Response, ContractError> {
    let ownership = cw_ownable::update_ownership(deps, &env.block, &info.sender, action)?;
    Ok(Response::new()
        .add_attribute("action", "update_ownership")
        .add_attributes(ownership.into_attributes()))
}

/// Owner only (issue 12 §7): the contract owes nothing, so every balance is surplus and goes whole
/// to the owner. `None`: the $MESI balance of the configured token (cw20 `Transfer`); `Some(denom)`:
/// that native coin's bank balance. Errors: `Ownership`, `InvalidDenom` (not 3..=128 bytes of
/// `[a-zA-Z0-9/:._-]` starting with a letter), `NothingToSweep` (zero balance).
pub fn sweep(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    denom: Option<String>,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    let me = &env.contract.address;
    let (label, amount, msg) = match denom {
        None => {
            let token = CONFIG.load(deps.storage)?.token;
            let amount = mesi_common::interface::query_cw20_balance(&deps.querier, &token, me)?;
            let msg = mesi_common::interface::cw20_transfer_msg(&token, &info.sender, amount)?;
            ("mesi".to_string(), amount, msg)
        }
        Some(denom) => {
            if !mesi_common::sweep::is_bank_denom(&denom) {
                return Err(ContractError::InvalidDenom { denom });
            }
            let amount = deps.querier.query_balance(me, &denom)?.amount;
            let msg = BankMsg::Send {
                to_address: info.sender.to_string(),
                amount: coins(amount.u128(), &denom),
            }
            .into();
            (denom, amount, msg)
        }
    };
    if amount.is_zero() {
        return Err(ContractError::NothingToSweep { denom: label });
    }
    // influence never owes any asset: every base unit it holds is surplus
    Ok(mesi_common::sweep::sweep_response(
        msg,
        &label,
        &info.sender,
        amount,
        cosmwasm_std::Uint128::zero(),
    ))
}
