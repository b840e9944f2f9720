//! One test per SPEC §2 rule (and the issue-4 rules), named after the rule.

use cosmwasm_std::{to_json_binary, Uint128};
use cw_multi_test::Executor;
use mesi_types::treasury::{
    Currency, ExecuteMsg, Pool, PoolsResponse, QueryMsg, ReceiveMsg, POOL_YEAR_SECONDS,
};

use super::suite::*;
use crate::error::ContractError;

#[test]
fn feeder_posts_price_and_conversion_floors_usd_over_price() {
    let mut s = SuiteBuilder::new().build();
    let p = s.price();
    assert_eq!(p.price, None);
    assert!(!p.fresh);
    s.post_price(dec("0.03")).unwrap();
    let p = s.price();
    assert_eq!(p.price, Some(dec("0.03")));
    assert_eq!(p.age, 0);
    assert_eq!(p.max_age, 3600);
    assert!(p.fresh);
    // USD 10 at USD 0.03 per MESI = 333.333333 MESI (floored)
    let c = s.usd_to_mesi(10 * M).unwrap();
    assert_eq!(c.mesi, Uint128::new(333_333_333));
    assert_eq!(c.usd, Uint128::new(10 * M));
    assert_eq!(c.price, dec("0.03"));
}

#[test]
fn conversion_refuses_price_older_than_max_age() {
    let mut s = SuiteBuilder::new().build();
    assert!(s
        .usd_to_mesi(M)
        .unwrap_err()
        .to_string()
        .contains("no MESI/USD price"));
    s.post_price(dec("2")).unwrap();
    s.advance(3600);
    assert_eq!(s.usd_to_mesi(10 * M).unwrap().mesi.u128(), 5 * M);
    s.advance(1);
    let err = s.usd_to_mesi(10 * M).unwrap_err().to_string();
    assert!(err.contains("stale"), "{err}");
    assert!(!s.price().fresh);
    assert_eq!(s.price().age, 3601);
    // a USD credit is refused too
    let alice = s.addr("alice");
    let err = s.credit(Currency::Usd, &[(&alice, M)]).unwrap_err();
    assert_eq!(
        err,
        ContractError::PriceStale {
            age: 3601,
            max_age: 3600
        }
    );
    // a fresh post makes it usable again
    s.post_price(dec("1")).unwrap();
    s.credit(Currency::Usd, &[(&alice, M)]).unwrap();
    assert_eq!(s.owed(&alice), M);
}

#[test]
fn registered_contract_draws_from_its_own_pool_only() {
    let mut s = SuiteBuilder::new()
        .with_pool_cap(Pool::Referral, 1_000 * M)
        .with_pool_cap(Pool::EngagementRewards, 1_000 * M)
        .build();
    let referral = s.addr("referral-contract");
    let alice = s.addr("alice");
    s.fund_pool(Pool::Referral, 500 * M).unwrap();
    s.fund_pool(Pool::EngagementRewards, 500 * M).unwrap();
    s.register_drawer(&referral, Pool::Referral).unwrap();

    let res = s.draw(&referral, &alice, 10 * M, None).unwrap();
    assert!(res.events.iter().any(|e| e
        .attributes
        .iter()
        .any(|a| a.key == "action" && a.value == "draw_from_pool")));
    assert_eq!(s.balance(&alice), 10 * M);
    let p = s.pool(Pool::Referral);
    assert_eq!(p.balance.u128(), 490 * M);
    assert_eq!(p.drawn_this_year.u128(), 10 * M);
    assert_eq!(p.available.u128(), 490 * M);
    // the engagement pool is untouched; the referral contract cannot reach it
    assert_eq!(s.pool(Pool::EngagementRewards).balance.u128(), 500 * M);
    // an unregistered contract cannot draw at all
    let other = s.addr("validator-rewards");
    assert_eq!(
        s.draw(&other, &alice, M, None).unwrap_err(),
        ContractError::NotDrawer {
            sender: other.to_string()
        }
    );
    s.assert_invariants();
}

