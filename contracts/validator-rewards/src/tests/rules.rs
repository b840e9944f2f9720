//! One test per rule of SPEC section 6 / issue 8, named after the rule.

use cosmwasm_std::Uint128;
use cw_multi_test::Executor;
use mesi_types::validator_rewards::{ExecuteMsg, Penalty, ValidatorStatus};

use super::suite::*;
use crate::error::ContractError;

#[test]
fn candidate_stakes_at_least_threshold_of_current_supply() {
    let mut s = SuiteBuilder::new().build();
    assert_eq!(s.threshold().threshold.u128(), THRESHOLD);
    let alice = s.addr("alice");
    s.give(&alice, 10 * THRESHOLD);
    let v0 = s.v(0);
    let before = s.dump();
    let err = s.apply(&alice, &v0, THRESHOLD - 1).unwrap_err();
    assert_eq!(
        err,
        ContractError::BelowThreshold {
            amount: Uint128::new(THRESHOLD - 1),
            threshold: Uint128::new(THRESHOLD)
        }
    );
    assert_eq!(s.dump(), before);
    s.apply(&alice, &v0, THRESHOLD).unwrap();
    let v = s.validator(&v0);
    assert_eq!(v.status, ValidatorStatus::Pending);
    assert_eq!(v.stake.u128(), THRESHOLD);
    assert_eq!(v.staker, alice.to_string());
}

#[test]
fn threshold_is_read_from_the_supply_at_application_time() {
    let mut s = SuiteBuilder::new().build();
    let bob = s.addr("bob");
    s.give(&bob, 10 * THRESHOLD);
    // The supply doubles: the threshold doubles with it.
    s.mint(SUPPLY);
    assert_eq!(s.supply(), 2 * SUPPLY);
    let t = s.threshold();
    assert_eq!(t.total_supply.u128(), 2 * SUPPLY);
    assert_eq!(t.threshold.u128(), 2 * THRESHOLD);
    let v1 = s.v(1);
    assert_eq!(
        s.apply(&bob, &v1, THRESHOLD).unwrap_err(),
        ContractError::BelowThreshold {
            amount: Uint128::new(THRESHOLD),
            threshold: Uint128::new(2 * THRESHOLD)
        }
    );
    s.apply(&bob, &v1, 2 * THRESHOLD).unwrap();
}

#[test]
fn threshold_bps_is_config() {
    // 1% of 1,000,000 MESI = 10,000 MESI.
    let mut s = SuiteBuilder::new().with_threshold_bps(100).build();
    assert_eq!(s.threshold().threshold.u128(), 10_000 * M);
    let alice = s.addr("alice");
    s.give(&alice, 10_000 * M);
    let v0 = s.v(0);
    assert!(matches!(
        s.apply(&alice, &v0, THRESHOLD),
        Err(ContractError::BelowThreshold { .. })
    ));
    s.apply(&alice, &v0, 10_000 * M).unwrap();
}

#[test]
fn threshold_rounds_up() {
    // 25 bps of 1,000,001 base units = 2,500.0025 -> 2,501.
    let mut s = SuiteBuilder::new().with_supply(1_000_001).build();
    assert_eq!(s.threshold().threshold.u128(), 2_501);
    let alice = s.addr("alice");
    s.give(&alice, 10_000);
    let v0 = s.v(0);
    assert!(matches!(
        s.apply(&alice, &v0, 2_500).unwrap_err(),
        ContractError::BelowThreshold { .. }
    ));
    s.apply(&alice, &v0, 2_501).unwrap();
}

#[test]
fn application_checks_the_validator_exists_on_chain() {
    let mut s = SuiteBuilder::new().with_chain_validators(2).build();
    // The operator account of a validator the chain does not know.
    let op7 = s.operator_of(7);
    s.give(&op7, THRESHOLD);
    let unknown = valoper(7);
    let before = s.dump();
    assert_eq!(
        s.apply(&op7, &unknown, THRESHOLD).unwrap_err(),
        ContractError::UnknownValidator { validator: unknown }
    );
    assert_eq!(s.dump(), before);
    assert_eq!(s.balance(&op7), THRESHOLD);
    let bob = s.operator_of(1);
    s.give(&bob, THRESHOLD);
    let v1 = s.v(1);
    s.apply(&bob, &v1, THRESHOLD).unwrap();
}

