//! cw2 / migrate, two-step ownership, instantiate validation, action attributes.

use cosmwasm_std::testing::{message_info, mock_dependencies, mock_env};
use cw_multi_test::Executor;
use cw_ownable::{Action, Ownership};
use mesi_common::MigrateError;
use mesi_types::validator_rewards::{ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg};

use super::suite::*;
use crate::contract::{instantiate, migrate};
use crate::error::ContractError;
use crate::state::{CONTRACT_NAME, CONTRACT_VERSION};

fn init_msg(api: &cosmwasm_std::testing::MockApi) -> InstantiateMsg {
    InstantiateMsg {
        token: api.addr_make("token").to_string(),
        treasury: api.addr_make("treasury").to_string(),
        operator: api.addr_make("operator").to_string(),
        threshold_bps: None,
        unbonding_period: None,
        stream_period: None,
        max_work_entries: None,
        max_pending_unbondings: None,
        claim_deadline: None,
        owner: None,
    }
}

#[test]
fn instantiate_sets_cw2_defaults_and_validates_config() {
    let mut deps = mock_dependencies();
    let owner = deps.api.addr_make("owner");
    let msg = init_msg(&deps.api);
    let res = instantiate(
        deps.as_mut(),
        mock_env(),
        message_info(&owner, &[]),
        msg.clone(),
    )
    .unwrap();
    assert_eq!(res.attributes[0].value, "instantiate");
    let v = cw2::get_contract_version(&deps.storage).unwrap();
    assert_eq!(
        (v.contract.as_str(), v.version.as_str()),
        (CONTRACT_NAME, CONTRACT_VERSION)
    );

    let mut deps = mock_dependencies();
    let bad = InstantiateMsg {
        threshold_bps: Some(0),
        ..init_msg(&deps.api)
    };
    assert!(matches!(
        instantiate(deps.as_mut(), mock_env(), message_info(&owner, &[]), bad),
        Err(ContractError::InvalidConfig { .. })
    ));
    let bad = InstantiateMsg {
        token: "NotAnAddress".into(),
        ..init_msg(&deps.api)
    };
    assert!(matches!(
        instantiate(deps.as_mut(), mock_env(), message_info(&owner, &[]), bad),
        Err(ContractError::Std(_))
    ));
}

#[test]
fn defaults_are_the_spec_numbers() {
    let s = SuiteBuilder::new().build();
    let c = s.config();
    assert_eq!(c.threshold_bps, 25);
    assert_eq!(c.unbonding_period, 21 * DAY);
    assert_eq!(c.stream_period, 30 * DAY);
}

#[test]
fn migrate_refuses_foreign_contract_and_downgrade() {
    let mut deps = mock_dependencies();
    let owner = deps.api.addr_make("owner");
    let msg = init_msg(&deps.api);
    instantiate(deps.as_mut(), mock_env(), message_info(&owner, &[]), msg).unwrap();
    let res = migrate(deps.as_mut(), mock_env(), MigrateMsg {}).unwrap();
    assert_eq!(res.attributes[0].value, "migrate");

    cw2::set_contract_version(&mut deps.storage, CONTRACT_NAME, "99.0.0").unwrap();
    assert_eq!(
        migrate(deps.as_mut(), mock_env(), MigrateMsg {}).unwrap_err(),
        ContractError::Migrate(MigrateError::Downgrade {
            stored: "99.0.0".into(),
            new: CONTRACT_VERSION.into()
        })
    );
    cw2::set_contract_version(&mut deps.storage, "crates.io:mesi-token", "0.0.1").unwrap();
    assert_eq!(
        migrate(deps.as_mut(), mock_env(), MigrateMsg {}).unwrap_err(),
        ContractError::Migrate(MigrateError::WrongContract {
            expected: CONTRACT_NAME.into(),
            found: "crates.io:mesi-token".into()
        })
    );
}

