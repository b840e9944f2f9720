//! Storage. Orders live in `IndexedMap`s whose indexes serve every list query in O(page):
//! - listings: by seller, by (asset, price), by expiry (no expiry sorts last, `u64::MAX`)
//! - auctions: by end, by seller
//! - offers: by token, by offerer, by expiry
//! - settlements: by buyer, by seller, by release time
//!
//! `ESCROW` maps each token we hold to its order (a token is in at most one order), `SELLERS` the
//! O(1) per-seller book of live listings + auctions and the tiers their limits need (issue 19),
//! `CLAIMABLE` what each (address, asset) may
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
    /// The revenue contract (issue 21); absent in configs written before it (`None`).
    #[serde(default)]
    pub revenue: Option<Addr>,
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
            revenue: self.revenue.clone(),
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
    /// The lowest creator tier whose maximum price holds `price` (as of its creation or last
    /// `update_price`, MESI at the treasury price then), counted in the seller's [`SellerBook`].
    #[serde(default)]
    pub price_tier: u8,
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
    /// The lowest creator tier whose maximum price holds `reserve` (as of its creation), counted in
    /// the seller's [`SellerBook`].
    #[serde(default)]
    pub price_tier: u8,
    /// The lowest creator tier whose maximum auction days hold this auction's days (as of its
    /// creation), counted in the seller's [`SellerBook`].
    #[serde(default)]
    pub days_tier: u8,
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

impl Listing {
    /// What this listing counts for in its seller's book.
    pub fn needs(&self) -> Needs {
        Needs {
            price: self.price_tier,
            days: 0,
        }
    }
}

impl Auction {
    /// What this auction counts for in its seller's book.
    pub fn needs(&self) -> Needs {
        Needs {
            price: self.price_tier,
            days: self.days_tier,
        }
    }
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
pub const SELLERS: Map<&Addr, SellerBook> = Map::new("seller");

/// One seller's live orders (issue 19, SPEC §3 "Fit"), O(1) to read whatever their number: how
/// many there are and, per creator tier, how many need at least that tier for their price or (an
/// auction) their length. Only the highest tier with a count matters to `seller_fits_tier`, so
/// tier 0 (which every order fits) is not counted: `price[i]` / `days[i]` count the orders needing
/// creator tier `i + 1`, and neither list ends in a zero. At most one entry per tier-limit row.
#[cw_serde]
#[derive(Default)]
pub struct SellerBook {
    /// Live listings + auctions.
    pub live: u32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub price: Vec<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub days: Vec<u32>,
}

/// The creator tiers one live order needs (0 = any tier).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Needs {
    /// Lowest creator tier whose maximum price holds the order's price / reserve.
    pub price: u8,
    /// Lowest creator tier whose maximum auction days hold the auction (0 for a listing).
    pub days: u8,
}

impl SellerBook {
    /// The lowest creator tier whose maximum price holds every live order (0 with none).
    pub fn price_tier(&self) -> u8 {
        tier_of(&self.price)
    }

    /// The lowest creator tier whose maximum auction days hold every live auction (0 with none).
    pub fn days_tier(&self) -> u8 {
        tier_of(&self.days)
    }

    /// One more live order needing `needs`; `None` on overflow.
    pub fn add(&mut self, needs: Needs) -> Option<()> {
        self.live = self.live.checked_add(1)?;
        bump(&mut self.price, needs.price)?;
        bump(&mut self.days, needs.days)
    }

    /// One live order needing `needs` fewer (what `add` counted for it).
    pub fn remove(&mut self, needs: Needs) {
        self.live = self.live.saturating_sub(1);
        drop_one(&mut self.price, needs.price);
        drop_one(&mut self.days, needs.days);
    }
}

/// The highest tier with a count (the lists never end in a zero); lists are at most
/// `MAX_TIER_ROWS` long.
fn tier_of(counts: &[u32]) -> u8 {
    u8::try_from(counts.len()).unwrap_or(u8::MAX)
}

fn bump(counts: &mut Vec<u32>, tier: u8) -> Option<()> {
    let Some(i) = usize::from(tier).checked_sub(1) else {
        return Some(());
    };
    if counts.len() <= i {
        counts.resize(i.checked_add(1)?, 0);
    }
    let c = counts.get_mut(i)?;
    *c = c.checked_add(1)?;
    Some(())
}

fn drop_one(counts: &mut Vec<u32>, tier: u8) {
    let Some(i) = usize::from(tier).checked_sub(1) else {
        return;
    };
    if let Some(c) = counts.get_mut(i) {
        *c = c.saturating_sub(1);
    }
    while counts.last() == Some(&0) {
        counts.pop();
    }
}
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