#[test]
fn one_application_per_validator_and_only_by_its_operator_account() {
    let mut s = SuiteBuilder::new().build();
    // alice operates validator 0, bob validator 1.
    let alice = s.addr("alice");
    let bob = s.addr("bob");
    s.give(&alice, 3 * THRESHOLD);
    s.give(&bob, 3 * THRESHOLD);
    let (v0, v1) = (s.v(0), s.v(1));
    s.apply(&alice, &v0, THRESHOLD).unwrap();
    assert_eq!(
        s.apply(&alice, &v0, THRESHOLD).unwrap_err(),
        ContractError::ValidatorTaken {
            validator: v0.clone()
        }
    );
    assert_eq!(
        s.apply(&bob, &v0, THRESHOLD).unwrap_err(),
        ContractError::NotValidatorOperator {
            staker: bob.to_string(),
            validator: v0.clone()
        }
    );
    assert_eq!(
        s.apply(&alice, &v1, THRESHOLD).unwrap_err(),
        ContractError::NotValidatorOperator {
            staker: alice.to_string(),
            validator: v1.clone()
        }
    );
    s.apply(&bob, &v1, THRESHOLD).unwrap();
}

#[test]
fn owner_whitelists_or_rejects_and_rejected_stake_returns_after_unbonding() {
    let mut s = SuiteBuilder::new().build();
    let alice = s.addr("alice");
    let bob = s.addr("bob");
    s.give(&alice, THRESHOLD);
    s.give(&bob, THRESHOLD);
    let (v0, v1) = (s.v(0), s.v(1));
    s.apply(&alice, &v0, THRESHOLD).unwrap();
    s.apply(&bob, &v1, THRESHOLD).unwrap();
    s.whitelist(&v0).unwrap();
    let a = s.validator(&v0);
    assert_eq!(a.status, ValidatorStatus::Whitelisted);
    assert!(a.eligible);
    assert_eq!(
        s.whitelist(&v0).unwrap_err(),
        ContractError::NotPending { validator: v0 }
    );

    s.reject(&v1).unwrap();
    let b = s.staker(&bob);
    assert_eq!(b.status, ValidatorStatus::Rejected);
    assert_eq!(b.stake.u128(), 0);
    let u = s.unbondings(&bob).entries;
    assert_eq!(u.len(), 1);
    assert_eq!(u[0].amount.u128(), THRESHOLD);
    assert_eq!(u[0].release_at, s.now() + 21 * DAY);
    // Not before the unbonding period (default 21 days) ends.
    s.advance(21 * DAY - 1);
    assert_eq!(
        s.claim_unbonded(&bob).unwrap_err(),
        ContractError::NothingToClaim {}
    );
    s.advance(1);
    s.claim_unbonded(&bob).unwrap();
    assert_eq!(s.balance(&bob), THRESHOLD);
    assert!(s.unbondings(&bob).entries.is_empty());
    // The validator address is free again.
    s.give(&bob, THRESHOLD);
    let v1 = s.v(1);
    s.apply(&bob, &v1, THRESHOLD).unwrap();
    s.assert_accounting();
}

#[test]
fn pool_is_funded_from_the_treasury_and_paid_pro_rata_to_whitelisted_stake() {
    let mut s = SuiteBuilder::new()
        .with_treasury()
        .with_stream_period(100 * DAY)
        .build();
    let alice = s.join(0, THRESHOLD);
    let bob = s.join(1, 3 * THRESHOLD);
    // The treasury pays from its validator_rewards pool with cw20 Send + {"fund":{}}.
    s.treasury_pays_pool(4_000 * M).unwrap();
    assert_eq!(s.stream().funded.u128(), 4_000 * M);
    s.advance(100 * DAY);
    assert_eq!(s.pending(&alice), 1_000 * M);
    assert_eq!(s.pending(&bob), 3_000 * M);
    s.claim(&alice).unwrap();
    s.claim(&bob).unwrap();
    assert_eq!(s.balance(&alice), 1_000 * M);
    assert_eq!(s.balance(&bob), 3_000 * M);
    s.assert_accounting();
}

