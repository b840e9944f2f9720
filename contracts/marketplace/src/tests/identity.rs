//! Token identity and custody across gallery + marketplace (SPEC §3, issue 19 §1, §3, §3b): the values
//! of the audit's sequences, each test named after the rule it protects.

use cosmwasm_std::Uint128;
use cw_multi_test::error::AnyResult;
use mesi_gallery::error::ContractError as GalleryError;
use mesi_testing::{typed_err, M};
use mesi_types::gallery::{ExecuteMsg as GalleryMsg, ResolveOutcome};
use mesi_types::marketplace::{Asset, ExecuteMsg, NftMsg};

use super::suite::{err, market, Market, DAY};
use crate::error::ContractError;

/// `name` moves `token_id` with a plain cw721 `transfer_nft`.
fn plain_transfer(m: &mut Market, name: &str, token_id: &str, to: &str) -> AnyResult<()> {
    let gallery = m.s.gallery.clone();
    m.s.exec(
        name,
        &gallery,
        &GalleryMsg::TransferNft {
            recipient: to.to_string(),
            token_id: token_id.into(),
        },
        &[],
    )
    .map(|_| ())
}

/// The audit's case 1 up to the burn: bob offers 500 MESI on alice's unsold `art-1`; returns the offer.
fn offer_on_art_1(m: &mut Market) -> u64 {
    m.s.mint_nft("alice", "art-1").unwrap();
    m.offer_mesi("bob", "art-1", 500 * M, 30 * DAY).unwrap()
}

/// After the burn: erin cannot mint her own `art-1`, so nothing can be sent to fill bob's offer; bob
/// cancels and withdraws his 500 MESI in full; erin and the treasury get nothing.
fn the_offer_can_only_go_back_to_bob(m: &mut Market, offer: u64) {
    let bob_before = m.mesi("bob");
    let treasury = m.s.treasury.clone();
    let treasury_before = m.s.mesi_balance(&treasury);
    assert_eq!(
        typed_err::<GalleryError>(m.s.mint_nft("erin", "art-1")),
        GalleryError::TokenIdBurnt {
            token_id: "art-1".into()
        }
    );
    // nothing under that id exists to send with accept_offer
    assert!(m
        .send_nft("erin", "art-1", &NftMsg::AcceptOffer { offer_id: offer })
        .is_err());
    m.exec("bob", &ExecuteMsg::CancelOffer { offer_id: offer }, &[])
        .unwrap();
    m.withdraw("bob", Asset::Mesi).unwrap();
    assert_eq!(m.mesi("bob"), bob_before + 500 * M);
    assert_eq!(m.claimable("erin"), (0, 0));
    assert_eq!(m.s.mesi_balance(&treasury), treasury_before);
}

#[test]
fn an_open_offer_is_never_filled_by_another_token_minted_under_a_burnt_id() {
    let mut m = market();
    let offer = offer_on_art_1(&mut m);
    let gallery = m.s.gallery.clone();
    m.s.exec(
        "alice",
        &gallery,
        &GalleryMsg::Burn {
            token_id: "art-1".into(),
        },
        &[],
    )
    .unwrap();
    the_offer_can_only_go_back_to_bob(&mut m, offer);
}

#[test]
fn an_open_offer_is_never_filled_by_another_token_minted_under_an_id_the_arbiter_burnt() {
    let mut m = market();
    let offer = offer_on_art_1(&mut m);
    m.s.arbiter_resolve("art-1", ResolveOutcome::Burn).unwrap();
    the_offer_can_only_go_back_to_bob(&mut m, offer);
}

#[test]
fn an_offer_fills_only_with_the_token_it_was_made_on() {
    // the identity recorded at the offer is checked when it fills: the same token fills it
    let mut m = market();
    m.s.mint_nft("alice", "art-1").unwrap();
    let offer = m.offer_mesi("bob", "art-1", 100 * M, 30 * DAY).unwrap();
    let res = m
        .send_nft("alice", "art-1", &NftMsg::AcceptOffer { offer_id: offer })
        .unwrap();
    let sid = mesi_testing::attr_u64(&res, "settlement_id");
    m.s.advance(2 * DAY);
    m.finalize("anyone", sid).unwrap();
    assert_eq!(m.s.nft_owner("art-1"), Some(m.addr("bob")));
    assert_eq!(m.claimable("alice"), (90 * M, 0));
}

