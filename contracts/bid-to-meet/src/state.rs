use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Addr, Empty, StdResult, Storage, Uint128};
use cw_storage_plus::{Item, Map};
use mesi_types::bid_to_meet::{
    BidResponse, BidStatus, ConfigResponse, Format, SlotResponse, SlotStatus,
};

pub const CONTRACT_NAME: &str = "crates.io:mesi-bid-to-meet";
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

#[cw_serde]
pub struct Config {
    pub token: Addr,
    pub treasury: Addr,
    pub operator: Addr,
    pub arbiter: Addr,
    pub commission_bps: u16,
    /// micro-USD per tier, index 0 = tier 1; `None` = unlimited.
    pub tier_limits_usd: Vec<Option<Uint128>>,
    pub kyf_window: u64,
    pub meeting_window: u64,
    pub anti_snipe_window: u64,
    pub anti_snipe_extension: u64,
    pub max_slot_duration: u64,
    pub slot_settle_window: u64,
}

impl Config {
    /// The USD limit of a tier >= 1 (`None` = unlimited). A tier above the table uses its last row.
    pub fn limit_usd(&self, tier: u8) -> Option<Uint128> {
        let idx = usize::from(tier.saturating_sub(1));
        self.tier_limits_usd
            .get(idx)
            .or_else(|| self.tier_limits_usd.last())
            .copied()
            .flatten()
    }

    pub fn to_response(&self) -> ConfigResponse {
        ConfigResponse {
            token: self.token.clone(),
            treasury: self.treasury.clone(),
            operator: self.operator.clone(),
            arbiter: self.arbiter.clone(),
            commission_bps: self.commission_bps,
            tier_limits_usd: self.tier_limits_usd.clone(),
            kyf_window: self.kyf_window,
            meeting_window: self.meeting_window,
            anti_snipe_window: self.anti_snipe_window,
            anti_snipe_extension: self.anti_snipe_extension,
            max_slot_duration: self.max_slot_duration,
            slot_settle_window: self.slot_settle_window,
        }
    }
}

/// A creator's BtM offer. `formats` is a bit mask of [`Format::bit`].
#[cw_serde]
pub struct Profile {
    pub enabled: bool,
    pub min_bid: Uint128,
    pub formats: u8,
}

impl Profile {
    pub fn offers(&self, format: Format) -> bool {
        self.formats & format.bit() != 0
    }

    pub fn format_list(&self) -> Vec<Format> {
        Format::ALL
            .into_iter()
            .filter(|f| self.offers(*f))
            .collect()
    }
}

/// One bid (direct or slot). Optional fields are left out of storage until set.
#[cw_serde]
pub struct Bid {
    pub creator: Addr,
    pub fan: Addr,
    pub format: Format,
    pub amount: Uint128,
    /// Commission rate in force when the bid was placed, bps (issue 12 §7). Absent in bids
    /// stored before the field existed: [`LEGACY_COMMISSION_BPS`] (the rate at migration) applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commission_bps: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slot_id: Option<u64>,
    pub status: BidStatus,
    pub created_at: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_hash: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepted_at: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kyf_deadline: Option<u64>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub kyf_consented: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting_deadline: Option<u64>,
}

impl Bid {
    /// True while the bid's amount is held in escrow by this contract.
    pub fn is_live(&self) -> bool {
        matches!(
            self.status,
            BidStatus::Open | BidStatus::AwaitingKyf | BidStatus::Accepted | BidStatus::Disputed
        )
    }

    /// The bid's frozen commission rate; `legacy` for bids stored before rates were frozen.
    pub fn commission(&self, legacy: u16) -> u16 {
        self.commission_bps.unwrap_or(legacy)
    }

