//! `SettleOwed`: pays owed referrals in FIFO order while the referral pool covers them; examines at
//! most `limit` queue entries per call. Permissionless: it only pays what is already due, to whom it
//! is due.
//!
//! FIFO among the bonuses that fit the pool's yearly cap: it stops at the first such bonus the pool
//! cannot cover now (it will fit in a later year or after a refill). A bonus above the yearly cap
//! (possible only when the cap was lowered after it was owed; validation refuses one) can never be
//! paid under that cap: it is moved to the back of the queue and stays owed, so it never blocks the
//! rest (issue 12 §7; SPEC §5: no referral is lost). When it pays none it fails and changes nothing:
//! `NothingOwed`, `BudgetExhausted { needed, available }`, or `OwedAboveYearlyCap` when every entry it
//! examined is above the cap.

use cosmwasm_std::{DepsMut, Response, Uint128};
use mesi_types::referral::{ReferralStatus, DEFAULT_SETTLE_LIMIT, MAX_SETTLE_LIMIT};

use crate::error::ContractError;
use crate::execute::checked_inc;
use crate::external::{draw_msg, pool_limits};
use crate::state::{CONFIG, OWED_QUEUE, REFERRALS, REFERRER_STATS, TOTALS};

pub fn settle_owed(deps: DepsMut, limit: Option<u32>) -> Result<Response, ContractError> {
    let limit = limit.unwrap_or(DEFAULT_SETTLE_LIMIT).min(MAX_SETTLE_LIMIT);
    if limit == 0 {
        return Err(ContractError::ZeroLimit);
    }
    let mut totals = TOTALS.load(deps.storage)?;
    if totals.owed_count() == 0 {
        return Err(ContractError::NothingOwed);
    }
    let config = CONFIG.load(deps.storage)?;
    let (available, yearly_cap) = pool_limits(&deps.querier, &config.treasury)?;
    let mut remaining = available;
    let mut settled = 0u32;
    let mut moved_back = 0u32;
    let mut examined = 0u32;
    // Each owed entry is examined at most once per call (a moved-back entry is not seen again).
    let to_examine = u64::from(limit).min(totals.owed_count());
    let mut blocked_by: Option<Uint128> = None;
    let mut amount = Uint128::zero();
    let mut response = Response::new().add_attribute("action", "settle_owed");

    while u64::from(examined) < to_examine {
        examined += 1;
        let position = totals.owed_head;
        let referee = OWED_QUEUE.load(deps.storage, position)?;
        let mut referral = REFERRALS.load(deps.storage, &referee)?;
        if referral.bonus > yearly_cap {
            // Can never fit this cap: keep it owed, at the back, and go on with the rest.
            OWED_QUEUE.remove(deps.storage, position);
            totals.owed_head = checked_inc(totals.owed_head)?;
            OWED_QUEUE.save(deps.storage, totals.owed_tail, &referee)?;
            totals.owed_tail = checked_inc(totals.owed_tail)?;
            moved_back += 1;
            continue;
        }
        if referral.bonus > remaining {
            blocked_by = Some(referral.bonus);
            break;
        }
        remaining = remaining.checked_sub(referral.bonus)?;
        OWED_QUEUE.remove(deps.storage, position);
        totals.owed_head = checked_inc(totals.owed_head)?;
        totals.owed = totals.owed.checked_sub(referral.bonus)?;
        totals.paid = totals.paid.checked_add(referral.bonus)?;
        totals.paid_count = checked_inc(totals.paid_count)?;
        let mut stats = REFERRER_STATS
            .may_load(deps.storage, &referral.referrer)?
            .unwrap_or_default();
        stats.owed = stats.owed.checked_sub(referral.bonus)?;
        stats.paid = stats.paid.checked_add(referral.bonus)?;
        REFERRER_STATS.save(deps.storage, &referral.referrer, &stats)?;
        referral.status = ReferralStatus::Paid;
        REFERRALS.save(deps.storage, &referee, &referral)?;
        response = response.add_message(draw_msg(
            &config.treasury,
            referral.bonus,
            &referral.referrer,
        )?);
        amount = amount.checked_add(referral.bonus)?;
        settled += 1;
    }
    if settled == 0 {
        return Err(match blocked_by {
            Some(needed) => ContractError::BudgetExhausted { needed, available },
            None => ContractError::OwedAboveYearlyCap {
                examined,
                yearly_cap,
            },
        });
    }
    TOTALS.save(deps.storage, &totals)?;
    Ok(response
        .add_attribute("settled", settled.to_string())
        .add_attribute("moved_back", moved_back.to_string())
        .add_attribute("amount", amount)
        .add_attribute("remaining_owed_count", totals.owed_count().to_string())
        .add_attribute("remaining_owed", totals.owed))
}
