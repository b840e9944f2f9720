//! Messages of the validator-rewards contract (SPEC section 6).
//!
//! Two reward streams paid in $MESI:
//! 1. Stake stream: the "validators rewards" pool is funded (`{"fund":{}}` Receive hook, usually the
//!    treasury's pool payout). Each funding adds its own rate (`amount / stream_period`) to what is
//!    already streaming, so a new funding never slows down what was streaming (issue 12 §7): the
//!    stream is paid pro rata to the eligible stake of whitelisted validators (reward-per-stake
//!    accumulator: O(1) per claim and per stake change).
//! 2. Work stream: the operator reports work units per epoch in bounded batches; each epoch's funded
//!    reward (`{"fund_epoch":{"epoch":N}}`) is shared pro rata to units once the epoch is closed.
//!
//! Stake enters through the token's `Send` with a [`ReceiveMsg`] hook: `{"apply":{"validator":"..."}}`
//! or `{"stake":{}}` (top-up).

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{Uint128, Uint256};
use cw20::Cw20ReceiveMsg;
use cw_ownable::{cw_ownable_execute, cw_ownable_query};

/// Default stake threshold: 25 bps (0.25%) of the token's total supply.
pub const DEFAULT_THRESHOLD_BPS: u16 = 25;
/// Default unbonding period: 21 days.
pub const DEFAULT_UNBONDING_PERIOD: u64 = 21 * 86_400;
/// Default stream period: each funding is spread over 30 days.
pub const DEFAULT_STREAM_PERIOD: u64 = 30 * 86_400;
/// Default largest `ReportWork` batch.
pub const DEFAULT_MAX_WORK_ENTRIES: u32 = 50;
/// Default largest number of pending unbonding entries per staker.
pub const DEFAULT_MAX_PENDING_UNBONDINGS: u32 = 10;
/// Hard upper bound of `max_work_entries`.
pub const MAX_WORK_ENTRIES_LIMIT: u32 = 200;
/// Hard upper bound of `max_pending_unbondings`.
pub const MAX_PENDING_UNBONDINGS_LIMIT: u32 = 50;
/// Most epochs one `ClaimWork` may name.
pub const MAX_CLAIM_EPOCHS: usize = 30;
/// Longest unbonding or stream period accepted: 365 days.
pub const MAX_PERIOD: u64 = 365 * 86_400;
/// Default claim deadline of a closed work epoch: 365 days after closing (issue 12 §7, like the
/// treasury's Merkle epochs).
pub const DEFAULT_CLAIM_DEADLINE: u64 = 365 * 86_400;
/// Longest claim deadline accepted: 5 years.
pub const MAX_CLAIM_DEADLINE: u64 = 5 * 365 * 86_400;

#[cw_serde]
pub struct InstantiateMsg {
    /// The $MESI cw20 contract: the only token accepted by the Receive hook.
    pub token: String,
    /// Slashed stake goes here (cw20 Transfer).
    pub treasury: String,
    /// Reports work units per epoch and closes epochs.
    pub operator: String,
    /// Minimum stake in bps of the token's current total supply; default 25, 1..=10_000.
    pub threshold_bps: Option<u16>,
    /// Seconds before unstaked / rejected / removed stake can be claimed; default 21 days, 1..=365 days.
    pub unbonding_period: Option<u64>,
    /// Seconds over which each funding is streamed; default 30 days, 1..=365 days.
    pub stream_period: Option<u64>,
    /// Largest `ReportWork` batch; default 50, 1..=200.
    pub max_work_entries: Option<u32>,
    /// Largest number of pending unbonding entries per staker; default 10, 1..=50.
    pub max_pending_unbondings: Option<u32>,
    /// Seconds after an epoch's close during which its contributors may claim; after it anyone may
    /// `expire_epoch` and the unclaimed share returns to the stake stream. Default 365 days,
    /// 1..=5 years (issue 12 §7).
    pub claim_deadline: Option<u64>,
    /// Contract owner (whitelists, rejects, slashes, config); default the instantiating sender.
    pub owner: Option<String>,
}

/// Body of the token's `Send { msg }` to this contract.
#[cw_serde]
pub enum ReceiveMsg {
    /// Apply as a validator candidate with the sent stake (>= threshold of current supply).
    /// Only the validator's own operator account may apply: the sender's address bytes must equal
    /// the operator address's bytes (SPEC §6, issue 12 §4), else `NotValidatorOperator`.
    Apply {
        /// Validator operator address (e.g. `wasmvaloper1...`), checked with the staking query.
        validator: String,
    },
    /// Top up the sender's existing application / validator stake.
    Stake {},
    /// Fund the stake stream (anyone; typically the treasury's "validator_rewards" pool payout).
    /// The amount streams at its own rate `amount / stream_period` on top of what is already
    /// streaming: a funding (even of one base unit) can only make the stream release faster, never
    /// slower, so anyone may fund (issue 12 §7).
    Fund {},
    /// Fund the reward of a work epoch that is not yet closed (anyone).
    FundEpoch { epoch: u64 },
}

