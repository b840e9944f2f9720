//! SPEC §1 genesis allocations, config, ownership and migration.

use cosmwasm_std::testing::{message_info, mock_dependencies, mock_env};
use cosmwasm_std::Uint128;
use cw_multi_test::{App, Executor};
use mesi_common::MigrateError;
use mesi_types::token::{
    default_tiers, Allocation, ExecuteMsg, InstantiateMsg, MigrateMsg, QueryMsg, TierRow,
    DEFAULT_GENESIS_SUPPLY,
};

use super::suite::*;
use crate::contract::{instantiate, migrate};
use crate::error::ContractError;

fn try_instantiate(msg: &InstantiateMsg) -> Result<(), ContractError> {
    let mut app = App::default();
    let code = app.store_code(token_contract());
    let owner = app.api().addr_make("owner");
    app.instantiate_contract(code, owner, msg, &[], "mesi", None)
        .map(|_| ())
        .map_err(|e| e.downcast::<ContractError>().unwrap())
}

fn base_msg() -> (App, InstantiateMsg) {
    let app = App::default();
    let msg = SuiteBuilder::new().instantiate_msg(&app);
    (app, msg)
}

#[test]
fn genesis_supply_defaults_to_100_billion_mesi_split_by_allocations() {
    let app = App::default();
    let mut msg = SuiteBuilder::new().instantiate_msg(&app);
    msg.genesis_supply = None;
    let api = app.api();
    // the whitepaper's at-genesis parts land at their holders; the rest sits with the treasury
    msg.allocations = vec![
        Allocation {
            label: "treasury (reserve + vesting)".into(),
            address: api.addr_make("treasury").to_string(),
            amount: Uint128::new(DEFAULT_GENESIS_SUPPLY - 1_500_000_000 * 1_000_000),
        },
        Allocation {
            label: "liquidity".into(),
            address: api.addr_make("liquidity").to_string(),
            amount: Uint128::new(1_500_000_000 * 1_000_000),
        },
    ];
    let mut suite = SuiteBuilder::new().build();
    let code = suite.code;
    let owner = suite.owner.clone();
    suite.token = suite
        .app
        .instantiate_contract(code, owner, &msg, &[], "g", None)
        .unwrap();
    assert_eq!(suite.supply(), 100_000_000_000 * M);
    assert_eq!(suite.balance("liquidity"), 1_500_000_000 * M);
    assert_eq!(suite.config().genesis_supply.u128(), DEFAULT_GENESIS_SUPPLY);
}

#[test]
fn genesis_rejects_allocations_not_summing_to_supply() {
    let (_app, mut msg) = base_msg();
    msg.genesis_supply = Some(Uint128::new(2_000_000 * M + 1));
    assert_eq!(
        try_instantiate(&msg),
        Err(ContractError::AllocationSumMismatch {
            sum: Uint128::new(2_000_000 * M),
            genesis_supply: Uint128::new(2_000_000 * M + 1)
        })
    );
}

#[test]
fn genesis_rejects_duplicate_addresses() {
    let (_app, mut msg) = base_msg();
    let dup = msg.allocations[0].clone();
    msg.allocations.push(dup.clone());
    msg.genesis_supply = Some(Uint128::new(3_000_000 * M));
    assert_eq!(
        try_instantiate(&msg),
        Err(ContractError::DuplicateAllocation {
            address: dup.address
        })
    );
}

#[test]
fn genesis_rejects_zero_amounts() {
    let (_app, mut msg) = base_msg();
    msg.allocations[1].amount = Uint128::zero();
    msg.genesis_supply = Some(Uint128::new(1_000_000 * M));
    assert_eq!(
        try_instantiate(&msg),
        Err(ContractError::ZeroAllocation {
            label: "bob".into()
        })
    );
}

