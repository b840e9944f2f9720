//! SPEC §1 "full cw20 surface": every message and query, with cw20-base's JSON.

use cosmwasm_std::{to_json_binary, to_json_string, Binary, Uint128};
use cw20::{
    AllAllowancesResponse, AllSpenderAllowancesResponse, Cw20ExecuteMsg, Cw20QueryMsg,
    DownloadLogoResponse, EmbeddedLogo, Expiration, Logo, LogoInfo, MarketingInfoResponse,
    MinterResponse, TokenInfoResponse,
};
use cw_multi_test::Executor;
use mesi_types::token::{ExecuteMsg, InstantiateMarketingInfo, QueryMsg};

use super::suite::*;
use crate::error::ContractError;

fn same_json<A: serde::Serialize, B: serde::Serialize>(a: &A, b: &B) {
    assert_eq!(to_json_string(a).unwrap(), to_json_string(b).unwrap());
}

#[test]
fn cw20_execute_json_is_identical_to_cw20_base() {
    let amount = Uint128::new(7);
    let msg = Binary::from(b"{}".as_slice());
    let exp = Some(Expiration::AtHeight(5));
    let s = || "x".to_string();
    let pairs: Vec<(ExecuteMsg, Cw20ExecuteMsg)> = vec![
        (
            ExecuteMsg::Transfer {
                recipient: s(),
                amount,
            },
            Cw20ExecuteMsg::Transfer {
                recipient: s(),
                amount,
            },
        ),
        (ExecuteMsg::Burn { amount }, Cw20ExecuteMsg::Burn { amount }),
        (
            ExecuteMsg::Send {
                contract: s(),
                amount,
                msg: msg.clone(),
            },
            Cw20ExecuteMsg::Send {
                contract: s(),
                amount,
                msg: msg.clone(),
            },
        ),
        (
            ExecuteMsg::IncreaseAllowance {
                spender: s(),
                amount,
                expires: exp,
            },
            Cw20ExecuteMsg::IncreaseAllowance {
                spender: s(),
                amount,
                expires: exp,
            },
        ),
        (
            ExecuteMsg::DecreaseAllowance {
                spender: s(),
                amount,
                expires: None,
            },
            Cw20ExecuteMsg::DecreaseAllowance {
                spender: s(),
                amount,
                expires: None,
            },
        ),
        (
            ExecuteMsg::TransferFrom {
                owner: s(),
                recipient: s(),
                amount,
            },
            Cw20ExecuteMsg::TransferFrom {
                owner: s(),
                recipient: s(),
                amount,
            },
        ),
        (
            ExecuteMsg::SendFrom {
                owner: s(),
                contract: s(),
                amount,
                msg: msg.clone(),
            },
            Cw20ExecuteMsg::SendFrom {
                owner: s(),
                contract: s(),
                amount,
                msg: msg.clone(),
            },
        ),
        (
            ExecuteMsg::BurnFrom { owner: s(), amount },
            Cw20ExecuteMsg::BurnFrom { owner: s(), amount },
        ),
        (
            ExecuteMsg::Mint {
                recipient: s(),
                amount,
            },
            Cw20ExecuteMsg::Mint {
                recipient: s(),
                amount,
            },
        ),
        (
            ExecuteMsg::UpdateMinter { new_minter: None },
            Cw20ExecuteMsg::UpdateMinter { new_minter: None },
        ),
        (
            ExecuteMsg::UpdateMarketing {
                project: Some(s()),
                description: None,
                marketing: None,
            },
            Cw20ExecuteMsg::UpdateMarketing {
                project: Some(s()),
                description: None,
                marketing: None,
            },
        ),
        (
            ExecuteMsg::UploadLogo(Logo::Url(s())),
            Cw20ExecuteMsg::UploadLogo(Logo::Url(s())),
        ),
    ];
    for (ours, theirs) in pairs {
        same_json(&ours, &theirs);
        // and ours parses what a cw20 wallet sends
        let parsed: ExecuteMsg = cosmwasm_std::from_json(to_json_binary(&theirs).unwrap()).unwrap();
        assert_eq!(parsed, ours);
    }
}

