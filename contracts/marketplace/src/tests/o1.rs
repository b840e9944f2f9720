//! Issue #14: every list query is O(page) through its index, and the per-seller live-order check is
//! O(1): with 10,000 orders in the store a page reads exactly as many storage entries as with 10.
//! (Gas figures belong to `make bench`; this counts storage reads, which is what gas follows.)

use std::cell::Cell;

use cosmwasm_std::testing::{mock_dependencies, mock_env, MockApi, MockQuerier, MockStorage};
use cosmwasm_std::{Addr, Deps, Order, QuerierWrapper, Record, Storage, Uint128};
use mesi_types::marketplace::{Asset, FillKind};

use crate::query;
use crate::state::{
    auctions, listings, offers, settlements, Auction, Listing, Offer, SellerBook, Settlement,
    SELLERS,
};

/// A storage that counts every entry read (`get` and each item of a range).
struct Counting<'a> {
    inner: &'a MockStorage,
    reads: Cell<u64>,
}

impl Storage for Counting<'_> {
    fn get(&self, key: &[u8]) -> Option<Vec<u8>> {
        self.reads.set(self.reads.get() + 1);
        self.inner.get(key)
    }

    fn range<'b>(
        &'b self,
        start: Option<&[u8]>,
        end: Option<&[u8]>,
        order: Order,
    ) -> Box<dyn Iterator<Item = Record> + 'b> {
        Box::new(self.inner.range(start, end, order).inspect(|_| {
            self.reads.set(self.reads.get() + 1);
        }))
    }

    fn set(&mut self, _key: &[u8], _value: &[u8]) {
        unreachable!("queries do not write")
    }

    fn remove(&mut self, _key: &[u8]) {
        unreachable!("queries do not write")
    }
}

/// `n` orders of each kind for one seller / buyer / token, plus a few of another seller.
fn store_with(n: u64) -> MockStorage {
    let mut deps = mock_dependencies();
    let api = MockApi::default();
    let (seller, buyer) = (api.addr_make("seller"), api.addr_make("buyer"));
    let s = deps.as_mut().storage;
    for id in 1..=n {
        let token_id = format!("t{id}");
        listings()
            .save(
                s,
                id,
                &Listing {
                    token_id: token_id.clone(),
                    seller: seller.clone(),
                    asset: if id % 2 == 0 {
                        Asset::Mesi
                    } else {
                        Asset::Native
                    },
                    price: Uint128::new(u128::from(id % 977) + 1),
                    expires: Some(1_000 + id % 313),
                    reserved_for: None,
                    commission_bps: 1_000,
                    price_tier: (id % 3) as u8,
                },
            )
            .unwrap();
        auctions()
            .save(
                s,
                id,
                &Auction {
                    token_id: token_id.clone(),
                    seller: seller.clone(),
                    asset: Asset::Mesi,
                    reserve: Uint128::one(),
                    start: 0,
                    end: 5_000 + id % 101,
                    min_increment_bps: 500,
                    commission_bps: 1_000,
                    highest: None,
                    price_tier: 0,
                    days_tier: (id % 2) as u8,
                },
            )
            .unwrap();
        offers()
            .save(
                s,
                id,
                &Offer {
                    token_id: "hot".to_string(),
                    offerer: buyer.clone(),
                    asset: Asset::Mesi,
                    amount: Uint128::one(),
                    expires: 9_000 + id % 7,
                    counter: None,
                    countered_by: None,
                    version: 0,
                    commission_bps: 1_000,
                    creator: seller.clone(),
                    content_hash: "00".repeat(32),
                },
            )
            .unwrap();
        settlements()
            .save(
                s,
                id,
                &Settlement {
                    token_id,
                    seller: seller.clone(),
                    buyer: buyer.clone(),
                    asset: Asset::Native,
                    price: Uint128::new(10),
                    commission_bps: 1_000,
                    release_at: 7_000 + id % 59,
                    kind: FillKind::BuyNow,
                },
            )
            .unwrap();
    }
    // Each seller's book holds one count per tier, however many orders it counts.
    SELLERS
        .save(
            s,
            &seller,
            &SellerBook {
                live: u32::try_from(2 * n).unwrap(),
                price: vec![u32::try_from(n / 3).unwrap(), u32::try_from(n / 3).unwrap()],
                days: vec![u32::try_from(n / 2).unwrap()],
            },
        )
        .unwrap();
    crate::state::CONFIG
        .save(
            s,
            &crate::state::Config {
                gallery: Addr::unchecked("g"),
                token: Addr::unchecked("t"),
                treasury: Addr::unchecked("tr"),
                arbiter: Addr::unchecked("a"),
                native_denom: "uusdc".into(),
                commission_bps: 1_000,
                compliance_window: 1,
                day_seconds: 1,
                min_auction_days: 7,
                anti_snipe_window: 1,
                anti_snipe_extension: 1,
                min_increment_bps: 1,
                tier_limits: crate::config::default_tier_limits(),
                revenue: None,
            },
        )
        .unwrap();
    deps.storage
}