#[test]
fn genesis_validates_metadata_and_config() {
    let (_app, msg) = base_msg();
    let mut m = msg.clone();
    m.decimals = 18;
    assert_eq!(
        try_instantiate(&m),
        Err(ContractError::InvalidDecimals { decimals: 18 })
    );
    let mut m = msg.clone();
    m.symbol = "M3SI".into();
    assert_eq!(try_instantiate(&m), Err(ContractError::InvalidSymbol {}));
    let mut m = msg.clone();
    m.name = "Me".into();
    assert_eq!(try_instantiate(&m), Err(ContractError::InvalidName {}));
    let mut m = msg.clone();
    m.unlock_delay = Some(0);
    assert!(matches!(
        try_instantiate(&m),
        Err(ContractError::InvalidUnlockDelay { .. })
    ));
    let mut m = msg.clone();
    m.tiers = Some(vec![]);
    assert!(matches!(
        try_instantiate(&m),
        Err(ContractError::InvalidTierTable { .. })
    ));
    let mut m = msg.clone();
    m.mint.as_mut().unwrap().cap = Some(Uint128::new(1));
    assert!(matches!(
        try_instantiate(&m),
        Err(ContractError::CapBelowSupply { .. })
    ));
    let mut m = msg.clone();
    m.allocations.clear();
    assert!(matches!(
        try_instantiate(&m),
        Err(ContractError::InvalidAllocationCount { .. })
    ));
    let mut m = msg.clone();
    m.genesis_supply = Some(Uint128::MAX);
    assert_eq!(
        try_instantiate(&m),
        Err(ContractError::InvalidGenesisSupply {})
    );
    let mut m = msg;
    m.arbiter = "Cosmwasm1Bad".into();
    assert!(matches!(try_instantiate(&m), Err(ContractError::Std(_))));
}

#[test]
fn genesis_balances_start_the_holding_score_at_genesis() {
    let mut suite = SuiteBuilder::new().build();
    assert_eq!(suite.score("alice"), 0);
    suite.advance(7 * DAY);
    assert_eq!(suite.score("alice"), 1_000_000 * M);
}

#[test]
fn config_is_owner_changeable_and_validated() {
    let mut suite = SuiteBuilder::new().build();
    let cfg = suite.config();
    assert_eq!(cfg.unlock_delay, 604_800);
    assert_eq!(cfg.tiers, default_tiers());
    let upd = ExecuteMsg::UpdateConfig {
        marketplace: None,
        arbiter: Some(suite.addr("arb2").to_string()),
        treasury: None,
        unlock_delay: Some(DAY),
        tiers: Some(vec![TierRow {
            fan_hold: Uint128::new(1),
            creator_locked: Uint128::new(2),
        }]),
    };
    assert!(matches!(
        err(suite.exec("alice", &upd)),
        ContractError::Ownership(_)
    ));
    let owner = suite.owner.clone();
    suite.exec_addr(&owner, &upd).unwrap();
    let cfg = suite.config();
    assert_eq!(cfg.arbiter, suite.addr("arb2").to_string());
    assert_eq!(cfg.unlock_delay, DAY);
    assert_eq!(cfg.tiers.len(), 1);
    // nonsense values are refused
    for bad in [
        ExecuteMsg::UpdateConfig {
            marketplace: None,
            arbiter: None,
            treasury: None,
            unlock_delay: Some(0),
            tiers: None,
        },
        ExecuteMsg::UpdateConfig {
            marketplace: None,
            arbiter: None,
            treasury: None,
            unlock_delay: Some(u64::MAX),
            tiers: None,
        },
        ExecuteMsg::UpdateConfig {
            marketplace: None,
            arbiter: None,
            treasury: None,
            unlock_delay: None,
            tiers: Some(vec![
                TierRow {
                    fan_hold: Uint128::new(5),
                    creator_locked: Uint128::new(5),
                },
                TierRow {
                    fan_hold: Uint128::new(4),
                    creator_locked: Uint128::new(6),
                },
            ]),
        },
        ExecuteMsg::UpdateConfig {
            marketplace: None,
            arbiter: None,
            treasury: None,
            unlock_delay: None,
            tiers: Some(vec![
                TierRow {
                    fan_hold: Uint128::new(1),
                    creator_locked: Uint128::new(1)
                };
                11
            ]),
        },
        ExecuteMsg::UpdateConfig {
            marketplace: None,
            arbiter: Some("COSMWASM1XYZ".into()),
            treasury: None,
            unlock_delay: None,
            tiers: None,
        },
    ] {
        assert!(suite.exec_addr(&owner, &bad).is_err());
    }
    assert_eq!(suite.config().unlock_delay, DAY);
}

