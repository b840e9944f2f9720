//! Issue 12 §7, tokens with no way out: $MESI sent by a plain cw20 `Transfer` or coins sent by a
//! plain bank send can never move by the books; the owner's `sweep` takes exactly `balance - owed`
//! of an asset (owed = escrowed bids + offers + open settlements + claimable, an O(1) running total),
//! the whole balance of any other denom, and never one owed base unit.

use cosmwasm_std::{coins, Addr, Uint128};
use cw_multi_test::{BankSudo, Executor, SudoMsg};
use cw_ownable::OwnershipError;
use mesi_testing::{M, NATIVE, USD};
use mesi_types::marketplace::{AccountingResponse, Asset, ExecuteMsg, QueryMsg};
use mesi_types::token::ExecuteMsg as TokenMsg;

use super::suite::*;
use crate::error::ContractError;

fn sweep(denom: Option<&str>) -> ExecuteMsg {
    ExecuteMsg::Sweep {
        denom: denom.map(str::to_string),
    }
}

fn owner_sweep(m: &mut Market, denom: Option<&str>) -> AnyResult<AppResponse> {
    let (owner, mp) = (m.s.owner.clone(), m.mp.clone());
    m.s.app.execute_contract(owner, mp, &sweep(denom), &[])
}

type AnyResult<T> = cw_multi_test::error::AnyResult<T>;
type AppResponse = cw_multi_test::AppResponse;

fn books(m: &Market) -> AccountingResponse {
    m.q(&QueryMsg::Accounting {})
}

/// A plain cw20 `Transfer` of `amount` MESI base units from `from` to the marketplace (no hook).
fn stray_mesi(m: &mut Market, from: &str, amount: u128) {
    let (token, mp) = (m.s.token.clone(), m.mp.clone());
    m.s.exec(
        from,
        &token,
        &TokenMsg::Transfer {
            recipient: mp.to_string(),
            amount: Uint128::new(amount),
        },
        &[],
    )
    .unwrap();
}

/// A plain bank send of `amount` of `denom` to the marketplace.
fn stray_coin(m: &mut Market, amount: u128, denom: &str) {
    let mp = m.mp.to_string();
    m.s.app
        .sudo(SudoMsg::Bank(BankSudo::Mint {
            to_address: mp,
            amount: coins(amount, denom),
        }))
        .unwrap();
}

fn bank(m: &Market, who: &Addr, denom: &str) -> u128 {
    m.s.app
        .wrap()
        .query_balance(who, denom)
        .unwrap()
        .amount
        .u128()
}

/// Escrow in both assets: an open MESI settlement (buy-now, 40 MESI), a native offer (30 USD), a
/// native auction whose outbid bid (20 USD) is claimable and whose highest bid (25 USD) is escrowed.
fn busy_market() -> (Market, u64) {
    let mut m = market();
    let listing = m.mint_and_list("carla", "c-1", 40 * M, Asset::Mesi);
    let settlement = m.buy_mesi("bob", listing, 40 * M).unwrap();
    m.s.mint_nft("carla", "c-2").unwrap();
    let expires = m.s.now() + DAY;
    m.exec(
        "dan",
        &ExecuteMsg::Offer {
            token_id: "c-2".into(),
            expires,
        },
        &coins(30 * USD, NATIVE),
    )
    .unwrap();
    m.s.mint_nft("carla", "c-3").unwrap();
    let auction = m
        .auction("carla", "c-3", 20 * USD, Asset::Native, 7)
        .unwrap();
    m.bid_native("bob", auction, 20 * USD).unwrap();
    m.bid_native("dan", auction, 25 * USD).unwrap();
    (m, settlement)
}

