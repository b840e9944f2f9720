//! Adversarial cases: each asserts the typed error AND that state did not change.

use cosmwasm_std::{coin, coins, testing::mock_dependencies, Uint128};
use cw_multi_test::Executor;
use cw_ownable::Action;
use cw_utils::{Expiration, PaymentError};
use mesi_types::gallery::{
    ConfigResponse, ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg, ResolveOutcome, MAX_PAYOUTS,
};

use super::suite::{err, err_str, ext, gallery_contract, Suite, DENOM};
use crate::contract::{migrate, CONTRACT_NAME};
use crate::error::ContractError;

#[test]
fn a_non_owner_cannot_transfer_send_approve_or_burn() {
    let mut s = Suite::new();
    let (alice, bob) = (s.alice.clone(), s.bob.clone());
    s.mint(&alice, "a1").unwrap();
    let before = s.dump();
    assert_eq!(
        err(s.transfer(&bob, &bob, "a1")),
        ContractError::Unauthorized {}
    );
    assert_eq!(
        err(s.exec(
            &bob,
            &ExecuteMsg::SendNft {
                contract: bob.to_string(),
                token_id: "a1".into(),
                msg: Default::default()
            }
        )),
        ContractError::Unauthorized {}
    );
    assert_eq!(
        err(s.exec(
            &bob,
            &ExecuteMsg::Approve {
                spender: bob.to_string(),
                token_id: "a1".into(),
                expires: None
            }
        )),
        ContractError::Unauthorized {}
    );
    assert_eq!(
        err(s.exec(
            &bob,
            &ExecuteMsg::Revoke {
                spender: bob.to_string(),
                token_id: "a1".into()
            }
        )),
        ContractError::Unauthorized {}
    );
    assert_eq!(err(s.burn(&bob, "a1")), ContractError::Unauthorized {});
    assert_eq!(
        err(s.transfer(&alice, &bob, "nope")),
        ContractError::TokenNotFound {
            token_id: "nope".into()
        }
    );
    assert_eq!(s.dump(), before);
}

#[test]
fn an_expired_approval_or_operator_cannot_transfer() {
    let mut s = Suite::new();
    let (alice, bob, carol) = (s.alice.clone(), s.bob.clone(), s.carol.clone());
    s.mint(&alice, "a1").unwrap();
    let h = s.app.block_info().height;
    s.exec(
        &alice,
        &ExecuteMsg::Approve {
            spender: bob.to_string(),
            token_id: "a1".into(),
            expires: Some(Expiration::AtHeight(h + 2)),
        },
    )
    .unwrap();
    s.exec(
        &alice,
        &ExecuteMsg::ApproveAll {
            operator: carol.to_string(),
            expires: Some(Expiration::AtHeight(h + 2)),
        },
    )
    .unwrap();
    s.app.update_block(|b| b.height += 5);
    let before = s.dump();
    assert_eq!(
        err(s.transfer(&bob, &bob, "a1")),
        ContractError::Unauthorized {}
    );
    assert_eq!(
        err(s.transfer(&carol, &carol, "a1")),
        ContractError::Unauthorized {}
    );
    assert_eq!(s.dump(), before);
    // expired entries are hidden unless asked for
    assert!(s
        .query::<mesi_types::gallery::OperatorResponse>(&QueryMsg::Operator {
            owner: alice.to_string(),
            operator: carol.to_string(),
            include_expired: None
        })
        .is_err());
    let ops: mesi_types::gallery::OperatorsResponse = s
        .query(&QueryMsg::AllOperators {
            owner: alice.to_string(),
            include_expired: Some(true),
            start_after: None,
            limit: None,
        })
        .unwrap();
    assert_eq!(ops.operators.len(), 1);
    let o: mesi_types::gallery::OwnerOfResponse = s
        .query(&QueryMsg::OwnerOf {
            token_id: "a1".into(),
            include_expired: None,
        })
        .unwrap();
    assert!(o.approvals.is_empty());
    // an approval that is already expired is refused
    assert_eq!(
        err(s.exec(
            &alice,
            &ExecuteMsg::Approve {
                spender: bob.to_string(),
                token_id: "a1".into(),
                expires: Some(Expiration::AtHeight(h))
            }
        )),
        ContractError::Expired {}
    );
    assert_eq!(
        err(s.exec(
            &alice,
            &ExecuteMsg::ApproveAll {
                operator: bob.to_string(),
                expires: Some(Expiration::AtHeight(h))
            }
        )),
        ContractError::Expired {}
    );
}

