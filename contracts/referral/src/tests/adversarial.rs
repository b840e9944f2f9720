//! Adversarial tests: each asserts the typed error AND that state did not change.

use cosmwasm_std::testing::MockApi;
use cosmwasm_std::{coins, Uint128};
use cw_multi_test::Executor;
use cw_utils::PaymentError;
use mesi_types::referral::{ExecuteMsg, InstantiateMsg, MigrateMsg, ReferralStatus};

use super::suite::{err, referral_contract, SuiteBuilder, M};
use crate::error::ContractError;

#[test]
fn unauthorised_sender_cannot_validate_or_reject() {
    let mut s = SuiteBuilder::new().build();
    s.referrer("alice", 1, "alice");
    s.refer("carol", "alice").unwrap();
    let before = s.snapshot();
    for who in ["alice", "carol", "owner", "feeder"] {
        let sender = if who == "owner" {
            s.owner.clone()
        } else {
            s.addr(who)
        };
        let referee = s.addr("carol").to_string();
        assert_eq!(
            err(s.exec_as(
                &sender,
                &ExecuteMsg::Validate {
                    referee: referee.clone()
                }
            )),
            ContractError::NotOperator
        );
        assert_eq!(
            err(s.exec_as(&sender, &ExecuteMsg::Reject { referee })),
            ContractError::NotOperator
        );
    }
    assert_eq!(s.snapshot(), before);
}

#[test]
fn validating_an_unknown_referral_fails() {
    let mut s = SuiteBuilder::new().build();
    let before = s.snapshot();
    assert_eq!(
        err(s.validate("ghost")),
        ContractError::NoReferral {
            referee: s.addr("ghost").to_string()
        }
    );
    assert_eq!(s.snapshot(), before);
}

#[test]
fn funds_attached_to_any_message_are_refused() {
    let mut s = SuiteBuilder::new().build();
    s.referrer("alice", 1, "alice");
    s.s.app
        .sudo(cw_multi_test::SudoMsg::Bank(
            cw_multi_test::BankSudo::Mint {
                to_address: s.addr("carol").to_string(),
                amount: coins(1_000, "ucosm"),
            },
        ))
        .unwrap();
    s.s.app
        .sudo(cw_multi_test::SudoMsg::Bank(
            cw_multi_test::BankSudo::Mint {
                to_address: s.operator.to_string(),
                amount: coins(1_000, "ucosm"),
            },
        ))
        .unwrap();
    let before = s.snapshot();
    let carol = s.addr("carol");
    let op = s.operator.clone();
    let fund = coins(10, "ucosm");
    let cases: Vec<(cosmwasm_std::Addr, ExecuteMsg)> = vec![
        (
            carol.clone(),
            ExecuteMsg::RegisterCode {
                code: "carol".into(),
            },
        ),
        (
            carol.clone(),
            ExecuteMsg::Refer {
                code: "alice".into(),
            },
        ),
        (
            op.clone(),
            ExecuteMsg::Validate {
                referee: carol.to_string(),
            },
        ),
        (
            op.clone(),
            ExecuteMsg::Reject {
                referee: carol.to_string(),
            },
        ),
        (carol.clone(), ExecuteMsg::SettleOwed { limit: None }),
    ];
    for (sender, msg) in cases {
        assert_eq!(
            err(s.exec_with_funds(&sender, &msg, &fund)),
            ContractError::Payment(PaymentError::NonPayable {})
        );
    }
    assert_eq!(s.snapshot(), before);
    assert_eq!(
        s.app
            .wrap()
            .query_balance(&carol, "ucosm")
            .unwrap()
            .amount
            .u128(),
        1_000
    );
}

