//! SPEC §3 "Selling" and issue #14, one test per rule.

use cosmwasm_std::{coins, Uint128};
use mesi_testing::{M, NATIVE, USD};
use mesi_token::ContractError as TokenError;
use mesi_types::marketplace::{
    Asset, ConfigUpdate, EscrowOrder, EscrowResponse, ExecuteMsg, FillKind, ListingsResponse,
    NftMsg, QueryMsg, TierLimit, TierLimitKind,
};

use super::suite::*;
use crate::error::ContractError;

// ---------------------------------------------------------------- custody and buy-now

#[test]
fn listing_holds_the_token_in_escrow_until_the_sale_is_final() {
    let mut m = market();
    let id = m.mint_and_list("alice", "art-1", 50 * M, Asset::Mesi);
    assert!(m.owner_is_market("art-1"));
    let l = m.listing(id);
    assert_eq!(
        (l.seller, l.price, l.commission_bps),
        (m.addr("alice"), Uint128::new(50 * M), 1_000)
    );
    let sid = m.buy_mesi("bob", id, 50 * M).unwrap();
    // The sale is not final: the token and the price both stay in escrow.
    assert!(m.owner_is_market("art-1"));
    assert_eq!(m.s.mesi_balance(&m.mp), 50 * M);
    let e: EscrowResponse = m.q(&QueryMsg::Escrow {
        token_id: "art-1".into(),
    });
    assert_eq!(
        e.order,
        Some(EscrowOrder::Settlement {
            settlement_id: sid,
            seller: m.addr("alice")
        })
    );
}

#[test]
fn finalize_after_the_window_pays_commission_to_the_treasury_and_the_rest_to_the_seller() {
    let mut m = market();
    let id = m.mint_and_list("alice", "art-1", 33 * M + 7, Asset::Mesi);
    let sid = m.buy_mesi("bob", id, 33 * M + 7).unwrap();
    let s = m.settlement(sid);
    assert_eq!(s.kind, FillKind::BuyNow);
    assert_eq!(s.release_at, m.s.now() + 2 * DAY);
    let treasury_before = m.s.mesi_balance(&m.s.treasury);
    m.s.advance(2 * DAY);
    m.finalize("dan", sid).unwrap(); // anyone
                                     // fee = ceil(10% of 33,000,007) = 3,300,001; net = the rest.
    let (fee, net) = (3_300_001u128, 33 * M + 7 - 3_300_001);
    assert_eq!(m.s.mesi_balance(&m.s.treasury) - treasury_before, fee);
    assert_eq!(m.claimable("alice"), (net, 0));
    assert_eq!(m.s.nft_owner("art-1"), Some(m.addr("bob")));
    let before = m.mesi("alice");
    m.withdraw("alice", Asset::Mesi).unwrap();
    assert_eq!(m.mesi("alice") - before, net);
    assert_eq!(m.s.mesi_balance(&m.mp), 0);
}

#[test]
fn native_sale_pays_the_commission_by_bank_send_and_the_seller_withdraws_native() {
    let mut m = market();
    let id = m.mint_and_list("alice", "art-1", 80 * USD, Asset::Native);
    let sid = m.buy_native("bob", id, 80 * USD).unwrap();
    m.s.advance(2 * DAY);
    m.finalize("bob", sid).unwrap();
    assert_eq!(m.s.native_balance(&m.s.treasury), 8 * USD);
    assert_eq!(m.claimable("alice"), (0, 72 * USD));
    let before = m.native("alice");
    m.withdraw("alice", Asset::Native).unwrap();
    assert_eq!(m.native("alice") - before, 72 * USD);
    assert_eq!(m.s.native_balance(&m.mp), 0);
}

#[test]
fn finalize_before_the_window_ends_is_refused() {
    let mut m = market();
    let id = m.mint_and_list("alice", "art-1", 10 * M, Asset::Mesi);
    let sid = m.buy_mesi("bob", id, 10 * M).unwrap();
    let release_at = m.settlement(sid).release_at;
    m.s.set_time(release_at - 1);
    assert_eq!(
        err(m.finalize("bob", sid)),
        ContractError::WindowOpen { release_at }
    );
    m.s.set_time(release_at);
    m.finalize("bob", sid).unwrap();
}

#[test]
fn arbiter_refund_inside_the_window_returns_price_and_token_whole() {
    let mut m = market();
    m.s.mint_nft("alice", "art-1").unwrap();
    m.s.pledge("alice", "art-1", 5 * USD).unwrap();
    let id = m.list("alice", "art-1", 10 * M, Asset::Mesi).unwrap();
    let sid = m.buy_mesi("bob", id, 10 * M).unwrap();
    m.s.advance(2 * DAY - 1);
    assert_eq!(
        err(m.exec("bob", &ExecuteMsg::Refund { settlement_id: sid }, &[])),
        ContractError::Unauthorized
    );
    m.refund(sid).unwrap();
    assert_eq!(m.s.nft_owner("art-1"), Some(m.addr("alice")));
    assert_eq!(
        m.s.pledge_of("art-1"),
        5 * USD,
        "the pledge stays with the token"
    );
    assert_eq!(m.claimable("bob"), (10 * M, 0));
    assert_eq!(m.claimable("alice"), (0, 0));
}

#[test]
fn commission_is_frozen_into_the_order_when_it_is_created() {
    let mut m = market();
    let id = m.mint_and_list("alice", "art-1", 10 * M, Asset::Mesi);
    m.update_config(ConfigUpdate {
        commission_bps: Some(5_000),
        ..Default::default()
    })
    .unwrap();
    let sid = m.buy_mesi("bob", id, 10 * M).unwrap();
    assert_eq!(m.settlement(sid).commission_bps, 1_000);
    m.s.advance(2 * DAY);
    m.finalize("bob", sid).unwrap();
    assert_eq!(m.claimable("alice"), (9 * M, 0));
}

#[test]
fn reserved_listing_sells_only_to_its_named_buyer() {
    let mut m = market();
    m.s.mint_nft("alice", "art-1").unwrap();
    let id = m
        .list_with("alice", "art-1", 10 * M, Asset::Mesi, None, Some("dan"))
        .unwrap();
    assert_eq!(
        err(m.buy_mesi("bob", id, 10 * M)),
        ContractError::ReservedForOther
    );
    m.buy_mesi("dan", id, 10 * M).unwrap();
}

