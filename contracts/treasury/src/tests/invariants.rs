//! Proptest invariants over random sequences of treasury messages:
//! - tokens held by the treasury == reserve + pools + vesting outstanding
//! - token total supply - outstanding over-issuance + burned by holders == genesis supply (SPEC §2;
//!   holders burn with `burn` and `burn_from`), and the treasury's `supply` query reports it so
//! - earnings owed == sum of per-user owed; epochs outstanding == sum of unclaimed totals of open
//!   epochs; a closed epoch returned exactly its unclaimed amount
//! - nothing lost: treasury + every account's balance == total supply

use cosmwasm_std::{Decimal, Uint128};
use mesi_types::treasury::{
    Currency, EpochsResponse, ExecuteMsg, Pool, PoolsResponse, QueryMsg, ReceiveMsg, ALL_POOLS,
};
use proptest::prelude::*;

use super::suite::*;
use crate::execute::epochs::{leaf_hash, parent_hash};

const USERS: usize = 4;

#[derive(Debug, Clone)]
enum Op {
    PostPrice(u64),
    CreditMesi(usize, u128),
    CreditUsd(usize, u128),
    Claim(usize),
    /// Two-leaf epoch for users a and b.
    PostEpoch(usize, u128, usize, u128, bool),
    ClaimEpoch(usize),
    FundPool(usize, u128),
    DefundPool(usize, u128),
    Draw(u128),
    Disburse(usize, u128),
    BurnBack(u128),
    BuyBackBurn(usize, u128),
    Deposit(usize, u128),
    CreateVesting(usize, u128, u16, u16),
    ClaimVested(usize),
    /// A plain cw20 Transfer to the treasury (untracked until SyncReserve).
    PlainTransfer(usize, u128),
    SyncReserve,
    Advance(u64),
    /// A holder burns its own MESI (cw20 `burn`).
    HolderBurn(usize, u128),
    /// A holder lets the next user burn its MESI (`increase_allowance` + `burn_from`).
    HolderBurnFrom(usize, u128),
    /// Anyone closes the n-th posted epoch (succeeds only after its deadline).
    CloseEpoch(u64),
    /// Native coins reach the treasury by a plain bank send; the owner sweeps them (never MESI).
    StrayCoinsSwept(u128),
}

fn op() -> impl Strategy<Value = Op> {
    let user = 0..USERS;
    let amount = prop_oneof![2 => 1u128..1_000, 12 => 1u128..500 * M, 1 => Just(u128::MAX)];
    prop_oneof![
        1 => (1u64..5_000_000).prop_map(Op::PostPrice),
        1 => (user.clone(), amount.clone()).prop_map(|(u, a)| Op::CreditMesi(u, a)),
        1 => (user.clone(), 1u128..1_000 * M).prop_map(|(u, a)| Op::CreditUsd(u, a)),
        3 => user.clone().prop_map(Op::Claim),
        2 => (user.clone(), 1u128..300 * M, user.clone(), 1u128..300 * M, any::<bool>())
            .prop_map(|(a, x, b, y, under)| Op::PostEpoch(a, x, b, y, under)),
        3 => user.clone().prop_map(Op::ClaimEpoch),
        1 => (0..6usize, amount.clone()).prop_map(|(p, a)| Op::FundPool(p, a)),
        1 => (0..6usize, amount.clone()).prop_map(|(p, a)| Op::DefundPool(p, a)),
        2 => amount.clone().prop_map(Op::Draw),
        1 => (0..6usize, amount.clone()).prop_map(|(p, a)| Op::Disburse(p, a)),
        2 => amount.clone().prop_map(Op::BurnBack),
        2 => (user.clone(), amount.clone()).prop_map(|(u, a)| Op::BuyBackBurn(u, a)),
        1 => (user.clone(), amount.clone()).prop_map(|(u, a)| Op::Deposit(u, a)),
        1 => (user.clone(), amount.clone(), 0u16..4, 1u16..5)
            .prop_map(|(u, a, c, n)| Op::CreateVesting(u, a, c, n)),
        2 => user.clone().prop_map(Op::ClaimVested),
        1 => (user.clone(), 1u128..50 * M).prop_map(|(u, a)| Op::PlainTransfer(u, a)),
        1 => Just(Op::SyncReserve),
        2 => prop_oneof![Just(60u64), Just(DAY), Just(MONTH), Just(400 * DAY)].prop_map(Op::Advance),
        1 => (user.clone(), 1u128..50 * M).prop_map(|(u, a)| Op::HolderBurn(u, a)),
        1 => (user.clone(), 1u128..50 * M).prop_map(|(u, a)| Op::HolderBurnFrom(u, a)),
        2 => (1u64..4).prop_map(Op::CloseEpoch),
        1 => (1u128..1_000_000).prop_map(Op::StrayCoinsSwept),
    ]
}

