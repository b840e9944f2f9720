use cosmwasm_std::{OverflowError, StdError, Uint128};
use cw_ownable::OwnershipError;
use cw_utils::PaymentError;
use mesi_common::MigrateError;
use mesi_types::bid_to_meet::{BidStatus, Format, SlotStatus};
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

    #[error("unauthorized")]
    Unauthorized,

    // ---- configuration ----
    #[error("commission {bps} bps is above 10000")]
    InvalidCommission { bps: u16 },

    #[error("invalid tier limits: {reason}")]
    InvalidTierLimits { reason: String },

    #[error("invalid time window {name}: {reason}")]
    InvalidWindow { name: String, reason: String },

    // ---- payments ----
    #[error("only the configured token can send bids (got {sender})")]
    WrongToken { sender: String },

    #[error("amount must be greater than zero")]
    ZeroAmount,

    // ---- creators ----
    #[error("minimum bid must be greater than zero")]
    ZeroMinBid,

    #[error("at least one format is required")]
    NoFormats,

    #[error("format {format:?} listed twice")]
    DuplicateFormat { format: Format },

    #[error("creator {creator} has not enabled bid-to-meet")]
    CreatorNotEnabled { creator: String },

    #[error("creator does not offer format {format:?}")]
    FormatNotOffered { format: Format },

    // ---- bidders ----
    #[error("bidder {address} has no completed KYC")]
    KycRequired { address: String },

    #[error("tier 0 has no bid-to-meet access")]
    NoBtmAccess,

    #[error("bid {amount} is above the tier limit {limit}")]
    OverTierLimit { amount: Uint128, limit: Uint128 },

    #[error("tier query failed: {reason}")]
    TierUnavailable { reason: String },

    #[error("price unavailable: {reason}")]
    PriceUnavailable { reason: String },

    #[error("bid {amount} is below the minimum {minimum}")]
    BidTooLow { amount: Uint128, minimum: Uint128 },

    #[error("a creator cannot bid on itself")]
    SelfBid,

    // ---- bids ----
    #[error("bid {id} not found")]
    BidNotFound { id: u64 },

    #[error("bid is {status:?}, expected {expected}")]
    WrongBidStatus { status: BidStatus, expected: String },

    #[error("slot bids cannot be raised; bid again on the slot")]
    SlotBidNotRaisable,

    #[error("slot bids are settled with SettleSlot, not Accept")]
    SlotBidUseSettle,

    #[error("invalid code hash: expected 64 hex characters")]
    InvalidCodeHash,

    #[error("meeting code does not match")]
    WrongCode,

    #[error("the KYF consent window is closed")]
    KyfWindowClosed,

    #[error("the KYF consent window is still open until {until}")]
    KyfWindowOpen { until: u64 },

    #[error("the meeting deadline has passed")]
    DeadlinePassed,

    #[error("the meeting deadline {deadline} has not been reached")]
    DeadlineNotReached { deadline: u64 },

    #[error("split {total} does not equal the escrow {escrow}")]
    SplitMismatch { total: Uint128, escrow: Uint128 },

    #[error("no refund to withdraw")]
    NothingToWithdraw,

    // ---- slots ----
    #[error("slot {id} not found")]
    SlotNotFound { id: u64 },

    #[error("slot is {status:?}")]
    SlotClosed { status: SlotStatus },

    #[error("slot auction has ended")]
    SlotEnded,

    #[error("slot auction ends at {end_time}")]
    SlotNotEnded { end_time: u64 },

    #[error("slot has bids and cannot be cancelled")]
    SlotHasBids,

    #[error("slot has no bid to settle; cancel it instead")]
    NoSlotBids,

    #[error("end time must be after now and at most {max} seconds ahead")]
    InvalidEndTime { max: u64 },

    #[error("minimum increment must be greater than zero")]
    ZeroIncrement,

    #[error("the creator may still settle until {until}")]
    SettleWindowOpen { until: u64 },

    // ---- issue 12 ----
    /// §6: the creator's share of a non-zero amount would round to zero base units after the
    /// commission: never silently consumed.
    #[error("{amount} leaves the creator zero base units after a {bps} bps commission")]
    CreatorShareRoundsToZero { amount: Uint128, bps: u16 },

    /// §6: the tier's USD limit converts to zero base units at the current price.
    #[error("the tier {tier} limit converts to zero MESI at the current price")]
    TierLimitRoundsToZero { tier: u8 },

    /// §7: `sweep` of a denom that is not 3..=128 chars of a-z A-Z 0-9 / : . _ -.
    #[error("invalid denom {denom:?}")]
    InvalidDenom { denom: String },

    /// §7: the balance of `denom` (`"mesi"` for the cw20) does not exceed what the books owe
    /// (`owed` is zero for a native coin: the contract never owes one).
    #[error(
        "nothing to sweep in {denom}: the balance {balance} does not exceed what is owed {owed}"
    )]
    NothingToSweep {
        denom: String,
        balance: Uint128,
        owed: Uint128,
    },
}
