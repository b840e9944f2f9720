//! SPEC §1 (ours), issue 12 §2, cw-plus #909: an allowance that has expired counts as absent
//! when it is increased or decreased, so it can never come back to life.

use cosmwasm_std::Uint128;
use cw20::{AllowanceResponse, Expiration};
use mesi_types::token::ExecuteMsg;

use super::suite::*;
use crate::error::ContractError;

/// alice allows bob 100 MESI expiring at height H; the chain is then at H + 1.
fn expired_suite() -> (Suite, u64) {
    let mut suite = SuiteBuilder::new().build();
    let h = suite.app.block_info().height + 10;
    suite
        .approve("alice", "bob", 100 * M, Some(Expiration::AtHeight(h)))
        .unwrap();
    suite.app.update_block(|b| {
        b.height = h + 1;
        b.time = b.time.plus_seconds(60);
    });
    (suite, h)
}

fn decrease(suite: &mut Suite, amount: u128, expires: Option<Expiration>) -> Res {
    let spender = suite.addr("bob").to_string();
    suite.exec(
        "alice",
        &ExecuteMsg::DecreaseAllowance {
            spender,
            amount: Uint128::new(amount),
            expires,
        },
    )
}

fn live(amount: u128) -> AllowanceResponse {
    AllowanceResponse {
        allowance: Uint128::new(amount),
        expires: Expiration::Never {},
    }
}

#[test]
fn expired_allowance_never_counts_toward_a_new_one() {
    // increase 50 with "expires":{"never":{}} -> 50, never (was 150, spendable)
    let (mut suite, _) = expired_suite();
    suite
        .approve("alice", "bob", 50 * M, Some(Expiration::Never {}))
        .unwrap();
    assert_eq!(suite.allowance("alice", "bob"), live(50 * M));
    assert_eq!(
        err(suite.transfer_from("bob", "alice", "carol", 50 * M + 1)),
        ContractError::InsufficientAllowance {
            allowance: Uint128::new(50 * M),
            amount: Uint128::new(50 * M + 1),
        }
    );
    suite
        .transfer_from("bob", "alice", "carol", 50 * M)
        .unwrap();
    assert_eq!(suite.balance("carol"), 50 * M);
}

#[test]
fn increasing_an_expired_allowance_without_expiry_starts_a_fresh_one() {
    // increase 50 naming no expiry -> 50, never (was 150 expiring at H: dead but shown)
    let (mut suite, _) = expired_suite();
    suite.approve("alice", "bob", 50 * M, None).unwrap();
    assert_eq!(suite.allowance("alice", "bob"), live(50 * M));
    suite
        .transfer_from("bob", "alice", "carol", 50 * M)
        .unwrap();
}

#[test]
fn decreasing_an_expired_allowance_removes_it() {
    // decrease 30 after expiry -> removed (was 70, revived if a new expiry is given)
    let (mut suite, h) = expired_suite();
    decrease(&mut suite, 30 * M, None).unwrap();
    assert_eq!(
        suite.allowance("alice", "bob"),
        AllowanceResponse::default()
    );
    assert!(suite.all_allowances("alice").is_empty());
    // nothing left to revive: a second decrease finds no allowance
    assert_eq!(
        err(decrease(
            &mut suite,
            30 * M,
            Some(Expiration::AtHeight(h + 100))
        )),
        ContractError::NoAllowance {}
    );
    // and a decrease naming a new expiry removes it too (no revival)
    let (mut suite, h) = expired_suite();
    decrease(&mut suite, 30 * M, Some(Expiration::AtHeight(h + 100))).unwrap();
    assert_eq!(
        suite.allowance("alice", "bob"),
        AllowanceResponse::default()
    );
    assert_eq!(
        err(suite.transfer_from("bob", "alice", "carol", M)),
        ContractError::NoAllowance {}
    );
}

#[test]
fn an_expired_allowance_stays_unspendable() {
    let (mut suite, _) = expired_suite();
    let owner = suite.addr("alice").to_string();
    let contract = suite.receiver.to_string();
    assert_eq!(
        err(suite.transfer_from("bob", "alice", "carol", M)),
        ContractError::Expired {}
    );
    assert_eq!(
        err(suite.exec(
            "bob",
            &ExecuteMsg::SendFrom {
                owner: owner.clone(),
                contract,
                amount: Uint128::new(M),
                msg: Default::default(),
            }
        )),
        ContractError::Expired {}
    );
    assert_eq!(
        err(suite.exec(
            "bob",
            &ExecuteMsg::BurnFrom {
                owner,
                amount: Uint128::new(M)
            }
        )),
        ContractError::Expired {}
    );
    assert_eq!(suite.balance("alice"), 1_000_000 * M);
    assert_eq!(suite.balance("carol"), 0);
}

#[test]
fn a_live_allowance_still_accumulates_and_keeps_its_expiry() {
    // the unchanged cw20 behaviour before expiry: 100 + 50 = 150, expiry kept
    let mut suite = SuiteBuilder::new().build();
    let h = suite.app.block_info().height + 10;
    suite
        .approve("alice", "bob", 100 * M, Some(Expiration::AtHeight(h)))
        .unwrap();
    suite.approve("alice", "bob", 50 * M, None).unwrap();
    assert_eq!(
        suite.allowance("alice", "bob"),
        AllowanceResponse {
            allowance: Uint128::new(150 * M),
            expires: Expiration::AtHeight(h),
        }
    );
    decrease(&mut suite, 30 * M, None).unwrap();
    assert_eq!(suite.allowance("alice", "bob").allowance.u128(), 120 * M);
}
