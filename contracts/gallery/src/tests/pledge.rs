//! Trust pledges (SPEC §3): attach, increase, never withdrawn, follow the token, liquidated by the arbiter.

use cosmwasm_std::{coins, Uint128};
use mesi_types::gallery::{ExecuteMsg, GalleryFilter, PledgeResponse, QueryMsg, ResolveOutcome};

use super::suite::{err, Suite, DENOM, FUNDS};
use crate::error::ContractError;

#[test]
fn creator_or_current_owner_attaches_a_pledge_and_can_increase_it() {
    let mut s = Suite::new();
    let (alice, bob, carol) = (s.alice.clone(), s.bob.clone(), s.carol.clone());
    s.mint(&alice, "a1").unwrap();
    s.pledge(&alice, "a1", 1_000).unwrap();
    s.pledge(&alice, "a1", 500).unwrap();
    assert_eq!(s.pledge_of("a1"), 1_500);
    // a stranger may not pledge on someone's token
    let before = s.dump();
    assert_eq!(
        err(s.pledge(&carol, "a1", 10)),
        ContractError::NotCreatorOrOwner {
            token_id: "a1".into()
        }
    );
    assert_eq!(s.dump(), before);
    // after the sale both the creator and the new owner may increase it
    s.transfer(&alice, &bob, "a1").unwrap();
    s.pledge(&bob, "a1", 300).unwrap();
    s.pledge(&alice, "a1", 200).unwrap();
    let p: PledgeResponse = s
        .query(&QueryMsg::Pledge {
            token_id: "a1".into(),
        })
        .unwrap();
    assert_eq!(p.amount, Uint128::new(2_000));
    assert_eq!(p.denom, DENOM);
    assert_eq!(p.owner, bob.to_string());
    assert_eq!(p.creator, alice.to_string());
    assert_eq!(s.balance(&s.gallery.clone(), DENOM), 2_000);
    assert_eq!(s.nft("a1").extension.pledge, Uint128::new(2_000));
}

#[test]
fn a_pledge_is_never_withdrawn_and_blocks_a_plain_burn() {
    let mut s = Suite::new();
    let alice = s.alice.clone();
    s.mint(&alice, "a1").unwrap();
    s.pledge(&alice, "a1", 1_000).unwrap();
    // the creator still owns the token, but a burn would strand the pledge: refused
    let before = s.dump();
    assert_eq!(
        err(s.burn(&alice, "a1")),
        ContractError::PledgeLocked {
            token_id: "a1".into(),
            amount: Uint128::new(1_000)
        }
    );
    assert_eq!(s.dump(), before);
    assert_eq!(s.balance(&alice, DENOM), FUNDS - 1_000);
    assert_eq!(s.balance(&s.gallery.clone(), DENOM), 1_000);
}

#[test]
fn a_pledge_moves_with_the_token_when_it_is_sold() {
    let mut s = Suite::new();
    let (alice, bob, carol) = (s.alice.clone(), s.bob.clone(), s.carol.clone());
    s.mint(&alice, "a1").unwrap();
    s.pledge(&alice, "a1", 700).unwrap();
    s.transfer(&alice, &bob, "a1").unwrap();
    s.transfer(&bob, &carol, "a1").unwrap();
    let p: PledgeResponse = s
        .query(&QueryMsg::Pledge {
            token_id: "a1".into(),
        })
        .unwrap();
    assert_eq!((p.amount.u128(), p.owner), (700, carol.to_string()));
    // the creator's total still counts it (it is the creator's content)
    assert_eq!(s.creator_pledges(&alice), 700);
}

#[test]
fn pledge_totals_are_queryable_per_token_and_per_creator() {
    let mut s = Suite::new();
    let (alice, bob) = (s.alice.clone(), s.bob.clone());
    s.mint(&alice, "a1").unwrap();
    s.mint(&alice, "a2").unwrap();
    s.mint(&bob, "b1").unwrap();
    s.pledge(&alice, "a1", 100).unwrap();
    s.pledge(&alice, "a2", 250).unwrap();
    s.pledge(&bob, "b1", 40).unwrap();
    assert_eq!(
        (s.pledge_of("a1"), s.pledge_of("a2"), s.pledge_of("b1")),
        (100, 250, 40)
    );
    assert_eq!(s.creator_pledges(&alice), 350);
    assert_eq!(s.creator_pledges(&bob), 40);
    assert_eq!(s.creator_pledges(&s.carol.clone()), 0);
    assert_eq!(s.total_pledged(), 390);
}