#[test]
fn the_contract_draws_from_its_own_treasury_pool() {
    let mut s = SuiteBuilder::new()
        .with_treasury()
        .with_stream_period(100)
        .build();
    let alice = s.join(0, THRESHOLD);
    let owner = s.owner.clone();
    // Not registered as the pool's drawer yet: the treasury refuses, nothing changes.
    let pull = ExecuteMsg::PullFromTreasury {
        amount: Uint128::new(500 * M),
    };
    let contract = s.contract.clone();
    assert!(s
        .app
        .execute_contract(owner.clone(), contract, &pull, &[])
        .is_err());
    s.register_drawer();
    s.fund_treasury_pool(1_000 * M);
    let op = s.operator.clone();
    s.exec(&op, &pull).unwrap();
    assert_eq!(s.stream().funded.u128(), 500 * M);
    // Nobody else may pull.
    assert_eq!(
        s.exec(&alice, &pull).unwrap_err(),
        ContractError::Ownership(cw_ownable::OwnershipError::NotOwner)
    );
    s.advance(100);
    s.claim(&alice).unwrap();
    assert_eq!(s.balance(&alice), 500 * M);
    s.assert_accounting();
}

#[test]
fn each_funding_streams_at_its_own_rate_on_top_of_what_is_streaming() {
    let mut s = SuiteBuilder::new().with_stream_period(30 * DAY).build();
    let alice = s.join(0, THRESHOLD);
    s.fund(3_000 * M).unwrap();
    s.advance(10 * DAY);
    assert_eq!(s.pending(&alice), 1_000 * M);
    assert_eq!(s.stream().undistributed.u128(), 2_000 * M);
    // Issue 12 §7: a new funding adds its own rate (1,000 MESI over 30 days) to what is left
    // (2,000 over 20 days): 100 + 33.33 MESI a day, so the 3,000 end in 22.5 days (the weighted
    // harmonic mean of 20 and 30), never later than the longer period.
    s.fund(1_000 * M).unwrap();
    assert_eq!(s.stream().stream_end, s.now() + 22 * DAY + DAY / 2);
    s.advance(15 * DAY);
    assert_eq!(s.pending(&alice), 3_000 * M);
    s.advance(15 * DAY / 2);
    assert_eq!(s.pending(&alice), 4_000 * M);
    s.advance(15 * DAY);
    assert_eq!(s.pending(&alice), 4_000 * M);
    s.claim(&alice).unwrap();
    assert_eq!(s.balance(&alice), 4_000 * M);
    s.assert_accounting();
}

#[test]
fn new_validator_earns_nothing_retroactively() {
    let mut s = SuiteBuilder::new().with_stream_period(100).build();
    let alice = s.join(0, THRESHOLD);
    s.fund(1_000).unwrap();
    s.advance(50);
    let bob = s.join(1, THRESHOLD);
    assert_eq!(s.pending(&bob), 0);
    s.advance(50);
    assert_eq!(s.pending(&alice), 500 + 250);
    assert_eq!(s.pending(&bob), 250);
}

#[test]
fn pending_application_earns_nothing() {
    let mut s = SuiteBuilder::new().with_stream_period(100).build();
    let alice = s.join(0, THRESHOLD);
    let carol = s.addr("carol");
    s.give(&carol, THRESHOLD);
    let v2 = s.v(2);
    s.apply(&carol, &v2, THRESHOLD).unwrap();
    s.fund(1_000).unwrap();
    s.advance(100);
    assert_eq!(s.pending(&alice), 1_000);
    assert_eq!(s.pending(&carol), 0);
    assert_eq!(
        s.claim(&carol).unwrap_err(),
        ContractError::NothingToClaim {}
    );
}

#[test]
fn stream_pauses_while_no_stake_is_eligible_and_loses_nothing() {
    let mut s = SuiteBuilder::new().with_stream_period(100).build();
    s.fund(1_000).unwrap();
    s.advance(500);
    let st = s.stream();
    assert!(st.paused);
    assert_eq!(st.undistributed.u128(), 1_000);
    assert_eq!(st.stream_end, s.now() + 100);
    let alice = s.join(0, THRESHOLD);
    s.advance(50);
    assert_eq!(s.pending(&alice), 500);
    // She leaves: nobody is eligible, the rest waits.
    s.leave(&alice).unwrap();
    s.advance(1_000);
    assert_eq!(s.stream().undistributed.u128(), 500);
    let bob = s.join(1, THRESHOLD);
    s.advance(50);
    assert_eq!(s.pending(&bob), 500);
    s.claim(&alice).unwrap();
    s.claim(&bob).unwrap();
    assert_eq!(s.balance(&alice), 500);
    assert_eq!(s.balance(&bob), 500);
    s.assert_accounting();
}

