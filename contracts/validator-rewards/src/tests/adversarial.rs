//! Adversarial tests: each asserts the typed error AND that the contract's state did not change.

use cosmwasm_std::{coins, to_json_binary, Uint128};
use cw20::{Cw20ExecuteMsg, Cw20ReceiveMsg};
use cw_multi_test::{Executor, IntoBech32};
use cw_ownable::OwnershipError;
use cw_utils::PaymentError;
use mesi_types::validator_rewards::{ExecuteMsg, Penalty, ReceiveMsg, WorkEntry};

use super::suite::*;
use crate::error::ContractError;

/// Runs `f`, expects `err`, and checks the contract's storage is untouched.
fn rejects(s: &mut Suite, err: ContractError, f: impl FnOnce(&mut Suite) -> Res) {
    let before = s.dump();
    assert_eq!(f(s).unwrap_err(), err);
    assert_eq!(s.dump(), before, "state changed on a failed call");
}

fn std_err(r: Res) -> bool {
    matches!(r, Err(ContractError::Std(_)))
}

#[test]
fn fake_cw20_receive_hook_is_rejected() {
    let mut s = SuiteBuilder::new().build();
    let mallory = s.addr("mallory");
    // A second, real cw20 ("FAKE") that sends the same hook.
    let fake = s.fake_token("mallory", SUPPLY);
    let v0 = s.v(0);
    for msg in [
        ReceiveMsg::Apply { validator: v0 },
        ReceiveMsg::Fund {},
        ReceiveMsg::FundEpoch { epoch: 1 },
        ReceiveMsg::Stake {},
    ] {
        let contract = s.contract.clone();
        let fake = fake.clone();
        let mallory = mallory.clone();
        rejects(
            &mut s,
            ContractError::UnauthorizedToken {
                sender: fake.to_string(),
            },
            |s| {
                s.app
                    .execute_contract(
                        mallory,
                        fake,
                        &Cw20ExecuteMsg::Send {
                            contract: contract.to_string(),
                            amount: Uint128::new(SUPPLY / 10),
                            msg: to_json_binary(&msg).unwrap(),
                        },
                        &[],
                    )
                    .map_err(contract_error)
            },
        );
    }
    // A user calling the hook directly is not the token either.
    let hook = ExecuteMsg::Receive(Cw20ReceiveMsg {
        sender: mallory.to_string(),
        amount: Uint128::new(1_000 * M),
        msg: to_json_binary(&ReceiveMsg::Fund {}).unwrap(),
    });
    rejects(
        &mut s,
        ContractError::UnauthorizedToken {
            sender: mallory.to_string(),
        },
        |s| s.exec(&mallory, &hook),
    );
    assert_eq!(s.stream().funded.u128(), 0);
}

#[test]
fn unauthorised_whitelist_reject_slash_config_are_rejected() {
    let mut s = SuiteBuilder::new().build();
    let alice = s.addr("alice");
    s.give(&alice, THRESHOLD);
    let v0 = s.v(0);
    s.apply(&alice, &v0, THRESHOLD).unwrap();
    let not_owner = ContractError::Ownership(OwnershipError::NotOwner);
    for msg in [
        ExecuteMsg::Whitelist {
            validator: v0.clone(),
        },
        ExecuteMsg::Reject {
            validator: v0.clone(),
        },
        ExecuteMsg::Slash {
            validator: v0.clone(),
            penalty: Penalty::Bps { bps: 10_000 },
        },
        ExecuteMsg::UpdateConfig {
            treasury: Some(alice.to_string()),
            operator: None,
            threshold_bps: None,
            unbonding_period: None,
            stream_period: None,
            max_work_entries: None,
            max_pending_unbondings: None,
            claim_deadline: None,
        },
    ] {
        // The applicant herself and the operator are not the owner.
        for who in [alice.clone(), s.operator.clone()] {
            let m = msg.clone();
            rejects(&mut s, not_owner.clone_for_test(), |s| s.exec(&who, &m));
        }
    }
}

#[test]
fn unauthorised_work_report_and_close_are_rejected() {
    let mut s = SuiteBuilder::new().build();
    let mallory = s.addr("mallory");
    let owner = s.owner.clone();
    s.fund_epoch(1, 100).unwrap();
    for who in [mallory.clone(), owner] {
        let entries = vec![WorkEntry {
            contributor: mallory.to_string(),
            units: Uint128::new(1),
        }];
        rejects(&mut s, ContractError::NotOperator {}, |s| {
            s.exec(&who, &ExecuteMsg::ReportWork { epoch: 1, entries })
        });
        rejects(&mut s, ContractError::NotOperator {}, |s| {
            s.exec(&who, &ExecuteMsg::CloseEpoch { epoch: 1 })
        });
    }
}

