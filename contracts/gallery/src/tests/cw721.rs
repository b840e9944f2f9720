//! The cw721 0.22 surface: messages and answers a cw721 wallet or marketplace uses, sent as cw721's own
//! `Cw721ExecuteMsg` / `Cw721QueryMsg` JSON.

use cosmwasm_std::{
    to_json_binary, to_json_string, to_json_vec, Binary, Empty, QueryRequest, WasmQuery,
};
use cw721::msg::{Cw721ExecuteMsg, Cw721QueryMsg};
use cw_multi_test::Executor;
use cw_utils::Expiration;
use mesi_types::gallery::{
    AllInfoResponse, AllNftInfoResponse, ApprovalResponse, ApprovalsResponse,
    CollectionInfoAndExtensionResponse, ExecuteMsg, GalleryNftExtension, MinterResponse,
    NumTokensResponse, OperatorResponse, OperatorsResponse, OwnerOfResponse, QueryMsg,
    TokensResponse,
};

use super::suite::{err, Suite, HASH};
use crate::error::ContractError;

type CwExec = Cw721ExecuteMsg<Empty, Empty, Empty>;
type CwQuery = Cw721QueryMsg<Empty, Empty, Empty>;

#[test]
fn cw721_messages_serialize_exactly_like_cw721_0_22() {
    let pairs: Vec<(ExecuteMsg, CwExec)> = vec![
        (
            ExecuteMsg::TransferNft {
                recipient: "r".into(),
                token_id: "t".into(),
            },
            CwExec::TransferNft {
                recipient: "r".into(),
                token_id: "t".into(),
            },
        ),
        (
            ExecuteMsg::SendNft {
                contract: "c".into(),
                token_id: "t".into(),
                msg: Binary::from(b"x"),
            },
            CwExec::SendNft {
                contract: "c".into(),
                token_id: "t".into(),
                msg: Binary::from(b"x"),
            },
        ),
        (
            ExecuteMsg::Approve {
                spender: "s".into(),
                token_id: "t".into(),
                expires: Some(Expiration::AtHeight(5)),
            },
            CwExec::Approve {
                spender: "s".into(),
                token_id: "t".into(),
                expires: Some(Expiration::AtHeight(5)),
            },
        ),
        (
            ExecuteMsg::Revoke {
                spender: "s".into(),
                token_id: "t".into(),
            },
            CwExec::Revoke {
                spender: "s".into(),
                token_id: "t".into(),
            },
        ),
        (
            ExecuteMsg::ApproveAll {
                operator: "o".into(),
                expires: None,
            },
            CwExec::ApproveAll {
                operator: "o".into(),
                expires: None,
            },
        ),
        (
            ExecuteMsg::RevokeAll {
                operator: "o".into(),
            },
            CwExec::RevokeAll {
                operator: "o".into(),
            },
        ),
        (
            ExecuteMsg::Burn {
                token_id: "t".into(),
            },
            CwExec::Burn {
                token_id: "t".into(),
            },
        ),
    ];
    for (ours, theirs) in pairs {
        assert_eq!(
            to_json_binary(&ours).unwrap(),
            to_json_binary(&theirs).unwrap()
        );
    }
    let qpairs: Vec<(QueryMsg, CwQuery)> = vec![
        (
            QueryMsg::OwnerOf {
                token_id: "t".into(),
                include_expired: Some(true),
            },
            CwQuery::OwnerOf {
                token_id: "t".into(),
                include_expired: Some(true),
            },
        ),
        (
            QueryMsg::Approval {
                token_id: "t".into(),
                spender: "s".into(),
                include_expired: None,
            },
            CwQuery::Approval {
                token_id: "t".into(),
                spender: "s".into(),
                include_expired: None,
            },
        ),
        (
            QueryMsg::Approvals {
                token_id: "t".into(),
                include_expired: None,
            },
            CwQuery::Approvals {
                token_id: "t".into(),
                include_expired: None,
            },
        ),
        (
            QueryMsg::Operator {
                owner: "o".into(),
                operator: "p".into(),
                include_expired: None,
            },
            CwQuery::Operator {
                owner: "o".into(),
                operator: "p".into(),
                include_expired: None,
            },
        ),
        (
            QueryMsg::AllOperators {
                owner: "o".into(),
                include_expired: None,
                start_after: Some("a".into()),
                limit: Some(3),
            },
            CwQuery::AllOperators {
                owner: "o".into(),
                include_expired: None,
                start_after: Some("a".into()),
                limit: Some(3),
            },
        ),
        (QueryMsg::NumTokens {}, CwQuery::NumTokens {}),
        #[allow(deprecated)]
        (QueryMsg::ContractInfo {}, CwQuery::ContractInfo {}),
        (
            QueryMsg::GetCollectionInfoAndExtension {},
            CwQuery::GetCollectionInfoAndExtension {},
        ),
        #[allow(deprecated)]
        (QueryMsg::Minter {}, CwQuery::Minter {}),
        (
            QueryMsg::GetMinterOwnership {},
            CwQuery::GetMinterOwnership {},
        ),
        (QueryMsg::GetAllInfo {}, CwQuery::GetAllInfo {}),
        (
            QueryMsg::NftInfo {
                token_id: "t".into(),
            },
            CwQuery::NftInfo {
                token_id: "t".into(),
            },
        ),
        (
            QueryMsg::AllNftInfo {
                token_id: "t".into(),
                include_expired: None,
            },
            CwQuery::AllNftInfo {
                token_id: "t".into(),
                include_expired: None,
            },
        ),
        (
            QueryMsg::Tokens {
                owner: "o".into(),
                start_after: None,
                limit: Some(2),
            },
            CwQuery::Tokens {
                owner: "o".into(),
                start_after: None,
                limit: Some(2),
            },
        ),
        (
            QueryMsg::AllTokens {
                start_after: Some("a".into()),
                limit: None,
            },
            CwQuery::AllTokens {
                start_after: Some("a".into()),
                limit: None,
            },
        ),
    ];
    for (ours, theirs) in qpairs {
        assert_eq!(
            to_json_binary(&ours).unwrap(),
            to_json_binary(&theirs).unwrap()
        );
    }
}

