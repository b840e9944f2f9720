//! Gallery marketplace (SPEC §3 "Selling", issue #14): messages and responses.
//!
//! Custody: every order holds its gallery token in escrow (`send_nft` from the configured gallery with a
//! [`NftMsg`]); payments arrive as $MESI through the token's `Send` hook ([`TokenMsg`], only the configured
//! token) or as the configured native stablecoin attached to the execute (exact denom, nothing else).
//! Everything the marketplace owes becomes a claimable balance per (address, [`Asset`]), pulled by
//! `withdraw`. A fill opens a [`SettlementResponse`] that waits out the compliance window.
//!
//! Units: amounts in base units of the order's asset (both have 6 decimals; 1 `uusdc` = 1 micro-USD),
//! USD limits in micro-USD, times in block seconds, rates in bps.
//!
//! The token asks `{"seller_fits_tier":{"seller":"..","creator_tier":N}}` on `unlock` (SPEC §3: lowering
//! a lock waits until active sales fit the tier the lower lock gives) -> [`SellerFitsTierResponse`].

use cosmwasm_schema::{cw_serde, QueryResponses};
use cosmwasm_std::{Addr, Uint128};
use cw20::Cw20ReceiveMsg;
use cw721::receiver::Cw721ReceiveMsg;

/// The asset an order is priced and paid in. JSON `"mesi"` / `"native"`.
#[cw_serde]
#[derive(Copy, Eq, PartialOrd, Ord)]
pub enum Asset {
    /// $MESI, paid through the configured token's cw20 `Send` hook.
    Mesi,
    /// The configured native stablecoin (e.g. `uusdc`), attached as funds.
    Native,
}

impl Asset {
    /// Storage / index key of the asset.
    pub fn key(self) -> u8 {
        match self {
            Asset::Mesi => 0,
            Asset::Native => 1,
        }
    }
}

/// One row of the selling-limits table; row `i` applies to creator tier `i` (a tier above the table
/// uses its last row). Defaults (SPEC §3): tier 0: 3 orders / USD 100 / 7 days; 1: 10 / 200 / 7;
/// 2: 25 / 400 / 14; 3: 50 / 800 / 21; 4: 100 / 1,600 / 28; 5: no limit / no limit / 35.
/// A row never allows less than the row before it (validated; `None` = no limit is the most).
#[cw_serde]
pub struct TierLimit {
    /// Most live listings + auctions of one seller; `None` = no limit.
    pub max_orders: Option<u32>,
    /// Highest listing price / auction reserve, in micro-USD; `None` = no limit.
    pub max_price_usd: Option<Uint128>,
    /// Longest auction, in days (`day_seconds` each), at least `min_auction_days`.
    pub max_auction_days: u32,
}

#[cw_serde]
pub struct InstantiateMsg {
    /// Contract owner (config admin); defaults to the sender.
    pub owner: Option<String>,
    /// The gallery cw721: the only collection `receive_nft` accepts.
    pub gallery: String,
    /// The $MESI cw20: the only contract `receive` accepts.
    pub token: String,
    /// Receives the commission; prices MESI in USD (`usd_to_mesi`).
    pub treasury: String,
    /// May refund a settlement inside the compliance window.
    pub arbiter: String,
    /// Native stablecoin denom, e.g. `uusdc` (3..=128 chars).
    pub native_denom: String,
    /// Commission, bps (default 1,000 = 10%, at most 5,000), frozen into each order at creation.
    pub commission_bps: Option<u16>,
    /// Compliance window, seconds (default 172,800 = 48 h; 1..=30 days).
    pub compliance_window: Option<u64>,
    /// Length of an auction "day", seconds (default 86,400; 1..=86,400: the devnet shortens it).
    pub day_seconds: Option<u64>,
    /// Shortest auction, days (default 7; 1..=365).
    pub min_auction_days: Option<u32>,
    /// A bid this close to the end (seconds, default 300) moves the end (1..=1 day).
    pub anti_snipe_window: Option<u64>,
    /// ... to this long after that bid (seconds, default 900; 1..=1 day).
    pub anti_snipe_extension: Option<u64>,
    /// A new bid must beat the highest by this much, bps (default 500 = 5%; 1..=10,000).
    pub min_increment_bps: Option<u16>,
    /// Selling limits by creator tier (default: SPEC §3 table; 1..=10 rows).
    pub tier_limits: Option<Vec<TierLimit>>,
}

