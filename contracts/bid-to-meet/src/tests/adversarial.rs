//! Adversarial tests: each asserts the typed error AND that nothing changed.

use cosmwasm_std::testing::{message_info, mock_dependencies, mock_env, MockApi};
use cosmwasm_std::{coins, to_json_binary, Uint128};
use cw20::Cw20ReceiveMsg;
use cw_multi_test::Executor;
use cw_utils::PaymentError;
use mesi_types::bid_to_meet::{
    BidStatus, ExecuteMsg, Format, InstantiateMsg, QueryMsg, ReceiveMsg,
};
use Format::*;

use super::suite::*;
use crate::error::ContractError;
use crate::helpers::hash_code;

const CODE: &str = "qr-secret";

fn enabled() -> Suite {
    let mut s = SuiteBuilder::new().build();
    s.enable("creator", 5 * M, &[VirtualVideo, InPerson])
        .unwrap();
    s
}

#[test]
fn unauthorised_senders_are_refused_and_nothing_changes() {
    let mut s = enabled();
    let id = s.bid("whale", "creator", VirtualVideo, 30 * M).unwrap();
    // set_kyc: only the operator (not even the owner)
    let owner = s.owner.clone();
    assert_eq!(
        err(s.set_kyc(&owner, "whale3", false)),
        ContractError::Unauthorized
    );
    let stranger = s.addr("stranger");
    assert_eq!(
        err(s.set_kyc(&stranger, "stranger", true)),
        ContractError::Unauthorized
    );
    assert!(
        s.q::<mesi_types::bid_to_meet::KycResponse>(&QueryMsg::Kyc {
            address: s.addr("whale3").to_string()
        })
        .completed
    );
    // accept: only the bid's creator
    assert_eq!(
        err(s.accept("whale", id, CODE, false)),
        ContractError::Unauthorized
    );
    assert_eq!(
        err(s.accept("stranger", id, CODE, false)),
        ContractError::Unauthorized
    );
    // withdraw: only the fan
    assert_eq!(err(s.withdraw("creator", id)), ContractError::Unauthorized);
    assert_eq!(s.get_bid(id).status, BidStatus::Open);
    s.accept("creator", id, CODE, true).unwrap();
    // consent: only the fan
    assert_eq!(err(s.consent("creator", id)), ContractError::Unauthorized);
    s.consent("whale", id).unwrap();
    // release: only the fan, even with the right code (the creator knows it)
    assert_eq!(
        err(s.release("creator", id, CODE)),
        ContractError::Unauthorized
    );
    assert_eq!(
        err(s.release("stranger", id, CODE)),
        ContractError::Unauthorized
    );
    // dispute: fan or creator only
    assert_eq!(err(s.dispute("stranger", id)), ContractError::Unauthorized);
    s.dispute("whale", id).unwrap();
    // resolve: only the arbiter
    let owner = s.owner.clone();
    let creator = s.addr("creator");
    assert_eq!(
        err(s.resolve(&owner, id, 0, 30 * M)),
        ContractError::Unauthorized
    );
    assert_eq!(
        err(s.resolve(&creator, id, 0, 30 * M)),
        ContractError::Unauthorized
    );
    assert_eq!(s.get_bid(id).status, BidStatus::Disputed);
    assert_eq!(s.held(), 30 * M);
    // slots: only their creator settles or cancels
    let slot = s
        .open_slot("creator", VirtualVideo, DAY, 10 * M, M)
        .unwrap();
    assert_eq!(
        err(s.exec_as("whale", &ExecuteMsg::CancelSlot { slot_id: slot })),
        ContractError::Unauthorized
    );
    s.slot_bid("whale2", slot, 10 * M).unwrap();
    s.advance(DAY);
    assert_eq!(
        err(s.settle("whale2", slot, CODE, false)),
        ContractError::Unauthorized
    );
    assert_eq!(
        s.get_slot(slot).status,
        mesi_types::bid_to_meet::SlotStatus::Open
    );
}

