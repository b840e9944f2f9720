//! $MESI token (cw20) messages.
//!
//! Interface other contracts rely on (keep it stable):
//! `QueryMsg::Tier { address }` -> [`TierResponse`], JSON `{"tier":{"address":"..."}}`.
//!
//! The cw20 variants of [`ExecuteMsg`] and [`QueryMsg`] are read and written exactly like
//! cw20-base 2.0's (`cw20::Cw20ExecuteMsg` / `cw20_base::msg::QueryMsg`), so any cw20 wallet works
//! unchanged (SPEC §1, issue 12 §1): derived serde (`#[cw_serde]`, CosmWasm 2.x: unknown fields
//! are ignored, a field given twice is refused), checked by a differential property test against
//! the cw20 types in mesi-token's tests.

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{Binary, Uint128};
use cw20::{Expiration, Logo, MinterResponse};

/// Default genesis supply: 100,000,000,000 MESI in base units (6 decimals).
pub const DEFAULT_GENESIS_SUPPLY: u128 = 100_000_000_000_000_000;
/// Default unlock delay: 7 days.
pub const DEFAULT_UNLOCK_DELAY: u64 = 604_800;
/// Holding-score window: 7 days.
pub const HOLDING_WINDOW_SECONDS: u64 = 604_800;

/// Answer to `{"tier":{"address":"..."}}` (SPEC §1 tiers, issue 14).
#[cw_serde]
pub struct TierResponse {
    /// The account's tier: the higher of `fan_tier` and `creator_tier`. 0 = no tier, else
    /// 1..=5 with the default table. Fan-side limits and the referral multiplier follow it.
    pub tier: u8,
    /// Highest row whose fan 7-day-hold threshold is at most `influence_points` (0 below row 1).
    /// Absent in answers of older tokens: reads as 0.
    #[serde(default)]
    pub fan_tier: u8,
    /// Highest row whose creator locked threshold is at most `locked` (0 below row 1): the
    /// marketplace's selling limits follow it (SPEC §3). Absent in older answers: reads as 0.
    #[serde(default)]
    pub creator_tier: u8,
    /// Creator tier of `locked - pending unlock`: the lock that remains once the pending unlock is
    /// released (equal to `creator_tier` when nothing is pending). While an unlock is pending, the
    /// marketplace judges every new order and every price a seller names by it (SPEC §3 "While an
    /// unlock is pending", issue 19). Absent in older answers: reads as 0 (the strictest reading).
    #[serde(default)]
    pub creator_tier_after_unlock: u8,
    /// holding score + locked amount.
    pub influence_points: Uint128,
    /// 7-day rolling time-weighted average balance.
    pub holding_score: Uint128,
    /// Amount currently locked (a pending unlock still counts until its release time).
    pub locked: Uint128,
}

/// One genesis allocation row (minted to `address` at instantiate).
#[cw_serde]
pub struct Allocation {
    /// Free text, e.g. "treasury", "liquidity".
    pub label: String,
    pub address: String,
    pub amount: Uint128,
}

/// One row of the tier table, in base units. Row i (1-based) is tier i.
#[cw_serde]
pub struct TierRow {
    /// Minimum influence points (holding score + locked) for the fan path.
    pub fan_hold: Uint128,
    /// Minimum locked amount for the creator path.
    pub creator_locked: Uint128,
}

/// The whitepaper's tier table (whole MESI: fan 100/200/300/400/500, creator 500/1,000/2,000/2,500/5,000).
pub fn default_tiers() -> Vec<TierRow> {
    const M: u128 = crate::MESI;
    [
        (100, 500),
        (200, 1_000),
        (300, 2_000),
        (400, 2_500),
        (500, 5_000),
    ]
    .iter()
    .map(|(f, c)| TierRow {
        fan_hold: Uint128::new(f * M),
        creator_locked: Uint128::new(c * M),
    })
    .collect()
}

/// Same shape as cw20-base's `InstantiateMarketingInfo`.
#[cw_serde]
pub struct InstantiateMarketingInfo {
    pub project: Option<String>,
    pub description: Option<String>,
    pub marketing: Option<String>,
    pub logo: Option<Logo>,
}

