//! `SettleOwed`: pays owed referrals in FIFO order, at most `limit` per call, while the referral
//! pool covers them. Permissionless: it only pays what is already due, to whom it is due.
//! Strict FIFO: it stops at the first owed bonus the pool cannot cover. When it can pay none it
//! fails with `NothingOwed` or `BudgetExhausted { needed, available }` and changes nothing.

use cosmwasm_std::{DepsMut, Response};
use mesi_types::referral::{ReferralStatus, DEFAULT_SETTLE_LIMIT, MAX_SETTLE_LIMIT};

use crate::error::ContractError;
use crate::execute::checked_inc;
use crate::external::{draw_msg, pool_available};
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
    let available = pool_available(&deps.querier, &config.treasury)?;
    let mut remaining = available;
    let mut settled = 0u32;
    let mut amount = cosmwasm_std::Uint128::zero();
    let mut response = Response::new().add_attribute("action", "settle_owed");

    while settled < limit && totals.owed_head < totals.owed_tail {
        let referee = OWED_QUEUE.load(deps.storage, totals.owed_head)?;
        let mut referral = REFERRALS.load(deps.storage, &referee)?;
        if referral.bonus > remaining {
            if settled == 0 {
                return Err(ContractError::BudgetExhausted {
                    needed: referral.bonus,
                    available,
                });
            }
            break;
        }
        remaining = remaining.checked_sub(referral.bonus)?;
        OWED_QUEUE.remove(deps.storage, totals.owed_head);
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
    TOTALS.save(deps.storage, &totals)?;
    Ok(response
        .add_attribute("settled", settled.to_string())
        .add_attribute("amount", amount)
        .add_attribute("remaining_owed_count", totals.owed_count().to_string())
        .add_attribute("remaining_owed", totals.owed))
}
