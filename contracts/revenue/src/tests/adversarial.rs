//! Adversarial tests: forged hooks, stray funds, unknown creators and tokens, stale prices, failing
//! renewals, trials and plans abused, bad rates, bad claims and epochs, sweeps, addresses, ownership.

use cosmwasm_std::testing::mock_dependencies;
use cosmwasm_std::{coins, to_json_binary, Uint128};
use cw20::Cw20ReceiveMsg;
use cw_multi_test::{BankSudo, Executor, SudoMsg};
use mesi_common::MigrateError;
use mesi_testing::{DAY, M, NATIVE};
use mesi_types::revenue::{
    ConfigUpdate, ExecuteMsg, MigrateMsg, PlanInput, QueryMsg, ReceiveMsg, Source, TierDiscount,
};

use super::suite::*;
use crate::error::ContractError;

fn funded(r: &mut Rev, pool: u128) {
    r.set_rate("alice", 100).unwrap();
    let alice = r.s.addr("alice").to_string();
    r.send(
        "market",
        pool,
        &ReceiveMsg::PrimarySaleProceeds { creator: alice },
    )
    .unwrap();
}

#[test]
fn a_fake_cw20_hook_is_refused() {
    let mut r = rev();
    let fake = r.s.fake_token("dan", 1_000 * M);
    let (rev_addr, alice) = (r.rev.clone(), r.s.addr("alice").to_string());
    let tip = ReceiveMsg::Tip {
        creator: alice.clone(),
        token_id: None,
        memo: None,
    };
    assert_eq!(
        err(r.s.send_cw20("dan", &fake, &rev_addr, 10 * M, &tip)),
        ContractError::WrongToken {
            sender: fake.to_string()
        }
    );
    // a forged Receive from an account
    let forged = ExecuteMsg::Receive(Cw20ReceiveMsg {
        sender: r.s.addr("bob").to_string(),
        amount: Uint128::new(1_000 * M),
        msg: to_json_binary(&tip).unwrap(),
    });
    assert_eq!(
        err(r.exec("bob", &forged)),
        ContractError::WrongToken {
            sender: r.s.addr("bob").to_string()
        }
    );
    // a forged primary sale and ad-revenue deposit from the real token, but not from the marketplace or
    // the operator
    assert_eq!(
        err(r.send(
            "dan",
            M,
            &ReceiveMsg::PrimarySaleProceeds { creator: alice }
        )),
        ContractError::Unauthorized
    );
    assert_eq!(
        err(r.send(
            "dan",
            M,
            &ReceiveMsg::DepositAdRevenue {
                token_id: "art-1".into()
            }
        )),
        ContractError::Unauthorized
    );
    assert_eq!(r.balance("alice"), 0);
    r.assert_books();
}

#[test]
fn native_funds_are_refused_everywhere() {
    let mut r = rev();
    for msg in [
        ExecuteMsg::SetContributionRate { percent: 5 },
        ExecuteMsg::Withdraw {},
        ExecuteMsg::Renew {
            fan: r.s.addr("bob").to_string(),
            creator: r.s.addr("alice").to_string(),
        },
    ] {
        assert!(matches!(
            err(r.exec_funds("bob", &msg, &coins(1, NATIVE))),
            ContractError::Payment(_)
        ));
    }
}

#[test]
fn unknown_creators_and_tokens_are_refused() {
    let mut r = rev();
    assert!(matches!(
        err(r.tip("bob", "dan", M)),
        ContractError::NotACreator { .. }
    ));
    let nf = ContractError::TokenNotFound {
        token_id: "nope".into(),
    };
    assert_eq!(err(r.unlock("bob", "nope", M)), nf);
    assert_eq!(err(r.set_ppv("alice", "nope", M)), nf);
    let alice = r.s.addr("alice").to_string();
    assert_eq!(
        err(r.send(
            "bob",
            M,
            &ReceiveMsg::Tip {
                creator: alice,
                token_id: Some("nope".into()),
                memo: None
            }
        )),
        nf
    );
    assert_eq!(
        err(r.send(
            "operator",
            M,
            &ReceiveMsg::DepositAdRevenue {
                token_id: "nope".into()
            }
        )),
        nf
    );
    let q: Result<mesi_types::revenue::AccessResponse, _> = r.s.app.wrap().query_wasm_smart(
        &r.rev,
        &QueryMsg::Access {
            token_id: "nope".into(),
            address: r.s.addr("bob").to_string(),
        },
    );
    assert!(q.unwrap_err().to_string().contains("not found"));
    // a creator cannot pay itself
    assert_eq!(err(r.tip("alice", "alice", M)), ContractError::SelfPayment);
}