struct Model {
    /// (epoch, user, amount, proof) leaves not yet claimed
    leaves: Vec<(u64, usize, u128, Vec<String>)>,
    epochs: u64,
    /// MESI that reached the treasury by plain Transfer and is not in its books yet.
    untracked: u128,
}

fn check(s: &Suite, users: &[cosmwasm_std::Addr], untracked: u128) {
    let acc = s.accounting();
    assert_eq!(
        s.balance(&s.treasury),
        acc.tracked.u128() + untracked,
        "tokens held == reserve + pools + vesting outstanding (+ unsynced transfers)"
    );
    assert_eq!(
        acc.tracked,
        acc.reserve + acc.pools + acc.vesting_outstanding
    );
    let sup = s.supply();
    assert_eq!(
        s.total_supply() - sup.over_issuance.u128() + s.burned(),
        sup.genesis_supply.u128(),
        "total supply - over-issuance + burned by holders == genesis supply"
    );
    assert_eq!(
        sup.books_balance,
        Some(true),
        "the treasury reports its books hold"
    );
    let owed: u128 = users.iter().map(|u| s.owed(u)).sum();
    assert_eq!(
        acc.earnings_owed.u128(),
        owed,
        "earnings owed == sum of owed"
    );
    let epochs: EpochsResponse = s
        .query(&QueryMsg::Epochs {
            start_after: None,
            limit: Some(100),
        })
        .unwrap();
    let unclaimed: u128 = epochs
        .epochs
        .iter()
        .filter(|e| !e.closed)
        .map(|e| e.total.u128() - e.claimed.u128())
        .sum();
    for e in epochs.epochs.iter().filter(|e| e.closed) {
        assert_eq!(
            e.returned + e.claimed,
            e.total,
            "a closed epoch returned its unclaimed part"
        );
    }
    assert_eq!(acc.epochs_outstanding.u128(), unclaimed);
    let pools: PoolsResponse = s.query(&QueryMsg::Pools {}).unwrap();
    let pooled: u128 = pools.pools.iter().map(|p| p.balance.u128()).sum();
    assert_eq!(acc.pools.u128(), pooled, "pools == sum of pool balances");
    let mut held = s.balance(&s.treasury) + s.balance(&s.market);
    for u in users {
        held += s.balance(u);
    }
    for name in ["drawer", "recipient"] {
        held += s.balance(&s.addr(name));
    }
    assert_eq!(held, s.total_supply(), "nothing lost");
}