#[test]
fn a_fake_cw20_receive_hook_is_refused() {
    let mut s = enabled();
    // 1. anyone calling Receive directly, claiming to be paying for a whale
    let attacker = s.addr("attacker");
    let fake = ExecuteMsg::Receive(Cw20ReceiveMsg {
        sender: s.addr("whale").to_string(),
        amount: Uint128::new(1_000 * M),
        msg: to_json_binary(&ReceiveMsg::Bid {
            creator: s.addr("creator").to_string(),
            format: VirtualVideo,
        })
        .unwrap(),
    });
    assert_eq!(
        err(s.exec(&attacker, &fake)),
        ContractError::WrongToken {
            sender: attacker.to_string()
        }
    );

    // 2. a genuine cw20 (another mesi-token instance) doing a real Send
    let other = s.fake_token("attacker", 1_000 * M);
    let (btm, creator) = (s.btm.clone(), s.addr("creator").to_string());
    let r = s.send_cw20(
        "attacker",
        &other,
        &btm,
        100 * M,
        &ReceiveMsg::Bid {
            creator,
            format: VirtualVideo,
        },
    );
    assert_eq!(
        err(r),
        ContractError::WrongToken {
            sender: other.to_string()
        }
    );
    assert!(s.bids_by_creator("creator", None, None).is_empty());
    assert_eq!(s.held(), 0);
}

#[test]
fn native_funds_are_refused_on_every_execute_path() {
    let mut s = enabled();
    let whale = s.addr("whale");
    let btm = s.btm.clone();
    let funds = coins(100, NATIVE);
    for msg in [
        ExecuteMsg::Enable {
            min_bid: Uint128::new(M),
            formats: vec![InPerson],
        },
        ExecuteMsg::WithdrawRefunds {},
        ExecuteMsg::Withdraw { bid_id: 1 },
        ExecuteMsg::Receive(Cw20ReceiveMsg {
            sender: whale.to_string(),
            amount: Uint128::new(M),
            msg: Default::default(),
        }),
    ] {
        let r = s
            .app
            .execute_contract(whale.clone(), btm.clone(), &msg, &funds);
        assert_eq!(err(r), ContractError::Payment(PaymentError::NonPayable {}));
    }
    assert_eq!(
        s.app
            .wrap()
            .query_balance(&whale, NATIVE)
            .unwrap()
            .amount
            .u128(),
        1_000_000
    );
    // instantiate too
    let mut deps = mock_dependencies();
    let info = message_info(&deps.api.addr_make("owner"), &funds);
    let msg = instantiate_msg(&deps.api);
    assert_eq!(
        crate::contract::instantiate(deps.as_mut(), mock_env(), info, msg),
        Err(ContractError::Payment(PaymentError::NonPayable {}))
    );
}

fn instantiate_msg(api: &MockApi) -> InstantiateMsg {
    InstantiateMsg {
        owner: None,
        token: api.addr_make("token").to_string(),
        treasury: api.addr_make("treasury").to_string(),
        operator: api.addr_make("operator").to_string(),
        arbiter: api.addr_make("arbiter").to_string(),
        commission_bps: None,
        tier_limits_usd: None,
        kyf_window: None,
        meeting_window: None,
        anti_snipe_window: None,
        anti_snipe_extension: None,
        max_slot_duration: None,
        slot_settle_window: None,
    }
}

#[test]
fn upper_case_and_foreign_prefix_addresses_are_refused() {
    let mut s = enabled();
    let upper = s.addr("whale3").to_string().to_uppercase();
    let foreign = MockApi::default()
        .with_prefix("juno")
        .addr_make("whale3")
        .to_string();
    let op = s.operator.clone();
    for address in [upper.clone(), foreign.clone()] {
        let r = s.exec(
            &op,
            &ExecuteMsg::SetKyc {
                address: address.clone(),
                completed: true,
            },
        );
        assert!(matches!(err(r), ContractError::Std(_)), "{address}");
        // a bid naming the creator in a bad form
        let r = s.send(
            "whale",
            10 * M,
            &ReceiveMsg::Bid {
                creator: address,
                format: VirtualVideo,
            },
        );
        assert!(matches!(err(r), ContractError::Std(_)));
    }
    let creator_upper = s.addr("creator").to_string().to_uppercase();
    let r = s.send(
        "whale",
        10 * M,
        &ReceiveMsg::Bid {
            creator: creator_upper,
            format: VirtualVideo,
        },
    );
    assert!(matches!(err(r), ContractError::Std(_)));
    assert_eq!(s.held(), 0);
    // instantiate refuses them as well
    let api = MockApi::default();
    for bad in [api.addr_make("token").to_string().to_uppercase(), foreign] {
        let mut deps = mock_dependencies();
        let mut msg = instantiate_msg(&api);
        msg.arbiter = bad;
        let info = message_info(&api.addr_make("owner"), &[]);
        assert!(matches!(
            crate::contract::instantiate(deps.as_mut(), mock_env(), info, msg),
            Err(ContractError::Std(_))
        ));
    }
}

