//! Treasury messages.
//!
//! Interface other contracts rely on (keep it stable):
//! - `QueryMsg::Price {}` -> [`PriceResponse`]
//! - `QueryMsg::Pool { pool }` -> [`PoolResponse`]
//! - `QueryMsg::UsdToMesi { usd }` -> [`ConversionResponse`]; errors when the price is missing or
//!   older than the max age, and when a non-zero `usd` rounds down to 0 MESI (issue 12 §6: never a
//!   silent zero). Rounds down (in the protocol's favour for payouts).
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

// ---------------------------------------------------------------------------------------------
// Everything below is the rest of the treasury's interface (messages and responses).
// ---------------------------------------------------------------------------------------------

use cosmwasm_schema::QueryResponses;
use cosmwasm_std::{Addr, Binary};
use cw20::Cw20ReceiveMsg;
use cw_ownable::{cw_ownable_execute, cw_ownable_query};

/// Genesis supply of $MESI in base units: 100,000,000,000 MESI with 6 decimals.
pub const GENESIS_SUPPLY: u128 = 100_000_000_000 * crate::MESI;
/// Default max age of a price, seconds.
pub const DEFAULT_MAX_PRICE_AGE: u64 = 3_600;
/// Default maximum entries in one earnings credit batch.
pub const DEFAULT_MAX_BATCH: u32 = 100;
/// Default month length for vesting, seconds (30 days).
pub const DEFAULT_MONTH_SECONDS: u64 = 30 * 86_400;
/// A budget pool's "year": 365-day periods counted from the pool's start.
pub const POOL_YEAR_SECONDS: u64 = 365 * 86_400;
/// Default claim window of a Merkle epoch, seconds: 365 days = 31,536,000 s (SPEC §2, issue 12 §5).
pub const DEFAULT_EPOCH_CLAIM_SECONDS: u64 = 365 * 86_400;
/// Shortest accepted epoch claim window, seconds (1 day).
pub const MIN_EPOCH_CLAIM_SECONDS: u64 = 86_400;
/// Longest accepted epoch claim window, seconds (10 years of 365 days).
pub const MAX_EPOCH_CLAIM_SECONDS: u64 = 10 * 365 * 86_400;

/// Every budget pool, in a fixed order.
pub const ALL_POOLS: [Pool; 6] = [
    Pool::ValidatorRewards,
    Pool::Referral,
    Pool::EngagementRewards,
    Pool::Leaderboards,
    Pool::ActiveUserBonus,
    Pool::WelcomeBonus,
];

/// A pool's yearly cap (instantiate / config update).
#[cw_serde]
pub struct PoolCap {
    pub pool: Pool,
    pub yearly_cap: Uint128,
}

/// Beneficiaries of the genesis vesting groups (SPEC §1), one address per group.
#[cw_serde]
pub struct GenesisVesting {
    /// Vesting start (block time, seconds); default: the instantiate block time.
    pub start: Option<u64>,
    pub micro_pre_seed: String,
    pub seed_a: String,
    pub seed_b: String,
    pub community_incentives: String,
    pub airdrop: String,
    pub core_team: String,
    pub strategic_partnerships: String,
    pub advisors: String,
}

#[cw_serde]
pub struct InstantiateMsg {
    /// Default: the sender.
    pub owner: Option<String>,
    /// Posts the MESI/USD price.
    pub feeder: String,
    /// May credit earnings and post Merkle epochs.
    pub operators: Vec<String>,
    /// Default 3600 s.
    pub max_price_age: Option<u64>,
    /// Default 100.
    pub max_batch: Option<u32>,
    /// Default 30 days (2,592,000 s).
    pub month_seconds: Option<u64>,
    /// Claim window of each Merkle epoch, seconds from its posting; default
    /// [`DEFAULT_EPOCH_CLAIM_SECONDS`] (365 days), accepted [`MIN_EPOCH_CLAIM_SECONDS`]..=
    /// [`MAX_EPOCH_CLAIM_SECONDS`] (SPEC §2). An epoch keeps the window in force when it was posted.
    #[serde(default)]
    pub epoch_claim_seconds: Option<u64>,
    /// Pools not listed start with a cap of 0 (closed until the owner sets one).
    pub pool_caps: Vec<PoolCap>,
    /// Create the genesis vesting schedules of the tokenomics table.
    pub genesis_vesting: Option<GenesisVesting>,
}

/// Currency of an earnings credit batch.
#[cw_serde]
#[derive(Copy)]
pub enum Currency {
    /// micro-USD, converted at the current (fresh) price, rounded down.
    Usd,
    /// MESI base units.
    Mesi,
}

#[cw_serde]
pub struct Credit {
    pub address: String,
    pub amount: Uint128,
}

