//! `Validate` and `Reject` (fraud-check operator only).
//!
//! Validation pays `bonus_usd x multiplier(referrer's tier now)` micro-USD, converted to MESI at
//! the treasury's current price (a stale or missing price fails the whole call: the referral
//! stays pending and the operator retries later). Then, in one transaction:
//! - a bonus that converts to 0 MESI is refused (`BonusRoundsToZero`) and one above the referral
//!   pool's yearly cap, which no year could ever pay, is refused (`BonusAboveYearlyCap`); either way
//!   the referral stays pending (issue 12 §6 §7: never paid with nothing sent, never blocking the
//!   owed queue), and the operator validates again once the price or the cap allows;
//! - tier 0 now: the referral is recorded `Ineligible` (validated, nothing due);
//! - nothing is owed and the referral pool's `available` (queried first) covers the bonus:
//!   the bonus is drawn from the pool at once (`DrawFromPool`, cw20 Transfer) -> `Paid`;
//! - otherwise the bonus (MESI, fixed now) joins the FIFO owed queue -> `Owed`, paid by
//!   `SettleOwed` once the pool is refilled. A new referral never jumps the queue.
//!
//! Querying the pool first (instead of a SubMsg with reply_on_error) keeps the call to one
//! message and no reply entry point; the draw cannot fail afterwards in the same transaction
//! because nothing else draws from the referral pool in between.

use cosmwasm_std::{Addr, DepsMut, Env, MessageInfo, Response, Storage, Uint128};
use mesi_types::referral::ReferralStatus;

use crate::error::ContractError;
use crate::execute::{checked_dec, checked_inc};
use crate::external::{draw_msg, pool_limits, query_tier, usd_to_mesi};
use crate::state::{Config, Referral, CONFIG, OWED_QUEUE, REFERRALS, REFERRER_STATS, TOTALS};

/// Multiplier of `tier` (None for tier 0). A tier above the table uses its last row.
pub fn multiplier(config: &Config, tier: u8) -> Option<u16> {
    if tier == 0 {
        return None;
    }
    let index = usize::from(tier - 1).min(config.multipliers.len().saturating_sub(1));
    config.multipliers.get(index).copied()
}

fn load_pending(storage: &dyn Storage, referee: &Addr) -> Result<Referral, ContractError> {
    let referral =
        REFERRALS
            .may_load(storage, referee)?
            .ok_or_else(|| ContractError::NoReferral {
                referee: referee.to_string(),
            })?;
    if referral.status != ReferralStatus::Pending {
        return Err(ContractError::NotPending {
            referee: referee.to_string(),
            status: referral.status,
        });
    }
    Ok(referral)
}

pub fn validate(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    referee: String,
) -> Result<Response, ContractError> {
    let config = CONFIG.load(deps.storage)?;
    if info.sender != config.operator {
        return Err(ContractError::NotOperator);
    }
    let referee = deps.api.addr_validate(&referee)?;
    let mut referral = load_pending(deps.storage, &referee)?;
    let tier = query_tier(&deps.querier, &config.token, &referral.referrer)?;

    let mut totals = TOTALS.load(deps.storage)?;
    totals.pending = checked_dec(totals.pending)?;
    referral.tier = tier;
    referral.validated_at = Some(env.block.time.seconds());

    let mut response = Response::new()
        .add_attribute("action", "validate")
        .add_attribute("referee", &referee)
        .add_attribute("referrer", &referral.referrer)
        .add_attribute("tier", tier.to_string());

    match multiplier(&config, tier) {
        None => {
            referral.status = ReferralStatus::Ineligible;
            totals.ineligible_count = checked_inc(totals.ineligible_count)?;
            response = response.add_attribute("status", "ineligible");
        }
        Some(mult) => {
            let usd = config.bonus_usd.checked_mul(Uint128::from(mult))?;
            let bonus = usd_to_mesi(&deps.querier, &config.treasury, usd)?;
            referral.bonus = bonus;
            let mut stats = REFERRER_STATS
                .may_load(deps.storage, &referral.referrer)?
                .unwrap_or_default();
            let (available, yearly_cap) = pool_limits(&deps.querier, &config.treasury)?;
            if bonus > yearly_cap {
                return Err(ContractError::BonusAboveYearlyCap { bonus, yearly_cap });
            }
            if totals.owed_count() == 0 && available >= bonus {
                referral.status = ReferralStatus::Paid;
                totals.paid_count = checked_inc(totals.paid_count)?;
                totals.paid = totals.paid.checked_add(bonus)?;
                stats.paid = stats.paid.checked_add(bonus)?;
                response = response
                    .add_message(draw_msg(&config.treasury, bonus, &referral.referrer)?)
                    .add_attribute("status", "paid");
            } else {
                referral.status = ReferralStatus::Owed;
                OWED_QUEUE.save(deps.storage, totals.owed_tail, &referee)?;
                response = response
                    .add_attribute("status", "owed")
                    .add_attribute("owed_position", totals.owed_tail.to_string());
                totals.owed_tail = checked_inc(totals.owed_tail)?;
                totals.owed = totals.owed.checked_add(bonus)?;
                stats.owed = stats.owed.checked_add(bonus)?;
            }
            REFERRER_STATS.save(deps.storage, &referral.referrer, &stats)?;
            response = response
                .add_attribute("multiplier", mult.to_string())
                .add_attribute("usd", usd)
                .add_attribute("bonus", bonus);
        }
    }
    REFERRALS.save(deps.storage, &referee, &referral)?;
    TOTALS.save(deps.storage, &totals)?;
    Ok(response)
}

pub fn reject(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    referee: String,
) -> Result<Response, ContractError> {
    let config = CONFIG.load(deps.storage)?;
    if info.sender != config.operator {
        return Err(ContractError::NotOperator);
    }
    let referee = deps.api.addr_validate(&referee)?;
    let mut referral = load_pending(deps.storage, &referee)?;
    referral.status = ReferralStatus::Rejected;
    referral.validated_at = Some(env.block.time.seconds());
    REFERRALS.save(deps.storage, &referee, &referral)?;
    let mut totals = TOTALS.load(deps.storage)?;
    totals.pending = checked_dec(totals.pending)?;
    totals.rejected_count = checked_inc(totals.rejected_count)?;
    TOTALS.save(deps.storage, &totals)?;
    Ok(Response::new()
        .add_attribute("action", "reject")
        .add_attribute("referee", referee)
        .add_attribute("referrer", referral.referrer))
}
