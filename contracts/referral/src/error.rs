use cosmwasm_std::{OverflowError, StdError, Uint128};
use cw_ownable::OwnershipError;
use cw_utils::PaymentError;
use mesi_common::MigrateError;
use mesi_types::referral::ReferralStatus;
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

    #[error("only the fraud-check operator may do this")]
    NotOperator,

    #[error("a referral code needs tier {required} or above; the sender is at tier {tier}")]
    TierTooLow { tier: u8, required: u8 },

    #[error("a referral code has {min} to {max} characters, got {len}")]
    InvalidCodeLength { len: usize, min: usize, max: usize },

    #[error("a referral code uses only a-z, 0-9, '_' and '-'; got {ch:?}")]
    InvalidCodeCharacter { ch: char },

    #[error("referral code {code} is taken")]
    CodeTaken { code: String },

    #[error("the sender already has referral code {code}")]
    AlreadyHasCode { code: String },

    #[error("unknown referral code {code}")]
    UnknownCode { code: String },

    #[error("a user cannot refer themself")]
    SelfReferral,

    #[error("the sender already named referrer {referrer}")]
    AlreadyReferred { referrer: String },

    #[error("a user who already has referees cannot name a referrer (no cycles)")]
    HasReferees,

    #[error("{referee} has no referral")]
    NoReferral { referee: String },

    #[error("the referral of {referee} is not pending (status {status:?})")]
    NotPending {
        referee: String,
        status: ReferralStatus,
    },

    #[error("cannot read the referrer's tier from the token: {reason}")]
    TierUnavailable { reason: String },

    #[error("cannot convert USD to MESI (treasury price missing or stale): {reason}")]
    PriceUnavailable { reason: String },

    #[error("cannot read the treasury's referral pool: {reason}")]
    PoolUnavailable { reason: String },

    #[error("no referral is owed")]
    NothingOwed,

    #[error("referral budget exhausted: the next owed referral needs {needed}, the pool has {available}")]
    BudgetExhausted { needed: Uint128, available: Uint128 },

    #[error("the bonus of {usd} micro-USD converts to 0 MESI at the current price: refused, the referral stays pending")]
    BonusRoundsToZero { usd: Uint128 },

    #[error("the bonus of {bonus} MESI base units can never fit the referral pool's yearly cap of {yearly_cap}: refused, the referral stays pending until the cap is raised")]
    BonusAboveYearlyCap { bonus: Uint128, yearly_cap: Uint128 },

    #[error("every owed referral examined ({examined}) is above the referral pool's yearly cap of {yearly_cap}; they stay owed until the cap is raised")]
    OwedAboveYearlyCap { examined: u32, yearly_cap: Uint128 },

    #[error("invalid denom {denom:?}")]
    InvalidDenom { denom: String },

    #[error("nothing to sweep in {denom}")]
    NothingToSweep { denom: String },

    #[error("limit must be at least 1")]
    ZeroLimit,

    #[error("bonus_usd must be above zero")]
    ZeroBonus,

    #[error("the multiplier table needs 1 to {max} rows, got {len}")]
    InvalidMultiplierCount { len: usize, max: usize },

    #[error("multipliers must be between 1 and {max} and non-decreasing by tier")]
    InvalidMultipliers { max: u16 },
}
