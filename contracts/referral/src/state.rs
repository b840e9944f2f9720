use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Addr, Uint128};
use cw_storage_plus::{Item, Map};
use mesi_types::referral::ReferralStatus;

pub const CONTRACT_NAME: &str = "crates.io:mesi-referral";
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

#[cw_serde]
pub struct Config {
    pub token: Addr,
    pub treasury: Addr,
    pub operator: Addr,
    /// micro-USD per referral before the multiplier.
    pub bonus_usd: Uint128,
    /// Multiplier of tier 1, 2, ... (index = tier - 1).
    pub multipliers: Vec<u16>,
}

/// Program counters and the owed FIFO queue pointers: one record, one read per hot operation.
#[cw_serde]
#[derive(Default)]
pub struct Totals {
    pub referrals: u64,
    pub pending: u64,
    pub paid_count: u64,
    pub paid: Uint128,
    pub owed: Uint128,
    pub ineligible_count: u64,
    pub rejected_count: u64,
    /// Position of the first owed referral in [`OWED_QUEUE`].
    pub owed_head: u64,
    /// Position the next owed referral takes; `owed_tail - owed_head` referrals are owed.
    pub owed_tail: u64,
}

impl Totals {
    pub fn owed_count(&self) -> u64 {
        self.owed_tail.saturating_sub(self.owed_head)
    }
}

/// The referral a referee made.
#[cw_serde]
pub struct Referral {
    pub referrer: Addr,
    pub status: ReferralStatus,
    pub tier: u8,
    /// MESI base units, fixed at validation.
    pub bonus: Uint128,
    pub created_at: u64,
    pub validated_at: Option<u64>,
}

/// Per-referrer counters.
#[cw_serde]
#[derive(Default)]
pub struct ReferrerStats {
    pub referees: u32,
    pub paid: Uint128,
    pub owed: Uint128,
}

pub const CONFIG: Item<Config> = Item::new("config");
pub const TOTALS: Item<Totals> = Item::new("totals");
/// lower-case code -> owner.
pub const CODES: Map<&str, Addr> = Map::new("codes");
/// owner -> lower-case code.
pub const USER_CODE: Map<&Addr, String> = Map::new("user_code");
/// referee -> its referral.
pub const REFERRALS: Map<&Addr, Referral> = Map::new("referrals");
/// (referrer, referee) index for the paginated `Referrals` query.
pub const BY_REFERRER: Map<(&Addr, &Addr), ()> = Map::new("by_referrer");
/// referrer -> counters; `referees > 0` is the O(1) cycle guard.
pub const REFERRER_STATS: Map<&Addr, ReferrerStats> = Map::new("referrer_stats");
/// FIFO queue position -> referee whose referral is owed.
pub const OWED_QUEUE: Map<u64, Addr> = Map::new("owed_queue");
