//! Issue 12 §2 by kind: an expired cw721 grant (per-token approval or operator) never counts toward a new
//! one, a revoke removes it, and no query shows it as live.

use cosmwasm_std::Addr;
use cw_utils::Expiration;
use mesi_types::gallery::{
    AllNftInfoResponse, ApprovalResponse, ApprovalsResponse, ExecuteMsg, GalleryNftExtension,
    OperatorResponse, OperatorsResponse, OwnerOfResponse, QueryMsg, MAX_APPROVALS,
};

use super::suite::{err, Suite};
use crate::error::ContractError;

fn approve(s: &mut Suite, owner: &Addr, spender: &Addr, id: &str, expires: Option<Expiration>) {
    s.exec(
        owner,
        &ExecuteMsg::Approve {
            spender: spender.to_string(),
            token_id: id.into(),
            expires,
        },
    )
    .unwrap();
}

fn approve_all(s: &mut Suite, owner: &Addr, operator: &Addr, expires: Option<Expiration>) {
    s.exec(
        owner,
        &ExecuteMsg::ApproveAll {
            operator: operator.to_string(),
            expires,
        },
    )
    .unwrap();
}

fn approvals(s: &Suite, id: &str, include_expired: bool) -> Vec<mesi_types::gallery::Approval> {
    s.query::<ApprovalsResponse>(&QueryMsg::Approvals {
        token_id: id.into(),
        include_expired: Some(include_expired),
    })
    .unwrap()
    .approvals
}

fn operators(s: &Suite, owner: &Addr, include_expired: bool) -> Vec<mesi_types::gallery::Approval> {
    s.query::<OperatorsResponse>(&QueryMsg::AllOperators {
        owner: owner.to_string(),
        include_expired: Some(include_expired),
        start_after: None,
        limit: None,
    })
    .unwrap()
    .operators
}

#[test]
fn an_expired_approval_never_counts_toward_a_new_one() {
    let mut s = Suite::new();
    let (alice, bob) = (s.alice.clone(), s.bob.clone());
    s.mint(&alice, "a1").unwrap();
    let h = s.app.block_info().height;
    approve(
        &mut s,
        &alice,
        &bob,
        "a1",
        Some(Expiration::AtHeight(h + 2)),
    );
    s.app.update_block(|b| b.height += 5);
    // a new approval with its own expiry replaces the dead one: exactly one entry, the new expiry
    approve(
        &mut s,
        &alice,
        &bob,
        "a1",
        Some(Expiration::AtHeight(h + 10)),
    );
    let all = approvals(&s, "a1", true);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].spender, bob);
    assert_eq!(all[0].expires, Expiration::AtHeight(h + 10));
    // it lives until its own expiry and no longer
    s.app.update_block(|b| b.height = h + 10);
    assert_eq!(
        err(s.transfer(&bob, &bob, "a1")),
        ContractError::Unauthorized {}
    );
    // a new approval without expiry never expires
    approve(&mut s, &alice, &bob, "a1", None);
    assert_eq!(approvals(&s, "a1", true)[0].expires, Expiration::Never {});
    s.app.update_block(|b| b.height += 1_000_000);
    s.transfer(&bob, &bob, "a1").unwrap();
    assert_eq!(s.owner_of("a1"), bob.to_string());
}

#[test]
fn expired_approvals_never_count_toward_the_approval_limit() {
    let mut s = Suite::new();
    let alice = s.alice.clone();
    s.mint(&alice, "a1").unwrap();
    let h = s.app.block_info().height;
    for i in 0..MAX_APPROVALS {
        let sp = s.addr(&format!("old{i}"));
        approve(&mut s, &alice, &sp, "a1", Some(Expiration::AtHeight(h + 2)));
    }
    s.app.update_block(|b| b.height += 5);
    for i in 0..MAX_APPROVALS {
        let sp = s.addr(&format!("new{i}"));
        approve(&mut s, &alice, &sp, "a1", None);
    }
    let all = approvals(&s, "a1", true);
    assert_eq!(all.len(), MAX_APPROVALS);
    assert!(all.iter().all(|a| a.expires == Expiration::Never {}));
}

#[test]
fn an_expired_operator_never_counts_toward_a_new_one() {
    let mut s = Suite::new();
    let (alice, carol) = (s.alice.clone(), s.carol.clone());
    s.mint(&alice, "a1").unwrap();
    let t = s.app.block_info().time.seconds();
    approve_all(
        &mut s,
        &alice,
        &carol,
        Some(Expiration::AtTime(cosmwasm_std::Timestamp::from_seconds(
            t + 10,
        ))),
    );
    s.app.update_block(|b| b.time = b.time.plus_seconds(20));
    let renewed = Expiration::AtTime(cosmwasm_std::Timestamp::from_seconds(t + 100));
    approve_all(&mut s, &alice, &carol, Some(renewed));
    let all = operators(&s, &alice, true);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].expires, renewed);
    // the renewed grant ends at its own expiry
    s.app
        .update_block(|b| b.time = cosmwasm_std::Timestamp::from_seconds(t + 100));
    assert_eq!(
        err(s.transfer(&carol, &carol, "a1")),
        ContractError::Unauthorized {}
    );
}