/// Storage entries read by each list query (a page of 10) against `store`.
fn reads_per_query(store: &MockStorage) -> Vec<(&'static str, u64)> {
    let api = MockApi::default();
    let querier = MockQuerier::default();
    let counting = Counting {
        inner: store,
        reads: Cell::new(0),
    };
    let deps = Deps {
        storage: &counting,
        api: &api,
        querier: QuerierWrapper::new(&querier),
    };
    let (seller, buyer) = (
        api.addr_make("seller").to_string(),
        api.addr_make("buyer").to_string(),
    );
    let env = mock_env();
    let mut out = vec![];
    let mut measure = |name: &'static str, f: &dyn Fn()| {
        counting.reads.set(0);
        f();
        out.push((name, counting.reads.get()));
    };
    let l = Some(10);
    measure("listings_by_seller", &|| {
        assert_eq!(
            query::listings_by_seller(deps, env.clone(), seller.clone(), Some(3), l)
                .unwrap()
                .listings
                .len(),
            10
        );
    });
    measure("listings_by_price", &|| {
        assert_eq!(
            query::listings_by_price(deps, env.clone(), Asset::Mesi, None, l)
                .unwrap()
                .listings
                .len(),
            10
        );
    });
    measure("listings_by_expiry", &|| {
        assert_eq!(
            query::listings_by_expiry(deps, env.clone(), Some((1_001, 0)), l)
                .unwrap()
                .listings
                .len(),
            10
        );
    });
    measure("auctions_by_end", &|| {
        assert_eq!(
            query::auctions_by_end(deps, env.clone(), Some((5_001, 0)), l)
                .unwrap()
                .auctions
                .len(),
            10
        );
    });
    measure("auctions_by_seller", &|| {
        assert_eq!(
            query::auctions_by_seller(deps, env.clone(), seller.clone(), None, l)
                .unwrap()
                .auctions
                .len(),
            10
        );
    });
    measure("offers_by_token", &|| {
        assert_eq!(
            query::offers_by_token(deps, env.clone(), "hot".into(), None, l)
                .unwrap()
                .offers
                .len(),
            10
        );
    });
    measure("offers_by_offerer", &|| {
        assert_eq!(
            query::offers_by_offerer(deps, env.clone(), buyer.clone(), None, l)
                .unwrap()
                .offers
                .len(),
            10
        );
    });
    measure("settlements_by_buyer", &|| {
        assert_eq!(
            query::settlements_by_party(deps, buyer.clone(), true, None, l)
                .unwrap()
                .settlements
                .len(),
            10
        );
    });
    measure("settlements_by_release", &|| {
        assert_eq!(
            query::settlements_by_release(deps, Some((7_001, 0)), l)
                .unwrap()
                .settlements
                .len(),
            10
        );
    });
    measure("seller_fits_tier", &|| {
        assert!(
            !query::seller_fits_tier(deps, seller.clone(), 0)
                .unwrap()
                .fits
        );
    });
    out
}

#[test]
fn a_page_reads_the_same_storage_with_ten_thousand_orders_as_with_twenty() {
    let small = reads_per_query(&store_with(20));
    let large = reads_per_query(&store_with(10_000));
    for ((name, a), (_, b)) in small.iter().zip(large.iter()) {
        assert_eq!(a, b, "{name}: {a} reads with 20 orders, {b} with 10,000");
        assert!(*b <= 25, "{name}: a page of 10 reads {b} entries");
    }
}
