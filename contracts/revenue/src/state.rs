//! Storage. One record per creator ([`Creator`]: claimable balance, pools, contribution history, plan
//! counters, epoch sequence) so a payment reads and writes it once; `TOTALS` the O(1) running totals of
//! everything owed, per source (held == owed).
//!
//! Keys: subscriptions by (creator, fan) with a (fan, creator) index for `subscriptions_by_fan`; PPV prices
//! and unlocks by token id (a gallery id is never minted again after a burn, SPEC §3 token identity, so an
//! id names one token for ever); epochs by (creator, epoch), claims by (creator, epoch, recipient).

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Addr, Empty, HexBinary, Uint128};
use cw_storage_plus::{Item, Map};
use mesi_types::revenue::{ConfigResponse, Source, TierDiscount};

pub const CONTRACT_NAME: &str = "crates.io:mesi-revenue";
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

#[cw_serde]
pub struct Config {
    pub token: Addr,
    pub gallery: Addr,
    pub treasury: Addr,
    pub operator: Addr,
    pub marketplace: Option<Addr>,
    /// bps.
    pub commission_bps: u16,
    /// Base units.
    pub min_tip: Uint128,
    /// Seconds per contribution period.
    pub period_seconds: u64,
    /// Block seconds of period 0's start.
    pub start: u64,
    /// Seconds after a subscription's end during which a keeper may renew it.
    pub renew_window: u64,
    /// Seconds from an epoch's publication to its claim deadline.
    pub claim_seconds: u64,
}

impl Config {
    /// The index of the period containing block second `now` (0 before `start`).
    pub fn period(&self, now: u64) -> u64 {
        now.saturating_sub(self.start) / self.period_seconds
    }

    pub fn to_response(&self) -> ConfigResponse {
        ConfigResponse {
            token: self.token.to_string(),
            gallery: self.gallery.to_string(),
            treasury: self.treasury.to_string(),
            operator: self.operator.to_string(),
            marketplace: self.marketplace.as_ref().map(Addr::to_string),
            commission_bps: self.commission_bps,
            min_tip: self.min_tip,
            period_seconds: self.period_seconds,
            start: self.start,
            renew_window: self.renew_window,
            claim_seconds: self.claim_seconds,
        }
    }
}

/// A creator's contribution-rate history (SPEC §8): `current` has been in force since period
/// `set_period`; `done` holds the rates of the completed periods before `set_period` since
/// `first_period`, at most the last 12, oldest first.
#[cw_serde]
pub struct RateState {
    pub first_period: u64,
    pub set_period: u64,
    /// Whole percent.
    pub current: u8,
    pub done: Vec<u8>,
}

/// Everything one creator's payments touch, in one record. Saved only for verified creators.
#[cw_serde]
#[derive(Default)]
pub struct Creator {
    /// Claimable by the creator, base units.
    pub balance: Uint128,
    /// Undistributed gallery pool, base units.
    pub pool: Uint128,
    /// Undistributed ad revenue, base units.
    pub ad_revenue: Uint128,
    pub rate: Option<RateState>,
    /// Live plans (at most `MAX_PLANS`).
    pub plans: u8,
    /// The last plan id handed out (ids are never reused).
    pub last_plan_id: u32,
    /// The last published epoch (0 = none).
    pub last_epoch: u64,
    /// Cutoff height of the last published epoch.
    pub last_cutoff: u64,
}

#[cw_serde]
pub struct Plan {
    pub name: String,
    pub price: Uint128,
    pub price_yearly: Option<Uint128>,
    pub trial_days: u8,
    pub discount: Option<TierDiscount>,
}

#[cw_serde]
pub struct Subscription {
    pub plan_id: u32,
    pub yearly: bool,
    /// The per-cycle price the fan last agreed to (ceiling of auto-renewal), base units.
    pub price: Uint128,
    /// Block seconds.
    pub end: u64,
    pub trial: bool,
    pub trial_used: bool,
    pub auto_renew: bool,
}

#[cw_serde]
pub struct Epoch {
    pub source: Source,
    pub root: HexBinary,
    pub total: Uint128,
    pub claimed: Uint128,
    pub cutoff_height: u64,
    pub leaves_sha256: HexBinary,
    pub published_at: u64,
    pub deadline: u64,
    /// The rest returned to the source at close; `None` while open.
    pub returned: Option<Uint128>,
}

/// Running totals of everything owed, base units (O(1) per change).
#[cw_serde]
#[derive(Default)]
pub struct Totals {
    pub balances: Uint128,
    pub pools: Uint128,
    pub ad_revenue: Uint128,
    pub epochs_pool: Uint128,
    pub epochs_ad_revenue: Uint128,
    pub epochs_engagement: Uint128,
}

impl Totals {
    pub fn owed(&self) -> Result<Uint128, cosmwasm_std::OverflowError> {
        self.balances
            .checked_add(self.pools)?
            .checked_add(self.ad_revenue)?
            .checked_add(self.epochs_pool)?
            .checked_add(self.epochs_ad_revenue)?
            .checked_add(self.epochs_engagement)
    }

    /// The open-epoch total of `source`.
    pub fn epochs_mut(&mut self, source: Source) -> &mut Uint128 {
        match source {
            Source::Pool => &mut self.epochs_pool,
            Source::AdRevenue => &mut self.epochs_ad_revenue,
            Source::Engagement => &mut self.epochs_engagement,
        }
    }
}

pub const CONFIG: Item<Config> = Item::new("config");
pub const TOTALS: Item<Totals> = Item::new("totals");
pub const CREATORS: Map<&Addr, Creator> = Map::new("creators");
pub const PLANS: Map<(&Addr, u32), Plan> = Map::new("plans");
pub const PPV_PRICES: Map<&str, Uint128> = Map::new("ppv");
pub const UNLOCKS: Map<(&str, &Addr), Empty> = Map::new("unlocks");
/// (creator, fan) -> subscription.
pub const SUBS: Map<(&Addr, &Addr), Subscription> = Map::new("subs");
/// (fan, creator) index of `SUBS`.
pub const FAN_SUBS: Map<(&Addr, &Addr), Empty> = Map::new("fan_subs");
pub const EPOCHS: Map<(&Addr, u64), Epoch> = Map::new("epochs");
pub const CLAIMS: Map<(&Addr, u64, &Addr), Empty> = Map::new("claims");
