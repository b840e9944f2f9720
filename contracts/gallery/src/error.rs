use cosmwasm_std::{StdError, Uint128};
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

    #[error("token {token_id} not found")]
    TokenNotFound { token_id: String },

    #[error("sender may not move or approve this token")]
    Unauthorized {},

    #[error("approval already expired")]
    Expired {},

    #[error("token {token_id} has too many approvals (max {max})")]
    TooManyApprovals { token_id: String, max: usize },

    #[error("token id {token_id} is already taken")]
    TokenIdTaken { token_id: String },

    /// SPEC §3 token identity: a burnt id is never minted again, so an order or offer made on it can never
    /// be filled by another token.
    #[error("token id {token_id} was burnt and can never be minted again: choose another id")]
    TokenIdBurnt { token_id: String },

    #[error("token {token_id} was burnt")]
    TokenBurnt { token_id: String },

    /// SPEC §3 custody: the marketplace holds a token only through `send_nft` with an order message.
    #[error("token {token_id} cannot be moved to the marketplace with a plain transfer: list it with send_nft and an order message (list, auction or accept_offer)")]
    MarketplaceNeedsSendNft { token_id: String },

    #[error("invalid token id: 1..=64 bytes of A-Z a-z 0-9 - _ . :")]
    InvalidTokenId {},

    #[error("a gallery token is minted to its creator: owner must be the sender")]
    MintToOther {},

    #[error("the minter must confirm it holds the rights to the content (rights_confirmed: true)")]
    RightsNotConfirmed {},

    #[error("content hash must be a sha256 of 64 hex characters")]
    InvalidContentHash {},

    #[error("too many tags (max {max})")]
    TooManyTags { max: usize },

    #[error("invalid tag {tag:?}: 1..=32 bytes of a-z 0-9 - _")]
    InvalidTag { tag: String },

    #[error("duplicate tag {tag}")]
    DuplicateTag { tag: String },

    #[error("invalid year {year}")]
    InvalidYear { year: u16 },

    #[error("hybrid creator share must be 0..=10000 bps, got {bps}")]
    InvalidCreatorBps { bps: u16 },

    #[error("invalid token uri: 1..=512 bytes without whitespace")]
    InvalidTokenUri {},

    #[error("token {token_id} is sold (owner is not its creator): the creator cannot burn it")]
    SoldTokenCannotBeBurned { token_id: String },

    #[error("token {token_id} carries a live pledge of {amount}: only the arbiter can burn it")]
    PledgeLocked { token_id: String, amount: Uint128 },

    #[error("only the creator of token {token_id} may do this")]
    NotCreator { token_id: String },

    #[error("pay-per-view cannot be switched back on for sold token {token_id}")]
    PayPerViewSold { token_id: String },

    #[error("only the creator or the owner of token {token_id} may pledge")]
    NotCreatorOrOwner { token_id: String },

    #[error("only the owner of token {token_id} may send it to the marketplace (the seller is the owner)")]
    MarketplaceOwnerOnly { token_id: String },

    #[error("pledge overflow")]
    PledgeOverflow {},

    #[error("only the arbiter may resolve")]
    NotArbiter {},

    #[error("payouts sum to {total}, the pledge is {pledge}")]
    PayoutsMismatch { pledge: Uint128, total: Uint128 },

    #[error("duplicate payout address {address}")]
    DuplicatePayout { address: String },

    #[error("zero payout amount")]
    ZeroPayout {},

    #[error("too many payouts (max {max})")]
    TooManyPayouts { max: usize },

    #[error("invalid denom {denom:?}")]
    InvalidDenom { denom: String },

    #[error("the pledge denom cannot change while {total} is pledged")]
    DenomLocked { total: Uint128 },

    #[error("invalid collection name or symbol: 1..=64 bytes")]
    InvalidName {},

    #[error("the gallery is converting tokens to the new storage layout: anyone may run reindex {{}} until done (issue 15)")]
    ReindexPending {},

    #[error("no token is left in the old storage layout")]
    NothingToReindex {},

    #[error(
        "nothing to sweep in {denom}: the balance is {balance}, of which {pledged} is pledged"
    )]
    NothingToSweep {
        denom: String,
        balance: Uint128,
        pledged: Uint128,
    },
}