#[cw_serde]
pub struct InstantiateMsg {
    /// "Mesi" (3-50 bytes).
    pub name: String,
    /// "MESI" ([a-zA-Z-]{3,12}).
    pub symbol: String,
    /// Must be 6.
    pub decimals: u8,
    /// Sum the allocations must reach; default 100,000,000,000 MESI.
    pub genesis_supply: Option<Uint128>,
    /// Genesis split: sum == genesis_supply, no address twice, no zero amount (1..=100 rows).
    pub allocations: Vec<Allocation>,
    /// Minter (the treasury) and optional cap on total supply (must be >= genesis supply).
    pub mint: Option<MinterResponse>,
    pub marketing: Option<InstantiateMarketingInfo>,
    /// May slash locked tokens.
    pub arbiter: String,
    /// Slash destination when no recipients are named.
    pub treasury: String,
    /// Seconds an unlock waits; default 604,800 (7 days), 1..=31,536,000.
    pub unlock_delay: Option<u64>,
    /// Tier table; default [`default_tiers`]. 1..=10 rows, both columns non-decreasing.
    pub tiers: Option<Vec<TierRow>>,
    /// Contract owner (config changes); default the instantiating sender.
    pub owner: Option<String>,
}

/// Slash payee.
#[cw_serde]
pub struct SlashRecipient {
    pub address: String,
    pub amount: Uint128,
}

#[cw_serde]
pub enum ExecuteMsg {
    // ---- cw20 (JSON identical to cw20::Cw20ExecuteMsg) ----
    /// Transfer is a base message to move tokens to another account without triggering actions
    Transfer { recipient: String, amount: Uint128 },
    /// Burn is a base message to destroy tokens forever
    Burn { amount: Uint128 },
    /// Send is a base message to transfer tokens to a contract and trigger an action
    /// on the receiving contract.
    Send {
        contract: String,
        amount: Uint128,
        msg: Binary,
    },
    /// Allows spender to access an additional amount tokens from the owner's account.
    /// If expires is Some(), overwrites current allowance expiration with this one.
    IncreaseAllowance {
        spender: String,
        amount: Uint128,
        expires: Option<Expiration>,
    },
    /// Lowers the spender's access of tokens from the owner's account by amount.
    /// If expires is Some(), overwrites current allowance expiration with this one.
    DecreaseAllowance {
        spender: String,
        amount: Uint128,
        expires: Option<Expiration>,
    },
    /// Transfers amount tokens from owner -> recipient if sender has sufficient pre-approval.
    TransferFrom {
        owner: String,
        recipient: String,
        amount: Uint128,
    },
    /// Sends amount tokens from owner -> contract if sender has sufficient pre-approval.
    SendFrom {
        owner: String,
        contract: String,
        amount: Uint128,
        msg: Binary,
    },
    /// Destroys tokens of owner if sender has sufficient pre-approval.
    BurnFrom { owner: String, amount: Uint128 },
    /// Minter only: creates amount new tokens (total supply stays <= cap).
    Mint { recipient: String, amount: Uint128 },
    /// Minter only: hands the minter role on; None removes it forever.
    UpdateMinter { new_minter: Option<String> },
    /// Marketing role only. None leaves a field unchanged, Some("") clears it.
    UpdateMarketing {
        /// A URL pointing to the project behind this token.
        project: Option<String>,
        /// A longer description of the token and it's utility. Designed for tooltips or such
        description: Option<String>,
        /// The address (if any) who can update this data structure
        marketing: Option<String>,
    },
    /// Marketing role only: upload a new URL, SVG, or PNG for the token
    UploadLogo(Logo),

    // ---- Mesi extensions ----
    /// Raise the sender's locked amount at once (locked total <= balance).
    Lock { amount: Uint128 },
    /// Start lowering the locked amount: the amount stays locked until now + unlock_delay.
    /// One pending unlock per account: a new Unlock adds to it and restarts the timer.
    /// With a marketplace configured, refused (`LiveOrdersExceedTier`) while the sender's live
    /// orders there do not fit the creator tier of `locked - pending` after it (SPEC §3).
    Unlock { amount: Uint128 },
    /// Arbiter only: take `amount` (<= locked) from `address`'s locked tokens, to the treasury
    /// or split among `recipients` (parts sum to amount, no duplicates, 1..=20 rows).
    Slash {
        address: String,
        amount: Uint128,
        recipients: Option<Vec<SlashRecipient>>,
    },
    /// Owner only: change arbiter, treasury, unlock delay, tier table (validated) or the
    /// marketplace that `unlock` asks (SPEC §3; `Some("")` removes it, `None` leaves it).
    UpdateConfig {
        arbiter: Option<String>,
        treasury: Option<String>,
        unlock_delay: Option<u64>,
        tiers: Option<Vec<TierRow>>,
        marketplace: Option<String>,
    },
    /// Two-step ownership: propose (transfer_ownership), accept_ownership, renounce_ownership.
    UpdateOwnership(cw_ownable::Action),
    /// Owner only (issue 12 §7, tokens with no way out): sends the owner the token contract's whole
    /// bank balance of `denom` (base units of that denom). The token owes no native coins (every
    /// execute is nonpayable), so coins that arrived by a plain bank send are all surplus; $MESI
    /// balances are cw20 state, not bank coins, and are never touched. Errors: `NothingToSweep`
    /// (balance zero, an unknown or malformed denom included), `Ownership` (not the owner).
    Sweep { denom: String },
}