    pub fn to_response(&self, id: u64, legacy_bps: u16) -> BidResponse {
        BidResponse {
            id,
            creator: self.creator.clone(),
            fan: self.fan.clone(),
            format: self.format,
            amount: self.amount,
            commission_bps: self.commission(legacy_bps),
            slot_id: self.slot_id,
            status: self.status,
            created_at: self.created_at,
            code_hash: self.code_hash.clone(),
            accepted_at: self.accepted_at,
            kyf_deadline: self.kyf_deadline,
            kyf_consented: self.kyf_consented,
            meeting_deadline: self.meeting_deadline,
        }
    }
}

#[cw_serde]
pub struct Slot {
    pub creator: Addr,
    pub format: Format,
    pub min_bid: Uint128,
    pub min_increment: Uint128,
    pub end_time: u64,
    pub status: SlotStatus,
    /// Current highest bid: (bid id, bidder, amount).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub highest: Option<(u64, Addr, Uint128)>,
}

impl Slot {
    pub fn to_response(&self, id: u64, now: u64) -> SlotResponse {
        let (highest_bid_id, highest_bidder, highest_amount) = match &self.highest {
            Some((bid, who, amount)) => (Some(*bid), Some(who.clone()), *amount),
            None => (None, None, Uint128::zero()),
        };
        SlotResponse {
            id,
            creator: self.creator.clone(),
            format: self.format,
            min_bid: self.min_bid,
            min_increment: self.min_increment,
            end_time: self.end_time,
            status: self.status,
            highest_bid_id,
            highest_amount,
            highest_bidder,
            ended: now >= self.end_time,
        }
    }
}

pub const CONFIG: Item<Config> = Item::new("config");
pub const CREATORS: Map<&Addr, Profile> = Map::new("creators");
/// Presence = KYC completed.
pub const KYC: Map<&Addr, Empty> = Map::new("kyc");
pub const NEXT_BID: Item<u64> = Item::new("next_bid");
pub const BIDS: Map<u64, Bid> = Map::new("bids");
pub const BIDS_BY_CREATOR: Map<(&Addr, u64), Empty> = Map::new("bids_c");
pub const BIDS_BY_FAN: Map<(&Addr, u64), Empty> = Map::new("bids_f");
pub const NEXT_SLOT: Item<u64> = Item::new("next_slot");
pub const SLOTS: Map<u64, Slot> = Map::new("slots");
pub const SLOTS_BY_CREATOR: Map<(&Addr, u64), Empty> = Map::new("slots_c");
/// Refund credits waiting for `WithdrawRefunds`.
pub const REFUNDS: Map<&Addr, Uint128> = Map::new("refunds");
/// Everything the contract owes, base units: live escrows + refund credits (issue 12 §7). Moves
/// only when tokens enter (bid, raise, slot bid) or leave (withdraw, release, reclaim, resolve's
/// creator part, refund withdrawal); escrow turning into a refund credit leaves it unchanged.
pub const OWED: Item<Uint128> = Item::new("owed");
/// Commission rate of bids stored before bids froze their own (set once by `migrate`).
pub const LEGACY_COMMISSION_BPS: Item<u16> = Item::new("legacy_bps");

/// Adds tokens that entered escrow to [`OWED`].
pub fn owe_more(storage: &mut dyn Storage, amount: Uint128) -> StdResult<()> {
    let owed = OWED.load(storage)?.checked_add(amount)?;
    OWED.save(storage, &owed)
}

/// Removes tokens that left the contract from [`OWED`].
pub fn owe_less(storage: &mut dyn Storage, amount: Uint128) -> StdResult<()> {
    let owed = OWED.load(storage)?.checked_sub(amount)?;
    OWED.save(storage, &owed)
}

/// The rate of bids without a frozen one (the config rate at migration; the current rate on a
/// contract instantiated with frozen rates, which has no such bids).
pub fn legacy_bps(storage: &dyn Storage, cfg: &Config) -> StdResult<u16> {
    Ok(LEGACY_COMMISSION_BPS
        .may_load(storage)?
        .unwrap_or(cfg.commission_bps))
}