#[test]
fn zero_and_max_amounts_are_refused() {
    let mut s = enabled();
    // zero min bid / zero increment
    assert_eq!(
        err(s.enable("creator2", 0, &[InPerson])),
        ContractError::ZeroMinBid
    );
    // the token itself refuses a zero Send: no bid recorded
    assert!(s.bid("whale", "creator", VirtualVideo, 0).is_err());
    assert!(s.bids_by_creator("creator", None, None).is_empty());
    // a split overflowing Uint128
    let id = s.bid("whale", "creator", VirtualVideo, 10 * M).unwrap();
    s.accept("creator", id, CODE, false).unwrap();
    s.dispute("creator", id).unwrap();
    let arb = s.arbiter.clone();
    assert!(matches!(
        err(s.resolve(&arb, id, u128::MAX, 10 * M)),
        ContractError::Overflow(_)
    ));
    assert!(matches!(
        err(s.resolve(&arb, id, u128::MAX, 0)),
        ContractError::SplitMismatch { .. }
    ));
    assert_eq!(s.get_bid(id).status, BidStatus::Disputed);
    // a MAX increment: the next bid's minimum overflows
    let slot = s
        .open_slot("creator", VirtualVideo, DAY, 10 * M, u128::MAX)
        .unwrap();
    s.slot_bid("whale", slot, 10 * M).unwrap();
    assert!(matches!(
        err(s.slot_bid("whale2", slot, 20 * M)),
        ContractError::Overflow(_)
    ));
    // a MAX min bid: nobody can reach it
    s.enable("creator", u128::MAX, &[InPerson]).unwrap();
    assert!(matches!(
        err(s.bid("whale", "creator", InPerson, 100 * M)),
        ContractError::BidTooLow { .. }
    ));
    // unit level: a zero-amount hook from the real token address
    let mut deps = mock_dependencies();
    let api = deps.api;
    crate::contract::instantiate(
        deps.as_mut(),
        mock_env(),
        message_info(&api.addr_make("owner"), &[]),
        instantiate_msg(&api),
    )
    .unwrap();
    let r = crate::contract::execute(
        deps.as_mut(),
        mock_env(),
        message_info(&api.addr_make("token"), &[]),
        ExecuteMsg::Receive(Cw20ReceiveMsg {
            sender: api.addr_make("fan").to_string(),
            amount: Uint128::zero(),
            msg: to_json_binary(&ReceiveMsg::Raise { bid_id: 1 }).unwrap(),
        }),
    );
    assert_eq!(r, Err(ContractError::ZeroAmount));
}