#[test]
fn approvals_per_token_are_bounded() {
    let mut s = Suite::new();
    let alice = s.alice.clone();
    s.mint(&alice, "a1").unwrap();
    for i in 0..10 {
        let sp = s.addr(&format!("sp{i}"));
        s.exec(
            &alice,
            &ExecuteMsg::Approve {
                spender: sp.to_string(),
                token_id: "a1".into(),
                expires: None,
            },
        )
        .unwrap();
    }
    let sp = s.addr("one-too-many");
    assert_eq!(
        err(s.exec(
            &alice,
            &ExecuteMsg::Approve {
                spender: sp.to_string(),
                token_id: "a1".into(),
                expires: None
            }
        )),
        ContractError::TooManyApprovals {
            token_id: "a1".into(),
            max: 10
        }
    );
    // re-approving an existing spender replaces it
    let sp0 = s.addr("sp0");
    s.exec(
        &alice,
        &ExecuteMsg::Approve {
            spender: sp0.to_string(),
            token_id: "a1".into(),
            expires: None,
        },
    )
    .unwrap();
}

#[test]
fn only_the_arbiter_may_resolve() {
    let mut s = Suite::new();
    let (alice, bob, owner) = (s.alice.clone(), s.bob.clone(), s.owner.clone());
    s.mint(&alice, "a1").unwrap();
    s.pledge(&alice, "a1", 100).unwrap();
    let before = s.dump();
    for who in [&alice, &bob, &owner] {
        assert_eq!(
            err(s.resolve(who, "a1", &[(&bob, 100)], ResolveOutcome::Burn)),
            ContractError::NotArbiter {}
        );
    }
    assert_eq!(s.dump(), before);
    assert_eq!(s.balance(&s.gallery.clone(), DENOM), 100);
}

#[test]
fn payouts_must_be_distinct_non_zero_bounded_and_sum_to_the_pledge() {
    let mut s = Suite::new();
    let (alice, bob, carol, arbiter) = (
        s.alice.clone(),
        s.bob.clone(),
        s.carol.clone(),
        s.arbiter.clone(),
    );
    s.mint(&alice, "a1").unwrap();
    s.pledge(&alice, "a1", 100).unwrap();
    let before = s.dump();
    assert_eq!(
        err(s.resolve(
            &arbiter,
            "a1",
            &[(&bob, 50), (&bob, 50)],
            ResolveOutcome::Keep
        )),
        ContractError::DuplicatePayout {
            address: bob.to_string()
        }
    );
    assert_eq!(
        err(s.resolve(
            &arbiter,
            "a1",
            &[(&bob, 50), (&carol, 49)],
            ResolveOutcome::Keep
        )),
        ContractError::PayoutsMismatch {
            pledge: Uint128::new(100),
            total: Uint128::new(99)
        }
    );
    assert_eq!(
        err(s.resolve(
            &arbiter,
            "a1",
            &[(&bob, 50), (&carol, 51)],
            ResolveOutcome::Keep
        )),
        ContractError::PayoutsMismatch {
            pledge: Uint128::new(100),
            total: Uint128::new(101)
        }
    );
    assert_eq!(
        err(s.resolve(&arbiter, "a1", &[], ResolveOutcome::Burn)),
        ContractError::PayoutsMismatch {
            pledge: Uint128::new(100),
            total: Uint128::zero()
        }
    );
    assert_eq!(
        err(s.resolve(
            &arbiter,
            "a1",
            &[(&bob, 100), (&carol, 0)],
            ResolveOutcome::Keep
        )),
        ContractError::ZeroPayout {}
    );
    // Uint128::MAX amounts overflow the sum: a mismatch, never a panic
    let e = err(s.resolve(
        &arbiter,
        "a1",
        &[(&bob, u128::MAX), (&carol, 1)],
        ResolveOutcome::Keep,
    ));
    assert!(matches!(e, ContractError::PayoutsMismatch { .. }));
    let many: Vec<_> = (0..=MAX_PAYOUTS)
        .map(|i| s.addr(&format!("v{i}")))
        .collect();
    let many_ref: Vec<(&cosmwasm_std::Addr, u128)> = many.iter().map(|a| (a, 1)).collect();
    assert_eq!(
        err(s.resolve(&arbiter, "a1", &many_ref, ResolveOutcome::Keep)),
        ContractError::TooManyPayouts { max: MAX_PAYOUTS }
    );
    assert_eq!(s.dump(), before);
    assert_eq!(s.balance(&s.gallery.clone(), DENOM), 100);
}

