//! Creator payments and revenue sharing (SPEC §8, issue 21): messages and responses of the `revenue`
//! contract.
//!
//! Payments arrive as $MESI through the configured token's cw20 `Send` hook ([`ReceiveMsg`]); no message
//! takes native funds. Every payment pays the commission (bps of the gross, rounded up, frozen at the
//! payment) to the treasury by cw20 `Transfer`; the creator's net is split by its effective contribution
//! rate between its claimable balance (pulled by `withdraw`) and its gallery pool. Primary-sale proceeds
//! from the marketplace take the same split without a second commission. Gallery pools (and ad revenue the
//! operator deposits, and draws from the treasury's engagement-rewards pool) are paid out in Merkle epochs.
//!
//! Units: amounts in $MESI base units (6 decimals), times in block seconds, commission and discounts in
//! bps (10,000 = 100%), contribution rates in whole percent (0..=100), heights in blocks.

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::Uint128;
use cw20::Cw20ReceiveMsg;

/// Most live subscription plans of one creator (SPEC §8).
pub const MAX_PLANS: u8 = 5;
/// Longest free trial, days (SPEC §8).
pub const MAX_TRIAL_DAYS: u8 = 7;
/// Longest tip memo, bytes (SPEC §8).
pub const MAX_MEMO_LEN: usize = 140;
/// Longest plan name, bytes (ours).
pub const MAX_PLAN_NAME_LEN: usize = 64;
/// Completed periods the effective contribution rate averages (SPEC §8: 12-month moving average).
pub const RATE_WINDOW: usize = 12;
/// Seconds of a monthly subscription cycle (SPEC §8: price per 30 days).
pub const MONTH_SECONDS: u64 = 30 * 86_400;
/// Seconds of a yearly subscription cycle (SPEC §8: price per 365 days).
pub const YEAR_SECONDS: u64 = 365 * 86_400;
/// Longest Merkle proof accepted by `claim` (a tree of up to 2^32 leaves).
pub const MAX_PROOF_DEPTH: usize = 32;

#[cw_serde]
pub struct InstantiateMsg {
    /// Contract owner (config admin); defaults to the sender.
    pub owner: Option<String>,
    /// The $MESI cw20: the only contract whose `Send` hook is accepted; fixed.
    pub token: String,
    /// The gallery cw721: who is a creator, token creators, owners and PPV flags; fixed.
    pub gallery: String,
    /// Receives the commission (cw20 `Transfer`); pays engagement epochs from its engagement-rewards
    /// pool (this contract must be registered there as that pool's drawer).
    pub treasury: String,
    /// The distribution operator: publishes epochs and deposits ad revenue.
    pub operator: String,
    /// The marketplace, the only sender of `primary_sale_proceeds`; `None` until wired.
    pub marketplace: Option<String>,
    /// Commission, bps (default 1,000 = 10%; at most 5,000).
    pub commission_bps: Option<u16>,
    /// Smallest tip, base units (default 100,000 = 0.1 MESI; at least 1).
    pub min_tip: Option<Uint128>,
    /// Length of a contribution period, seconds (default 2,592,000 = 30 days; 1 h..=366 days); fixed.
    pub period_seconds: Option<u64>,
    /// Start of period 0, block seconds (default: the instantiate block time; not in the future); fixed.
    pub start: Option<u64>,
    /// How long after a subscription's end a keeper may still renew it, seconds (default 259,200 =
    /// 3 days; 1..=30 days).
    pub renew_window: Option<u64>,
    /// Claim deadline of an epoch after its publication, seconds (default 31,536,000 = 365 days;
    /// 1 day..=10 years), frozen into each epoch.
    pub claim_seconds: Option<u64>,
}

/// Owner: what `update_config` may change (`None` = unchanged). Token, gallery, the period length and
/// the start are fixed (the contribution history counts periods from them).
#[cw_serde]
#[derive(Default)]
pub struct ConfigUpdate {
    pub treasury: Option<String>,
    pub operator: Option<String>,
    pub marketplace: Option<String>,
    pub commission_bps: Option<u16>,
    pub min_tip: Option<Uint128>,
    pub renew_window: Option<u64>,
    pub claim_seconds: Option<u64>,
}

