//! Message JSON (SPEC §1, issue 12 §1): every message round-trips; cw20-base 2.0's grammar
//! (unknown fields ignored, duplicates refused). The random differential test is in
//! `parser_diff.rs`.

use cosmwasm_std::{from_json, to_json_vec, Binary, Uint128};
use cw20::Cw20ExecuteMsg;
use cw20::{EmbeddedLogo, Expiration, Logo};
use cw20_base::msg::QueryMsg as Cw20QueryMsg;
use mesi_types::token::{ExecuteMsg, QueryMsg, SlashRecipient, TierRow};

fn all_execute() -> Vec<ExecuteMsg> {
    let a = Uint128::new(42);
    let s = |x: &str| x.to_string();
    vec![
        ExecuteMsg::Transfer {
            recipient: s("r"),
            amount: a,
        },
        ExecuteMsg::Burn { amount: a },
        ExecuteMsg::Send {
            contract: s("c"),
            amount: a,
            msg: Binary::from(b"{\"x\":1}".to_vec()),
        },
        ExecuteMsg::IncreaseAllowance {
            spender: s("s"),
            amount: a,
            expires: Some(Expiration::AtHeight(9)),
        },
        ExecuteMsg::IncreaseAllowance {
            spender: s("s"),
            amount: a,
            expires: Some(Expiration::Never {}),
        },
        ExecuteMsg::DecreaseAllowance {
            spender: s("s"),
            amount: a,
            expires: None,
        },
        ExecuteMsg::TransferFrom {
            owner: s("o"),
            recipient: s("r"),
            amount: a,
        },
        ExecuteMsg::SendFrom {
            owner: s("o"),
            contract: s("c"),
            amount: a,
            msg: Binary::default(),
        },
        ExecuteMsg::BurnFrom {
            owner: s("o"),
            amount: a,
        },
        ExecuteMsg::Mint {
            recipient: s("r"),
            amount: a,
        },
        ExecuteMsg::UpdateMinter {
            new_minter: Some(s("m")),
        },
        ExecuteMsg::UpdateMinter { new_minter: None },
        ExecuteMsg::UpdateMarketing {
            project: Some(s("p")),
            description: None,
            marketing: Some(s("")),
        },
        ExecuteMsg::UploadLogo(Logo::Url(s("u"))),
        ExecuteMsg::UploadLogo(Logo::Embedded(EmbeddedLogo::Png(Binary::from(vec![1u8])))),
        ExecuteMsg::Lock { amount: a },
        ExecuteMsg::Unlock { amount: a },
        ExecuteMsg::Slash {
            address: s("x"),
            amount: a,
            recipients: None,
        },
        ExecuteMsg::Slash {
            address: s("x"),
            amount: a,
            recipients: Some(vec![SlashRecipient {
                address: s("v"),
                amount: a,
            }]),
        },
        ExecuteMsg::UpdateConfig {
            marketplace: None,
            arbiter: Some(s("a")),
            treasury: None,
            unlock_delay: Some(5),
            tiers: None,
        },
        ExecuteMsg::UpdateConfig {
            marketplace: None,
            arbiter: None,
            treasury: Some(s("t")),
            unlock_delay: None,
            tiers: Some(vec![TierRow {
                fan_hold: a,
                creator_locked: a,
            }]),
        },
        ExecuteMsg::UpdateOwnership(cw_ownable::Action::AcceptOwnership),
        ExecuteMsg::UpdateOwnership(cw_ownable::Action::TransferOwnership {
            new_owner: s("n"),
            expiry: None,
        }),
        ExecuteMsg::Sweep { denom: s("uusdc") },
    ]
}