#[test]
fn expired_windows_are_enforced() {
    let mut s = enabled();
    // KYF: consent after the window, cancel before it
    let kyf = s.bid("whale", "creator", InPerson, 10 * M).unwrap();
    s.accept("creator", kyf, CODE, true).unwrap();
    // no dispute while KYF is pending
    assert!(matches!(
        err(s.dispute("whale", kyf)),
        ContractError::WrongBidStatus { .. }
    ));
    // meeting deadline: dispute after it
    let late = s.bid("whale", "creator", InPerson, 10 * M).unwrap();
    s.accept("creator", late, CODE, false).unwrap();
    s.advance(30 * DAY);
    assert_eq!(err(s.consent("whale", kyf)), ContractError::KyfWindowClosed);
    assert_eq!(
        err(s.dispute("creator", late)),
        ContractError::DeadlinePassed
    );
    assert_eq!(
        err(s.release("whale", late, CODE)),
        ContractError::DeadlinePassed
    );
    assert_eq!(s.get_bid(late).status, BidStatus::Accepted);
    // an AwaitingKyf meeting past its deadline can also be reclaimed by the fan
    s.reclaim("whale", kyf).unwrap();
    s.reclaim("whale", late).unwrap();
    assert_eq!(s.held(), 0);
    // slot end: no bids after it
    let slot = s
        .open_slot("creator", VirtualVideo, HOUR, 10 * M, M)
        .unwrap();
    s.advance(HOUR);
    assert_eq!(
        err(s.slot_bid("whale", slot, 10 * M)),
        ContractError::SlotEnded
    );
    assert_eq!(s.get_slot(slot).highest_bid_id, None);
}

#[test]
fn a_creator_cannot_bid_on_itself() {
    let mut s = enabled();
    let op = s.operator.clone();
    s.set_kyc(&op, "creator", true).unwrap();
    assert_eq!(
        err(s.bid("creator", "creator", VirtualVideo, 10 * M)),
        ContractError::SelfBid
    );
    let slot = s
        .open_slot("creator", VirtualVideo, DAY, 10 * M, M)
        .unwrap();
    assert_eq!(
        err(s.slot_bid("creator", slot, 10 * M)),
        ContractError::SelfBid
    );
    assert_eq!(s.held(), 0);
}

#[test]
fn a_malformed_code_hash_is_refused() {
    let mut s = enabled();
    let id = s.bid("whale", "creator", VirtualVideo, 10 * M).unwrap();
    for hash in [
        "abc".to_string(),
        "z".repeat(64),
        format!("{}00", hash_code(CODE)),
        String::new(),
    ] {
        let r = s.exec_as(
            "creator",
            &ExecuteMsg::Accept {
                bid_id: id,
                code_hash: hash,
                request_kyf: false,
            },
        );
        assert_eq!(err(r), ContractError::InvalidCodeHash);
    }
    assert_eq!(s.get_bid(id).status, BidStatus::Open);
}

#[test]
fn unknown_ids_and_closed_bids_are_refused() {
    let mut s = enabled();
    assert_eq!(
        err(s.withdraw("whale", 99)),
        ContractError::BidNotFound { id: 99 }
    );
    assert_eq!(
        err(s.raise("whale", 99, M)),
        ContractError::BidNotFound { id: 99 }
    );
    assert_eq!(
        err(s.slot_bid("whale", 7, 10 * M)),
        ContractError::SlotNotFound { id: 7 }
    );
    assert_eq!(
        err(s.settle("creator", 7, CODE, false)),
        ContractError::SlotNotFound { id: 7 }
    );
    // a withdrawn bid cannot be accepted
    let id = s.bid("whale", "creator", VirtualVideo, 10 * M).unwrap();
    s.withdraw("whale", id).unwrap();
    assert!(matches!(
        err(s.accept("creator", id, CODE, false)),
        ContractError::WrongBidStatus { .. }
    ));
    // an outbid slot bid cannot be withdrawn (its amount is a refund credit already)
    let slot = s
        .open_slot("creator", VirtualVideo, DAY, 10 * M, M)
        .unwrap();
    let first = s.slot_bid("whale", slot, 10 * M).unwrap();
    s.slot_bid("whale2", slot, 11 * M).unwrap();
    assert!(matches!(
        err(s.withdraw("whale", first)),
        ContractError::WrongBidStatus { .. }
    ));
    assert_eq!(s.refund("whale"), 10 * M);
    // cancelling KYF of a bid that never asked for it
    let plain = s.bid("whale3", "creator", VirtualVideo, 10 * M).unwrap();
    s.accept("creator", plain, CODE, false).unwrap();
    assert!(matches!(
        err(s.cancel_kyf("stranger", plain)),
        ContractError::WrongBidStatus { .. }
    ));
}