/// Owner-only changes; every field optional. Bounds as in [`InstantiateMsg`]; a change never moves an
/// existing order (commission, window and increment are frozen into it).
#[cw_serde]
#[derive(Default)]
pub struct ConfigUpdate {
    pub treasury: Option<String>,
    pub arbiter: Option<String>,
    pub commission_bps: Option<u16>,
    pub compliance_window: Option<u64>,
    pub day_seconds: Option<u64>,
    pub min_auction_days: Option<u32>,
    pub anti_snipe_window: Option<u64>,
    pub anti_snipe_extension: Option<u64>,
    pub min_increment_bps: Option<u16>,
    pub tier_limits: Option<Vec<TierLimit>>,
    /// The revenue contract (SPEC §8, issue 21): a $MESI primary sale's net (seller == the token's
    /// creator) is sent there (`primary_sale_proceeds`) at `finalize` instead of becoming the seller's
    /// claimable balance. Validated: its `config` must name our token and this marketplace.
    pub revenue: Option<String>,
    /// `true` removes the revenue contract (primary sales pay the seller's balance again); refused
    /// together with `revenue`.
    pub clear_revenue: Option<bool>,
}

/// The `msg` of the gallery's `send_nft` to the marketplace (the sender is the seller).
#[cw_serde]
pub enum NftMsg {
    /// A buy-now listing. `price` > 0 and within the seller's creator-tier maximum; `expires` (block
    /// seconds, in the future) optional; `reserved_for` makes it a private sale.
    List {
        price: Uint128,
        asset: Asset,
        expires: Option<u64>,
        reserved_for: Option<String>,
    },
    /// An auction of `days` days (`min_auction_days..=` the tier's maximum) with a reserve (the
    /// lowest first bid, > 0, within the tier's maximum price).
    Auction {
        reserve: Uint128,
        asset: Asset,
        days: u32,
    },
    /// Accept offer `offer_id` on this (unlisted) token at its escrowed amount (an outstanding
    /// counter the offerer has not accepted is dropped).
    AcceptOffer { offer_id: u64 },
}

/// The `msg` of the token's `Send` to the marketplace (the amount is the payment in $MESI).
#[cw_serde]
pub enum TokenMsg {
    /// Buy listing `listing_id` at `max_price` (== the amount sent); refused if the price changed.
    Buy { listing_id: u64, max_price: Uint128 },
    /// Bid the amount sent on auction `auction_id`.
    Bid { auction_id: u64 },
    /// Escrow the amount as an offer on `token_id`, valid until `expires` (block seconds).
    Offer { token_id: String, expires: u64 },
    /// The offerer accepts counter `version` of offer `offer_id`, topping up with the amount sent.
    AcceptCounter { offer_id: u64, version: u32 },
}