#[test]
fn draw_above_remaining_yearly_cap_fails_and_changes_nothing() {
    let mut s = SuiteBuilder::new()
        .with_pool_cap(Pool::Referral, 100 * M)
        .build();
    let referral = s.addr("referral-contract");
    let alice = s.addr("alice");
    s.fund_pool(Pool::Referral, 500 * M).unwrap();
    s.register_drawer(&referral, Pool::Referral).unwrap();
    s.draw(&referral, &alice, 60 * M, None).unwrap();
    assert_eq!(s.pool(Pool::Referral).available.u128(), 40 * M);
    let before = s.pool(Pool::Referral);
    assert_eq!(
        s.draw(&referral, &alice, 41 * M, None).unwrap_err(),
        ContractError::PoolCapExceeded {
            pool: Pool::Referral,
            remaining: Uint128::new(40 * M),
            requested: Uint128::new(41 * M)
        }
    );
    assert_eq!(s.pool(Pool::Referral), before);
    assert_eq!(s.balance(&alice), 60 * M);
    // the owner's disbursements count against the same cap
    assert!(matches!(
        s.disburse(Pool::Referral, &alice, 41 * M).unwrap_err(),
        ContractError::PoolCapExceeded { .. }
    ));
    s.draw(&referral, &alice, 40 * M, None).unwrap();
    assert_eq!(s.pool(Pool::Referral).available.u128(), 0);
    s.assert_invariants();
}

#[test]
fn yearly_cap_resets_every_365_days_from_pool_start() {
    let mut s = SuiteBuilder::new()
        .with_pool_cap(Pool::Leaderboards, 100 * M)
        .build();
    let start = s.pool(Pool::Leaderboards).year_start;
    let bob = s.addr("bob");
    s.fund_pool(Pool::Leaderboards, 1_000 * M).unwrap();
    s.disburse(Pool::Leaderboards, &bob, 100 * M).unwrap();
    s.advance(POOL_YEAR_SECONDS - 10);
    assert!(matches!(
        s.disburse(Pool::Leaderboards, &bob, 1).unwrap_err(),
        ContractError::PoolCapExceeded { .. }
    ));
    s.advance(10);
    let p = s.pool(Pool::Leaderboards);
    assert_eq!(p.year_start, start + POOL_YEAR_SECONDS);
    assert_eq!(p.drawn_this_year.u128(), 0);
    assert_eq!(p.available.u128(), 100 * M);
    s.disburse(Pool::Leaderboards, &bob, 100 * M).unwrap();
    assert_eq!(s.balance(&bob), 200 * M);
}

#[test]
fn draw_above_pool_balance_fails_and_changes_nothing() {
    let mut s = SuiteBuilder::new()
        .with_pool_cap(Pool::ValidatorRewards, 1_000 * M)
        .build();
    let vr = s.addr("validator-rewards");
    let alice = s.addr("alice");
    s.fund_pool(Pool::ValidatorRewards, 50 * M).unwrap();
    s.register_drawer(&vr, Pool::ValidatorRewards).unwrap();
    assert_eq!(s.pool(Pool::ValidatorRewards).available.u128(), 50 * M);
    assert_eq!(
        s.draw(&vr, &alice, 51 * M, None).unwrap_err(),
        ContractError::PoolBalanceExceeded {
            pool: Pool::ValidatorRewards,
            balance: Uint128::new(50 * M),
            requested: Uint128::new(51 * M)
        }
    );
    assert_eq!(s.pool(Pool::ValidatorRewards).balance.u128(), 50 * M);
    assert_eq!(s.balance(&alice), 0);
    s.assert_invariants();
}

#[test]
fn draw_with_msg_pays_through_cw20_send_receive_hook() {
    let mut s = SuiteBuilder::new()
        .with_pool_cap(Pool::ValidatorRewards, 1_000 * M)
        .build();
    let code = s.app.store_code(receiver_contract());
    let owner = s.owner.clone();
    let receiver = s
        .app
        .instantiate_contract(code, owner, &cosmwasm_std::Empty {}, &[], "vr", None)
        .unwrap();
    s.fund_pool(Pool::ValidatorRewards, 100 * M).unwrap();
    s.register_drawer(&receiver, Pool::ValidatorRewards)
        .unwrap();
    let hook = to_json_binary(&serde_json_like()).unwrap();
    let res = s
        .draw(&receiver, &receiver, 30 * M, Some(hook.clone()))
        .unwrap();
    let ev = res
        .events
        .iter()
        .find(|e| e.attributes.iter().any(|a| a.value == "received"))
        .expect("receive hook ran");
    assert!(ev
        .attributes
        .iter()
        .any(|a| a.key == "msg" && a.value == hook.to_base64()));
    assert_eq!(s.balance(&receiver), 30 * M);
    s.assert_invariants();
}

fn serde_json_like() -> cosmwasm_std::Empty {
    cosmwasm_std::Empty {}
}

