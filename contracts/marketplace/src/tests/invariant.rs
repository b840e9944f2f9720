//! proptest over random sequences of every marketplace message (issue #14 "Proof"), stray plain
//! transfers and the owner's sweeps (issue 12 §7). After each step:
//! - per asset: the marketplace's balance == escrowed highest bids + escrowed offers + open
//!   settlements + everyone's claimable balance + the strays not yet swept (nothing lost, nothing
//!   created); the `accounting` query's O(1) `owed` == that sum of the books, `surplus` == the strays;
//! - a sweep pays the owner exactly the strays of its asset (a foreign denom: its whole balance) and
//!   is refused when there are none: it never takes an owed base unit;
//! - tokens the gallery shows the marketplace owning == live listings + auctions + open settlements,
//!   and the escrow record of each of them names the order that holds it;
//! - every finalize: fee + net == gross, fee == ceil(gross x bps / 10,000), the treasury received
//!   exactly the fee and the seller's claimable grew by exactly net;
//! - each seller's book (issue 19): its live-order count and the creator tier its live prices need
//!   equal those of its live listings and auctions.

use cosmwasm_std::{coins, Uint128};
use cw_multi_test::Executor;
use mesi_testing::{attr, M, NATIVE, USD};
use mesi_types::gallery::ResolveOutcome;
use mesi_types::marketplace::{
    Asset, AuctionsResponse, EscrowResponse, ExecuteMsg, ListingsResponse, NftMsg, OffersResponse,
    QueryMsg, SettlementsResponse, TokenMsg,
};
use proptest::prelude::*;

use super::suite::*;

const SELLERS: [&str; 2] = ["alice", "carla"];
const BUYERS: [&str; 2] = ["bob", "dan"];
const TOKENS: usize = 6;

#[derive(Debug, Clone)]
enum Op {
    List {
        t: usize,
        price: u128,
        native: bool,
        ttl: Option<u64>,
    },
    Auction {
        t: usize,
        reserve: u128,
        native: bool,
    },
    Buy {
        b: usize,
        pick: usize,
        exact: bool,
    },
    Bid {
        b: usize,
        pick: usize,
        extra: u128,
    },
    Offer {
        b: usize,
        t: usize,
        amount: u128,
        native: bool,
    },
    Counter {
        pick: usize,
        amount: u128,
    },
    AcceptCounter {
        pick: usize,
    },
    AcceptOffer {
        pick: usize,
    },
    Reject {
        pick: usize,
    },
    CancelOffer {
        pick: usize,
    },
    CancelListing {
        pick: usize,
    },
    CancelAuction {
        pick: usize,
    },
    SetCommission {
        bps: u16,
    },
    UpdatePrice {
        pick: usize,
        price: u128,
    },
    Settle {
        pick: usize,
    },
    Finalize {
        pick: usize,
    },
    Refund {
        pick: usize,
    },
    Withdraw {
        who: usize,
        native: bool,
    },
    Prune,
    ArbiterMoves {
        t: usize,
    },
    Sync {
        t: usize,
    },
    Advance {
        secs: u64,
    },
    /// A plain cw20 `Transfer` of MESI (`native`: a bank send of the native denom) to the marketplace.
    Stray {
        native: bool,
        amount: u128,
    },
    /// A bank send of a denom the marketplace never trades.
    StrayForeign {
        amount: u128,
    },
    /// The owner sweeps MESI (0), the native denom (1) or the foreign denom (2).
    Sweep {
        which: u8,
    },
}

const FOREIGN: &str = "ufoo";

/// The model of what arrived outside the books and was not swept yet: `[mesi, native, foreign]`.
#[derive(Default)]
struct Strays([u128; 3]);

