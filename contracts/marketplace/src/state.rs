//! Storage. Orders live in `IndexedMap`s whose indexes serve every list query in O(page):
//! - listings: by seller, by (asset, price), by expiry (no expiry sorts last, `u64::MAX`)
//! - auctions: by end, by seller
//! - offers: by token, by offerer, by expiry
//! - settlements: by buyer, by seller, by release time
//!
//! `ESCROW` maps each token we hold to its order (a token is in at most one order), `LIVE_ORDERS` is
//! the O(1) per-seller count of live listings + auctions, `CLAIMABLE` what each (address, asset) may
//! withdraw, `OWED` the O(1) running total of all of it per asset. Closed orders are removed (their
//! history is in the events).

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Addr, Uint128};
use cw_storage_plus::{Index, IndexList, IndexedMap, Item, Map, MultiIndex};
use mesi_types::marketplace::{Asset, ConfigResponse, FillKind, TierLimit};

pub const CONTRACT_NAME: &str = "crates.io:mesi-marketplace";
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

#[cw_serde]
pub struct Config {
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
    pub tier_limits: Vec<TierLimit>,
}

impl Config {
    /// The limits row of creator tier `tier` (a tier above the table uses its last row).
    pub fn limits(&self, tier: u8) -> Option<&TierLimit> {
        self.tier_limits
            .get(usize::from(tier))
            .or_else(|| self.tier_limits.last())
    }

    pub fn to_response(&self) -> ConfigResponse {
        ConfigResponse {
            gallery: self.gallery.clone(),
            token: self.token.clone(),
            treasury: self.treasury.clone(),
            arbiter: self.arbiter.clone(),
            native_denom: self.native_denom.clone(),
            commission_bps: self.commission_bps,
            compliance_window: self.compliance_window,
            day_seconds: self.day_seconds,
            min_auction_days: self.min_auction_days,
            anti_snipe_window: self.anti_snipe_window,
            anti_snipe_extension: self.anti_snipe_extension,
            min_increment_bps: self.min_increment_bps,
        }
    }
}

#[cw_serde]
pub struct Listing {
    pub token_id: String,
    pub seller: Addr,
    pub asset: Asset,
    pub price: Uint128,
    pub expires: Option<u64>,
    pub reserved_for: Option<Addr>,
    pub commission_bps: u16,
}

#[cw_serde]
pub struct Auction {
    pub token_id: String,
    pub seller: Addr,
    pub asset: Asset,
    pub reserve: Uint128,
    pub start: u64,
    pub end: u64,
    pub min_increment_bps: u16,
    pub commission_bps: u16,
    /// `(bidder, amount)` of the highest bid, held in escrow.
    pub highest: Option<(Addr, Uint128)>,
}

#[cw_serde]
pub struct Offer {
    pub token_id: String,
    pub offerer: Addr,
    pub asset: Asset,
    /// Held in escrow.
    pub amount: Uint128,
    pub expires: u64,
    pub counter: Option<Uint128>,
    /// Who made the latest counter (the token's owner or seller then).
    #[serde(default)]
    pub countered_by: Option<Addr>,
    pub version: u32,
    pub commission_bps: u16,
    /// The token's creator when the offer was made (SPEC §3 token identity): a fill checks it again.
    pub creator: Addr,
    /// The token's content hash (64 hex) when the offer was made: a fill checks it again.
    pub content_hash: String,
}

#[cw_serde]
pub struct Settlement {
    pub token_id: String,
    pub seller: Addr,
    pub buyer: Addr,
    pub asset: Asset,
    pub price: Uint128,
    pub commission_bps: u16,
    pub release_at: u64,
    pub kind: FillKind,
}

/// What holds an escrowed token.
#[cw_serde]
#[derive(Copy, Eq)]
pub enum Holder {
    Listing(u64),
    Auction(u64),
    Settlement(u64),
}

pub const CONFIG: Item<Config> = Item::new("config");
/// Next id of each order kind (shared counter; ids start at 1).
pub const NEXT_ID: Item<u64> = Item::new("next_id");
pub const ESCROW: Map<&str, Holder> = Map::new("escrow");
pub const LIVE_ORDERS: Map<&Addr, u32> = Map::new("live");
/// (address, asset key) -> claimable amount.
pub const CLAIMABLE: Map<(&Addr, u8), Uint128> = Map::new("claim");
/// Asset key -> everything the books owe in that asset (escrowed highest bids + offers + open
/// settlements + `CLAIMABLE`), base units; absent = 0 (issue 12 §7). The total changes only when a
/// payment is taken into the books (`helpers::take_in`) or sent out of them (`helpers::pay`); every
/// other step moves an amount between books and leaves it alone. `Sweep` takes only `balance - OWED`.
pub const OWED: Map<u8, Uint128> = Map::new("owed");