#[test]
fn validator_below_threshold_stops_earning_until_it_tops_up() {
    let mut s = SuiteBuilder::new().with_stream_period(100).build();
    let alice = s.join(0, 2 * THRESHOLD);
    let bob = s.join(1, 2 * THRESHOLD);
    s.fund(1_000).unwrap();
    s.advance(20);
    // Alice falls below the threshold by unstaking: her stake counts 0 from now.
    s.unstake(&alice, THRESHOLD + 1).unwrap();
    assert!(!s.staker(&alice).eligible);
    s.advance(40);
    assert_eq!(s.pending(&alice), 100);
    assert_eq!(s.pending(&bob), 100 + 400);
    // She tops up to the threshold: she earns again (nothing for the gap).
    s.give(&alice, 1);
    s.top_up(&alice, 1).unwrap();
    assert!(s.staker(&alice).eligible);
    s.advance(40);
    // Pro rata 1:2 from now: 400 streamed -> 133.3 / 266.6 (floored per claimant).
    assert_eq!(s.pending(&alice), 100 + 133);
    assert_eq!(s.pending(&bob), 500 + 266);
}

#[test]
fn threshold_follows_the_current_supply_at_each_check() {
    let mut s = SuiteBuilder::new().with_stream_period(100).build();
    let alice = s.join(0, THRESHOLD);
    let bob = s.join(1, 2 * THRESHOLD);
    s.fund(1_000).unwrap();
    s.advance(30);
    // Supply x1.5: alice (1x old threshold) is now below, bob is not. Nothing changes until a
    // check; anyone may trigger one (O(1)).
    s.mint(SUPPLY / 2);
    let v0 = s.v(0);
    s.recheck(&v0).unwrap();
    assert!(!s.staker(&alice).eligible);
    s.advance(70);
    assert_eq!(s.pending(&alice), 100);
    assert_eq!(s.pending(&bob), 200 + 700);
    // Supply back down (burn): a re-check restores her.
    s.burn(SUPPLY / 2);
    s.recheck(&v0).unwrap();
    assert!(s.staker(&alice).eligible);
}

#[test]
fn leaving_stake_is_returned_after_the_unbonding_period() {
    let mut s = SuiteBuilder::new().build();
    let alice = s.join(0, 2 * THRESHOLD);
    s.unstake(&alice, THRESHOLD / 2).unwrap();
    s.advance(DAY);
    s.leave(&alice).unwrap();
    let a = s.staker(&alice);
    assert_eq!(a.status, ValidatorStatus::Left);
    assert_eq!(a.stake.u128(), 0);
    let u = s.unbondings(&alice).entries;
    assert_eq!(u.len(), 2);
    s.advance(20 * DAY);
    s.claim_unbonded(&alice).unwrap();
    assert_eq!(s.balance(&alice), THRESHOLD / 2);
    assert_eq!(
        s.claim_unbonded(&alice).unwrap_err(),
        ContractError::NothingToClaim {}
    );
    s.advance(DAY);
    s.claim_unbonded(&alice).unwrap();
    assert_eq!(s.balance(&alice), 2 * THRESHOLD);
    s.assert_accounting();
}

#[test]
fn owner_slashes_stake_to_the_treasury_and_removes_the_validator() {
    let mut s = SuiteBuilder::new()
        .with_treasury()
        .with_stream_period(100)
        .build();
    let alice = s.join(0, 4 * THRESHOLD);
    let bob = s.join(1, 4 * THRESHOLD);
    s.fund(1_000).unwrap();
    s.advance(50);
    let treasury = s.treasury.clone();
    let t0 = s.balance(&treasury);
    let v0 = s.v(0);
    // 10% rounded up.
    s.slash(&v0, Penalty::Bps { bps: 1_000 }).unwrap();
    assert_eq!(s.balance(&treasury) - t0, 4 * THRESHOLD / 10);
    let a = s.staker(&alice);
    assert_eq!(a.status, ValidatorStatus::Removed);
    assert!(!a.eligible);
    // Earned rewards stay claimable; the rest of the stake unbonds.
    assert_eq!(a.pending_rewards.u128(), 250);
    assert_eq!(
        s.unbondings(&alice).entries[0].amount.u128(),
        4 * THRESHOLD * 9 / 10
    );
    s.advance(50);
    assert_eq!(s.pending(&bob), 250 + 500);
    assert_eq!(s.pending(&alice), 250);
    // Absolute amount.
    let v1 = s.v(1);
    s.slash(
        &v1,
        Penalty::Amount {
            amount: Uint128::new(123),
        },
    )
    .unwrap();
    assert_eq!(s.balance(&treasury) - t0, 4 * THRESHOLD / 10 + 123);
    s.assert_accounting();
}

