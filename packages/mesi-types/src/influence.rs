//! Messages of the influence contract (SPEC §1 "Influence allocation", issue 13).
//!
//! A user gives shares of its influence points (holding score + locked MESI, read live from the
//! token's `tier` query) to creators' galleries. A share is in basis points of the user's total
//! (10,000 = 100%); the points a gallery gets from a user are
//! `floor(influence_points x share_bps / 10,000)`, computed at query time, so every allocation
//! follows the user's total as it moves and the user's split never changes by itself.
//!
//! Rules: the sum of a user's shares is at most 10,000 bps; a user backs at most `max_galleries`
//! galleries (config, default [`DEFAULT_MAX_GALLERIES`], at most [`MAX_GALLERIES_LIMIT`]); raising a
//! share needs a creator with at least one token in the gallery contract, a creator other than the
//! sender and a sender with influence points above zero; lowering or withdrawing is always allowed.
//! Nothing is payable. Every change emits a `wasm-influence_allocation` event (`user`, `creator`,
//! `old_share_bps`, `new_share_bps`, `action` = `allocate` | `reallocate` | `withdraw`) from which an
//! indexer computes a gallery's live points; the chain keeps only O(1) counters per gallery (number of
//! supporters, sum of shares).

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{Addr, Uint128};
use cw_ownable::{cw_ownable_execute, cw_ownable_query};

/// Default for the most galleries one user may back at the same time.
pub const DEFAULT_MAX_GALLERIES: u32 = 10;
/// Largest `max_galleries` the owner may configure (bounds every per-user loop).
pub const MAX_GALLERIES_LIMIT: u32 = 50;
/// Default page of `supporters`.
pub const DEFAULT_SUPPORTERS_LIMIT: u32 = 10;
/// Largest page of `supporters`: each row asks the token for the supporter's live points.
pub const MAX_SUPPORTERS_LIMIT: u32 = 30;
/// The event type every allocation change emits (`wasm-` is added by the chain).
pub const ALLOCATION_EVENT: &str = "influence_allocation";

#[cw_serde]
pub struct InstantiateMsg {
    /// Contract owner (config admin); defaults to the sender.
    pub owner: Option<String>,
    /// The $MESI cw20: answers `{"tier":{"address":..}}` with the live influence points.
    pub token: String,
    /// The gallery cw721: a creator is an address with at least one token in its gallery.
    pub gallery: String,
    /// Most galleries one user may back at once, 1..=[`MAX_GALLERIES_LIMIT`]; default
    /// [`DEFAULT_MAX_GALLERIES`].
    pub max_galleries: Option<u32>,
}

/// One gallery's new share in an `allocate` batch. JSON `{"creator":"wasm1..","share_bps":4000}`.
#[cw_serde]
pub struct ShareUpdate {
    /// The gallery's creator (bech32, lower-case).
    pub creator: String,
    /// The new share of the sender's influence points, bps (0 withdraws, at most 10,000).
    pub share_bps: u16,
}

#[cw_ownable_execute]
#[cw_serde]
pub enum ExecuteMsg {
    /// Sets the sender's share for each listed gallery (absolute values, not deltas; 0 withdraws);
    /// galleries not listed keep their shares. Applied as one change: errors (nothing changes)
    /// `EmptyBatch`, `BatchTooLong` (more than [`MAX_GALLERIES_LIMIT`] entries), `DuplicateCreator`,
    /// `InvalidAddress`, `ShareAboveWhole` (an entry above 10,000), `SelfAllocation`, `NoGallery`
    /// (raising the share of a creator without a token), `NoInfluence` (raising any share with 0
    /// points), `OverAllocated` (the sum would pass 10,000), `TooManyGalleries`, `NothingChanged`,
    /// `TierUnavailable`.
    Allocate { shares: Vec<ShareUpdate> },
    /// Withdraws every allocation of the sender (at most `MAX_GALLERIES_LIMIT` rows). Error
    /// `NothingAllocated`.
    WithdrawAll {},
    /// Owner: change the configuration (validated: `InvalidMaxGalleries`). Lowering
    /// `max_galleries` keeps existing allocations; a user above it may only lower or withdraw.
    UpdateConfig {
        token: Option<String>,
        gallery: Option<String>,
        max_galleries: Option<u32>,
    },
    /// Owner (issue 12 §7, tokens with no way out). The contract holds nothing it owes (every
    /// message is nonpayable, it takes no cw20 hook), so every balance is stray and goes whole to the
    /// owner: `denom: null` sends the contract's whole $MESI balance (plain cw20 `Transfer`s to it) by
    /// cw20 `Transfer`; `denom: "<native>"` sends that coin's whole bank balance (plain bank sends).
    /// Errors: `InvalidDenom`, `NothingToSweep`.
    Sweep { denom: Option<String> },
}

#[cw_serde]
pub struct MigrateMsg {}

#[cw_ownable_query]
#[cw_serde]
#[derive(QueryResponses)]
pub enum QueryMsg {
    #[returns(ConfigResponse)]
    Config {},
    /// A user's split with the live points per gallery (one token query, at most
    /// `MAX_GALLERIES_LIMIT` rows), galleries in address order.
    #[returns(AllocationResponse)]
    Allocation { user: String },
    /// A gallery's supporters in address order with their shares and live points: O(page), one
    /// token query per row; `limit` default 10, at most 30.
    #[returns(SupportersResponse)]
    Supporters {
        creator: String,
        start_after: Option<String>,
        limit: Option<u32>,
    },
    /// A gallery's O(1) counters: number of supporters and the sum of their shares. Not a live
    /// point total (that moves every second with each supporter's holding score): an indexer
    /// computes it from the `wasm-influence_allocation` events and the token's `tier` query.
    #[returns(GalleryStatsResponse)]
    GalleryStats { creator: String },
}

#[cw_serde]
pub struct ConfigResponse {
    pub token: Addr,
    pub gallery: Addr,
    pub max_galleries: u32,
}

/// One gallery of a user's split.
#[cw_serde]
pub struct GalleryAllocation {
    pub creator: Addr,
    pub share_bps: u16,
    /// `floor(influence_points x share_bps / 10,000)`, base units.
    pub points: Uint128,
}

#[cw_serde]
pub struct AllocationResponse {
    pub user: Addr,
    /// The user's live influence points (holding score + locked, base units) from the token.
    pub influence_points: Uint128,
    /// Sum of the user's shares, bps (at most 10,000).
    pub total_share_bps: u16,
    /// Sum of `points` over `galleries` (at most `influence_points`).
    pub allocated_points: Uint128,
    pub galleries: Vec<GalleryAllocation>,
}

/// One supporter of a gallery.
#[cw_serde]
pub struct Supporter {
    pub user: Addr,
    pub share_bps: u16,
    /// `floor(user's influence_points x share_bps / 10,000)`, base units, live.
    pub points: Uint128,
}

#[cw_serde]
pub struct SupportersResponse {
    pub creator: Addr,
    pub supporters: Vec<Supporter>,
}

#[cw_serde]
pub struct GalleryStatsResponse {
    pub creator: Addr,
    /// Users with a share above zero in this gallery.
    pub supporters: u32,
    /// Sum of those users' shares, bps (each at most 10,000).
    pub total_share_bps: u64,
}
