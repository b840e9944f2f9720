use cosmwasm_std::{CheckedMultiplyFractionError, OverflowError, StdError, Uint128};
use cw_ownable::OwnershipError;
use cw_utils::PaymentError;
use mesi_common::MigrateError;
use mesi_types::treasury::Pool;

use crate::state::pool_name;
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

    #[error("conversion overflow: {0}")]
    Conversion(#[from] CheckedMultiplyFractionError),

    // --- authority ---------------------------------------------------------------------------
    #[error("only the feeder may post the price")]
    NotFeeder {},

    #[error("only an operator may do this")]
    NotOperator {},

    #[error("{sender} is not a registered pool drawer")]
    NotDrawer { sender: String },

    #[error("only the configured token may send the Receive hook (got {sender})")]
    UnknownToken { sender: String },

    // --- token wiring ------------------------------------------------------------------------
    #[error("the token is not set yet (SetToken)")]
    TokenNotSet {},

    #[error("the token is already set")]
    TokenAlreadySet {},

    #[error("the treasury is not the token's minter")]
    TreasuryNotMinter {},

    #[error("treasury balance {balance} is below what is earmarked ({earmarked})")]
    BalanceBelowEarmarked {
        balance: Uint128,
        earmarked: Uint128,
    },

    // --- price -------------------------------------------------------------------------------
    #[error("the price must be greater than zero")]
    InvalidPrice {},

    #[error("no MESI/USD price has been posted")]
    PriceMissing {},

    #[error("the MESI/USD price is stale: {age} s old, max age {max_age} s")]
    PriceStale { age: u64, max_age: u64 },

    // --- amounts -----------------------------------------------------------------------------
    #[error("amount must be greater than zero")]
    ZeroAmount {},

    #[error("{usd} micro-USD for {address} converts to 0 MESI")]
    ConvertsToZero { address: String, usd: Uint128 },

    #[error("the treasury cannot pay itself")]
    InvalidRecipient {},

    #[error("insufficient reserve: available {available}, needed {needed}")]
    InsufficientReserve { available: Uint128, needed: Uint128 },

    // --- earnings ----------------------------------------------------------------------------
    #[error("the batch is empty")]
    EmptyBatch {},

    #[error("batch of {size} entries exceeds the maximum of {max}")]
    BatchTooLarge { size: usize, max: u32 },

    #[error("address {address} appears more than once in the batch")]
    DuplicateAddress { address: String },

    #[error("nothing to claim")]
    NothingToClaim {},

    // --- Merkle epochs -----------------------------------------------------------------------
    #[error("the Merkle root must be 32 bytes of hex")]
    InvalidRoot {},

    #[error("proof element {index} is not 32 bytes of hex")]
    InvalidProofElement { index: usize },

    #[error("proof of {len} elements exceeds the maximum depth {max}")]
    ProofTooLong { len: usize, max: usize },

    #[error("the Merkle proof does not match the epoch root")]
    InvalidProof {},

    #[error("epoch {epoch} is closed: its unclaimed amount went back to the reserve")]
    EpochClosed { epoch: u64 },

    #[error("the claim deadline of epoch {epoch} passed at {deadline} (now {now})")]
    ClaimDeadlinePassed { epoch: u64, deadline: u64, now: u64 },

    #[error("epoch {epoch} is open for claims until {deadline} (now {now})")]
    EpochStillOpen { epoch: u64, deadline: u64, now: u64 },

    #[error("epoch claim window must be between {min} and {max} seconds")]
    InvalidEpochClaimSeconds { min: u64, max: u64 },

    #[error(
        "{usd} micro-USD converts to 0 MESI at price {price}: refused, never consumed as nothing"
    )]
    UsdConvertsToZero {
        usd: Uint128,
        price: cosmwasm_std::Decimal,
    },

    #[error("invalid denom {denom:?}")]
    InvalidDenom { denom: String },

    #[error("nothing to sweep in {denom}")]
    NothingToSweep { denom: String },

    #[error("unknown epoch {epoch}")]
    UnknownEpoch { epoch: u64 },

    #[error("already claimed in epoch {epoch}")]
    AlreadyClaimed { epoch: u64 },

    #[error("claim exceeds the epoch total: remaining {remaining}, claimed {amount}")]
    EpochTotalExceeded { remaining: Uint128, amount: Uint128 },

    // --- over-issuance -----------------------------------------------------------------------
    #[error("no over-issuance is outstanding")]
    NoOverIssuance {},

    #[error("burn of {amount} exceeds outstanding over-issuance {outstanding}")]
    BurnExceedsOverIssuance {
        amount: Uint128,
        outstanding: Uint128,
    },

    // --- pools -------------------------------------------------------------------------------
    #[error("pool {} yearly cap exceeded: remaining {remaining}, requested {requested}", pool_name(*.pool))]
    PoolCapExceeded {
        pool: Pool,
        remaining: Uint128,
        requested: Uint128,
    },

    #[error("pool {} balance exceeded: balance {balance}, requested {requested}", pool_name(*.pool))]
    PoolBalanceExceeded {
        pool: Pool,
        balance: Uint128,
        requested: Uint128,
    },

    #[error("pool {} appears more than once", pool_name(*.pool))]
    DuplicatePool { pool: Pool },

    #[error("{contract} is not a registered drawer")]
    DrawerNotFound { contract: String },

    // --- vesting -----------------------------------------------------------------------------
    #[error("{beneficiary} already has a vesting schedule")]
    VestingExists { beneficiary: String },

    #[error("{beneficiary} has no vesting schedule")]
    NoVesting { beneficiary: String },

    #[error("a vesting schedule needs at least one period and at most {max}, and a cliff of at most {max} months")]
    InvalidVestingSchedule { max: u16 },

    #[error("genesis beneficiary {address} is given for more than one group")]
    DuplicateBeneficiary { address: String },

    // --- config ------------------------------------------------------------------------------
    #[error("max price age must be between 1 and {max} seconds")]
    InvalidMaxPriceAge { max: u64 },

    #[error("max batch must be between 1 and {max}")]
    InvalidMaxBatch { max: u32 },

    #[error("month length must be between {min} and {max} seconds")]
    InvalidMonthSeconds { min: u64, max: u64 },

    #[error("at most {max} operators")]
    TooManyOperators { max: usize },

    #[error("operator {address} appears more than once")]
    DuplicateOperator { address: String },
}