#[test]
fn native_funds_are_rejected() {
    let mut s = SuiteBuilder::new().build();
    let alice = s.addr("alice");
    s.app.init_modules(|router, _, storage| {
        router
            .bank
            .init_balance(storage, &alice, coins(1_000, "ustake"))
            .unwrap()
    });
    let before = s.dump();
    let contract = s.contract.clone();
    let err = s
        .app
        .execute_contract(
            alice.clone(),
            contract,
            &ExecuteMsg::Claim {},
            &coins(10, "ustake"),
        )
        .map_err(contract_error)
        .unwrap_err();
    assert_eq!(err, ContractError::Payment(PaymentError::NonPayable {}));
    assert_eq!(s.dump(), before);
}

#[test]
fn upper_case_and_foreign_prefix_validator_addresses_are_rejected() {
    let mut s = SuiteBuilder::new().build();
    let alice = s.addr("alice");
    s.give(&alice, THRESHOLD);
    let upper = s.v(0).to_uppercase();
    rejects(
        &mut s,
        ContractError::InvalidValidatorAddress {
            validator: upper.clone(),
        },
        |s| s.apply(&alice, &upper, THRESHOLD),
    );
    // Alice's own bytes under another chain's prefix: not a validator of this chain.
    let foreign = "alice".into_bech32_with_prefix("osmovaloper").to_string();
    rejects(
        &mut s,
        ContractError::UnknownValidator {
            validator: foreign.clone(),
        },
        |s| s.apply(&alice, &foreign, THRESHOLD),
    );
    // An account address is not a validator either.
    let account = alice.to_string();
    rejects(
        &mut s,
        ContractError::UnknownValidator {
            validator: account.clone(),
        },
        |s| s.apply(&alice, &account, THRESHOLD),
    );
    assert_eq!(s.balance(&alice), THRESHOLD);
}

#[test]
fn upper_case_and_foreign_prefix_user_addresses_are_rejected() {
    let mut s = SuiteBuilder::new().build();
    let op = s.operator.clone();
    let owner = s.owner.clone();
    let good = s.addr("worker");
    let upper = good.to_string().to_uppercase();
    let foreign = "worker".into_bech32_with_prefix("osmo").to_string();
    for bad in [upper, foreign] {
        let before = s.dump();
        let entries = vec![WorkEntry {
            contributor: bad.clone(),
            units: Uint128::new(1),
        }];
        assert!(std_err(
            s.exec(&op, &ExecuteMsg::ReportWork { epoch: 1, entries })
        ));
        assert!(std_err(s.exec(
            &owner,
            &ExecuteMsg::UpdateConfig {
                treasury: Some(bad.clone()),
                operator: Some(bad.clone()),
                threshold_bps: None,
                unbonding_period: None,
                stream_period: None,
                max_work_entries: None,
                max_pending_unbondings: None,
                claim_deadline: None,
            },
        )));
        assert_eq!(s.dump(), before);
    }
}

#[test]
fn zero_and_max_amounts_are_rejected() {
    let mut s = SuiteBuilder::new().build();
    let alice = s.join(0, 2 * THRESHOLD);
    let v0 = s.v(0);
    rejects(&mut s, ContractError::ZeroAmount {}, |s| {
        s.unstake(&alice, 0)
    });
    rejects(
        &mut s,
        ContractError::InsufficientStake {
            stake: Uint128::new(2 * THRESHOLD),
            requested: Uint128::MAX,
        },
        |s| s.unstake(&alice, u128::MAX),
    );
    rejects(
        &mut s,
        ContractError::InvalidPenalty {
            reason: "zero amount".into(),
        },
        |s| {
            s.slash(
                &v0,
                Penalty::Amount {
                    amount: Uint128::zero(),
                },
            )
        },
    );
    let v = v0.clone();
    let before = s.dump();
    assert!(matches!(
        s.slash(
            &v,
            Penalty::Amount {
                amount: Uint128::MAX
            }
        ),
        Err(ContractError::InvalidPenalty { .. })
    ));
    assert!(matches!(
        s.slash(&v, Penalty::Bps { bps: 0 }),
        Err(ContractError::InvalidPenalty { .. })
    ));
    assert!(matches!(
        s.slash(&v, Penalty::Bps { bps: 10_001 }),
        Err(ContractError::InvalidPenalty { .. })
    ));
    assert_eq!(s.dump(), before);
    // Zero and overflowing work units.
    let w = s.addr("worker");
    rejects(&mut s, ContractError::ZeroAmount {}, |s| {
        s.report(1, &[(&w, 0)])
    });
    s.report(1, &[(&w, u128::MAX)]).unwrap();
    let w2 = s.addr("worker2");
    rejects(&mut s, ContractError::Overflow {}, |s| {
        s.report(1, &[(&w2, 1)])
    });
    // A zero Send fails (the token refuses it, or the hook does: ZeroAmount).
    let (m, token, contract) = (s.market.clone(), s.token.clone(), s.contract.to_string());
    let before = s.dump();
    assert!(s
        .app
        .execute_contract(
            m,
            token,
            &Cw20ExecuteMsg::Send {
                contract,
                amount: Uint128::zero(),
                msg: to_json_binary(&ReceiveMsg::Fund {}).unwrap(),
            },
            &[],
        )
        .is_err());
    assert_eq!(s.dump(), before);
}

