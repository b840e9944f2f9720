//! Adversarial tests: each asserts the typed error AND that state did not change.

use cosmwasm_std::{coins, to_json_binary, Addr, Decimal, Uint128};
use cw20::{Cw20ReceiveMsg, MinterResponse};
use cw_multi_test::Executor;
use mesi_types::token::{Allocation, InstantiateMsg as TokenInstantiateMsg};
use mesi_types::treasury::{
    AccountingResponse, Credit, Currency, ExecuteMsg, GenesisVesting, InstantiateMsg, MigrateMsg,
    Pool, PoolCap, QueryMsg, ReceiveMsg,
};

use super::suite::*;
use crate::error::ContractError;

/// Everything a failed call must leave untouched.
#[derive(Debug, PartialEq)]
struct Snapshot {
    acc: AccountingResponse,
    pools: mesi_types::treasury::PoolsResponse,
    price: mesi_types::treasury::PriceResponse,
    config: mesi_types::treasury::ConfigResponse,
    treasury_balance: u128,
    supply: u128,
}

fn snap(s: &Suite) -> Snapshot {
    Snapshot {
        acc: s.accounting(),
        pools: s.query(&QueryMsg::Pools {}).unwrap(),
        price: s.price(),
        config: s.config(),
        treasury_balance: s.balance(&s.treasury),
        supply: s.total_supply(),
    }
}

fn funded() -> Suite {
    let mut s = SuiteBuilder::new()
        .with_pool_cap(Pool::Referral, 1_000 * M)
        .with_price("0.5")
        .build();
    s.fund_pool(Pool::Referral, 100 * M).unwrap();
    let drawer = s.addr("referral-contract");
    s.register_drawer(&drawer, Pool::Referral).unwrap();
    s
}

fn is_unauthorized_owner(e: &ContractError) -> bool {
    matches!(
        e,
        ContractError::Ownership(cw_ownable::OwnershipError::NotOwner)
    )
}

#[test]
fn unauthorised_senders_are_rejected_and_change_nothing() {
    let mut s = funded();
    let mallory = s.addr("mallory");
    let before = snap(&s);
    assert_eq!(
        s.exec(
            &mallory,
            &ExecuteMsg::PostPrice {
                price: Decimal::one()
            }
        )
        .unwrap_err(),
        ContractError::NotFeeder {}
    );
    // the operator is not the feeder either
    let operator = s.operator.clone();
    assert_eq!(
        s.exec(
            &operator,
            &ExecuteMsg::PostPrice {
                price: Decimal::one()
            }
        )
        .unwrap_err(),
        ContractError::NotFeeder {}
    );
    let credit = ExecuteMsg::CreditEarnings {
        currency: Currency::Mesi,
        credits: vec![Credit {
            address: mallory.to_string(),
            amount: Uint128::new(M),
        }],
    };
    assert_eq!(
        s.exec(&mallory, &credit).unwrap_err(),
        ContractError::NotOperator {}
    );
    let feeder = s.feeder.clone();
    assert_eq!(
        s.exec(&feeder, &credit).unwrap_err(),
        ContractError::NotOperator {}
    );
    assert_eq!(
        s.exec(
            &mallory,
            &ExecuteMsg::PostEpoch {
                root: "ab".repeat(32),
                total: Uint128::new(1)
            }
        )
        .unwrap_err(),
        ContractError::NotOperator {}
    );
    assert_eq!(
        s.draw(&mallory, &mallory, M, None).unwrap_err(),
        ContractError::NotDrawer {
            sender: mallory.to_string()
        }
    );
    let owner_only = vec![
        ExecuteMsg::SetToken {
            address: s.token.to_string(),
        },
        ExecuteMsg::FundPool {
            pool: Pool::Referral,
            amount: Uint128::new(M),
        },
        ExecuteMsg::DefundPool {
            pool: Pool::Referral,
            amount: Uint128::new(M),
        },
        ExecuteMsg::Disburse {
            pool: Pool::Referral,
            recipient: mallory.to_string(),
            amount: Uint128::new(M),
            msg: None,
        },
        ExecuteMsg::RegisterDrawer {
            contract: mallory.to_string(),
            pool: Pool::Referral,
        },
        ExecuteMsg::RemoveDrawer {
            contract: s.addr("referral-contract").to_string(),
        },
        ExecuteMsg::BurnBack {
            amount: Uint128::new(1),
        },
        ExecuteMsg::CreateVesting {
            beneficiary: mallory.to_string(),
            start: None,
            cliff_months: 0,
            periods: 1,
            total: Uint128::new(M),
        },
        ExecuteMsg::SyncReserve {},
        ExecuteMsg::UpdateConfig {
            feeder: Some(mallory.to_string()),
            operators: None,
            max_price_age: None,
            max_batch: None,
            month_seconds: None,
            epoch_claim_seconds: None,
            pool_caps: None,
        },
    ];
    for msg in owner_only {
        let err = s.exec(&mallory, &msg).unwrap_err();
        assert!(is_unauthorized_owner(&err), "{msg:?}: {err:?}");
    }
    // a drawer is not the owner either
    let drawer = s.addr("referral-contract");
    assert!(is_unauthorized_owner(
        &s.disburse_as(&drawer, Pool::Referral, &drawer, M)
            .unwrap_err()
    ));
    assert_eq!(snap(&s), before);
}