#[cw_ownable_execute]
#[cw_serde]
pub enum ExecuteMsg {
    /// Owner, once: the $MESI token (after it was instantiated with the treasury as minter).
    /// Reads the treasury's balance: reserve = balance - vesting outstanding; genesis supply =
    /// the token's total supply at that moment + what holders burned before it (`{"burned":{}}`).
    SetToken { address: String },
    /// Feeder: USD per 1 MESI (> 0).
    PostPrice { price: Decimal },
    /// Operator: credit earnings (bounded batch; a repeated address is rejected).
    CreditEarnings {
        currency: Currency,
        credits: Vec<Credit>,
    },
    /// Pay everything owed to the sender (mints the shortfall).
    Claim {},
    /// Operator: a Merkle epoch (root = 32-byte hex sha256, total = sum of the leaves).
    PostEpoch { root: String, total: Uint128 },
    /// Claim a Merkle epoch leaf, once per address and epoch, until the epoch's `deadline`
    /// (inclusive). Errors: `ClaimDeadlinePassed` after it, `EpochClosed` once closed.
    ClaimEpoch {
        epoch: u64,
        amount: Uint128,
        proof: Vec<String>,
    },
    /// Anyone, after the epoch's claim deadline (block time > `deadline`; SPEC §2, issue 12 §5): closes
    /// the epoch; its unclaimed amount (`total - claimed`) stops being a liability, so it stays in the
    /// reserve (epoch liabilities are paid from the reserve only when claimed). Errors: `UnknownEpoch`,
    /// `EpochStillOpen` before the deadline, `EpochClosed` when already closed.
    CloseEpoch { epoch: u64 },
    /// Owner: burn MESI from the reserve against outstanding over-issuance.
    BurnBack { amount: Uint128 },
    /// Owner: move MESI from the reserve into a pool.
    FundPool { pool: Pool, amount: Uint128 },
    /// Owner: move MESI from a pool back to the reserve.
    DefundPool { pool: Pool, amount: Uint128 },
    /// Owner: pay from a pool (counts against its yearly cap).
    Disburse {
        pool: Pool,
        recipient: String,
        amount: Uint128,
        msg: Option<Binary>,
    },
    /// Owner: let a contract draw from one pool.
    RegisterDrawer { contract: String, pool: Pool },
    /// Owner.
    RemoveDrawer { contract: String },
    /// Registered contract: draw from its own pool. `msg: Some` pays with cw20 Send.
    DrawFromPool {
        amount: Uint128,
        recipient: String,
        msg: Option<Binary>,
    },
    /// Owner: a vesting schedule paid from the reserve (one schedule per beneficiary).
    CreateVesting {
        beneficiary: String,
        /// Default: now.
        start: Option<u64>,
        cliff_months: u16,
        periods: u16,
        total: Uint128,
    },
    /// Beneficiary: pay what has vested and is unclaimed.
    ClaimVested {},
    /// Owner: count MESI that reached the treasury by plain Transfer (untracked) into the reserve.
    SyncReserve {},
    /// Owner: validated config changes.
    UpdateConfig {
        feeder: Option<String>,
        operators: Option<Vec<String>>,
        max_price_age: Option<u64>,
        max_batch: Option<u32>,
        month_seconds: Option<u64>,
        pool_caps: Option<Vec<PoolCap>>,
        /// Claim window of epochs posted from now on, seconds (see `InstantiateMsg`).
        #[serde(default)]
        epoch_claim_seconds: Option<u64>,
    },
    /// cw20 Receive hook (only from the configured token); `msg` is a [`ReceiveMsg`].
    Receive(Cw20ReceiveMsg),
    /// Owner (issue 12 §7, tokens with no way out): sends the owner the treasury's whole bank balance
    /// of the native `denom`. The treasury's books hold no native coin (every message is nonpayable),
    /// so any such balance came by a plain bank send. MESI (cw20) sent by plain `Transfer` is counted
    /// into the reserve by `SyncReserve` instead. Errors: `InvalidDenom`, `NothingToSweep`.
    Sweep { denom: String },
}

/// JSON carried in the `msg` of a cw20 `Send` to the treasury.
#[cw_serde]
pub enum ReceiveMsg {
    /// Buy-back and burn: burn the sent MESI against outstanding over-issuance (errors when
    /// none is outstanding or the amount exceeds it; the Send then reverts).
    BurnBack {},
    /// Add the sent MESI to the reserve (commissions, returns).
    Deposit {},
    /// Add the sent MESI to a pool.
    FundPool { pool: Pool },
}