#[cw_serde]
pub enum ExecuteMsg {
    /// cw721 hook: only the configured gallery ([`NftMsg`]).
    ReceiveNft(Cw721ReceiveMsg),
    /// cw20 hook: only the configured token ([`TokenMsg`]).
    Receive(Cw20ReceiveMsg),
    /// Native-asset buy: attach exactly `max_price` of the native denom.
    Buy {
        listing_id: u64,
        max_price: Uint128,
    },
    /// Native-asset bid: attach the bid.
    Bid {
        auction_id: u64,
    },
    /// Native-asset offer: attach the amount.
    Offer {
        token_id: String,
        expires: u64,
    },
    /// The offerer accepts counter `version`: attach the top-up (native) or nothing (a lower counter:
    /// the difference becomes claimable; also for $MESI offers).
    AcceptCounter {
        offer_id: u64,
        version: u32,
    },
    /// Seller: a new price for a live listing (tier maximum re-checked). Buyers holding the old price
    /// are refused.
    UpdatePrice {
        listing_id: u64,
        price: Uint128,
    },
    /// Seller: end a listing; the token goes back.
    CancelListing {
        listing_id: u64,
    },
    /// Seller: end an auction that has no bid; the token goes back.
    CancelAuction {
        auction_id: u64,
    },
    /// Anyone, after the end: the highest bid opens a settlement; with no bid the token goes back.
    SettleAuction {
        auction_id: u64,
    },
    /// The token's seller (listed token: the listing's seller) accepts an offer at its current terms.
    /// For an unlisted token use `send_nft` with [`NftMsg::AcceptOffer`].
    AcceptOffer {
        offer_id: u64,
    },
    /// The token's owner or seller rejects an offer; the escrow becomes claimable by the offerer.
    RejectOffer {
        offer_id: u64,
    },
    /// The token's owner or seller counters with `amount` (> 0, != the current terms); the version
    /// increases by one.
    CounterOffer {
        offer_id: u64,
        amount: Uint128,
    },
    /// The offerer withdraws its offer; the escrow becomes claimable.
    CancelOffer {
        offer_id: u64,
    },
    /// Arbiter, inside the compliance window: price claimable by the buyer, token back to the seller.
    Refund {
        settlement_id: u64,
    },
    /// Anyone, after the compliance window: token to the buyer, commission to the treasury, the rest
    /// claimable by the seller.
    Finalize {
        settlement_id: u64,
    },
    /// Pull the sender's claimable balance of `asset`.
    Withdraw {
        asset: Asset,
    },
    /// Anyone: end up to `limit` (1..=30) expired listings and offers, oldest expiry first.
    Prune {
        limit: u32,
    },
    /// Anyone: cancel the order holding `token_id` if the gallery moved or burnt it (arbiter ruling).
    Sync {
        token_id: String,
    },
    UpdateConfig(ConfigUpdate),
    /// Two-step ownership: propose, accept, renounce.
    UpdateOwnership(cw_ownable::Action),
    /// Owner (issue 12 §7, tokens with no way out): send the owner exactly the surplus of one asset,
    /// its balance minus everything the books owe in it (escrowed highest bids + offers + open
    /// settlements + claimable balances, kept as one O(1) running total per asset; see `Accounting`).
    /// `denom: null` = $MESI (plain cw20 `Transfer`s to the marketplace), sent by cw20 `Transfer`;
    /// `denom: "<native_denom>"` = the native asset's surplus (plain bank sends); any other denom =
    /// its whole bank balance (the books never hold it). An owed base unit is never swept.
    /// Errors: `InvalidDenom`, `NothingToSweep`.
    Sweep {
        denom: Option<String>,
    },
}

#[cw_serde]
pub struct MigrateMsg {}