pub struct ListingIndexes<'a> {
    pub seller: MultiIndex<'a, Addr, Listing, u64>,
    pub price: MultiIndex<'a, (u8, u128), Listing, u64>,
    pub expiry: MultiIndex<'a, u64, Listing, u64>,
}

impl IndexList<Listing> for ListingIndexes<'_> {
    fn get_indexes(&'_ self) -> Box<dyn Iterator<Item = &'_ dyn Index<Listing>> + '_> {
        let v: Vec<&dyn Index<Listing>> = vec![&self.seller, &self.price, &self.expiry];
        Box::new(v.into_iter())
    }
}

pub fn listings<'a>() -> IndexedMap<u64, Listing, ListingIndexes<'a>> {
    IndexedMap::new(
        "l",
        ListingIndexes {
            seller: MultiIndex::new(|_, l: &Listing| l.seller.clone(), "l", "ls"),
            price: MultiIndex::new(|_, l: &Listing| (l.asset.key(), l.price.u128()), "l", "lp"),
            expiry: MultiIndex::new(|_, l: &Listing| l.expires.unwrap_or(u64::MAX), "l", "le"),
        },
    )
}

pub struct AuctionIndexes<'a> {
    pub end: MultiIndex<'a, u64, Auction, u64>,
    pub seller: MultiIndex<'a, Addr, Auction, u64>,
}

impl IndexList<Auction> for AuctionIndexes<'_> {
    fn get_indexes(&'_ self) -> Box<dyn Iterator<Item = &'_ dyn Index<Auction>> + '_> {
        let v: Vec<&dyn Index<Auction>> = vec![&self.end, &self.seller];
        Box::new(v.into_iter())
    }
}

pub fn auctions<'a>() -> IndexedMap<u64, Auction, AuctionIndexes<'a>> {
    IndexedMap::new(
        "a",
        AuctionIndexes {
            end: MultiIndex::new(|_, a: &Auction| a.end, "a", "ae"),
            seller: MultiIndex::new(|_, a: &Auction| a.seller.clone(), "a", "as"),
        },
    )
}

pub struct OfferIndexes<'a> {
    pub token: MultiIndex<'a, String, Offer, u64>,
    pub offerer: MultiIndex<'a, Addr, Offer, u64>,
    pub expiry: MultiIndex<'a, u64, Offer, u64>,
}

impl IndexList<Offer> for OfferIndexes<'_> {
    fn get_indexes(&'_ self) -> Box<dyn Iterator<Item = &'_ dyn Index<Offer>> + '_> {
        let v: Vec<&dyn Index<Offer>> = vec![&self.token, &self.offerer, &self.expiry];
        Box::new(v.into_iter())
    }
}

pub fn offers<'a>() -> IndexedMap<u64, Offer, OfferIndexes<'a>> {
    IndexedMap::new(
        "o",
        OfferIndexes {
            token: MultiIndex::new(|_, o: &Offer| o.token_id.clone(), "o", "ot"),
            offerer: MultiIndex::new(|_, o: &Offer| o.offerer.clone(), "o", "oo"),
            expiry: MultiIndex::new(|_, o: &Offer| o.expires, "o", "oe"),
        },
    )
}

pub struct SettlementIndexes<'a> {
    pub buyer: MultiIndex<'a, Addr, Settlement, u64>,
    pub seller: MultiIndex<'a, Addr, Settlement, u64>,
    pub release: MultiIndex<'a, u64, Settlement, u64>,
}

impl IndexList<Settlement> for SettlementIndexes<'_> {
    fn get_indexes(&'_ self) -> Box<dyn Iterator<Item = &'_ dyn Index<Settlement>> + '_> {
        let v: Vec<&dyn Index<Settlement>> = vec![&self.buyer, &self.seller, &self.release];
        Box::new(v.into_iter())
    }
}

pub fn settlements<'a>() -> IndexedMap<u64, Settlement, SettlementIndexes<'a>> {
    IndexedMap::new(
        "s",
        SettlementIndexes {
            buyer: MultiIndex::new(|_, s: &Settlement| s.buyer.clone(), "s", "sb"),
            seller: MultiIndex::new(|_, s: &Settlement| s.seller.clone(), "s", "ss"),
            release: MultiIndex::new(|_, s: &Settlement| s.release_at, "s", "sr"),
        },
    )
}
