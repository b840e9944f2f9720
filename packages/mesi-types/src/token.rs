//! $MESI token (cw20) messages.
//!
//! Interface other contracts rely on (keep it stable):
//! `QueryMsg::Tier { address }` -> [`TierResponse`], JSON `{"tier":{"address":"..."}}`.
//!
//! The cw20 variants of [`ExecuteMsg`] and [`QueryMsg`] serialize exactly like cw20-base 2.0's
//! (`cw20::Cw20ExecuteMsg` / `cw20_base::msg::QueryMsg`), so any cw20 wallet works unchanged.

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{Binary, Uint128};
use cw20::{Expiration, Logo, MinterResponse};
use serde::de::{self, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

/// Default genesis supply: 100,000,000,000 MESI in base units (6 decimals).
pub const DEFAULT_GENESIS_SUPPLY: u128 = 100_000_000_000_000_000;
/// Default unlock delay: 7 days.
pub const DEFAULT_UNLOCK_DELAY: u64 = 604_800;
/// Holding-score window: 7 days.
pub const HOLDING_WINDOW_SECONDS: u64 = 604_800;

/// Answer to `{"tier":{"address":"..."}}`.
#[cw_serde]
pub struct TierResponse {
    /// 0 = no tier, else 1..=5 with the default table.
    pub tier: u8,
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
// Deserialized through the shared two-field visitor (`PairVisitor` below).
#[derive(Serialize, Clone, Debug, PartialEq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
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
// Deserialized through the shared two-field visitor (`PairVisitor` below).
#[derive(Serialize, Clone, Debug, PartialEq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SlashRecipient {
    pub address: String,
    pub amount: Uint128,
}

// Deserialized by a compact hand-written visitor (see `Fields` below): same JSON as the derived
// one, a fraction of the wasm size.
#[derive(Serialize, Clone, Debug, PartialEq, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
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
    Unlock { amount: Uint128 },
    /// Arbiter only: take `amount` (<= locked) from `address`'s locked tokens, to the treasury
    /// or split among `recipients` (parts sum to amount, no duplicates, 1..=20 rows).
    Slash {
        address: String,
        amount: Uint128,
        recipients: Option<Vec<SlashRecipient>>,
    },
    /// Owner only: change arbiter, treasury, unlock delay or tier table (validated).
    UpdateConfig {
        arbiter: Option<String>,
        treasury: Option<String>,
        unlock_delay: Option<u64>,
        tiers: Option<Vec<TierRow>>,
    },
    /// Two-step ownership: propose (transfer_ownership), accept_ownership, renounce_ownership.
    UpdateOwnership(cw_ownable::Action),
}

// Deserialized by the same compact visitor as `ExecuteMsg`.
#[derive(Serialize, Clone, Debug, PartialEq, schemars::JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
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
}

#[cw_serde]
pub struct MigrateMsg {}

// ---------------------------------------------------------------------------------------------
// Compact deserialization of ExecuteMsg and QueryMsg.
//
// serde's derive emits a visitor (map + seq forms, field matcher) per struct variant: for these
// two enums that is most of a cw20 contract's wasm. Here every struct variant's body is read into
// one union of all field names, then the variant takes the fields it owns; a field it does not
// own, an unknown field, a missing required field or a second top-level key is an error, as with
// the derive (`deny_unknown_fields`). The JSON accepted is the derived one's.

/// Every field of every struct variant of [`ExecuteMsg`] and [`QueryMsg`].
#[derive(Default)]
struct Fields {
    recipient: Option<String>,
    amount: Option<Uint128>,
    contract: Option<String>,
    msg: Option<Binary>,
    spender: Option<String>,
    expires: Option<Expiration>,
    owner: Option<String>,
    new_minter: Option<String>,
    project: Option<String>,
    description: Option<String>,
    marketing: Option<String>,
    address: Option<String>,
    recipients: Option<Vec<SlashRecipient>>,
    arbiter: Option<String>,
    treasury: Option<String>,
    unlock_delay: Option<u64>,
    tiers: Option<Vec<TierRow>>,
    start_after: Option<String>,
    limit: Option<u32>,
}

