//! Messages of the bid-to-meet (BtM) contract.
//!
//! Bids are paid in $MESI through the token's `Send` with a [`ReceiveMsg`] as the hook message:
//! `{"bid":{"creator":"..","format":"in_person"}}`, `{"raise":{"bid_id":1}}`,
//! `{"slot_bid":{"slot_id":1}}`. Amounts are MESI base units; USD amounts are micro-USD; time is
//! block time in seconds.

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{Addr, Uint128};
use cw20::Cw20ReceiveMsg;

/// Meeting formats a creator can offer.
#[cw_serde]
#[derive(Copy, Eq, PartialOrd, Ord)]
pub enum Format {
    InPerson,
    VirtualText,
    VirtualVoice,
    VirtualVideo,
}

impl Format {
    /// Every format, in bit order.
    pub const ALL: [Format; 4] = [
        Format::InPerson,
        Format::VirtualText,
        Format::VirtualVoice,
        Format::VirtualVideo,
    ];

    /// The bit of this format in a creator's format mask.
    pub fn bit(self) -> u8 {
        match self {
            Format::InPerson => 1,
            Format::VirtualText => 2,
            Format::VirtualVoice => 4,
            Format::VirtualVideo => 8,
        }
    }
}

#[cw_serde]
pub struct InstantiateMsg {
    /// Contract owner (two-step ownership); the sender when `None`.
    pub owner: Option<String>,
    /// The $MESI cw20 token: the only accepted Receive hook sender; answers `Tier`.
    pub token: String,
    /// The treasury: answers `UsdToMesi` and receives the commission.
    pub treasury: String,
    /// Platform operator: sets the KYC flag of bidders.
    pub operator: String,
    /// Arbiter: resolves disputes.
    pub arbiter: String,
    /// Commission on released escrow, bps (default 1_000 = 10%). Each bid keeps the rate in
    /// force when it was placed (issue 12 §7).
    pub commission_bps: Option<u16>,
    /// BtM bid limit in micro-USD per tier, index 0 = tier 1; `None` = unlimited. A tier above
    /// the table uses the last row. Default `[200, 400, 800, 1_600, none]` USD.
    pub tier_limits_usd: Option<Vec<Option<Uint128>>>,
    /// KYF consent window after acceptance, seconds (default 48 h).
    pub kyf_window: Option<u64>,
    /// Meeting deadline after acceptance, seconds (default 30 days).
    pub meeting_window: Option<u64>,
    /// Anti-sniping: a slot bid this close to the end (seconds, default 5 min)...
    pub anti_snipe_window: Option<u64>,
    /// ...extends the end by this much (seconds, default 15 min).
    pub anti_snipe_extension: Option<u64>,
    /// Longest slot auction, seconds from opening (default 35 days).
    pub max_slot_duration: Option<u64>,
    /// After a slot ends, the creator has this long to settle before the winner may withdraw
    /// (seconds, default 48 h).
    pub slot_settle_window: Option<u64>,
}

/// Owner-changeable configuration; `None` leaves a field unchanged. The token is fixed at
/// instantiate (escrow is held in it).
#[cw_serde]
#[derive(Default)]
pub struct ConfigUpdate {
    pub treasury: Option<String>,
    pub operator: Option<String>,
    pub arbiter: Option<String>,
    pub commission_bps: Option<u16>,
    pub tier_limits_usd: Option<Vec<Option<Uint128>>>,
    pub kyf_window: Option<u64>,
    pub meeting_window: Option<u64>,
    pub anti_snipe_window: Option<u64>,
    pub anti_snipe_extension: Option<u64>,
    pub max_slot_duration: Option<u64>,
    pub slot_settle_window: Option<u64>,
}

#[cw_serde]
pub enum ExecuteMsg {
    /// cw20 Receive hook: bids and raises (see [`ReceiveMsg`]). Only the configured token.
    Receive(Cw20ReceiveMsg),

    /// Creator: enable BtM (or update an enabled profile) with a minimum bid and the formats offered.
    Enable {
        min_bid: Uint128,
        formats: Vec<Format>,
    },
    /// Creator: stop taking new bids. Existing bids stay (acceptable, withdrawable).
    Disable {},

    /// Operator: set or clear a bidder's KYC-complete flag.
    SetKyc { address: String, completed: bool },

    /// Fan: withdraw an unaccepted bid (refund by cw20 Transfer). A winning slot bid can be
    /// withdrawn only after the slot's settle window passed without settlement.
    Withdraw { bid_id: u64 },