#[test]
fn cw721_queries_answer_with_cw721_types() {
    let mut s = Suite::new();
    let (alice, bob) = (s.alice.clone(), s.bob.clone());
    for id in ["a1", "a2", "a3"] {
        s.mint(&alice, id).unwrap();
    }
    s.mint(&bob, "b1").unwrap();
    let owner: OwnerOfResponse = q(
        &s,
        CwQuery::OwnerOf {
            token_id: "a1".into(),
            include_expired: None,
        },
    );
    assert_eq!(owner.owner, alice.to_string());
    assert!(owner.approvals.is_empty());

    let n: NumTokensResponse = q(&s, CwQuery::NumTokens {});
    assert_eq!(n.count, 4);

    #[allow(deprecated)]
    let info: CollectionInfoAndExtensionResponse<Option<Empty>> = q(&s, CwQuery::ContractInfo {});
    assert_eq!(
        (info.name.as_str(), info.symbol.as_str()),
        ("Mesi Gallery", "MESIG")
    );
    assert_eq!(info.extension, None);
    // cw721-base's default collection extension type parses it too.
    let _: CollectionInfoAndExtensionResponse<cw721::DefaultOptionalCollectionExtension> =
        q(&s, CwQuery::GetCollectionInfoAndExtension {});

    let all: AllNftInfoResponse<GalleryNftExtension> = q(
        &s,
        CwQuery::AllNftInfo {
            token_id: "a2".into(),
            include_expired: None,
        },
    );
    assert_eq!(all.access.owner, alice.to_string());
    assert_eq!(all.info.token_uri.as_deref(), Some("ipfs://a2"));
    assert_eq!(all.info.extension.creator, alice.to_string());
    assert_eq!(all.info.extension.content_hash, HASH);

    // tokens by owner and all tokens, paginated
    let t: TokensResponse = q(
        &s,
        CwQuery::Tokens {
            owner: alice.to_string(),
            start_after: None,
            limit: Some(2),
        },
    );
    assert_eq!(t.tokens, vec!["a1", "a2"]);
    let t: TokensResponse = q(
        &s,
        CwQuery::Tokens {
            owner: alice.to_string(),
            start_after: Some("a2".into()),
            limit: Some(2),
        },
    );
    assert_eq!(t.tokens, vec!["a3"]);
    let t: TokensResponse = q(
        &s,
        CwQuery::AllTokens {
            start_after: Some("a1".into()),
            limit: Some(10),
        },
    );
    assert_eq!(t.tokens, vec!["a2", "a3", "b1"]);
}

#[test]
fn cw721_transfer_nft_moves_token_and_owner_index() {
    let mut s = Suite::new();
    let (alice, bob) = (s.alice.clone(), s.bob.clone());
    s.mint(&alice, "a1").unwrap();
    let gallery = s.gallery.clone();
    let res = s
        .app
        .execute_contract(
            alice.clone(),
            gallery,
            &CwExec::TransferNft {
                recipient: bob.to_string(),
                token_id: "a1".into(),
            },
            &[],
        )
        .unwrap();
    assert!(
        res.has_event(&cosmwasm_std::Event::new("wasm").add_attribute("action", "transfer_nft"))
    );
    assert_eq!(s.owner_of("a1"), bob.to_string());
    let t: TokensResponse = s
        .query(&QueryMsg::Tokens {
            owner: bob.to_string(),
            start_after: None,
            limit: None,
        })
        .unwrap();
    assert_eq!(t.tokens, vec!["a1"]);
    let t: TokensResponse = s
        .query(&QueryMsg::Tokens {
            owner: alice.to_string(),
            start_after: None,
            limit: None,
        })
        .unwrap();
    assert!(t.tokens.is_empty());
}