#[test]
fn upper_case_and_foreign_prefix_addresses_are_refused() {
    let mut r = rev();
    let upper = r.s.addr("alice").to_string().to_uppercase();
    for creator in [
        upper,
        "osmo1qqqsyqcyq5rqwzqfpg9scrgwpugpzysn3rmx8w".to_string(),
    ] {
        assert!(matches!(
            err(r.send(
                "bob",
                M,
                &ReceiveMsg::Tip {
                    creator,
                    token_id: None,
                    memo: None
                }
            )),
            ContractError::Std(_)
        ));
    }
}

#[test]
fn a_ppv_price_changed_between_quote_and_payment_is_refused() {
    let mut r = rev();
    r.set_ppv("alice", "art-1", 5 * M).unwrap();
    r.set_ppv("alice", "art-1", 8 * M).unwrap();
    assert_eq!(
        err(r.unlock("bob", "art-1", 5 * M)),
        ContractError::PriceChanged {
            agreed: Uint128::new(5 * M),
            current: Uint128::new(8 * M)
        }
    );
    assert_eq!(
        err(r.send(
            "bob",
            9 * M,
            &ReceiveMsg::Unlock {
                token_id: "art-1".into(),
                price: Uint128::new(8 * M)
            }
        )),
        ContractError::WrongAmount {
            paid: Uint128::new(9 * M),
            needed: Uint128::new(8 * M)
        }
    );
    // a subscription price changed between quote and payment, and a wrong amount
    r.create_plan("alice", Rev::plan(10 * M)).unwrap();
    assert!(matches!(
        err(r.subscribe("bob", "alice", 1, false, 9 * M)),
        ContractError::PriceChanged { .. }
    ));
    let alice = r.s.addr("alice").to_string();
    assert!(matches!(
        err(r.send(
            "bob",
            11 * M,
            &ReceiveMsg::Subscribe {
                creator: alice,
                plan_id: 1,
                yearly: false,
                price: Uint128::new(10 * M)
            }
        )),
        ContractError::WrongAmount { .. }
    ));
    r.assert_books();
}

#[test]
fn renewals_with_an_expired_allowance_before_the_end_or_of_nothing_are_refused() {
    let mut r = rev();
    r.create_plan("alice", Rev::plan(10 * M)).unwrap();
    r.subscribe("bob", "alice", 1, false, 10 * M).unwrap();
    let (token, rev_addr) = (r.s.token.clone(), r.rev.to_string());
    let expires_at = r.s.app.block_info().height + 1;
    r.s.exec(
        "bob",
        &token,
        &cw20::Cw20ExecuteMsg::IncreaseAllowance {
            spender: rev_addr,
            amount: Uint128::new(100 * M),
            expires: Some(cw20::Expiration::AtHeight(expires_at)),
        },
        &[],
    )
    .unwrap();
    let end = r.sub("bob", "alice").unwrap().end;
    assert!(matches!(
        err(r.renew("dan", "bob", "alice")),
        ContractError::RenewalNotDue { .. }
    ));
    r.s.set_time(end);
    assert_eq!(
        err(r.renew("dan", "bob", "alice")),
        ContractError::AllowanceTooLow {
            allowance: Uint128::zero(),
            needed: Uint128::new(10 * M)
        }
    );
    assert_eq!(
        err(r.renew("dan", "carol", "alice")),
        ContractError::NoSubscription
    );
    // the plan was removed: nothing to renew
    r.allow("bob", 100 * M);
    r.exec("alice", &ExecuteMsg::RemovePlan { plan_id: 1 })
        .unwrap();
    assert_eq!(
        err(r.renew("dan", "bob", "alice")),
        ContractError::PlanNotFound { plan_id: 1 }
    );
}