const FIELD_NAMES: &[&str] = &[
    "recipient",
    "amount",
    "contract",
    "msg",
    "spender",
    "expires",
    "owner",
    "new_minter",
    "project",
    "description",
    "marketing",
    "address",
    "recipients",
    "arbiter",
    "treasury",
    "unlock_delay",
    "tiers",
    "start_after",
    "limit",
];

impl Fields {
    fn is_empty(&self) -> bool {
        self.recipient.is_none()
            && self.amount.is_none()
            && self.contract.is_none()
            && self.msg.is_none()
            && self.spender.is_none()
            && self.expires.is_none()
            && self.owner.is_none()
            && self.new_minter.is_none()
            && self.project.is_none()
            && self.description.is_none()
            && self.marketing.is_none()
            && self.address.is_none()
            && self.recipients.is_none()
            && self.arbiter.is_none()
            && self.treasury.is_none()
            && self.unlock_delay.is_none()
            && self.tiers.is_none()
            && self.start_after.is_none()
            && self.limit.is_none()
    }
}

/// Fills a caller-owned [`Fields`] in place (a by-value `Fields` would be copied byte by byte
/// in the VM, whose memory.copy is lowered to a loop).
struct FieldsSeed<'a>(&'a mut Fields);

impl<'de> de::DeserializeSeed<'de> for FieldsSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for FieldsSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a message body")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let f = self.0;
        while let Some(key) = map.next_key_seed(Ident(FIELD_NAMES, false))? {
            macro_rules! set {
                ($name:ident) => {{
                    if f.$name.is_some() {
                        return Err(de::Error::duplicate_field(stringify!($name)));
                    }
                    f.$name = map.next_value()?;
                }};
            }
            match key {
                "recipient" => set!(recipient),
                "amount" => set!(amount),
                "contract" => set!(contract),
                "msg" => set!(msg),
                "spender" => set!(spender),
                "expires" => set!(expires),
                "owner" => set!(owner),
                "new_minter" => set!(new_minter),
                "project" => set!(project),
                "description" => set!(description),
                "marketing" => set!(marketing),
                "address" => set!(address),
                "recipients" => set!(recipients),
                "arbiter" => set!(arbiter),
                "treasury" => set!(treasury),
                "unlock_delay" => set!(unlock_delay),
                "tiers" => set!(tiers),
                "start_after" => set!(start_after),
                "limit" => set!(limit),
                other => return Err(de::Error::unknown_field(other, FIELD_NAMES)),
            }
        }
        Ok(())
    }
}

fn read_fields<'de, A: MapAccess<'de>>(map: &mut A, f: &mut Fields) -> Result<(), A::Error> {
    map.next_value_seed(FieldsSeed(f))
}

fn req<T, E: de::Error>(v: Option<T>, name: &'static str) -> Result<T, E> {
    v.ok_or_else(|| E::missing_field(name))
}

const EXEC_VARIANTS: &[&str] = &[
    "transfer",
    "burn",
    "send",
    "increase_allowance",
    "decrease_allowance",
    "transfer_from",
    "send_from",
    "burn_from",
    "mint",
    "update_minter",
    "update_marketing",
    "upload_logo",
    "lock",
    "unlock",
    "slash",
    "update_config",
    "update_ownership",
];