#[test]
fn contributors_are_paid_pro_rata_to_reported_work_units() {
    let mut s = SuiteBuilder::new().build();
    let c1 = s.addr("compute1");
    let c2 = s.addr("compute2");
    let c3 = s.addr("validator-op");
    s.fund_epoch(1, 1_000).unwrap();
    s.report(1, &[(&c1, 1), (&c2, 1)]).unwrap();
    s.report(1, &[(&c3, 1)]).unwrap();
    assert_eq!(
        s.claim_work(&c1, &[1]).unwrap_err(),
        ContractError::EpochNotClosed { epoch: 1 }
    );
    s.close(1).unwrap();
    assert_eq!(s.contributor(&c1, 1).claimable.u128(), 333);
    s.claim_work(&c1, &[1]).unwrap();
    s.claim_work(&c2, &[1]).unwrap();
    assert_eq!(
        s.claim_work(&c2, &[1]).unwrap_err(),
        ContractError::WorkAlreadyClaimed { epoch: 1 }
    );
    assert_eq!(s.stream().funded.u128(), 0);
    s.claim_work(&c3, &[1]).unwrap();
    assert_eq!(s.balance(&c1), 333);
    assert_eq!(s.balance(&c3), 333);
    // The last claim hands the rounding remainder (1) to the stake stream.
    assert_eq!(s.stream().undistributed.u128(), 1);
    let e = s.epoch(1);
    assert_eq!((e.claimed.u128(), e.claimed_contributors), (1_000, 3));
    s.assert_accounting();
}

#[test]
fn an_epoch_closed_without_work_returns_its_reward_to_the_stake_stream() {
    let mut s = SuiteBuilder::new().build();
    s.fund_epoch(5, 777).unwrap();
    s.close(5).unwrap();
    assert_eq!(s.stream().undistributed.u128(), 777);
    assert_eq!(s.accounting().work_unclaimed.u128(), 0);
    assert_eq!(
        s.fund_epoch(5, 1).unwrap_err(),
        ContractError::EpochClosed { epoch: 5 }
    );
    s.assert_accounting();
}

#[test]
fn rounding_is_in_the_protocols_favour_and_dust_is_accounted() {
    let mut s = SuiteBuilder::new().with_stream_period(7).build();
    let a = s.join(0, THRESHOLD);
    let b = s.join(1, THRESHOLD);
    let c = s.join(2, THRESHOLD);
    s.fund(10).unwrap();
    s.advance(3);
    // 10 * 3 / 7 = 4.28 -> 4 streamed; 4 / 3 each = 1.33 -> 1 claimable each.
    assert_eq!(s.stream().distributed.u128(), 4);
    for x in [&a, &b, &c] {
        assert_eq!(s.pending(x), 1);
    }
    s.advance(4);
    // 10 / 3 = 3.33 -> 3 each; 1 unit of dust stays accounted in stream_unclaimed.
    for x in [&a, &b, &c] {
        assert_eq!(s.pending(x), 3);
        s.claim(x).unwrap();
    }
    let st = s.stream();
    assert_eq!(st.distributed.u128(), 10);
    assert_eq!(st.claimed.u128(), 9);
    assert_eq!(s.accounting().stream_unclaimed.u128(), 1);
    s.assert_accounting();
}

#[test]
fn claim_touches_only_the_claimants_record() {
    // The storage-op count with 10 vs 1,000 validators is in tests::o1; here: claiming changes the
    // stream record and the claimant's record only.
    let mut s = SuiteBuilder::new().with_stream_period(100).build();
    let alice = s.join(0, THRESHOLD);
    let bob = s.join(1, THRESHOLD);
    s.fund(1_000).unwrap();
    s.advance(100);
    let bob_before = s.staker(&bob);
    s.claim(&alice).unwrap();
    assert_eq!(s.staker(&bob), bob_before);
}

#[test]
fn pagination_of_validators_is_bounded() {
    let mut s = SuiteBuilder::new().with_chain_validators(4).build();
    let mut stakers = vec![];
    for i in 0..4 {
        stakers.push(s.join(i, THRESHOLD));
    }
    stakers.sort();
    let p1 = s.validators(None, Some(3)).validators;
    assert_eq!(p1.len(), 3);
    let last = s.addr("x");
    let _ = last;
    let after = cosmwasm_std::Addr::unchecked(p1[2].staker.clone());
    let p2 = s.validators(Some(&after), Some(3)).validators;
    assert_eq!(p2.len(), 1);
    assert_eq!(p2[0].staker, stakers[3].to_string());
}
