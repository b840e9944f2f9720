//! Issue 12 §7, tokens with no way out: native coins sent to the token by a plain bank send
//! leave only through the owner's `sweep {denom}`, whole and to the owner; $MESI balances never move.

use cosmwasm_std::{coin, coins};
use cw_multi_test::{BankSudo, Executor, SudoMsg};
use cw_ownable::OwnershipError;
use mesi_types::token::ExecuteMsg;

use super::suite::*;
use crate::error::ContractError;

fn bank_send_to_token(suite: &mut Suite, amount: u128, denom: &str) {
    let to = suite.token.to_string();
    suite
        .app
        .sudo(SudoMsg::Bank(BankSudo::Mint {
            to_address: to,
            amount: coins(amount, denom),
        }))
        .unwrap();
}

fn bank(suite: &Suite, who: &cosmwasm_std::Addr, denom: &str) -> u128 {
    suite
        .app
        .wrap()
        .query_balance(who, denom)
        .unwrap()
        .amount
        .u128()
}

fn sweep(denom: &str) -> ExecuteMsg {
    ExecuteMsg::Sweep {
        denom: denom.to_string(),
    }
}

#[test]
fn a_sweep_sends_the_owner_the_whole_bank_balance_of_a_stray_denom_and_nothing_else() {
    let mut suite = SuiteBuilder::new().build();
    bank_send_to_token(&mut suite, 1_234, "uusdc");
    bank_send_to_token(&mut suite, 9, "ufoo");
    let owner = suite.owner.clone();
    let token = suite.token.clone();
    let supply = suite.supply();
    let alice_mesi = suite.balance("alice");
    let owner_before = bank(&suite, &owner, "uusdc");

    let res = suite.exec_addr(&owner, &sweep("uusdc")).unwrap();
    assert!(res.events.iter().any(|e| e
        .attributes
        .iter()
        .any(|a| a.key == "amount" && a.value == "1234")));
    assert_eq!(bank(&suite, &owner, "uusdc"), owner_before + 1_234);
    assert_eq!(bank(&suite, &token, "uusdc"), 0);
    // another denom is untouched until it is swept by name; $MESI books do not move
    assert_eq!(bank(&suite, &token, "ufoo"), 9);
    assert_eq!(suite.supply(), supply);
    assert_eq!(suite.balance("alice"), alice_mesi);

    // a second sweep finds nothing
    assert_eq!(
        err(suite.exec_addr(&owner, &sweep("uusdc"))),
        ContractError::NothingToSweep {
            denom: "uusdc".into()
        }
    );
}

#[test]
fn only_the_owner_sweeps_and_a_refused_sweep_moves_nothing() {
    let mut suite = SuiteBuilder::new().build();
    bank_send_to_token(&mut suite, 500, "uusdc");
    let token = suite.token.clone();
    for who in ["alice", "arbiter"] {
        assert_eq!(
            err(suite.exec(who, &sweep("uusdc"))),
            ContractError::Ownership(OwnershipError::NotOwner)
        );
    }
    assert_eq!(bank(&suite, &token, "uusdc"), 500);
    // funds attached to a sweep are refused like on every other execute
    let owner = suite.owner.clone();
    suite
        .app
        .sudo(SudoMsg::Bank(BankSudo::Mint {
            to_address: owner.to_string(),
            amount: coins(5, "uusdc"),
        }))
        .unwrap();
    assert!(suite
        .app
        .execute_contract(
            owner.clone(),
            token.clone(),
            &sweep("uusdc"),
            &[coin(5, "uusdc")]
        )
        .is_err());
    assert_eq!(bank(&suite, &token, "uusdc"), 500);
    // a denom the token does not hold (or no denom at all) is nothing to sweep
    for denom in ["uatom", ""] {
        assert!(suite.exec_addr(&owner, &sweep(denom)).is_err());
    }
    assert_eq!(
        err(suite.exec_addr(&owner, &sweep("uatom"))),
        ContractError::NothingToSweep {
            denom: "uatom".into()
        }
    );
    assert_eq!(bank(&suite, &token, "uusdc"), 500);
}