#[test]
fn trials_and_plans_that_break_the_rules_are_refused() {
    let mut r = rev();
    let bad = |f: fn(&mut PlanInput)| {
        let mut p = Rev::plan(10 * M);
        f(&mut p);
        p
    };
    for (p, field) in [
        (bad(|p| p.name = String::new()), "name"),
        (bad(|p| p.name = "n".repeat(65)), "name"),
        (bad(|p| p.price = Uint128::zero()), "price"),
        (
            bad(|p| p.price_yearly = Some(Uint128::zero())),
            "price_yearly",
        ),
        (bad(|p| p.trial_days = 8), "trial_days"),
        (
            bad(|p| {
                p.discount = Some(TierDiscount {
                    min_tier: 0,
                    bps: 100,
                })
            }),
            "discount.min_tier",
        ),
        (
            bad(|p| {
                p.discount = Some(TierDiscount {
                    min_tier: 1,
                    bps: 10_000,
                })
            }),
            "discount.bps",
        ),
    ] {
        match err(r.create_plan("alice", p)) {
            ContractError::InvalidPlan { field: f, .. } => assert_eq!(f, field),
            e => panic!("{e:?}"),
        }
    }
    assert!(matches!(
        err(r.create_plan("bob", Rev::plan(M))),
        ContractError::NotACreator { .. }
    ));
    assert_eq!(
        err(r.exec(
            "alice",
            &ExecuteMsg::UpdatePlan {
                plan_id: 9,
                plan: Rev::plan(M)
            }
        )),
        ContractError::PlanNotFound { plan_id: 9 }
    );
    r.create_plan(
        "alice",
        PlanInput {
            trial_days: 0,
            price_yearly: None,
            ..Rev::plan(10 * M)
        },
    )
    .unwrap();
    let alice = r.s.addr("alice").to_string();
    let trial = ExecuteMsg::StartTrial {
        creator: alice,
        plan_id: 1,
        yearly: false,
        price: Uint128::new(10 * M),
    };
    assert_eq!(
        err(r.exec("bob", &trial)),
        ContractError::NoTrial { plan_id: 1 }
    );
    assert_eq!(
        err(r.subscribe("bob", "alice", 1, true, 10 * M)),
        ContractError::NoYearlyPrice { plan_id: 1 }
    );
}

#[test]
fn contribution_rates_outside_0_to_100_are_refused() {
    let mut r = rev();
    for percent in [101u8, 200, u8::MAX] {
        assert_eq!(
            err(r.set_rate("alice", percent)),
            ContractError::InvalidRate { percent }
        );
    }
}

#[test]
fn claims_with_a_wrong_proof_someone_elses_leaf_twice_or_after_close_are_refused() {
    let mut r = rev();
    funded(&mut r, 100 * M);
    let tree = r.tree("alice", 1, &[("bob", 60 * M), ("carol", 40 * M)]);
    r.publish("alice", 1, &tree, Source::Pool).unwrap();
    let (_, amount, proof) = tree.leaves[0].clone();
    // the right proof, another amount
    assert_eq!(
        err(r.claim("bob", "alice", 1, amount + 1, proof.clone())),
        ContractError::InvalidProof
    );
    // bob's leaf claimed by dan
    assert_eq!(
        err(r.claim("dan", "alice", 1, amount, proof.clone())),
        ContractError::InvalidProof
    );
    assert_eq!(
        err(r.claim("bob", "alice", 1, amount, vec!["zz".into()])),
        ContractError::InvalidProofElement { index: 0 }
    );
    assert_eq!(
        err(r.claim("bob", "alice", 1, amount, vec!["00".repeat(32); 33])),
        ContractError::ProofTooLong { len: 33, max: 32 }
    );
    assert_eq!(
        err(r.claim("bob", "alice", 9, amount, proof.clone())),
        ContractError::UnknownEpoch { epoch: 9 }
    );
    assert_eq!(
        err(r.claim("bob", "alice", 1, 0, proof.clone())),
        ContractError::ZeroAmount
    );
    r.claim("bob", "alice", 1, amount, proof.clone()).unwrap();
    assert_eq!(
        err(r.claim("bob", "alice", 1, amount, proof)),
        ContractError::AlreadyClaimed
    );
    r.s.advance(366 * DAY);
    r.close("anyone", "alice", 1).unwrap();
    assert_eq!(
        err(r.claim_leaf("carol", "alice", 1, &tree)),
        ContractError::EpochClosed { epoch: 1 }
    );
    r.assert_books();
}