#[test]
fn ownership_is_two_step() {
    let mut suite = SuiteBuilder::new().build();
    let owner = suite.owner.clone();
    let new = suite.addr("newowner");
    suite
        .exec_addr(
            &owner,
            &ExecuteMsg::UpdateOwnership(cw_ownable::Action::TransferOwnership {
                new_owner: new.to_string(),
                expiry: None,
            }),
        )
        .unwrap();
    // not yet the owner
    let o: cw_ownable::Ownership<String> = suite.q(&QueryMsg::Ownership {}).unwrap();
    assert_eq!(o.owner, Some(owner.to_string()));
    assert_eq!(o.pending_owner, Some(new.to_string()));
    // a stranger cannot accept
    assert!(suite
        .exec(
            "alice",
            &ExecuteMsg::UpdateOwnership(cw_ownable::Action::AcceptOwnership)
        )
        .is_err());
    suite
        .exec(
            "newowner",
            &ExecuteMsg::UpdateOwnership(cw_ownable::Action::AcceptOwnership),
        )
        .unwrap();
    let o: cw_ownable::Ownership<String> = suite.q(&QueryMsg::Ownership {}).unwrap();
    assert_eq!(o.owner, Some(new.to_string()));
    // the old owner lost its rights; the new one renounces
    let upd = ExecuteMsg::UpdateConfig {
        marketplace: None,
        arbiter: None,
        treasury: None,
        unlock_delay: Some(DAY),
        tiers: None,
    };
    assert!(suite.exec_addr(&owner, &upd).is_err());
    suite
        .exec(
            "newowner",
            &ExecuteMsg::UpdateOwnership(cw_ownable::Action::RenounceOwnership),
        )
        .unwrap();
    assert!(suite.exec("newowner", &upd).is_err());
}

#[test]
fn migrate_refuses_foreign_contract_and_downgrade() {
    let mut deps = mock_dependencies();
    let msg = {
        let app = App::default();
        let mut m = SuiteBuilder::new().instantiate_msg(&app);
        // mock_dependencies uses the same "cosmwasm" prefix as App
        m.owner = Some(deps.api.addr_make("owner").to_string());
        m
    };
    let info = message_info(&deps.api.addr_make("owner"), &[]);
    instantiate(deps.as_mut(), mock_env(), info, msg).unwrap();
    // same version: fine
    migrate(deps.as_mut(), mock_env(), MigrateMsg {}).unwrap();
    cw2::set_contract_version(deps.as_mut().storage, "crates.io:mesi-token", "99.0.0").unwrap();
    assert!(matches!(
        migrate(deps.as_mut(), mock_env(), MigrateMsg {}),
        Err(ContractError::Migrate(MigrateError::Downgrade { .. }))
    ));
    cw2::set_contract_version(deps.as_mut().storage, "crates.io:cw20-base", "0.1.0").unwrap();
    assert!(matches!(
        migrate(deps.as_mut(), mock_env(), MigrateMsg {}),
        Err(ContractError::Migrate(MigrateError::WrongContract { .. }))
    ));
}

#[test]
fn migrate_through_the_chain_keeps_balances() {
    let mut suite = SuiteBuilder::new().build();
    let owner = suite.owner.clone();
    let token = suite.token.clone();
    let code = suite.code;
    suite
        .app
        .migrate_contract(owner, token, &MigrateMsg {}, code)
        .unwrap();
    assert_eq!(suite.balance("alice"), 1_000_000 * M);
}