#[test]
fn a_settlement_whose_token_a_ruling_moved_out_of_escrow_never_finalizes_and_refunds_the_buyer() {
    // carla (creator tier 2) sells `st` to bob for 60 MESI; the arbiter rules the content dan's.
    let mut m = market();
    let lid = m.mint_and_list("carla", "st", 60 * M, Asset::Mesi);
    let sid = m.buy_mesi("bob", lid, 60 * M).unwrap();
    let dan = m.addr("dan").to_string();
    m.s.arbiter_resolve(
        "st",
        ResolveOutcome::TransferTo {
            address: dan.clone(),
        },
    )
    .unwrap();
    // dan cannot put it back into the escrow: not with a plain transfer ...
    let mp = m.mp.to_string();
    assert_eq!(
        typed_err::<GalleryError>(plain_transfer(&mut m, "dan", "st", &mp)),
        GalleryError::MarketplaceNeedsSendNft {
            token_id: "st".into()
        }
    );
    // ... nor with send_nft while the voided settlement still holds the id
    assert_eq!(
        err(m.send_nft(
            "dan",
            "st",
            &NftMsg::List {
                price: Uint128::new(10 * M),
                asset: Asset::Mesi,
                expires: None,
                reserved_for: None,
            }
        )),
        ContractError::AlreadyEscrowed {
            token_id: "st".into()
        }
    );
    m.s.advance(2 * DAY);
    assert_eq!(
        err(m.finalize("anyone", sid)),
        ContractError::TokenLeftEscrow {
            token_id: "st".into()
        }
    );
    m.exec(
        "anyone",
        &ExecuteMsg::Sync {
            token_id: "st".into(),
        },
        &[],
    )
    .unwrap();
    let bob_before = m.mesi("bob");
    m.withdraw("bob", Asset::Mesi).unwrap();
    assert_eq!(m.mesi("bob"), bob_before + 60 * M);
    assert_eq!(m.claimable("carla"), (0, 0));
    assert_eq!(m.s.nft_owner("st"), Some(m.addr("dan")));
    // the settlement is gone for good
    assert_eq!(
        err(m.finalize("anyone", sid)),
        ContractError::SettlementNotFound { id: sid }
    );
}

#[test]
fn a_plain_transfer_nft_to_the_marketplace_is_refused_and_changes_nothing() {
    let mut m = market();
    m.s.mint_nft("alice", "a").unwrap();
    let mp = m.mp.to_string();
    let e = typed_err::<GalleryError>(plain_transfer(&mut m, "alice", "a", &mp));
    assert_eq!(
        e,
        GalleryError::MarketplaceNeedsSendNft {
            token_id: "a".into()
        }
    );
    assert!(e.to_string().contains("send_nft"));
    assert_eq!(m.s.nft_owner("a"), Some(m.addr("alice")));
    // the way in is send_nft with an order message
    m.list("alice", "a", 10 * M, Asset::Mesi).unwrap();
    assert!(m.owner_is_market("a"));
}

#[test]
fn an_arbiter_ruling_cannot_hand_a_token_to_the_marketplace() {
    let mut m = market();
    m.s.mint_nft("alice", "a").unwrap();
    let mp = m.mp.to_string();
    assert_eq!(
        typed_err::<GalleryError>(
            m.s.arbiter_resolve("a", ResolveOutcome::TransferTo { address: mp })
        ),
        GalleryError::MarketplaceNeedsSendNft {
            token_id: "a".into()
        }
    );
    assert_eq!(m.s.nft_owner("a"), Some(m.addr("alice")));
}

