//! Adversarial cases (issue #14 "Proof"): each a named attack or misuse; a refused call moves nothing.

use cosmwasm_std::{to_json_binary, Uint128};
use cw20::Cw20ReceiveMsg;
use cw_multi_test::Executor;
use mesi_testing::{gallery_contract, M, USD};
use mesi_types::gallery::{Cw721ReceiveMsg, ResolveOutcome};
use mesi_types::marketplace::{Asset, ExecuteMsg, NftMsg, TokenMsg};

use super::suite::*;
use crate::error::ContractError;
use crate::helpers::min_next_bid;

#[test]
fn a_fake_cw20_hook_is_refused() {
    let mut m = market();
    let id = m.mint_and_list("alice", "a", 10 * M, Asset::Mesi);
    let fake = ExecuteMsg::Receive(Cw20ReceiveMsg {
        sender: m.addr("bob").to_string(),
        amount: Uint128::new(10 * M),
        msg: to_json_binary(&TokenMsg::Buy {
            listing_id: id,
            max_price: Uint128::new(10 * M),
        })
        .unwrap(),
    });
    assert_eq!(
        err(m.exec("bob", &fake, &[])),
        ContractError::WrongToken {
            sender: m.addr("bob").to_string()
        }
    );
    assert!(m.owner_is_market("a"));
    assert_eq!(m.listing(id).price, Uint128::new(10 * M));
}

#[test]
fn a_fake_receive_nft_from_another_cw721_is_refused() {
    let mut m = market();
    // A second collection with the same code: its send_nft reaches the marketplace and is refused.
    let mut msg = mesi_types::gallery::InstantiateMsg {
        name: "Fake".into(),
        symbol: "FAKE".into(),
        arbiter: m.s.arbiter.to_string(),
        pledge_denom: mesi_testing::NATIVE.into(),
        owner: None,
    };
    msg.owner = None;
    let fake = m.s.instantiate(gallery_contract(), &msg, "fake").unwrap();
    let gallery = m.s.gallery.clone();
    m.s.gallery = fake.clone();
    m.s.mint_nft("alice", "x").unwrap();
    let e = err(m.send_nft(
        "alice",
        "x",
        &NftMsg::List {
            price: Uint128::new(M),
            asset: Asset::Mesi,
            expires: None,
            reserved_for: None,
        },
    ));
    assert_eq!(
        e,
        ContractError::WrongCollection {
            sender: fake.to_string()
        }
    );
    m.s.gallery = gallery;
    // A hand-made hook from a wallet is refused the same way.
    let hook = ExecuteMsg::ReceiveNft(Cw721ReceiveMsg {
        sender: m.addr("bob").to_string(),
        token_id: "x".into(),
        msg: to_json_binary(&NftMsg::AcceptOffer { offer_id: 1 }).unwrap(),
    });
    assert_eq!(
        err(m.exec("bob", &hook, &[])),
        ContractError::WrongCollection {
            sender: m.addr("bob").to_string()
        }
    );
    assert_eq!(m.fits("alice", 0).live_orders, 0);
}

#[test]
fn a_seller_front_running_a_buyer_with_a_new_price_gets_no_fill() {
    let mut m = market();
    let id = m.mint_and_list("alice", "a", 10 * M, Asset::Mesi);
    // The seller raises the price while the buyer's transaction (agreed to 10) is in flight.
    m.exec(
        "alice",
        &ExecuteMsg::UpdatePrice {
            listing_id: id,
            price: Uint128::new(20 * M),
        },
        &[],
    )
    .unwrap();
    let before = m.mesi("bob");
    assert_eq!(
        err(m.buy_mesi("bob", id, 10 * M)),
        ContractError::PriceChanged {
            agreed: Uint128::new(10 * M),
            current: Uint128::new(20 * M)
        }
    );
    // Even a buyer who sends the new amount but names the old price is refused.
    assert!(matches!(
        err(m.send_mesi(
            "bob",
            20 * M,
            &TokenMsg::Buy {
                listing_id: id,
                max_price: Uint128::new(10 * M)
            }
        )),
        ContractError::PriceChanged { .. }
    ));
    assert_eq!(m.mesi("bob"), before);
    assert!(m.owner_is_market("a"));
    assert_eq!(
        err(m.exec(
            "bob",
            &ExecuteMsg::UpdatePrice {
                listing_id: id,
                price: Uint128::new(M)
            },
            &[]
        )),
        ContractError::Unauthorized
    );
}

