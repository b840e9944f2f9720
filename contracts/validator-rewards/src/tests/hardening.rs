//! Issue 12 (hardening from outside checks), one test per rule with the issue's values:
//! §3 unbonding stake stays slashable, §4 only the operator's own account applies, §7 dust funding
//! never postpones the stream, §7 sweep of exactly the surplus and work-epoch claim deadlines,
//! §6 amounts that round to zero are refused, never silently consumed.

use cosmwasm_std::{Addr, Uint128};
use mesi_types::validator_rewards::{Penalty, ReceiveMsg, ValidatorStatus};

use super::suite::*;
use crate::error::ContractError;

/// The devnet's supply (100,000,000,000 MESI): 25 bps = 250,000,000 MESI.
const DEVNET_SUPPLY: u128 = 100_000_000_000 * M;
const STAKE: u128 = 250_000_000 * M;
const HALF: Penalty = Penalty::Bps { bps: 5_000 };

/// Validator 0 whitelisted with 250,000,000 MESI by its operator account.
fn devnet() -> (Suite, Addr, String) {
    let mut s = SuiteBuilder::new().with_supply(DEVNET_SUPPLY).build();
    let op = s.join(0, STAKE);
    let v0 = s.v(0);
    (s, op, v0)
}

fn unbonding_total(s: &Suite, who: &Addr) -> u128 {
    s.unbondings(who)
        .entries
        .iter()
        .map(|e| e.amount.u128())
        .sum()
}

// ---- §3 unbonding stake stays slashable until paid out ----

#[test]
fn unbonding_stake_stays_slashable_after_leave() {
    let (mut s, op, v0) = devnet();
    s.leave(&op).unwrap();
    let t0 = s.balance(&s.treasury.clone());
    s.slash(&v0, HALF).unwrap();
    assert_eq!(s.balance(&s.treasury.clone()) - t0, 125_000_000 * M);
    assert_eq!(unbonding_total(&s, &op), 125_000_000 * M);
    assert_eq!(s.staker(&op).status, ValidatorStatus::Left);
    s.assert_accounting();
    s.advance(21 * DAY);
    s.claim_unbonded(&op).unwrap();
    assert_eq!(s.balance(&op), 125_000_000 * M);
    // Paid out: nothing left to slash.
    assert_eq!(
        s.slash(&v0, HALF).unwrap_err(),
        ContractError::ValidatorNotFound { validator: v0 }
    );
    s.assert_accounting();
}

#[test]
fn slash_takes_bonded_stake_first_then_unbonding_entries() {
    // Partial unstake of 100,000,000: the penalty (50% of 250,000,000) fits the bonded 150,000,000.
    let (mut s, op, v0) = devnet();
    s.unstake(&op, 100_000_000 * M).unwrap();
    let t0 = s.balance(&s.treasury.clone());
    s.slash(&v0, HALF).unwrap();
    assert_eq!(s.balance(&s.treasury.clone()) - t0, 125_000_000 * M);
    let u: Vec<u128> = s
        .unbondings(&op)
        .entries
        .iter()
        .map(|e| e.amount.u128())
        .collect();
    assert_eq!(u, vec![100_000_000 * M, 25_000_000 * M]);
    assert_eq!(s.staker(&op).status, ValidatorStatus::Removed);
    s.advance(21 * DAY);
    s.claim_unbonded(&op).unwrap();
    assert_eq!(s.balance(&op), 125_000_000 * M);
    s.assert_accounting();

    // Partial unstake of 200,000,000: 50,000,000 bonded, then 75,000,000 from the entry.
    let (mut s, op, v0) = devnet();
    s.unstake(&op, 200_000_000 * M).unwrap();
    let t0 = s.balance(&s.treasury.clone());
    s.slash(&v0, HALF).unwrap();
    assert_eq!(s.balance(&s.treasury.clone()) - t0, 125_000_000 * M);
    let u: Vec<u128> = s
        .unbondings(&op)
        .entries
        .iter()
        .map(|e| e.amount.u128())
        .collect();
    assert_eq!(u, vec![125_000_000 * M]);
    assert_eq!(s.stream().total_staked.u128(), 0);
    s.advance(21 * DAY);
    s.claim_unbonded(&op).unwrap();
    assert_eq!(s.balance(&op), 125_000_000 * M);
    s.assert_accounting();
}