    /// Creator: accept an open direct bid, committing `code_hash` = hex sha256 of the one-time
    /// meeting code; optionally ask for KYF consent.
    Accept {
        bid_id: u64,
        code_hash: String,
        request_kyf: bool,
    },
    /// Fan: consent to KYF within the window.
    ConsentKyf { bid_id: u64 },
    /// Anyone: after the KYF window passed without consent, cancel; the fan gets a refund credit.
    CancelKyf { bid_id: u64 },
    /// Fan: submit the scanned meeting code; a match releases escrow to the creator (less
    /// commission to the treasury).
    Release { bid_id: u64, code: String },
    /// Fan: take the escrow back after the meeting deadline passed without release.
    Reclaim { bid_id: u64 },
    /// Fan or creator: dispute an accepted meeting before its deadline.
    Dispute { bid_id: u64 },
    /// Arbiter: split a disputed escrow. `to_fan + to_creator` must equal the escrow. The fan's
    /// part becomes a refund credit; the commission is taken on the creator's part.
    Resolve {
        bid_id: u64,
        to_fan: Uint128,
        to_creator: Uint128,
    },

    /// Creator: open a timed slot auction.
    OpenSlot {
        format: Format,
        end_time: u64,
        min_bid: Uint128,
        min_increment: Uint128,
    },
    /// Creator: cancel a slot that has no bid.
    CancelSlot { slot_id: u64 },
    /// Creator: after the end, turn the winning bid into an accepted meeting.
    SettleSlot {
        slot_id: u64,
        code_hash: String,
        request_kyf: bool,
    },

    /// Anyone: withdraw the refund credit (outbid slot bids, KYF cancellations, dispute shares).
    WithdrawRefunds {},

    /// Owner (issue 12 §7, tokens with no way out). `denom: null` (or absent: `{"sweep":{}}`) =
    /// the contract's MESI surplus: its token balance minus everything it owes (live escrows +
    /// refund credits, kept as one running total), sent by cw20 `Transfer`; an owed base unit is
    /// never swept. `denom: "<bank denom>"` = that coin's whole bank balance (the contract never
    /// owes native coins; they arrive only by plain bank sends). Errors: `InvalidDenom`,
    /// `NothingToSweep`.
    Sweep {
        #[serde(default)]
        denom: Option<String>,
    },

    /// Owner: change the configuration (validated).
    UpdateConfig(ConfigUpdate),
    /// Two-step ownership: propose, accept, renounce.
    UpdateOwnership(cw_ownable::Action),
}

/// The `msg` of the token's `Send` to this contract.
#[cw_serde]
pub enum ReceiveMsg {
    /// A new direct bid on a creator.
    Bid { creator: String, format: Format },
    /// Add the sent amount to an open direct bid of the sender.
    Raise { bid_id: u64 },
    /// Bid on a slot auction.
    SlotBid { slot_id: u64 },
}

