//! Every failure a user or the owner can cause, one variant each (issue 13).

use cosmwasm_std::{OverflowError, StdError};
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

    #[error("{0}")]
    Overflow(#[from] OverflowError),

    #[error("invalid address {address:?}: a lower-case bech32 address of this chain is expected")]
    InvalidAddress { address: String },

    #[error("an allocation needs at least one gallery")]
    EmptyBatch,

    #[error("an allocation lists {len} galleries; at most {max} (max_galleries) per message")]
    BatchTooLong { len: usize, max: u32 },

    #[error("creator {creator} is listed twice in one allocation")]
    DuplicateCreator { creator: String },

    #[error("a share is at most 10000 bps (100%), got {share_bps}")]
    ShareAboveWhole { share_bps: u16 },

    #[error("a user cannot allocate influence to its own gallery")]
    SelfAllocation,

    #[error("{creator} has no gallery (no token in the gallery contract)")]
    NoGallery { creator: String },

    #[error("the sender has no influence points to allocate")]
    NoInfluence,

    #[error("the shares would sum to {total_bps} bps; at most 10000 bps (100%) may be allocated")]
    OverAllocated { total_bps: u32 },

    #[error("the sender would back {count} galleries; at most {max} (max_galleries)")]
    TooManyGalleries { count: u32, max: u32 },

    #[error("every listed share is already what the sender has: nothing changed")]
    NothingChanged,

    #[error("the sender has no allocation to withdraw")]
    NothingAllocated,

    #[error("max_galleries must be between 1 and {max}, got {got}")]
    InvalidMaxGalleries { got: u32, max: u32 },

    #[error("cannot read influence points from the token: {reason}")]
    TierUnavailable { reason: String },

    #[error("cannot ask the gallery contract whether {creator} has a gallery: {reason}")]
    GalleryUnavailable { creator: String, reason: String },

    #[error("invalid denom {denom:?}")]
    InvalidDenom { denom: String },

    /// Issue 12 §7: `sweep` found nothing of `denom` (`"mesi"` for the cw20) to send.
    #[error("nothing to sweep in {denom}")]
    NothingToSweep { denom: String },
}