#[test]
fn accepting_a_stale_counter_fails() {
    let mut m = market();
    m.s.mint_nft("alice", "a").unwrap();
    let id = m.offer_mesi("bob", "a", 30 * M, DAY).unwrap();
    assert_eq!(
        err(m.exec(
            "bob",
            &ExecuteMsg::AcceptCounter {
                offer_id: id,
                version: 0
            },
            &[]
        )),
        ContractError::NoCounter
    );
    m.exec(
        "alice",
        &ExecuteMsg::CounterOffer {
            offer_id: id,
            amount: Uint128::new(35 * M),
        },
        &[],
    )
    .unwrap();
    m.exec(
        "alice",
        &ExecuteMsg::CounterOffer {
            offer_id: id,
            amount: Uint128::new(45 * M),
        },
        &[],
    )
    .unwrap();
    assert_eq!(
        err(m.send_mesi(
            "bob",
            5 * M,
            &TokenMsg::AcceptCounter {
                offer_id: id,
                version: 1
            }
        )),
        ContractError::StaleCounter { got: 1, current: 2 }
    );
    assert_eq!(m.offer(id).amount, Uint128::new(30 * M));
    // Only the offerer accepts a counter; the same amount is not a counter.
    assert_eq!(
        err(m.exec(
            "dan",
            &ExecuteMsg::AcceptCounter {
                offer_id: id,
                version: 2
            },
            &[]
        )),
        ContractError::Unauthorized
    );
    assert_eq!(
        err(m.exec(
            "alice",
            &ExecuteMsg::CounterOffer {
                offer_id: id,
                amount: Uint128::new(45 * M)
            },
            &[]
        )),
        ContractError::CounterUnchanged
    );
}

#[test]
fn an_arbiter_moving_an_escrowed_token_makes_a_buy_fail_and_sync_cancels_the_listing() {
    let mut m = market();
    let id = m.mint_and_list("alice", "a", 10 * M, Asset::Mesi);
    let dan = m.addr("dan").to_string();
    m.s.arbiter_resolve("a", ResolveOutcome::TransferTo { address: dan })
        .unwrap();
    let before = m.mesi("bob");
    assert_eq!(
        err(m.buy_mesi("bob", id, 10 * M)),
        ContractError::TokenLeftEscrow {
            token_id: "a".into()
        }
    );
    assert_eq!(m.mesi("bob"), before);
    m.exec(
        "bob",
        &ExecuteMsg::Sync {
            token_id: "a".into(),
        },
        &[],
    )
    .unwrap();
    assert_eq!(m.fits("alice", 0).live_orders, 0);
    assert_eq!(
        err(m.exec(
            "bob",
            &ExecuteMsg::Sync {
                token_id: "a".into()
            },
            &[]
        )),
        ContractError::NotEscrowed {
            token_id: "a".into()
        }
    );
    assert_eq!(m.s.nft_owner("a"), Some(m.addr("dan")));
}

#[test]
fn a_seller_whose_tier_dropped_keeps_live_orders_but_new_orders_follow_the_new_tier() {
    let mut m = market();
    m.s.lock("erin", 500 * M).unwrap(); // creator tier 1: 10 orders
    let ids: Vec<u64> = (0..4)
        .map(|i| m.mint_and_list("erin", &format!("e{i}"), 10 * M, Asset::Mesi))
        .collect();
    // The token refuses an unlock that would not fit the live orders, so the tier falls another way:
    // the arbiter slashes the lock (SPEC §3: a tier that falls leaves live orders in place).
    let (arbiter, token, erin) = (
        m.s.arbiter.clone(),
        m.s.token.clone(),
        m.addr("erin").to_string(),
    );
    m.s.app
        .execute_contract(
            arbiter,
            token,
            &mesi_types::token::ExecuteMsg::Slash {
                address: erin,
                amount: Uint128::new(500 * M),
                recipients: None,
            },
            &[],
        )
        .unwrap();
    assert_eq!(m.s.tier("erin").creator_tier, 0);
    m.s.mint_nft("erin", "e4").unwrap();
    assert_eq!(
        err(m.list("erin", "e4", 10 * M, Asset::Mesi)),
        ContractError::TooManyOrders {
            tier: 0,
            live: 4,
            limit: 3
        }
    );
    m.buy_mesi("bob", ids[0], 10 * M).unwrap();
}