/// What a slash takes. The slashable stake is the bonded stake plus every unbonding entry not yet
/// paid out (SPEC §6, issue 12 §3); the penalty is taken from the bonded stake first, then from the
/// unbonding entries, oldest first.
#[cw_serde]
pub enum Penalty {
    /// An absolute amount in base units (1..=bonded + unbonding).
    Amount { amount: Uint128 },
    /// A share of bonded + unbonding stake in bps (1..=10_000), rounded up.
    Bps { bps: u16 },
}

/// One work report row.
#[cw_serde]
pub struct WorkEntry {
    pub contributor: String,
    pub units: Uint128,
}

#[cw_ownable_execute]
#[cw_serde]
pub enum ExecuteMsg {
    /// cw20 Receive hook (only from the configured token): see [`ReceiveMsg`].
    Receive(Cw20ReceiveMsg),
    /// Owner: whitelist a pending application.
    Whitelist { validator: String },
    /// Owner: reject a pending application or drop a whitelisted validator (no penalty); its stake
    /// goes to unbonding.
    Reject { validator: String },
    /// Owner: slash a validator's stake to the treasury. Reaches bonded stake and unbonding stake
    /// not yet paid out, also after the validator left or was rejected (SPEC §6). An active
    /// validator is removed and the rest of its bonded stake goes to unbonding. Errors:
    /// `ValidatorNotFound` (nothing slashable), `InvalidPenalty`.
    Slash { validator: String, penalty: Penalty },
    /// Staker: move `amount` of stake to unbonding. Unstaking everything leaves.
    Unstake { amount: Uint128 },
    /// Staker: leave, moving the whole stake to unbonding.
    Leave {},
    /// Staker: withdraw every unbonding entry whose period has ended.
    ClaimUnbonded {},
    /// Staker: claim stake-stream rewards.
    Claim {},
    /// Owner or operator: draw `amount` from the treasury's validator_rewards pool into the stake
    /// stream (treasury `DrawFromPool` paying back with cw20 Send + `{"fund":{}}`; this contract
    /// must be registered as the pool's drawer).
    PullFromTreasury { amount: Uint128 },
    /// Anyone: re-evaluate one validator's eligibility against the current threshold (O(1)).
    Recheck { validator: String },
    /// Operator: record work units for an open epoch (bounded batch, no contributor twice).
    ReportWork { epoch: u64, entries: Vec<WorkEntry> },
    /// Operator: close an epoch; its reward becomes claimable pro rata to units. Closing an epoch
    /// without units returns its reward to the stake stream.
    CloseEpoch { epoch: u64 },
    /// Contributor: claim work rewards of closed epochs (bounded list, no epoch twice). Errors:
    /// `EpochExpired` after the epoch's claim deadline, `ZeroWorkShare` when a share rounds to
    /// zero base units (never marked claimed with nothing paid; it returns to the stream at expiry).
    ClaimWork { epochs: Vec<u64> },
    /// Anyone, once a closed epoch's claim deadline (`closed_at + claim_deadline`) has passed:
    /// its unclaimed work share returns to the stake stream; later claims fail with
    /// `EpochExpired` (issue 12 §7). Errors: `ClaimWindowOpen`, `EpochNotClosed`, `EpochExpired`.
    ExpireEpoch { epoch: u64 },
    /// Owner (issue 12 §7, tokens with no way out). `denom: null` (or absent: `{"sweep":{}}`) =
    /// the contract's MESI surplus, i.e. its token balance minus everything it owes by its books
    /// (bonded + unbonding stake, stream distributed-unclaimed and undistributed, work
    /// unclaimed), sent by cw20 `Transfer`; an owed base unit is never swept.
    /// `denom: "<bank denom>"` = that coin's whole bank balance (the contract never owes native
    /// coins; they arrive only by plain bank sends). Errors: `InvalidDenom`, `NothingToSweep`.
    Sweep {
        #[serde(default)]
        denom: Option<String>,
    },
    /// Owner: change config (None keeps a field).
    UpdateConfig {
        treasury: Option<String>,
        operator: Option<String>,
        threshold_bps: Option<u16>,
        unbonding_period: Option<u64>,
        stream_period: Option<u64>,
        max_work_entries: Option<u32>,
        max_pending_unbondings: Option<u32>,
        claim_deadline: Option<u64>,
    },
}

#[cw_ownable_query]
#[cw_serde]
#[derive(QueryResponses)]
pub enum QueryMsg {
    #[returns(ConfigResponse)]
    Config {},
    /// Current threshold (reads the token's total supply).
    #[returns(ThresholdResponse)]
    Threshold {},
    /// A candidate / validator by its operator address (active applications only).
    #[returns(ValidatorResponse)]
    Validator { validator: String },
    /// A candidate / validator record by its staker address (also rejected / removed / left).
    #[returns(ValidatorResponse)]
    Staker { address: String },
    /// All staker records, ordered by staker address.
    #[returns(ValidatorsResponse)]
    Validators {
        start_after: Option<String>,
        limit: Option<u32>,
    },
    /// Stake-stream state at the current block (settled virtually).
    #[returns(StreamResponse)]
    Stream {},
    /// Every token the contract owes, beside its balance.
    #[returns(AccountingResponse)]
    Accounting {},
    #[returns(EpochResponse)]
    Epoch { epoch: u64 },
    /// A contributor's work reward for one epoch.
    #[returns(ContributorRewardsResponse)]
    ContributorRewards { address: String, epoch: u64 },
    /// A staker's pending unbonding entries.
    #[returns(UnbondingsResponse)]
    Unbondings {
        address: String,
        start_after: Option<u64>,
        limit: Option<u32>,
    },
}