/// A discount for fans whose account tier (the token's `tier`, the higher of fan and creator tier) is at
/// least `min_tier`.
#[cw_serde]
#[derive(Copy, Eq)]
pub struct TierDiscount {
    /// 1..=5.
    pub min_tier: u8,
    /// 1..=9,999 bps off the price; the discounted price is rounded up (never zero).
    pub bps: u16,
}

/// A creator's subscription plan as the creator writes it.
#[cw_serde]
pub struct PlanInput {
    /// 1..=64 bytes.
    pub name: String,
    /// Price per 30 days, base units (> 0).
    pub price: Uint128,
    /// Price per 365 days, base units (> 0); `None` = no yearly option.
    pub price_yearly: Option<Uint128>,
    /// Free trial, days (0..=7; 0 = none). One trial per fan and creator.
    pub trial_days: u8,
    pub discount: Option<TierDiscount>,
}

/// Where an epoch's total comes from; its unclaimed rest returns there when the epoch closes.
#[cw_serde]
#[derive(Copy, Eq)]
pub enum Source {
    /// The creator's gallery pool (contributions); rest back to the pool.
    Pool,
    /// The treasury's engagement-rewards pool, drawn at publication (`draw_from_pool`); rest sent back
    /// to that pool (cw20 `Send` with `{"fund_pool":{"pool":"engagement_rewards"}}`).
    Engagement,
    /// Ad revenue the operator deposited for the creator's tokens (`deposit_ad_revenue`); rest back to
    /// the creator's undistributed ad revenue.
    AdRevenue,
}

#[cw_serde]
pub enum ExecuteMsg {
    /// cw20 hook: only the configured token ([`ReceiveMsg`]).
    Receive(Cw20ReceiveMsg),
    /// The token's creator, while the token has PPV on: its PPV price, base units (0 = free).
    SetPpvPrice { token_id: String, price: Uint128 },
    /// A creator: its contribution rate for the current period, whole percent 0..=100 (SPEC §8).
    SetContributionRate { percent: u8 },
    /// A creator: a new plan (at most [`MAX_PLANS`] live). Ids count from 1 per creator, never reused.
    CreatePlan { plan: PlanInput },
    /// A creator: new terms of one of its plans (subscribers pay them from their next payment; an
    /// auto-renewal never charges more than the subscriber last agreed to).
    UpdatePlan { plan_id: u32, plan: PlanInput },
    /// A creator: removes a plan (running subscriptions run to their end and are not renewed).
    RemovePlan { plan_id: u32 },
    /// A fan: the plan's free trial (once per fan and creator, not while subscribed). `price` (and
    /// `yearly`) is what auto-renewal will charge at the trial's end, as the fan saw it.
    StartTrial {
        creator: String,
        plan_id: u32,
        yearly: bool,
        price: Uint128,
    },
    /// A fan: stops auto-renewal of its subscription to `creator` (it runs to its end).
    CancelAutoRenew { creator: String },
    /// Anyone (a keeper), from the subscription's end to `renew_window` after it: renews it with cw20
    /// `TransferFrom` of the plan's current price against the fan's allowance to this contract, never
    /// more than the fan last agreed to. A renewal that cannot be paid fails as a whole.
    Renew { fan: String, creator: String },
    /// A creator: pays out its whole claimable balance (cw20 `Transfer`).
    Withdraw {},
    /// The distribution operator: one Merkle epoch of `creator`'s gallery (SPEC §8).
    PublishDistribution {
        creator: String,
        /// The creator's previous epoch + 1 (epochs count from 1 per creator).
        epoch: u64,
        /// 64 hex characters: the root over leaves `leaf(contract, creator, epoch, recipient, amount)`.
        root: String,
        /// Sum of the leaves, base units (> 0): moved out of `source` into the epoch.
        total: Uint128,
        /// The last block whose payments the epoch shares out (<= now, >= the previous epoch's).
        cutoff_height: u64,
        /// 64 hex characters: sha256 of the published leaves file.
        leaves_sha256: String,
        source: Source,
    },
    /// A recipient: its leaf of an epoch, once, until the epoch's deadline.
    Claim {
        creator: String,
        epoch: u64,
        amount: Uint128,
        /// Sibling hashes, 64 hex characters each, leaf to root.
        proof: Vec<String>,
    },
    /// Anyone, after the epoch's claim deadline: closes it; the unclaimed rest returns to its source.
    CloseEpoch { creator: String, epoch: u64 },
    /// Owner.
    UpdateConfig(ConfigUpdate),
    /// Owner: sends the owner the surplus over what the books owe: `None` = $MESI (`balance - owed`),
    /// `Some(denom)` = the whole bank balance of `denom` (the contract never owes a native coin).
    Sweep { denom: Option<String> },
    /// Two-step ownership: propose, accept, renounce.
    UpdateOwnership(cw_ownable::Action),
}