#[test]
fn a_refund_to_a_locked_account_is_claimable_and_withdrawable() {
    let mut m = market();
    let id = m.mint_and_list("alice", "a", 10 * M, Asset::Mesi);
    let sid = m.buy_mesi("bob", id, 10 * M).unwrap();
    let rest = m.mesi("bob");
    m.s.lock("bob", rest).unwrap(); // everything bob holds is locked
    m.refund(sid).unwrap();
    assert_eq!(m.claimable("bob"), (10 * M, 0));
    m.withdraw("bob", Asset::Mesi).unwrap();
    assert_eq!(m.mesi("bob"), rest + 10 * M);
}

#[test]
fn a_refund_after_the_window_fails() {
    let mut m = market();
    let id = m.mint_and_list("alice", "a", 10 * M, Asset::Mesi);
    let sid = m.buy_mesi("bob", id, 10 * M).unwrap();
    let release_at = m.settlement(sid).release_at;
    m.s.set_time(release_at);
    assert_eq!(
        err(m.refund(sid)),
        ContractError::WindowClosed { release_at }
    );
    assert!(m.owner_is_market("a"));
}

#[test]
fn a_double_finalize_fails_and_pays_nothing_twice() {
    let mut m = market();
    let id = m.mint_and_list("alice", "a", 10 * M, Asset::Mesi);
    let sid = m.buy_mesi("bob", id, 10 * M).unwrap();
    m.s.advance(2 * DAY);
    m.finalize("dan", sid).unwrap();
    let treasury = m.s.mesi_balance(&m.s.treasury);
    assert_eq!(
        err(m.finalize("dan", sid)),
        ContractError::SettlementNotFound { id: sid }
    );
    assert_eq!(
        err(m.refund(sid)),
        ContractError::SettlementNotFound { id: sid }
    );
    assert_eq!(m.s.mesi_balance(&m.s.treasury), treasury);
    assert_eq!(m.claimable("alice"), (9 * M, 0));
}

#[test]
fn a_bid_on_an_ended_auction_fails() {
    let mut m = market();
    m.s.mint_nft("alice", "a").unwrap();
    let id = m.auction("alice", "a", 10 * M, Asset::Mesi, 7).unwrap();
    let end = m.auction_of(id).end;
    m.s.set_time(end);
    assert_eq!(
        err(m.bid_mesi("bob", id, 10 * M)),
        ContractError::AuctionEnded { end }
    );
    m.settle("bob", id).unwrap();
    assert_eq!(
        err(m.bid_mesi("bob", id, 10 * M)),
        ContractError::AuctionNotFound { id }
    );
}

#[test]
fn a_bid_by_the_seller_fails() {
    let mut m = market();
    m.s.mint_nft("carla", "a").unwrap();
    let id = m.auction("carla", "a", 10 * M, Asset::Mesi, 7).unwrap();
    assert_eq!(
        err(m.bid_mesi("carla", id, 10 * M)),
        ContractError::SelfTrade
    );
    let lid = m.mint_and_list("carla", "b", 10 * M, Asset::Mesi);
    assert_eq!(
        err(m.buy_mesi("carla", lid, 10 * M)),
        ContractError::SelfTrade
    );
    assert_eq!(
        err(m.offer_mesi("carla", "b", 10 * M, DAY)),
        ContractError::SelfTrade
    );
}