#[cw_ownable_query]
#[cw_serde]
#[derive(QueryResponses)]
pub enum QueryMsg {
    #[returns(ConfigResponse)]
    Config {},
    #[returns(PriceResponse)]
    Price {},
    /// micro-USD -> MESI base units, rounded down. Errors when the price is missing or stale, and when
    /// a non-zero `usd` converts to 0 MESI ("converts to 0 MESI"; issue 12 §6).
    #[returns(ConversionResponse)]
    UsdToMesi { usd: Uint128 },
    #[returns(PoolResponse)]
    Pool { pool: Pool },
    #[returns(PoolsResponse)]
    Pools {},
    #[returns(DrawerResponse)]
    Drawer { address: String },
    #[returns(DrawersResponse)]
    Drawers {
        start_after: Option<String>,
        limit: Option<u32>,
    },
    /// MESI owed to an address from credited earnings.
    #[returns(OwedResponse)]
    Owed { address: String },
    #[returns(EpochResponse)]
    Epoch { epoch: u64 },
    #[returns(EpochsResponse)]
    Epochs {
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    #[returns(EpochClaimedResponse)]
    EpochClaimed { epoch: u64, address: String },
    #[returns(VestingResponse)]
    Vesting { address: String },
    #[returns(VestingsResponse)]
    Vestings {
        start_after: Option<String>,
        limit: Option<u32>,
    },
    /// The supply books (SPEC §2): total supply - outstanding over-issuance + burned by holders ==
    /// genesis supply.
    #[returns(SupplyResponse)]
    Supply {},
    /// The treasury's own accounting.
    #[returns(AccountingResponse)]
    Accounting {},
}

#[cw_serde]
pub struct MigrateMsg {}

#[cw_serde]
pub struct ConfigResponse {
    pub token: Option<Addr>,
    pub feeder: Addr,
    pub operators: Vec<Addr>,
    pub max_price_age: u64,
    pub max_batch: u32,
    pub month_seconds: u64,
    /// Claim window of newly posted epochs, seconds.
    pub epoch_claim_seconds: u64,
}

#[cw_serde]
pub struct PoolsResponse {
    pub pools: Vec<PoolResponse>,
}

#[cw_serde]
pub struct DrawerResponse {
    pub address: Addr,
    /// `None` when not registered.
    pub pool: Option<Pool>,
}

#[cw_serde]
pub struct DrawerInfo {
    pub address: Addr,
    pub pool: Pool,
}

#[cw_serde]
pub struct DrawersResponse {
    pub drawers: Vec<DrawerInfo>,
}

#[cw_serde]
pub struct OwedResponse {
    pub address: Addr,
    pub owed: Uint128,
}

#[cw_serde]
pub struct EpochResponse {
    pub epoch: u64,
    /// hex
    pub root: String,
    pub total: Uint128,
    pub claimed: Uint128,
    pub posted_at: u64,
    /// Last block time (seconds) at which a leaf may be claimed; after it anyone may close the epoch.
    pub deadline: u64,
    /// Closed: the unclaimed amount went back to the reserve; no claim is accepted.
    pub closed: bool,
    /// Given back to the reserve when closed (`total - claimed` at that time), 0 while open.
    pub returned: Uint128,
}

#[cw_serde]
pub struct EpochsResponse {
    pub epochs: Vec<EpochResponse>,
}

#[cw_serde]
pub struct EpochClaimedResponse {
    pub claimed: bool,
}

#[cw_serde]
pub struct VestingResponse {
    pub beneficiary: Addr,
    pub label: String,
    pub total: Uint128,
    pub claimed: Uint128,
    /// Vested at the current block time.
    pub vested: Uint128,
    /// vested - claimed.
    pub claimable: Uint128,
    pub start: u64,
    pub cliff_months: u16,
    pub periods: u16,
    pub month_seconds: u64,
    /// Time when everything has vested: start + (cliff + periods) * month.
    pub end: u64,
}

#[cw_serde]
pub struct VestingsResponse {
    pub vestings: Vec<VestingResponse>,
}

#[cw_serde]
pub struct SupplyResponse {
    /// Token total supply when `SetToken` ran (0 before).
    pub genesis_supply: Uint128,
    /// Minted for shortfalls and not yet burnt back.
    pub over_issuance: Uint128,
    pub total_minted: Uint128,
    /// Burned by the treasury against over-issuance (burn-back, buy-back and burn).
    pub total_burned: Uint128,
    /// The token's current total supply (`None` before `SetToken`).
    pub total_supply: Option<Uint128>,
    /// Burned by holders other than the treasury, from the token's `{"burned":{}}` (`None` before
    /// `SetToken`). SPEC §2, issue 12 §7.
    pub burned_by_holders: Option<Uint128>,
    /// `total_supply - over_issuance + burned_by_holders == genesis_supply` (`None` before
    /// `SetToken`): the supply books hold.
    pub books_balance: Option<bool>,
}

#[cw_serde]
pub struct AccountingResponse {
    /// Free reserve.
    pub reserve: Uint128,
    /// Sum of pool balances.
    pub pools: Uint128,
    /// Allocated to vesting schedules, not yet claimed.
    pub vesting_outstanding: Uint128,
    /// reserve + pools + vesting_outstanding: what the treasury should hold.
    pub tracked: Uint128,
    /// Liabilities paid from the reserve (minting any shortfall): credited earnings owed.
    pub earnings_owed: Uint128,
    /// Unclaimed part of posted Merkle epochs.
    pub epochs_outstanding: Uint128,
}