#[test]
fn migrate_through_the_chain_keeps_state() {
    let mut s = SuiteBuilder::new().build();
    let alice = s.join(0, THRESHOLD);
    let owner = s.owner.clone();
    let (contract, code) = (s.contract.clone(), s.code);
    s.app
        .migrate_contract(owner, contract, &MigrateMsg {}, code)
        .unwrap();
    assert_eq!(s.staker(&alice).stake.u128(), THRESHOLD);
}

#[test]
fn ownership_is_two_step_and_renounceable() {
    let mut s = SuiteBuilder::new().build();
    let owner = s.owner.clone();
    let new_owner = s.addr("new-owner");
    s.exec(
        &owner,
        &ExecuteMsg::UpdateOwnership(Action::TransferOwnership {
            new_owner: new_owner.to_string(),
            expiry: None,
        }),
    )
    .unwrap();
    // Still the old owner until accepted.
    let o: Ownership<String> = s.q(&QueryMsg::Ownership {});
    assert_eq!(o.owner, Some(owner.to_string()));
    assert_eq!(o.pending_owner, Some(new_owner.to_string()));
    let mallory = s.addr("mallory");
    assert!(matches!(
        s.exec(
            &mallory,
            &ExecuteMsg::UpdateOwnership(Action::AcceptOwnership)
        ),
        Err(ContractError::Ownership(_))
    ));
    let res = s
        .exec(
            &new_owner,
            &ExecuteMsg::UpdateOwnership(Action::AcceptOwnership),
        )
        .unwrap();
    assert!(res.events.iter().any(|e| e
        .attributes
        .iter()
        .any(|a| a.key == "action" && a.value == "update_ownership")));
    let o: Ownership<String> = s.q(&QueryMsg::Ownership {});
    assert_eq!(o.owner, Some(new_owner.to_string()));
    // The old owner lost its powers; the new one has them.
    let alice = s.addr("alice");
    s.give(&alice, THRESHOLD);
    let v0 = s.v(0);
    s.apply(&alice, &v0, THRESHOLD).unwrap();
    assert!(matches!(s.whitelist(&v0), Err(ContractError::Ownership(_))));
    s.exec(&new_owner, &ExecuteMsg::Whitelist { validator: v0 })
        .unwrap();
    s.exec(
        &new_owner,
        &ExecuteMsg::UpdateOwnership(Action::RenounceOwnership),
    )
    .unwrap();
    let o: Ownership<String> = s.q(&QueryMsg::Ownership {});
    assert_eq!(o.owner, None);
}

#[test]
fn every_execute_has_an_action_attribute() {
    let mut s = SuiteBuilder::new().with_stream_period(100).build();
    let alice = s.addr("alice");
    s.give(&alice, 3 * THRESHOLD);
    let v0 = s.v(0);
    let w = s.addr("worker");
    let mut actions = vec![];
    let mut push = |r: Res| {
        let r = r.unwrap();
        let wasm: Vec<String> = r
            .events
            .iter()
            .filter(|e| e.ty == "wasm")
            .flat_map(|e| e.attributes.iter())
            .filter(|a| a.key == "action")
            .map(|a| a.value.clone())
            .collect();
        actions.extend(wasm);
    };
    push(s.apply(&alice, &v0, 2 * THRESHOLD));
    push(s.whitelist(&v0));
    push(s.top_up(&alice, THRESHOLD));
    push(s.fund(1_000));
    push(s.fund_epoch(1, 10));
    push(s.report(1, &[(&w, 1)]));
    push(s.close(1));
    push(s.claim_work(&w, &[1]));
    s.advance(100);
    push(s.claim(&alice));
    push(s.recheck(&v0));
    push(s.unstake(&alice, 1));
    s.advance(21 * DAY);
    push(s.claim_unbonded(&alice));
    push(s.slash(&v0, mesi_types::validator_rewards::Penalty::Bps { bps: 1 }));
    for a in [
        "apply",
        "whitelist",
        "stake",
        "fund",
        "fund_epoch",
        "report_work",
        "close_epoch",
        "claim_work",
        "claim",
        "recheck",
        "unstake",
        "claim_unbonded",
        "slash",
    ] {
        assert!(
            actions.iter().any(|x| x == a),
            "missing action {a}: {actions:?}"
        );
    }
}
