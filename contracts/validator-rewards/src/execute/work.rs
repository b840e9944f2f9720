//! The work stream: the operator reports units per epoch (bounded batches), anyone funds an open
//! epoch, the operator closes it, each contributor claims `floor(reward * units / total_units)`
//! once per epoch (O(1) per (contributor, epoch)). When the last contributor of an epoch has
//! claimed, the rounding remainder goes to the stake stream; an epoch closed without units hands
//! its whole reward to the stake stream. A closed epoch may be claimed until
//! `closed_at + claim_deadline` (frozen at close); after it anyone may `expire_epoch` and the
//! unclaimed share returns to the stake stream (issue 12 §7). A share that rounds to zero base
//! units is refused (`ZeroWorkShare`), never marked claimed with nothing paid (issue 12 §6); it
//! returns to the stream with the rest at expiry. Nothing stays stranded.

use cosmwasm_std::{
    to_json_binary, Addr, DepsMut, Env, MessageInfo, Response, Storage, Uint128, WasmMsg,
};
use cw20::Cw20ExecuteMsg;
use mesi_types::validator_rewards::{WorkEntry, MAX_CLAIM_EPOCHS};

use crate::error::ContractError;
use crate::state::{Config, Epoch, Stream, Work, CONFIG, EPOCHS, STREAM, WORK};

fn assert_operator(config: &Config, sender: &Addr) -> Result<(), ContractError> {
    if *sender != config.operator {
        return Err(ContractError::NotOperator {});
    }
    Ok(())
}

fn load_open(storage: &dyn Storage, epoch: u64) -> Result<Epoch, ContractError> {
    let e = EPOCHS.may_load(storage, epoch)?.unwrap_or_default();
    if e.closed {
        return Err(ContractError::EpochClosed { epoch });
    }
    Ok(e)
}

/// Recycles `amount` of the work stream into the stake stream.
fn recycle(
    stream: &mut Stream,
    amount: Uint128,
    now: u64,
    config: &Config,
) -> Result<(), ContractError> {
    if amount.is_zero() {
        return Ok(());
    }
    stream.work_unclaimed = stream.work_unclaimed.checked_sub(amount)?;
    stream.add_funding(amount, now, config.stream_period)
}

pub fn report(
    deps: DepsMut,
    info: MessageInfo,
    epoch: u64,
    entries: Vec<WorkEntry>,
) -> Result<Response, ContractError> {
    let config = CONFIG.load(deps.storage)?;
    assert_operator(&config, &info.sender)?;
    if entries.is_empty() {
        return Err(ContractError::EmptyList {});
    }
    let max = config.max_work_entries as usize;
    if entries.len() > max {
        return Err(ContractError::TooManyEntries {
            len: entries.len(),
            max,
        });
    }
    let mut e = load_open(deps.storage, epoch)?;
    // Validate everything before writing anything.
    let mut rows = Vec::with_capacity(entries.len());
    for entry in entries {
        let addr = deps.api.addr_validate(&entry.contributor)?;
        if entry.units.is_zero() {
            return Err(ContractError::ZeroAmount {});
        }
        if rows.iter().any(|(a, _): &(Addr, Uint128)| *a == addr)
            || WORK.has(deps.storage, (epoch, &addr))
        {
            return Err(ContractError::DuplicateContributor {
                contributor: addr.to_string(),
                epoch,
            });
        }
        e.total_units = e.total_units.checked_add(entry.units)?;
        rows.push((addr, entry.units));
    }
    e.contributors = e
        .contributors
        .checked_add(rows.len() as u32)
        .ok_or(ContractError::Overflow {})?;
    for (addr, units) in &rows {
        WORK.save(
            deps.storage,
            (epoch, addr),
            &Work {
                units: *units,
                claimed: false,
            },
        )?;
    }
    EPOCHS.save(deps.storage, epoch, &e)?;
    Ok(Response::new()
        .add_attribute("action", "report_work")
        .add_attribute("epoch", epoch.to_string())
        .add_attribute("entries", rows.len().to_string())
        .add_attribute("total_units", e.total_units))
}

/// `{"fund_epoch":{"epoch":N}}` from anyone, while the epoch is open.
pub fn fund(
    deps: DepsMut,
    sender: Addr,
    amount: Uint128,
    epoch: u64,
) -> Result<Response, ContractError> {
    let mut e = load_open(deps.storage, epoch)?;
    e.reward = e.reward.checked_add(amount)?;
    let mut stream = STREAM.load(deps.storage)?;
    stream.work_unclaimed = stream.work_unclaimed.checked_add(amount)?;
    EPOCHS.save(deps.storage, epoch, &e)?;
    STREAM.save(deps.storage, &stream)?;
    Ok(Response::new()
        .add_attribute("action", "fund_epoch")
        .add_attribute("sender", sender)
        .add_attribute("epoch", epoch.to_string())
        .add_attribute("amount", amount)
        .add_attribute("reward", e.reward))
}

