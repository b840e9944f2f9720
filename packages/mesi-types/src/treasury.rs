//! Treasury messages.
//!
//! Interface other contracts rely on (keep it stable):
//! - `QueryMsg::Price {}` -> [`PriceResponse`]
//! - `QueryMsg::Pool { pool }` -> [`PoolResponse`]
//! - `QueryMsg::UsdToMesi { usd }` -> [`ConversionResponse`]; errors when the price is missing or
//!   older than the max age. Rounds down (in the protocol's favour for payouts).
//! - `ExecuteMsg::DrawFromPool { amount, recipient, msg }`: a registered contract draws from the
//!   budget pool it was registered for; `msg: Some(..)` pays with cw20 `Send` (Receive hook),
//!   `None` with `Transfer`. Fails (and changes nothing) above the pool's remaining yearly cap
//!   or balance.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Decimal, Uint128};

/// The treasury's named budget pools.
#[cw_serde]
#[derive(Copy, Eq, PartialOrd, Ord)]
pub enum Pool {
    ValidatorRewards,
    Referral,
    EngagementRewards,
    Leaderboards,
    ActiveUserBonus,
    WelcomeBonus,
}

/// Answer to `{"price":{}}`.
#[cw_serde]
pub struct PriceResponse {
    /// USD per 1 MESI; `None` before the feeder first posts.
    pub price: Option<Decimal>,
    /// Block time of the last post.
    pub updated_at: Option<u64>,
    /// Seconds since the last post (0 when never posted).
    pub age: u64,
    pub max_age: u64,
    /// True when a conversion would accept this price.
    pub fresh: bool,
}

/// Answer to `{"usd_to_mesi":{"usd":"..."}}`.
#[cw_serde]
pub struct ConversionResponse {
    /// micro-USD asked for.
    pub usd: Uint128,
    /// MESI base units, rounded down.
    pub mesi: Uint128,
    pub price: Decimal,
}

/// Answer to `{"pool":{"pool":"referral"}}`: what a drawer can still take this year.
#[cw_serde]
pub struct PoolResponse {
    pub pool: Pool,
    /// MESI set aside in the pool.
    pub balance: Uint128,
    pub yearly_cap: Uint128,
    /// Drawn since `year_start`.
    pub drawn_this_year: Uint128,
    pub year_start: u64,
    /// min(balance, yearly_cap - drawn_this_year): the largest draw that succeeds now.
    pub available: Uint128,
}
