//! Every failure a user can cause, one variant each. A failed call changes nothing.

use cosmwasm_std::{OverflowError, StdError, Uint128};
use cw_ownable::OwnershipError;
use cw_utils::PaymentError;
use mesi_common::merkle::ProofError;
use mesi_common::MigrateError;
use mesi_types::revenue::Source;
use thiserror::Error;

#[derive(Error, Debug, PartialEq)]
pub enum ContractError {
    #[error("{0}")]
    Std(#[from] StdError),

    #[error("{0}")]
    Ownership(#[from] OwnershipError),

    #[error("{0}")]
    Payment(#[from] PaymentError),

    #[error("{0}")]
    Migrate(#[from] MigrateError),

    #[error("{0}")]
    Overflow(#[from] OverflowError),

    /// Operator-only and marketplace-only messages from anyone else.
    #[error("unauthorized")]
    Unauthorized,

    // ---- configuration ----
    #[error("invalid config {field}: {reason}")]
    InvalidConfig { field: String, reason: String },

    // ---- payments ----
    #[error("only the configured token may send $MESI (got {sender})")]
    WrongToken { sender: String },

    #[error("amount must be greater than zero")]
    ZeroAmount,

    #[error("{address} is not a creator (has never minted a gallery token)")]
    NotACreator { address: String },

    #[error("gallery query failed: {reason}")]
    GalleryUnavailable { reason: String },

    #[error("token {token_id} not found in the gallery")]
    TokenNotFound { token_id: String },

    #[error("token {token_id} was created by {creator}, not by the sender / the named creator")]
    NotTokenCreator { token_id: String, creator: String },

    #[error("a creator cannot pay itself")]
    SelfPayment,

    #[error("tip {amount} is below the minimum {min}")]
    TipTooSmall { amount: Uint128, min: Uint128 },

    #[error("memo of {len} bytes is longer than {max}")]
    MemoTooLong { len: usize, max: usize },

    #[error("paid {paid}, the price is {needed}")]
    WrongAmount { paid: Uint128, needed: Uint128 },

    /// The fan named a price that is not the current one (changed between quote and payment).
    #[error("the price is {current}, not the agreed {agreed}")]
    PriceChanged { agreed: Uint128, current: Uint128 },

    #[error("the marketplace is not configured")]
    NoMarketplace,

    // ---- pay-per-view ----
    #[error("token {token_id} has pay-per-view off: it is open to everybody")]
    PpvOff { token_id: String },

    #[error("token {token_id} has no pay-per-view price yet")]
    PpvPriceNotSet { token_id: String },

    #[error("already has access to token {token_id} ({reason})")]
    AlreadyHasAccess { token_id: String, reason: String },

    // ---- contribution ----
    #[error("contribution rate {percent} is outside 0..=100")]
    InvalidRate { percent: u8 },

    // ---- plans and subscriptions ----
    #[error("a creator has at most {max} plans")]
    TooManyPlans { max: u8 },

    #[error("invalid plan {field}: {reason}")]
    InvalidPlan { field: String, reason: String },

    #[error("plan {plan_id} not found")]
    PlanNotFound { plan_id: u32 },

    #[error("plan {plan_id} has no yearly price")]
    NoYearlyPrice { plan_id: u32 },

    #[error("plan {plan_id} has no free trial")]
    NoTrial { plan_id: u32 },

    #[error("the free trial with this creator was already used")]
    TrialUsed,

    #[error("already subscribed until {end}")]
    AlreadySubscribed { end: u64 },

    #[error("no subscription")]
    NoSubscription,

    #[error("auto-renewal is off")]
    AutoRenewOff,

    #[error("the subscription runs until {end} (now {now}): not due")]
    RenewalNotDue { end: u64, now: u64 },

    #[error("the renewal window closed at {deadline} (now {now}): the subscription lapsed")]
    RenewalWindowClosed { deadline: u64, now: u64 },

    /// Auto-renewal never charges more than the fan last agreed to.
    #[error("the plan now costs {current}, more than the agreed {agreed}: subscribe again")]
    RenewalPriceRaised { agreed: Uint128, current: Uint128 },

    #[error("allowance {allowance} to this contract does not cover the renewal price {needed}")]
    AllowanceTooLow { allowance: Uint128, needed: Uint128 },

    #[error("balance {balance} does not cover the renewal price {needed}")]
    BalanceTooLow { balance: Uint128, needed: Uint128 },

    #[error("tier query failed: {reason}")]
    TierUnavailable { reason: String },

    #[error("nothing to withdraw")]
    NothingToWithdraw,

    // ---- distribution epochs ----
    #[error("the creator's next epoch is {expected}, not {got}")]
    WrongEpoch { expected: u64, got: u64 },

    #[error("root must be 64 hex characters")]
    InvalidRoot,

    #[error("leaves_sha256 must be 64 hex characters")]
    InvalidLeavesHash,

    #[error("cutoff height {cutoff} is above the current height {height}")]
    CutoffInFuture { cutoff: u64, height: u64 },

    #[error("cutoff height {cutoff} is below the previous epoch's {previous}")]
    CutoffBeforePrevious { cutoff: u64, previous: u64 },

    #[error("epoch total {total} is above what {from:?} holds for it ({available})")]
    EpochTotalAboveSource {
        from: Source,
        available: Uint128,
        total: Uint128,
    },

    #[error("treasury pool query failed: {reason}")]
    EngagementPoolUnavailable { reason: String },

    #[error("epoch {epoch} not found")]
    UnknownEpoch { epoch: u64 },

    #[error("epoch {epoch} is closed")]
    EpochClosed { epoch: u64 },

    #[error("the claim deadline {deadline} has passed (now {now})")]
    ClaimDeadlinePassed { deadline: u64, now: u64 },

    #[error("epoch is open for claims until {deadline} (now {now})")]
    EpochStillOpen { deadline: u64, now: u64 },

    #[error("already claimed")]
    AlreadyClaimed,

    #[error("invalid proof")]
    InvalidProof,

    #[error("proof of {len} elements is longer than {max}")]
    ProofTooLong { len: usize, max: usize },

    #[error("proof element {index} is not 64 hex characters")]
    InvalidProofElement { index: usize },

    #[error("claim of {amount} is above the epoch's unclaimed {remaining}")]
    EpochTotalExceeded { remaining: Uint128, amount: Uint128 },

    // ---- maintenance ----
    #[error("invalid denom {denom:?}")]
    InvalidDenom { denom: String },

    #[error(
        "nothing to sweep in {denom}: the balance {balance} does not exceed what is owed {owed}"
    )]
    NothingToSweep {
        denom: String,
        balance: Uint128,
        owed: Uint128,
    },
}

impl From<ProofError> for ContractError {
    fn from(e: ProofError) -> Self {
        match e {
            ProofError::TooLong { len, max } => ContractError::ProofTooLong { len, max },
            ProofError::BadElement { index } => ContractError::InvalidProofElement { index },
        }
    }
}