#[test]
fn expired_listing_refuses_a_buy_and_prune_returns_the_token() {
    let mut m = market();
    m.s.mint_nft("alice", "art-1").unwrap();
    let expires = m.s.now() + HOUR;
    let id = m
        .list_with("alice", "art-1", 10 * M, Asset::Mesi, Some(expires), None)
        .unwrap();
    m.s.set_time(expires);
    assert_eq!(
        err(m.buy_mesi("bob", id, 10 * M)),
        ContractError::ListingExpired { expires }
    );
    assert_eq!(
        m.fits("alice", 0).live_orders,
        1,
        "an expired listing holds its slot until pruned"
    );
    m.exec("dan", &ExecuteMsg::Prune { limit: 5 }, &[]).unwrap();
    assert_eq!(m.s.nft_owner("art-1"), Some(m.addr("alice")));
    assert_eq!(m.fits("alice", 0).live_orders, 0);
}

#[test]
fn cancel_listing_returns_the_token_to_its_seller_only() {
    let mut m = market();
    let id = m.mint_and_list("alice", "art-1", 10 * M, Asset::Mesi);
    assert_eq!(
        err(m.exec("bob", &ExecuteMsg::CancelListing { listing_id: id }, &[])),
        ContractError::Unauthorized
    );
    m.exec("alice", &ExecuteMsg::CancelListing { listing_id: id }, &[])
        .unwrap();
    assert_eq!(m.s.nft_owner("art-1"), Some(m.addr("alice")));
    assert_eq!(m.fits("alice", 0).live_orders, 0);
}

// ---------------------------------------------------------------- tier limits

#[test]
fn creator_tier_zero_holds_at_most_three_live_orders() {
    let mut m = market();
    for i in 0..3 {
        m.mint_and_list("alice", &format!("t{i}"), 10 * M, Asset::Mesi);
    }
    m.s.mint_nft("alice", "t3").unwrap();
    assert_eq!(
        err(m.list("alice", "t3", 10 * M, Asset::Mesi)),
        ContractError::TooManyOrders {
            tier: 0,
            live: 3,
            limit: 3
        }
    );
    assert_eq!(
        m.s.nft_owner("t3"),
        Some(m.addr("alice")),
        "a refused listing moves nothing"
    );
    let f = m.fits("alice", 0);
    assert_eq!((f.fits, f.live_orders, f.limit), (true, 3, Some(3)));
}

#[test]
fn max_price_follows_the_creator_tier_in_usd_at_the_treasury_price() {
    let mut m = market();
    m.s.mint_nft("alice", "a").unwrap();
    // Tier 0: USD 100 = 100 MESI at USD 1.
    assert_eq!(
        err(m.list("alice", "a", 100 * M + 1, Asset::Mesi)),
        ContractError::PriceAboveTierMax {
            tier: 0,
            price: Uint128::new(100 * M + 1),
            max: Uint128::new(100 * M)
        }
    );
    assert_eq!(
        err(m.list("alice", "a", 100 * USD + 1, Asset::Native)),
        ContractError::PriceAboveTierMax {
            tier: 0,
            price: Uint128::new(100 * USD + 1),
            max: Uint128::new(100 * USD)
        }
    );
    m.s.post_price(cosmwasm_std::Decimal::percent(50)); // USD 0.5 per MESI: USD 100 = 200 MESI
    m.list("alice", "a", 200 * M, Asset::Mesi).unwrap();
}

#[test]
fn a_stale_price_refuses_a_mesi_listing_with_a_typed_error() {
    let mut m = market();
    m.s.mint_nft("alice", "a").unwrap();
    m.s.advance_stale(2 * HOUR);
    assert!(matches!(
        err(m.list("alice", "a", 10 * M, Asset::Mesi)),
        ContractError::PriceUnavailable { .. }
    ));
    // The native stablecoin needs no price.
    m.list("alice", "a", 10 * USD, Asset::Native).unwrap();
}

#[test]
fn auction_days_run_from_seven_to_the_creator_tier_maximum() {
    let mut m = market();
    m.s.mint_nft("alice", "a").unwrap();
    assert_eq!(
        err(m.auction("alice", "a", 10 * M, Asset::Mesi, 8)),
        ContractError::InvalidAuctionDays {
            tier: 0,
            days: 8,
            min: 7,
            max: 7
        }
    );
    assert_eq!(
        err(m.auction("alice", "a", 10 * M, Asset::Mesi, 6)),
        ContractError::InvalidAuctionDays {
            tier: 0,
            days: 6,
            min: 7,
            max: 7
        }
    );
    let id = m.auction("alice", "a", 10 * M, Asset::Mesi, 7).unwrap();
    assert_eq!(m.auction_of(id).end, m.s.now() + 7 * DAY);
    // carla locked 1,000 MESI: creator tier 2 (14 days), whatever her fan tier (5: influence
    // includes the lock).
    m.s.mint_nft("carla", "c").unwrap();
    assert_eq!(
        err(m.auction("carla", "c", 10 * M, Asset::Mesi, 15)),
        ContractError::InvalidAuctionDays {
            tier: 2,
            days: 15,
            min: 7,
            max: 14
        }
    );
    m.auction("carla", "c", 10 * M, Asset::Mesi, 14).unwrap();
}

#[test]
fn seller_fits_tier_compares_the_live_order_counter_with_the_tier_limit() {
    let mut m = market();
    for i in 0..3 {
        m.mint_and_list("carla", &format!("t{i}"), 10 * M, Asset::Mesi);
    }
    m.s.mint_nft("carla", "t3").unwrap();
    m.auction("carla", "t3", 10 * M, Asset::Mesi, 7).unwrap();
    let f = m.fits("carla", 0);
    assert_eq!((f.fits, f.live_orders, f.limit), (false, 4, Some(3)));
    assert_eq!(f.exceeds, Some(TierLimitKind::Orders));
    assert!(m.fits("carla", 1).fits);
    let f = m.fits("carla", 5);
    assert_eq!((f.fits, f.limit), (true, None));
}

// ---------------------------------------------------------------- auctions