#[test]
fn slash_amount_reaches_unbonding_stake_and_empties_entries_oldest_first() {
    let (mut s, op, v0) = devnet();
    s.unstake(&op, 10 * M).unwrap();
    s.advance(DAY);
    s.unstake(&op, 20 * M).unwrap();
    s.leave(&op).unwrap();
    let before = s.dump();
    assert!(matches!(
        s.slash(
            &v0,
            Penalty::Amount {
                amount: Uint128::new(STAKE + 1)
            }
        ),
        Err(ContractError::InvalidPenalty { .. })
    ));
    assert_eq!(s.dump(), before);
    s.slash(
        &v0,
        Penalty::Amount {
            amount: Uint128::new(15 * M),
        },
    )
    .unwrap();
    let u: Vec<u128> = s
        .unbondings(&op)
        .entries
        .iter()
        .map(|e| e.amount.u128())
        .collect();
    assert_eq!(u, vec![15 * M, STAKE - 30 * M]);
    assert_eq!(s.validator_unbonding_entries(&op), 2);
    s.assert_accounting();
}

#[test]
fn rewards_earned_before_a_slash_of_unbonding_stake_stay_exact() {
    let mut s = SuiteBuilder::new().build();
    let alice = s.join(0, THRESHOLD);
    let bob = s.join(1, THRESHOLD);
    s.fund(3_000 * M).unwrap();
    s.advance(15 * DAY);
    s.leave(&alice).unwrap();
    let earned = s.pending(&alice);
    assert_eq!(earned, 750 * M);
    s.slash(&s.v(0), HALF).unwrap();
    // Settled before: the slash of unbonding stake moves no reward.
    assert_eq!(s.pending(&alice), earned);
    s.advance(15 * DAY);
    assert_eq!(s.pending(&alice), earned);
    assert_eq!(s.pending(&bob), 2_250 * M);
    s.claim(&alice).unwrap();
    s.claim(&bob).unwrap();
    s.assert_accounting();
}

#[test]
fn unbonding_entries_per_validator_are_bounded_so_a_slash_walks_at_most_the_limit() {
    let mut s = SuiteBuilder::new().with_max_pending_unbondings(3).build();
    let alice = s.join(0, 10 * THRESHOLD);
    for _ in 0..3 {
        s.unstake(&alice, M).unwrap();
    }
    assert_eq!(
        s.unstake(&alice, M).unwrap_err(),
        ContractError::TooManyUnbondings { max: 3 }
    );
    // The owner's slash never fails on the bound: the rest merges into the newest entry.
    s.slash(&s.v(0), HALF).unwrap();
    assert_eq!(s.unbondings(&alice).entries.len(), 3);
    s.assert_accounting();
}

// ---- §4 only the validator's own operator account may apply ----

#[test]
fn only_the_validators_own_operator_account_may_apply() {
    let mut s = SuiteBuilder::new().with_supply(DEVNET_SUPPLY).build();
    let liquidity = s.addr("liquidity");
    s.give(&liquidity, STAKE);
    let v0 = s.v(0);
    let before = s.dump();
    assert_eq!(
        s.apply(&liquidity, &v0, STAKE).unwrap_err(),
        ContractError::NotValidatorOperator {
            staker: liquidity.to_string(),
            validator: v0.clone()
        }
    );
    assert_eq!(s.dump(), before);
    assert_eq!(s.balance(&liquidity), STAKE);
    // The operator of validator 0 (same address bytes) applies.
    let op = s.operator_of(0);
    s.give(&op, STAKE);
    s.apply(&op, &v0, STAKE).unwrap();
    assert_eq!(s.validator(&v0).staker, op.to_string());
}

// ---- §7 dust funding never postpones what is streaming ----

#[test]
fn dust_funding_never_postpones_what_is_already_streaming() {
    let mut s = SuiteBuilder::new().build();
    let alice = s.join(0, THRESHOLD);
    s.fund(3_000 * M).unwrap();
    let dust = s.addr("dust");
    s.give(&dust, 100);
    for day in 1..=30u128 {
        s.advance(DAY);
        s.send(&dust, 1, &ReceiveMsg::Fund {}).unwrap();
        // Never behind the 30-day stream of 3,000 MESI alone.
        let d = s.stream().distributed.u128();
        assert!(d >= 3_000 * M * day / 30, "day {day}: {d}");
    }
    s.claim(&alice).unwrap();
    assert!(s.balance(&alice) >= 3_000 * M, "{}", s.balance(&alice));
    s.assert_accounting();
}