#[test]
fn duplicate_entries_are_rejected() {
    let mut s = SuiteBuilder::new().build();
    let a = s.addr("a");
    let b = s.addr("b");
    rejects(
        &mut s,
        ContractError::DuplicateContributor {
            contributor: a.to_string(),
            epoch: 1,
        },
        |s| s.report(1, &[(&a, 1), (&b, 1), (&a, 2)]),
    );
    s.report(1, &[(&a, 1)]).unwrap();
    // Across batches too.
    rejects(
        &mut s,
        ContractError::DuplicateContributor {
            contributor: a.to_string(),
            epoch: 1,
        },
        |s| s.report(1, &[(&b, 1), (&a, 1)]),
    );
    s.close(1).unwrap();
    s.report(2, &[(&a, 1)]).unwrap();
    s.close(2).unwrap();
    rejects(&mut s, ContractError::DuplicateEpoch { epoch: 1 }, |s| {
        s.claim_work(&a, &[1, 2, 1])
    });
    rejects(&mut s, ContractError::EpochClosed { epoch: 1 }, |s| {
        s.report(1, &[(&b, 1)])
    });
    rejects(&mut s, ContractError::EpochClosed { epoch: 1 }, |s| {
        s.close(1)
    });
    rejects(&mut s, ContractError::EpochNotFound { epoch: 9 }, |s| {
        s.close(9)
    });
    rejects(&mut s, ContractError::NoWork { epoch: 1 }, |s| {
        s.claim_work(&b, &[1])
    });
}

#[test]
fn work_batches_and_claim_lists_are_bounded() {
    let mut s = SuiteBuilder::new().with_max_work_entries(3).build();
    let addrs: Vec<_> = (0..4).map(|i| s.addr(&format!("w{i}"))).collect();
    let entries: Vec<_> = addrs.iter().map(|a| (a, 1u128)).collect();
    rejects(
        &mut s,
        ContractError::TooManyEntries { len: 4, max: 3 },
        |s| s.report(1, &entries),
    );
    rejects(&mut s, ContractError::EmptyList {}, |s| s.report(1, &[]));
    let a = addrs[0].clone();
    rejects(&mut s, ContractError::EmptyList {}, |s| {
        s.claim_work(&a, &[])
    });
    let many: Vec<u64> = (0..31).collect();
    rejects(
        &mut s,
        ContractError::TooManyEntries { len: 31, max: 30 },
        |s| s.claim_work(&a, &many),
    );
}

#[test]
fn claims_before_unbonding_ends_are_rejected() {
    let mut s = SuiteBuilder::new().with_unbonding_period(10 * DAY).build();
    let alice = s.join(0, 2 * THRESHOLD);
    s.unstake(&alice, 1).unwrap();
    s.advance(10 * DAY - 1);
    rejects(&mut s, ContractError::NothingToClaim {}, |s| {
        s.claim_unbonded(&alice)
    });
    s.advance(1);
    s.claim_unbonded(&alice).unwrap();
    assert_eq!(s.balance(&alice), 1);
}

#[test]
fn unbonding_entries_are_bounded_per_staker() {
    let mut s = SuiteBuilder::new().with_max_pending_unbondings(2).build();
    let alice = s.join(0, 2 * THRESHOLD);
    s.unstake(&alice, 1).unwrap();
    s.unstake(&alice, 1).unwrap();
    rejects(&mut s, ContractError::TooManyUnbondings { max: 2 }, |s| {
        s.unstake(&alice, 1)
    });
    // An owner action never fails on a full list: it merges into the newest entry.
    let v0 = s.v(0);
    s.advance(DAY);
    s.reject(&v0).unwrap();
    let u = s.unbondings(&alice).entries;
    assert_eq!(u.len(), 2);
    assert_eq!(u[1].amount.u128(), 2 * THRESHOLD - 1);
    assert_eq!(u[1].release_at, s.now() + 21 * DAY);
    s.assert_accounting();
}