#[cw_serde]
pub struct MigrateMsg {}

#[cw_serde]
pub struct ConfigResponse {
    pub token: String,
    pub treasury: String,
    pub operator: String,
    pub threshold_bps: u16,
    pub unbonding_period: u64,
    pub stream_period: u64,
    pub max_work_entries: u32,
    pub max_pending_unbondings: u32,
    /// Seconds after an epoch's close during which its work shares may be claimed.
    pub claim_deadline: u64,
}

#[cw_serde]
pub struct ThresholdResponse {
    pub threshold_bps: u16,
    pub total_supply: Uint128,
    /// ceil(total_supply * threshold_bps / 10_000).
    pub threshold: Uint128,
}

#[cw_serde]
#[derive(Copy, Eq)]
pub enum ValidatorStatus {
    /// Applied, waiting for the owner.
    Pending,
    /// Whitelisted: earns while its stake is at or above the threshold.
    Whitelisted,
    /// Rejected (or dropped) by the owner; stake went to unbonding.
    Rejected,
    /// Slashed and removed by the owner; the rest of the stake went to unbonding.
    Removed,
    /// Left by itself; stake went to unbonding.
    Left,
}

#[cw_serde]
pub struct ValidatorResponse {
    pub staker: String,
    /// Validator operator address.
    pub validator: String,
    pub status: ValidatorStatus,
    /// Bonded stake (unbonding excluded).
    pub stake: Uint128,
    /// Counts in the reward pro rata (whitelisted and stake >= threshold at its last check).
    pub eligible: bool,
    /// Whole-unit stake-stream rewards claimable now.
    pub pending_rewards: Uint128,
    pub applied_at: u64,
    /// Total pending unbonding entries.
    pub unbonding_entries: u32,
}

#[cw_serde]
pub struct ValidatorsResponse {
    pub validators: Vec<ValidatorResponse>,
}

#[cw_serde]
pub struct StreamResponse {
    /// Reward per unit of eligible stake, scaled by `scale`.
    pub reward_per_stake: Uint256,
    pub scale: Uint256,
    /// Funded but not yet streamed (includes what is held back while no stake is eligible).
    pub undistributed: Uint128,
    /// When the current stream ends (moves forward while paused).
    pub stream_end: u64,
    pub last_update: u64,
    /// True when there is something to stream but no eligible stake: the stream is paused.
    pub paused: bool,
    pub total_staked: Uint128,
    pub total_eligible: Uint128,
    pub total_unbonding: Uint128,
    /// Everything that entered the stream (fundings + recycled work-epoch remainders).
    pub funded: Uint128,
    /// Streamed into the accumulator so far.
    pub distributed: Uint128,
    pub claimed: Uint128,
    /// Rounding remainder kept in the accumulator, scaled by `scale` (< total_eligible, i.e. < 1 base unit).
    pub carry: Uint256,
}

#[cw_serde]
pub struct AccountingResponse {
    /// The contract's token balance.
    pub balance: Uint128,
    pub staked: Uint128,
    pub unbonding: Uint128,
    /// Stake stream: distributed - claimed (includes per-staker fractions below one base unit).
    pub stream_unclaimed: Uint128,
    /// Stake stream: not yet distributed.
    pub stream_undistributed: Uint128,
    /// Work stream: funded to epochs and not yet claimed or recycled.
    pub work_unclaimed: Uint128,
    /// balance - (all of the above); tokens sent without a hook. Never negative when sound.
    pub surplus: Uint128,
}

#[cw_serde]
pub struct EpochResponse {
    pub epoch: u64,
    pub reward: Uint128,
    pub total_units: Uint128,
    pub contributors: u32,
    pub closed: bool,
    pub claimed: Uint128,
    pub claimed_contributors: u32,
    /// Block time of the close (None while open).
    pub closed_at: Option<u64>,
    /// Claims are accepted until this block time (None while open); then `expire_epoch`.
    pub claim_until: Option<u64>,
    /// The claim deadline passed and the unclaimed share returned to the stake stream.
    pub expired: bool,
}

#[cw_serde]
pub struct ContributorRewardsResponse {
    pub address: String,
    pub epoch: u64,
    pub units: Uint128,
    /// floor(reward * units / total_units) once closed, else 0.
    pub claimable: Uint128,
    pub claimed: bool,
}

#[cw_serde]
pub struct UnbondingEntry {
    pub id: u64,
    pub amount: Uint128,
    pub release_at: u64,
}

#[cw_serde]
pub struct UnbondingsResponse {
    pub entries: Vec<UnbondingEntry>,
}