#[test]
fn arbiter_liquidates_the_pledge_to_the_named_affected_parties() {
    let mut s = Suite::new();
    let (alice, bob, carol, arbiter) = (
        s.alice.clone(),
        s.bob.clone(),
        s.carol.clone(),
        s.arbiter.clone(),
    );
    let victim = s.addr("victim");
    s.mint(&alice, "a1").unwrap();
    s.pledge(&alice, "a1", 1_000).unwrap();
    s.transfer(&alice, &bob, "a1").unwrap();
    s.resolve(
        &arbiter,
        "a1",
        &[(&victim, 600), (&carol, 400)],
        ResolveOutcome::Keep,
    )
    .unwrap();
    assert_eq!(s.balance(&victim, DENOM), 600);
    assert_eq!(s.balance(&carol, DENOM), FUNDS + 400);
    assert_eq!(s.balance(&s.gallery.clone(), DENOM), 0);
    assert_eq!(s.pledge_of("a1"), 0);
    assert_eq!(s.creator_pledges(&alice), 0);
    assert_eq!(s.owner_of("a1"), bob.to_string(), "keep: the token stays");
}

#[test]
fn arbiter_may_hand_the_token_to_its_rightful_owner() {
    let mut s = Suite::new();
    let (alice, bob, carol, arbiter) = (
        s.alice.clone(),
        s.bob.clone(),
        s.carol.clone(),
        s.arbiter.clone(),
    );
    s.mint(&alice, "stolen").unwrap();
    s.pledge(&alice, "stolen", 500).unwrap();
    s.exec(
        &alice,
        &ExecuteMsg::Approve {
            spender: bob.to_string(),
            token_id: "stolen".into(),
            expires: None,
        },
    )
    .unwrap();
    s.resolve(
        &arbiter,
        "stolen",
        &[(&carol, 500)],
        ResolveOutcome::TransferTo {
            address: carol.to_string(),
        },
    )
    .unwrap();
    assert_eq!(s.owner_of("stolen"), carol.to_string());
    assert_eq!(s.balance(&carol, DENOM), FUNDS + 500);
    // approvals were cleared with the move
    assert_eq!(
        err(s.transfer(&bob, &bob, "stolen")),
        ContractError::Unauthorized {}
    );
    // the content stays in the creator's gallery, marked sold
    assert!(s.gallery(&alice, None, None, None).items[0].sold);
}

#[test]
fn arbiter_may_burn_the_token() {
    let mut s = Suite::new();
    let (alice, bob, carol, arbiter) = (
        s.alice.clone(),
        s.bob.clone(),
        s.carol.clone(),
        s.arbiter.clone(),
    );
    s.mint(&alice, "fake").unwrap();
    s.pledge(&alice, "fake", 900).unwrap();
    s.transfer(&alice, &bob, "fake").unwrap(); // sold: only the arbiter can remove it now
    s.resolve(&arbiter, "fake", &[(&bob, 900)], ResolveOutcome::Burn)
        .unwrap();
    assert!(!s.exists("fake"));
    assert_eq!(s.num_tokens(), 0);
    assert!(s.gallery_ids(&alice, None).is_empty());
    assert!(s
        .gallery_ids(&alice, Some(GalleryFilter::Year(2024)))
        .is_empty());
    assert_eq!(s.balance(&bob, DENOM), FUNDS + 900);
    assert_eq!(s.total_pledged(), 0);
    // an unpledged token can be ruled on with no payouts
    s.mint(&carol, "c1").unwrap();
    s.resolve(&arbiter, "c1", &[], ResolveOutcome::Burn)
        .unwrap();
    assert!(!s.exists("c1"));
}

#[test]
fn pledges_use_only_the_configured_stablecoin() {
    let mut s = Suite::new();
    let alice = s.alice.clone();
    s.mint(&alice, "a1").unwrap();
    let before = s.dump();
    let pledge = ExecuteMsg::Pledge {
        token_id: "a1".into(),
    };
    assert!(matches!(
        err(s.exec_funds(&alice, &pledge, &coins(10, "uatom"))),
        ContractError::Payment(cw_utils::PaymentError::MissingDenom(_))
    ));
    assert!(matches!(
        err(s.exec_funds(
            &alice,
            &pledge,
            &[
                cosmwasm_std::coin(10, "uatom"),
                cosmwasm_std::coin(10, DENOM)
            ]
        )),
        ContractError::Payment(cw_utils::PaymentError::MultipleDenoms {})
    ));
    assert_eq!(
        err(s.exec_funds(&alice, &pledge, &[])),
        ContractError::Payment(cw_utils::PaymentError::NoFunds {})
    );
    assert_eq!(s.dump(), before);
    assert_eq!(s.balance(&alice, "uatom"), FUNDS);
}