#[test]
fn upper_case_and_foreign_prefix_addresses_are_refused() {
    let mut s = SuiteBuilder::new().build();
    s.referrer("alice", 1, "alice");
    s.refer("carol", "alice").unwrap();
    let before = s.snapshot();
    let upper = s.addr("carol").to_string().to_uppercase();
    let foreign = MockApi::default()
        .with_prefix("juno")
        .addr_make("carol")
        .to_string();
    let op = s.operator.clone();
    for bad in [upper.clone(), foreign.clone()] {
        assert!(matches!(
            err(s.exec_as(
                &op,
                &ExecuteMsg::Validate {
                    referee: bad.clone()
                }
            )),
            ContractError::Std(_)
        ));
        assert!(matches!(
            err(s.exec_as(
                &op,
                &ExecuteMsg::Reject {
                    referee: bad.clone()
                }
            )),
            ContractError::Std(_)
        ));
        let owner = s.owner.clone();
        assert!(matches!(
            err(s.exec_as(
                &owner,
                &ExecuteMsg::UpdateConfig {
                    token: None,
                    treasury: None,
                    operator: Some(bad.clone()),
                    bonus_usd: None,
                    multipliers: None,
                }
            )),
            ContractError::Std(_)
        ));
        // queries refuse them too
        let q: Result<mesi_types::referral::ReferrerOfResponse, _> = s.app.wrap().query_wasm_smart(
            &s.referral,
            &mesi_types::referral::QueryMsg::ReferrerOf { address: bad },
        );
        assert!(q.is_err());
    }
    assert_eq!(s.snapshot(), before);
    // instantiate refuses them as well
    let code = s.referral_code;
    let owner = s.owner.clone();
    let ok = InstantiateMsg {
        owner: None,
        token: s.token.to_string(),
        treasury: s.treasury.to_string(),
        operator: s.operator.to_string(),
        bonus_usd: None,
        multipliers: None,
    };
    for msg in [
        InstantiateMsg {
            operator: s.operator.to_string().to_uppercase(),
            ..ok.clone()
        },
        InstantiateMsg {
            treasury: foreign.clone(),
            ..ok.clone()
        },
        InstantiateMsg {
            owner: Some(upper.clone()),
            ..ok.clone()
        },
    ] {
        assert!(s
            .app
            .instantiate_contract(code, owner.clone(), &msg, &[], "x", None)
            .is_err());
    }
}

#[test]
fn referral_contract_not_registered_as_drawer_cannot_pay_and_nothing_changes() {
    let mut s = SuiteBuilder::new().without_drawer().build();
    s.referrer("alice", 1, "alice");
    s.refer("carol", "alice").unwrap();
    let before = s.snapshot();
    // the treasury refuses the draw: the whole validation reverts, the referral stays pending
    assert!(s.validate("carol").is_err());
    assert_eq!(s.snapshot(), before);
    assert_eq!(
        s.referral_of("carol").unwrap().status,
        ReferralStatus::Pending
    );
    s.register_drawer().unwrap();
    s.validate("carol").unwrap();
    assert_eq!(s.referral_of("carol").unwrap().status, ReferralStatus::Paid);
}

#[test]
fn uint128_max_bonus_overflows_with_a_typed_error_and_zero_is_refused() {
    let mut s = SuiteBuilder::new().build();
    s.referrer("alice", 2, "alice");
    s.refer("carol", "alice").unwrap();
    let owner = s.owner.clone();
    let update = |bonus: u128| ExecuteMsg::UpdateConfig {
        token: None,
        treasury: None,
        operator: None,
        bonus_usd: Some(Uint128::new(bonus)),
        multipliers: None,
    };
    assert_eq!(err(s.exec_as(&owner, &update(0))), ContractError::ZeroBonus);
    s.exec_as(&owner, &update(u128::MAX)).unwrap();
    let before = s.snapshot();
    assert!(matches!(
        err(s.validate("carol")),
        ContractError::Overflow(_)
    ));
    assert_eq!(s.snapshot(), before);
}

#[test]
fn update_config_is_owner_only_and_validated() {
    let mut s = SuiteBuilder::new().build();
    let alice = s.addr("alice");
    let op = s.operator.clone();
    let owner = s.owner.clone();
    let msg = |multipliers: Option<Vec<u16>>| ExecuteMsg::UpdateConfig {
        token: None,
        treasury: None,
        operator: None,
        bonus_usd: None,
        multipliers,
    };
    let before = s.config();
    for who in [alice, op] {
        assert_eq!(
            err(s.exec_as(&who, &msg(Some(vec![1])))),
            ContractError::Ownership(cw_ownable::OwnershipError::NotOwner)
        );
    }
    for (m, e) in [
        (
            vec![],
            ContractError::InvalidMultiplierCount { len: 0, max: 10 },
        ),
        (
            vec![1; 11],
            ContractError::InvalidMultiplierCount { len: 11, max: 10 },
        ),
        (vec![0, 1], ContractError::InvalidMultipliers { max: 1_000 }),
        (vec![2, 1], ContractError::InvalidMultipliers { max: 1_000 }),
        (
            vec![1, 1_001],
            ContractError::InvalidMultipliers { max: 1_000 },
        ),
    ] {
        assert_eq!(err(s.exec_as(&owner, &msg(Some(m)))), e);
    }
    assert_eq!(s.config(), before);
    let new_op = s.addr("new-operator");
    let res = s
        .exec_as(
            &owner,
            &ExecuteMsg::UpdateConfig {
                token: None,
                treasury: None,
                operator: Some(new_op.to_string()),
                bonus_usd: Some(Uint128::new(20_000_000)),
                multipliers: Some(vec![1, 3]),
            },
        )
        .unwrap();
    assert!(res.events.iter().any(|e| e
        .attributes
        .iter()
        .any(|a| a.key == "action" && a.value == "update_config")));
    let c = s.config();
    assert_eq!(
        (c.operator, c.bonus_usd.u128(), c.multipliers),
        (new_op, 20_000_000, vec![1, 3])
    );
    // a tier above the table uses its last row: tier 5 -> 3x of USD 20 = 1,200 MESI at 0.05
    s.referrer("alice", 5, "alice");
    s.refer("carol", "alice").unwrap();
    let before = s.balance("alice");
    let new_op = s.addr("new-operator");
    s.exec_as(
        &new_op,
        &ExecuteMsg::Validate {
            referee: s.addr("carol").to_string(),
        },
    )
    .unwrap();
    assert_eq!(s.balance("alice") - before, 1_200 * M);
}