#[test]
fn cw721_send_nft_calls_the_receive_nft_hook() {
    let mut s = Suite::new();
    let alice = s.alice.clone();
    let receiver = s.receiver();
    s.mint(&alice, "a1").unwrap();
    s.exec(
        &alice,
        &ExecuteMsg::SendNft {
            contract: receiver.to_string(),
            token_id: "a1".into(),
            msg: Binary::from(b"{\"list\":{}}"),
        },
    )
    .unwrap();
    assert_eq!(s.owner_of("a1"), receiver.to_string());
    let hook = s.last_hook(&receiver).unwrap();
    assert_eq!(hook.sender, alice.to_string());
    assert_eq!(hook.token_id, "a1");
    assert_eq!(hook.msg, Binary::from(b"{\"list\":{}}"));
}

#[test]
fn cw721_approve_lets_spender_transfer_once_and_revoke_removes() {
    let mut s = Suite::new();
    let (alice, bob, carol) = (s.alice.clone(), s.bob.clone(), s.carol.clone());
    s.mint(&alice, "a1").unwrap();
    s.mint(&alice, "a2").unwrap();
    let approve = |id: &str| ExecuteMsg::Approve {
        spender: bob.to_string(),
        token_id: id.into(),
        expires: None,
    };
    s.exec(&alice, &approve("a1")).unwrap();
    s.exec(&alice, &approve("a2")).unwrap();
    let a: ApprovalResponse = s
        .query(&QueryMsg::Approval {
            token_id: "a1".into(),
            spender: bob.to_string(),
            include_expired: None,
        })
        .unwrap();
    assert_eq!(a.approval.spender, bob);
    let a: ApprovalsResponse = s
        .query(&QueryMsg::Approvals {
            token_id: "a1".into(),
            include_expired: None,
        })
        .unwrap();
    assert_eq!(a.approvals.len(), 1);

    // the spender moves a1 to carol; approvals are cleared on transfer
    s.transfer(&bob, &carol, "a1").unwrap();
    assert_eq!(s.owner_of("a1"), carol.to_string());
    let a: ApprovalsResponse = s
        .query(&QueryMsg::Approvals {
            token_id: "a1".into(),
            include_expired: None,
        })
        .unwrap();
    assert!(a.approvals.is_empty());

    // revoke a2: bob can no longer move it
    s.exec(
        &alice,
        &ExecuteMsg::Revoke {
            spender: bob.to_string(),
            token_id: "a2".into(),
        },
    )
    .unwrap();
    assert_eq!(
        err(s.transfer(&bob, &carol, "a2")),
        ContractError::Unauthorized {}
    );
    assert!(s
        .query::<ApprovalResponse>(&QueryMsg::Approval {
            token_id: "a2".into(),
            spender: bob.to_string(),
            include_expired: None,
        })
        .is_err());
}