#[test]
fn upper_case_and_foreign_prefix_addresses_are_rejected() {
    let mut s = Suite::new();
    let (alice, arbiter) = (s.alice.clone(), s.arbiter.clone());
    s.mint(&alice, "a1").unwrap();
    s.pledge(&alice, "a1", 10).unwrap();
    let upper = alice.to_string().to_uppercase();
    let foreign = "osmo1qyqszqgpqyqszqgpqyqszqgpqyqszqgpjnp7du".to_string();
    let before = s.dump();
    for bad in [&upper, &foreign] {
        let r = s.exec(
            &alice,
            &ExecuteMsg::TransferNft {
                recipient: bad.clone(),
                token_id: "a1".into(),
            },
        );
        assert!(r.is_err(), "transfer to {bad}");
        let r = s.exec(
            &alice,
            &ExecuteMsg::Approve {
                spender: bad.clone(),
                token_id: "a1".into(),
                expires: None,
            },
        );
        assert!(r.is_err());
        let r = s.exec(
            &alice,
            &ExecuteMsg::ApproveAll {
                operator: bad.clone(),
                expires: None,
            },
        );
        assert!(r.is_err());
        let r = s.exec(
            &alice,
            &ExecuteMsg::Mint {
                token_id: "x".into(),
                owner: bad.clone(),
                token_uri: None,
                extension: ext(),
            },
        );
        assert!(r.is_err());
        let r = s.exec(
            &arbiter,
            &ExecuteMsg::Resolve {
                token_id: "a1".into(),
                payouts: vec![mesi_types::gallery::Payout {
                    address: bad.clone(),
                    amount: Uint128::new(10),
                }],
                outcome: ResolveOutcome::Keep,
            },
        );
        assert!(r.is_err());
        let r = s.exec(
            &arbiter,
            &ExecuteMsg::Resolve {
                token_id: "a1".into(),
                payouts: vec![],
                outcome: ResolveOutcome::TransferTo {
                    address: bad.clone(),
                },
            },
        );
        assert!(r.is_err());
    }
    assert!(err_str(s.transfer_raw(&alice, &upper)).contains("Invalid"));
    assert_eq!(s.dump(), before);
    // instantiate with a bad arbiter fails
    let code = s.app.store_code(gallery_contract());
    let r = s.app.instantiate_contract(
        code,
        alice.clone(),
        &InstantiateMsg {
            name: "G".into(),
            symbol: "G".into(),
            arbiter: upper.clone(),
            pledge_denom: DENOM.into(),
            owner: None,
        },
        &[],
        "g2",
        None,
    );
    assert!(r.is_err());
}

impl Suite {
    fn transfer_raw(
        &mut self,
        who: &cosmwasm_std::Addr,
        to: &str,
    ) -> cw_multi_test::error::AnyResult<cw_multi_test::AppResponse> {
        self.exec(
            who,
            &ExecuteMsg::TransferNft {
                recipient: to.into(),
                token_id: "a1".into(),
            },
        )
    }
}