#[test]
fn a_bid_equal_to_the_minimum_is_accepted_and_the_outbid_amount_becomes_claimable() {
    let mut m = market();
    m.s.mint_nft("alice", "a").unwrap();
    let id = m.auction("alice", "a", 20 * M, Asset::Mesi, 7).unwrap();
    assert_eq!(
        err(m.bid_mesi("bob", id, 20 * M - 1)),
        ContractError::BidTooLow {
            amount: Uint128::new(20 * M - 1),
            minimum: Uint128::new(20 * M)
        }
    );
    m.bid_mesi("bob", id, 20 * M).unwrap();
    // +5%: 21 MESI.
    assert_eq!(m.auction_of(id).min_next_bid, Uint128::new(21 * M));
    assert!(matches!(
        err(m.bid_mesi("dan", id, 21 * M - 1)),
        ContractError::BidTooLow { .. }
    ));
    m.bid_mesi("dan", id, 21 * M).unwrap();
    assert_eq!(m.claimable("bob"), (20 * M, 0));
    assert_eq!(m.s.mesi_balance(&m.mp), 41 * M);
}

/// The end is at `end`; a bid at `end - 301` leaves it, at `end - 300` and `end - 299` moves it to
/// 15 minutes after the bid, at `end` is refused.
#[test]
fn anti_sniping_moves_the_end_only_for_bids_in_the_last_five_minutes() {
    let mut m = market();
    m.s.mint_nft("alice", "a").unwrap();
    let id = m.auction("alice", "a", 10 * M, Asset::Mesi, 7).unwrap();
    let end = m.auction_of(id).end;
    m.s.set_time(end - 301);
    m.bid_mesi("bob", id, 10 * M).unwrap();
    assert_eq!(m.auction_of(id).end, end);
    m.s.set_time(end - 300);
    m.bid_mesi("dan", id, 11 * M).unwrap();
    let moved = end - 300 + 15 * MINUTE;
    assert_eq!(m.auction_of(id).end, moved);
    m.s.set_time(moved - 299);
    m.bid_mesi("bob", id, 12 * M).unwrap();
    let moved2 = moved - 299 + 15 * MINUTE;
    assert_eq!(m.auction_of(id).end, moved2);
    m.s.set_time(moved2);
    assert_eq!(
        err(m.bid_mesi("dan", id, 20 * M)),
        ContractError::AuctionEnded { end: moved2 }
    );
}

#[test]
fn settlement_is_permissionless_after_the_end_and_opens_the_compliance_window() {
    let mut m = market();
    m.s.mint_nft("alice", "a").unwrap();
    let id = m.auction("alice", "a", 10 * M, Asset::Native, 7).unwrap();
    m.bid_native("bob", id, 15 * USD).unwrap();
    let end = m.auction_of(id).end;
    m.s.set_time(end - 1);
    assert_eq!(
        err(m.settle("dan", id)),
        ContractError::AuctionNotEnded { end }
    );
    m.s.set_time(end);
    let res = m.settle("dan", id).unwrap();
    let sid = mesi_testing::attr_u64(&res, "settlement_id");
    let s = m.settlement(sid);
    assert_eq!(
        (s.buyer, s.price, s.kind),
        (m.addr("bob"), Uint128::new(15 * USD), FillKind::Auction)
    );
    assert_eq!(m.fits("alice", 0).live_orders, 0);
    m.s.advance(2 * DAY);
    m.finalize("dan", sid).unwrap();
    assert_eq!(m.s.nft_owner("a"), Some(m.addr("bob")));
    assert_eq!(m.claimable("alice"), (0, 13_500_000));
}

#[test]
fn an_auction_without_a_bid_returns_the_token_to_the_seller() {
    let mut m = market();
    m.s.mint_nft("alice", "a").unwrap();
    let id = m.auction("alice", "a", 10 * M, Asset::Mesi, 7).unwrap();
    m.s.advance(7 * DAY);
    m.settle("bob", id).unwrap();
    assert_eq!(m.s.nft_owner("a"), Some(m.addr("alice")));
    assert_eq!(m.fits("alice", 0).live_orders, 0);
}

#[test]
fn an_auction_can_be_cancelled_by_its_seller_only_while_it_has_no_bid() {
    let mut m = market();
    m.s.mint_nft("alice", "a").unwrap();
    let id = m.auction("alice", "a", 10 * M, Asset::Mesi, 7).unwrap();
    m.bid_mesi("bob", id, 10 * M).unwrap();
    assert_eq!(
        err(m.exec("alice", &ExecuteMsg::CancelAuction { auction_id: id }, &[])),
        ContractError::AuctionHasBids
    );
    m.s.mint_nft("alice", "b").unwrap();
    let id2 = m.auction("alice", "b", 10 * M, Asset::Mesi, 7).unwrap();
    assert_eq!(
        err(m.exec("bob", &ExecuteMsg::CancelAuction { auction_id: id2 }, &[])),
        ContractError::Unauthorized
    );
    m.exec("alice", &ExecuteMsg::CancelAuction { auction_id: id2 }, &[])
        .unwrap();
    assert_eq!(m.s.nft_owner("b"), Some(m.addr("alice")));
}

// ---------------------------------------------------------------- offers

#[test]
fn an_offer_is_escrowed_at_once_and_a_rejection_makes_it_claimable() {
    let mut m = market();
    m.s.mint_nft("alice", "a").unwrap();
    let id = m.offer_mesi("bob", "a", 30 * M, DAY).unwrap();
    assert_eq!(m.s.mesi_balance(&m.mp), 30 * M);
    assert_eq!(
        err(m.exec("dan", &ExecuteMsg::RejectOffer { offer_id: id }, &[])),
        ContractError::Unauthorized
    );
    m.exec("alice", &ExecuteMsg::RejectOffer { offer_id: id }, &[])
        .unwrap();
    assert_eq!(m.claimable("bob"), (30 * M, 0));
}

#[test]
fn the_owner_accepts_an_offer_on_an_unlisted_token_by_sending_it() {
    let mut m = market();
    m.s.mint_nft("alice", "a").unwrap();
    let id = m.offer_mesi("bob", "a", 30 * M, DAY).unwrap();
    let res = m
        .send_nft("alice", "a", &NftMsg::AcceptOffer { offer_id: id })
        .unwrap();
    let sid = mesi_testing::attr_u64(&res, "settlement_id");
    let s = m.settlement(sid);
    assert_eq!(
        (s.seller, s.buyer, s.kind),
        (m.addr("alice"), m.addr("bob"), FillKind::Offer)
    );
    assert_eq!(
        m.fits("alice", 0).live_orders,
        0,
        "an accepted offer is not a live order"
    );
    m.s.advance(2 * DAY);
    m.finalize("alice", sid).unwrap();
    assert_eq!(m.s.nft_owner("a"), Some(m.addr("bob")));
    assert_eq!(m.claimable("alice"), (27 * M, 0));
}