#[test]
fn an_auction_whose_token_was_burnt_by_a_ruling_refunds_its_bidder_and_the_id_stays_dead() {
    let mut m = market();
    m.s.mint_nft("carla", "au").unwrap();
    let aid = m.auction("carla", "au", 10 * M, Asset::Mesi, 7).unwrap();
    m.bid_mesi("bob", aid, 20 * M).unwrap();
    m.s.arbiter_resolve("au", ResolveOutcome::Burn).unwrap();
    m.exec(
        "anyone",
        &ExecuteMsg::Sync {
            token_id: "au".into(),
        },
        &[],
    )
    .unwrap();
    assert_eq!(m.claimable("bob"), (20 * M, 0));
    assert_eq!(
        typed_err::<GalleryError>(m.s.mint_nft("carla", "au")),
        GalleryError::TokenIdBurnt {
            token_id: "au".into()
        }
    );
}

/// SPEC §3 "Fit" by kind (issue 19 §5): accepting an offer is a sale at the offer's amount, so it passes the
/// same tier price check as a listing: alice (creator tier 0, USD 100 = 100 MESI) cannot accept bob's 5,000
/// MESI offer, listed or not, and the refusal moves nothing; an offer within the maximum fills.
#[test]
fn accepting_an_offer_passes_the_same_price_check_as_a_listing() {
    let mut m = market();
    let above = ContractError::PriceAboveTierMax {
        tier: 0,
        price: Uint128::new(5_000 * M),
        max: Uint128::new(100 * M),
    };
    // unlisted: accepted with send_nft
    m.s.mint_nft("alice", "a").unwrap();
    let big = m.offer_mesi("bob", "a", 5_000 * M, DAY).unwrap();
    assert_eq!(
        err(m.send_nft("alice", "a", &NftMsg::AcceptOffer { offer_id: big })),
        above
    );
    assert_eq!(m.s.nft_owner("a"), Some(m.addr("alice")));
    // listed: accepted with accept_offer
    let lid = m.list("alice", "a", 100 * M, Asset::Mesi).unwrap();
    assert_eq!(
        err(m.exec("alice", &ExecuteMsg::AcceptOffer { offer_id: big }, &[])),
        above
    );
    assert_eq!(m.listing(lid).price, Uint128::new(100 * M));
    assert_eq!(m.offer(big).amount, Uint128::new(5_000 * M));
    // within the maximum it fills
    let ok = m.offer_mesi("bob", "a", 100 * M, DAY).unwrap();
    let res = m
        .exec("alice", &ExecuteMsg::AcceptOffer { offer_id: ok }, &[])
        .unwrap();
    assert!(mesi_testing::attr(&res, "settlement_id").is_some());
}

/// The offer's identity check on its own (mutation-found, issue 19 §7): the gallery's tombstones make a
/// replaced token unreachable through the contracts, so this second line of defence is tested directly: a
/// token with another creator, or the same creator and other content, never fills the offer.
#[test]
fn an_offer_refuses_a_token_with_another_creator_or_other_content() {
    use crate::offer::check_identity;
    use crate::state::Offer;
    use cosmwasm_std::Addr;
    use mesi_types::gallery::CustodyResponse;
    let offer = Offer {
        token_id: "art-1".into(),
        offerer: Addr::unchecked("bob"),
        asset: Asset::Mesi,
        amount: Uint128::new(500 * M),
        expires: 10,
        counter: None,
        countered_by: None,
        version: 0,
        commission_bps: 1_000,
        creator: Addr::unchecked("alice"),
        content_hash: "ab".repeat(32),
    };
    let token = |creator: &str, hash: String| CustodyResponse {
        token_id: "art-1".into(),
        owner: "mp".into(),
        listed_by: Some(creator.into()),
        creator: creator.into(),
        content_hash: hash,
    };
    let replaced = || {
        Err(ContractError::OfferTokenReplaced {
            id: 7,
            token_id: "art-1".into(),
        })
    };
    assert_eq!(
        check_identity(7, &offer, &token("alice", "ab".repeat(32))),
        Ok(())
    );
    assert_eq!(
        check_identity(7, &offer, &token("erin", "ab".repeat(32))),
        replaced()
    );
    assert_eq!(
        check_identity(7, &offer, &token("alice", "cd".repeat(32))),
        replaced()
    );
    assert_eq!(
        check_identity(7, &offer, &token("erin", "cd".repeat(32))),
        replaced()
    );
}