#[test]
fn cw721_operators_approve_all_and_revoke_all() {
    let mut s = Suite::new();
    let (alice, bob, carol) = (s.alice.clone(), s.bob.clone(), s.carol.clone());
    s.mint(&alice, "a1").unwrap();
    s.mint(&alice, "a2").unwrap();
    s.exec(
        &alice,
        &ExecuteMsg::ApproveAll {
            operator: bob.to_string(),
            expires: None,
        },
    )
    .unwrap();
    s.exec(
        &alice,
        &ExecuteMsg::ApproveAll {
            operator: carol.to_string(),
            expires: None,
        },
    )
    .unwrap();
    let op: OperatorResponse = s
        .query(&QueryMsg::Operator {
            owner: alice.to_string(),
            operator: bob.to_string(),
            include_expired: None,
        })
        .unwrap();
    assert_eq!(op.approval.spender, bob);
    let ops: OperatorsResponse = s
        .query(&QueryMsg::AllOperators {
            owner: alice.to_string(),
            include_expired: None,
            start_after: None,
            limit: Some(1),
        })
        .unwrap();
    assert_eq!(ops.operators.len(), 1);
    let ops2: OperatorsResponse = s
        .query(&QueryMsg::AllOperators {
            owner: alice.to_string(),
            include_expired: None,
            start_after: Some(ops.operators[0].spender.to_string()),
            limit: Some(10),
        })
        .unwrap();
    assert_eq!(ops2.operators.len(), 1);
    assert_ne!(ops.operators[0].spender, ops2.operators[0].spender);

    // the operator approves a third party and moves a token
    s.exec(
        &bob,
        &ExecuteMsg::Approve {
            spender: carol.to_string(),
            token_id: "a2".into(),
            expires: None,
        },
    )
    .unwrap();
    s.transfer(&bob, &bob, "a1").unwrap();
    assert_eq!(s.owner_of("a1"), bob.to_string());

    s.exec(
        &alice,
        &ExecuteMsg::RevokeAll {
            operator: bob.to_string(),
        },
    )
    .unwrap();
    s.exec(
        &alice,
        &ExecuteMsg::RevokeAll {
            operator: carol.to_string(),
        },
    )
    .unwrap();
    let ops: OperatorsResponse = s
        .query(&QueryMsg::AllOperators {
            owner: alice.to_string(),
            include_expired: Some(true),
            start_after: None,
            limit: None,
        })
        .unwrap();
    assert!(ops.operators.is_empty());
    // carol still holds her per-token approval on a2, bob no longer can move a2
    assert_eq!(
        err(s.transfer(&bob, &bob, "a2")),
        ContractError::Unauthorized {}
    );
    s.transfer(&carol, &carol, "a2").unwrap();
}

/// Issue 12 §8: a cw721 0.22 client's collection queries (`minter`, `get_minter_ownership`,
/// `get_collection_info_and_extension`, `get_all_info`) are answered, byte for byte, in the JSON of cw721
/// 0.22's own response types for an open-minting collection.
#[test]
fn cw721_0_22_collection_queries_answer_in_cw721_json() {
    let mut s = Suite::new();
    let alice = s.alice.clone();
    s.mint(&alice, "a1").unwrap();
    s.mint(&alice, "a2").unwrap();

    #[allow(deprecated)]
    let minter = raw(&s, &CwQuery::Minter {});
    assert_eq!(minter, r#"{"minter":null}"#);
    assert_eq!(
        minter,
        to_json_string(&MinterResponse { minter: None }).unwrap()
    );

    let ownership = raw(&s, &CwQuery::GetMinterOwnership {});
    assert_eq!(
        ownership,
        to_json_string(&cw_ownable::Ownership::<cosmwasm_std::Addr> {
            owner: None,
            pending_owner: None,
            pending_expiry: None
        })
        .unwrap()
    );
    assert_eq!(
        ownership,
        r#"{"owner":null,"pending_owner":null,"pending_expiry":null}"#
    );

    let c: CollectionInfoAndExtensionResponse<cw721::DefaultOptionalCollectionExtension> =
        q(&s, CwQuery::GetCollectionInfoAndExtension {});
    assert_eq!(
        raw(&s, &CwQuery::GetCollectionInfoAndExtension {}),
        to_json_string(&CollectionInfoAndExtensionResponse::<
            cw721::DefaultOptionalCollectionExtension,
        > {
            name: "Mesi Gallery".into(),
            symbol: "MESIG".into(),
            extension: None,
            updated_at: c.updated_at,
        })
        .unwrap()
    );

    let wasm_info = s.app.wrap().query_wasm_contract_info(&s.gallery).unwrap();
    let expected = AllInfoResponse {
        contract_info: wasm_info,
        collection_info: cw721::state::CollectionInfo {
            name: "Mesi Gallery".into(),
            symbol: "MESIG".into(),
            updated_at: c.updated_at,
        },
        collection_extension: vec![],
        num_tokens: 2,
    };
    assert_eq!(
        raw(&s, &CwQuery::GetAllInfo {}),
        to_json_string(&expected).unwrap()
    );
    let all: AllInfoResponse = q(&s, CwQuery::GetAllInfo {});
    assert_eq!(all, expected);
}

/// The raw JSON answer of a query, as the contract wrote it.
fn raw(s: &Suite, m: &CwQuery) -> String {
    let req: QueryRequest<Empty> = QueryRequest::Wasm(WasmQuery::Smart {
        contract_addr: s.gallery.to_string(),
        msg: to_json_binary(m).unwrap(),
    });
    let bin = s
        .app
        .wrap()
        .raw_query(&to_json_vec(&req).unwrap())
        .unwrap()
        .unwrap();
    String::from_utf8(bin.to_vec()).unwrap()
}

fn q<T: serde::de::DeserializeOwned>(s: &Suite, m: CwQuery) -> T {
    s.app.wrap().query_wasm_smart(&s.gallery, &m).unwrap()
}