#[test]
fn the_seller_of_a_listed_token_accepts_an_offer_and_the_listing_ends() {
    let mut m = market();
    let lid = m.mint_and_list("alice", "a", 50 * M, Asset::Mesi);
    let id = m.offer_mesi("bob", "a", 40 * M, DAY).unwrap();
    assert_eq!(
        err(m.exec("dan", &ExecuteMsg::AcceptOffer { offer_id: id }, &[])),
        ContractError::Unauthorized
    );
    m.exec("alice", &ExecuteMsg::AcceptOffer { offer_id: id }, &[])
        .unwrap();
    assert!(m
        .s
        .app
        .wrap()
        .query_wasm_smart::<mesi_types::marketplace::ListingResponse>(
            &m.mp,
            &QueryMsg::Listing { listing_id: lid }
        )
        .is_err());
    assert_eq!(m.fits("alice", 0).live_orders, 0);
}

#[test]
fn a_counter_tops_up_or_returns_the_difference_when_the_offerer_accepts_it() {
    let mut m = market();
    m.s.mint_nft("alice", "a").unwrap();
    let id = m.offer_mesi("bob", "a", 30 * M, DAY).unwrap();
    m.exec(
        "alice",
        &ExecuteMsg::CounterOffer {
            offer_id: id,
            amount: Uint128::new(35 * M),
        },
        &[],
    )
    .unwrap();
    assert_eq!(m.offer(id).version, 1);
    assert_eq!(
        err(m.send_mesi(
            "bob",
            4 * M,
            &mesi_types::marketplace::TokenMsg::AcceptCounter {
                offer_id: id,
                version: 1
            }
        )),
        ContractError::WrongAmount {
            paid: Uint128::new(4 * M),
            needed: Uint128::new(5 * M)
        }
    );
    m.send_mesi(
        "bob",
        5 * M,
        &mesi_types::marketplace::TokenMsg::AcceptCounter {
            offer_id: id,
            version: 1,
        },
    )
    .unwrap();
    assert_eq!(m.offer(id).amount, Uint128::new(35 * M));
    // A lower counter: the difference comes back as claimable.
    m.exec(
        "alice",
        &ExecuteMsg::CounterOffer {
            offer_id: id,
            amount: Uint128::new(32 * M),
        },
        &[],
    )
    .unwrap();
    m.exec(
        "bob",
        &ExecuteMsg::AcceptCounter {
            offer_id: id,
            version: 2,
        },
        &[],
    )
    .unwrap();
    assert_eq!(m.offer(id).amount, Uint128::new(32 * M));
    assert_eq!(m.claimable("bob"), (3 * M, 0));
    assert_eq!(m.s.mesi_balance(&m.mp), 35 * M);
}

#[test]
fn accepting_a_counter_on_a_listed_token_fills_the_sale_at_once() {
    let mut m = market();
    m.mint_and_list("alice", "a", 50 * M, Asset::Mesi);
    let id = m.offer_mesi("bob", "a", 30 * M, DAY).unwrap();
    m.exec(
        "alice",
        &ExecuteMsg::CounterOffer {
            offer_id: id,
            amount: Uint128::new(40 * M),
        },
        &[],
    )
    .unwrap();
    let res = m
        .send_mesi(
            "bob",
            10 * M,
            &mesi_types::marketplace::TokenMsg::AcceptCounter {
                offer_id: id,
                version: 1,
            },
        )
        .unwrap();
    let sid = mesi_testing::attr_u64(&res, "settlement_id");
    assert_eq!(m.settlement(sid).price, Uint128::new(40 * M));
    assert_eq!(m.fits("alice", 0).live_orders, 0);
}

#[test]
fn expired_offers_are_refused_and_prune_returns_their_escrow() {
    let mut m = market();
    m.s.mint_nft("alice", "a").unwrap();
    let id = m.offer_mesi("bob", "a", 30 * M, HOUR).unwrap();
    let expires = m.offer(id).expires;
    m.s.set_time(expires);
    assert_eq!(
        err(m.send_nft("alice", "a", &NftMsg::AcceptOffer { offer_id: id })),
        ContractError::OfferExpired { expires }
    );
    assert_eq!(m.s.nft_owner("a"), Some(m.addr("alice")));
    m.exec("dan", &ExecuteMsg::Prune { limit: 1 }, &[]).unwrap();
    assert_eq!(m.claimable("bob"), (30 * M, 0));
}

// ---------------------------------------------------------------- withdraw, sync, config

#[test]
fn withdraw_pays_only_what_is_claimable_and_only_once() {
    let mut m = market();
    assert_eq!(
        err(m.withdraw("bob", Asset::Mesi)),
        ContractError::NothingToWithdraw
    );
    m.s.mint_nft("alice", "a").unwrap();
    let id = m.offer_mesi("bob", "a", 30 * M, DAY).unwrap();
    m.exec("bob", &ExecuteMsg::CancelOffer { offer_id: id }, &[])
        .unwrap();
    let before = m.mesi("bob");
    m.withdraw("bob", Asset::Mesi).unwrap();
    assert_eq!(m.mesi("bob") - before, 30 * M);
    assert_eq!(
        err(m.withdraw("bob", Asset::Mesi)),
        ContractError::NothingToWithdraw
    );
}

#[test]
fn sync_cancels_an_auction_whose_token_the_arbiter_moved_and_returns_the_bid() {
    let mut m = market();
    m.s.mint_nft("alice", "a").unwrap();
    let id = m.auction("alice", "a", 10 * M, Asset::Mesi, 7).unwrap();
    m.bid_mesi("bob", id, 10 * M).unwrap();
    assert_eq!(
        err(m.exec(
            "dan",
            &ExecuteMsg::Sync {
                token_id: "a".into()
            },
            &[]
        )),
        ContractError::StillInEscrow {
            token_id: "a".into()
        }
    );
    m.s.arbiter_resolve("a", mesi_types::gallery::ResolveOutcome::Burn)
        .unwrap();
    assert_eq!(
        err(m.bid_mesi("dan", id, 20 * M)),
        ContractError::TokenLeftEscrow {
            token_id: "a".into()
        }
    );
    m.exec(
        "dan",
        &ExecuteMsg::Sync {
            token_id: "a".into(),
        },
        &[],
    )
    .unwrap();
    assert_eq!(m.claimable("bob"), (10 * M, 0));
    assert_eq!(m.fits("alice", 0).live_orders, 0);
}