impl Suite {
    fn disburse_as(&mut self, sender: &Addr, pool: Pool, recipient: &Addr, amount: u128) -> Res {
        self.exec(
            sender,
            &ExecuteMsg::Disburse {
                pool,
                recipient: recipient.to_string(),
                amount: Uint128::new(amount),
                msg: None,
            },
        )
    }
}

#[test]
fn native_funds_are_rejected_everywhere() {
    let mut s = funded();
    let alice = s.addr("alice");
    s.app
        .init_modules(|router, _, storage| {
            router
                .bank
                .init_balance(storage, &alice, coins(1_000, "ustake"))
        })
        .unwrap();
    s.credit(Currency::Mesi, &[(&alice, M)]).unwrap();
    let before = snap(&s);
    let treasury = s.treasury.clone();
    let err: ContractError = s
        .app
        .execute_contract(
            alice.clone(),
            treasury,
            &ExecuteMsg::Claim {},
            &coins(10, "ustake"),
        )
        .unwrap_err()
        .downcast()
        .unwrap();
    assert!(matches!(err, ContractError::Payment(_)));
    assert_eq!(snap(&s), before);
    assert_eq!(s.owed(&alice), M);
}

#[test]
fn fake_cw20_receive_hook_is_rejected() {
    let mut s = SuiteBuilder::new().with_treasury_balance(10 * M).build();
    let alice = s.addr("alice");
    s.credit(Currency::Mesi, &[(&alice, 20 * M)]).unwrap();
    s.claim(&alice).unwrap(); // 10 over-issued
    let before = snap(&s);
    // 1. a plain account calling the hook directly
    let hook = ExecuteMsg::Receive(Cw20ReceiveMsg {
        sender: alice.to_string(),
        amount: Uint128::new(10 * M),
        msg: to_json_binary(&ReceiveMsg::BurnBack {}).unwrap(),
    });
    assert_eq!(
        s.exec(&alice, &hook).unwrap_err(),
        ContractError::UnknownToken {
            sender: alice.to_string()
        }
    );
    // 2. a real cw20 that is not the configured token, sending through its Send
    let fake = s.fake_token("alice", 1_000 * M);
    let treasury = s.treasury.to_string();
    for msg in [
        ReceiveMsg::BurnBack {},
        ReceiveMsg::Deposit {},
        ReceiveMsg::FundPool {
            pool: Pool::Referral,
        },
    ] {
        let err: ContractError = s
            .app
            .execute_contract(
                alice.clone(),
                fake.clone(),
                &cw20::Cw20ExecuteMsg::Send {
                    contract: treasury.clone(),
                    amount: Uint128::new(10 * M),
                    msg: to_json_binary(&msg).unwrap(),
                },
                &[],
            )
            .unwrap_err()
            .downcast()
            .unwrap();
        assert_eq!(
            err,
            ContractError::UnknownToken {
                sender: fake.to_string()
            }
        );
    }
    assert_eq!(snap(&s), before);
    assert_eq!(s.supply().over_issuance.u128(), 10 * M);
}