fn all_query() -> Vec<QueryMsg> {
    let s = |x: &str| x.to_string();
    vec![
        QueryMsg::Balance { address: s("a") },
        QueryMsg::TokenInfo {},
        QueryMsg::Minter {},
        QueryMsg::Allowance {
            owner: s("o"),
            spender: s("s"),
        },
        QueryMsg::AllAllowances {
            owner: s("o"),
            start_after: Some(s("x")),
            limit: Some(3),
        },
        QueryMsg::AllSpenderAllowances {
            spender: s("s"),
            start_after: None,
            limit: None,
        },
        QueryMsg::AllAccounts {
            start_after: None,
            limit: Some(1),
        },
        QueryMsg::MarketingInfo {},
        QueryMsg::DownloadLogo {},
        QueryMsg::HoldingScore { address: s("a") },
        QueryMsg::Lock { address: s("a") },
        QueryMsg::Tier { address: s("a") },
        QueryMsg::Config {},
        QueryMsg::Ownership {},
        QueryMsg::Burned {},
    ]
}

#[test]
fn every_message_roundtrips_through_json() {
    for m in all_execute() {
        let back: ExecuteMsg = from_json(to_json_vec(&m).unwrap()).unwrap();
        assert_eq!(back, m);
    }
    for m in all_query() {
        let back: QueryMsg = from_json(to_json_vec(&m).unwrap()).unwrap();
        assert_eq!(back, m);
    }
}

