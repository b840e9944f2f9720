use cosmwasm_std::{
    CheckedMultiplyFractionError, CheckedMultiplyRatioError, ConversionOverflowError,
    DivideByZeroError, OverflowError, StdError, Uint128,
};
use cw_ownable::OwnershipError;
use cw_utils::PaymentError;
use mesi_common::MigrateError;
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

    #[error("arithmetic overflow")]
    Overflow {},

    #[error("only the configured token may call the Receive hook, not {sender}")]
    UnauthorizedToken { sender: String },

    #[error("only the operator may do this")]
    NotOperator {},

    #[error("amount must be greater than zero")]
    ZeroAmount {},

    #[error("invalid validator operator address {validator:?}: lower-case bech32 expected")]
    InvalidValidatorAddress { validator: String },

    #[error("validator {validator} does not exist on this chain")]
    UnknownValidator { validator: String },

    #[error("validator {validator} already has an application")]
    ValidatorTaken { validator: String },

    #[error("staker {staker} already has an active application")]
    AlreadyApplied { staker: String },

    #[error("stake {amount} is below the threshold {threshold}")]
    BelowThreshold { amount: Uint128, threshold: Uint128 },

    #[error("no active application for {staker}")]
    NoActiveApplication { staker: String },

    #[error("no active application for validator {validator}")]
    ValidatorNotFound { validator: String },

    #[error("no record for staker {staker}")]
    StakerNotFound { staker: String },

    #[error("validator {validator} is not pending")]
    NotPending { validator: String },

    #[error("validator {validator} is not whitelisted")]
    NotWhitelisted { validator: String },

    #[error("cannot unstake {requested}: stake is {stake}")]
    InsufficientStake { stake: Uint128, requested: Uint128 },

    #[error("too many pending unbonding entries (max {max}): claim the released ones first")]
    TooManyUnbondings { max: u32 },

    #[error("nothing to claim")]
    NothingToClaim {},

    #[error("invalid penalty: {reason}")]
    InvalidPenalty { reason: String },

    #[error("invalid config {field}: {reason}")]
    InvalidConfig { field: String, reason: String },

    #[error("empty list")]
    EmptyList {},

    #[error("too many entries: {len} > {max}")]
    TooManyEntries { len: usize, max: usize },

    #[error("contributor {contributor} appears twice in epoch {epoch}")]
    DuplicateContributor { contributor: String, epoch: u64 },

    #[error("epoch {epoch} appears twice")]
    DuplicateEpoch { epoch: u64 },

    #[error("epoch {epoch} is closed")]
    EpochClosed { epoch: u64 },

    #[error("epoch {epoch} is not closed yet")]
    EpochNotClosed { epoch: u64 },

    #[error("epoch {epoch} not found")]
    EpochNotFound { epoch: u64 },

    #[error("no work recorded for the sender in epoch {epoch}")]
    NoWork { epoch: u64 },

    #[error("work reward of epoch {epoch} already claimed")]
    WorkAlreadyClaimed { epoch: u64 },

    /// SPEC §6 / issue 12 §4: only the validator's own operator account may apply for it.
    #[error("{staker} is not the operator account of validator {validator}")]
    NotValidatorOperator { staker: String, validator: String },

    /// Issue 12 §7: the epoch's claim deadline passed (or it was expired).
    #[error("the claim deadline of epoch {epoch} has passed")]
    EpochExpired { epoch: u64 },

    /// Issue 12 §7: `expire_epoch` before the claim deadline.
    #[error("epoch {epoch} can be claimed until {until}")]
    ClaimWindowOpen { epoch: u64, until: u64 },

    /// Issue 12 §6: a work share that rounds to zero base units is never marked claimed.
    #[error("the work share of epoch {epoch} rounds to zero base units")]
    ZeroWorkShare { epoch: u64 },

    /// Issue 12 §7: `sweep` of a denom that is not 3..=128 chars of a-z A-Z 0-9 / : . _ -.
    #[error("invalid denom {denom:?}")]
    InvalidDenom { denom: String },

    /// Issue 12 §7: the balance of `denom` (`"mesi"` for the cw20) does not exceed what the
    /// books owe (`owed` is zero for a native coin: the contract never owes one).
    #[error(
        "nothing to sweep in {denom}: the balance {balance} does not exceed what is owed {owed}"
    )]
    NothingToSweep {
        denom: String,
        balance: Uint128,
        owed: Uint128,
    },
}

impl From<OverflowError> for ContractError {
    fn from(_: OverflowError) -> Self {
        ContractError::Overflow {}
    }
}

impl From<DivideByZeroError> for ContractError {
    fn from(_: DivideByZeroError) -> Self {
        ContractError::Overflow {}
    }
}

impl From<ConversionOverflowError> for ContractError {
    fn from(_: ConversionOverflowError) -> Self {
        ContractError::Overflow {}
    }
}

impl From<CheckedMultiplyRatioError> for ContractError {
    fn from(_: CheckedMultiplyRatioError) -> Self {
        ContractError::Overflow {}
    }
}

impl From<CheckedMultiplyFractionError> for ContractError {
    fn from(_: CheckedMultiplyFractionError) -> Self {
        ContractError::Overflow {}
    }
}