#[test]
fn upper_case_and_foreign_prefix_addresses_are_rejected() {
    let mut s = funded();
    let alice = s.addr("alice");
    let upper = alice.to_string().to_uppercase();
    let foreign = cw_multi_test::MockApiBech32::new("juno")
        .addr_make("alice")
        .to_string();
    let drawer = s.addr("referral-contract");
    let before = snap(&s);
    for bad in [
        upper.clone(),
        foreign.clone(),
        "".to_string(),
        "alice".to_string(),
    ] {
        let credit = ExecuteMsg::CreditEarnings {
            currency: Currency::Mesi,
            credits: vec![Credit {
                address: bad.clone(),
                amount: Uint128::new(M),
            }],
        };
        let op = s.operator.clone();
        assert!(
            matches!(s.exec(&op, &credit).unwrap_err(), ContractError::Std(_)),
            "{bad}"
        );
        let owner = s.owner.clone();
        assert!(matches!(
            s.exec(
                &owner,
                &ExecuteMsg::RegisterDrawer {
                    contract: bad.clone(),
                    pool: Pool::Referral
                }
            )
            .unwrap_err(),
            ContractError::Std(_)
        ));
        assert!(matches!(
            s.exec(
                &drawer,
                &ExecuteMsg::DrawFromPool {
                    amount: Uint128::new(M),
                    recipient: bad.clone(),
                    msg: None
                }
            )
            .unwrap_err(),
            ContractError::Std(_)
        ));
        assert!(matches!(
            s.exec(
                &owner,
                &ExecuteMsg::UpdateConfig {
                    feeder: Some(bad.clone()),
                    operators: None,
                    max_price_age: None,
                    max_batch: None,
                    month_seconds: None,
                    epoch_claim_seconds: None,
                    pool_caps: None,
                }
            )
            .unwrap_err(),
            ContractError::Std(_)
        ));
        assert!(s
            .query::<mesi_types::treasury::OwedResponse>(&QueryMsg::Owed { address: bad })
            .is_err());
    }
    assert_eq!(snap(&s), before);
}

#[test]
fn zero_and_max_amounts() {
    let mut s = funded();
    let alice = s.addr("alice");
    let drawer = s.addr("referral-contract");
    let before = snap(&s);
    assert_eq!(
        s.credit(Currency::Mesi, &[(&alice, 0)]).unwrap_err(),
        ContractError::ZeroAmount {}
    );
    assert_eq!(
        s.draw(&drawer, &alice, 0, None).unwrap_err(),
        ContractError::ZeroAmount {}
    );
    assert_eq!(
        s.fund_pool(Pool::Referral, 0).unwrap_err(),
        ContractError::ZeroAmount {}
    );
    assert_eq!(s.burn_back(0).unwrap_err(), ContractError::ZeroAmount {});
    assert_eq!(
        s.claim_epoch(&alice, 1, 0, &[]).unwrap_err(),
        ContractError::ZeroAmount {}
    );
    assert!(matches!(
        s.fund_pool(Pool::Referral, u128::MAX).unwrap_err(),
        ContractError::InsufficientReserve { .. }
    ));
    assert!(matches!(
        s.draw(&drawer, &alice, u128::MAX, None).unwrap_err(),
        ContractError::PoolCapExceeded { .. }
    ));
    // USD MAX at 0.5 USD/MESI overflows the conversion: a typed error, no panic
    assert!(matches!(
        s.credit(Currency::Usd, &[(&alice, u128::MAX)]).unwrap_err(),
        ContractError::Conversion(_)
    ));
    assert!(s.usd_to_mesi(u128::MAX).is_err());
    assert_eq!(snap(&s), before);
    // MESI MAX can be owed once; a second credit overflows
    s.credit(Currency::Mesi, &[(&alice, u128::MAX)]).unwrap();
    let bob = s.addr("bob");
    assert!(matches!(
        s.credit(Currency::Mesi, &[(&bob, 1)]).unwrap_err(),
        ContractError::Overflow(_)
    ));
    assert_eq!(s.owed(&bob), 0);
}