#[test]
fn revoking_an_expired_grant_removes_it() {
    let mut s = Suite::new();
    let (alice, bob, carol) = (s.alice.clone(), s.bob.clone(), s.carol.clone());
    s.mint(&alice, "a1").unwrap();
    let h = s.app.block_info().height;
    approve(
        &mut s,
        &alice,
        &bob,
        "a1",
        Some(Expiration::AtHeight(h + 2)),
    );
    approve_all(&mut s, &alice, &carol, Some(Expiration::AtHeight(h + 2)));
    s.app.update_block(|b| b.height += 5);
    s.exec(
        &alice,
        &ExecuteMsg::Revoke {
            spender: bob.to_string(),
            token_id: "a1".into(),
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
    assert!(approvals(&s, "a1", true).is_empty());
    assert!(operators(&s, &alice, true).is_empty());
    // a later grant starts from nothing
    approve(
        &mut s,
        &alice,
        &bob,
        "a1",
        Some(Expiration::AtHeight(h + 20)),
    );
    assert_eq!(approvals(&s, "a1", true).len(), 1);
}

#[test]
fn an_expired_operator_cannot_approve_or_revoke_for_the_owner() {
    let mut s = Suite::new();
    let (alice, bob, carol) = (s.alice.clone(), s.bob.clone(), s.carol.clone());
    s.mint(&alice, "a1").unwrap();
    let h = s.app.block_info().height;
    approve(&mut s, &alice, &bob, "a1", None);
    approve_all(&mut s, &alice, &carol, Some(Expiration::AtHeight(h + 2)));
    s.app.update_block(|b| b.height += 5);
    let before = s.dump();
    assert_eq!(
        err(s.exec(
            &carol,
            &ExecuteMsg::Approve {
                spender: carol.to_string(),
                token_id: "a1".into(),
                expires: None
            }
        )),
        ContractError::Unauthorized {}
    );
    assert_eq!(
        err(s.exec(
            &carol,
            &ExecuteMsg::Revoke {
                spender: bob.to_string(),
                token_id: "a1".into(),
            }
        )),
        ContractError::Unauthorized {}
    );
    assert_eq!(s.dump(), before);
}

#[test]
fn queries_never_show_an_expired_grant_as_live() {
    let mut s = Suite::new();
    let (alice, bob, carol) = (s.alice.clone(), s.bob.clone(), s.carol.clone());
    s.mint(&alice, "a1").unwrap();
    let h = s.app.block_info().height;
    approve(
        &mut s,
        &alice,
        &bob,
        "a1",
        Some(Expiration::AtHeight(h + 2)),
    );
    approve_all(&mut s, &alice, &carol, Some(Expiration::AtHeight(h + 2)));
    // live before expiry
    assert_eq!(approvals(&s, "a1", false).len(), 1);
    assert_eq!(operators(&s, &alice, false).len(), 1);
    s.app.update_block(|b| b.height += 2);
    // at the expiry height the grant is dead (cw_utils: AtHeight(h) is expired at h)
    assert!(approvals(&s, "a1", false).is_empty());
    assert!(operators(&s, &alice, false).is_empty());
    let approval_q = |s: &Suite, inc: Option<bool>| {
        s.query::<ApprovalResponse>(&QueryMsg::Approval {
            token_id: "a1".into(),
            spender: bob.to_string(),
            include_expired: inc,
        })
    };
    assert!(approval_q(&s, None).is_err());
    assert!(approval_q(&s, Some(false)).is_err());
    // cw721 lets a caller ask for expired entries explicitly; they carry their past expiry
    assert_eq!(
        approval_q(&s, Some(true)).unwrap().approval.expires,
        Expiration::AtHeight(h + 2)
    );
    assert!(s
        .query::<OperatorResponse>(&QueryMsg::Operator {
            owner: alice.to_string(),
            operator: carol.to_string(),
            include_expired: None
        })
        .is_err());
    let o: OwnerOfResponse = s
        .query(&QueryMsg::OwnerOf {
            token_id: "a1".into(),
            include_expired: None,
        })
        .unwrap();
    assert!(o.approvals.is_empty());
    let all: AllNftInfoResponse<GalleryNftExtension> = s
        .query(&QueryMsg::AllNftInfo {
            token_id: "a1".into(),
            include_expired: None,
        })
        .unwrap();
    assert!(all.access.approvals.is_empty());
}