#[test]
fn wrong_asset_zero_amounts_and_bad_addresses_are_typed_errors() {
    let mut m = market();
    m.s.mint_nft("alice", "a").unwrap();
    assert_eq!(
        err(m.list("alice", "a", 0, Asset::Mesi)),
        ContractError::ZeroAmount
    );
    assert_eq!(
        err(m.auction("alice", "a", 0, Asset::Mesi, 7)),
        ContractError::ZeroAmount
    );
    let upper = m.addr("dan").to_string().to_uppercase();
    assert!(matches!(
        err(m.send_nft(
            "alice",
            "a",
            &NftMsg::List {
                price: Uint128::new(M),
                asset: Asset::Mesi,
                expires: None,
                reserved_for: Some(upper)
            }
        )),
        ContractError::Std(_)
    ));
    let now = m.s.now();
    assert_eq!(
        err(m.list_with("alice", "a", M, Asset::Mesi, Some(now), None)),
        ContractError::InvalidExpiry { expires: now, now }
    );
    let id = m.auction("alice", "a", 10 * USD, Asset::Native, 7).unwrap();
    assert_eq!(
        err(m.bid_mesi("bob", id, 10 * USD)),
        ContractError::WrongAsset {
            expected: Asset::Native,
            got: Asset::Mesi
        }
    );
    assert_eq!(
        err(m.buy_mesi("bob", 999, M)),
        ContractError::ListingNotFound { id: 999 }
    );
    assert_eq!(
        err(m.offer_mesi("bob", "no-such-token", M, DAY)),
        ContractError::TokenNotFound {
            token_id: "no-such-token".into()
        }
    );
    assert_eq!(
        err(m.exec("bob", &ExecuteMsg::Prune { limit: 0 }, &[])),
        ContractError::InvalidLimit { max: 30 }
    );
    assert_eq!(
        err(m.exec("bob", &ExecuteMsg::Prune { limit: 31 }, &[])),
        ContractError::InvalidLimit { max: 30 }
    );
}

#[test]
fn the_largest_bid_cannot_overflow_the_next_minimum() {
    assert!(matches!(
        min_next_bid(Uint128::one(), Some(Uint128::MAX), 500),
        Err(ContractError::Overflow(_))
    ));
    assert_eq!(
        min_next_bid(Uint128::one(), Some(Uint128::one()), 1).unwrap(),
        Uint128::new(2)
    );
}

#[test]
fn migrate_refuses_another_contracts_state() {
    let mut m = market();
    let code = m.s.app.store_code(marketplace_contract());
    let owner = m.s.owner.clone();
    let gallery = m.s.gallery.clone();
    let e =
        m.s.app
            .migrate_contract(
                owner.clone(),
                gallery,
                &mesi_types::marketplace::MigrateMsg {},
                code,
            )
            .unwrap_err();
    assert!(matches!(
        e.downcast::<ContractError>().unwrap(),
        ContractError::Migrate(_)
    ));
    let mp = m.mp.clone();
    m.s.app
        .migrate_contract(owner, mp, &mesi_types::marketplace::MigrateMsg {}, code)
        .unwrap();
}

#[test]
fn a_counter_by_a_previous_owner_never_fills_a_new_owners_listing() {
    let mut m = market();
    m.s.mint_nft("alice", "a").unwrap();
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
    // alice gives the token to carla, who lists it at 90.
    let gallery = m.s.gallery.clone();
    let carla = m.addr("carla").to_string();
    m.s.exec(
        "alice",
        &gallery,
        &mesi_types::gallery::ExecuteMsg::TransferNft {
            recipient: carla,
            token_id: "a".into(),
        },
        &[],
    )
    .unwrap();
    let lid = m.list("carla", "a", 90 * M, Asset::Mesi).unwrap();
    // bob accepts alice's counter: his offer now stands at 40, carla's listing is untouched.
    let res = m
        .send_mesi(
            "bob",
            10 * M,
            &TokenMsg::AcceptCounter {
                offer_id: id,
                version: 1,
            },
        )
        .unwrap();
    assert!(mesi_testing::attr(&res, "settlement_id").is_none());
    assert_eq!(m.listing(lid).price, Uint128::new(90 * M));
    assert_eq!(m.offer(id).amount, Uint128::new(40 * M));
    assert!(m.owner_is_market("a"));
}