#[test]
fn pools_query_lists_all_six_pools() {
    let s = SuiteBuilder::new()
        .with_pool_cap(Pool::WelcomeBonus, 7)
        .build();
    let r: PoolsResponse = s.query(&QueryMsg::Pools {}).unwrap();
    assert_eq!(r.pools.len(), 6);
    let wb = r
        .pools
        .iter()
        .find(|p| p.pool == Pool::WelcomeBonus)
        .unwrap();
    assert_eq!(wb.yearly_cap.u128(), 7);
    // JSON names other contracts use
    let json = String::from_utf8(
        to_json_binary(&QueryMsg::Pool {
            pool: Pool::Referral,
        })
        .unwrap()
        .to_vec(),
    )
    .unwrap();
    assert_eq!(json, r#"{"pool":{"pool":"referral"}}"#);
}

#[test]
fn owner_funds_pools_from_reserve_and_defunds_back() {
    let mut s = SuiteBuilder::new().with_treasury_balance(1_000 * M).build();
    assert_eq!(s.accounting().reserve.u128(), 1_000 * M);
    s.fund_pool(Pool::EngagementRewards, 400 * M).unwrap();
    let acc = s.accounting();
    assert_eq!(acc.reserve.u128(), 600 * M);
    assert_eq!(acc.pools.u128(), 400 * M);
    assert_eq!(
        s.fund_pool(Pool::EngagementRewards, 601 * M).unwrap_err(),
        ContractError::InsufficientReserve {
            available: Uint128::new(600 * M),
            needed: Uint128::new(601 * M)
        }
    );
    let owner = s.owner.clone();
    s.exec(
        &owner,
        &ExecuteMsg::DefundPool {
            pool: Pool::EngagementRewards,
            amount: Uint128::new(100 * M),
        },
    )
    .unwrap();
    assert_eq!(s.accounting().reserve.u128(), 700 * M);
    assert_eq!(s.pool(Pool::EngagementRewards).balance.u128(), 300 * M);
    s.assert_invariants();
}

#[test]
fn operator_credits_earnings_in_usd_or_mesi_and_user_claims_all_instantly() {
    let mut s = SuiteBuilder::new().with_price("0.5").build();
    let alice = s.addr("alice");
    let bob = s.addr("bob");
    // USD 3 at 0.5 = 6 MESI; USD 1.000001 at 0.5 = 2.000002
    s.credit(Currency::Usd, &[(&alice, 3 * M), (&bob, M + 1)])
        .unwrap();
    s.credit(Currency::Mesi, &[(&alice, 4 * M)]).unwrap();
    assert_eq!(s.owed(&alice), 10 * M);
    assert_eq!(s.owed(&bob), 2 * M + 2);
    assert_eq!(s.accounting().earnings_owed.u128(), 12 * M + 2);
    let res = s.claim(&alice).unwrap();
    assert!(res.events.iter().any(|e| e
        .attributes
        .iter()
        .any(|a| a.key == "action" && a.value == "claim")));
    assert_eq!(s.balance(&alice), 10 * M);
    assert_eq!(s.owed(&alice), 0);
    assert_eq!(
        s.claim(&alice).unwrap_err(),
        ContractError::NothingToClaim {}
    );
    assert_eq!(s.accounting().earnings_owed.u128(), 2 * M + 2);
    s.assert_invariants();
}

#[test]
fn usd_conversion_rounds_down_in_the_protocols_favour() {
    let mut s = SuiteBuilder::new().with_price("3").build();
    let alice = s.addr("alice");
    // 10 micro-USD / 3 = 3.33 -> 3 base units
    s.credit(Currency::Usd, &[(&alice, 10)]).unwrap();
    assert_eq!(s.owed(&alice), 3);
    // 2 micro-USD / 3 -> 0: refused rather than credited as nothing
    assert_eq!(
        s.credit(Currency::Usd, &[(&alice, 2)]).unwrap_err(),
        ContractError::ConvertsToZero {
            address: alice.to_string(),
            usd: Uint128::new(2)
        }
    );
}

#[test]
fn credit_batch_is_bounded_by_max_entries() {
    let mut s = SuiteBuilder::new().with_max_batch(3).build();
    let users: Vec<_> = (0..4).map(|i| s.addr(&format!("u{i}"))).collect();
    let batch: Vec<_> = users.iter().map(|u| (u, M)).collect();
    assert_eq!(
        s.credit(Currency::Mesi, &batch).unwrap_err(),
        ContractError::BatchTooLarge { size: 4, max: 3 }
    );
    s.credit(Currency::Mesi, &batch[..3]).unwrap();
    assert_eq!(s.config().max_batch, 3);
    // the default is 100
    let s2 = SuiteBuilder::new().build();
    assert_eq!(s2.config().max_batch, 100);
}

#[test]
fn claim_exceeding_reserve_mints_shortfall_and_records_over_issuance() {
    let mut s = SuiteBuilder::new().with_treasury_balance(100 * M).build();
    let alice = s.addr("alice");
    s.credit(Currency::Mesi, &[(&alice, 150 * M)]).unwrap();
    let supply_before = s.total_supply();
    let res = s.claim(&alice).unwrap();
    assert!(res.events.iter().any(|e| e
        .attributes
        .iter()
        .any(|a| a.key == "minted" && a.value == (50 * M).to_string())));
    assert_eq!(s.balance(&alice), 150 * M);
    assert_eq!(s.balance(&s.treasury), 0);
    assert_eq!(s.total_supply(), supply_before + 50 * M);
    let sup = s.supply();
    assert_eq!(sup.over_issuance.u128(), 50 * M);
    assert_eq!(sup.total_minted.u128(), 50 * M);
    assert_eq!(sup.total_supply, Some(Uint128::new(supply_before + 50 * M)));
    assert_eq!(sup.genesis_supply.u128(), supply_before);
    s.assert_invariants();
}

#[test]
fn burn_back_from_reserve_brings_supply_back_to_genesis() {
    let mut s = SuiteBuilder::new().with_treasury_balance(100 * M).build();
    let alice = s.addr("alice");
    s.credit(Currency::Mesi, &[(&alice, 150 * M)]).unwrap();
    s.claim(&alice).unwrap();
    // revenue comes back to the reserve (Deposit hook)
    s.send_to_treasury(&alice, 80 * M, &ReceiveMsg::Deposit {})
        .unwrap();
    assert_eq!(s.accounting().reserve.u128(), 80 * M);
    assert_eq!(
        s.burn_back(51 * M).unwrap_err(),
        ContractError::BurnExceedsOverIssuance {
            amount: Uint128::new(51 * M),
            outstanding: Uint128::new(50 * M)
        }
    );
    s.burn_back(30 * M).unwrap();
    assert_eq!(s.supply().over_issuance.u128(), 20 * M);
    s.assert_invariants();
    s.burn_back(20 * M).unwrap();
    let sup = s.supply();
    assert_eq!(sup.over_issuance.u128(), 0);
    assert_eq!(sup.total_supply, Some(sup.genesis_supply));
    assert_eq!(
        s.burn_back(1).unwrap_err(),
        ContractError::NoOverIssuance {}
    );
    s.assert_invariants();
}

#[test]
fn buy_back_and_burn_through_receive_hook() {
    let mut s = SuiteBuilder::new().with_treasury_balance(10 * M).build();
    let alice = s.addr("alice");
    s.credit(Currency::Mesi, &[(&alice, 40 * M)]).unwrap();
    s.claim(&alice).unwrap(); // 30 minted
                              // more than outstanding: refused, the Send reverts
    assert_eq!(
        s.send_to_treasury(&alice, 31 * M, &ReceiveMsg::BurnBack {})
            .unwrap_err(),
        ContractError::BurnExceedsOverIssuance {
            amount: Uint128::new(31 * M),
            outstanding: Uint128::new(30 * M)
        }
    );
    assert_eq!(s.balance(&alice), 40 * M);
    s.send_to_treasury(&alice, 30 * M, &ReceiveMsg::BurnBack {})
        .unwrap();
    assert_eq!(s.balance(&alice), 10 * M);
    assert_eq!(s.supply().over_issuance.u128(), 0);
    assert_eq!(
        s.send_to_treasury(&alice, M, &ReceiveMsg::BurnBack {})
            .unwrap_err(),
        ContractError::NoOverIssuance {}
    );
    s.assert_invariants();
}

#[test]
fn set_token_is_one_time_and_sets_reserve_and_genesis_supply() {
    let mut s = SuiteBuilder::new().with_treasury_balance(1_000 * M).build();
    let acc = s.accounting();
    assert_eq!(acc.reserve.u128(), 1_000 * M);
    assert_eq!(s.supply().genesis_supply.u128(), 10_000_000 * M);
    let owner = s.owner.clone();
    let token = s.token.to_string();
    assert_eq!(
        s.exec(&owner, &ExecuteMsg::SetToken { address: token })
            .unwrap_err(),
        ContractError::TokenAlreadySet {}
    );
    assert_eq!(s.config().token, Some(s.token.clone()));
}

#[test]
fn sync_reserve_counts_plain_transfers() {
    let mut s = SuiteBuilder::new().with_treasury_balance(100 * M).build();
    let market = s.market.clone();
    let treasury = s.treasury.clone();
    s.transfer(&market, &treasury, 5 * M);
    assert_eq!(s.accounting().reserve.u128(), 100 * M);
    let owner = s.owner.clone();
    s.exec(&owner, &ExecuteMsg::SyncReserve {}).unwrap();
    assert_eq!(s.accounting().reserve.u128(), 105 * M);
    s.assert_invariants();
}

#[test]
fn pool_deposit_through_receive_hook() {
    let mut s = SuiteBuilder::new().build();
    let market = s.market.clone();
    s.send_to_treasury(
        &market,
        7 * M,
        &ReceiveMsg::FundPool {
            pool: Pool::WelcomeBonus,
        },
    )
    .unwrap();
    assert_eq!(s.pool(Pool::WelcomeBonus).balance.u128(), 7 * M);
    s.assert_invariants();
}

/// Issue 12 §7 / SPEC §2: after a holder sends `{"burn":{"amount":"1"}}` the books still read
/// total supply - over-issuance + burned by holders == genesis supply (they used to read genesis - 1).
#[test]
fn a_holder_burn_keeps_the_supply_books() {
    let mut s = SuiteBuilder::new().with_treasury_balance(100 * M).build();
    let genesis = s.supply().genesis_supply.u128();
    let market = s.market.clone();
    s.holder_burn(&market, 1);
    let sup = s.supply();
    assert_eq!(sup.total_supply, Some(Uint128::new(genesis - 1)));
    assert_eq!(sup.burned_by_holders, Some(Uint128::new(1)));
    assert_eq!(sup.over_issuance.u128(), 0);
    assert_eq!(sup.books_balance, Some(true));
    assert_eq!(
        sup.total_supply.unwrap().u128() - sup.over_issuance.u128() + 1,
        genesis
    );
    s.assert_invariants();
}

#[test]
fn burn_from_shortfall_mints_and_burn_back_keep_the_supply_books() {
    let mut s = SuiteBuilder::new().with_treasury_balance(100 * M).build();
    let genesis = s.supply().genesis_supply.u128();
    let (market, alice, bob) = (s.market.clone(), s.addr("alice"), s.addr("bob"));
    s.credit(Currency::Mesi, &[(&alice, 150 * M)]).unwrap();
    s.claim(&alice).unwrap(); // 50 MESI minted as over-issuance
    s.holder_burn_from(&alice, &bob, 7 * M); // bob burns 7 of alice's through an allowance
    s.holder_burn(&market, 3 * M);
    s.assert_invariants();
    let sup = s.supply();
    assert_eq!(sup.over_issuance.u128(), 50 * M);
    assert_eq!(sup.burned_by_holders, Some(Uint128::new(10 * M)));
    assert_eq!(
        sup.total_supply,
        Some(Uint128::new(genesis + 50 * M - 10 * M))
    );
    // the treasury's own burn-back reduces over-issuance, not the holders' count
    s.send_to_treasury(&market, 20 * M, &ReceiveMsg::Deposit {})
        .unwrap();
    s.burn_back(20 * M).unwrap();
    let sup = s.supply();
    assert_eq!(sup.over_issuance.u128(), 30 * M);
    assert_eq!(sup.burned_by_holders, Some(Uint128::new(10 * M)));
    assert_eq!(sup.books_balance, Some(true));
    s.assert_invariants();
}

/// Issue 12 §6 (by kind): a USD amount that rounds to 0 MESI is refused by the conversion query, so no
/// caller pays, records or caps with a silent zero; 0 USD stays 0 MESI.
#[test]
fn a_usd_amount_that_converts_to_zero_mesi_is_refused() {
    let s = SuiteBuilder::new().with_price("3").build();
    let err = s.usd_to_mesi(2).unwrap_err().to_string();
    assert!(err.contains("converts to 0 MESI"), "{err}");
    assert_eq!(s.usd_to_mesi(3).unwrap().mesi.u128(), 1);
    assert_eq!(s.usd_to_mesi(0).unwrap().mesi.u128(), 0);
    // a very high price: USD 10 at USD 20,000,000 per MESI is 0.5 base units
    let mut s = SuiteBuilder::new().with_price("20000000").build();
    assert!(s.usd_to_mesi(10 * M).is_err());
    let alice = s.addr("alice");
    assert_eq!(
        s.credit(Currency::Usd, &[(&alice, 10 * M)]).unwrap_err(),
        ContractError::ConvertsToZero {
            address: alice.to_string(),
            usd: Uint128::new(10 * M)
        }
    );
    assert_eq!(s.owed(&alice), 0);
    s.post_price(dec("10000000")).unwrap();
    assert_eq!(s.usd_to_mesi(10 * M).unwrap().mesi.u128(), 1);
}