#[test]
fn funds_are_refused_on_every_message_but_pledge() {
    let mut s = Suite::new();
    let (alice, bob) = (s.alice.clone(), s.bob.clone());
    s.mint(&alice, "a1").unwrap();
    let before = s.dump();
    let msgs = vec![
        ExecuteMsg::Mint {
            token_id: "a2".into(),
            owner: alice.to_string(),
            token_uri: None,
            extension: ext(),
        },
        ExecuteMsg::TransferNft {
            recipient: bob.to_string(),
            token_id: "a1".into(),
        },
        ExecuteMsg::Approve {
            spender: bob.to_string(),
            token_id: "a1".into(),
            expires: None,
        },
        ExecuteMsg::ApproveAll {
            operator: bob.to_string(),
            expires: None,
        },
        ExecuteMsg::SetPayPerView {
            token_id: "a1".into(),
            enabled: false,
        },
        ExecuteMsg::Burn {
            token_id: "a1".into(),
        },
    ];
    for m in msgs {
        assert_eq!(
            err(s.exec_funds(&alice, &m, &coins(5, DENOM))),
            ContractError::Payment(PaymentError::NonPayable {})
        );
    }
    assert_eq!(s.dump(), before);
}

#[test]
fn zero_and_max_pledges() {
    let mut s = Suite::with_balances(&[("whale", coin(u128::MAX, DENOM))]);
    let whale = s.addr("whale");
    s.mint(&whale, "w1").unwrap();
    s.mint(&whale, "w2").unwrap();
    let before = s.dump();
    // zero: refused (the bank refuses zero coins before must_pay would)
    assert!(s.pledge(&whale, "w1", 0).is_err());
    assert_eq!(s.dump(), before);
    // Uint128::MAX: accepted, then any further pledge cannot overflow anything silently
    s.pledge(&whale, "w1", u128::MAX).unwrap();
    assert_eq!(s.pledge_of("w1"), u128::MAX);
    assert_eq!(s.creator_pledges(&whale), u128::MAX);
    // the bank itself caps balances at Uint128::MAX; the contract's own checked math is exercised with
    // mock deps (funds are not moved there): one more unit after MAX is a typed overflow, state unchanged.
    use crate::contract::{execute, instantiate};
    use cosmwasm_std::testing::{message_info, mock_env};
    let mut deps = mock_dependencies();
    let api = deps.api;
    let (o, a) = (api.addr_make("o"), api.addr_make("a"));
    let env = mock_env();
    instantiate(
        deps.as_mut(),
        env.clone(),
        message_info(&o, &[]),
        InstantiateMsg {
            name: "G".into(),
            symbol: "G".into(),
            arbiter: o.to_string(),
            pledge_denom: DENOM.into(),
            owner: None,
        },
    )
    .unwrap();
    for id in ["m1", "m2"] {
        execute(
            deps.as_mut(),
            env.clone(),
            message_info(&a, &[]),
            ExecuteMsg::Mint {
                token_id: id.into(),
                owner: a.to_string(),
                token_uri: None,
                extension: ext(),
            },
        )
        .unwrap();
    }
    let pledge = |id: &str| ExecuteMsg::Pledge {
        token_id: id.into(),
    };
    execute(
        deps.as_mut(),
        env.clone(),
        message_info(&a, &coins(u128::MAX, DENOM)),
        pledge("m1"),
    )
    .unwrap();
    let snapshot = format!("{:?}", deps.storage);
    for id in ["m1", "m2"] {
        assert_eq!(
            execute(
                deps.as_mut(),
                env.clone(),
                message_info(&a, &coins(1, DENOM)),
                pledge(id)
            )
            .unwrap_err(),
            ContractError::PledgeOverflow {}
        );
    }
    assert_eq!(format!("{:?}", deps.storage), snapshot);
}

