use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Addr, Decimal, Empty, HexBinary, Uint128};
use cw_storage_plus::{Item, Map};
use mesi_types::treasury::Pool;

pub const CONTRACT_NAME: &str = "crates.io:mesi-treasury";
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Bounds of the owner-changeable config.
pub const MAX_PRICE_AGE_LIMIT: u64 = 7 * 86_400;
pub const MAX_BATCH_LIMIT: u32 = 1_000;
pub const MIN_MONTH_SECONDS: u64 = 1;
pub const MAX_MONTH_SECONDS: u64 = 366 * 86_400;
pub const MAX_OPERATORS: usize = 20;
/// Deepest Merkle proof accepted (2^32 leaves).
pub const MAX_PROOF_DEPTH: usize = 32;
/// Largest cliff / number of periods of a vesting schedule, in months.
pub const MAX_VESTING_MONTHS: u16 = 1_200;

#[cw_serde]
pub struct Config {
    /// Set once by `SetToken`.
    pub token: Option<Addr>,
    pub feeder: Addr,
    pub max_price_age: u64,
    pub max_batch: u32,
    /// Month length for vesting schedules created from now on (each schedule keeps its own).
    pub month_seconds: u64,
    /// Claim window of epochs posted from now on, seconds (each epoch keeps its own deadline).
    /// Absent in state written before issue 12: the default (365 days).
    #[serde(default = "default_epoch_claim_seconds")]
    pub epoch_claim_seconds: u64,
}

fn default_epoch_claim_seconds() -> u64 {
    mesi_types::treasury::DEFAULT_EPOCH_CLAIM_SECONDS
}

#[cw_serde]
pub struct PriceRecord {
    pub price: Decimal,
    pub updated_at: u64,
}

/// The treasury's books. Held MESI == reserve + pools + vesting_outstanding (plus anything that
/// arrived by plain Transfer and was not synced yet). Earnings and epoch liabilities are paid
/// from the reserve; what the reserve cannot cover is minted and counted as over-issuance.
#[cw_serde]
#[derive(Default)]
pub struct Totals {
    pub reserve: Uint128,
    pub pools: Uint128,
    pub vesting_outstanding: Uint128,
    pub earnings_owed: Uint128,
    pub epochs_outstanding: Uint128,
    pub over_issuance: Uint128,
    pub total_minted: Uint128,
    pub total_burned: Uint128,
    pub genesis_supply: Uint128,
}

#[cw_serde]
pub struct PoolState {
    pub balance: Uint128,
    pub yearly_cap: Uint128,
    /// Start of the pool's first 365-day period.
    pub start: u64,
    /// Index of the period `drawn` belongs to.
    pub period: u64,
    pub drawn: Uint128,
}

#[cw_serde]
pub struct Epoch {
    pub root: HexBinary,
    pub total: Uint128,
    pub claimed: Uint128,
    pub posted_at: u64,
    /// Last block time (s) a claim is accepted; `None` for epochs stored before issue 12, whose
    /// deadline is `posted_at` + the default window (see [`Epoch::deadline`]).
    #[serde(default)]
    pub deadline: Option<u64>,
    /// Closed after the deadline: `Some(returned)`, the unclaimed amount given back to the reserve.
    #[serde(default)]
    pub closed: Option<Uint128>,
}

impl Epoch {
    /// The last block time (seconds) at which a leaf of this epoch may be claimed.
    pub fn deadline(&self) -> u64 {
        self.deadline.unwrap_or_else(|| {
            self.posted_at
                .saturating_add(mesi_types::treasury::DEFAULT_EPOCH_CLAIM_SECONDS)
        })
    }
}

#[cw_serde]
pub struct Schedule {
    pub label: String,
    pub total: Uint128,
    pub claimed: Uint128,
    pub start: u64,
    pub cliff_months: u16,
    pub periods: u16,
    pub month_seconds: u64,
}

pub const CONFIG: Item<Config> = Item::new("config");
pub const OPERATORS: Map<&Addr, Empty> = Map::new("operators");
pub const PRICE: Item<PriceRecord> = Item::new("price");
pub const TOTALS: Item<Totals> = Item::new("totals");
/// Keyed by [`pool_key`].
pub const POOLS: Map<u8, PoolState> = Map::new("pools");
pub const DRAWERS: Map<&Addr, Pool> = Map::new("drawers");
pub const OWED: Map<&Addr, Uint128> = Map::new("owed");
pub const EPOCH_COUNT: Item<u64> = Item::new("epoch_count");
pub const EPOCHS: Map<u64, Epoch> = Map::new("epochs");
pub const EPOCH_CLAIMS: Map<(u64, &Addr), Empty> = Map::new("epoch_claims");
pub const VESTINGS: Map<&Addr, Schedule> = Map::new("vestings");

pub fn pool_key(pool: Pool) -> u8 {
    match pool {
        Pool::ValidatorRewards => 0,
        Pool::Referral => 1,
        Pool::EngagementRewards => 2,
        Pool::Leaderboards => 3,
        Pool::ActiveUserBonus => 4,
        Pool::WelcomeBonus => 5,
    }
}

/// The pool's JSON name (for attributes).
pub fn pool_name(pool: Pool) -> &'static str {
    match pool {
        Pool::ValidatorRewards => "validator_rewards",
        Pool::Referral => "referral",
        Pool::EngagementRewards => "engagement_rewards",
        Pool::Leaderboards => "leaderboards",
        Pool::ActiveUserBonus => "active_user_bonus",
        Pool::WelcomeBonus => "welcome_bonus",
    }
}
