//! `Refer`: the sender names its referrer by code, once.
//!
//! Cycle rule (O(1)): a user who already has referees cannot name a referrer.
//!
//! Why this makes cycles impossible. Draw an edge `u -> r` for every referral (u named r).
//! Invariant: the graph is acyclic. It holds for the empty graph. `Refer` adds one edge
//! `u -> r` with (1) `u != r` (self-referral refused), (2) `u` has no outgoing edge yet (one
//! referrer, once) and (3) `u` has no incoming edge (no referees: `ReferrerStats.referees == 0`).
//! Any new cycle would have to use the new edge, so it would be a path `r -> ... -> u` followed
//! by `u -> r`; that path ends with an edge INTO `u`, which (3) excludes. Edges are never
//! removed or redirected (a rejected referral keeps its edge), so acyclicity is kept forever.
//! Cost: one read of the sender's `ReferrerStats`, whatever the depth of the referral tree.

use cosmwasm_std::{DepsMut, Env, MessageInfo, Response};
use mesi_types::referral::ReferralStatus;

use crate::error::ContractError;
use crate::execute::code::normalize_code;
use crate::execute::{checked_inc, overflow};
use crate::state::{Referral, BY_REFERRER, CODES, REFERRALS, REFERRER_STATS, TOTALS};

pub fn refer(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    code: String,
) -> Result<Response, ContractError> {
    let code = normalize_code(&code)?;
    let referee = info.sender;
    let referrer = CODES
        .may_load(deps.storage, &code)?
        .ok_or_else(|| ContractError::UnknownCode { code: code.clone() })?;
    if referrer == referee {
        return Err(ContractError::SelfReferral);
    }
    if let Some(existing) = REFERRALS.may_load(deps.storage, &referee)? {
        return Err(ContractError::AlreadyReferred {
            referrer: existing.referrer.to_string(),
        });
    }
    if REFERRER_STATS
        .may_load(deps.storage, &referee)?
        .is_some_and(|s| s.referees > 0)
    {
        return Err(ContractError::HasReferees);
    }

    let mut stats = REFERRER_STATS
        .may_load(deps.storage, &referrer)?
        .unwrap_or_default();
    stats.referees = stats.referees.checked_add(1).ok_or_else(overflow)?;
    REFERRER_STATS.save(deps.storage, &referrer, &stats)?;

    let mut totals = TOTALS.load(deps.storage)?;
    totals.referrals = checked_inc(totals.referrals)?;
    totals.pending = checked_inc(totals.pending)?;
    TOTALS.save(deps.storage, &totals)?;

    REFERRALS.save(
        deps.storage,
        &referee,
        &Referral {
            referrer: referrer.clone(),
            status: ReferralStatus::Pending,
            tier: 0,
            bonus: Default::default(),
            created_at: env.block.time.seconds(),
            validated_at: None,
        },
    )?;
    BY_REFERRER.save(deps.storage, (&referrer, &referee), &())?;

    Ok(Response::new()
        .add_attribute("action", "refer")
        .add_attribute("referee", referee)
        .add_attribute("referrer", referrer)
        .add_attribute("code", code))
}