#[test]
fn duplicate_addresses_in_a_batch_are_rejected() {
    let mut s = funded();
    let alice = s.addr("alice");
    let bob = s.addr("bob");
    let before = snap(&s);
    assert_eq!(
        s.credit(Currency::Mesi, &[(&alice, M), (&bob, M), (&alice, M)])
            .unwrap_err(),
        ContractError::DuplicateAddress {
            address: alice.to_string()
        }
    );
    assert_eq!(s.owed(&alice), 0);
    assert_eq!(s.owed(&bob), 0);
    assert_eq!(
        s.credit(Currency::Mesi, &[]).unwrap_err(),
        ContractError::EmptyBatch {}
    );
    let owner = s.owner.clone();
    let op = s.operator.to_string();
    assert_eq!(
        s.exec(
            &owner,
            &ExecuteMsg::UpdateConfig {
                feeder: None,
                operators: Some(vec![op.clone(), op.clone()]),
                max_price_age: None,
                max_batch: None,
                month_seconds: None,
                epoch_claim_seconds: None,
                pool_caps: None,
            }
        )
        .unwrap_err(),
        ContractError::DuplicateOperator { address: op }
    );
    assert_eq!(
        s.exec(
            &owner,
            &ExecuteMsg::UpdateConfig {
                feeder: None,
                operators: None,
                max_price_age: None,
                max_batch: None,
                month_seconds: None,
                epoch_claim_seconds: None,
                pool_caps: Some(vec![
                    PoolCap {
                        pool: Pool::Referral,
                        yearly_cap: Uint128::new(1)
                    },
                    PoolCap {
                        pool: Pool::Referral,
                        yearly_cap: Uint128::new(2)
                    }
                ]),
            }
        )
        .unwrap_err(),
        ContractError::DuplicatePool {
            pool: Pool::Referral
        }
    );
    assert_eq!(snap(&s), before);
}

#[test]
fn config_update_is_validated() {
    let mut s = funded();
    let owner = s.owner.clone();
    let before = snap(&s);
    let upd = |age: Option<u64>, batch: Option<u32>, month: Option<u64>| ExecuteMsg::UpdateConfig {
        feeder: None,
        operators: None,
        max_price_age: age,
        max_batch: batch,
        month_seconds: month,
        pool_caps: None,
        epoch_claim_seconds: None,
    };
    for (msg, err) in [
        (
            upd(Some(0), None, None),
            ContractError::InvalidMaxPriceAge { max: 604_800 },
        ),
        (
            upd(Some(604_801), None, None),
            ContractError::InvalidMaxPriceAge { max: 604_800 },
        ),
        (
            upd(None, Some(0), None),
            ContractError::InvalidMaxBatch { max: 1_000 },
        ),
        (
            upd(None, Some(1_001), None),
            ContractError::InvalidMaxBatch { max: 1_000 },
        ),
        (
            upd(None, None, Some(0)),
            ContractError::InvalidMonthSeconds {
                min: 1,
                max: 366 * DAY,
            },
        ),
    ] {
        assert_eq!(s.exec(&owner, &msg).unwrap_err(), err);
    }
    let too_many: Vec<String> = (0..21)
        .map(|i| s.addr(&format!("op{i}")).to_string())
        .collect();
    assert_eq!(
        s.exec(
            &owner,
            &ExecuteMsg::UpdateConfig {
                feeder: None,
                operators: Some(too_many),
                max_price_age: None,
                max_batch: None,
                month_seconds: None,
                epoch_claim_seconds: None,
                pool_caps: None,
            }
        )
        .unwrap_err(),
        ContractError::TooManyOperators { max: 20 }
    );
    assert_eq!(snap(&s), before);
    // a valid update
    let new_feeder = s.addr("feeder2");
    let new_op = s.addr("operator2");
    s.exec(
        &owner,
        &ExecuteMsg::UpdateConfig {
            feeder: Some(new_feeder.to_string()),
            operators: Some(vec![new_op.to_string()]),
            max_price_age: Some(60),
            max_batch: Some(5),
            month_seconds: Some(DAY),
            pool_caps: Some(vec![PoolCap {
                pool: Pool::Referral,
                yearly_cap: Uint128::new(5 * M),
            }]),
            epoch_claim_seconds: Some(30 * DAY),
        },
    )
    .unwrap();
    let c = s.config();
    assert_eq!(c.feeder, new_feeder);
    assert_eq!(c.operators, vec![new_op.clone()]);
    assert_eq!(
        (c.max_price_age, c.max_batch, c.month_seconds),
        (60, 5, DAY)
    );
    assert_eq!(s.pool(Pool::Referral).yearly_cap.u128(), 5 * M);
    // the old operator and feeder lost their rights
    let alice = s.addr("alice");
    assert_eq!(
        s.credit(Currency::Mesi, &[(&alice, 1)]).unwrap_err(),
        ContractError::NotOperator {}
    );
    assert_eq!(
        s.post_price(Decimal::one()).unwrap_err(),
        ContractError::NotFeeder {}
    );
    // the new max age applies at once
    s.advance(61);
    assert!(!s.price().fresh);
}