/// The `msg` of a cw20 `Send` of $MESI to this contract; `amount` is the payment (gross, base units).
#[cw_serde]
pub enum ReceiveMsg {
    /// At least `min_tip` to a creator, optionally naming one of its tokens, with a memo of at most
    /// [`MAX_MEMO_LEN`] bytes.
    Tip {
        creator: String,
        token_id: Option<String>,
        memo: Option<String>,
    },
    /// Pay-per-view: exactly `price`, the token's current PPV price the fan agreed to. Access for ever.
    Unlock { token_id: String, price: Uint128 },
    /// Exactly `price`, the plan's current price for the cycle (30 days, or 365 with `yearly`) after the
    /// fan's tier discount. The same plan extends from max(now, end); another plan replaces from now.
    Subscribe {
        creator: String,
        plan_id: u32,
        yearly: bool,
        price: Uint128,
    },
    /// Only from the configured marketplace: `creator`'s net proceeds of a primary sale (commission
    /// already taken by the marketplace), split like a payment without a second commission.
    PrimarySaleProceeds { creator: String },
    /// Only from the distribution operator: ad revenue of one gallery token, added to its creator's
    /// undistributed ad revenue (paid out by `publish_distribution` with source `ad_revenue`).
    DepositAdRevenue { token_id: String },
}

#[cw_serde]
#[derive(QueryResponses)]
pub enum QueryMsg {
    #[returns(ConfigResponse)]
    Config {},
    #[returns(cw_ownable::Ownership<String>)]
    Ownership {},
    /// Whether `address` may view `token_id`, and why.
    #[returns(AccessResponse)]
    Access { token_id: String, address: String },
    /// A creator's live plans.
    #[returns(PlansResponse)]
    Plans { creator: String },
    #[returns(PpvPriceResponse)]
    PpvPrice { token_id: String },
    /// Current and effective contribution rates, and the last 12 completed periods.
    #[returns(ContributionResponse)]
    Contribution { creator: String },
    #[returns(SubscriptionResponse)]
    Subscription { fan: String, creator: String },
    /// A fan's subscriptions (also ended ones), by creator address.
    #[returns(SubscriptionsResponse)]
    SubscriptionsByFan {
        fan: String,
        start_after: Option<String>,
        limit: Option<u32>,
    },
    /// A creator's subscribers (also ended ones), by fan address.
    #[returns(SubscriptionsResponse)]
    Subscribers {
        creator: String,
        start_after: Option<String>,
        limit: Option<u32>,
    },
    /// A creator's claimable balance.
    #[returns(BalanceResponse)]
    Balance { creator: String },
    /// A creator's undistributed gallery pool and ad revenue.
    #[returns(PoolResponse)]
    Pool { creator: String },
    #[returns(EpochResponse)]
    Epoch { creator: String, epoch: u64 },
    #[returns(ClaimedResponse)]
    Claimed {
        creator: String,
        epoch: u64,
        address: String,
    },
    /// What the contract holds against what its books owe, per source.
    #[returns(AccountingResponse)]
    Accounting {},
}

#[cw_serde]
pub struct MigrateMsg {}

#[cw_serde]
pub struct ConfigResponse {
    pub token: String,
    pub gallery: String,
    pub treasury: String,
    pub operator: String,
    pub marketplace: Option<String>,
    pub commission_bps: u16,
    pub min_tip: Uint128,
    pub period_seconds: u64,
    pub start: u64,
    pub renew_window: u64,
    pub claim_seconds: u64,
}

