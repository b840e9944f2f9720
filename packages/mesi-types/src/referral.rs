//! Messages of the referral contract (SPEC §5).
//!
//! A user at tier >= 1 registers one referral code; a user names one referrer by code, once;
//! the fraud-check operator validates (or rejects) each referral; a validated referral pays its
//! referrer `bonus_usd x multiplier(tier at validation)` converted to MESI at the treasury's
//! current price, drawn from the treasury's referral pool. When the pool cannot cover a bonus it
//! is recorded as owed (in MESI, fixed at validation) and paid later, in FIFO order, by
//! `SettleOwed`.
//!
//! Code rules: 3..=20 characters of `[a-z0-9_-]` after ASCII lower-casing; codes are unique
//! case-insensitively (stored lower-case); one code per user, permanent.

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{Addr, Uint128};
use cw_ownable::{cw_ownable_execute, cw_ownable_query};

/// Shortest referral code, in characters.
pub const CODE_MIN_LEN: usize = 3;
/// Longest referral code, in characters.
pub const CODE_MAX_LEN: usize = 20;
/// Default bonus per validated referral before the tier multiplier: USD 10 in micro-USD.
pub const DEFAULT_BONUS_USD: u128 = 10_000_000;
/// Default tier multipliers, tiers 1..=5 (SPEC §1 table).
pub const DEFAULT_MULTIPLIERS: [u16; 5] = [1, 2, 5, 10, 15];
/// Most rows the multiplier table may have.
pub const MAX_TIERS: usize = 10;
/// Largest multiplier a row may hold.
pub const MAX_MULTIPLIER: u16 = 1_000;
/// Default and largest page of `SettleOwed`.
pub const DEFAULT_SETTLE_LIMIT: u32 = 10;
pub const MAX_SETTLE_LIMIT: u32 = 30;

#[cw_serde]
pub struct InstantiateMsg {
    /// Contract owner; defaults to the sender.
    pub owner: Option<String>,
    /// The $MESI cw20 (answers `{"tier":{"address":..}}`).
    pub token: String,
    /// The treasury (price conversion and the referral pool).
    pub treasury: String,
    /// The platform's fraud-check operator: validates or rejects referrals.
    pub operator: String,
    /// micro-USD per referral before the multiplier; default USD 10.
    pub bonus_usd: Option<Uint128>,
    /// Multiplier of tier 1, 2, ...; default `[1, 2, 5, 10, 15]`.
    pub multipliers: Option<Vec<u16>>,
}

