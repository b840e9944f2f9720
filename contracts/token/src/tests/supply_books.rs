//! SPEC §2 supply books, issue 12 §7 ("any holder burn breaks the treasury's supply books"): the
//! token counts every burn taken from an account other than the minter; the minter's own burns
//! (the treasury's burn-back of over-issuance) are not counted; a slash is not a burn.

use cosmwasm_std::{to_json_vec, Binary, Empty, QueryRequest, Uint128, WasmQuery};
use mesi_types::token::{BurnedResponse, ExecuteMsg, QueryMsg};

use super::suite::*;

fn burned(suite: &Suite) -> u128 {
    let r: BurnedResponse = suite.q(&QueryMsg::Burned {}).unwrap();
    r.burned.u128()
}

#[test]
fn holder_burn_and_burn_from_count_toward_the_burned_total() {
    let mut suite = SuiteBuilder::new().build();
    let genesis = suite.supply();
    assert_eq!(burned(&suite), 0);
    suite.burn("alice", 1).unwrap();
    assert_eq!(burned(&suite), 1);
    suite.approve("alice", "bob", 10, None).unwrap();
    let owner = suite.addr("alice").to_string();
    suite
        .exec(
            "bob",
            &ExecuteMsg::BurnFrom {
                owner,
                amount: Uint128::new(7),
            },
        )
        .unwrap();
    assert_eq!(burned(&suite), 8);
    // the books: total supply + burned by holders == genesis (no over-issuance here)
    assert_eq!(suite.supply() + burned(&suite), genesis);
}

#[test]
fn minter_burns_reduce_supply_but_are_not_counted_as_burned() {
    let mut suite = SuiteBuilder::new().build();
    let genesis = suite.supply();
    // over-issuance: the minter mints to itself, then burns it back (the treasury's burn_back)
    suite.mint("minter", "minter", 500).unwrap();
    suite.burn("minter", 200).unwrap();
    assert_eq!(burned(&suite), 0);
    assert_eq!(suite.supply(), genesis + 300);
    // a spender burning the minter's tokens is the minter's burn too (its own account)
    suite.approve("minter", "bob", 100, None).unwrap();
    let owner = suite.addr("minter").to_string();
    suite
        .exec(
            "bob",
            &ExecuteMsg::BurnFrom {
                owner,
                amount: Uint128::new(100),
            },
        )
        .unwrap();
    assert_eq!(burned(&suite), 0);
    // a holder's burn in the same story counts; over-issuance outstanding = 200
    suite.burn("bob", 50).unwrap();
    assert_eq!(burned(&suite), 50);
    assert_eq!(suite.supply() - 200 + burned(&suite), genesis);
}

#[test]
fn a_slash_is_not_a_burn() {
    let mut suite = SuiteBuilder::new().build();
    let supply = suite.supply();
    suite.lock("alice", 1_000).unwrap();
    suite.slash("arbiter", "alice", 600, None).unwrap();
    assert_eq!(burned(&suite), 0);
    assert_eq!(suite.supply(), supply);
    assert_eq!(suite.balance("treasury"), 600);
}

#[test]
fn a_refused_burn_changes_no_books() {
    let mut suite = SuiteBuilder::new().build();
    let supply = suite.supply();
    suite.lock("alice", 1_000_000 * M).unwrap();
    assert!(suite.burn("alice", 1).is_err());
    assert!(suite.burn("carol", 1).is_err());
    assert_eq!((suite.supply(), burned(&suite)), (supply, 0));
}

#[test]
fn burned_query_json_is_a_single_uint_string() {
    let mut suite = SuiteBuilder::new().build();
    suite.burn("alice", 12_345).unwrap();
    let req: QueryRequest<Empty> = QueryRequest::Wasm(WasmQuery::Smart {
        contract_addr: suite.token.to_string(),
        msg: Binary::from(br#"{"burned":{}}"#.as_slice()),
    });
    let raw = suite
        .app
        .wrap()
        .raw_query(&to_json_vec(&req).unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(raw.as_slice(), br#"{"burned":"12345"}"#);
}