/// Why an account may (or may not) view a token.
#[cw_serde]
#[derive(Copy, Eq)]
pub enum AccessReason {
    /// The token's creator.
    Creator,
    /// The token's current owner (the seller while it is in the marketplace's escrow).
    Owner,
    /// Paid the PPV price once (kept for ever).
    Paid,
    /// PPV is off, or its price is 0.
    Free,
    /// No access: PPV is on and the account has not paid.
    None,
}

#[cw_serde]
pub struct AccessResponse {
    pub token_id: String,
    pub address: String,
    pub granted: bool,
    pub reason: AccessReason,
}

#[cw_serde]
pub struct PlanResponse {
    pub plan_id: u32,
    pub name: String,
    pub price: Uint128,
    pub price_yearly: Option<Uint128>,
    pub trial_days: u8,
    pub discount: Option<TierDiscount>,
}

#[cw_serde]
pub struct PlansResponse {
    pub creator: String,
    pub plans: Vec<PlanResponse>,
}

#[cw_serde]
pub struct PpvPriceResponse {
    pub token_id: String,
    /// `None` until the creator sets one; 0 = free.
    pub price: Option<Uint128>,
}

#[cw_serde]
pub struct PeriodRate {
    /// Period index counted from the contract's start.
    pub period: u64,
    /// Whole percent.
    pub rate: u8,
}

#[cw_serde]
pub struct ContributionResponse {
    pub creator: String,
    /// The current period's index.
    pub period: u64,
    /// The rate in force now; `None` when the creator never set one.
    pub current_rate: Option<u8>,
    /// The rate a payment now uses (whole percent; 0 when never set).
    pub effective_rate: u8,
    /// The last (up to 12) completed periods since the first rate, oldest first.
    pub history: Vec<PeriodRate>,
}

#[cw_serde]
pub struct SubscriptionInfo {
    pub fan: String,
    pub creator: String,
    pub plan_id: u32,
    pub yearly: bool,
    /// What the fan last agreed to pay per cycle (the ceiling of an auto-renewal), base units.
    pub price: Uint128,
    /// Paid (or trial) access ends, block seconds.
    pub end: u64,
    /// The current cycle is a free trial.
    pub trial: bool,
    /// The fan has used its one trial with this creator.
    pub trial_used: bool,
    pub auto_renew: bool,
    /// `end` is in the future.
    pub active: bool,
}

#[cw_serde]
pub struct SubscriptionResponse {
    pub subscription: Option<SubscriptionInfo>,
}

#[cw_serde]
pub struct SubscriptionsResponse {
    pub subscriptions: Vec<SubscriptionInfo>,
}

#[cw_serde]
pub struct BalanceResponse {
    pub creator: String,
    /// Claimable now, base units.
    pub amount: Uint128,
}

#[cw_serde]
pub struct PoolResponse {
    pub creator: String,
    /// Undistributed gallery pool, base units.
    pub pool: Uint128,
    /// Undistributed ad revenue, base units.
    pub ad_revenue: Uint128,
    /// The creator's last published epoch (0 = none).
    pub last_epoch: u64,
}

#[cw_serde]
pub struct EpochResponse {
    pub creator: String,
    pub epoch: u64,
    pub source: Source,
    /// 64 hex characters.
    pub root: String,
    pub total: Uint128,
    pub claimed: Uint128,
    pub cutoff_height: u64,
    /// 64 hex characters.
    pub leaves_sha256: String,
    pub published_at: u64,
    /// Last second a leaf may be claimed.
    pub deadline: u64,
    /// The rest returned to the source when closed; `None` while open.
    pub returned: Option<Uint128>,
}

#[cw_serde]
pub struct ClaimedResponse {
    pub claimed: bool,
}

/// The books, base units. `owed` = the sum of the rest; `held` is the contract's $MESI balance.
#[cw_serde]
pub struct AccountingResponse {
    pub held: Uint128,
    pub owed: Uint128,
    /// Creators' claimable balances.
    pub balances: Uint128,
    /// Undistributed gallery pools.
    pub pools: Uint128,
    /// Undistributed ad revenue.
    pub ad_revenue: Uint128,
    /// Unclaimed amounts of open epochs, per source.
    pub epochs_pool: Uint128,
    pub epochs_ad_revenue: Uint128,
    pub epochs_engagement: Uint128,
}