/// Custody needs both halves (mutation-found, issue 19 §7): owned by the marketplace AND listed by the order's
/// seller. The gallery keeps `listed_by` only while the marketplace owns the token, so through the contracts the
/// halves coincide; the check is tested on its own so the marketplace never relies on that gallery invariant.
#[test]
fn custody_holds_only_when_the_marketplace_owns_the_token_for_that_seller() {
    use crate::helpers::held_for;
    use cosmwasm_std::testing::mock_env;
    use mesi_types::gallery::CustodyResponse;
    let env = mock_env();
    let me = env.contract.address.to_string();
    let seller = cosmwasm_std::Addr::unchecked("carla");
    let record = |owner: &str, listed_by: Option<&str>| CustodyResponse {
        token_id: "st".into(),
        owner: owner.into(),
        listed_by: listed_by.map(Into::into),
        creator: "carla".into(),
        content_hash: "ab".repeat(32),
    };
    assert!(held_for(&env, Some(&record(&me, Some("carla"))), &seller));
    assert!(!held_for(&env, Some(&record(&me, None)), &seller));
    assert!(!held_for(&env, Some(&record(&me, Some("dan"))), &seller));
    assert!(!held_for(
        &env,
        Some(&record("dan", Some("carla"))),
        &seller
    ));
    assert!(!held_for(&env, None, &seller));
}

/// A price above even the last row's maximum fits no tier (mutation-found, issue 19 §7): with a table whose
/// last row has a price limit, a seller above the table (carla, creator tier 2, uses row 1 of a 2-row table)
/// cannot list above that row's USD 200.
#[test]
fn a_price_above_the_last_rows_maximum_fits_no_tier() {
    use mesi_types::marketplace::TierLimit;
    let row = |orders: u32, usd: u128| TierLimit {
        max_orders: Some(orders),
        max_price_usd: Some(Uint128::new(usd * mesi_testing::USD)),
        max_auction_days: 7,
    };
    let mut m = Market::build(|msg| msg.tier_limits = Some(vec![row(3, 100), row(10, 200)]));
    m.s.mint_nft("carla", "c1").unwrap();
    assert!(matches!(
        err(m.list("carla", "c1", 201 * M, Asset::Mesi)),
        ContractError::PriceAboveTierMax { .. }
    ));
    m.list("carla", "c1", 200 * M, Asset::Mesi).unwrap();
}

/// Anti-sniping moves the end only forward (mutation-found, issue 19 §7): with a window as long as the
/// extension (900 s each), a bid exactly 900 s before the end would "move" it to the same second: the end
/// stays and no `extended_to` is reported; one second later the end moves.
#[test]
fn a_bid_whose_extension_would_not_move_the_end_reports_no_extension() {
    let mut m = Market::build(|msg| {
        msg.anti_snipe_window = Some(900);
        msg.anti_snipe_extension = Some(900);
    });
    m.s.mint_nft("carla", "au").unwrap();
    let id = m.auction("carla", "au", 10 * M, Asset::Mesi, 7).unwrap();
    let end = m.auction_of(id).end;
    m.s.set_time(end - 900);
    let res = m.bid_mesi("bob", id, 10 * M).unwrap();
    assert!(mesi_testing::attr(&res, "extended_to").is_none());
    assert_eq!(m.auction_of(id).end, end);
    m.s.set_time(end - 899);
    let res = m.bid_mesi("dan", id, 20 * M).unwrap();
    assert_eq!(
        mesi_testing::attr(&res, "extended_to"),
        Some((end + 1).to_string())
    );
    assert_eq!(m.auction_of(id).end, end + 1);
}
