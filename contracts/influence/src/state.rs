//! Storage. Shares are kept twice (by user and by creator) so both a user's split and a gallery's
//! supporters are prefix ranges; both maps hold the same value and change together.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::Addr;
use cw_storage_plus::{Item, Map};

pub const CONTRACT_NAME: &str = "crates.io:mesi-influence";
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

#[cw_serde]
pub struct Config {
    pub token: Addr,
    pub gallery: Addr,
    /// 1..=MAX_GALLERIES_LIMIT.
    pub max_galleries: u32,
}

/// A user's O(1) totals.
#[cw_serde]
#[derive(Default)]
pub struct UserTotals {
    /// Galleries with a share above zero.
    pub galleries: u32,
    /// Sum of the shares, bps, at most 10,000.
    pub total_bps: u16,
}

/// A gallery's O(1) counters.
#[cw_serde]
#[derive(Default)]
pub struct GalleryTotals {
    /// Users with a share above zero.
    pub supporters: u32,
    /// Sum of their shares, bps.
    pub total_bps: u64,
}

pub const CONFIG: Item<Config> = Item::new("config");
/// (user, creator) -> share bps (> 0; a withdrawn share is removed).
pub const SHARES: Map<(&Addr, &Addr), u16> = Map::new("s");
/// (creator, user) -> share bps: the same rows indexed by gallery.
pub const SUPPORTERS: Map<(&Addr, &Addr), u16> = Map::new("g");
pub const USERS: Map<&Addr, UserTotals> = Map::new("u");
pub const GALLERIES: Map<&Addr, GalleryTotals> = Map::new("c");