#[cw_ownable_execute]
#[cw_serde]
pub enum ExecuteMsg {
    /// Register the sender's referral code (sender at tier >= 1; one code per user).
    RegisterCode { code: String },
    /// The sender names its referrer by code, once. Refused for self-referral and for a sender
    /// who already has referees (this makes cycles impossible).
    Refer { code: String },
    /// Operator: validate the pending referral of `referee` and pay (or owe) the referrer.
    /// Refused, the referral staying pending (issue 12 §6 §7): `BonusRoundsToZero` when the bonus
    /// converts to 0 MESI, `BonusAboveYearlyCap` when it exceeds the referral pool's yearly cap,
    /// `PriceUnavailable` on a stale price.
    Validate { referee: String },
    /// Operator: reject the pending referral of `referee` (final, nothing paid).
    Reject { referee: String },
    /// Anyone: pay owed referrals in FIFO order while the referral pool covers them, examining at
    /// most `limit` queue entries (default 10, max 30). An owed bonus above the pool's yearly cap
    /// (the cap was lowered after it was owed) is moved to the back and stays owed, never blocking
    /// the rest (issue 12 §7). Errors (nothing changes): `NothingOwed`, `ZeroLimit`,
    /// `BudgetExhausted`, `OwedAboveYearlyCap`.
    SettleOwed { limit: Option<u32> },
    /// Owner: change the configuration (validated).
    UpdateConfig {
        token: Option<String>,
        treasury: Option<String>,
        operator: Option<String>,
        bonus_usd: Option<Uint128>,
        multipliers: Option<Vec<u16>>,
    },
    /// Owner (issue 12 §7, tokens with no way out). The contract's books hold no tokens (bonuses are
    /// drawn from the treasury straight to referrers), so every balance is stray: `denom: null` sends
    /// the contract's whole MESI balance (plain cw20 transfers) to the treasury's reserve (cw20 `Send`
    /// with `{"deposit":{}}`); `denom: "<native>"` sends that coin's whole bank balance to the owner.
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
    /// Owner of a code (looked up case-insensitively).
    #[returns(CodeOwnerResponse)]
    CodeOwner { code: String },
    /// Code registered by a user.
    #[returns(CodeOfResponse)]
    CodeOf { address: String },
    /// The referral a user made (its referrer and status), if any.
    #[returns(ReferrerOfResponse)]
    ReferrerOf { address: String },
    /// Referrals naming `referrer`, ordered by referee address.
    #[returns(ReferralsResponse)]
    Referrals {
        referrer: String,
        start_after: Option<String>,
        limit: Option<u32>,
    },
    /// Per-referrer counters and amounts.
    #[returns(ReferrerStatsResponse)]
    ReferrerStats { referrer: String },
    /// Program totals (local state only).
    #[returns(TotalsResponse)]
    Totals {},
    /// Owed referrals in FIFO order (`start_after` is a queue position).
    #[returns(OwedResponse)]
    Owed {
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    /// Program status: what the treasury's referral pool can pay now and what is owed.
    #[returns(StatusResponse)]
    Status {},
}

#[cw_serde]
pub struct ConfigResponse {
    pub token: Addr,
    pub treasury: Addr,
    pub operator: Addr,
    pub bonus_usd: Uint128,
    pub multipliers: Vec<u16>,
    pub code_min_len: u32,
    pub code_max_len: u32,
}

#[cw_serde]
pub struct CodeOwnerResponse {
    /// The code as stored (lower-case).
    pub code: String,
    pub owner: Option<Addr>,
}

#[cw_serde]
pub struct CodeOfResponse {
    pub address: Addr,
    pub code: Option<String>,
}

#[cw_serde]
#[derive(Copy, Eq)]
pub enum ReferralStatus {
    /// Waiting for the operator.
    Pending,
    /// Validated and paid.
    Paid,
    /// Validated, bonus fixed in MESI, waiting for the pool to be refilled (`SettleOwed`).
    Owed,
    /// Validated while the referrer was at tier 0: nothing is due.
    Ineligible,
    /// Rejected by the operator: nothing is due.
    Rejected,
}

#[cw_serde]
pub struct ReferralInfo {
    pub referee: Addr,
    pub referrer: Addr,
    pub status: ReferralStatus,
    /// Referrer's tier at validation (0 before validation).
    pub tier: u8,
    /// Bonus in MESI base units, fixed at validation (0 while pending, ineligible or rejected).
    pub bonus: Uint128,
    pub created_at: u64,
    pub validated_at: Option<u64>,
}

#[cw_serde]
pub struct ReferrerOfResponse {
    pub address: Addr,
    pub referral: Option<ReferralInfo>,
}

#[cw_serde]
pub struct ReferralsResponse {
    pub referrals: Vec<ReferralInfo>,
}

#[cw_serde]
pub struct ReferrerStatsResponse {
    pub referrer: Addr,
    /// Referrals naming this referrer (any status).
    pub referees: u32,
    pub paid: Uint128,
    pub owed: Uint128,
}

#[cw_serde]
pub struct TotalsResponse {
    pub referrals: u64,
    pub pending: u64,
    pub paid_count: u64,
    /// MESI paid out of the referral pool.
    pub paid: Uint128,
    pub owed_count: u64,
    /// MESI validated but not yet paid.
    pub owed: Uint128,
    pub ineligible_count: u64,
    pub rejected_count: u64,
}

#[cw_serde]
pub struct OwedEntry {
    /// Position in the FIFO queue.
    pub position: u64,
    pub referee: Addr,
    pub referrer: Addr,
    pub amount: Uint128,
}

#[cw_serde]
pub struct OwedResponse {
    pub owed: Vec<OwedEntry>,
}

#[cw_serde]
pub struct StatusResponse {
    /// Largest draw the treasury's referral pool allows now.
    pub pool_available: Uint128,
    /// True when the treasury's price is fresh (validation can convert USD to MESI).
    pub price_fresh: bool,
    pub owed_count: u64,
    pub owed_amount: Uint128,
    /// The bonus `SettleOwed` would pay first: the first of the next [`MAX_SETTLE_LIMIT`] owed
    /// entries within the pool's yearly cap (entries above the cap are moved back, issue 12 §7).
    pub next_owed: Option<Uint128>,
    /// True when `SettleOwed` would pay at least one referral now.
    pub can_settle: bool,
    /// True when a new validation would be paid at once (nothing owed and the pool is not empty).
    pub paying: bool,
}