fn op() -> impl Strategy<Value = Op> {
    let price = 1u128..=60 * M;
    // What sellers ask: half of it across the tier maxima (USD 100 / 200 / 400 at USD 1 per MESI).
    let ask = prop_oneof![1u128..=60 * M, 60 * M..=450 * M];
    prop_oneof![
        4 => (0..TOKENS, ask.clone(), any::<bool>(), prop::option::of(1u64..3 * DAY))
            .prop_map(|(t, price, native, ttl)| Op::List { t, price, native, ttl }),
        3 => (0..TOKENS, ask.clone(), any::<bool>()).prop_map(|(t, reserve, native)| Op::Auction { t, reserve, native }),
        4 => (0..2usize, any::<usize>(), prop::bool::weighted(0.9)).prop_map(|(b, pick, exact)| Op::Buy { b, pick, exact }),
        4 => (0..2usize, any::<usize>(), 0u128..5 * M).prop_map(|(b, pick, extra)| Op::Bid { b, pick, extra }),
        3 => (0..2usize, 0..TOKENS, price.clone(), any::<bool>())
            .prop_map(|(b, t, amount, native)| Op::Offer { b, t, amount, native }),
        2 => (any::<usize>(), price.clone()).prop_map(|(pick, amount)| Op::Counter { pick, amount }),
        2 => any::<usize>().prop_map(|pick| Op::AcceptCounter { pick }),
        2 => any::<usize>().prop_map(|pick| Op::AcceptOffer { pick }),
        1 => any::<usize>().prop_map(|pick| Op::Reject { pick }),
        1 => any::<usize>().prop_map(|pick| Op::CancelOffer { pick }),
        1 => any::<usize>().prop_map(|pick| Op::CancelListing { pick }),
        1 => any::<usize>().prop_map(|pick| Op::CancelAuction { pick }),
        1 => (0u16..=5_000).prop_map(|bps| Op::SetCommission { bps }),
        1 => (any::<usize>(), ask).prop_map(|(pick, price)| Op::UpdatePrice { pick, price }),
        3 => any::<usize>().prop_map(|pick| Op::Settle { pick }),
        4 => any::<usize>().prop_map(|pick| Op::Finalize { pick }),
        2 => any::<usize>().prop_map(|pick| Op::Refund { pick }),
        2 => (0..4usize, any::<bool>()).prop_map(|(who, native)| Op::Withdraw { who, native }),
        1 => Just(Op::Prune),
        1 => (0..TOKENS).prop_map(|t| Op::ArbiterMoves { t }),
        1 => (0..TOKENS).prop_map(|t| Op::Sync { t }),
        4 => prop_oneof![1u64..600, 600u64..2 * DAY, 2 * DAY..8 * DAY].prop_map(|secs| Op::Advance { secs }),
        1 => (any::<bool>(), prop_oneof![1u128..=3, 1u128..=5 * M]).prop_map(|(native, amount)| Op::Stray { native, amount }),
        1 => (1u128..=1_000).prop_map(|amount| Op::StrayForeign { amount }),
        2 => (0u8..3).prop_map(|which| Op::Sweep { which }),
    ]
}

fn token(t: usize) -> String {
    format!("t{t}")
}

fn seller_of(t: usize) -> &'static str {
    SELLERS[t % 2]
}

fn asset(native: bool) -> Asset {
    if native {
        Asset::Native
    } else {
        Asset::Mesi
    }
}

fn pick<T: Clone>(v: &[T], i: usize) -> Option<T> {
    (!v.is_empty()).then(|| v[i % v.len()].clone())
}

/// Every page of a paginated list (small pages exercise the pagination).
fn all_listings(m: &Market) -> Vec<mesi_types::marketplace::ListingResponse> {
    let mut out = vec![];
    let mut start = None;
    loop {
        let r: ListingsResponse = m.q(&QueryMsg::ListingsByExpiry {
            start_after: start,
            limit: Some(3),
        });
        let Some(last) = r.listings.last() else { break };
        start = Some((last.expires.unwrap_or(u64::MAX), last.listing_id));
        out.extend(r.listings);
    }
    out
}

fn all_auctions(m: &Market) -> Vec<mesi_types::marketplace::AuctionResponse> {
    let mut out = vec![];
    let mut start = None;
    loop {
        let r: AuctionsResponse = m.q(&QueryMsg::AuctionsByEnd {
            start_after: start,
            limit: Some(3),
        });
        let Some(last) = r.auctions.last() else { break };
        start = Some((last.end, last.auction_id));
        out.extend(r.auctions);
    }
    out
}

fn all_settlements(m: &Market) -> Vec<mesi_types::marketplace::SettlementResponse> {
    let mut out = vec![];
    let mut start = None;
    loop {
        let r: SettlementsResponse = m.q(&QueryMsg::SettlementsByRelease {
            start_after: start,
            limit: Some(3),
        });
        let Some(last) = r.settlements.last() else {
            break;
        };
        start = Some((last.release_at, last.settlement_id));
        out.extend(r.settlements);
    }
    out
}