#[test]
fn sync_cancels_a_settlement_whose_token_the_arbiter_moved_and_refunds_the_buyer() {
    let mut m = market();
    let id = m.mint_and_list("alice", "a", 10 * M, Asset::Native);
    let sid = m.buy_native("bob", id, 10 * M).unwrap();
    let dan = m.addr("dan").to_string();
    m.s.arbiter_resolve(
        "a",
        mesi_types::gallery::ResolveOutcome::TransferTo { address: dan },
    )
    .unwrap();
    m.s.advance(2 * DAY);
    assert_eq!(
        err(m.finalize("bob", sid)),
        ContractError::TokenLeftEscrow {
            token_id: "a".into()
        }
    );
    m.exec(
        "bob",
        &ExecuteMsg::Sync {
            token_id: "a".into(),
        },
        &[],
    )
    .unwrap();
    assert_eq!(m.claimable("bob"), (0, 10 * M));
}

#[test]
fn config_bounds_are_validated_at_instantiate_and_on_update_by_the_owner_only() {
    let mut m = market();
    let bad = |f: &str| ContractError::InvalidConfig {
        field: f.to_string(),
        reason: String::new(),
    };
    let field = |e: ContractError| match e {
        ContractError::InvalidConfig { field, .. } => bad(&field),
        e => e,
    };
    for (u, f) in [
        (
            ConfigUpdate {
                commission_bps: Some(5_001),
                ..Default::default()
            },
            "commission_bps",
        ),
        (
            ConfigUpdate {
                compliance_window: Some(0),
                ..Default::default()
            },
            "compliance_window",
        ),
        (
            ConfigUpdate {
                day_seconds: Some(86_401),
                ..Default::default()
            },
            "day_seconds",
        ),
        (
            ConfigUpdate {
                min_increment_bps: Some(0),
                ..Default::default()
            },
            "min_increment_bps",
        ),
        (
            ConfigUpdate {
                anti_snipe_window: Some(0),
                ..Default::default()
            },
            "anti_snipe_window",
        ),
        (
            ConfigUpdate {
                tier_limits: Some(vec![TierLimit {
                    max_orders: None,
                    max_price_usd: None,
                    max_auction_days: 6,
                }]),
                ..Default::default()
            },
            "tier_limits[0].max_auction_days",
        ),
        (
            ConfigUpdate {
                tier_limits: Some(vec![]),
                ..Default::default()
            },
            "tier_limits",
        ),
        // Issue 19: a higher tier never allows less than the one before (orders, price, days).
        (
            ConfigUpdate {
                tier_limits: Some(vec![
                    TierLimit {
                        max_orders: Some(3),
                        max_price_usd: Some(Uint128::new(200 * USD)),
                        max_auction_days: 7,
                    },
                    TierLimit {
                        max_orders: Some(10),
                        max_price_usd: Some(Uint128::new(100 * USD)),
                        max_auction_days: 7,
                    },
                ]),
                ..Default::default()
            },
            "tier_limits[1]",
        ),
        (
            ConfigUpdate {
                tier_limits: Some(vec![
                    TierLimit {
                        max_orders: None,
                        max_price_usd: None,
                        max_auction_days: 7,
                    },
                    TierLimit {
                        max_orders: Some(10),
                        max_price_usd: None,
                        max_auction_days: 7,
                    },
                ]),
                ..Default::default()
            },
            "tier_limits[1]",
        ),
        (
            ConfigUpdate {
                tier_limits: Some(vec![
                    TierLimit {
                        max_orders: None,
                        max_price_usd: None,
                        max_auction_days: 14,
                    },
                    TierLimit {
                        max_orders: None,
                        max_price_usd: None,
                        max_auction_days: 7,
                    },
                ]),
                ..Default::default()
            },
            "tier_limits[1]",
        ),
    ] {
        assert_eq!(field(err(m.update_config(u))), bad(f));
    }
    assert!(matches!(
        err(m.exec(
            "bob",
            &ExecuteMsg::UpdateConfig(ConfigUpdate::default()),
            &[]
        )),
        ContractError::Ownership(_)
    ));
    // The devnet shortens days: one "day" of 10 s makes a 7-day auction 70 s long.
    m.update_config(ConfigUpdate {
        day_seconds: Some(10),
        compliance_window: Some(30),
        ..Default::default()
    })
    .unwrap();
    m.s.mint_nft("alice", "a").unwrap();
    let id = m.auction("alice", "a", 10 * M, Asset::Mesi, 7).unwrap();
    assert_eq!(m.auction_of(id).end, m.s.now() + 70);
    let mp = m.s.app.wrap().query_wasm_contract_info(&m.mp).unwrap();
    let mut s = mesi_testing::SuiteBuilder::new().build();
    let mut msg = default_msg();
    msg.gallery = s.gallery.to_string();
    msg.token = s.token.to_string();
    msg.treasury = s.treasury.to_string();
    msg.arbiter = s.arbiter.to_string();
    msg.native_denom = "u".into();
    let e = s
        .instantiate(marketplace_contract(), &msg, "bad")
        .unwrap_err();
    assert_eq!(
        field(e.downcast::<ContractError>().unwrap()),
        bad("native_denom")
    );
    assert!(mp.code_id > 0);
}

