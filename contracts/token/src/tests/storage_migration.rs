//! Issue 15: storage written before the compact account form and the single supply record is
//! read as it was; `migrate` folds the two supply keys into one record (O(1)); an account moves
//! to the compact form on its next change (lazy: no migration over all balances).

use cosmwasm_std::testing::{
    message_info, mock_dependencies, mock_env, MockApi, MockQuerier, MockStorage,
};
use cosmwasm_std::{from_json, Env, OwnedDeps, Storage, Uint128};
use cw20::BalanceResponse;
use cw_multi_test::App;
use mesi_types::token::{ExecuteMsg, HoldingScoreResponse, MigrateMsg, QueryMsg};

use super::suite::*;
use crate::account::{key, Account};
use crate::contract::{execute, instantiate, migrate, query};
use crate::state::Supply;

type Deps = OwnedDeps<MockStorage, MockApi, MockQuerier>;

fn token(env: &Env) -> Deps {
    let mut deps = mock_dependencies();
    let mut msg = SuiteBuilder::new().instantiate_msg(&App::default());
    msg.owner = Some(deps.api.addr_make("owner").to_string());
    let info = message_info(&deps.api.addr_make("owner"), &[]);
    instantiate(deps.as_mut(), env.clone(), info, msg).unwrap();
    deps
}

fn transfer(deps: &mut Deps, env: &Env, from: &str, to: &str, amount: u128) {
    let info = message_info(&deps.api.addr_make(from), &[]);
    let msg = ExecuteMsg::Transfer {
        recipient: deps.api.addr_make(to).to_string(),
        amount: Uint128::new(amount),
    };
    execute(deps.as_mut(), env.clone(), info, msg).unwrap();
}

fn burn(deps: &mut Deps, env: &Env, from: &str, amount: u128) {
    let info = message_info(&deps.api.addr_make(from), &[]);
    let msg = ExecuteMsg::Burn {
        amount: Uint128::new(amount),
    };
    execute(deps.as_mut(), env.clone(), info, msg).unwrap();
}

fn score(deps: &Deps, env: &Env, who: &str) -> HoldingScoreResponse {
    let address = deps.api.addr_make(who).to_string();
    from_json(
        query(
            deps.as_ref(),
            env.clone(),
            QueryMsg::HoldingScore { address },
        )
        .unwrap(),
    )
    .unwrap()
}

fn balance(deps: &Deps, env: &Env, who: &str) -> u128 {
    let address = deps.api.addr_make(who).to_string();
    let r: BalanceResponse =
        from_json(query(deps.as_ref(), env.clone(), QueryMsg::Balance { address }).unwrap())
            .unwrap();
    r.balance.u128()
}

fn raw_record(deps: &Deps, who: &str) -> Vec<u8> {
    deps.storage
        .get(&key(deps.api.addr_make(who).as_str()))
        .unwrap()
}

/// Rewrites `who`'s record in the form the code before issue 15 wrote.
fn make_legacy(deps: &mut Deps, who: &str) {
    let k = key(deps.api.addr_make(who).as_str());
    let a = Account::decode(&deps.storage.get(&k).unwrap()).unwrap();
    deps.storage.set(&k, &a.encode_legacy());
}

#[test]
fn migrate_folds_the_two_legacy_supply_keys_into_one_record_once() {
    let mut env = mock_env();
    let mut deps = token(&env);
    env.block.time = env.block.time.plus_seconds(60);
    burn(&mut deps, &env, "alice", 7 * M);
    let books = Supply::load(&deps.storage).unwrap();
    assert_eq!(books.burned, 7 * M);
    // storage as the code before issue 15 left it: "ts" and "bu", no "sp"
    books.save_legacy(&mut deps.storage);
    assert_eq!(Supply::load(&deps.storage).unwrap(), Supply::default());

    let res = migrate(deps.as_mut(), env.clone(), MigrateMsg {}).unwrap();
    assert!(res
        .attributes
        .iter()
        .any(|a| a.key == "supply_record_migrated" && a.value == "true"));
    assert_eq!(Supply::load(&deps.storage).unwrap(), books);
    assert_eq!(deps.storage.get(b"ts"), None);
    assert_eq!(deps.storage.get(b"bu"), None);
    let burned: mesi_types::token::BurnedResponse =
        from_json(query(deps.as_ref(), env.clone(), QueryMsg::Burned {}).unwrap()).unwrap();
    assert_eq!(burned.burned.u128(), 7 * M);

    // a second migrate finds nothing to fold and changes nothing
    let res = migrate(deps.as_mut(), env.clone(), MigrateMsg {}).unwrap();
    assert!(res
        .attributes
        .iter()
        .any(|a| a.key == "supply_record_migrated" && a.value == "false"));
    assert_eq!(Supply::load(&deps.storage).unwrap(), books);
    // and burns keep counting on the one record
    burn(&mut deps, &env, "alice", M);
    assert_eq!(
        Supply::load(&deps.storage).unwrap(),
        Supply {
            total: books.total - M,
            burned: 8 * M
        }
    );
}

#[test]
fn a_legacy_account_record_reads_the_same_and_is_rewritten_compactly_on_its_next_change() {
    let mut env = mock_env();
    // twin tokens, same history; on one, alice's and bob's records are rewritten in the legacy form
    let mut twin = token(&env);
    let mut old = token(&env);
    for deps in [&mut twin, &mut old] {
        for i in 0..3 {
            let mut e = env.clone();
            e.block.time = e.block.time.plus_seconds(3_600 * (i + 1));
            transfer(deps, &e, "alice", "bob", (i as u128 + 1) * M);
        }
    }
    make_legacy(&mut old, "alice");
    make_legacy(&mut old, "bob");
    assert!(raw_record(&old, "alice")[0] <= 1);
    env.block.time = env.block.time.plus_seconds(86_400 + 77);
    // read as it was
    for who in ["alice", "bob"] {
        assert_eq!(balance(&old, &env, who), balance(&twin, &env, who));
        assert_eq!(score(&old, &env, who), score(&twin, &env, who));
    }
    // the next change writes the compact form, with the same meaning
    for deps in [&mut twin, &mut old] {
        transfer(deps, &env, "alice", "bob", 5 * M);
    }
    for who in ["alice", "bob"] {
        let raw = raw_record(&old, who);
        assert!(raw[0] > 1, "{who}'s record is still in the legacy form");
        assert_eq!(raw, raw_record(&twin, who));
        env.block.time = env.block.time.plus_seconds(4 * 86_400);
        assert_eq!(score(&old, &env, who), score(&twin, &env, who));
    }
}