#[test]
fn a_tree_whose_leaves_sum_above_its_published_total_pays_no_more_than_the_total() {
    let mut r = rev();
    funded(&mut r, 100 * M);
    // the operator publishes a total below the leaves' sum: the last claim that would exceed it fails
    let tree = r.tree("alice", 1, &[("bob", 60 * M), ("carol", 40 * M)]);
    let alice = r.s.addr("alice").to_string();
    let height = r.s.app.block_info().height;
    r.exec(
        "operator",
        &ExecuteMsg::PublishDistribution {
            creator: alice,
            epoch: 1,
            root: tree.root.clone(),
            total: Uint128::new(70 * M),
            cutoff_height: height,
            leaves_sha256: "ab".repeat(32),
            source: Source::Pool,
        },
    )
    .unwrap();
    r.claim_leaf("bob", "alice", 1, &tree).unwrap();
    assert_eq!(
        err(r.claim_leaf("carol", "alice", 1, &tree)),
        ContractError::EpochTotalExceeded {
            remaining: Uint128::new(10 * M),
            amount: Uint128::new(40 * M)
        }
    );
    r.assert_books();
}

#[test]
fn epochs_above_their_source_out_of_order_or_malformed_are_refused() {
    let mut r = rev();
    funded(&mut r, 100 * M);
    let alice = r.s.addr("alice").to_string();
    let height = r.s.app.block_info().height;
    let tree = r.tree("alice", 1, &[("bob", 10 * M)]);
    let publish = |epoch: u64, root: &str, total: u128, cutoff: u64, leaves: &str, source| {
        ExecuteMsg::PublishDistribution {
            creator: alice.clone(),
            epoch,
            root: root.to_string(),
            total: Uint128::new(total),
            cutoff_height: cutoff,
            leaves_sha256: leaves.to_string(),
            source,
        }
    };
    let ok_leaves = "ab".repeat(32);
    for (msg, e) in [
        (
            publish(2, &tree.root, 10 * M, height, &ok_leaves, Source::Pool),
            ContractError::WrongEpoch {
                expected: 1,
                got: 2,
            },
        ),
        (
            publish(1, "xyz", 10 * M, height, &ok_leaves, Source::Pool),
            ContractError::InvalidRoot,
        ),
        (
            publish(1, &tree.root, 10 * M, height, "ab", Source::Pool),
            ContractError::InvalidLeavesHash,
        ),
        (
            publish(1, &tree.root, 0, height, &ok_leaves, Source::Pool),
            ContractError::ZeroAmount,
        ),
        (
            publish(1, &tree.root, 10 * M, height + 1, &ok_leaves, Source::Pool),
            ContractError::CutoffInFuture {
                cutoff: height + 1,
                height,
            },
        ),
        (
            publish(1, &tree.root, 101 * M, height, &ok_leaves, Source::Pool),
            ContractError::EpochTotalAboveSource {
                from: Source::Pool,
                available: Uint128::new(100 * M),
                total: Uint128::new(101 * M),
            },
        ),
        (
            publish(
                1,
                &tree.root,
                u128::MAX,
                height,
                &ok_leaves,
                Source::AdRevenue,
            ),
            ContractError::EpochTotalAboveSource {
                from: Source::AdRevenue,
                available: Uint128::zero(),
                total: Uint128::MAX,
            },
        ),
        (
            publish(1, &tree.root, M, height, &ok_leaves, Source::Engagement),
            ContractError::EpochTotalAboveSource {
                from: Source::Engagement,
                available: Uint128::zero(),
                total: Uint128::new(M),
            },
        ),
    ] {
        assert_eq!(err(r.exec("operator", &msg)), e);
    }
    r.exec(
        "operator",
        &publish(1, &tree.root, 10 * M, height, &ok_leaves, Source::Pool),
    )
    .unwrap();
    // the same epoch twice, and a cutoff before the previous one
    assert_eq!(
        err(r.exec(
            "operator",
            &publish(1, &tree.root, 10 * M, height, &ok_leaves, Source::Pool)
        )),
        ContractError::WrongEpoch {
            expected: 2,
            got: 1
        }
    );
    r.s.advance(60);
    assert!(matches!(
        err(r.exec(
            "operator",
            &publish(2, &tree.root, M, height - 1, &ok_leaves, Source::Pool)
        )),
        ContractError::CutoffBeforePrevious { .. }
    ));
    // the rest of an epoch cannot be closed early
    assert!(matches!(
        err(r.close("dan", "alice", 1)),
        ContractError::EpochStillOpen { .. }
    ));
    assert_eq!(
        err(r.close("dan", "alice", 7)),
        ContractError::UnknownEpoch { epoch: 7 }
    );
    r.assert_books();
}