#[test]
fn listings_by_price_are_cheapest_first_per_asset_and_paginate() {
    let mut m = market();
    m.mint_and_list("carla", "a", 30 * M, Asset::Mesi);
    m.mint_and_list("carla", "b", 10 * M, Asset::Mesi);
    m.mint_and_list("carla", "c", 20 * USD, Asset::Native);
    m.mint_and_list("carla", "d", 20 * M, Asset::Mesi);
    let page = |m: &Market, start_after| -> Vec<String> {
        let r: ListingsResponse = m.q(&QueryMsg::ListingsByPrice {
            asset: Asset::Mesi,
            start_after,
            limit: Some(2),
        });
        r.listings.into_iter().map(|l| l.token_id).collect()
    };
    assert_eq!(page(&m, None), vec!["b", "d"]);
    let r: ListingsResponse = m.q(&QueryMsg::ListingsByPrice {
        asset: Asset::Mesi,
        start_after: None,
        limit: Some(2),
    });
    let last = r.listings.last().unwrap();
    assert_eq!(page(&m, Some((last.price, last.listing_id))), vec!["a"]);
    let r: ListingsResponse = m.q(&QueryMsg::ListingsBySeller {
        seller: m.addr("carla").to_string(),
        start_after: None,
        limit: None,
    });
    assert_eq!(r.listings.len(), 4);
}

#[test]
fn native_orders_take_exactly_the_native_denom_and_nothing_else() {
    let mut m = market();
    let id = m.mint_and_list("alice", "a", 10 * USD, Asset::Native);
    let mixed = vec![
        cosmwasm_std::coin(10 * USD, NATIVE),
        cosmwasm_std::coin(1, "ustake"),
    ];
    assert!(matches!(
        err(m.exec(
            "bob",
            &ExecuteMsg::Buy {
                listing_id: id,
                max_price: Uint128::new(10 * USD)
            },
            &mixed
        )),
        ContractError::Payment(_)
    ));
    assert!(matches!(
        err(m.exec(
            "bob",
            &ExecuteMsg::Buy {
                listing_id: id,
                max_price: Uint128::new(10 * USD)
            },
            &coins(1_000, "ustake")
        )),
        ContractError::Payment(_)
    ));
    assert!(matches!(
        err(m.exec(
            "bob",
            &ExecuteMsg::CancelListing { listing_id: id },
            &coins(1, NATIVE)
        )),
        ContractError::Payment(_)
    ));
    assert_eq!(
        err(m.buy_native("bob", id, 10 * USD - 1)),
        ContractError::PriceChanged {
            agreed: Uint128::new(10 * USD - 1),
            current: Uint128::new(10 * USD)
        }
    );
    assert_eq!(
        err(m.exec(
            "bob",
            &ExecuteMsg::Buy {
                listing_id: id,
                max_price: Uint128::new(10 * USD)
            },
            &coins(9 * USD, NATIVE)
        )),
        ContractError::WrongAmount {
            paid: Uint128::new(9 * USD),
            needed: Uint128::new(10 * USD)
        }
    );
    assert_eq!(
        err(m.buy_mesi("bob", id, 10 * USD)),
        ContractError::WrongAsset {
            expected: Asset::Native,
            got: Asset::Mesi
        }
    );
}

// ---------------------------------------------------------------- the gallery's view (issue 14)

fn gallery_item(m: &Market, creator: &str, token_id: &str) -> mesi_types::gallery::GalleryItem {
    let r: mesi_types::gallery::GalleryResponse =
        m.s.app
            .wrap()
            .query_wasm_smart(
                &m.s.gallery,
                &mesi_types::gallery::QueryMsg::Gallery {
                    creator: m.addr(creator).to_string(),
                    filter: None,
                    start_after: None,
                    limit: None,
                },
            )
            .unwrap();
    r.items
        .into_iter()
        .find(|i| i.token_id == token_id)
        .unwrap()
}

#[test]
fn an_escrowed_token_shows_as_listed_by_its_seller_not_sold_until_the_sale_is_final() {
    let mut m = market();
    let id = m.mint_and_list("alice", "a", 10 * M, Asset::Mesi);
    let item = gallery_item(&m, "alice", "a");
    assert_eq!(
        (item.owner, item.listed_by, item.sold),
        (m.mp.to_string(), Some(m.addr("alice").to_string()), false)
    );
    // The creator's "unsold" rights follow the real seller: PPV may be switched off and back on.
    let gallery = m.s.gallery.clone();
    let ppv = |enabled| mesi_types::gallery::ExecuteMsg::SetPayPerView {
        token_id: "a".into(),
        enabled,
    };
    m.s.exec("alice", &gallery, &ppv(false), &[]).unwrap();
    m.s.exec("alice", &gallery, &ppv(true), &[]).unwrap();
    let sid = m.buy_mesi("bob", id, 10 * M).unwrap();
    assert!(
        !gallery_item(&m, "alice", "a").sold,
        "inside the compliance window the sale is not final"
    );
    m.s.advance(2 * DAY);
    m.finalize("bob", sid).unwrap();
    let item = gallery_item(&m, "alice", "a");
    assert_eq!(
        (item.owner, item.listed_by, item.sold),
        (m.addr("bob").to_string(), None, true)
    );
    m.s.exec("alice", &gallery, &ppv(false), &[]).unwrap();
    assert!(
        m.s.exec("alice", &gallery, &ppv(true), &[]).is_err(),
        "no PPV back on once sold"
    );
}

#[test]
fn a_token_a_buyer_relists_shows_as_sold_and_a_cancelled_listing_as_unsold() {
    let mut m = market();
    let id = m.mint_and_list("alice", "a", 10 * M, Asset::Mesi);
    m.exec("alice", &ExecuteMsg::CancelListing { listing_id: id }, &[])
        .unwrap();
    let item = gallery_item(&m, "alice", "a");
    assert_eq!((item.listed_by, item.sold), (None, false));
    let gallery = m.s.gallery.clone();
    let bob = m.addr("bob").to_string();
    m.s.exec(
        "alice",
        &gallery,
        &mesi_types::gallery::ExecuteMsg::TransferNft {
            recipient: bob,
            token_id: "a".into(),
        },
        &[],
    )
    .unwrap();
    m.list("bob", "a", 10 * M, Asset::Mesi).unwrap();
    let item = gallery_item(&m, "alice", "a");
    assert_eq!(
        (item.listed_by, item.sold),
        (Some(m.addr("bob").to_string()), true)
    );
}