#[test]
fn a_sweep_takes_exactly_the_surplus_and_never_an_owed_unit() {
    let (mut m, settlement) = busy_market();
    let owed_mesi = 40 * M;
    let owed_native = (30 + 20 + 25) * USD;
    let b = books(&m);
    assert_eq!((b.mesi.owed.u128(), b.mesi.surplus.u128()), (owed_mesi, 0));
    assert_eq!(
        (b.native.owed.u128(), b.native.surplus.u128()),
        (owed_native, 0)
    );
    assert_eq!(b.native.denom, NATIVE);

    // nothing stray yet: every sweep is refused and nothing moves
    assert_eq!(
        err(owner_sweep(&mut m, None)),
        ContractError::NothingToSweep {
            denom: "mesi".into(),
            balance: Uint128::new(owed_mesi),
            owed: Uint128::new(owed_mesi),
        }
    );
    assert_eq!(
        err(owner_sweep(&mut m, Some(NATIVE))),
        ContractError::NothingToSweep {
            denom: NATIVE.into(),
            balance: Uint128::new(owed_native),
            owed: Uint128::new(owed_native),
        }
    );

    // 7 base units of MESI and 5 of uusdc arrive without a message
    stray_mesi(&mut m, "dan", 7);
    stray_coin(&mut m, 5, NATIVE);
    let b = books(&m);
    assert_eq!(
        (b.mesi.balance.u128(), b.mesi.surplus.u128()),
        (owed_mesi + 7, 7)
    );
    assert_eq!(
        (b.native.balance.u128(), b.native.surplus.u128()),
        (owed_native + 5, 5)
    );

    let owner = m.s.owner.clone();
    let (owner_mesi, owner_native) = (m.s.mesi_balance(&owner), m.s.native_balance(&owner));
    owner_sweep(&mut m, None).unwrap();
    owner_sweep(&mut m, Some(NATIVE)).unwrap();
    assert_eq!(m.s.mesi_balance(&owner), owner_mesi + 7);
    assert_eq!(m.s.native_balance(&owner), owner_native + 5);
    // the books are untouched and the balance is exactly what they owe: not one unit less
    let b = books(&m);
    assert_eq!(
        (b.mesi.balance.u128(), b.mesi.owed.u128()),
        (owed_mesi, owed_mesi)
    );
    assert_eq!(
        (b.native.balance.u128(), b.native.owed.u128()),
        (owed_native, owed_native)
    );
    assert!(owner_sweep(&mut m, None).is_err());
    assert!(owner_sweep(&mut m, Some(NATIVE)).is_err());

    // every owed unit still leaves by the books: finalize, settle, withdraw, cancel: nothing short
    m.s.advance(8 * DAY);
    m.finalize("bob", settlement).unwrap();
    let auction_id = {
        let r: mesi_types::marketplace::AuctionsResponse = m.q(&QueryMsg::AuctionsByEnd {
            start_after: None,
            limit: None,
        });
        r.auctions[0].auction_id
    };
    let s2 = mesi_testing::attr_u64(&m.settle("bob", auction_id).unwrap(), "settlement_id");
    m.s.advance(3 * DAY);
    m.finalize("bob", s2).unwrap();
    let offers: mesi_types::marketplace::OffersResponse = m.q(&QueryMsg::OffersByOfferer {
        offerer: m.addr("dan").to_string(),
        start_after: None,
        limit: None,
    });
    m.exec(
        "dan",
        &ExecuteMsg::CancelOffer {
            offer_id: offers.offers[0].offer_id,
        },
        &[],
    )
    .unwrap();
    for who in ["carla", "bob", "dan"] {
        for asset in [Asset::Mesi, Asset::Native] {
            let _ = m.withdraw(who, asset);
        }
    }
    let b = books(&m);
    assert_eq!((b.mesi.balance.u128(), b.mesi.owed.u128()), (0, 0));
    assert_eq!((b.native.balance.u128(), b.native.owed.u128()), (0, 0));
}

#[test]
fn a_foreign_denom_is_swept_whole_and_leaves_both_assets_alone() {
    let (mut m, _) = busy_market();
    stray_coin(&mut m, 3, "ufoo");
    let before = books(&m);
    let owner = m.s.owner.clone();
    owner_sweep(&mut m, Some("ufoo")).unwrap();
    assert_eq!(bank(&m, &owner, "ufoo"), 3);
    assert_eq!(bank(&m, &m.mp.clone(), "ufoo"), 0);
    assert_eq!(books(&m), before);
    assert_eq!(
        err(owner_sweep(&mut m, Some("ufoo"))),
        ContractError::NothingToSweep {
            denom: "ufoo".into(),
            balance: Uint128::zero(),
            owed: Uint128::zero(),
        }
    );
}

#[test]
fn only_the_owner_sweeps_and_a_bad_denom_or_attached_funds_move_nothing() {
    let (mut m, _) = busy_market();
    stray_mesi(&mut m, "dan", 7);
    stray_coin(&mut m, 5, NATIVE);
    let before = books(&m);
    for who in ["bob", "carla"] {
        for denom in [None, Some(NATIVE)] {
            assert_eq!(
                err(m.exec(who, &sweep(denom), &[])),
                ContractError::Ownership(OwnershipError::NotOwner)
            );
        }
    }
    // the arbiter is no owner either
    let (arbiter, mp) = (m.s.arbiter.clone(), m.mp.clone());
    assert!(m
        .s
        .app
        .execute_contract(arbiter, mp.clone(), &sweep(None), &[])
        .is_err());
    for bad in ["", "u", "uusdc!", "u usdc", &"u".repeat(129)] {
        assert_eq!(
            err(owner_sweep(&mut m, Some(bad))),
            ContractError::InvalidDenom { denom: bad.into() }
        );
    }
    // a sweep is nonpayable
    let owner = m.s.owner.clone();
    m.s.app
        .sudo(SudoMsg::Bank(BankSudo::Mint {
            to_address: owner.to_string(),
            amount: coins(1, NATIVE),
        }))
        .unwrap();
    assert!(m
        .s
        .app
        .execute_contract(owner, mp, &sweep(None), &coins(1, NATIVE))
        .is_err());
    assert_eq!(books(&m), before);
}