#[test]
fn zero_price_is_rejected() {
    let mut s = funded();
    let before = snap(&s);
    assert_eq!(
        s.post_price(Decimal::zero()).unwrap_err(),
        ContractError::InvalidPrice {}
    );
    assert_eq!(snap(&s), before);
}

#[test]
fn paying_the_treasury_itself_is_rejected() {
    let mut s = funded();
    let treasury = s.treasury.clone();
    let before = snap(&s);
    assert_eq!(
        s.disburse(Pool::Referral, &treasury, M).unwrap_err(),
        ContractError::InvalidRecipient {}
    );
    assert_eq!(snap(&s), before);
}

#[test]
fn removed_drawer_can_no_longer_draw() {
    let mut s = funded();
    let drawer = s.addr("referral-contract");
    let alice = s.addr("alice");
    let owner = s.owner.clone();
    s.exec(
        &owner,
        &ExecuteMsg::RemoveDrawer {
            contract: drawer.to_string(),
        },
    )
    .unwrap();
    assert_eq!(
        s.draw(&drawer, &alice, M, None).unwrap_err(),
        ContractError::NotDrawer {
            sender: drawer.to_string()
        }
    );
    assert_eq!(
        s.exec(
            &owner,
            &ExecuteMsg::RemoveDrawer {
                contract: drawer.to_string(),
            },
        )
        .unwrap_err(),
        ContractError::DrawerNotFound {
            contract: drawer.to_string()
        }
    );
}

