//! Issue 12 §7 (tokens with no way out): the owner sweeps exactly the surplus of a denom, never a pledged
//! base unit.

use cosmwasm_std::{coin, coins, BankMsg, CosmosMsg, Uint128};
use cw_multi_test::Executor;
use mesi_types::gallery::ExecuteMsg;

use super::suite::{err, Suite, DENOM};
use crate::error::ContractError;

fn bank_send(s: &mut Suite, from: &cosmwasm_std::Addr, amount: u128, denom: &str) {
    let to = s.gallery.to_string();
    s.app
        .execute(
            from.clone(),
            CosmosMsg::Bank(BankMsg::Send {
                to_address: to,
                amount: coins(amount, denom),
            }),
        )
        .unwrap();
}

fn sweep(
    s: &mut Suite,
    who: &cosmwasm_std::Addr,
    denom: &str,
) -> cw_multi_test::error::AnyResult<cw_multi_test::AppResponse> {
    s.exec(
        who,
        &ExecuteMsg::Sweep {
            denom: denom.into(),
        },
    )
}

#[test]
fn a_sweep_takes_exactly_the_surplus_and_never_a_pledged_unit() {
    let mut s = Suite::new();
    let (alice, bob, owner) = (s.alice.clone(), s.bob.clone(), s.owner.clone());
    s.mint(&alice, "a1").unwrap();
    s.pledge(&alice, "a1", 1_000).unwrap();
    // 7 uusdc arrive by a plain bank send: the pledge books do not know them
    bank_send(&mut s, &bob, 7, DENOM);
    assert_eq!(s.balance(&s.gallery.clone(), DENOM), 1_007);
    sweep(&mut s, &owner, DENOM).unwrap();
    assert_eq!(s.balance(&owner, DENOM), 7);
    assert_eq!(s.balance(&s.gallery.clone(), DENOM), 1_000);
    assert_eq!(s.total_pledged(), 1_000);
    // nothing more: the next base unit is pledged
    let before = s.dump();
    assert_eq!(
        err(sweep(&mut s, &owner, DENOM)),
        ContractError::NothingToSweep {
            denom: DENOM.into(),
            balance: Uint128::new(1_000),
            pledged: Uint128::new(1_000),
        }
    );
    assert_eq!(s.dump(), before);
    // the pledge still liquidates whole
    let arbiter = s.arbiter.clone();
    let victim = s.addr("victim");
    s.resolve(
        &arbiter,
        "a1",
        &[(&victim, 1_000)],
        mesi_types::gallery::ResolveOutcome::Keep,
    )
    .unwrap();
    assert_eq!(s.balance(&victim, DENOM), 1_000);
    assert_eq!(s.balance(&s.gallery.clone(), DENOM), 0);
}

#[test]
fn a_sweep_of_another_denom_takes_the_whole_balance() {
    let mut s = Suite::new();
    let (alice, bob, owner) = (s.alice.clone(), s.bob.clone(), s.owner.clone());
    s.mint(&alice, "a1").unwrap();
    s.pledge(&alice, "a1", 50).unwrap();
    bank_send(&mut s, &bob, 123, "uatom");
    sweep(&mut s, &owner, "uatom").unwrap();
    assert_eq!(s.balance(&owner, "uatom"), 123);
    assert_eq!(s.balance(&s.gallery.clone(), "uatom"), 0);
    assert_eq!(s.balance(&s.gallery.clone(), DENOM), 50);
    assert_eq!(
        err(sweep(&mut s, &owner, "uatom")),
        ContractError::NothingToSweep {
            denom: "uatom".into(),
            balance: Uint128::zero(),
            pledged: Uint128::zero(),
        }
    );
}

#[test]
fn only_the_owner_may_sweep_without_funds_and_a_valid_denom() {
    let mut s = Suite::new();
    let (alice, bob, owner) = (s.alice.clone(), s.bob.clone(), s.owner.clone());
    bank_send(&mut s, &bob, 9, DENOM);
    let before = s.dump();
    assert!(matches!(
        err(sweep(&mut s, &alice, DENOM)),
        ContractError::Ownership(_)
    ));
    assert!(matches!(
        err(sweep(&mut s, &owner, "x")),
        ContractError::InvalidDenom { .. }
    ));
    assert!(matches!(
        err(s.exec_funds(
            &alice,
            &ExecuteMsg::Sweep {
                denom: DENOM.into()
            },
            &[coin(1, DENOM)]
        )),
        ContractError::Payment(_)
    ));
    assert_eq!(s.dump(), before);
    assert_eq!(s.balance(&s.gallery.clone(), DENOM), 9);
}

fn sweep_cw20(
    s: &mut Suite,
    who: &cosmwasm_std::Addr,
    token: &cosmwasm_std::Addr,
) -> cw_multi_test::error::AnyResult<cw_multi_test::AppResponse> {
    s.exec(
        who,
        &ExecuteMsg::SweepCw20 {
            token: token.to_string(),
        },
    )
}

fn cw20_balance(s: &Suite, token: &cosmwasm_std::Addr, who: &cosmwasm_std::Addr) -> u128 {
    let r: cw20::BalanceResponse = s
        .app
        .wrap()
        .query_wasm_smart(
            token,
            &cw20::Cw20QueryMsg::Balance {
                address: who.to_string(),
            },
        )
        .unwrap();
    r.balance.u128()
}

#[test]
fn a_stray_cw20_is_swept_whole_and_pledges_are_untouched() {
    let mut s = Suite::new();
    let (alice, bob, owner) = (s.alice.clone(), s.bob.clone(), s.owner.clone());
    s.mint(&alice, "a1").unwrap();
    s.pledge(&alice, "a1", 1_000).unwrap();
    // any cw20 (here a second token instance) sent by a plain cw20 Transfer: owed to nobody
    let token = s.s.fake_token("bob", 1_000);
    let gallery = s.gallery.clone();
    assert_eq!(
        err(sweep_cw20(&mut s, &owner, &token)),
        ContractError::NothingToSweep {
            denom: token.to_string(),
            balance: Uint128::zero(),
            pledged: Uint128::zero(),
        }
    );
    s.app
        .execute_contract(
            bob.clone(),
            token.clone(),
            &cw20::Cw20ExecuteMsg::Transfer {
                recipient: gallery.to_string(),
                amount: Uint128::new(9),
            },
            &[],
        )
        .unwrap();
    let before = s.dump();
    assert!(matches!(
        err(sweep_cw20(&mut s, &alice, &token)),
        ContractError::Ownership(_)
    ));
    assert!(matches!(
        err(s.exec_funds(
            &alice,
            &ExecuteMsg::SweepCw20 {
                token: token.to_string()
            },
            &[coin(1, DENOM)]
        )),
        ContractError::Payment(_)
    ));
    assert_eq!(s.dump(), before);
    sweep_cw20(&mut s, &owner, &token).unwrap();
    assert_eq!(cw20_balance(&s, &token, &owner), 9);
    assert_eq!(cw20_balance(&s, &token, &gallery), 0);
    // the pledge books and the pledged coins are as they were
    assert_eq!(s.total_pledged(), 1_000);
    assert_eq!(s.balance(&gallery, DENOM), 1_000);
    assert!(matches!(
        err(sweep_cw20(&mut s, &owner, &token)),
        ContractError::NothingToSweep { .. }
    ));
}