#[test]
fn the_tokens_unlock_is_refused_while_live_orders_exceed_the_lower_creator_tier() {
    let mut m = market();
    m.s.lock("erin", 500 * M).unwrap(); // creator tier 1: 10 live orders
    for i in 0..4 {
        m.mint_and_list("erin", &format!("e{i}"), 10 * M, Asset::Mesi);
    }
    // Unlocking everything would leave creator tier 0 (3 orders): refused, naming count and limit.
    assert_eq!(
        unlock_err(m.s.unlock("erin", 500 * M)),
        TokenError::LiveOrdersExceedTier {
            live_orders: 4,
            limit: Some(3),
            tier: 0,
            exceeds: TierLimitKind::Orders,
        }
    );
    assert_eq!(m.s.tier("erin").locked.u128(), 500 * M);
    // With one order ended the orders fit tier 0 and the unlock goes through.
    m.exec("erin", &ExecuteMsg::CancelListing { listing_id: 1 }, &[])
        .unwrap();
    m.s.unlock("erin", 500 * M).unwrap();
}

#[test]
fn only_the_owner_lists_a_token_so_the_seller_is_the_owner() {
    let mut m = market();
    m.s.mint_nft("alice", "a").unwrap();
    let gallery = m.s.gallery.clone();
    let dan = m.addr("dan").to_string();
    m.s.exec(
        "alice",
        &gallery,
        &mesi_types::gallery::ExecuteMsg::ApproveAll {
            operator: dan,
            expires: None,
        },
        &[],
    )
    .unwrap();
    // An operator may transfer the token (cw721) but not list it in the marketplace in the owner's place.
    let e = m.list("dan", "a", 10 * M, Asset::Mesi).unwrap_err();
    assert_eq!(
        e.downcast::<mesi_gallery::error::ContractError>().unwrap(),
        mesi_gallery::error::ContractError::MarketplaceOwnerOnly {
            token_id: "a".into()
        }
    );
    assert_eq!(m.s.nft_owner("a"), Some(m.addr("alice")));
}

// ---------------------------------------------------------------- issue 19: tiers and pending unlocks

/// Issue 19 fault 2 (SPEC §3 "While an unlock is pending"): erin locks 500 MESI (creator tier 1:
/// 10 live orders, USD 200 each) and, with no live orders, unlocks all of it (released in 7 days).
/// During the delay every new order and every price she names is judged by creator tier 0 (3 live
/// orders, USD 100), the tier of the lock that remains after the unlock.
#[test]
fn a_new_order_during_a_pending_unlock_is_judged_by_the_tier_that_remains() {
    let mut m = market();
    m.s.lock("erin", 500 * M).unwrap();
    m.s.unlock("erin", 500 * M).unwrap();
    let t = m.s.tier("erin");
    assert_eq!(
        (t.creator_tier, t.creator_tier_after_unlock, t.locked.u128()),
        (1, 0, 500 * M)
    );
    let above = |price: u128| ContractError::PriceAboveTierMax {
        tier: 0,
        price: Uint128::new(price),
        max: Uint128::new(100 * M),
    };
    // 10 tokens at USD 150 (150 MESI at USD 1 per MESI): every listing refused.
    for i in 0..10 {
        let token = format!("e{i}");
        m.s.mint_nft("erin", &token).unwrap();
        assert_eq!(
            err(m.list("erin", &token, 150 * M, Asset::Mesi)),
            above(150 * M)
        );
    }
    assert_eq!(
        err(m.list("erin", "e0", 150 * USD, Asset::Native)),
        above(150 * USD)
    );
    assert_eq!(
        err(m.auction("erin", "e0", 150 * M, Asset::Mesi, 7)),
        above(150 * M)
    );
    // At USD 100: three listings, the 4th refused (tier 0 allows 3 live orders).
    let ids: Vec<u64> = (0..3)
        .map(|i| {
            m.list("erin", &format!("e{i}"), 100 * M, Asset::Mesi)
                .unwrap()
        })
        .collect();
    assert_eq!(
        err(m.list("erin", "e3", 100 * M, Asset::Mesi)),
        ContractError::TooManyOrders {
            tier: 0,
            live: 3,
            limit: 3
        }
    );
    // A price she names on a live listing follows the same tier.
    assert_eq!(
        err(m.exec(
            "erin",
            &ExecuteMsg::UpdatePrice {
                listing_id: ids[0],
                price: Uint128::new(150 * M)
            },
            &[]
        )),
        above(150 * M)
    );
    // After the release: nothing locked, creator tier 0, and the 3 live orders fit it.
    m.s.advance(7 * DAY);
    let t = m.s.tier("erin");
    assert_eq!(
        (t.creator_tier, t.creator_tier_after_unlock, t.locked.u128()),
        (0, 0, 0)
    );
    let f = m.fits("erin", 0);
    assert_eq!((f.fits, f.live_orders, f.limit), (true, 3, Some(3)));
}

/// Issue 19 fault 5 (SPEC §3 "Fit": list, update, counter, reserve, every price a seller names passes
/// the same check): alice (creator tier 0, USD 100 maximum) lists at 100 MESI; a counter-offer at
/// 5,000 MESI is refused exactly as `update_price` to 5,000 MESI is, listed or not, and nothing fills.
#[test]
fn a_counter_offer_passes_the_same_price_check_as_a_listing() {
    let mut m = market();
    let lid = m.mint_and_list("alice", "a", 100 * M, Asset::Mesi);
    let oid = m.offer_mesi("bob", "a", 30 * M, DAY).unwrap();
    let above = ContractError::PriceAboveTierMax {
        tier: 0,
        price: Uint128::new(5_000 * M),
        max: Uint128::new(100 * M),
    };
    assert_eq!(
        err(m.exec(
            "alice",
            &ExecuteMsg::UpdatePrice {
                listing_id: lid,
                price: Uint128::new(5_000 * M)
            },
            &[]
        )),
        above
    );
    let counter = |m: &mut Market, who: &str, offer_id: u64, amount: u128| {
        m.exec(
            who,
            &ExecuteMsg::CounterOffer {
                offer_id,
                amount: Uint128::new(amount),
            },
            &[],
        )
    };
    assert_eq!(err(counter(&mut m, "alice", oid, 5_000 * M)), above);
    let o = m.offer(oid);
    assert_eq!(
        (o.version, o.counter),
        (0, None),
        "a refused counter moves nothing"
    );
    // bob cannot fill at 5,000 MESI: there is no counter to accept.
    assert_eq!(
        err(m.send_mesi(
            "bob",
            4_970 * M,
            &mesi_types::marketplace::TokenMsg::AcceptCounter {
                offer_id: oid,
                version: 1
            }
        )),
        ContractError::NoCounter
    );
    assert_eq!(m.listing(lid).price, Uint128::new(100 * M));
    // The same check on a token its owner holds (not listed).
    m.s.mint_nft("alice", "b").unwrap();
    let nid = m.offer_mesi("bob", "b", 30 * M, DAY).unwrap();
    assert_eq!(err(counter(&mut m, "alice", nid, 5_000 * M)), above);
    // At the tier's maximum the counter stands and fills.
    counter(&mut m, "alice", oid, 100 * M).unwrap();
    let res = m
        .send_mesi(
            "bob",
            70 * M,
            &mesi_types::marketplace::TokenMsg::AcceptCounter {
                offer_id: oid,
                version: 1,
            },
        )
        .unwrap();
    let sid = mesi_testing::attr_u64(&res, "settlement_id");
    assert_eq!(m.settlement(sid).price, Uint128::new(100 * M));
    // During a pending unlock a counter follows the tier that remains: erin (500 locked, all of it
    // unlocking) counters at USD 150 and is refused at tier 0.
    m.s.lock("erin", 500 * M).unwrap();
    m.s.mint_nft("erin", "e").unwrap();
    let eid = m.offer_mesi("bob", "e", 30 * M, DAY).unwrap();
    counter(&mut m, "erin", eid, 150 * M).unwrap();
    m.s.unlock("erin", 500 * M).unwrap();
    assert_eq!(
        err(counter(&mut m, "erin", eid, 160 * M)),
        ContractError::PriceAboveTierMax {
            tier: 0,
            price: Uint128::new(160 * M),
            max: Uint128::new(100 * M),
        }
    );
}