#[test]
fn cw20_query_json_is_identical_to_cw20_base() {
    let s = || "x".to_string();
    let pairs: Vec<(QueryMsg, Cw20QueryMsg)> = vec![
        (
            QueryMsg::Balance { address: s() },
            Cw20QueryMsg::Balance { address: s() },
        ),
        (QueryMsg::TokenInfo {}, Cw20QueryMsg::TokenInfo {}),
        (QueryMsg::Minter {}, Cw20QueryMsg::Minter {}),
        (
            QueryMsg::Allowance {
                owner: s(),
                spender: s(),
            },
            Cw20QueryMsg::Allowance {
                owner: s(),
                spender: s(),
            },
        ),
        (
            QueryMsg::AllAllowances {
                owner: s(),
                start_after: None,
                limit: Some(3),
            },
            Cw20QueryMsg::AllAllowances {
                owner: s(),
                start_after: None,
                limit: Some(3),
            },
        ),
        (
            QueryMsg::AllAccounts {
                start_after: Some(s()),
                limit: None,
            },
            Cw20QueryMsg::AllAccounts {
                start_after: Some(s()),
                limit: None,
            },
        ),
        (QueryMsg::MarketingInfo {}, Cw20QueryMsg::MarketingInfo {}),
        (QueryMsg::DownloadLogo {}, Cw20QueryMsg::DownloadLogo {}),
    ];
    for (ours, theirs) in pairs {
        same_json(&ours, &theirs);
    }
    // cw20-base's extra query
    assert_eq!(
        to_json_string(&QueryMsg::AllSpenderAllowances {
            spender: s(),
            start_after: None,
            limit: None
        })
        .unwrap(),
        r#"{"all_spender_allowances":{"spender":"x","start_after":null,"limit":null}}"#
    );
}

#[test]
fn token_info_is_mesi_with_six_decimals() {
    let suite = SuiteBuilder::new().build();
    let info: TokenInfoResponse = suite.q(&QueryMsg::TokenInfo {}).unwrap();
    assert_eq!(info.name, "Mesi");
    assert_eq!(info.symbol, "MESI");
    assert_eq!(info.decimals, 6);
    assert_eq!(info.total_supply.u128(), 2_000_000 * M);
}

#[test]
fn transfer_moves_tokens() {
    let mut suite = SuiteBuilder::new().build();
    let res = suite.transfer("alice", "carol", 10 * M).unwrap();
    assert!(res.events.iter().any(|e| e
        .attributes
        .iter()
        .any(|a| a.key == "action" && a.value == "transfer")));
    assert_eq!(suite.balance("alice"), 999_990 * M);
    assert_eq!(suite.balance("carol"), 10 * M);
    assert_eq!(suite.supply(), 2_000_000 * M);
    // more than the balance: typed error
    assert_eq!(
        err(suite.transfer("carol", "alice", 11 * M)),
        ContractError::InsufficientFunds {
            balance: Uint128::new(10 * M),
            amount: Uint128::new(11 * M)
        }
    );
}