#[test]
fn a_new_funding_streams_at_its_own_rate_on_top_of_the_current_one() {
    let mut s = SuiteBuilder::new().build();
    s.join(0, THRESHOLD);
    s.fund(3_000 * M).unwrap();
    s.advance(20 * DAY);
    // 2,000 released, 1,000 left over 10 days (100/day); +3,000 over 30 days (100/day).
    s.fund(3_000 * M).unwrap();
    s.advance(10 * DAY);
    let d = s.stream().distributed.u128();
    assert!(d >= 2_000 * M + 1_000 * M + 1_000 * M, "{d}");
    s.advance(30 * DAY);
    assert_eq!(s.stream().distributed.u128(), 6_000 * M);
    s.assert_accounting();
}

// ---- §7 sweep of exactly the surplus ----

#[test]
fn sweep_takes_exactly_the_surplus_and_never_an_owed_base_unit() {
    let mut s = SuiteBuilder::new().build();
    let alice = s.join(0, THRESHOLD);
    s.fund(1_000 * M).unwrap();
    s.fund_epoch(1, 50 * M).unwrap();
    s.advance(3 * DAY);
    s.unstake(&alice, M).unwrap();
    assert_eq!(
        s.sweep(&s.owner.clone()).unwrap_err(),
        ContractError::NothingToSweep {
            denom: "mesi".to_string(),
            balance: Uint128::new(s.accounting().balance.u128()),
            owed: Uint128::new(s.accounting().balance.u128()),
        }
    );
    let market = s.market.clone();
    s.transfer_to_contract(&market, 7);
    assert_eq!(s.accounting().surplus.u128(), 7);
    let mallory = s.addr("mallory");
    assert!(matches!(
        s.sweep(&mallory).unwrap_err(),
        ContractError::Ownership(_)
    ));
    let owner = s.owner.clone();
    let o0 = s.balance(&owner);
    s.sweep(&owner).unwrap();
    assert_eq!(s.balance(&owner) - o0, 7);
    // Everything left is owed: the next base unit cannot be swept.
    s.assert_accounting();
    assert!(matches!(
        s.sweep(&owner).unwrap_err(),
        ContractError::NothingToSweep { .. }
    ));
    s.advance(30 * DAY);
    s.claim(&alice).unwrap();
    s.assert_accounting();
}

#[test]
fn a_stray_native_coin_is_swept_whole_and_the_mesi_books_are_untouched() {
    let mut s = SuiteBuilder::new().build();
    let alice = s.join(0, THRESHOLD);
    s.fund(1_000 * M).unwrap();
    s.advance(3 * DAY);
    let owner = s.owner.clone();
    // Nothing of a coin the contract never received.
    assert_eq!(
        s.sweep_native(&owner, "ustake").unwrap_err(),
        ContractError::NothingToSweep {
            denom: "ustake".to_string(),
            balance: Uint128::zero(),
            owed: Uint128::zero(),
        }
    );
    s.bank_send_to_contract(1_234, "ustake");
    s.bank_send_to_contract(5, "ibc/ABC");
    let mallory = s.addr("mallory");
    let before = s.dump();
    assert!(matches!(
        s.sweep_native(&mallory, "ustake").unwrap_err(),
        ContractError::Ownership(_)
    ));
    assert_eq!(
        s.sweep_native(&owner, "u$").unwrap_err(),
        ContractError::InvalidDenom {
            denom: "u$".to_string()
        }
    );
    assert_eq!(s.dump(), before);
    let mesi_accounting = s.accounting();
    let r = s.sweep_native(&owner, "ustake").unwrap();
    assert_eq!(s.bank_balance(&owner, "ustake"), 1_234);
    assert_eq!(s.bank_balance(&s.contract.clone(), "ustake"), 0);
    assert!(r.events.iter().any(|e| e
        .attributes
        .iter()
        .any(|a| a.key == "denom" && a.value == "ustake")));
    // Only that denom moved; the MESI books and balance are as they were.
    assert_eq!(s.bank_balance(&s.contract.clone(), "ibc/ABC"), 5);
    assert_eq!(s.accounting(), mesi_accounting);
    s.sweep_native(&owner, "ibc/ABC").unwrap();
    assert_eq!(s.bank_balance(&owner, "ibc/ABC"), 5);
    assert!(matches!(
        s.sweep_native(&owner, "ustake").unwrap_err(),
        ContractError::NothingToSweep { .. }
    ));
    s.advance(30 * DAY);
    s.claim(&alice).unwrap();
    s.assert_accounting();
}