fn build_exec<E: de::Error>(tag: &str, f: &mut Fields) -> Result<ExecuteMsg, E> {
    let msg = match tag {
        "transfer" => ExecuteMsg::Transfer {
            recipient: req(f.recipient.take(), "recipient")?,
            amount: req(f.amount.take(), "amount")?,
        },
        "burn" => ExecuteMsg::Burn {
            amount: req(f.amount.take(), "amount")?,
        },
        "send" => ExecuteMsg::Send {
            contract: req(f.contract.take(), "contract")?,
            amount: req(f.amount.take(), "amount")?,
            msg: req(f.msg.take(), "msg")?,
        },
        "increase_allowance" => ExecuteMsg::IncreaseAllowance {
            spender: req(f.spender.take(), "spender")?,
            amount: req(f.amount.take(), "amount")?,
            expires: f.expires.take(),
        },
        "decrease_allowance" => ExecuteMsg::DecreaseAllowance {
            spender: req(f.spender.take(), "spender")?,
            amount: req(f.amount.take(), "amount")?,
            expires: f.expires.take(),
        },
        "transfer_from" => ExecuteMsg::TransferFrom {
            owner: req(f.owner.take(), "owner")?,
            recipient: req(f.recipient.take(), "recipient")?,
            amount: req(f.amount.take(), "amount")?,
        },
        "send_from" => ExecuteMsg::SendFrom {
            owner: req(f.owner.take(), "owner")?,
            contract: req(f.contract.take(), "contract")?,
            amount: req(f.amount.take(), "amount")?,
            msg: req(f.msg.take(), "msg")?,
        },
        "burn_from" => ExecuteMsg::BurnFrom {
            owner: req(f.owner.take(), "owner")?,
            amount: req(f.amount.take(), "amount")?,
        },
        "mint" => ExecuteMsg::Mint {
            recipient: req(f.recipient.take(), "recipient")?,
            amount: req(f.amount.take(), "amount")?,
        },
        "update_minter" => ExecuteMsg::UpdateMinter {
            new_minter: f.new_minter.take(),
        },
        "update_marketing" => ExecuteMsg::UpdateMarketing {
            project: f.project.take(),
            description: f.description.take(),
            marketing: f.marketing.take(),
        },
        "lock" => ExecuteMsg::Lock {
            amount: req(f.amount.take(), "amount")?,
        },
        "unlock" => ExecuteMsg::Unlock {
            amount: req(f.amount.take(), "amount")?,
        },
        "slash" => ExecuteMsg::Slash {
            address: req(f.address.take(), "address")?,
            amount: req(f.amount.take(), "amount")?,
            recipients: f.recipients.take(),
        },
        "update_config" => ExecuteMsg::UpdateConfig {
            arbiter: f.arbiter.take(),
            treasury: f.treasury.take(),
            unlock_delay: f.unlock_delay.take(),
            tiers: f.tiers.take(),
        },
        other => return Err(E::unknown_variant(other, EXEC_VARIANTS)),
    };
    if f.is_empty() {
        Ok(msg)
    } else {
        Err(E::custom(format_args!("unknown field in `{tag}`")))
    }
}

const QUERY_VARIANTS: &[&str] = &[
    "balance",
    "token_info",
    "minter",
    "allowance",
    "all_allowances",
    "all_spender_allowances",
    "all_accounts",
    "marketing_info",
    "download_logo",
    "holding_score",
    "lock",
    "tier",
    "config",
    "ownership",
    "burned",
];

fn build_query<E: de::Error>(tag: &str, f: &mut Fields) -> Result<QueryMsg, E> {
    let msg = match tag {
        "balance" => QueryMsg::Balance {
            address: req(f.address.take(), "address")?,
        },
        "token_info" => QueryMsg::TokenInfo {},
        "minter" => QueryMsg::Minter {},
        "allowance" => QueryMsg::Allowance {
            owner: req(f.owner.take(), "owner")?,
            spender: req(f.spender.take(), "spender")?,
        },
        "all_allowances" => QueryMsg::AllAllowances {
            owner: req(f.owner.take(), "owner")?,
            start_after: f.start_after.take(),
            limit: f.limit.take(),
        },
        "all_spender_allowances" => QueryMsg::AllSpenderAllowances {
            spender: req(f.spender.take(), "spender")?,
            start_after: f.start_after.take(),
            limit: f.limit.take(),
        },
        "all_accounts" => QueryMsg::AllAccounts {
            start_after: f.start_after.take(),
            limit: f.limit.take(),
        },
        "marketing_info" => QueryMsg::MarketingInfo {},
        "download_logo" => QueryMsg::DownloadLogo {},
        "holding_score" => QueryMsg::HoldingScore {
            address: req(f.address.take(), "address")?,
        },
        "lock" => QueryMsg::Lock {
            address: req(f.address.take(), "address")?,
        },
        "tier" => QueryMsg::Tier {
            address: req(f.address.take(), "address")?,
        },
        "config" => QueryMsg::Config {},
        "ownership" => QueryMsg::Ownership {},
        "burned" => QueryMsg::Burned {},
        other => return Err(E::unknown_variant(other, QUERY_VARIANTS)),
    };
    if f.is_empty() {
        Ok(msg)
    } else {
        Err(E::custom(format_args!("unknown field in `{tag}`")))
    }
}