#[test]
fn instantiate_validates_config_and_sets_defaults() {
    let mut s = SuiteBuilder::new().build();
    let c = s.config();
    assert_eq!(c.bonus_usd.u128(), 10_000_000);
    assert_eq!(c.multipliers, vec![1, 2, 5, 10, 15]);
    assert_eq!((c.code_min_len, c.code_max_len), (3, 20));
    let v = cw2::query_contract_info(&s.app.wrap(), s.referral.to_string()).unwrap();
    assert_eq!(v.contract, "crates.io:mesi-referral");
    let code = s.app.store_code(referral_contract());
    let owner = s.owner.clone();
    let base = InstantiateMsg {
        owner: None,
        token: s.token.to_string(),
        treasury: s.treasury.to_string(),
        operator: s.operator.to_string(),
        bonus_usd: None,
        multipliers: None,
    };
    for (msg, e) in [
        (
            InstantiateMsg {
                bonus_usd: Some(Uint128::zero()),
                ..base.clone()
            },
            ContractError::ZeroBonus,
        ),
        (
            InstantiateMsg {
                multipliers: Some(vec![5, 2]),
                ..base.clone()
            },
            ContractError::InvalidMultipliers { max: 1_000 },
        ),
    ] {
        let got = s
            .app
            .instantiate_contract(code, owner.clone(), &msg, &[], "x", None)
            .unwrap_err()
            .downcast::<ContractError>()
            .unwrap();
        assert_eq!(got, e);
    }
    s.app
        .sudo(cw_multi_test::SudoMsg::Bank(
            cw_multi_test::BankSudo::Mint {
                to_address: owner.to_string(),
                amount: coins(10, "ucosm"),
            },
        ))
        .unwrap();
    let got = s
        .app
        .instantiate_contract(code, owner, &base, &coins(1, "ucosm"), "x", None)
        .unwrap_err()
        .downcast::<ContractError>()
        .unwrap();
    assert_eq!(got, ContractError::Payment(PaymentError::NonPayable {}));
}

#[test]
fn ownership_is_two_step_and_renounceable() {
    let mut s = SuiteBuilder::new().build();
    let owner = s.owner.clone();
    let newbie = s.addr("newbie");
    s.exec_as(
        &owner,
        &ExecuteMsg::UpdateOwnership(cw_ownable::Action::TransferOwnership {
            new_owner: newbie.to_string(),
            expiry: None,
        }),
    )
    .unwrap();
    // still the old owner until accepted
    let o: cw_ownable::Ownership<String> = s.q(&mesi_types::referral::QueryMsg::Ownership {});
    assert_eq!(o.owner, Some(owner.to_string()));
    assert_eq!(o.pending_owner, Some(newbie.to_string()));
    let stranger = s.addr("stranger");
    assert!(matches!(
        err(s.exec_as(
            &stranger,
            &ExecuteMsg::UpdateOwnership(cw_ownable::Action::AcceptOwnership)
        )),
        ContractError::Ownership(_)
    ));
    s.exec_as(
        &newbie,
        &ExecuteMsg::UpdateOwnership(cw_ownable::Action::AcceptOwnership),
    )
    .unwrap();
    let o: cw_ownable::Ownership<String> = s.q(&mesi_types::referral::QueryMsg::Ownership {});
    assert_eq!(o.owner, Some(newbie.to_string()));
    s.exec_as(
        &newbie,
        &ExecuteMsg::UpdateOwnership(cw_ownable::Action::RenounceOwnership),
    )
    .unwrap();
    assert!(matches!(
        err(s.exec_as(
            &newbie,
            &ExecuteMsg::UpdateConfig {
                token: None,
                treasury: None,
                operator: None,
                bonus_usd: Some(Uint128::new(1)),
                multipliers: None
            }
        )),
        ContractError::Ownership(cw_ownable::OwnershipError::NoOwner)
    ));
}