#[test]
fn set_token_requires_the_treasury_to_be_minter_and_hold_the_vesting() {
    let mut app = cw_multi_test::App::default();
    let owner = app.api().addr_make("owner");
    let other = app.api().addr_make("other");
    let names: Vec<String> = (0..8)
        .map(|i| app.api().addr_make(&format!("g{i}")).to_string())
        .collect();
    let tcode = app.store_code(treasury_contract());
    let kcode = app.store_code(token_contract());
    let inst = |genesis: Option<GenesisVesting>| InstantiateMsg {
        owner: None,
        feeder: owner.to_string(),
        operators: vec![],
        max_price_age: None,
        max_batch: None,
        month_seconds: None,
        epoch_claim_seconds: None,
        pool_caps: vec![],
        genesis_vesting: genesis,
    };
    let genesis = GenesisVesting {
        start: None,
        micro_pre_seed: names[0].clone(),
        seed_a: names[1].clone(),
        seed_b: names[2].clone(),
        community_incentives: names[3].clone(),
        airdrop: names[4].clone(),
        core_team: names[5].clone(),
        strategic_partnerships: names[6].clone(),
        advisors: names[7].clone(),
    };
    // duplicate genesis beneficiaries are refused
    let mut dup = genesis.clone();
    dup.advisors = names[0].clone();
    let err: ContractError = app
        .instantiate_contract(tcode, owner.clone(), &inst(Some(dup)), &[], "t", None)
        .unwrap_err()
        .downcast()
        .unwrap();
    assert_eq!(
        err,
        ContractError::DuplicateBeneficiary {
            address: names[0].clone()
        }
    );
    let treasury = app
        .instantiate_contract(tcode, owner.clone(), &inst(Some(genesis)), &[], "t", None)
        .unwrap();
    let token = |app: &mut cw_multi_test::App, minter: &Addr, treasury_amount: u128| {
        app.instantiate_contract(
            kcode,
            owner.clone(),
            &TokenInstantiateMsg {
                name: "Mesi".into(),
                symbol: "MESI".into(),
                decimals: 6,
                genesis_supply: None,
                allocations: vec![
                    Allocation {
                        label: "treasury".into(),
                        address: treasury.to_string(),
                        amount: Uint128::new(treasury_amount),
                    },
                    Allocation {
                        label: "rest".into(),
                        address: other.to_string(),
                        amount: Uint128::new(
                            mesi_types::treasury::GENESIS_SUPPLY - treasury_amount,
                        ),
                    },
                ],
                mint: Some(MinterResponse {
                    minter: minter.to_string(),
                    cap: None,
                }),
                marketing: None,
                arbiter: owner.to_string(),
                treasury: treasury.to_string(),
                unlock_delay: None,
                tiers: None,
                owner: None,
            },
            &[],
            "mesi",
            None,
        )
        .unwrap()
    };
    let set = |app: &mut cw_multi_test::App, token: &Addr, sender: &Addr| -> ContractError {
        app.execute_contract(
            sender.clone(),
            treasury.clone(),
            &ExecuteMsg::SetToken {
                address: token.to_string(),
            },
            &[],
        )
        .unwrap_err()
        .downcast()
        .unwrap()
    };
    let wrong_minter = token(&mut app, &other, 98_025_000_000 * M);
    assert_eq!(
        set(&mut app, &wrong_minter, &owner),
        ContractError::TreasuryNotMinter {}
    );
    let short = token(&mut app, &treasury, 78_025_000_000 * M - 1);
    assert_eq!(
        set(&mut app, &short, &owner),
        ContractError::BalanceBelowEarmarked {
            balance: Uint128::new(78_025_000_000 * M - 1),
            earmarked: Uint128::new(78_025_000_000 * M)
        }
    );
    let good = token(&mut app, &treasury, 98_025_000_000 * M);
    assert!(matches!(
        set(&mut app, &good, &other),
        ContractError::Ownership(_)
    ));
    // before SetToken, payouts refuse with TokenNotSet
    let err: ContractError = app
        .execute_contract(
            owner.clone(),
            treasury.clone(),
            &ExecuteMsg::ClaimVested {},
            &[],
        )
        .unwrap_err()
        .downcast()
        .unwrap();
    assert_eq!(err, ContractError::TokenNotSet {});
    app.execute_contract(
        owner.clone(),
        treasury.clone(),
        &ExecuteMsg::SetToken {
            address: good.to_string(),
        },
        &[],
    )
    .unwrap();
    let acc: AccountingResponse = app
        .wrap()
        .query_wasm_smart(&treasury, &QueryMsg::Accounting {})
        .unwrap();
    assert_eq!(acc.reserve.u128(), 20_000_000_000 * M);
}