#[test]
fn an_engagement_epoch_needs_this_contract_registered_as_the_pools_drawer() {
    let mut r = rev();
    let treasury = r.s.treasury.clone();
    r.s.send_mesi(
        "whale",
        &treasury,
        500 * M,
        &mesi_types::treasury::ReceiveMsg::FundPool {
            pool: mesi_types::treasury::Pool::EngagementRewards,
        },
    )
    .unwrap();
    let tree = r.tree("alice", 1, &[("bob", 10 * M)]);
    // not registered: the treasury refuses the draw and the whole publication fails
    assert!(r.publish("alice", 1, &tree, Source::Engagement).is_err());
    assert_eq!(r.pool("alice").last_epoch, 0);
    r.assert_books();
}

#[test]
fn sweeps_never_touch_owed_funds() {
    let mut r = rev();
    funded(&mut r, 100 * M);
    r.tip("bob", "alice", 10 * M).unwrap();
    // stray MESI by a plain transfer, stray coins by a bank send
    let (token, rev_addr) = (r.s.token.clone(), r.rev.to_string());
    r.s.exec(
        "dan",
        &token,
        &cw20::Cw20ExecuteMsg::Transfer {
            recipient: rev_addr.clone(),
            amount: Uint128::new(7 * M),
        },
        &[],
    )
    .unwrap();
    r.s.app
        .sudo(SudoMsg::Bank(BankSudo::Mint {
            to_address: rev_addr,
            amount: coins(5, NATIVE),
        }))
        .unwrap();
    let owed = r.books().owed;
    assert_eq!(r.books().held, owed + Uint128::new(7 * M));
    assert!(matches!(
        err(r.exec("bob", &ExecuteMsg::Sweep { denom: None })),
        ContractError::Ownership(_)
    ));
    let owner = r.s.owner.clone();
    let before = r.s.mesi_balance(&owner);
    let (owner_c, rev_c) = (owner.clone(), r.rev.clone());
    r.s.app
        .execute_contract(
            owner_c.clone(),
            rev_c.clone(),
            &ExecuteMsg::Sweep { denom: None },
            &[],
        )
        .unwrap();
    assert_eq!(r.s.mesi_balance(&owner) - before, 7 * M);
    assert_eq!(
        err(r.s.app.execute_contract(
            owner_c.clone(),
            rev_c.clone(),
            &ExecuteMsg::Sweep { denom: None },
            &[]
        )),
        ContractError::NothingToSweep {
            denom: "mesi".into(),
            balance: owed,
            owed
        }
    );
    r.s.app
        .execute_contract(
            owner_c.clone(),
            rev_c.clone(),
            &ExecuteMsg::Sweep {
                denom: Some(NATIVE.into()),
            },
            &[],
        )
        .unwrap();
    assert_eq!(r.s.native_balance(&owner), 5);
    assert_eq!(
        err(r.s.app.execute_contract(
            owner_c,
            rev_c,
            &ExecuteMsg::Sweep {
                denom: Some("x".into())
            },
            &[]
        )),
        ContractError::InvalidDenom { denom: "x".into() }
    );
    // every owed base unit is still there and can still be paid
    r.assert_books();
    let tree = r.tree("alice", 1, &[("bob", 109 * M)]);
    r.publish("alice", 1, &tree, Source::Pool).unwrap();
    r.claim_leaf("bob", "alice", 1, &tree).unwrap();
    let b = r.assert_books();
    assert_eq!(b.held.u128(), 0);
}