#[test]
fn migrate_refuses_a_foreign_contract_and_a_downgrade() {
    let mut s = SuiteBuilder::new().build();
    let res = s.migrate(&MigrateMsg {}).unwrap();
    assert!(res.events.iter().any(|e| e
        .attributes
        .iter()
        .any(|a| a.key == "action" && a.value == "migrate")));
    let referral = s.referral.clone();
    cw2::set_contract_version(
        s.app.contract_storage_mut(&referral).as_mut(),
        "crates.io:mesi-token",
        "0.1.0",
    )
    .unwrap();
    assert!(matches!(
        err(s.migrate(&MigrateMsg {})),
        ContractError::Migrate(mesi_common::MigrateError::WrongContract { .. })
    ));
    cw2::set_contract_version(
        s.app.contract_storage_mut(&referral).as_mut(),
        "crates.io:mesi-referral",
        "99.0.0",
    )
    .unwrap();
    assert!(matches!(
        err(s.migrate(&MigrateMsg {})),
        ContractError::Migrate(mesi_common::MigrateError::Downgrade { .. })
    ));
}

/// Issue 12 §7 (tokens with no way out): the referral contract holds nothing it owes, so MESI sent to it
/// by a plain transfer goes whole to the treasury's reserve and native coins go whole to the owner; only
/// the owner may sweep, and an empty balance is a typed error.
#[test]
fn a_sweep_returns_stray_mesi_to_the_reserve_and_stray_coins_to_the_owner() {
    let mut s = SuiteBuilder::new().build();
    let (owner, bank, referral) = (s.owner.clone(), s.bank.clone(), s.referral.clone());
    s.s.app
        .execute_contract(
            bank.clone(),
            s.token.clone(),
            &mesi_types::token::ExecuteMsg::Transfer {
                recipient: referral.to_string(),
                amount: Uint128::new(7 * M),
            },
            &[],
        )
        .unwrap();
    s.app
        .init_modules(|router, _, storage| {
            router
                .bank
                .init_balance(storage, &referral, coins(900, "uusdc"))
        })
        .unwrap();
    let stranger = s.addr("stranger");
    assert!(matches!(
        err(s.exec_as(&stranger, &ExecuteMsg::Sweep { denom: None })),
        ContractError::Ownership(_)
    ));
    assert_eq!(
        err(s.exec_as(
            &owner,
            &ExecuteMsg::Sweep {
                denom: Some("x".into())
            }
        )),
        ContractError::InvalidDenom { denom: "x".into() }
    );
    let reserve = |s: &super::suite::Suite| -> u128 {
        let a: mesi_types::treasury::AccountingResponse = s
            .app
            .wrap()
            .query_wasm_smart(&s.treasury, &mesi_types::treasury::QueryMsg::Accounting {})
            .unwrap();
        a.reserve.u128()
    };
    let r0 = reserve(&s);
    s.exec_as(&owner, &ExecuteMsg::Sweep { denom: None })
        .unwrap();
    assert_eq!(reserve(&s), r0 + 7 * M);
    s.exec_as(
        &owner,
        &ExecuteMsg::Sweep {
            denom: Some("uusdc".into()),
        },
    )
    .unwrap();
    assert_eq!(
        s.app
            .wrap()
            .query_balance(&owner, "uusdc")
            .unwrap()
            .amount
            .u128(),
        900
    );
    assert_eq!(
        err(s.exec_as(&owner, &ExecuteMsg::Sweep { denom: None })),
        ContractError::NothingToSweep {
            denom: "mesi".into()
        }
    );
    assert_eq!(
        err(s.exec_as(
            &owner,
            &ExecuteMsg::Sweep {
                denom: Some("uusdc".into())
            }
        )),
        ContractError::NothingToSweep {
            denom: "uusdc".into()
        }
    );
}
