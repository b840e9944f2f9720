use cosmwasm_std::{StdError, Uint128};
use cw_ownable::OwnershipError;
use cw_utils::PaymentError;
use mesi_common::MigrateError;
use mesi_types::marketplace::TierLimitKind;
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

    #[error("unauthorized")]
    Unauthorized {},

    #[error("amount must not be zero")]
    InvalidZeroAmount {},

    #[error("insufficient funds: balance {balance}, needed {amount}")]
    InsufficientFunds { balance: Uint128, amount: Uint128 },

    #[error("balance is locked: locked {locked}, available {available}")]
    LockedBalance { locked: Uint128, available: Uint128 },

    #[error("cannot set allowance to own account")]
    CannotSetOwnAccount {},

    #[error("allowance is expired")]
    Expired {},

    #[error("no allowance for this account")]
    NoAllowance {},

    #[error("insufficient allowance: allowance {allowance}, needed {amount}")]
    InsufficientAllowance { allowance: Uint128, amount: Uint128 },

    #[error("invalid expiration value")]
    InvalidExpiration {},

    #[error("minting cannot exceed the cap")]
    CannotExceedCap {},

    #[error("total supply would exceed the largest supported supply")]
    SupplyOverflow {},

    #[error("logo binary data exceeds 5KB limit")]
    LogoTooBig {},

    #[error("invalid xml preamble for SVG")]
    InvalidXmlPreamble {},

    #[error("invalid png header")]
    InvalidPngHeader {},

    #[error("name must be 3-50 bytes")]
    InvalidName {},

    #[error("symbol must match [a-zA-Z-]{{3,12}}")]
    InvalidSymbol {},

    #[error("decimals must be 6, got {decimals}")]
    InvalidDecimals { decimals: u8 },

    #[error("genesis supply must be > 0")]
    InvalidGenesisSupply {},

    #[error("allocations sum to {sum}, genesis supply is {genesis_supply}")]
    AllocationSumMismatch {
        sum: Uint128,
        genesis_supply: Uint128,
    },

    #[error("allocation {label} has a zero amount")]
    ZeroAllocation { label: String },

    #[error("address {address} appears twice in the allocations")]
    DuplicateAllocation { address: String },

    #[error("1 to {max} allocations allowed")]
    InvalidAllocationCount { max: u32 },

    #[error("cap {cap} is below the genesis supply {supply}")]
    CapBelowSupply { cap: Uint128, supply: Uint128 },

    #[error("unlock delay must be 1..={max} seconds, got {delay}")]
    InvalidUnlockDelay { delay: u64, max: u64 },

    #[error("invalid tier table: {reason}")]
    InvalidTierTable { reason: String },

    #[error("cannot lock {amount}: balance {balance}, already locked {locked}")]
    LockExceedsBalance {
        amount: Uint128,
        balance: Uint128,
        locked: Uint128,
    },

    #[error("cannot unlock {amount}: locked {locked}, already pending {pending}")]
    UnlockExceedsLocked {
        amount: Uint128,
        locked: Uint128,
        pending: Uint128,
    },

    #[error("cannot slash {amount}: locked {locked}")]
    SlashExceedsLocked { amount: Uint128, locked: Uint128 },

    #[error("slash recipients sum to {sum}, slash amount is {amount}")]
    SlashSplitMismatch { sum: Uint128, amount: Uint128 },

    #[error("slash recipient {address} appears twice")]
    DuplicateRecipient { address: String },

    #[error("1 to {max} slash recipients allowed")]
    InvalidRecipientCount { max: u32 },

    /// SPEC §3: lowering the lock waits until the seller's live marketplace orders fit the
    /// creator tier the lower lock gives, in all three limits (issue 19). `exceeds` names the first
    /// that does not fit: the number of live orders (`live_orders` above `limit`; `limit` None =
    /// that tier has no limit), a live order's price, or a live auction's length in days.
    #[error("cannot unlock: the seller's live marketplace orders exceed the {exceeds} limit of creator tier {tier} ({live_orders} live orders, order limit {limit:?})")]
    LiveOrdersExceedTier {
        live_orders: u32,
        limit: Option<u32>,
        tier: u8,
        exceeds: TierLimitKind,
    },

    /// Issue 12 §7: `sweep` found no coin of `denom` to send.
    #[error("nothing to sweep in {denom}")]
    NothingToSweep { denom: String },
}
