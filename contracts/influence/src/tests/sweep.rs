//! Issue 12 §7, tokens with no way out: the influence contract owes nothing (nonpayable, no cw20
//! hook), yet a plain bank send or a plain cw20 `Transfer` still lands on it. The owner's `sweep`
//! takes each whole balance out; nobody else can, and allocations are untouched.

use cosmwasm_std::{coins, Addr};
use cw_multi_test::Executor;
use cw_ownable::OwnershipError;
use mesi_types::influence::ExecuteMsg;
use mesi_types::token::ExecuteMsg as TokenMsg;

use super::suite::*;
use crate::error::ContractError;

fn sweep(denom: Option<&str>) -> ExecuteMsg {
    ExecuteMsg::Sweep {
        denom: denom.map(str::to_string),
    }
}

fn owner_sweep(
    f: &mut Fixture,
    denom: Option<&str>,
) -> cw_multi_test::error::AnyResult<cw_multi_test::AppResponse> {
    let (owner, inf) = (f.s.owner.clone(), f.inf.clone());
    f.s.app.execute_contract(owner, inf, &sweep(denom), &[])
}

fn bank(f: &Fixture, who: &Addr) -> u128 {
    f.s.native_balance(who)
}

/// Stray coins: 1,234 uusdc by a bank send and 5 MESI by a plain cw20 transfer, both from `fan`.
fn strays(f: &mut Fixture) -> (u128, u128) {
    let (fan, inf) = (f.addr("fan"), f.inf.clone());
    f.s.app
        .send_tokens(fan, inf.clone(), &coins(1_234, mesi_testing::NATIVE))
        .unwrap();
    let token = f.s.token.clone();
    let mesi = 5_000_000;
    f.s.exec(
        "fan",
        &token,
        &TokenMsg::Transfer {
            recipient: inf.to_string(),
            amount: mesi.into(),
        },
        &[],
    )
    .unwrap();
    (1_234, mesi)
}

#[test]
fn a_sweep_sends_the_owner_every_stray_coin_and_mesi_unit_and_leaves_allocations_alone() {
    let mut f = fixture();
    f.allocate("fan", &[("ann", 4_000)]).unwrap();
    let before = (f.allocation("fan"), f.stats("ann"));
    let (usdc, mesi) = strays(&mut f);
    let (owner, inf) = (f.s.owner.clone(), f.inf.clone());
    let (owner_usdc, owner_mesi) = (bank(&f, &owner), f.s.mesi_balance(&owner));

    owner_sweep(&mut f, Some(mesi_testing::NATIVE)).unwrap();
    assert_eq!(bank(&f, &owner), owner_usdc + usdc);
    assert_eq!(bank(&f, &inf), 0);
    owner_sweep(&mut f, None).unwrap();
    assert_eq!(f.s.mesi_balance(&owner), owner_mesi + mesi);
    assert_eq!(f.s.mesi_balance(&inf), 0);
    assert_eq!((f.allocation("fan"), f.stats("ann")), before);

    // nothing left: each second sweep is refused
    assert_eq!(
        err(owner_sweep(&mut f, Some(mesi_testing::NATIVE))),
        ContractError::NothingToSweep {
            denom: mesi_testing::NATIVE.into()
        }
    );
    assert_eq!(
        err(owner_sweep(&mut f, None)),
        ContractError::NothingToSweep {
            denom: "mesi".into()
        }
    );
}

#[test]
fn only_the_owner_sweeps_and_a_bad_denom_or_attached_funds_move_nothing() {
    let mut f = fixture();
    let (usdc, mesi) = strays(&mut f);
    let inf = f.inf.clone();
    for denom in [None, Some(mesi_testing::NATIVE)] {
        assert_eq!(
            err(f.exec("fan", &sweep(denom), &[])),
            ContractError::Ownership(OwnershipError::NotOwner)
        );
    }
    for bad in ["", "u", "1usdc", "uusdc!", "UUSDC "] {
        assert_eq!(
            err(owner_sweep(&mut f, Some(bad))),
            ContractError::InvalidDenom { denom: bad.into() }
        );
    }
    assert!(f
        .exec("fan", &sweep(None), &coins(1, mesi_testing::NATIVE))
        .is_err());
    assert_eq!(bank(&f, &inf), usdc);
    assert_eq!(f.s.mesi_balance(&inf), mesi);
}