#[test]
fn optional_fields_may_be_omitted_like_the_derive() {
    let m: ExecuteMsg =
        from_json(br#"{"increase_allowance":{"spender":"s","amount":"1"}}"#).unwrap();
    assert_eq!(
        m,
        ExecuteMsg::IncreaseAllowance {
            spender: "s".into(),
            amount: Uint128::one(),
            expires: None
        }
    );
    let m: ExecuteMsg = from_json(br#"{"update_minter":{}}"#).unwrap();
    assert_eq!(m, ExecuteMsg::UpdateMinter { new_minter: None });
    let q: QueryMsg = from_json(br#" { "all_accounts" : { } } "#).unwrap();
    assert_eq!(
        q,
        QueryMsg::AllAccounts {
            start_after: None,
            limit: None
        }
    );
}

#[test]
fn malformed_messages_are_rejected() {
    for bad in [
        // missing required field
        r#"{"transfer":{"recipient":"r"}}"#,
        // duplicate field
        r#"{"burn":{"amount":"1","amount":"2"}}"#,
        // two variants at once, none, unknown
        r#"{"burn":{"amount":"1"},"lock":{"amount":"1"}}"#,
        r#"{}"#,
        r#"{"steal":{}}"#,
        // wrong types
        r#"{"burn":{"amount":1}}"#,
        r#"{"burn":{"amount":null}}"#,
        r#""burn""#,
        r#"{"balance":{"address":"a"}}"#,
    ] {
        assert!(from_json::<ExecuteMsg>(bad.as_bytes()).is_err(), "{bad}");
        assert!(
            from_json::<Cw20ExecuteMsg>(bad.as_bytes()).is_err(),
            "{bad}"
        );
    }
    assert!(from_json::<QueryMsg>(br#"{"transfer":{"recipient":"r","amount":"1"}}"#).is_err());
    assert!(from_json::<QueryMsg>(br#"{"balance":{}}"#).is_err());
}

/// Issue 12 §1: CosmWasm 2.x messages ignore unknown fields; cw20-base accepts these, and so do
/// we, read as if the extra field were absent.
#[test]
fn unknown_fields_are_accepted_and_ignored_like_cw20_base() {
    let addr = "cosmwasm1qqqsyqcyq5rqwzqfpg9scrgwpugpzysn7hzdtn";
    let exec = [
        (
            format!(r#"{{"transfer":{{"recipient":"{addr}","amount":"5","memo":"hi"}}}}"#),
            format!(r#"{{"transfer":{{"recipient":"{addr}","amount":"5"}}}}"#),
        ),
        (
            format!(r#"{{"update_minter":{{"new_minter":null,"owner":"{addr}"}}}}"#),
            r#"{"update_minter":{"new_minter":null}}"#.to_string(),
        ),
    ];
    for (with, without) in exec {
        let ours: ExecuteMsg = from_json(with.as_bytes()).unwrap();
        let theirs: Cw20ExecuteMsg = from_json(with.as_bytes()).unwrap();
        assert_eq!(ours, from_json::<ExecuteMsg>(without.as_bytes()).unwrap());
        assert_eq!(to_json_vec(&ours).unwrap(), to_json_vec(&theirs).unwrap());
    }
    let query = [
        (
            format!(r#"{{"balance":{{"address":"{addr}","x":1}}}}"#),
            format!(r#"{{"balance":{{"address":"{addr}"}}}}"#),
        ),
        (
            r#"{"token_info":{"x":null}}"#.to_string(),
            r#"{"token_info":{}}"#.to_string(),
        ),
    ];
    for (with, without) in query {
        let ours: QueryMsg = from_json(with.as_bytes()).unwrap();
        let theirs: Cw20QueryMsg = from_json(with.as_bytes()).unwrap();
        assert_eq!(ours, from_json::<QueryMsg>(without.as_bytes()).unwrap());
        assert_eq!(to_json_vec(&ours).unwrap(), to_json_vec(&theirs).unwrap());
    }
    // the extension messages follow the same rule
    let m: ExecuteMsg = from_json(br#"{"lock":{"amount":"7","note":[1]}}"#).unwrap();
    assert_eq!(
        m,
        ExecuteMsg::Lock {
            amount: Uint128::new(7)
        }
    );
}

/// Issue 12 §1: a field given twice is refused (cw20-base refuses it): a front end or indexer
/// reading the first value must never see a different message than the contract executes.
#[test]
fn duplicate_fields_are_refused_like_cw20_base() {
    let addr = "cosmwasm1qqqsyqcyq5rqwzqfpg9scrgwpugpzysn7hzdtn";
    for dup in [
        format!(
            r#"{{"increase_allowance":{{"spender":"{addr}","amount":"1","expires":null,"expires":{{"at_height":5}}}}}}"#
        ),
        format!(r#"{{"update_minter":{{"new_minter":null,"new_minter":"{addr}"}}}}"#),
        r#"{"lock":{"amount":"1","amount":"2"}}"#.to_string(),
    ] {
        assert!(from_json::<ExecuteMsg>(dup.as_bytes()).is_err(), "{dup}");
        if !dup.contains("lock") {
            assert!(
                from_json::<Cw20ExecuteMsg>(dup.as_bytes()).is_err(),
                "{dup}"
            );
        }
    }
    let dup = r#"{"allowance":{"owner":"a","spender":"b","owner":"c"}}"#;
    assert!(from_json::<QueryMsg>(dup.as_bytes()).is_err());
    assert!(from_json::<Cw20QueryMsg>(dup.as_bytes()).is_err());
}

/// The hand-written extension responses are byte-identical to serde's output of the typed
/// responses in mesi_types::token (and cw_ownable::Ownership).
#[test]
fn hand_written_responses_match_serde_byte_for_byte() {
    use crate::contract::{execute, instantiate, query};
    use cosmwasm_std::testing::{message_info, mock_dependencies, mock_env};
    use mesi_types::token::{ConfigResponse, HoldingScoreResponse, LockResponse, TierResponse};

    fn same<T: serde::de::DeserializeOwned + serde::Serialize>(raw: Binary) {
        let typed: T = from_json(&raw).unwrap();
        assert_eq!(
            to_json_vec(&typed).unwrap(),
            raw.to_vec(),
            "{}",
            String::from_utf8_lossy(&raw)
        );
    }

    let mut deps = mock_dependencies();
    let app = cw_multi_test::App::default();
    let mut msg = super::suite::SuiteBuilder::new().instantiate_msg(&app);
    let owner = deps.api.addr_make("owner");
    msg.owner = Some(owner.to_string());
    let alice = app.api().addr_make("alice");
    let mut env = mock_env();
    instantiate(deps.as_mut(), env.clone(), message_info(&owner, &[]), msg).unwrap();
    let q = |deps: &cosmwasm_std::OwnedDeps<_, _, _>, env: &cosmwasm_std::Env, m: QueryMsg| {
        query(deps.as_ref(), env.clone(), m).unwrap()
    };
    let a = alice.to_string();
    for pass in 0..3 {
        same::<HoldingScoreResponse>(q(
            &deps,
            &env,
            QueryMsg::HoldingScore { address: a.clone() },
        ));
        same::<LockResponse>(q(&deps, &env, QueryMsg::Lock { address: a.clone() }));
        same::<TierResponse>(q(&deps, &env, QueryMsg::Tier { address: a.clone() }));
        same::<ConfigResponse>(q(&deps, &env, QueryMsg::Config {}));
        same::<cw_ownable::Ownership<String>>(q(&deps, &env, QueryMsg::Ownership {}));
        same::<mesi_types::token::BurnedResponse>(q(&deps, &env, QueryMsg::Burned {}));
        // change state between passes: lock + pending unlock, ownership transfer with expiries
        let ai = message_info(&alice, &[]);
        let oi = message_info(&owner, &[]);
        execute(
            deps.as_mut(),
            env.clone(),
            ai.clone(),
            ExecuteMsg::Lock {
                amount: Uint128::new(1_000),
            },
        )
        .unwrap();
        execute(
            deps.as_mut(),
            env.clone(),
            ai,
            ExecuteMsg::Unlock {
                amount: Uint128::new(10),
            },
        )
        .unwrap();
        execute(
            deps.as_mut(),
            env.clone(),
            message_info(&alice, &[]),
            ExecuteMsg::Burn {
                amount: Uint128::new(7),
            },
        )
        .unwrap();
        let expiry = match pass {
            0 => Some(Expiration::AtHeight(99_999_999)),
            1 => Some(Expiration::AtTime(env.block.time.plus_seconds(100))),
            _ => Some(Expiration::Never {}),
        };
        let next = deps.api.addr_make("next").to_string();
        execute(
            deps.as_mut(),
            env.clone(),
            oi,
            ExecuteMsg::UpdateOwnership(cw_ownable::Action::TransferOwnership {
                new_owner: next,
                expiry,
            }),
        )
        .unwrap();
        env.block.time = env.block.time.plus_seconds(86_400);
    }
    // the config with a marketplace set
    let market = deps.api.addr_make("market").to_string();
    let next = deps.api.addr_make("next");
    execute(
        deps.as_mut(),
        env.clone(),
        message_info(&next, &[]),
        ExecuteMsg::UpdateOwnership(cw_ownable::Action::AcceptOwnership),
    )
    .unwrap();
    execute(
        deps.as_mut(),
        env.clone(),
        message_info(&next, &[]),
        ExecuteMsg::UpdateConfig {
            arbiter: None,
            treasury: None,
            unlock_delay: None,
            tiers: None,
            marketplace: Some(market),
        },
    )
    .unwrap();
    same::<ConfigResponse>(q(&deps, &env, QueryMsg::Config {}));
}

#[test]
fn ownership_transfer_expires() {
    use super::suite::*;
    let mut suite = SuiteBuilder::new().build();
    let owner = suite.owner.clone();
    let h = suite.app.block_info().height;
    suite
        .exec_addr(
            &owner,
            &ExecuteMsg::UpdateOwnership(cw_ownable::Action::TransferOwnership {
                new_owner: suite.addr("next").to_string(),
                expiry: Some(Expiration::AtHeight(h + 1)),
            }),
        )
        .unwrap();
    suite.advance(10);
    assert_eq!(
        err(suite.exec(
            "next",
            &ExecuteMsg::UpdateOwnership(cw_ownable::Action::AcceptOwnership)
        )),
        crate::error::ContractError::Ownership(cw_ownable::OwnershipError::TransferExpired)
    );
    assert_eq!(
        err(suite.exec(
            "alice",
            &ExecuteMsg::UpdateOwnership(cw_ownable::Action::RenounceOwnership)
        )),
        crate::error::ContractError::Ownership(cw_ownable::OwnershipError::NotOwner)
    );
}
