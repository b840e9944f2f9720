//! Merkle epochs: the leaf encoding shared with scripts/merkle/merkle.mjs (fixture produced by
//! that script: testdata/merkle/earnings.{csv,json}), claims, and their failures.

use std::collections::BTreeMap;

use cosmwasm_std::Uint128;
use mesi_types::treasury::{EpochClaimedResponse, EpochResponse, ExecuteMsg, QueryMsg};
use serde::Deserialize;

use super::suite::*;
use crate::error::ContractError;
use crate::execute::epochs::{compute_root, leaf_hash, parent_hash};

#[derive(Deserialize)]
struct FixtureClaim {
    amount: String,
    leaf: String,
    proof: Vec<String>,
}

#[derive(Deserialize)]
struct Fixture {
    root: String,
    total: String,
    count: u32,
    claims: BTreeMap<String, FixtureClaim>,
}

fn fixture() -> Fixture {
    cosmwasm_std::from_json(include_str!("../../testdata/merkle/earnings.json")).unwrap()
}

const NAMES: [&str; 5] = ["alice", "bob", "carol", "dave", "erin"];

#[test]
fn leaf_encoding_test_vectors() {
    // leaf = sha256("cosmwasm1abc|1000000"), the value merkle.mjs prints for the same input
    assert_eq!(
        hex::encode(leaf_hash("cosmwasm1abc", Uint128::new(1_000_000))),
        "67e70af9d96472b1a35e3674d04aa8d127a090c82994269959c4467b28c45e26"
    );
    // parent hashing is order-independent (sorted pairs)
    let a = leaf_hash("a", Uint128::new(1));
    let b = leaf_hash("b", Uint128::new(2));
    assert_eq!(parent_hash(&a, &b), parent_hash(&b, &a));
    // a one-leaf tree: root = leaf, empty proof
    assert_eq!(compute_root(a, &[]).unwrap(), a);
}

#[test]
fn node_script_fixture_agrees_with_contract_encoding() {
    let f = fixture();
    assert_eq!(f.count, 5);
    let mut total = 0u128;
    for (address, c) in &f.claims {
        let amount = Uint128::new(c.amount.parse().unwrap());
        let leaf = leaf_hash(address, amount);
        assert_eq!(hex::encode(leaf), c.leaf, "leaf of {address}");
        assert_eq!(hex::encode(compute_root(leaf, &c.proof).unwrap()), f.root);
        total += amount.u128();
    }
    assert_eq!(total.to_string(), f.total);
    // the fixture's addresses are the suite's users
    let s = SuiteBuilder::new().build();
    for n in NAMES {
        assert!(f.claims.contains_key(s.addr(n).as_str()), "{n}");
    }
}

#[test]
fn epoch_root_posted_in_one_tx_and_each_user_claims_once_with_proof() {
    let f = fixture();
    let total: u128 = f.total.parse().unwrap();
    let mut s = SuiteBuilder::new()
        .with_treasury_balance(200_000 * M)
        .build();
    s.post_epoch(&f.root, total).unwrap();
    let e: EpochResponse = s.query(&QueryMsg::Epoch { epoch: 1 }).unwrap();
    assert_eq!(e.root, f.root);
    assert_eq!(e.total.u128(), total);
    assert_eq!(s.accounting().epochs_outstanding.u128(), total);
    for n in NAMES {
        let user = s.addr(n);
        let c = &f.claims[user.as_str()];
        let amount: u128 = c.amount.parse().unwrap();
        s.claim_epoch(&user, 1, amount, &c.proof).unwrap();
        assert_eq!(s.balance(&user), amount);
        assert_eq!(
            s.claim_epoch(&user, 1, amount, &c.proof).unwrap_err(),
            ContractError::AlreadyClaimed { epoch: 1 }
        );
        let r: EpochClaimedResponse = s
            .query(&QueryMsg::EpochClaimed {
                epoch: 1,
                address: user.to_string(),
            })
            .unwrap();
        assert!(r.claimed);
    }
    let e: EpochResponse = s.query(&QueryMsg::Epoch { epoch: 1 }).unwrap();
    assert_eq!(e.claimed.u128(), total);
    assert_eq!(s.accounting().epochs_outstanding.u128(), 0);
    s.assert_invariants();
}

