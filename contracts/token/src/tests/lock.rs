//! SPEC §1 withdrawal limit: lock, unlock delay, arbiter slash.

use cosmwasm_std::{Binary, Uint128};
use mesi_types::token::{ExecuteMsg, LockResponse};

use super::suite::*;
use crate::error::ContractError;

fn locked_err(locked: u128, available: u128) -> ContractError {
    ContractError::LockedBalance {
        locked: Uint128::new(locked),
        available: Uint128::new(available),
    }
}

/// alice holds 1,000,000 MESI and locks 999,990: 10 available.
fn locked_suite() -> Suite {
    let mut suite = SuiteBuilder::new().build();
    suite.lock("alice", 999_990 * M).unwrap();
    suite
}

#[test]
fn lock_takes_effect_at_once() {
    let mut suite = SuiteBuilder::new().build();
    let res = suite.lock("alice", 600 * M).unwrap();
    assert!(res
        .events
        .iter()
        .any(|e| e.attributes.iter().any(|a| a.value == "lock")));
    assert_eq!(
        suite.lock_info("alice"),
        LockResponse {
            address: suite.addr("alice").to_string(),
            locked: Uint128::new(600 * M),
            pending_unlock: Uint128::zero(),
            release_at: None,
            available: Uint128::new(999_400 * M),
        }
    );
    // more than the balance cannot be locked
    assert_eq!(
        err(suite.lock("alice", 999_401 * M)),
        ContractError::LockExceedsBalance {
            amount: Uint128::new(999_401 * M),
            balance: Uint128::new(1_000_000 * M),
            locked: Uint128::new(600 * M)
        }
    );
}

#[test]
fn lock_blocks_transfer_below_locked_and_changes_nothing() {
    let mut suite = locked_suite();
    let before = (
        suite.balance("alice"),
        suite.balance("carol"),
        suite.score("alice"),
    );
    assert_eq!(
        err(suite.transfer("alice", "carol", 11 * M)),
        locked_err(999_990 * M, 10 * M)
    );
    assert_eq!(
        (
            suite.balance("alice"),
            suite.balance("carol"),
            suite.score("alice")
        ),
        before
    );
    suite.transfer("alice", "carol", 10 * M).unwrap();
    assert_eq!(
        err(suite.transfer("alice", "carol", 1)),
        locked_err(999_990 * M, 0)
    );
}

#[test]
fn lock_blocks_send() {
    let mut suite = locked_suite();
    assert_eq!(
        err(suite.send("alice", 11 * M, Binary::default())),
        locked_err(999_990 * M, 10 * M)
    );
    assert_eq!(suite.last_hook(), None);
    assert_eq!(suite.balance("alice"), 1_000_000 * M);
}

#[test]
fn lock_blocks_burn() {
    let mut suite = locked_suite();
    assert_eq!(
        err(suite.burn("alice", 11 * M)),
        locked_err(999_990 * M, 10 * M)
    );
    assert_eq!(suite.supply(), 2_000_000 * M);
}

#[test]
fn lock_blocks_transfer_from_send_from_burn_from() {
    let mut suite = locked_suite();
    suite.approve("alice", "bob", 100 * M, None).unwrap();
    assert_eq!(
        err(suite.transfer_from("bob", "alice", "carol", 11 * M)),
        locked_err(999_990 * M, 10 * M)
    );
    let owner = suite.addr("alice").to_string();
    let contract = suite.receiver.to_string();
    assert_eq!(
        err(suite.exec(
            "bob",
            &ExecuteMsg::SendFrom {
                owner: owner.clone(),
                contract,
                amount: Uint128::new(11 * M),
                msg: Binary::default()
            }
        )),
        locked_err(999_990 * M, 10 * M)
    );
    assert_eq!(
        err(suite.exec(
            "bob",
            &ExecuteMsg::BurnFrom {
                owner,
                amount: Uint128::new(11 * M)
            }
        )),
        locked_err(999_990 * M, 10 * M)
    );
    // nothing changed: allowance intact, balances intact
    assert_eq!(suite.allowance("alice", "bob").allowance.u128(), 100 * M);
    assert_eq!(suite.balance("alice"), 1_000_000 * M);
    assert_eq!(suite.supply(), 2_000_000 * M);
}

#[test]
fn unlock_waits_the_unlock_delay() {
    let mut suite = locked_suite();
    let t0 = suite.now();
    suite.unlock("alice", 500_000 * M).unwrap();
    let info = suite.lock_info("alice");
    assert_eq!(info.locked.u128(), 999_990 * M);
    assert_eq!(info.pending_unlock.u128(), 500_000 * M);
    assert_eq!(info.release_at, Some(t0 + 604_800));
    suite.advance(604_799);
    assert_eq!(
        err(suite.transfer("alice", "carol", 11 * M)),
        locked_err(999_990 * M, 10 * M)
    );
    suite.advance(1);
    // free without any further tx (lazy)
    let info = suite.lock_info("alice");
    assert_eq!(info.locked.u128(), 499_990 * M);
    assert_eq!(info.pending_unlock.u128(), 0);
    assert_eq!(info.release_at, None);
    suite.transfer("alice", "carol", 500_010 * M).unwrap();
    assert_eq!(
        err(suite.transfer("alice", "carol", 1)),
        locked_err(499_990 * M, 0)
    );
}