fn run(ops: Vec<Op>) {
    let mut s = SuiteBuilder::new()
        .with_treasury_balance(1_000 * M)
        .with_pool_cap(Pool::ValidatorRewards, 300 * M)
        .with_pool_cap(Pool::Referral, 200 * M)
        .with_pool_cap(Pool::EngagementRewards, 100 * M)
        .with_price("0.25")
        .build();
    let users: Vec<_> = (0..USERS).map(|i| s.addr(&format!("user{i}"))).collect();
    // users start with some MESI for buy-backs and deposits
    let market = s.market.clone();
    for u in &users {
        s.transfer(&market, u, 100 * M);
    }
    let drawer = s.addr("drawer");
    let recipient = s.addr("recipient");
    s.register_drawer(&drawer, Pool::Referral).unwrap();
    let owner = s.owner.clone();
    let mut model = Model {
        leaves: vec![],
        epochs: 0,
        untracked: 0,
    };
    let mut ok = std::collections::BTreeMap::<String, u32>::new();
    for op in ops {
        let name = format!("{op:?}");
        let name = name.split('(').next().unwrap_or_default().to_string();
        let success = match op {
            Op::PostPrice(p) => s.post_price(Decimal::from_ratio(p, 1_000_000u64)).is_ok(),
            Op::CreditMesi(u, a) => s.credit(Currency::Mesi, &[(&users[u], a)]).is_ok(),
            Op::CreditUsd(u, a) => s.credit(Currency::Usd, &[(&users[u], a)]).is_ok(),
            Op::Claim(u) => s.claim(&users[u]).is_ok(),
            Op::PostEpoch(a, x, b, y, under) => {
                let (a, b) = if a == b { (a, (a + 1) % USERS) } else { (a, b) };
                let la = leaf_hash(users[a].as_str(), Uint128::new(x));
                let lb = leaf_hash(users[b].as_str(), Uint128::new(y));
                let root = parent_hash(&la, &lb);
                // sometimes the operator under-declares the total
                let total = if under { x.max(y) } else { x + y };
                let posted = s.post_epoch(&hex::encode(root), total).is_ok();
                if posted {
                    model.epochs += 1;
                    model
                        .leaves
                        .push((model.epochs, a, x, vec![hex::encode(lb)]));
                    model
                        .leaves
                        .push((model.epochs, b, y, vec![hex::encode(la)]));
                }
                posted
            }
            Op::ClaimEpoch(u) => match model.leaves.iter().position(|l| l.1 == u) {
                Some(i) => {
                    let (epoch, _, amount, proof) = model.leaves.remove(i);
                    s.claim_epoch(&users[u], epoch, amount, &proof).is_ok()
                }
                None => false,
            },
            Op::FundPool(p, a) => s.fund_pool(ALL_POOLS[p], a).is_ok(),
            Op::DefundPool(p, a) => s
                .exec(
                    &owner,
                    &ExecuteMsg::DefundPool {
                        pool: ALL_POOLS[p],
                        amount: Uint128::new(a),
                    },
                )
                .is_ok(),
            Op::Draw(a) => s.draw(&drawer, &recipient, a, None).is_ok(),
            Op::Disburse(p, a) => s.disburse(ALL_POOLS[p], &recipient, a).is_ok(),
            Op::BurnBack(a) => s.burn_back(a).is_ok(),
            Op::BuyBackBurn(u, a) => {
                let a = a.min(s.balance(&users[u]));
                s.send_to_treasury(&users[u], a, &ReceiveMsg::BurnBack {})
                    .is_ok()
            }
            Op::Deposit(u, a) => {
                let a = a.min(s.balance(&users[u]));
                s.send_to_treasury(&users[u], a, &ReceiveMsg::Deposit {})
                    .is_ok()
            }
            Op::CreateVesting(u, a, cliff, periods) => s
                .exec(
                    &owner,
                    &ExecuteMsg::CreateVesting {
                        beneficiary: users[u].to_string(),
                        start: None,
                        cliff_months: cliff,
                        periods,
                        total: Uint128::new(a),
                    },
                )
                .is_ok(),
            Op::ClaimVested(u) => s.claim_vested(&users[u]).is_ok(),
            Op::PlainTransfer(u, a) => {
                let a = a.min(s.balance(&users[u]));
                if a > 0 {
                    let treasury = s.treasury.clone();
                    s.transfer(&users[u], &treasury, a);
                    model.untracked += a;
                }
                a > 0
            }
            Op::SyncReserve => {
                let ok = s.exec(&owner, &ExecuteMsg::SyncReserve {}).is_ok();
                if ok {
                    model.untracked = 0;
                }
                ok
            }
            Op::Advance(secs) => {
                s.advance(secs);
                true
            }
            Op::HolderBurn(u, a) => {
                let a = a.min(s.balance(&users[u]));
                if a > 0 {
                    s.holder_burn(&users[u], a);
                }
                a > 0
            }
            Op::HolderBurnFrom(u, a) => {
                let a = a.min(s.balance(&users[u]));
                if a > 0 {
                    let spender = users[(u + 1) % USERS].clone();
                    s.holder_burn_from(&users[u], &spender, a);
                }
                a > 0
            }
            Op::StrayCoinsSwept(a) => {
                let (market, treasury) = (s.market.clone(), s.treasury.clone());
                s.app
                    .init_modules(|router, _, storage| {
                        router
                            .bank
                            .init_balance(storage, &market, cosmwasm_std::coins(a, "uusdc"))
                    })
                    .unwrap();
                cw_multi_test::Executor::execute(
                    &mut s.app,
                    market,
                    cosmwasm_std::BankMsg::Send {
                        to_address: treasury.to_string(),
                        amount: cosmwasm_std::coins(a, "uusdc"),
                    }
                    .into(),
                )
                .unwrap();
                let before = s.app.wrap().query_balance(&owner, "uusdc").unwrap().amount;
                s.exec(
                    &owner,
                    &ExecuteMsg::Sweep {
                        denom: "uusdc".into(),
                    },
                )
                .unwrap();
                let after = s.app.wrap().query_balance(&owner, "uusdc").unwrap().amount;
                assert_eq!(
                    after - before,
                    Uint128::new(a),
                    "the sweep takes exactly the stray coins"
                );
                true
            }
            Op::CloseEpoch(n) => {
                let stranger = s.addr("stranger");
                let closed = s.close_epoch(&stranger, n).is_ok();
                if closed {
                    // its leaves can never be claimed now
                    let (now, deadline) = (s.now(), s.epoch(n).deadline);
                    assert!(now > deadline);
                }
                closed
            }
        };
        if success {
            *ok.entry(name).or_default() += 1;
        }
        check(&s, &users, model.untracked);
    }
    if std::env::var("TREASURY_PROPTEST_STATS").is_ok() {
        eprintln!(
            "successful ops: {ok:?}, over-issuance {}",
            s.supply().over_issuance
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, max_shrink_iters: 200, .. ProptestConfig::default() })]
    #[test]
    fn supply_and_holdings_invariants_hold_under_any_sequence(ops in prop::collection::vec(op(), 10..60)) {
        run(ops);
    }
}