#[test]
fn wrong_proof_or_amount_or_unknown_epoch_is_rejected() {
    let f = fixture();
    let total: u128 = f.total.parse().unwrap();
    let mut s = SuiteBuilder::new()
        .with_treasury_balance(200_000 * M)
        .build();
    let alice = s.addr("alice");
    let bob = s.addr("bob");
    let c = &f.claims[alice.as_str()];
    let amount: u128 = c.amount.parse().unwrap();
    assert_eq!(
        s.claim_epoch(&alice, 1, amount, &c.proof).unwrap_err(),
        ContractError::UnknownEpoch { epoch: 1 }
    );
    s.post_epoch(&f.root, total).unwrap();
    // someone else's proof, a bigger amount, a truncated proof, garbage
    assert_eq!(
        s.claim_epoch(&bob, 1, amount, &c.proof).unwrap_err(),
        ContractError::InvalidProof {}
    );
    assert_eq!(
        s.claim_epoch(&alice, 1, amount + 1, &c.proof).unwrap_err(),
        ContractError::InvalidProof {}
    );
    assert_eq!(
        s.claim_epoch(&alice, 1, amount, &c.proof[..1]).unwrap_err(),
        ContractError::InvalidProof {}
    );
    assert_eq!(
        s.claim_epoch(&alice, 1, amount, &["zz".to_string()])
            .unwrap_err(),
        ContractError::InvalidProofElement { index: 0 }
    );
    assert_eq!(
        s.claim_epoch(&alice, 1, amount, &vec![c.proof[0].clone(); 33])
            .unwrap_err(),
        ContractError::ProofTooLong { len: 33, max: 32 }
    );
    assert_eq!(
        s.claim_epoch(&alice, 2, amount, &c.proof).unwrap_err(),
        ContractError::UnknownEpoch { epoch: 2 }
    );
    // nothing changed
    assert_eq!(s.balance(&alice), 0);
    assert_eq!(s.accounting().epochs_outstanding.u128(), total);
    s.claim_epoch(&alice, 1, amount, &c.proof).unwrap();
}

#[test]
fn claim_over_the_epoch_total_is_rejected() {
    // The operator under-declares the total: the leaves sum to more.
    let f = fixture();
    let mut s = SuiteBuilder::new()
        .with_treasury_balance(200_000 * M)
        .build();
    let erin = s.addr("erin");
    let alice = s.addr("alice");
    s.post_epoch(&f.root, 1_000_000).unwrap();
    let c = &f.claims[alice.as_str()];
    s.claim_epoch(&alice, 1, 1_000_000, &c.proof).unwrap();
    let c = &f.claims[erin.as_str()];
    assert_eq!(
        s.claim_epoch(&erin, 1, 123_456_789_012, &c.proof)
            .unwrap_err(),
        ContractError::EpochTotalExceeded {
            remaining: Uint128::zero(),
            amount: Uint128::new(123_456_789_012)
        }
    );
    s.assert_invariants();
}

#[test]
fn epoch_claim_with_twenty_level_proof() {
    // A leaf at depth 20 (about a million earners): synthetic siblings.
    let mut s = SuiteBuilder::new().build();
    let alice = s.addr("alice");
    let amount = Uint128::new(42 * M);
    let proof: Vec<String> = (0u32..20)
        .map(|i| hex::encode(leaf_hash(&format!("sibling{i}"), Uint128::new(i.into()))))
        .collect();
    let root = compute_root(leaf_hash(alice.as_str(), amount), &proof).unwrap();
    s.post_epoch(&hex::encode(root), 1_000_000 * M).unwrap();
    s.claim_epoch(&alice, 1, amount.u128(), &proof).unwrap();
    assert_eq!(s.balance(&alice), 42 * M);
}

#[test]
fn epoch_claim_exceeding_reserve_mints_shortfall() {
    let mut s = SuiteBuilder::new().with_treasury_balance(M).build();
    let alice = s.addr("alice");
    let root = leaf_hash(alice.as_str(), Uint128::new(5 * M));
    s.post_epoch(&hex::encode(root), 5 * M).unwrap();
    s.claim_epoch(&alice, 1, 5 * M, &[]).unwrap();
    assert_eq!(s.balance(&alice), 5 * M);
    assert_eq!(s.supply().over_issuance.u128(), 4 * M);
    s.assert_invariants();
}

#[test]
fn post_epoch_validates_root_and_total() {
    let mut s = SuiteBuilder::new().build();
    assert_eq!(
        s.post_epoch("abcd", 1).unwrap_err(),
        ContractError::InvalidRoot {}
    );
    assert_eq!(
        s.post_epoch(&"g".repeat(64), 1).unwrap_err(),
        ContractError::InvalidRoot {}
    );
    assert_eq!(
        s.post_epoch(&"ab".repeat(32), 0).unwrap_err(),
        ContractError::ZeroAmount {}
    );
    // upper-case hex is accepted (hex decoding), stored lower-case
    s.post_epoch(&"AB".repeat(32), 1).unwrap();
    let e: EpochResponse = s.query(&QueryMsg::Epoch { epoch: 1 }).unwrap();
    assert_eq!(e.root, "ab".repeat(32));
}

/// A one-leaf epoch for `who`: (root hex, empty proof).
fn one_leaf(who: &cosmwasm_std::Addr, amount: u128) -> String {
    hex::encode(leaf_hash(who.as_str(), Uint128::new(amount)))
}

#[test]
fn an_epoch_has_a_claim_deadline_of_365_days_by_default() {
    let mut s = SuiteBuilder::new().with_treasury_balance(100 * M).build();
    assert_eq!(s.config().epoch_claim_seconds, 31_536_000);
    let alice = s.addr("alice");
    s.post_epoch(&one_leaf(&alice, 5 * M), 5 * M).unwrap();
    let posted = s.now();
    let e = s.epoch(1);
    assert_eq!(e.deadline, posted + 31_536_000);
    assert!(!e.closed);
    // claimable up to the deadline itself
    s.advance(31_536_000);
    s.claim_epoch(&alice, 1, 5 * M, &[]).unwrap();
    assert_eq!(s.balance(&alice), 5 * M);
    s.assert_invariants();
}