#[test]
fn unlock_again_adds_and_restarts_the_timer() {
    let mut suite = locked_suite();
    suite.unlock("alice", 100 * M).unwrap();
    suite.advance(DAY * 6);
    suite.unlock("alice", 50 * M).unwrap();
    let info = suite.lock_info("alice");
    assert_eq!(info.pending_unlock.u128(), 150 * M);
    assert_eq!(info.release_at, Some(suite.now() + 604_800));
    suite.advance(DAY * 2);
    assert_eq!(suite.lock_info("alice").locked.u128(), 999_990 * M);
    suite.advance(DAY * 5);
    assert_eq!(suite.lock_info("alice").locked.u128(), 999_840 * M);
    // unlock more than locked is refused
    assert_eq!(
        err(suite.unlock("alice", 999_841 * M)),
        ContractError::UnlockExceedsLocked {
            amount: Uint128::new(999_841 * M),
            locked: Uint128::new(999_840 * M),
            pending: Uint128::zero()
        }
    );
}

#[test]
fn slash_takes_locked_tokens_to_the_treasury() {
    let mut suite = SuiteBuilder::new().build();
    suite.lock("alice", 1_000 * M).unwrap();
    let res = suite.slash("arbiter", "alice", 400 * M, None).unwrap();
    assert!(res.events.iter().any(|e| e
        .attributes
        .iter()
        .any(|a| a.key == "action" && a.value == "slash")));
    assert_eq!(suite.balance("treasury"), 400 * M);
    assert_eq!(suite.balance("alice"), 999_600 * M);
    assert_eq!(suite.lock_info("alice").locked.u128(), 600 * M);
    assert_eq!(suite.supply(), 2_000_000 * M);
    // more than locked
    assert_eq!(
        err(suite.slash("arbiter", "alice", 601 * M, None)),
        ContractError::SlashExceedsLocked {
            amount: Uint128::new(601 * M),
            locked: Uint128::new(600 * M)
        }
    );
}

#[test]
fn slash_splits_among_named_victims() {
    let mut suite = SuiteBuilder::new().build();
    suite.lock("alice", 1_000 * M).unwrap();
    suite
        .slash(
            "arbiter",
            "alice",
            300 * M,
            Some(vec![("v1", 100 * M), ("v2", 200 * M)]),
        )
        .unwrap();
    assert_eq!(suite.balance("v1"), 100 * M);
    assert_eq!(suite.balance("v2"), 200 * M);
    assert_eq!(suite.balance("treasury"), 0);
    assert_eq!(
        err(suite.slash(
            "arbiter",
            "alice",
            300 * M,
            Some(vec![("v1", 100 * M), ("v2", 100 * M)])
        )),
        ContractError::SlashSplitMismatch {
            sum: Uint128::new(200 * M),
            amount: Uint128::new(300 * M)
        }
    );
    assert_eq!(
        err(suite.slash(
            "arbiter",
            "alice",
            200 * M,
            Some(vec![("v1", 100 * M), ("v1", 100 * M)])
        )),
        ContractError::DuplicateRecipient {
            address: suite.addr("v1").to_string()
        }
    );
    assert!(matches!(
        err(suite.slash("arbiter", "alice", 200 * M, Some(vec![]))),
        ContractError::InvalidRecipientCount { .. }
    ));
    assert_eq!(suite.lock_info("alice").locked.u128(), 700 * M);
}

#[test]
fn slash_includes_pending_unlock_and_clamps_it() {
    let mut suite = SuiteBuilder::new().build();
    suite.lock("alice", 1_000 * M).unwrap();
    suite.unlock("alice", 800 * M).unwrap();
    suite.slash("arbiter", "alice", 900 * M, None).unwrap();
    let info = suite.lock_info("alice");
    assert_eq!(info.locked.u128(), 100 * M);
    assert_eq!(info.pending_unlock.u128(), 100 * M);
}

#[test]
fn slash_is_arbiter_only() {
    let mut suite = SuiteBuilder::new().build();
    suite.lock("alice", 1_000 * M).unwrap();
    for who in ["alice", "owner", "treasury", "minter"] {
        assert_eq!(
            err(suite.slash(who, "alice", M, None)),
            ContractError::Unauthorized {}
        );
    }
    assert_eq!(suite.lock_info("alice").locked.u128(), 1_000 * M);
}

/// Slash bounds at their edges (mutation-found, issue 19 §7): the arbiter may slash exactly the whole lock
/// (`amount == locked`), and may name exactly `MAX_SLASH_RECIPIENTS` victims, but not one more.
#[test]
fn slash_takes_exactly_the_whole_lock_and_names_at_most_twenty_victims() {
    let mut suite = SuiteBuilder::new().build();
    suite.lock("alice", 1_000 * M).unwrap();
    let names: Vec<String> = (0..=crate::state::MAX_SLASH_RECIPIENTS)
        .map(|i| format!("victim{i}"))
        .collect();
    let max = crate::state::MAX_SLASH_RECIPIENTS as usize;
    let split =
        |n: usize| -> Vec<(&str, u128)> { names[..n].iter().map(|v| (v.as_str(), M)).collect() };
    // one more than the most: refused, nothing moves
    assert_eq!(
        err(suite.slash(
            "arbiter",
            "alice",
            (max as u128 + 1) * M,
            Some(split(max + 1))
        )),
        ContractError::InvalidRecipientCount {
            max: crate::state::MAX_SLASH_RECIPIENTS
        }
    );
    assert_eq!(suite.lock_info("alice").locked.u128(), 1_000 * M);
    // exactly the most: accepted, each victim paid
    suite
        .slash("arbiter", "alice", max as u128 * M, Some(split(max)))
        .unwrap();
    assert!(names[..max].iter().all(|v| suite.balance(v) == M));
    // exactly what is left locked: accepted, the lock is empty
    let left = suite.lock_info("alice").locked.u128();
    assert_eq!(left, 1_000 * M - max as u128 * M);
    suite.slash("arbiter", "alice", left, None).unwrap();
    assert_eq!(suite.lock_info("alice").locked.u128(), 0);
    assert_eq!(suite.balance("treasury"), left);
}