/// The token's typed `unlock` error.
fn unlock_err(r: cw_multi_test::error::AnyResult<cw_multi_test::AppResponse>) -> TokenError {
    mesi_testing::typed_err::<TokenError>(r)
}

/// Issue 19 fault 4 (SPEC §3 "Fit" is all three limits): erin (500 locked, creator tier 1, USD 200)
/// has one live listing at USD 200; unlocking to creator tier 0 (USD 100) is refused, naming the
/// price, until the price fits the lower tier. Prices are judged as of their creation (MESI at the
/// treasury price then).
#[test]
fn unlock_is_refused_while_a_live_price_exceeds_the_lower_tier() {
    let mut m = market();
    m.s.lock("erin", 500 * M).unwrap();
    let id = m.mint_and_list("erin", "e", 200 * M, Asset::Mesi);
    let f = m.fits("erin", 0);
    assert_eq!(
        (f.fits, f.live_orders, f.exceeds, f.price_tier),
        (false, 1, Some(TierLimitKind::Price), 1)
    );
    assert!(m.fits("erin", 1).fits);
    let refused = TokenError::LiveOrdersExceedTier {
        live_orders: 1,
        limit: Some(3),
        tier: 0,
        exceeds: TierLimitKind::Price,
    };
    assert_eq!(unlock_err(m.s.unlock("erin", 500 * M)), refused);
    let t = m.s.tier("erin");
    assert_eq!(
        (t.locked.u128(), t.creator_tier_after_unlock),
        (500 * M, 1),
        "a refused unlock changes nothing"
    );
    // A later, lower MESI price does not change what the listing needed when it was made.
    m.s.post_price(cosmwasm_std::Decimal::percent(50));
    assert_eq!(unlock_err(m.s.unlock("erin", 500 * M)), refused);
    m.s.post_price(cosmwasm_std::Decimal::one());
    // The same for a reserve in the native stablecoin.
    m.exec("erin", &ExecuteMsg::CancelListing { listing_id: id }, &[])
        .unwrap();
    let aid = m.auction("erin", "e", 200 * USD, Asset::Native, 7).unwrap();
    assert_eq!(unlock_err(m.s.unlock("erin", 500 * M)), refused);
    m.exec("erin", &ExecuteMsg::CancelAuction { auction_id: aid }, &[])
        .unwrap();
    // At USD 100 the listing fits tier 0; a price lowered by `update_price` counts too.
    let id = m.list("erin", "e", 200 * M, Asset::Mesi).unwrap();
    m.exec(
        "erin",
        &ExecuteMsg::UpdatePrice {
            listing_id: id,
            price: Uint128::new(100 * M),
        },
        &[],
    )
    .unwrap();
    let f = m.fits("erin", 0);
    assert_eq!((f.fits, f.exceeds, f.price_tier), (true, None, 0));
    m.s.unlock("erin", 500 * M).unwrap();
}

/// Issue 19 fault 4: carla (1,000 locked, creator tier 2: auctions up to 14 days) runs a 14-day
/// auction; unlocking 500 (creator tier 1: 7 days) is refused, naming the auction days, until no
/// live auction is longer than tier 1 allows.
#[test]
fn unlock_is_refused_while_an_auction_is_longer_than_the_lower_tier_allows() {
    let mut m = market();
    m.s.mint_nft("carla", "c").unwrap();
    let id = m.auction("carla", "c", 10 * M, Asset::Mesi, 14).unwrap();
    let f = m.fits("carla", 1);
    assert_eq!(
        (f.fits, f.exceeds, f.auction_days_tier, f.price_tier),
        (false, Some(TierLimitKind::AuctionDays), 2, 0)
    );
    assert!(m.fits("carla", 2).fits);
    assert_eq!(
        unlock_err(m.s.unlock("carla", 500 * M)),
        TokenError::LiveOrdersExceedTier {
            live_orders: 1,
            limit: Some(10),
            tier: 1,
            exceeds: TierLimitKind::AuctionDays,
        }
    );
    assert_eq!(m.s.tier("carla").creator_tier_after_unlock, 2);
    // A 7-day auction fits tier 1: in place of the 14-day one, the unlock goes through.
    m.exec("carla", &ExecuteMsg::CancelAuction { auction_id: id }, &[])
        .unwrap();
    m.auction("carla", "c", 10 * M, Asset::Mesi, 7).unwrap();
    m.s.unlock("carla", 500 * M).unwrap();
    // While it is pending, a new auction follows tier 1.
    m.s.mint_nft("carla", "d").unwrap();
    assert_eq!(
        err(m.auction("carla", "d", 10 * M, Asset::Mesi, 14)),
        ContractError::InvalidAuctionDays {
            tier: 1,
            days: 14,
            min: 7,
            max: 7
        }
    );
}
