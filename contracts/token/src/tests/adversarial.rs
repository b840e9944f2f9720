//! Adversarial: unauthorised senders, funds attached, bad addresses, zero and MAX amounts.

use cosmwasm_std::{coins, Uint128};
use cw_multi_test::Executor;
use cw_utils::PaymentError;
use mesi_types::token::ExecuteMsg;

use super::suite::*;
use crate::error::ContractError;

#[test]
fn funds_attached_are_rejected() {
    let mut suite = SuiteBuilder::new().build();
    let alice = suite.addr("alice");
    let token = suite.token.clone();
    let msg = ExecuteMsg::Transfer {
        recipient: suite.addr("bob").to_string(),
        amount: Uint128::new(M),
    };
    let e = suite
        .app
        .execute_contract(alice, token, &msg, &coins(10, "ucosm"))
        .unwrap_err()
        .downcast::<ContractError>()
        .unwrap();
    assert_eq!(e, ContractError::Payment(PaymentError::NonPayable {}));
    assert_eq!(suite.balance("bob"), 1_000_000 * M);
    // at instantiate too
    let msg = SuiteBuilder::new().instantiate_msg(&suite.app);
    let code = suite.code;
    let alice = suite.addr("alice");
    assert!(suite
        .app
        .instantiate_contract(code, alice, &msg, &coins(1, "ucosm"), "x", None)
        .is_err());
}

#[test]
fn unauthorised_mint_slash_and_update_config_are_rejected() {
    let mut suite = SuiteBuilder::new().build();
    suite.lock("alice", 10 * M).unwrap();
    assert_eq!(
        err(suite.mint("alice", "alice", M)),
        ContractError::Unauthorized {}
    );
    assert_eq!(
        err(suite.mint("owner", "alice", M)),
        ContractError::Unauthorized {}
    );
    assert_eq!(
        err(suite.slash("alice", "alice", M, None)),
        ContractError::Unauthorized {}
    );
    assert!(matches!(
        err(suite.exec(
            "arbiter",
            &ExecuteMsg::UpdateConfig {
                marketplace: None,
                arbiter: None,
                treasury: None,
                unlock_delay: Some(1),
                tiers: None
            }
        )),
        ContractError::Ownership(_)
    ));
    assert_eq!(suite.supply(), 2_000_000 * M);
    assert_eq!(suite.lock_info("alice").locked.u128(), 10 * M);
    assert_eq!(suite.config().unlock_delay, 604_800);
}

#[test]
fn upper_case_and_foreign_prefix_addresses_are_rejected() {
    let mut suite = SuiteBuilder::new().build();
    let good = suite.addr("carol").to_string();
    let upper = good.to_uppercase();
    let foreign = "osmo186kh7c0k0gh4ww0wh4jqc4yhzu7n7dhswe845d".to_string();
    for bad in [upper, foreign, "".to_string(), "carol".to_string()] {
        assert!(matches!(
            err(suite.exec(
                "alice",
                &ExecuteMsg::Transfer {
                    recipient: bad.clone(),
                    amount: Uint128::new(M)
                }
            )),
            ContractError::Std(_)
        ));
        assert!(matches!(
            err(suite.exec(
                "alice",
                &ExecuteMsg::IncreaseAllowance {
                    spender: bad.clone(),
                    amount: Uint128::new(M),
                    expires: None
                }
            )),
            ContractError::Std(_)
        ));
        assert!(matches!(
            err(suite.exec(
                "minter",
                &ExecuteMsg::Mint {
                    recipient: bad.clone(),
                    amount: Uint128::new(M)
                }
            )),
            ContractError::Std(_)
        ));
        assert!(suite
            .q::<cw20::BalanceResponse>(&mesi_types::token::QueryMsg::Balance {
                address: bad.clone()
            })
            .is_err());
    }
    assert_eq!(suite.balance("alice"), 1_000_000 * M);
    assert_eq!(suite.accounts(None, Some(100)).len(), 2);
}

#[test]
fn zero_amounts_are_rejected() {
    let mut suite = SuiteBuilder::new().build();
    let z = ContractError::InvalidZeroAmount {};
    assert_eq!(err(suite.transfer("alice", "bob", 0)), z);
    assert_eq!(err(suite.burn("alice", 0)), z);
    assert_eq!(err(suite.mint("minter", "bob", 0)), z);
    assert_eq!(err(suite.lock("alice", 0)), z);
    assert_eq!(err(suite.unlock("alice", 0)), z);
    assert_eq!(err(suite.approve("alice", "bob", 0, None)), z);
    suite.approve("alice", "bob", M, None).unwrap();
    assert_eq!(err(suite.transfer_from("bob", "alice", "carol", 0)), z);
    suite.lock("alice", M).unwrap();
    assert_eq!(err(suite.slash("arbiter", "alice", 0, None)), z);
    assert_eq!(
        err(suite.slash("arbiter", "alice", M, Some(vec![("v", M), ("w", 0)]))),
        z
    );
}

#[test]
fn uint128_max_amounts_fail_cleanly() {
    let mut suite = SuiteBuilder::new().build();
    let max = u128::MAX;
    assert!(matches!(
        err(suite.transfer("alice", "bob", max)),
        ContractError::InsufficientFunds { .. }
    ));
    assert!(matches!(
        err(suite.burn("alice", max)),
        ContractError::InsufficientFunds { .. }
    ));
    assert_eq!(
        err(suite.mint("minter", "bob", max)),
        ContractError::SupplyOverflow {}
    );
    assert!(matches!(
        err(suite.lock("alice", max)),
        ContractError::LockExceedsBalance { .. }
    ));
    suite.approve("alice", "bob", max, None).unwrap();
    assert!(suite.approve("alice", "bob", 1, None).is_err());
    assert!(matches!(
        err(suite.transfer_from("bob", "alice", "carol", max)),
        ContractError::InsufficientFunds { .. }
    ));
    suite.lock("alice", M).unwrap();
    assert!(matches!(
        err(suite.unlock("alice", max)),
        ContractError::UnlockExceedsLocked { .. }
    ));
    assert!(matches!(
        err(suite.slash("arbiter", "alice", max, None)),
        ContractError::SlashExceedsLocked { .. }
    ));
    assert_eq!(suite.supply(), 2_000_000 * M);
    assert_eq!(suite.balance("alice"), 1_000_000 * M);
}

#[test]
fn duplicate_allocation_addresses_are_rejected() {
    let app = cw_multi_test::App::default();
    let mut msg = SuiteBuilder::new().instantiate_msg(&app);
    msg.allocations[1].address = msg.allocations[0].address.clone();
    let mut suite = SuiteBuilder::new().build();
    let code = suite.code;
    let owner = suite.owner.clone();
    let e = suite
        .app
        .instantiate_contract(code, owner, &msg, &[], "dup", None)
        .unwrap_err()
        .downcast::<ContractError>()
        .unwrap();
    assert!(matches!(e, ContractError::DuplicateAllocation { .. }));
}

#[test]
fn slashing_an_account_without_lock_fails() {
    let mut suite = SuiteBuilder::new().build();
    assert_eq!(
        err(suite.slash("arbiter", "bob", M, None)),
        ContractError::SlashExceedsLocked {
            amount: Uint128::new(M),
            locked: Uint128::zero()
        }
    );
    assert_eq!(suite.balance("bob"), 1_000_000 * M);
}