#[test]
fn a_claim_after_the_deadline_is_refused() {
    let mut s = SuiteBuilder::new().with_treasury_balance(100 * M).build();
    let alice = s.addr("alice");
    s.post_epoch(&one_leaf(&alice, 5 * M), 5 * M).unwrap();
    let deadline = s.epoch(1).deadline;
    s.advance(31_536_001);
    let before = (s.accounting(), s.balance(&alice));
    assert_eq!(
        s.claim_epoch(&alice, 1, 5 * M, &[]).unwrap_err(),
        ContractError::ClaimDeadlinePassed {
            epoch: 1,
            deadline,
            now: deadline + 1
        }
    );
    assert_eq!((s.accounting(), s.balance(&alice)), before);
}

#[test]
fn anyone_may_close_an_expired_epoch_and_its_unclaimed_amount_returns_to_the_reserve() {
    let f = fixture();
    let total: u128 = f.total.parse().unwrap();
    let mut s = SuiteBuilder::new()
        .with_treasury_balance(200_000 * M)
        .build();
    s.post_epoch(&f.root, total).unwrap();
    // alice claims, the others never do
    let alice = s.addr("alice");
    let c = &f.claims[alice.as_str()];
    let claimed: u128 = c.amount.parse().unwrap();
    s.claim_epoch(&alice, 1, claimed, &c.proof).unwrap();
    let reserve_before = s.accounting().reserve.u128();
    let stranger = s.addr("stranger");
    // not before the deadline
    let deadline = s.epoch(1).deadline;
    s.advance(deadline - s.now());
    assert_eq!(
        s.close_epoch(&stranger, 1).unwrap_err(),
        ContractError::EpochStillOpen {
            epoch: 1,
            deadline,
            now: deadline
        }
    );
    s.advance(1);
    s.close_epoch(&stranger, 1).unwrap();
    let e = s.epoch(1);
    assert!(e.closed);
    assert_eq!(e.returned.u128(), total - claimed);
    let acc = s.accounting();
    assert_eq!(acc.epochs_outstanding.u128(), 0);
    // the reserve keeps what it would have paid: nothing moved, the liability is gone
    assert_eq!(acc.reserve.u128(), reserve_before);
    assert_eq!(s.balance(&s.treasury.clone()), acc.tracked.u128());
    s.assert_invariants();
    // a claim after closing is refused, and an epoch closes once
    let bob = s.addr("bob");
    let c = &f.claims[bob.as_str()];
    assert_eq!(
        s.claim_epoch(&bob, 1, c.amount.parse().unwrap(), &c.proof)
            .unwrap_err(),
        ContractError::EpochClosed { epoch: 1 }
    );
    assert_eq!(
        s.close_epoch(&stranger, 1).unwrap_err(),
        ContractError::EpochClosed { epoch: 1 }
    );
    assert_eq!(
        s.close_epoch(&stranger, 9).unwrap_err(),
        ContractError::UnknownEpoch { epoch: 9 }
    );
}

#[test]
fn the_epoch_claim_window_is_validated_config_and_each_epoch_keeps_its_own() {
    let mut s = SuiteBuilder::new().with_treasury_balance(100 * M).build();
    let owner = s.owner.clone();
    let alice = s.addr("alice");
    let upd = |w: u64| ExecuteMsg::UpdateConfig {
        feeder: None,
        operators: None,
        max_price_age: None,
        max_batch: None,
        month_seconds: None,
        pool_caps: None,
        epoch_claim_seconds: Some(w),
    };
    for bad in [0, DAY - 1, 10 * 365 * DAY + 1, u64::MAX] {
        assert_eq!(
            s.exec(&owner, &upd(bad)).unwrap_err(),
            ContractError::InvalidEpochClaimSeconds {
                min: DAY,
                max: 10 * 365 * DAY
            }
        );
    }
    assert_eq!(s.config().epoch_claim_seconds, 365 * DAY);
    s.post_epoch(&one_leaf(&alice, M), M).unwrap();
    s.exec(&owner, &upd(30 * DAY)).unwrap();
    s.post_epoch(&one_leaf(&alice, 2 * M), 2 * M).unwrap();
    let (e1, e2) = (s.epoch(1), s.epoch(2));
    assert_eq!(e1.deadline - e1.posted_at, 365 * DAY);
    assert_eq!(e2.deadline - e2.posted_at, 30 * DAY);
    s.advance(30 * DAY + 1);
    assert!(matches!(
        s.claim_epoch(&alice, 2, 2 * M, &[]).unwrap_err(),
        ContractError::ClaimDeadlinePassed { epoch: 2, .. }
    ));
    s.claim_epoch(&alice, 1, M, &[]).unwrap();
    s.close_epoch(&alice, 2).unwrap();
    assert_eq!(s.accounting().epochs_outstanding.u128(), 0);
    s.assert_invariants();
}