#[test]
fn config_is_owner_only_and_the_denom_is_locked_while_pledges_live() {
    let mut s = Suite::new();
    let (alice, owner) = (s.alice.clone(), s.owner.clone());
    let new_arbiter = s.addr("new-arbiter");
    let upd = |arbiter: Option<String>, denom: Option<&str>| ExecuteMsg::UpdateConfig {
        arbiter,
        pledge_denom: denom.map(String::from),
        name: None,
        symbol: None,
        marketplace: None,
    };
    let before = s.dump();
    assert!(matches!(
        err(s.exec(&alice, &upd(Some(alice.to_string()), None))),
        ContractError::Ownership(_)
    ));
    assert_eq!(
        err(s.exec(&owner, &upd(None, Some("u")))),
        ContractError::InvalidDenom { denom: "u".into() }
    );
    assert_eq!(
        err(s.exec(&owner, &upd(None, Some("9usdc")))),
        ContractError::InvalidDenom {
            denom: "9usdc".into()
        }
    );
    assert_eq!(s.dump(), before);
    s.exec(
        &owner,
        &upd(Some(new_arbiter.to_string()), Some("ibc/ABC123")),
    )
    .unwrap();
    s.exec(&owner, &upd(None, Some(DENOM))).unwrap();
    let c: ConfigResponse = s.query(&QueryMsg::Config {}).unwrap();
    assert_eq!(
        (c.arbiter, c.pledge_denom.as_str()),
        (new_arbiter.to_string(), DENOM)
    );
    s.mint(&alice, "a1").unwrap();
    s.pledge(&alice, "a1", 5).unwrap();
    assert_eq!(
        err(s.exec(&owner, &upd(None, Some("uother")))),
        ContractError::DenomLocked {
            total: Uint128::new(5)
        }
    );
    // name / symbol
    s.exec(
        &owner,
        &ExecuteMsg::UpdateConfig {
            arbiter: None,
            pledge_denom: None,
            name: Some("New".into()),
            symbol: Some("NEW".into()),
            marketplace: None,
        },
    )
    .unwrap();
    assert_eq!(
        err(s.exec(
            &owner,
            &ExecuteMsg::UpdateConfig {
                arbiter: None,
                pledge_denom: None,
                name: Some(" ".into()),
                symbol: None,
                marketplace: None,
            }
        )),
        ContractError::InvalidName {}
    );
}

#[test]
fn ownership_is_two_step() {
    let mut s = Suite::new();
    let (alice, owner) = (s.alice.clone(), s.owner.clone());
    s.exec(
        &owner,
        &ExecuteMsg::UpdateOwnership(Action::TransferOwnership {
            new_owner: alice.to_string(),
            expiry: None,
        }),
    )
    .unwrap();
    // not yet: the old owner still rules
    let o: cw_ownable::Ownership<cosmwasm_std::Addr> = s.query(&QueryMsg::Ownership {}).unwrap();
    assert_eq!(o.owner, Some(owner.clone()));
    assert_eq!(o.pending_owner, Some(alice.clone()));
    s.exec(
        &alice,
        &ExecuteMsg::UpdateOwnership(Action::AcceptOwnership),
    )
    .unwrap();
    let o: cw_ownable::Ownership<cosmwasm_std::Addr> = s.query(&QueryMsg::Ownership {}).unwrap();
    assert_eq!(o.owner, Some(alice.clone()));
    assert!(matches!(
        err(s.exec(
            &owner,
            &ExecuteMsg::UpdateConfig {
                arbiter: None,
                pledge_denom: None,
                name: Some("x".into()),
                symbol: None,
                marketplace: None,
            }
        )),
        ContractError::Ownership(_)
    ));
    s.exec(
        &alice,
        &ExecuteMsg::UpdateOwnership(Action::RenounceOwnership),
    )
    .unwrap();
    let o: cw_ownable::Ownership<cosmwasm_std::Addr> = s.query(&QueryMsg::Ownership {}).unwrap();
    assert_eq!(o.owner, None);
}

#[test]
fn migrate_refuses_another_contract_and_downgrades() {
    let mut deps = mock_dependencies();
    let env = cosmwasm_std::testing::mock_env();
    cw2::set_contract_version(&mut deps.storage, "crates.io:cw721-base", "0.22.0").unwrap();
    assert!(matches!(
        migrate(deps.as_mut(), env.clone(), MigrateMsg {}),
        Err(ContractError::Migrate(
            mesi_common::MigrateError::WrongContract { .. }
        ))
    ));
    cw2::set_contract_version(&mut deps.storage, CONTRACT_NAME, "99.0.0").unwrap();
    assert!(matches!(
        migrate(deps.as_mut(), env.clone(), MigrateMsg {}),
        Err(ContractError::Migrate(
            mesi_common::MigrateError::Downgrade { .. }
        ))
    ));
    cw2::set_contract_version(&mut deps.storage, CONTRACT_NAME, "0.0.1").unwrap();
    migrate(deps.as_mut(), env, MigrateMsg {}).unwrap();
    assert_eq!(
        cw2::get_contract_version(&deps.storage).unwrap().version,
        env!("CARGO_PKG_VERSION")
    );
}