fn all_offers(m: &Market) -> Vec<mesi_types::marketplace::OfferResponse> {
    let mut out = vec![];
    for b in BUYERS {
        let mut start = None;
        loop {
            let r: OffersResponse = m.q(&QueryMsg::OffersByOfferer {
                offerer: m.addr(b).to_string(),
                start_after: start,
                limit: Some(3),
            });
            let Some(last) = r.offers.last() else { break };
            start = Some(last.offer_id);
            out.extend(r.offers);
        }
    }
    out
}

fn check_invariants(m: &Market, strays: &Strays) {
    let books: mesi_types::marketplace::AccountingResponse = m.q(&QueryMsg::Accounting {});
    let listings = all_listings(m);
    let auctions = all_auctions(m);
    let settlements = all_settlements(m);
    let offers = all_offers(m);
    for a in [Asset::Mesi, Asset::Native] {
        let bids: u128 = auctions
            .iter()
            .filter(|x| x.asset == a)
            .map(|x| x.highest_bid.u128())
            .sum();
        let offered: u128 = offers
            .iter()
            .filter(|x| x.asset == a)
            .map(|x| x.amount.u128())
            .sum();
        let open: u128 = settlements
            .iter()
            .filter(|x| x.asset == a)
            .map(|x| x.price.u128())
            .sum();
        let claimable: u128 = SELLERS
            .iter()
            .chain(BUYERS.iter())
            .map(|n| {
                let (mesi, native) = m.claimable(n);
                if a == Asset::Mesi {
                    mesi
                } else {
                    native
                }
            })
            .sum();
        let (held, stray, running) = match a {
            Asset::Mesi => (m.s.mesi_balance(&m.mp), strays.0[0], &books.mesi),
            Asset::Native => (m.s.native_balance(&m.mp), strays.0[1], &books.native),
        };
        let owed = bids + offered + open + claimable;
        assert_eq!(held, owed + stray, "{a:?}: held == owed + strays");
        assert_eq!(running.owed.u128(), owed, "{a:?}: O(1) owed == the books");
        assert_eq!(running.balance.u128(), held, "{a:?}: accounting balance");
        assert_eq!(running.surplus.u128(), stray, "{a:?}: surplus == strays");
    }
    let foreign = m.s.app.wrap().query_balance(&m.mp, FOREIGN).unwrap();
    assert_eq!(foreign.amount.u128(), strays.0[2], "foreign denom held");
    // Tokens: the gallery's view of what the marketplace holds vs. live orders.
    let owned: Vec<String> = (0..TOKENS)
        .map(token)
        .filter(|t| m.s.nft_owner(t) == Some(m.mp.clone()))
        .collect();
    let mut in_orders: Vec<String> = listings
        .iter()
        .map(|l| l.token_id.clone())
        .chain(auctions.iter().map(|a| a.token_id.clone()))
        .chain(settlements.iter().map(|s| s.token_id.clone()))
        .collect();
    in_orders.sort();
    // An order whose token the arbiter moved stays (until sync) but the token is not held.
    let held_in_orders: Vec<String> = in_orders
        .iter()
        .filter(|t| owned.contains(t))
        .cloned()
        .collect();
    assert_eq!(
        owned, held_in_orders,
        "every held token is in exactly one order"
    );
    let mut dedup = in_orders.clone();
    dedup.dedup();
    assert_eq!(dedup, in_orders, "no token in two orders");
    for t in &in_orders {
        let e: EscrowResponse = m.q(&QueryMsg::Escrow {
            token_id: t.clone(),
        });
        assert!(e.order.is_some(), "escrow record of {t}");
    }
    let live: u32 = SELLERS.iter().map(|s| m.fits(s, 0).live_orders).sum();
    assert_eq!(
        live as usize,
        listings.len() + auctions.len(),
        "live-order counters"
    );
    // Issue 19: each seller's book names exactly the creator tier its live prices need (the lowest
    // default row whose USD maximum holds every price and reserve; USD 1 per MESI throughout) and
    // every auction here is 7 days long (tier 0).
    let need = |p: u128| {
        [100u128, 200, 400, 800, 1_600]
            .iter()
            .take_while(|max| p > *max * USD)
            .count() as u8
    };
    for s in SELLERS {
        let seller = m.addr(s);
        let prices: Vec<u128> = listings
            .iter()
            .filter(|l| l.seller == seller)
            .map(|l| l.price.u128())
            .chain(
                auctions
                    .iter()
                    .filter(|a| a.seller == seller)
                    .map(|a| a.reserve.u128()),
            )
            .collect();
        let f = m.fits(s, 0);
        assert_eq!(f.live_orders as usize, prices.len(), "{s}: live orders");
        assert_eq!(
            f.price_tier,
            prices.iter().map(|p| need(*p)).max().unwrap_or(0),
            "{s}: the tier its live prices need"
        );
        assert_eq!(f.auction_days_tier, 0, "{s}: 7-day auctions");
    }
}