#[test]
fn send_calls_the_receive_hook_with_cw20_shape() {
    let mut suite = SuiteBuilder::new().build();
    let payload = Binary::from(br#"{"bid":{}}"#.as_slice());
    suite.send("alice", 5 * M, payload.clone()).unwrap();
    let hook = suite.last_hook().unwrap();
    assert_eq!(hook.sender, suite.addr("alice").to_string());
    assert_eq!(hook.amount.u128(), 5 * M);
    assert_eq!(hook.msg, payload);
    let r = suite.receiver.clone();
    let bal: cw20::BalanceResponse = suite
        .q(&QueryMsg::Balance {
            address: r.to_string(),
        })
        .unwrap();
    assert_eq!(bal.balance.u128(), 5 * M);
    // the wire shape of the hook is cw20's
    let json = to_json_string(&super::suite::ReceiverMsg::Receive(hook)).unwrap();
    assert!(json.starts_with(r#"{"receive":{"sender":""#));
}

#[test]
fn burn_reduces_supply() {
    let mut suite = SuiteBuilder::new().build();
    suite.burn("alice", 100 * M).unwrap();
    assert_eq!(suite.supply(), 2_000_000 * M - 100 * M);
    assert_eq!(suite.balance("alice"), 1_000_000 * M - 100 * M);
}

#[test]
fn mint_is_minter_only_and_capped() {
    let mut suite = SuiteBuilder::new().with_cap(Some(2_000_100 * M)).build();
    assert_eq!(
        err(suite.mint("alice", "alice", M)),
        ContractError::Unauthorized {}
    );
    suite.mint("minter", "carol", 100 * M).unwrap();
    assert_eq!(suite.balance("carol"), 100 * M);
    assert_eq!(suite.supply(), 2_000_100 * M);
    assert_eq!(
        err(suite.mint("minter", "carol", 1)),
        ContractError::CannotExceedCap {}
    );
    let m: Option<MinterResponse> = suite.q(&QueryMsg::Minter {}).unwrap();
    assert_eq!(m.unwrap().cap, Some(Uint128::new(2_000_100 * M)));
}

#[test]
fn update_minter_hands_over_and_removes() {
    let mut suite = SuiteBuilder::new().build();
    let new = suite.addr("treasury").to_string();
    assert_eq!(
        err(suite.exec(
            "alice",
            &ExecuteMsg::UpdateMinter {
                new_minter: Some(new.clone())
            }
        )),
        ContractError::Unauthorized {}
    );
    suite
        .exec(
            "minter",
            &ExecuteMsg::UpdateMinter {
                new_minter: Some(new.clone()),
            },
        )
        .unwrap();
    let m: Option<MinterResponse> = suite.q(&QueryMsg::Minter {}).unwrap();
    assert_eq!(m.unwrap().minter, new);
    assert_eq!(
        err(suite.mint("minter", "bob", 1)),
        ContractError::Unauthorized {}
    );
    suite.mint("treasury", "bob", 1).unwrap();
    suite
        .exec("treasury", &ExecuteMsg::UpdateMinter { new_minter: None })
        .unwrap();
    let m: Option<MinterResponse> = suite.q(&QueryMsg::Minter {}).unwrap();
    assert_eq!(m, None);
    assert_eq!(
        err(suite.mint("treasury", "bob", 1)),
        ContractError::Unauthorized {}
    );
}

#[test]
fn allowances_increase_decrease_and_spend() {
    let mut suite = SuiteBuilder::new().build();
    suite.approve("alice", "bob", 50 * M, None).unwrap();
    suite
        .approve(
            "alice",
            "bob",
            10 * M,
            Some(Expiration::AtHeight(1_000_000)),
        )
        .unwrap();
    let a = suite.allowance("alice", "bob");
    assert_eq!(a.allowance.u128(), 60 * M);
    assert_eq!(a.expires, Expiration::AtHeight(1_000_000));
    let spender = suite.addr("bob").to_string();
    suite
        .exec(
            "alice",
            &ExecuteMsg::DecreaseAllowance {
                spender: spender.clone(),
                amount: Uint128::new(20 * M),
                expires: None,
            },
        )
        .unwrap();
    assert_eq!(suite.allowance("alice", "bob").allowance.u128(), 40 * M);
    suite
        .transfer_from("bob", "alice", "carol", 15 * M)
        .unwrap();
    assert_eq!(suite.balance("carol"), 15 * M);
    assert_eq!(suite.allowance("alice", "bob").allowance.u128(), 25 * M);
    assert_eq!(
        err(suite.transfer_from("bob", "alice", "carol", 26 * M)),
        ContractError::InsufficientAllowance {
            allowance: Uint128::new(25 * M),
            amount: Uint128::new(26 * M)
        }
    );
    // burn_from and send_from
    let owner = suite.addr("alice").to_string();
    suite
        .exec(
            "bob",
            &ExecuteMsg::BurnFrom {
                owner: owner.clone(),
                amount: Uint128::new(5 * M),
            },
        )
        .unwrap();
    assert_eq!(suite.supply(), 2_000_000 * M - 5 * M);
    let contract = suite.receiver.to_string();
    suite
        .exec(
            "bob",
            &ExecuteMsg::SendFrom {
                owner: owner.clone(),
                contract,
                amount: Uint128::new(5 * M),
                msg: Binary::default(),
            },
        )
        .unwrap();
    let hook = suite.last_hook().unwrap();
    assert_eq!(hook.sender, suite.addr("bob").to_string());
    assert_eq!(suite.allowance("alice", "bob").allowance.u128(), 15 * M);
    // decrease below zero removes it
    suite
        .exec(
            "alice",
            &ExecuteMsg::DecreaseAllowance {
                spender,
                amount: Uint128::new(100 * M),
                expires: None,
            },
        )
        .unwrap();
    assert_eq!(
        suite.allowance("alice", "bob"),
        cw20::AllowanceResponse::default()
    );
    assert_eq!(
        err(suite.transfer_from("bob", "alice", "carol", 1)),
        ContractError::NoAllowance {}
    );
}

#[test]
fn expired_allowance_cannot_be_spent() {
    let mut suite = SuiteBuilder::new().build();
    let at = suite.now() + 100;
    suite
        .approve(
            "alice",
            "bob",
            50 * M,
            Some(Expiration::AtTime(cosmwasm_std::Timestamp::from_seconds(
                at,
            ))),
        )
        .unwrap();
    suite.transfer_from("bob", "alice", "carol", M).unwrap();
    suite.advance(100);
    assert_eq!(
        err(suite.transfer_from("bob", "alice", "carol", M)),
        ContractError::Expired {}
    );
    assert_eq!(suite.balance("carol"), M);
    // setting an already expired expiration is refused
    let h = suite.app.block_info().height;
    assert_eq!(
        err(suite.approve("alice", "bob", M, Some(Expiration::AtHeight(h)))),
        ContractError::InvalidExpiration {}
    );
}

#[test]
fn allowance_to_self_is_refused() {
    let mut suite = SuiteBuilder::new().build();
    assert_eq!(
        err(suite.approve("alice", "alice", M, None)),
        ContractError::CannotSetOwnAccount {}
    );
}

#[test]
fn all_allowances_queries_paginate() {
    let mut suite = SuiteBuilder::new().build();
    for s in ["s1", "s2", "s3"] {
        suite.approve("alice", s, M, None).unwrap();
    }
    suite.approve("bob", "s1", 2 * M, None).unwrap();
    let owner = suite.addr("alice").to_string();
    let page: AllAllowancesResponse = suite
        .q(&QueryMsg::AllAllowances {
            owner: owner.clone(),
            start_after: None,
            limit: Some(2),
        })
        .unwrap();
    assert_eq!(page.allowances.len(), 2);
    let rest: AllAllowancesResponse = suite
        .q(&QueryMsg::AllAllowances {
            owner,
            start_after: Some(page.allowances[1].spender.clone()),
            limit: None,
        })
        .unwrap();
    assert_eq!(rest.allowances.len(), 1);
    let sp: AllSpenderAllowancesResponse = suite
        .q(&QueryMsg::AllSpenderAllowances {
            spender: suite.addr("s1").to_string(),
            start_after: None,
            limit: None,
        })
        .unwrap();
    assert_eq!(sp.allowances.len(), 2);
}

#[test]
fn all_accounts_paginates() {
    let mut suite = SuiteBuilder::new().build();
    for n in ["c1", "c2", "c3", "c4"] {
        suite.transfer("alice", n, M).unwrap();
    }
    let all = suite.accounts(None, Some(100));
    assert_eq!(all.len(), 6);
    let mut sorted = all.clone();
    sorted.sort();
    assert_eq!(all, sorted);
    let first = suite.accounts(None, Some(4));
    let second = suite.accounts(Some(first[3].clone()), Some(4));
    assert_eq!(first.len() + second.len(), 6);
    assert_eq!([first, second].concat(), all);
    assert_eq!(suite.accounts(None, None).len(), 6);
}

#[test]
fn marketing_and_logo() {
    let mut suite = SuiteBuilder::new().build();
    // instantiate a second token with marketing info
    let mut msg = SuiteBuilder::new().instantiate_msg(&suite.app);
    let png = vec![0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 1, 2];
    msg.marketing = Some(InstantiateMarketingInfo {
        project: Some("mesi".into()),
        description: Some("creator economy".into()),
        marketing: Some(suite.addr("mk").to_string()),
        logo: Some(Logo::Url("https://mesi/logo.png".into())),
    });
    let owner = suite.owner.clone();
    let code = suite.code;
    let t2 = suite
        .app
        .instantiate_contract(code, owner, &msg, &[], "m2", None)
        .unwrap();
    suite.token = t2;
    let info: MarketingInfoResponse = suite.q(&QueryMsg::MarketingInfo {}).unwrap();
    assert_eq!(
        info.logo,
        Some(LogoInfo::Url("https://mesi/logo.png".into()))
    );
    assert_eq!(
        err(suite.exec(
            "alice",
            &ExecuteMsg::UpdateMarketing {
                project: Some("x".into()),
                description: None,
                marketing: None
            }
        )),
        ContractError::Unauthorized {}
    );
    suite
        .exec(
            "mk",
            &ExecuteMsg::UpdateMarketing {
                project: Some("".into()),
                description: Some("d".into()),
                marketing: None,
            },
        )
        .unwrap();
    let info: MarketingInfoResponse = suite.q(&QueryMsg::MarketingInfo {}).unwrap();
    assert_eq!(info.project, None);
    assert_eq!(info.description, Some("d".into()));
    assert_eq!(
        err(suite.exec(
            "mk",
            &ExecuteMsg::UploadLogo(Logo::Embedded(EmbeddedLogo::Png(Binary::from(vec![
                1u8, 2, 3
            ]))))
        )),
        ContractError::InvalidPngHeader {}
    );
    assert_eq!(
        err(suite.exec(
            "mk",
            &ExecuteMsg::UploadLogo(Logo::Embedded(EmbeddedLogo::Svg(Binary::from(
                b"<svg>".to_vec()
            ))))
        )),
        ContractError::InvalidXmlPreamble {}
    );
    let mut big = png.clone();
    big.resize(6 * 1024, 0);
    assert_eq!(
        err(suite.exec(
            "mk",
            &ExecuteMsg::UploadLogo(Logo::Embedded(EmbeddedLogo::Png(Binary::from(big))))
        )),
        ContractError::LogoTooBig {}
    );
    suite
        .exec(
            "mk",
            &ExecuteMsg::UploadLogo(Logo::Embedded(EmbeddedLogo::Png(Binary::from(png.clone())))),
        )
        .unwrap();
    let logo: DownloadLogoResponse = suite.q(&QueryMsg::DownloadLogo {}).unwrap();
    assert_eq!(logo.mime_type, "image/png");
    assert_eq!(logo.data, Binary::from(png));
    // the first token has no marketing role: nobody may update
    let info: MarketingInfoResponse = SuiteBuilder::new()
        .build()
        .q(&QueryMsg::MarketingInfo {})
        .unwrap();
    assert_eq!(info, MarketingInfoResponse::default());
}

#[test]
fn token_info_supply_follows_mint_and_burn() {
    let mut suite = SuiteBuilder::new().build();
    suite.mint("minter", "carol", 7 * M).unwrap();
    suite.burn("carol", 2 * M).unwrap();
    let info: TokenInfoResponse = suite.q(&QueryMsg::TokenInfo {}).unwrap();
    assert_eq!(info.total_supply.u128(), 2_000_005 * M);
}