pub fn close(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    epoch: u64,
) -> Result<Response, ContractError> {
    let config = CONFIG.load(deps.storage)?;
    assert_operator(&config, &info.sender)?;
    let mut e = EPOCHS
        .may_load(deps.storage, epoch)?
        .ok_or(ContractError::EpochNotFound { epoch })?;
    if e.closed {
        return Err(ContractError::EpochClosed { epoch });
    }
    let now = env.block.time.seconds();
    e.closed = true;
    e.closed_at = Some(now);
    e.claim_until = Some(
        now.checked_add(config.claim_deadline)
            .ok_or(ContractError::Overflow {})?,
    );
    let mut recycled = Uint128::zero();
    if e.total_units.is_zero() {
        // No work: the reward goes to the stake stream rather than sit forever.
        let mut stream = STREAM.load(deps.storage)?;
        recycled = e.reward;
        recycle(&mut stream, recycled, now, &config)?;
        e.claimed = e.reward;
        STREAM.save(deps.storage, &stream)?;
    }
    EPOCHS.save(deps.storage, epoch, &e)?;
    Ok(Response::new()
        .add_attribute("action", "close_epoch")
        .add_attribute("epoch", epoch.to_string())
        .add_attribute("reward", e.reward)
        .add_attribute("total_units", e.total_units)
        .add_attribute("recycled", recycled))
}

/// Claims the sender's share of each named closed epoch (bounded list, no epoch twice).
pub fn claim(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    epochs: Vec<u64>,
) -> Result<Response, ContractError> {
    if epochs.is_empty() {
        return Err(ContractError::EmptyList {});
    }
    if epochs.len() > MAX_CLAIM_EPOCHS {
        return Err(ContractError::TooManyEntries {
            len: epochs.len(),
            max: MAX_CLAIM_EPOCHS,
        });
    }
    let mut sorted = epochs.clone();
    sorted.sort_unstable();
    if let Some(w) = sorted.windows(2).find(|w| w[0] == w[1]) {
        return Err(ContractError::DuplicateEpoch { epoch: w[0] });
    }
    let config = CONFIG.load(deps.storage)?;
    let mut stream = STREAM.load(deps.storage)?;
    let now = env.block.time.seconds();
    let contributor = info.sender;
    let mut total = Uint128::zero();
    let mut recycled = Uint128::zero();
    for epoch in epochs {
        let mut e = EPOCHS
            .may_load(deps.storage, epoch)?
            .ok_or(ContractError::EpochNotFound { epoch })?;
        if !e.closed {
            return Err(ContractError::EpochNotClosed { epoch });
        }
        if e.expired || e.deadline(deps.storage)?.is_some_and(|until| now >= until) {
            return Err(ContractError::EpochExpired { epoch });
        }
        let mut w = WORK
            .may_load(deps.storage, (epoch, &contributor))?
            .ok_or(ContractError::NoWork { epoch })?;
        if w.claimed {
            return Err(ContractError::WorkAlreadyClaimed { epoch });
        }
        // floor: the remainder stays with the protocol (recycled below).
        let amount = e.reward.checked_multiply_ratio(w.units, e.total_units)?;
        if amount.is_zero() {
            return Err(ContractError::ZeroWorkShare { epoch });
        }
        w.claimed = true;
        e.claimed = e.claimed.checked_add(amount)?;
        e.claimed_contributors = e
            .claimed_contributors
            .checked_add(1)
            .ok_or(ContractError::Overflow {})?;
        stream.work_unclaimed = stream.work_unclaimed.checked_sub(amount)?;
        total = total.checked_add(amount)?;
        if e.claimed_contributors == e.contributors {
            let dust = e.reward.checked_sub(e.claimed)?;
            recycle(&mut stream, dust, now, &config)?;
            e.claimed = e.reward;
            recycled = recycled.checked_add(dust)?;
        }
        WORK.save(deps.storage, (epoch, &contributor), &w)?;
        EPOCHS.save(deps.storage, epoch, &e)?;
    }
    STREAM.save(deps.storage, &stream)?;
    let mut res = Response::new();
    if !total.is_zero() {
        res = res.add_message(WasmMsg::Execute {
            contract_addr: config.token.to_string(),
            msg: to_json_binary(&Cw20ExecuteMsg::Transfer {
                recipient: contributor.to_string(),
                amount: total,
            })?,
            funds: vec![],
        });
    }
    Ok(res
        .add_attribute("action", "claim_work")
        .add_attribute("contributor", contributor)
        .add_attribute("amount", total)
        .add_attribute("recycled", recycled))
}

/// Anyone, once a closed epoch's claim deadline has passed: the unclaimed share (reward minus
/// what was claimed or already recycled) returns to the stake stream and the epoch is marked
/// expired; later claims fail with `EpochExpired`. O(1).
pub fn expire(deps: DepsMut, env: Env, epoch: u64) -> Result<Response, ContractError> {
    let config = CONFIG.load(deps.storage)?;
    let mut e = EPOCHS
        .may_load(deps.storage, epoch)?
        .ok_or(ContractError::EpochNotFound { epoch })?;
    if e.expired {
        return Err(ContractError::EpochExpired { epoch });
    }
    let until = e
        .deadline(deps.storage)?
        .ok_or(ContractError::EpochNotClosed { epoch })?;
    let now = env.block.time.seconds();
    if now < until {
        return Err(ContractError::ClaimWindowOpen { epoch, until });
    }
    let unclaimed = e.reward.checked_sub(e.claimed)?;
    let mut stream = STREAM.load(deps.storage)?;
    recycle(&mut stream, unclaimed, now, &config)?;
    e.claimed = e.reward;
    e.expired = true;
    STREAM.save(deps.storage, &stream)?;
    EPOCHS.save(deps.storage, epoch, &e)?;
    Ok(Response::new()
        .add_attribute("action", "expire_epoch")
        .add_attribute("epoch", epoch.to_string())
        .add_attribute("recycled", unclaimed))
}