fn ids(m: &Market) -> (Vec<u64>, Vec<u64>, Vec<u64>, Vec<u64>) {
    (
        all_listings(m).iter().map(|l| l.listing_id).collect(),
        all_auctions(m).iter().map(|a| a.auction_id).collect(),
        all_offers(m).iter().map(|o| o.offer_id).collect(),
        all_settlements(m).iter().map(|s| s.settlement_id).collect(),
    )
}

fn run(m: &mut Market, op: Op, strays: &mut Strays) {
    let (listings, auctions, offers, settlements) = ids(m);
    let _ = match op {
        Op::List {
            t,
            price,
            native,
            ttl,
        } => {
            let expires = ttl.map(|x| m.s.now() + x);
            m.list_with(seller_of(t), &token(t), price, asset(native), expires, None)
                .map(|_| ())
        }
        Op::Auction { t, reserve, native } => m
            .auction(seller_of(t), &token(t), reserve, asset(native), 7)
            .map(|_| ()),
        Op::Buy { b, pick: p, exact } => {
            let Some(id) = pick(&listings, p) else { return };
            let l = m.listing(id);
            let price = if exact {
                l.price.u128()
            } else {
                l.price.u128() + 1
            };
            match l.asset {
                Asset::Mesi => m.buy_mesi(BUYERS[b], id, price).map(|_| ()),
                Asset::Native => m.buy_native(BUYERS[b], id, price).map(|_| ()),
            }
        }
        Op::Bid { b, pick: p, extra } => {
            let Some(id) = pick(&auctions, p) else { return };
            let a = m.auction_of(id);
            let amount = a.min_next_bid.u128() + extra;
            match a.asset {
                Asset::Mesi => m.bid_mesi(BUYERS[b], id, amount).map(|_| ()),
                Asset::Native => m.bid_native(BUYERS[b], id, amount).map(|_| ()),
            }
        }
        Op::Offer {
            b,
            t,
            amount,
            native,
        } => {
            let expires = m.s.now() + DAY;
            if native {
                m.exec(
                    BUYERS[b],
                    &ExecuteMsg::Offer {
                        token_id: token(t),
                        expires,
                    },
                    &coins(amount, NATIVE),
                )
                .map(|_| ())
            } else {
                m.send_mesi(
                    BUYERS[b],
                    amount,
                    &TokenMsg::Offer {
                        token_id: token(t),
                        expires,
                    },
                )
                .map(|_| ())
            }
        }
        Op::Counter { pick: p, amount } => {
            let Some(id) = pick(&offers, p) else { return };
            let t: usize = m.offer(id).token_id[1..].parse().unwrap();
            m.exec(
                seller_of(t),
                &ExecuteMsg::CounterOffer {
                    offer_id: id,
                    amount: Uint128::new(amount),
                },
                &[],
            )
            .map(|_| ())
        }
        Op::AcceptCounter { pick: p } => {
            let Some(id) = pick(&offers, p) else { return };
            let o = m.offer(id);
            let Some(counter) = o.counter else { return };
            let offerer = if o.offerer == m.addr("bob") {
                "bob"
            } else {
                "dan"
            };
            let top_up = counter.u128().saturating_sub(o.amount.u128());
            let msg = ExecuteMsg::AcceptCounter {
                offer_id: id,
                version: o.version,
            };
            match (o.asset, top_up) {
                (_, 0) => m.exec(offerer, &msg, &[]).map(|_| ()),
                (Asset::Native, x) => m.exec(offerer, &msg, &coins(x, NATIVE)).map(|_| ()),
                (Asset::Mesi, x) => m
                    .send_mesi(
                        offerer,
                        x,
                        &TokenMsg::AcceptCounter {
                            offer_id: id,
                            version: o.version,
                        },
                    )
                    .map(|_| ()),
            }
        }
        Op::AcceptOffer { pick: p } => {
            let Some(id) = pick(&offers, p) else { return };
            let t: usize = m.offer(id).token_id[1..].parse().unwrap();
            if m.s.nft_owner(&token(t)) == Some(m.mp.clone()) {
                m.exec(seller_of(t), &ExecuteMsg::AcceptOffer { offer_id: id }, &[])
                    .map(|_| ())
            } else {
                m.send_nft(
                    seller_of(t),
                    &token(t),
                    &NftMsg::AcceptOffer { offer_id: id },
                )
                .map(|_| ())
            }
        }
        Op::Reject { pick: p } => {
            let Some(id) = pick(&offers, p) else { return };
            let t: usize = m.offer(id).token_id[1..].parse().unwrap();
            m.exec(seller_of(t), &ExecuteMsg::RejectOffer { offer_id: id }, &[])
                .map(|_| ())
        }
        Op::CancelOffer { pick: p } => {
            let Some(id) = pick(&offers, p) else { return };
            let who = if m.offer(id).offerer == m.addr("bob") {
                "bob"
            } else {
                "dan"
            };
            m.exec(who, &ExecuteMsg::CancelOffer { offer_id: id }, &[])
                .map(|_| ())
        }
        Op::CancelAuction { pick: p } => {
            let Some(id) = pick(&auctions, p) else { return };
            let t: usize = m.auction_of(id).token_id[1..].parse().unwrap();
            m.exec(
                seller_of(t),
                &ExecuteMsg::CancelAuction { auction_id: id },
                &[],
            )
            .map(|_| ())
        }
        Op::SetCommission { bps } => m
            .update_config(mesi_types::marketplace::ConfigUpdate {
                commission_bps: Some(bps),
                ..Default::default()
            })
            .map(|_| ()),
        Op::CancelListing { pick: p } => {
            let Some(id) = pick(&listings, p) else { return };
            let t: usize = m.listing(id).token_id[1..].parse().unwrap();
            m.exec(
                seller_of(t),
                &ExecuteMsg::CancelListing { listing_id: id },
                &[],
            )
            .map(|_| ())
        }
        Op::UpdatePrice { pick: p, price } => {
            let Some(id) = pick(&listings, p) else { return };
            let t: usize = m.listing(id).token_id[1..].parse().unwrap();
            m.exec(
                seller_of(t),
                &ExecuteMsg::UpdatePrice {
                    listing_id: id,
                    price: Uint128::new(price),
                },
                &[],
            )
            .map(|_| ())
        }
        Op::Settle { pick: p } => {
            let Some(id) = pick(&auctions, p) else { return };
            m.settle("dan", id).map(|_| ())
        }
        Op::Finalize { pick: p } => {
            let Some(id) = pick(&settlements, p) else {
                return;
            };
            let s = m.settlement(id);
            let seller = if s.seller == m.addr("alice") {
                "alice"
            } else {
                "carla"
            };
            let (treasury_before, claim_before) = match s.asset {
                Asset::Mesi => (m.s.mesi_balance(&m.s.treasury), m.claimable(seller).0),
                Asset::Native => (m.s.native_balance(&m.s.treasury), m.claimable(seller).1),
            };
            if let Ok(res) = m.finalize("bob", id) {
                let get = |k: &str| attr(&res, k).unwrap().parse::<u128>().unwrap();
                let (gross, fee, net) = (get("gross"), get("fee"), get("net"));
                assert_eq!(fee + net, gross);
                assert_eq!(gross, s.price.u128());
                let exact = gross * u128::from(s.commission_bps);
                assert_eq!(fee, exact.div_ceil(10_000), "fee rounds up");
                let (treasury_after, claim_after) = match s.asset {
                    Asset::Mesi => (m.s.mesi_balance(&m.s.treasury), m.claimable(seller).0),
                    Asset::Native => (m.s.native_balance(&m.s.treasury), m.claimable(seller).1),
                };
                assert_eq!(treasury_after - treasury_before, fee);
                assert_eq!(claim_after - claim_before, net);
            }
            Ok(())
        }
        Op::Refund { pick: p } => {
            let Some(id) = pick(&settlements, p) else {
                return;
            };
            m.refund(id).map(|_| ())
        }
        Op::Withdraw { who, native } => {
            let name = [SELLERS[0], SELLERS[1], BUYERS[0], BUYERS[1]][who];
            m.withdraw(name, asset(native)).map(|_| ())
        }
        Op::Prune => m
            .exec("dan", &ExecuteMsg::Prune { limit: 30 }, &[])
            .map(|_| ()),
        Op::ArbiterMoves { t } => {
            let to = m.addr(seller_of(t)).to_string();
            m.s.arbiter_resolve(&token(t), ResolveOutcome::TransferTo { address: to })
                .map(|_| ())
        }
        Op::Sync { t } => m
            .exec("dan", &ExecuteMsg::Sync { token_id: token(t) }, &[])
            .map(|_| ()),
        Op::Advance { secs } => {
            m.s.advance(secs);
            Ok(())
        }
        Op::Stray { native, amount } => {
            let mp = m.mp.clone();
            let sent = if native {
                m.s.app
                    .send_tokens(m.addr("dan"), mp, &coins(amount, NATIVE))
                    .map(|_| ())
            } else {
                let token = m.s.token.clone();
                m.s.exec(
                    "dan",
                    &token,
                    &mesi_types::token::ExecuteMsg::Transfer {
                        recipient: mp.to_string(),
                        amount: Uint128::new(amount),
                    },
                    &[],
                )
                .map(|_| ())
            };
            if sent.is_ok() {
                strays.0[usize::from(native)] += amount;
            }
            Ok(())
        }
        Op::StrayForeign { amount } => {
            let to_address = m.mp.to_string();
            m.s.app
                .sudo(cw_multi_test::SudoMsg::Bank(
                    cw_multi_test::BankSudo::Mint {
                        to_address,
                        amount: coins(amount, FOREIGN),
                    },
                ))
                .unwrap();
            strays.0[2] += amount;
            Ok(())
        }
        Op::Sweep { which } => {
            let (owner, mp) = (m.s.owner.clone(), m.mp.clone());
            let denom = [None, Some(NATIVE), Some(FOREIGN)][usize::from(which)];
            let held_by_owner = |m: &Market| match which {
                0 => m.s.mesi_balance(&owner),
                d => {
                    m.s.app
                        .wrap()
                        .query_balance(&owner, [NATIVE, FOREIGN][usize::from(d) - 1])
                        .unwrap()
                        .amount
                        .u128()
                }
            };
            let before = held_by_owner(m);
            let res = m.s.app.execute_contract(
                owner.clone(),
                mp,
                &ExecuteMsg::Sweep {
                    denom: denom.map(str::to_string),
                },
                &[],
            );
            let stray = &mut strays.0[usize::from(which)];
            match res {
                Ok(_) => {
                    assert_eq!(
                        held_by_owner(m) - before,
                        *stray,
                        "a sweep takes exactly the strays"
                    );
                    *stray = 0;
                }
                Err(e) => {
                    assert_eq!(*stray, 0, "a sweep with strays to take failed: {e:?}");
                    assert!(matches!(
                        e.downcast::<crate::error::ContractError>(),
                        Ok(crate::error::ContractError::NothingToSweep { .. })
                    ));
                }
            }
            Ok(())
        }
    };
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, max_shrink_iters: 200, ..ProptestConfig::default() })]

    #[test]
    fn balances_and_tokens_held_always_equal_what_is_owed(ops in prop::collection::vec(op(), 1..60)) {
        let mut m = Market::build(|msg| msg.tier_limits = None);
        for t in 0..TOKENS {
            m.s.mint_nft(seller_of(t), &token(t)).unwrap();
        }
        let mut strays = Strays::default();
        for op in ops {
            run(&mut m, op, &mut strays);
            check_invariants(&m, &strays);
        }
    }
}