#[test]
fn only_the_owner_configures_with_two_step_ownership_and_bad_values_are_refused() {
    let mut r = rev();
    let upd = |c: ConfigUpdate| ExecuteMsg::UpdateConfig(c);
    assert!(matches!(
        err(r.exec("bob", &upd(ConfigUpdate::default()))),
        ContractError::Ownership(_)
    ));
    let (owner, rev_addr) = (r.s.owner.clone(), r.rev.clone());
    for (c, field) in [
        (
            ConfigUpdate {
                commission_bps: Some(5_001),
                ..Default::default()
            },
            "commission_bps",
        ),
        (
            ConfigUpdate {
                min_tip: Some(Uint128::zero()),
                ..Default::default()
            },
            "min_tip",
        ),
        (
            ConfigUpdate {
                renew_window: Some(0),
                ..Default::default()
            },
            "renew_window",
        ),
        (
            ConfigUpdate {
                claim_seconds: Some(60),
                ..Default::default()
            },
            "claim_seconds",
        ),
    ] {
        match err(r
            .s
            .app
            .execute_contract(owner.clone(), rev_addr.clone(), &upd(c), &[]))
        {
            ContractError::InvalidConfig { field: f, .. } => assert_eq!(f, field),
            e => panic!("{e:?}"),
        }
    }
    let dan = r.s.addr("dan").to_string();
    r.s.app
        .execute_contract(
            owner.clone(),
            rev_addr.clone(),
            &ExecuteMsg::UpdateOwnership(cw_ownable::Action::TransferOwnership {
                new_owner: dan,
                expiry: None,
            }),
            &[],
        )
        .unwrap();
    r.exec(
        "dan",
        &ExecuteMsg::UpdateOwnership(cw_ownable::Action::AcceptOwnership),
    )
    .unwrap();
    assert!(matches!(
        err(r
            .s
            .app
            .execute_contract(owner, rev_addr, &upd(ConfigUpdate::default()), &[])),
        ContractError::Ownership(_)
    ));
    r.exec("dan", &upd(ConfigUpdate::default())).unwrap();
}

#[test]
fn primary_sales_before_the_marketplace_is_wired_are_refused() {
    let mut r = Rev::build(|m| m.marketplace = None);
    let alice = r.s.addr("alice").to_string();
    assert_eq!(
        err(r.send(
            "market",
            M,
            &ReceiveMsg::PrimarySaleProceeds { creator: alice }
        )),
        ContractError::NoMarketplace
    );
}

#[test]
fn instantiate_refuses_bad_config_and_migrate_refuses_another_contract_or_a_downgrade() {
    let mut r = rev();
    let mut msg = default_msg();
    msg.token = r.s.token.to_string();
    msg.gallery = r.s.gallery.to_string();
    msg.treasury = r.s.treasury.to_string();
    msg.operator = r.s.addr("operator").to_string();
    msg.period_seconds = Some(60);
    assert!(matches!(
        typed_err::<ContractError>(r.s.instantiate(
            mesi_testing::code_of!(crate::contract),
            &msg,
            "bad"
        )),
        ContractError::InvalidConfig { .. }
    ));
    msg.period_seconds = None;
    msg.start = Some(r.s.now() + 1);
    assert!(matches!(
        typed_err::<ContractError>(r.s.instantiate(
            mesi_testing::code_of!(crate::contract),
            &msg,
            "bad"
        )),
        ContractError::InvalidConfig { .. }
    ));
    let mut deps = mock_dependencies();
    let env = cosmwasm_std::testing::mock_env();
    cw2::set_contract_version(&mut deps.storage, "crates.io:mesi-token", "0.1.0").unwrap();
    assert!(matches!(
        crate::contract::migrate(deps.as_mut(), env.clone(), MigrateMsg {}),
        Err(ContractError::Migrate(MigrateError::WrongContract { .. }))
    ));
    cw2::set_contract_version(&mut deps.storage, "crates.io:mesi-revenue", "99.0.0").unwrap();
    assert!(matches!(
        crate::contract::migrate(deps.as_mut(), env, MigrateMsg {}),
        Err(ContractError::Migrate(MigrateError::Downgrade { .. }))
    ));
}
