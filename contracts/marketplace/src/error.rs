//! Every failure a user can cause, one variant each. A failed call changes nothing.

use cosmwasm_std::{OverflowError, StdError, Uint128};
use cw_ownable::OwnershipError;
use cw_utils::PaymentError;
use mesi_common::MigrateError;
use mesi_types::marketplace::Asset;
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
    #[error("invalid config {field}: {reason}")]
    InvalidConfig { field: String, reason: String },

    // ---- custody and payment ----
    #[error("only the configured gallery may send tokens (got {sender})")]
    WrongCollection { sender: String },

    #[error("only the configured token may send $MESI (got {sender})")]
    WrongToken { sender: String },

    #[error("order is priced in {expected:?}, paid in {got:?}")]
    WrongAsset { expected: Asset, got: Asset },

    #[error("paid {paid}, the order needs {needed}")]
    WrongAmount { paid: Uint128, needed: Uint128 },

    #[error("amount must be greater than zero")]
    ZeroAmount,

    #[error("token {token_id} is already held by an order")]
    AlreadyEscrowed { token_id: String },

    /// SPEC §3 token identity (issue 19 §1): the token now under the offer's id is not the one the offer
    /// was made on (another creator or content).
    #[error(
        "offer {id} was made on another token than the one now named {token_id}: it cannot fill"
    )]
    OfferTokenReplaced { id: u64, token_id: String },

    #[error("token {token_id} is no longer held by the marketplace (run sync)")]
    TokenLeftEscrow { token_id: String },

    #[error("token {token_id} is still held by the marketplace")]
    StillInEscrow { token_id: String },

    #[error("token {token_id} is not held by any order")]
    NotEscrowed { token_id: String },

    #[error("nothing to withdraw")]
    NothingToWithdraw,

    // ---- tier limits ----
    #[error("creator tier {tier} allows {limit} live orders; the seller has {live}")]
    TooManyOrders { tier: u8, live: u32, limit: u32 },

    #[error("price {price} is above creator tier {tier}'s maximum {max}")]
    PriceAboveTierMax {
        tier: u8,
        price: Uint128,
        max: Uint128,
    },

    #[error("auction of {days} days: creator tier {tier} allows {min}..={max}")]
    InvalidAuctionDays {
        tier: u8,
        days: u32,
        min: u32,
        max: u32,
    },

    #[error("tier query failed: {reason}")]
    TierUnavailable { reason: String },

    #[error("price unavailable: {reason}")]
    PriceUnavailable { reason: String },

    // ---- listings ----
    #[error("listing {id} not found")]
    ListingNotFound { id: u64 },

    #[error("listing expired at {expires}")]
    ListingExpired { expires: u64 },

    #[error("expiry {expires} must be after now ({now})")]
    InvalidExpiry { expires: u64, now: u64 },

    #[error("the listing's price is {current}, not the agreed {agreed}")]
    PriceChanged { agreed: Uint128, current: Uint128 },

    #[error("listing is reserved for another buyer")]
    ReservedForOther,

    #[error("a seller cannot buy, bid on or offer for its own token")]
    SelfTrade,

    // ---- auctions ----
    #[error("auction {id} not found")]
    AuctionNotFound { id: u64 },

    #[error("auction ended at {end}")]
    AuctionEnded { end: u64 },

    #[error("auction ends at {end}")]
    AuctionNotEnded { end: u64 },

    #[error("bid {amount} is below the minimum {minimum}")]
    BidTooLow { amount: Uint128, minimum: Uint128 },

    #[error("auction has bids and cannot be cancelled")]
    AuctionHasBids,

    #[error("token {token_id} is in an auction")]
    TokenInAuction { token_id: String },

    // ---- offers ----
    #[error("offer {id} not found")]
    OfferNotFound { id: u64 },

    #[error("offer expired at {expires}")]
    OfferExpired { expires: u64 },

    #[error("offer {id} is on token {expected}, not {got}")]
    OfferTokenMismatch {
        id: u64,
        expected: String,
        got: String,
    },

    #[error("counter version {got} is stale; the current version is {current}")]
    StaleCounter { got: u32, current: u32 },

    #[error("offer has no counter to accept")]
    NoCounter,

    #[error("counter must differ from the current terms")]
    CounterUnchanged,

    #[error("token {token_id} not found in the gallery")]
    TokenNotFound { token_id: String },

    // ---- settlements ----
    #[error("settlement {id} not found")]
    SettlementNotFound { id: u64 },

    #[error("the compliance window closed at {release_at}")]
    WindowClosed { release_at: u64 },

    #[error("the compliance window is open until {release_at}")]
    WindowOpen { release_at: u64 },

    // ---- maintenance ----
    #[error("prune limit must be 1..={max}")]
    InvalidLimit { max: u32 },

    /// Issue 12 §7: `sweep` of a denom that is not 3..=128 chars of a-z A-Z 0-9 / : . _ -.
    #[error("invalid denom {denom:?}")]
    InvalidDenom { denom: String },

    /// Issue 12 §7: the balance of `denom` (`"mesi"` for the cw20) does not exceed what the books owe.
    #[error(
        "nothing to sweep in {denom}: the balance {balance} does not exceed what is owed {owed}"
    )]
    NothingToSweep {
        denom: String,
        balance: Uint128,
        owed: Uint128,
    },
}