#[test]
fn staker_actions_without_an_application_are_rejected() {
    let mut s = SuiteBuilder::new().build();
    // Validator 0's operator account.
    let bob = s.operator_of(0);
    s.give(&bob, THRESHOLD);
    rejects(
        &mut s,
        ContractError::NoActiveApplication {
            staker: bob.to_string(),
        },
        |s| s.top_up(&bob, 10),
    );
    rejects(
        &mut s,
        ContractError::NoActiveApplication {
            staker: bob.to_string(),
        },
        |s| s.unstake(&bob, 10),
    );
    rejects(
        &mut s,
        ContractError::StakerNotFound {
            staker: bob.to_string(),
        },
        |s| s.claim(&bob),
    );
    let v0 = s.v(0);
    rejects(
        &mut s,
        ContractError::ValidatorNotFound {
            validator: v0.clone(),
        },
        |s| s.whitelist(&v0),
    );
    rejects(
        &mut s,
        ContractError::ValidatorNotFound {
            validator: v0.clone(),
        },
        |s| s.recheck(&v0),
    );
    s.apply(&bob, &v0, THRESHOLD).unwrap();
    rejects(
        &mut s,
        ContractError::NotWhitelisted {
            validator: v0.clone(),
        },
        |s| s.recheck(&v0),
    );
}

#[test]
fn invalid_config_is_rejected() {
    let mut s = SuiteBuilder::new().build();
    let owner = s.owner.clone();
    let upd = |f: &dyn Fn(&mut ExecuteMsg)| {
        let mut m = ExecuteMsg::UpdateConfig {
            treasury: None,
            operator: None,
            threshold_bps: None,
            unbonding_period: None,
            stream_period: None,
            max_work_entries: None,
            max_pending_unbondings: None,
            claim_deadline: None,
        };
        f(&mut m);
        m
    };
    let cases: Vec<(ExecuteMsg, &str)> = vec![
        (
            upd(&|m| {
                if let ExecuteMsg::UpdateConfig { threshold_bps, .. } = m {
                    *threshold_bps = Some(0)
                }
            }),
            "threshold_bps",
        ),
        (
            upd(&|m| {
                if let ExecuteMsg::UpdateConfig { threshold_bps, .. } = m {
                    *threshold_bps = Some(10_001)
                }
            }),
            "threshold_bps",
        ),
        (
            upd(&|m| {
                if let ExecuteMsg::UpdateConfig {
                    unbonding_period, ..
                } = m
                {
                    *unbonding_period = Some(0)
                }
            }),
            "unbonding_period",
        ),
        (
            upd(&|m| {
                if let ExecuteMsg::UpdateConfig { stream_period, .. } = m {
                    *stream_period = Some(u64::MAX)
                }
            }),
            "stream_period",
        ),
        (
            upd(&|m| {
                if let ExecuteMsg::UpdateConfig {
                    max_work_entries, ..
                } = m
                {
                    *max_work_entries = Some(0)
                }
            }),
            "max_work_entries",
        ),
        (
            upd(&|m| {
                if let ExecuteMsg::UpdateConfig {
                    max_pending_unbondings,
                    ..
                } = m
                {
                    *max_pending_unbondings = Some(51)
                }
            }),
            "max_pending_unbondings",
        ),
        (
            upd(&|m| {
                if let ExecuteMsg::UpdateConfig { claim_deadline, .. } = m {
                    *claim_deadline = Some(0)
                }
            }),
            "claim_deadline",
        ),
    ];
    for (msg, field) in cases {
        let before = s.dump();
        match s.exec(&owner, &msg).unwrap_err() {
            ContractError::InvalidConfig { field: f, .. } => assert_eq!(f, field),
            e => panic!("{e:?}"),
        }
        assert_eq!(s.dump(), before);
    }
    // A valid update goes through.
    s.exec(
        &owner,
        &upd(&|m| {
            if let ExecuteMsg::UpdateConfig { threshold_bps, .. } = m {
                *threshold_bps = Some(50)
            }
        }),
    )
    .unwrap();
    assert_eq!(s.config().threshold_bps, 50);
}

impl ContractError {
    fn clone_for_test(&self) -> ContractError {
        match self {
            ContractError::Ownership(OwnershipError::NotOwner) => {
                ContractError::Ownership(OwnershipError::NotOwner)
            }
            e => panic!("unexpected {e:?}"),
        }
    }
}