#[cw_serde]
#[derive(QueryResponses)]
pub enum QueryMsg {
    #[returns(ConfigResponse)]
    Config {},
    #[returns(cw_ownable::Ownership<String>)]
    Ownership {},
    /// The selling limits table (row i = creator tier i).
    #[returns(TierLimitsResponse)]
    TierLimits {},
    /// Whether `seller`'s live orders fit creator tier `creator_tier` (O(1); the token's `unlock`).
    #[returns(SellerFitsTierResponse)]
    SellerFitsTier { seller: String, creator_tier: u8 },
    /// A seller's live order count and its current creator tier's limits.
    #[returns(SellerResponse)]
    Seller { seller: String },
    #[returns(ListingResponse)]
    Listing { listing_id: u64 },
    /// By listing id.
    #[returns(ListingsResponse)]
    ListingsBySeller {
        seller: String,
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    /// Cheapest first; `start_after` = (price, listing id) of the last row seen.
    #[returns(ListingsResponse)]
    ListingsByPrice {
        asset: Asset,
        start_after: Option<(Uint128, u64)>,
        limit: Option<u32>,
    },
    /// Soonest expiry first (listings without expiry are not in this index).
    #[returns(ListingsResponse)]
    ListingsByExpiry {
        start_after: Option<(u64, u64)>,
        limit: Option<u32>,
    },
    #[returns(AuctionResponse)]
    Auction { auction_id: u64 },
    /// Soonest end first; `start_after` = (end, auction id).
    #[returns(AuctionsResponse)]
    AuctionsByEnd {
        start_after: Option<(u64, u64)>,
        limit: Option<u32>,
    },
    #[returns(AuctionsResponse)]
    AuctionsBySeller {
        seller: String,
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    #[returns(OfferResponse)]
    Offer { offer_id: u64 },
    #[returns(OffersResponse)]
    OffersByToken {
        token_id: String,
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    #[returns(OffersResponse)]
    OffersByOfferer {
        offerer: String,
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    #[returns(SettlementResponse)]
    Settlement { settlement_id: u64 },
    #[returns(SettlementsResponse)]
    SettlementsByBuyer {
        buyer: String,
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    #[returns(SettlementsResponse)]
    SettlementsBySeller {
        seller: String,
        start_after: Option<u64>,
        limit: Option<u32>,
    },
    /// Soonest release first; `start_after` = (release time, settlement id).
    #[returns(SettlementsResponse)]
    SettlementsByRelease {
        start_after: Option<(u64, u64)>,
        limit: Option<u32>,
    },
    /// What `address` can withdraw of each asset.
    #[returns(ClaimableResponse)]
    Claimable { address: String },
    /// The order holding `token_id` in escrow, if any.
    #[returns(EscrowResponse)]
    Escrow { token_id: String },
    /// Balance vs. books of each asset (issue 12 §7): what `Sweep` may take. O(1): one cw20 and one
    /// bank balance query, two reads.
    #[returns(AccountingResponse)]
    Accounting {},
}

#[cw_serde]
pub struct ConfigResponse {
    pub gallery: Addr,
    pub token: Addr,
    pub treasury: Addr,
    pub arbiter: Addr,
    pub native_denom: String,
    pub commission_bps: u16,
    pub compliance_window: u64,
    pub day_seconds: u64,
    pub min_auction_days: u32,
    pub anti_snipe_window: u64,
    pub anti_snipe_extension: u64,
    pub min_increment_bps: u16,
    /// Where $MESI primary-sale proceeds go (`None`: the seller's claimable balance, as for resales).
    pub revenue: Option<Addr>,
}

#[cw_serde]
pub struct TierLimitsResponse {
    pub tiers: Vec<TierLimit>,
}

/// A limit of a creator tier's row (SPEC §3 "Fit": all three must hold). JSON `"orders"` /
/// `"price"` / `"auction_days"`.
#[cw_serde]
#[derive(Copy, Eq)]
pub enum TierLimitKind {
    /// The number of live listings + auctions (`max_orders`).
    Orders,
    /// A live order's price or reserve in USD (`max_price_usd`).
    Price,
    /// A live auction's length in days (`max_auction_days`).
    AuctionDays,
}

impl std::fmt::Display for TierLimitKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            TierLimitKind::Orders => "live-order",
            TierLimitKind::Price => "price",
            TierLimitKind::AuctionDays => "auction-days",
        })
    }
}

/// Answer to `{"seller_fits_tier":{"seller":"..","creator_tier":N}}` (O(1)): whether `seller`'s live
/// orders (buy-now listings and auctions) fit creator tier `creator_tier` in all three limits (SPEC
/// §3 "Fit", issue 19): their number, each one's price and each auction's length. Price and length
/// are judged as of each order's creation (MESI at the treasury price then): each order records the
/// lowest creator tier whose limits it fits.
#[cw_serde]
pub struct SellerFitsTierResponse {
    /// All three limits hold: `exceeds` is `None`.
    pub fits: bool,
    /// The seller's live listings + auctions now.
    pub live_orders: u32,
    /// The tier's live-order limit; `None` = no limit (tier 5 by default).
    pub limit: Option<u32>,
    /// The first limit that does not fit (orders, then price, then auction days); `None` when they
    /// all fit. Absent in older answers (which only compared the count).
    #[serde(default)]
    pub exceeds: Option<TierLimitKind>,
    /// The lowest creator tier whose maximum price holds every live order's price or reserve (0 with
    /// no live order).
    #[serde(default)]
    pub price_tier: u8,
    /// The lowest creator tier whose maximum auction length holds every live auction (0 with none).
    #[serde(default)]
    pub auction_days_tier: u8,
}

#[cw_serde]
pub struct SellerResponse {
    pub seller: Addr,
    /// Live listings + auctions.
    pub live_orders: u32,
}

#[cw_serde]
pub struct ListingResponse {
    pub listing_id: u64,
    pub token_id: String,
    pub seller: Addr,
    pub asset: Asset,
    pub price: Uint128,
    pub expires: Option<u64>,
    pub reserved_for: Option<Addr>,
    /// Frozen at creation.
    pub commission_bps: u16,
    /// `expires` has passed: a buy is refused, `prune` may end it.
    pub expired: bool,
}

#[cw_serde]
pub struct ListingsResponse {
    pub listings: Vec<ListingResponse>,
}

#[cw_serde]
pub struct AuctionResponse {
    pub auction_id: u64,
    pub token_id: String,
    pub seller: Addr,
    pub asset: Asset,
    pub reserve: Uint128,
    pub start: u64,
    /// Current end (moved by anti-sniping).
    pub end: u64,
    pub min_increment_bps: u16,
    pub commission_bps: u16,
    pub highest_bidder: Option<Addr>,
    /// 0 without a bid.
    pub highest_bid: Uint128,
    /// The lowest bid accepted now: the reserve, or the highest bid plus the increment (rounded up).
    pub min_next_bid: Uint128,
    /// `now >= end`.
    pub ended: bool,
}

#[cw_serde]
pub struct AuctionsResponse {
    pub auctions: Vec<AuctionResponse>,
}

#[cw_serde]
pub struct OfferResponse {
    pub offer_id: u64,
    pub token_id: String,
    pub offerer: Addr,
    pub asset: Asset,
    /// Held in escrow.
    pub amount: Uint128,
    pub expires: u64,
    /// The owner's latest counter (its `version`), if any.
    pub counter: Option<Uint128>,
    /// 0 = the original terms; each counter adds one.
    pub version: u32,
    pub commission_bps: u16,
    pub expired: bool,
}

#[cw_serde]
pub struct OffersResponse {
    pub offers: Vec<OfferResponse>,
}

/// Where a settlement came from.
#[cw_serde]
#[derive(Copy, Eq)]
pub enum FillKind {
    BuyNow,
    Auction,
    Offer,
}

#[cw_serde]
pub struct SettlementResponse {
    pub settlement_id: u64,
    pub token_id: String,
    pub seller: Addr,
    pub buyer: Addr,
    pub asset: Asset,
    /// Gross price, held in escrow.
    pub price: Uint128,
    /// Frozen from the order.
    pub commission_bps: u16,
    /// Commission on finalize (rounded up); `price - fee` goes to the seller.
    pub fee: Uint128,
    /// Finalize is possible from this block time on; refund only before it.
    pub release_at: u64,
    pub kind: FillKind,
}

#[cw_serde]
pub struct SettlementsResponse {
    pub settlements: Vec<SettlementResponse>,
}

#[cw_serde]
pub struct ClaimableResponse {
    pub address: Addr,
    pub mesi: Uint128,
    pub native: Uint128,
}

/// The order holding a token: `kind` is `listing`, `auction` or `settlement`.
#[cw_serde]
pub struct EscrowResponse {
    pub token_id: String,
    pub order: Option<EscrowOrder>,
}

#[cw_serde]
pub enum EscrowOrder {
    Listing { listing_id: u64, seller: Addr },
    Auction { auction_id: u64, seller: Addr },
    Settlement { settlement_id: u64, seller: Addr },
}

/// Balance and books of one asset, in its base units (issue 12 §7).
#[cw_serde]
pub struct AssetAccounting {
    /// `"mesi"` or the native denom.
    pub denom: String,
    /// The marketplace's balance of the asset.
    pub balance: Uint128,
    /// Everything the books owe in it: escrowed highest bids + offers + open settlements +
    /// claimable balances.
    pub owed: Uint128,
    /// `balance - owed` (0 if the balance were ever below the books): what `Sweep` may take.
    pub surplus: Uint128,
}

/// `Accounting {}`: the books of both assets.
#[cw_serde]
pub struct AccountingResponse {
    pub mesi: AssetAccounting,
    pub native: AssetAccounting,
}