#[cw_serde]
#[derive(QueryResponses)]
pub enum QueryMsg {
    #[returns(ConfigResponse)]
    Config {},
    #[returns(cw_ownable::Ownership<String>)]
    Ownership {},
    /// A creator's BtM profile (`enabled: false` and no formats when never enabled).
    #[returns(CreatorResponse)]
    Creator { address: String },
    #[returns(KycResponse)]
    Kyc { address: String },
    /// The largest bid this address may hold now (tier limit converted at the current price).
    #[returns(BidLimitResponse)]
    BidLimit { address: String },
    #[returns(BidResponse)]
    Bid { bid_id: u64 },
    /// Bids on a creator, by id ascending.
    #[returns(BidsResponse)]
    BidsByCreator {
        creator: String,
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    /// Bids of a fan, by id ascending.
    #[returns(BidsResponse)]
    BidsByFan {
        fan: String,
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    #[returns(SlotResponse)]
    Slot { slot_id: u64 },
    /// Slots of a creator, by id ascending.
    #[returns(SlotsResponse)]
    SlotsByCreator {
        creator: String,
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    /// Refund credit waiting for `WithdrawRefunds`.
    #[returns(RefundResponse)]
    Refund { address: String },
    /// The contract's MESI balance beside everything it owes (issue 12 §7).
    #[returns(AccountingResponse)]
    Accounting {},
}

#[cw_serde]
pub struct MigrateMsg {}

#[cw_serde]
pub struct ConfigResponse {
    pub token: Addr,
    pub treasury: Addr,
    pub operator: Addr,
    pub arbiter: Addr,
    pub commission_bps: u16,
    pub tier_limits_usd: Vec<Option<Uint128>>,
    pub kyf_window: u64,
    pub meeting_window: u64,
    pub anti_snipe_window: u64,
    pub anti_snipe_extension: u64,
    pub max_slot_duration: u64,
    pub slot_settle_window: u64,
}

#[cw_serde]
pub struct CreatorResponse {
    pub address: Addr,
    pub enabled: bool,
    pub min_bid: Uint128,
    pub formats: Vec<Format>,
}

#[cw_serde]
pub struct KycResponse {
    pub address: Addr,
    pub completed: bool,
}

#[cw_serde]
pub struct BidLimitResponse {
    pub address: Addr,
    pub tier: u8,
    /// False at tier 0.
    pub has_access: bool,
    /// micro-USD; `None` = unlimited (or no access).
    pub limit_usd: Option<Uint128>,
    /// MESI at the current price; `None` = unlimited (or no access).
    pub limit_mesi: Option<Uint128>,
}

#[cw_serde]
#[derive(Copy, Eq)]
pub enum BidStatus {
    /// In escrow, not accepted: the fan may raise or withdraw.
    Open,
    /// Slot bid beaten by a higher one; its amount became a refund credit.
    Outbid,
    /// Accepted with a KYF request, waiting for the fan's consent.
    AwaitingKyf,
    /// Accepted; waiting for the meeting code.
    Accepted,
    /// Disputed; waiting for the arbiter.
    Disputed,
    /// Escrow paid to the creator (less commission).
    Released,
    /// Withdrawn by the fan before acceptance.
    Withdrawn,
    /// KYF not given in time; refunded to the fan.
    KyfCancelled,
    /// Meeting deadline passed; reclaimed by the fan.
    Reclaimed,
    /// Split by the arbiter.
    Resolved,
}

#[cw_serde]
pub struct BidResponse {
    pub id: u64,
    pub creator: Addr,
    pub fan: Addr,
    pub format: Format,
    /// MESI in escrow (the amount paid out / refunded for a closed bid).
    pub amount: Uint128,
    /// Commission rate frozen when the bid was placed, bps (issue 12 §7: an owner change of
    /// the rate applies only to new bids).
    pub commission_bps: u16,
    /// The slot auction this bid belongs to, if any.
    pub slot_id: Option<u64>,
    pub status: BidStatus,
    pub created_at: u64,
    /// hex sha256 of the meeting code, set at acceptance.
    pub code_hash: Option<String>,
    pub accepted_at: Option<u64>,
    /// End of the KYF consent window (when requested).
    pub kyf_deadline: Option<u64>,
    pub kyf_consented: bool,
    pub meeting_deadline: Option<u64>,
}

#[cw_serde]
pub struct BidsResponse {
    pub bids: Vec<BidResponse>,
}

#[cw_serde]
#[derive(Copy, Eq)]
pub enum SlotStatus {
    /// Taking bids until `end_time`; after it, waiting for settlement.
    Open,
    /// The winning bid became an accepted meeting.
    Settled,
    /// Cancelled by the creator before any bid.
    Cancelled,
    /// Not settled in time; the winner withdrew.
    Lapsed,
}

#[cw_serde]
pub struct SlotResponse {
    pub id: u64,
    pub creator: Addr,
    pub format: Format,
    pub min_bid: Uint128,
    pub min_increment: Uint128,
    pub end_time: u64,
    pub status: SlotStatus,
    /// The current highest (or winning) bid.
    pub highest_bid_id: Option<u64>,
    pub highest_amount: Uint128,
    pub highest_bidder: Option<Addr>,
    /// True once block time reached `end_time`.
    pub ended: bool,
}

#[cw_serde]
pub struct SlotsResponse {
    pub slots: Vec<SlotResponse>,
}

#[cw_serde]
pub struct RefundResponse {
    pub address: Addr,
    pub amount: Uint128,
}

/// Balance and books (base units of MESI).
#[cw_serde]
pub struct AccountingResponse {
    /// The contract's MESI balance.
    pub balance: Uint128,
    /// Live escrows + refund credits: everything the contract owes.
    pub owed: Uint128,
    /// `balance - owed`: tokens that arrived without a bid (what `Sweep` may take).
    pub surplus: Uint128,
}
