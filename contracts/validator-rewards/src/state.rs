use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Addr, Order, Storage, Uint128, Uint256};
use cw_storage_plus::{Item, Map};
use mesi_types::validator_rewards::{
    ValidatorStatus, DEFAULT_CLAIM_DEADLINE, MAX_PENDING_UNBONDINGS_LIMIT,
};

use crate::error::ContractError;

pub const CONTRACT_NAME: &str = "crates.io:mesi-validator-rewards";
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

#[cw_serde]
pub struct Config {
    pub token: Addr,
    pub treasury: Addr,
    pub operator: Addr,
    pub threshold_bps: u16,
    pub unbonding_period: u64,
    pub stream_period: u64,
    pub max_work_entries: u32,
    pub max_pending_unbondings: u32,
    /// Seconds after an epoch's close during which its shares may be claimed (issue 12 §7). A
    /// config stored before this field existed reads the default (365 days).
    #[serde(default = "default_claim_deadline")]
    pub claim_deadline: u64,
}

fn default_claim_deadline() -> u64 {
    DEFAULT_CLAIM_DEADLINE
}

/// Global state of the stake stream and every total the contract owes (one record: one read and
/// one write per hot operation).
#[cw_serde]
#[derive(Default)]
pub struct Stream {
    /// Reward per unit of eligible stake, scaled by [`crate::stream::SCALE`].
    pub rps: Uint256,
    /// Remainder of the last accumulator division (scaled units, < total_eligible).
    pub carry: Uint256,
    /// Funded, not yet streamed.
    pub remaining: Uint128,
    pub last_update: u64,
    /// `remaining` is released linearly until `end`.
    pub end: u64,
    /// Start of the current linear segment (the last funding; moves forward while paused).
    /// Releases are computed from the segment's start, so they do not depend on how often the
    /// stream is advanced (no floor compounding).
    #[serde(default)]
    pub seg_start: u64,
    /// What was left to stream at `seg_start` (`seg_amount - remaining` = released in the
    /// segment). Zero in a stream stored before segments: the next advance starts one.
    #[serde(default)]
    pub seg_amount: Uint128,
    pub total_staked: Uint128,
    pub total_eligible: Uint128,
    pub total_unbonding: Uint128,
    pub funded: Uint128,
    pub distributed: Uint128,
    pub claimed: Uint128,
    /// Work stream: funded to epochs, not yet claimed or recycled.
    pub work_unclaimed: Uint128,
}

/// One staker's application / validator record (keyed by staker address).
#[cw_serde]
pub struct Candidate {
    /// Validator operator address.
    pub valoper: String,
    pub status: ValidatorStatus,
    /// Bonded stake.
    pub stake: Uint128,
    /// Counted in `Stream::total_eligible` (whitelisted and stake >= threshold at the last check).
    pub eligible: bool,
    /// `Stream::rps` at the last settlement.
    pub index: Uint256,
    /// Earned, unclaimed rewards, scaled by [`crate::stream::SCALE`] (keeps sub-unit fractions).
    pub pending: Uint256,
    pub applied_at: u64,
    /// Pending unbonding entries.
    pub unbond_count: u32,
    pub unbond_next_id: u64,
}

impl Candidate {
    pub fn is_active(&self) -> bool {
        matches!(
            self.status,
            ValidatorStatus::Pending | ValidatorStatus::Whitelisted
        )
    }
}

#[cw_serde]
pub struct Unbonding {
    pub amount: Uint128,
    pub release_at: u64,
}

#[cw_serde]
#[derive(Default)]
pub struct Epoch {
    pub reward: Uint128,
    pub total_units: Uint128,
    pub contributors: u32,
    pub closed: bool,
    pub claimed: Uint128,
    pub claimed_contributors: u32,
    /// Block time of the close (absent for epochs closed before this field existed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_at: Option<u64>,
    /// Claims accepted until this block time, frozen at close (`closed_at + claim_deadline`).
    /// Absent for epochs closed before the field existed: [`LEGACY_CLAIM_UNTIL`] applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim_until: Option<u64>,
    /// The deadline passed and the unclaimed share returned to the stake stream.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub expired: bool,
}

impl Epoch {
    /// Last block time (exclusive) at which a closed epoch may be claimed; `None` while open.
    pub fn deadline(&self, storage: &dyn Storage) -> Result<Option<u64>, ContractError> {
        if !self.closed {
            return Ok(None);
        }
        match self.claim_until {
            Some(t) => Ok(Some(t)),
            None => Ok(Some(
                LEGACY_CLAIM_UNTIL.may_load(storage)?.unwrap_or(u64::MAX),
            )),
        }
    }
}

#[cw_serde]
pub struct Work {
    pub units: Uint128,
    pub claimed: bool,
}

pub const CONFIG: Item<Config> = Item::new("config");
pub const STREAM: Item<Stream> = Item::new("stream");
/// staker -> record.
pub const CANDIDATES: Map<&Addr, Candidate> = Map::new("cand");
/// validator operator address -> staker, for active (pending / whitelisted) applications only.
pub const VALOPERS: Map<&str, Addr> = Map::new("valoper");
/// (staker, id) -> unbonding entry.
pub const UNBONDINGS: Map<(&Addr, u64), Unbonding> = Map::new("unbond");
pub const EPOCHS: Map<u64, Epoch> = Map::new("epoch");
/// (epoch, contributor) -> reported units.
pub const WORK: Map<(u64, &Addr), Work> = Map::new("work");
/// Claim deadline of epochs closed before epochs recorded their own (set once by `migrate`:
/// migration time + `claim_deadline`), so an upgrade never expires a share at once.
pub const LEGACY_CLAIM_UNTIL: Item<u64> = Item::new("legacy_claim_until");

/// Adds an unbonding entry for `staker`. When the staker already has `max` entries, a staker
/// action fails (`merge == false`), while an owner action (reject, slash) merges the amount into
/// the newest entry, which then releases at the later of the two times: an owner action never
/// fails because of the staker's entries, and the list stays bounded.
pub fn push_unbonding(
    storage: &mut dyn Storage,
    staker: &Addr,
    cand: &mut Candidate,
    amount: Uint128,
    release_at: u64,
    max: u32,
    merge: bool,
) -> Result<(), ContractError> {
    if amount.is_zero() {
        return Ok(());
    }
    let max = max.min(MAX_PENDING_UNBONDINGS_LIMIT);
    if cand.unbond_count >= max {
        if !merge {
            return Err(ContractError::TooManyUnbondings { max });
        }
        let last = UNBONDINGS
            .prefix(staker)
            .range(storage, None, None, Order::Descending)
            .next()
            .transpose()?;
        if let Some((id, mut entry)) = last {
            entry.amount = entry.amount.checked_add(amount)?;
            entry.release_at = entry.release_at.max(release_at);
            UNBONDINGS.save(storage, (staker, id), &entry)?;
            return Ok(());
        }
    }
    let id = cand.unbond_next_id;
    UNBONDINGS.save(storage, (staker, id), &Unbonding { amount, release_at })?;
    cand.unbond_next_id = id.checked_add(1).ok_or(ContractError::Overflow {})?;
    cand.unbond_count = cand
        .unbond_count
        .checked_add(1)
        .ok_or(ContractError::Overflow {})?;
    Ok(())
}