#[test]
fn an_empty_sweep_message_still_means_the_mesi_surplus() {
    let msg: mesi_types::validator_rewards::ExecuteMsg =
        cosmwasm_std::from_json(br#"{"sweep":{}}"#).unwrap();
    assert_eq!(
        msg,
        mesi_types::validator_rewards::ExecuteMsg::Sweep { denom: None }
    );
}

// ---- §7 work epochs get a claim deadline ----

#[test]
fn unclaimed_work_share_returns_to_the_stream_after_the_claim_deadline() {
    let mut s = SuiteBuilder::new().build();
    let staker = s.join(0, THRESHOLD);
    let alice = s.addr("compute-a");
    let worker = s.addr("compute-b");
    s.report(1, &[(&alice, 1), (&worker, 3)]).unwrap();
    s.fund_epoch(1, 400 * M).unwrap();
    s.close(1).unwrap();
    assert_eq!(s.config().claim_deadline, 365 * DAY);
    let e = s.epoch(1);
    assert_eq!(e.claim_until, Some(s.now() + 365 * DAY));
    s.claim_work(&alice, &[1]).unwrap();
    assert_eq!(s.balance(&alice), 100 * M);
    s.advance(365 * DAY - 1);
    assert_eq!(
        s.expire_epoch(1).unwrap_err(),
        ContractError::ClaimWindowOpen {
            epoch: 1,
            until: s.now() + 1
        }
    );
    s.advance(1);
    let before = s.dump();
    assert_eq!(
        s.claim_work(&worker, &[1]).unwrap_err(),
        ContractError::EpochExpired { epoch: 1 }
    );
    assert_eq!(s.dump(), before);
    let funded = s.stream().funded.u128();
    s.expire_epoch(1).unwrap();
    assert_eq!(s.stream().funded.u128() - funded, 300 * M);
    assert!(s.epoch(1).expired);
    assert_eq!(s.accounting().work_unclaimed.u128(), 0);
    assert_eq!(
        s.claim_work(&worker, &[1]).unwrap_err(),
        ContractError::EpochExpired { epoch: 1 }
    );
    assert_eq!(
        s.expire_epoch(1).unwrap_err(),
        ContractError::EpochExpired { epoch: 1 }
    );
    // The share is streamed to the stakers.
    s.advance(30 * DAY);
    s.claim(&staker).unwrap();
    assert!(s.balance(&staker) >= 300 * M - 1);
    s.assert_accounting();
}

#[test]
fn an_open_epoch_cannot_be_expired() {
    let mut s = SuiteBuilder::new().with_claim_deadline(DAY).build();
    let w = s.addr("compute");
    s.report(1, &[(&w, 1)]).unwrap();
    s.advance(10 * DAY);
    assert_eq!(
        s.expire_epoch(1).unwrap_err(),
        ContractError::EpochNotClosed { epoch: 1 }
    );
    assert_eq!(
        s.expire_epoch(2).unwrap_err(),
        ContractError::EpochNotFound { epoch: 2 }
    );
}

// ---- §6 amounts that round to zero are refused, never silently consumed ----

#[test]
fn a_work_share_that_rounds_to_zero_is_refused_and_not_marked_claimed() {
    let mut s = SuiteBuilder::new().with_claim_deadline(DAY).build();
    s.join(0, THRESHOLD);
    let a = s.addr("compute-a");
    let b = s.addr("compute-b");
    s.report(1, &[(&a, 1), (&b, 3)]).unwrap();
    s.fund_epoch(1, 2).unwrap();
    s.close(1).unwrap();
    // floor(2 * 1 / 4) = 0.
    let before = s.dump();
    assert_eq!(
        s.claim_work(&a, &[1]).unwrap_err(),
        ContractError::ZeroWorkShare { epoch: 1 }
    );
    assert_eq!(s.dump(), before);
    assert!(!s.contributor(&a, 1).claimed);
    s.claim_work(&b, &[1]).unwrap();
    assert_eq!(s.balance(&b), 1);
    // The base unit nobody could claim returns to the stream at the deadline.
    s.advance(DAY);
    let funded = s.stream().funded.u128();
    s.expire_epoch(1).unwrap();
    assert_eq!(s.stream().funded.u128() - funded, 1);
    s.assert_accounting();
}