/// A map key that must be one of `.0` (variant names if `.1`, else field names), read without
/// allocating.
struct Ident(&'static [&'static str], bool);

impl<'de> de::DeserializeSeed<'de> for Ident {
    type Value = &'static str;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<&'static str, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for Ident {
    type Value = &'static str;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a known key")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<&'static str, E> {
        match self.0.iter().find(|n| **n == v) {
            Some(n) => Ok(n),
            None if self.1 => Err(E::unknown_variant(v, self.0)),
            None => Err(E::unknown_field(v, self.0)),
        }
    }
}

/// Reads `{"<variant>": <body>}` (exactly one key).
fn one_key<'de, A: MapAccess<'de>, V: Visitor<'de>, T>(
    mut map: A,
    v: &V,
    variants: &'static [&'static str],
    body: impl FnOnce(&str, &mut A) -> Result<T, A::Error>,
) -> Result<T, A::Error> {
    let tag = map
        .next_key_seed(Ident(variants, true))?
        .ok_or_else(|| de::Error::invalid_length(0, v))?;
    let msg = body(tag, &mut map)?;
    if map.next_key::<IgnoredAny>()?.is_some() {
        return Err(de::Error::invalid_length(2, v));
    }
    Ok(msg)
}

struct ExecVisitor;

impl<'de> Visitor<'de> for ExecVisitor {
    type Value = ExecuteMsg;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an execute message (an object with one key)")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<ExecuteMsg, A::Error> {
        one_key(map, &self, EXEC_VARIANTS, |tag, map| match tag {
            "upload_logo" => Ok(ExecuteMsg::UploadLogo(map.next_value()?)),
            "update_ownership" => Ok(ExecuteMsg::UpdateOwnership(map.next_value()?)),
            _ => {
                let mut f = Fields::default();
                read_fields(map, &mut f)?;
                build_exec(tag, &mut f)
            }
        })
    }
}

struct QueryVisitor;

impl<'de> Visitor<'de> for QueryVisitor {
    type Value = QueryMsg;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a query message (an object with one key)")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<QueryMsg, A::Error> {
        one_key(map, &self, QUERY_VARIANTS, |tag, map| {
            let mut f = Fields::default();
            read_fields(map, &mut f)?;
            build_query(tag, &mut f)
        })
    }
}

impl<'de> Deserialize<'de> for ExecuteMsg {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(ExecVisitor)
    }
}

impl<'de> Deserialize<'de> for QueryMsg {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(QueryVisitor)
    }
}

/// `{"<k0>": "<string>", "<k1>": "<string>"}`, both keys required, nothing else: the JSON of
/// [`TierRow`] and [`SlashRecipient`] (Uint128 is a JSON string), read by one small visitor.
struct PairVisitor(&'static str, &'static str);

impl<'de> Visitor<'de> for PairVisitor {
    type Value = (String, String);

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "an object with `{}` and `{}`", self.0, self.1)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(String, String), A::Error> {
        let mut v: [Option<String>; 2] = [None, None];
        while let Some(key) = map.next_key::<String>()? {
            let i = if key == self.0 {
                0
            } else if key == self.1 {
                1
            } else {
                return Err(de::Error::unknown_field(&key, &[]));
            };
            let slot = &mut v[i];
            if slot.is_some() {
                return Err(de::Error::custom(format_args!("duplicate field `{key}`")));
            }
            *slot = Some(map.next_value()?);
        }
        let [a, b] = v;
        Ok((req(a, self.0)?, req(b, self.1)?))
    }
}

fn uint<E: de::Error>(s: &str) -> Result<Uint128, E> {
    s.parse::<u128>()
        .map(Uint128::new)
        .map_err(|_| E::custom(format_args!("invalid Uint128 `{s}`")))
}

impl<'de> Deserialize<'de> for TierRow {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let (a, b) = d.deserialize_map(PairVisitor("fan_hold", "creator_locked"))?;
        Ok(TierRow {
            fan_hold: uint(&a)?,
            creator_locked: uint(&b)?,
        })
    }
}

impl<'de> Deserialize<'de> for SlashRecipient {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let (address, b) = d.deserialize_map(PairVisitor("address", "amount"))?;
        Ok(SlashRecipient {
            address,
            amount: uint(&b)?,
        })
    }
}