#[cw_serde]
#[derive(QueryResponses)]
pub enum QueryMsg {
    // ---- cw20 (JSON identical to cw20-base 2.0's QueryMsg) ----
    /// Returns the current balance of the given address, 0 if unset.
    #[returns(cw20::BalanceResponse)]
    Balance { address: String },
    /// Returns metadata on the contract - name, decimals, supply, etc.
    #[returns(cw20::TokenInfoResponse)]
    TokenInfo {},
    /// Returns who can mint and the hard cap on the total supply (null if no minter).
    #[returns(Option<cw20::MinterResponse>)]
    Minter {},
    /// Returns how much spender can use from owner account, 0 if unset.
    #[returns(cw20::AllowanceResponse)]
    Allowance { owner: String, spender: String },
    /// Returns all allowances this owner has approved. Supports pagination.
    #[returns(cw20::AllAllowancesResponse)]
    AllAllowances {
        owner: String,
        start_after: Option<String>,
        limit: Option<u32>,
    },
    /// Returns all allowances this spender has been granted. Supports pagination.
    #[returns(cw20::AllSpenderAllowancesResponse)]
    AllSpenderAllowances {
        spender: String,
        start_after: Option<String>,
        limit: Option<u32>,
    },
    /// Returns all accounts that have balances. Supports pagination.
    #[returns(cw20::AllAccountsResponse)]
    AllAccounts {
        start_after: Option<String>,
        limit: Option<u32>,
    },
    /// Returns more metadata on the contract to display in the client.
    #[returns(cw20::MarketingInfoResponse)]
    MarketingInfo {},
    /// Downloads the embedded logo data (if stored on chain).
    #[returns(cw20::DownloadLogoResponse)]
    DownloadLogo {},

    // ---- Mesi extensions ----
    /// 7-day rolling time-weighted average balance, O(1).
    #[returns(HoldingScoreResponse)]
    HoldingScore { address: String },
    /// Locked amount, pending unlock and available balance.
    #[returns(LockResponse)]
    Lock { address: String },
    /// Tier (0 = none), influence points, holding score, locked.
    #[returns(TierResponse)]
    Tier { address: String },
    #[returns(ConfigResponse)]
    Config {},
    #[returns(cw_ownable::Ownership<String>)]
    Ownership {},
    /// Total burned by holders other than the minter (`burn` and `burn_from`; the minter's own
    /// burns reduce over-issuance instead and are not counted). SPEC §2 supply books:
    /// `total supply - over-issuance + burned == genesis supply`.
    #[returns(BurnedResponse)]
    Burned {},
}

/// Answer to `{"burned":{}}`: `{"burned":"<u128>"}` (base units, SPEC §2).
#[cw_serde]
pub struct BurnedResponse {
    /// Sum of every `burn` / `burn_from` taken from an account other than the minter at the time
    /// of the burn, in base units. Never decreases. A slash is not a burn (it moves tokens).
    pub burned: Uint128,
}

#[cw_serde]
pub struct HoldingScoreResponse {
    pub address: String,
    /// Time-weighted average balance over the last `window_seconds`, rounded half up.
    pub score: Uint128,
    pub balance: Uint128,
    pub window_seconds: u64,
}

#[cw_serde]
pub struct LockResponse {
    pub address: String,
    /// Counts a pending unlock until its release time.
    pub locked: Uint128,
    /// Part of `locked` that becomes free at `release_at`.
    pub pending_unlock: Uint128,
    /// Block time (seconds) of the pending unlock's release, if any.
    pub release_at: Option<u64>,
    /// balance - locked: what transfer, send and burn may move.
    pub available: Uint128,
}

#[cw_serde]
pub struct ConfigResponse {
    pub arbiter: String,
    pub treasury: String,
    pub unlock_delay: u64,
    pub tiers: Vec<TierRow>,
    pub genesis_supply: Uint128,
    /// The marketplace `unlock` asks whether the seller's live orders fit the lower creator
    /// tier (SPEC §3); `null` = no check.
    pub marketplace: Option<String>,
}

#[cw_serde]
pub struct MigrateMsg {}