#[test]
fn ownership_is_two_step_and_renounceable() {
    let mut s = funded();
    let owner = s.owner.clone();
    let new_owner = s.addr("new-owner");
    s.exec(
        &owner,
        &ExecuteMsg::UpdateOwnership(cw_ownable::Action::TransferOwnership {
            new_owner: new_owner.to_string(),
            expiry: None,
        }),
    )
    .unwrap();
    // not yet: the old owner still rules, the pending one cannot act
    assert!(matches!(
        s.exec(&new_owner, &ExecuteMsg::SyncReserve {}).unwrap_err(),
        ContractError::Ownership(_)
    ));
    s.exec(
        &new_owner,
        &ExecuteMsg::UpdateOwnership(cw_ownable::Action::AcceptOwnership),
    )
    .unwrap();
    let o: cw_ownable::Ownership<String> = s.query(&QueryMsg::Ownership {}).unwrap();
    assert_eq!(o.owner, Some(new_owner.to_string()));
    assert!(matches!(
        s.exec(&owner, &ExecuteMsg::SyncReserve {}).unwrap_err(),
        ContractError::Ownership(_)
    ));
    s.exec(
        &new_owner,
        &ExecuteMsg::UpdateOwnership(cw_ownable::Action::RenounceOwnership),
    )
    .unwrap();
    let o: cw_ownable::Ownership<String> = s.query(&QueryMsg::Ownership {}).unwrap();
    assert_eq!(o.owner, None);
}

#[test]
fn migrate_keeps_state_and_refuses_a_foreign_contract() {
    let mut s = funded();
    let before = snap(&s);
    let (owner, treasury, token) = (s.owner.clone(), s.treasury.clone(), s.token.clone());
    let code = s.treasury_code;
    s.app
        .migrate_contract(owner.clone(), treasury, &MigrateMsg {}, code)
        .unwrap();
    assert_eq!(snap(&s), before);
    let v = cw2::query_contract_info(&s.app.wrap(), s.treasury.to_string()).unwrap();
    assert_eq!(v.contract, "crates.io:mesi-treasury");
    // the token is not a treasury: migrating it to the treasury code is refused
    let err: ContractError = s
        .app
        .migrate_contract(owner, token, &MigrateMsg {}, code)
        .unwrap_err()
        .downcast()
        .unwrap();
    assert!(matches!(
        err,
        ContractError::Migrate(mesi_common::MigrateError::WrongContract { .. })
    ));
}

/// Issue 12 §7 (tokens with no way out): native coins that reached the treasury by a plain bank send are
/// swept whole by the owner; MESI is never touched by a sweep (its strays go to the reserve by
/// `sync_reserve`), so not one base unit the books hold can leave this way.
#[test]
fn a_sweep_takes_only_stray_native_coins_never_mesi() {
    let mut s = funded();
    let owner = s.owner.clone();
    let market = s.market.clone();
    let treasury = s.treasury.clone();
    s.app
        .init_modules(|router, _, storage| {
            router
                .bank
                .init_balance(storage, &market, cosmwasm_std::coins(500, "uusdc"))
        })
        .unwrap();
    s.app
        .execute(
            market.clone(),
            cosmwasm_std::BankMsg::Send {
                to_address: treasury.to_string(),
                amount: cosmwasm_std::coins(500, "uusdc"),
            }
            .into(),
        )
        .unwrap();
    let mesi_before = s.balance(&treasury);
    let books = snap(&s);
    assert!(matches!(
        s.exec(
            &market,
            &ExecuteMsg::Sweep {
                denom: "uusdc".into()
            }
        )
        .unwrap_err(),
        ContractError::Ownership(_)
    ));
    assert_eq!(
        s.exec(&owner, &ExecuteMsg::Sweep { denom: "u".into() })
            .unwrap_err(),
        ContractError::InvalidDenom { denom: "u".into() }
    );
    s.exec(
        &owner,
        &ExecuteMsg::Sweep {
            denom: "uusdc".into(),
        },
    )
    .unwrap();
    let got = s.app.wrap().query_balance(&owner, "uusdc").unwrap().amount;
    assert_eq!(got.u128(), 500);
    assert_eq!(
        s.exec(
            &owner,
            &ExecuteMsg::Sweep {
                denom: "uusdc".into()
            }
        )
        .unwrap_err(),
        ContractError::NothingToSweep {
            denom: "uusdc".into()
        }
    );
    // the MESI books are untouched
    assert_eq!(s.balance(&treasury), mesi_before);
    assert_eq!(snap(&s), books);
    s.assert_invariants();
}
