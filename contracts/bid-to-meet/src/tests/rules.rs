//! SPEC §4 rules, one test per rule (with the real token and treasury).

use std::str::FromStr;

use cosmwasm_std::{Decimal, Uint128};
use mesi_types::bid_to_meet::{
    BidLimitResponse, BidStatus, ConfigUpdate, CreatorResponse, ExecuteMsg, Format, KycResponse,
    MigrateMsg, QueryMsg, SlotStatus,
};
use Format::*;

use super::suite::*;
use crate::error::ContractError;
use crate::helpers::hash_code;

const CODE: &str = "qr-7f3a-one-time";

/// A suite with `creator` enabled (min bid 5 MESI, video + in person).
fn enabled() -> Suite {
    let mut s = SuiteBuilder::new().build();
    s.enable("creator", 5 * M, &[VirtualVideo, InPerson])
        .unwrap();
    s
}

#[test]
fn creator_enables_btm_with_min_bid_and_formats_updates_and_disables() {
    let mut s = SuiteBuilder::new().build();
    let res = s
        .enable("creator", 5 * M, &[VirtualVideo, InPerson])
        .unwrap();
    assert_eq!(s.attr(&res, "action").as_deref(), Some("enable"));
    let c: CreatorResponse = s.q(&QueryMsg::Creator {
        address: s.addr("creator").to_string(),
    });
    assert!(c.enabled);
    assert_eq!(c.min_bid.u128(), 5 * M);
    assert_eq!(c.formats, vec![InPerson, VirtualVideo]);
    // update: Enable again replaces the offer
    s.enable("creator", 8 * M, &[VirtualText]).unwrap();
    let c: CreatorResponse = s.q(&QueryMsg::Creator {
        address: s.addr("creator").to_string(),
    });
    assert_eq!((c.min_bid.u128(), c.formats), (8 * M, vec![VirtualText]));
    assert_eq!(
        err(s.bid("whale", "creator", VirtualVideo, 10 * M)),
        ContractError::FormatNotOffered {
            format: VirtualVideo
        }
    );
    // disable: no new bids; existing bids stay acceptable
    let id = s.bid("whale", "creator", VirtualText, 10 * M).unwrap();
    s.exec_as("creator", &ExecuteMsg::Disable {}).unwrap();
    assert_eq!(
        err(s.bid("whale", "creator", VirtualText, 10 * M)),
        ContractError::CreatorNotEnabled {
            creator: s.addr("creator").to_string()
        }
    );
    s.accept("creator", id, CODE, false).unwrap();
    // never enabled
    assert_eq!(
        err(s.bid("whale", "nobody", VirtualText, 10 * M)),
        ContractError::CreatorNotEnabled {
            creator: s.addr("nobody").to_string()
        }
    );
}

#[test]
fn enable_requires_formats_and_a_positive_min_bid() {
    let mut s = SuiteBuilder::new().build();
    assert_eq!(
        err(s.enable("creator", 5 * M, &[])),
        ContractError::NoFormats
    );
    assert_eq!(
        err(s.enable("creator", 0, &[InPerson])),
        ContractError::ZeroMinBid
    );
    assert_eq!(
        err(s.enable("creator", 5 * M, &[InPerson, VirtualVoice, InPerson])),
        ContractError::DuplicateFormat { format: InPerson }
    );
    let c: CreatorResponse = s.q(&QueryMsg::Creator {
        address: s.addr("creator").to_string(),
    });
    assert!(!c.enabled && c.formats.is_empty());
}

#[test]
fn bidders_need_a_completed_kyc_flag_set_by_the_operator() {
    let mut s = SuiteBuilder::new().with_kyc(vec![]).build();
    s.enable("creator", 5 * M, &[VirtualVideo]).unwrap();
    assert_eq!(
        err(s.bid("whale", "creator", VirtualVideo, 10 * M)),
        ContractError::KycRequired {
            address: s.addr("whale").to_string()
        }
    );
    let op = s.operator.clone();
    let res = s.set_kyc(&op, "whale", true).unwrap();
    assert_eq!(s.attr(&res, "action").as_deref(), Some("set_kyc"));
    let k: KycResponse = s.q(&QueryMsg::Kyc {
        address: s.addr("whale").to_string(),
    });
    assert!(k.completed);
    s.bid("whale", "creator", VirtualVideo, 10 * M).unwrap();
    // the operator can clear it again
    s.set_kyc(&op, "whale", false).unwrap();
    assert!(matches!(
        err(s.bid("whale", "creator", VirtualVideo, 10 * M)),
        ContractError::KycRequired { .. }
    ));
}

#[test]
fn a_bid_goes_into_escrow_at_once() {
    let mut s = enabled();
    let before = s.bal("whale");
    let id = s.bid("whale", "creator", VirtualVideo, 12 * M).unwrap();
    assert_eq!(s.bal("whale"), before - 12 * M);
    assert_eq!(s.held(), 12 * M);
    let b = s.get_bid(id);
    assert_eq!(b.status, BidStatus::Open);
    assert_eq!(b.amount.u128(), 12 * M);
    assert_eq!((b.fan, b.creator), (s.addr("whale"), s.addr("creator")));
    assert_eq!(b.format, VirtualVideo);
}

#[test]
fn a_bid_below_the_creator_min_bid_is_refused() {
    let mut s = enabled();
    assert_eq!(
        err(s.bid("whale", "creator", VirtualVideo, 5 * M - 1)),
        ContractError::BidTooLow {
            amount: Uint128::new(5 * M - 1),
            minimum: Uint128::new(5 * M)
        }
    );
    s.bid("whale", "creator", VirtualVideo, 5 * M).unwrap();
}

#[test]
fn a_bid_is_capped_by_the_fan_tier_limit_in_usd_at_the_treasury_price() {
    let mut s = enabled();
    assert_eq!(s.tier("small"), 1);
    assert_eq!(s.tier("mid"), 2);
    // 10 USD per MESI: tier 1 = 200 USD = 20 MESI; tier 2 = 400 USD = 40 MESI
    let l: BidLimitResponse = s.q(&QueryMsg::BidLimit {
        address: s.addr("small").to_string(),
    });
    assert_eq!(l.tier, 1);
    assert_eq!(l.limit_usd, Some(Uint128::new(200 * USD)));
    assert_eq!(l.limit_mesi, Some(Uint128::new(20 * M)));
    assert_eq!(
        err(s.bid("small", "creator", VirtualVideo, 20 * M + 1)),
        ContractError::OverTierLimit {
            amount: Uint128::new(20 * M + 1),
            limit: Uint128::new(20 * M)
        }
    );
    s.bid("small", "creator", VirtualVideo, 20 * M).unwrap();
    s.bid("mid", "creator", VirtualVideo, 40 * M).unwrap();
    assert!(matches!(
        err(s.bid("mid", "creator", VirtualVideo, 40 * M + 1)),
        ContractError::OverTierLimit { .. }
    ));
    // the price halves: the same USD limit buys twice the MESI
    s.post_price(Decimal::from_str("5").unwrap());
    s.bid("small", "creator", VirtualVideo, 40 * M).unwrap();
}

#[test]
fn tier_five_has_no_btm_limit() {
    let mut s = enabled();
    assert_eq!(s.tier("whale"), 5);
    let l: BidLimitResponse = s.q(&QueryMsg::BidLimit {
        address: s.addr("whale").to_string(),
    });
    assert_eq!(
        (l.tier, l.has_access, l.limit_usd, l.limit_mesi),
        (5, true, None, None)
    );
    s.bid("whale", "creator", VirtualVideo, 900_000 * M)
        .unwrap();
}

#[test]
fn tier_zero_has_no_btm_access() {
    let mut s = enabled();
    assert_eq!(s.tier("poor"), 0);
    assert_eq!(
        err(s.bid("poor", "creator", VirtualVideo, 5 * M)),
        ContractError::NoBtmAccess
    );
    let l: BidLimitResponse = s.q(&QueryMsg::BidLimit {
        address: s.addr("poor").to_string(),
    });
    assert!(!l.has_access);
    assert_eq!(s.bal("poor"), 50 * M);
}

#[test]
fn a_stale_price_refuses_capped_bids() {
    let mut s = enabled();
    s.advance_stale(HOUR + 1);
    let before = s.bal("small");
    assert!(matches!(
        err(s.bid("small", "creator", VirtualVideo, 10 * M)),
        ContractError::PriceUnavailable { .. }
    ));
    assert_eq!(s.bal("small"), before);
    assert_eq!(s.held(), 0);
    // a fresh price makes it work again
    let p = s.price;
    s.post_price(p);
    s.bid("small", "creator", VirtualVideo, 10 * M).unwrap();
}

#[test]
fn a_fan_raises_an_unaccepted_bid_and_the_cap_is_rechecked_on_the_total() {
    let mut s = enabled();
    let id = s.bid("small", "creator", VirtualVideo, 15 * M).unwrap();
    let res = s.raise("small", id, 5 * M).unwrap();
    assert_eq!(s.attr(&res, "action").as_deref(), Some("raise"));
    assert_eq!(s.get_bid(id).amount.u128(), 20 * M);
    assert_eq!(s.held(), 20 * M);
    // 20 + 1 > 20 MESI limit of tier 1
    assert_eq!(
        err(s.raise("small", id, 1)),
        ContractError::OverTierLimit {
            amount: Uint128::new(20 * M + 1),
            limit: Uint128::new(20 * M)
        }
    );
    assert_eq!(s.get_bid(id).amount.u128(), 20 * M);
    // someone else cannot raise it
    assert_eq!(err(s.raise("whale", id, M)), ContractError::Unauthorized);
}

#[test]
fn a_fan_withdraws_an_unaccepted_bid() {
    let mut s = enabled();
    let before = s.bal("whale");
    let id = s.bid("whale", "creator", VirtualVideo, 30 * M).unwrap();
    let res = s.withdraw("whale", id).unwrap();
    assert_eq!(s.attr(&res, "action").as_deref(), Some("withdraw"));
    assert_eq!(s.bal("whale"), before);
    assert_eq!(s.held(), 0);
    assert_eq!(s.get_bid(id).status, BidStatus::Withdrawn);
    assert!(matches!(
        err(s.withdraw("whale", id)),
        ContractError::WrongBidStatus { .. }
    ));
}

#[test]
fn raise_and_withdraw_are_refused_once_accepted() {
    let mut s = enabled();
    let id = s.bid("whale", "creator", VirtualVideo, 30 * M).unwrap();
    s.accept("creator", id, CODE, false).unwrap();
    assert!(matches!(
        err(s.raise("whale", id, M)),
        ContractError::WrongBidStatus { .. }
    ));
    assert!(matches!(
        err(s.withdraw("whale", id)),
        ContractError::WrongBidStatus { .. }
    ));
    assert_eq!(s.held(), 30 * M);
}

#[test]
fn the_creator_accepts_committing_the_hash_of_a_one_time_code() {
    let mut s = enabled();
    let id = s.bid("whale", "creator", VirtualVideo, 30 * M).unwrap();
    let now = s.now();
    // upper-case hex is accepted and stored lower-case
    let res = s
        .exec_as(
            "creator",
            &ExecuteMsg::Accept {
                bid_id: id,
                code_hash: hash_code(CODE).to_uppercase(),
                request_kyf: false,
            },
        )
        .unwrap();
    assert_eq!(s.attr(&res, "action").as_deref(), Some("accept"));
    let b = s.get_bid(id);
    assert_eq!(b.status, BidStatus::Accepted);
    assert_eq!(b.code_hash, Some(hash_code(CODE)));
    assert_eq!(b.accepted_at, Some(now));
    assert_eq!(b.meeting_deadline, Some(now + 30 * DAY));
    assert_eq!(b.kyf_deadline, None);
    assert!(matches!(
        err(s.accept("creator", id, CODE, false)),
        ContractError::WrongBidStatus { .. }
    ));
}

#[test]
fn the_matching_code_releases_escrow_to_the_creator_less_10_percent_to_the_treasury() {
    let mut s = enabled();
    let creator_before = s.bal("creator");
    let id = s.bid("whale", "creator", VirtualVideo, 30 * M + 7).unwrap();
    s.accept("creator", id, CODE, false).unwrap();
    s.advance(3 * DAY);
    let res = s.release("whale", id, CODE).unwrap();
    assert_eq!(s.attr(&res, "action").as_deref(), Some("release"));
    // commission rounded up: 10% of 30_000_007 = 3_000_000.7 -> 3_000_001
    assert_eq!(s.bal("creator"), creator_before + 27 * M + 6);
    assert_eq!(s.balance(&s.treasury.clone()), 3 * M + 1);
    assert_eq!(s.held(), 0);
    assert_eq!(s.get_bid(id).status, BidStatus::Released);
    // one-time: a second release fails
    assert!(matches!(
        err(s.release("whale", id, CODE)),
        ContractError::WrongBidStatus { .. }
    ));
}

#[test]
fn a_wrong_code_does_not_release() {
    let mut s = enabled();
    let id = s.bid("whale", "creator", VirtualVideo, 30 * M).unwrap();
    s.accept("creator", id, CODE, false).unwrap();
    assert_eq!(
        err(s.release("whale", id, "qr-guess")),
        ContractError::WrongCode
    );
    assert_eq!(err(s.release("whale", id, "")), ContractError::WrongCode);
    // the hash itself is not the code
    assert_eq!(
        err(s.release("whale", id, &hash_code(CODE))),
        ContractError::WrongCode
    );
    assert_eq!(s.get_bid(id).status, BidStatus::Accepted);
    assert_eq!(s.held(), 30 * M);
}

#[test]
fn kyf_consent_within_48_hours_then_the_meeting_proceeds() {
    let mut s = enabled();
    let id = s.bid("whale", "creator", InPerson, 30 * M).unwrap();
    s.accept("creator", id, CODE, true).unwrap();
    let b = s.get_bid(id);
    assert_eq!(b.status, BidStatus::AwaitingKyf);
    assert_eq!(b.kyf_deadline, Some(s.now() + 48 * HOUR));
    // release waits for the consent
    assert!(matches!(
        err(s.release("whale", id, CODE)),
        ContractError::WrongBidStatus { .. }
    ));
    s.advance(48 * HOUR - 1);
    assert!(matches!(
        err(s.cancel_kyf("anyone", id)),
        ContractError::KyfWindowOpen { .. }
    ));
    s.consent("whale", id).unwrap();
    let b = s.get_bid(id);
    assert_eq!((b.status, b.kyf_consented), (BidStatus::Accepted, true));
    s.release("whale", id, CODE).unwrap();
    assert_eq!(s.held(), 0);
}

#[test]
fn kyf_not_given_within_48_hours_anyone_cancels_and_the_fan_is_refunded() {
    let mut s = enabled();
    let before = s.bal("whale");
    let id = s.bid("whale", "creator", InPerson, 30 * M).unwrap();
    s.accept("creator", id, CODE, true).unwrap();
    s.advance(48 * HOUR);
    assert_eq!(err(s.consent("whale", id)), ContractError::KyfWindowClosed);
    let res = s.cancel_kyf("stranger", id).unwrap();
    assert_eq!(s.attr(&res, "action").as_deref(), Some("cancel_kyf"));
    assert_eq!(s.get_bid(id).status, BidStatus::KyfCancelled);
    // pull refund
    assert_eq!(s.refund("whale"), 30 * M);
    assert_eq!(s.held(), 30 * M);
    s.withdraw_refunds("whale").unwrap();
    assert_eq!(s.bal("whale"), before);
    assert_eq!((s.held(), s.refund("whale")), (0, 0));
    assert_eq!(
        err(s.withdraw_refunds("whale")),
        ContractError::NothingToWithdraw
    );
}

#[test]
fn the_meeting_deadline_passed_without_release_the_fan_reclaims() {
    let mut s = enabled();
    let before = s.bal("whale");
    let id = s.bid("whale", "creator", VirtualVideo, 30 * M).unwrap();
    s.accept("creator", id, CODE, false).unwrap();
    s.advance(30 * DAY - 1);
    assert_eq!(
        err(s.reclaim("whale", id)),
        ContractError::DeadlineNotReached {
            deadline: s.get_bid(id).meeting_deadline.unwrap()
        }
    );
    s.advance(1);
    assert_eq!(
        err(s.release("whale", id, CODE)),
        ContractError::DeadlinePassed
    );
    assert_eq!(err(s.reclaim("creator", id)), ContractError::Unauthorized);
    let res = s.reclaim("whale", id).unwrap();
    assert_eq!(s.attr(&res, "action").as_deref(), Some("reclaim"));
    assert_eq!(s.bal("whale"), before);
    assert_eq!(s.get_bid(id).status, BidStatus::Reclaimed);
    assert_eq!(s.held(), 0);
}

#[test]
fn a_dispute_goes_to_the_arbiter_who_splits_the_escrow() {
    let mut s = enabled();
    let creator_before = s.bal("creator");
    let id = s.bid("whale", "creator", InPerson, 100 * M).unwrap();
    s.accept("creator", id, CODE, false).unwrap();
    let res = s.dispute("creator", id).unwrap();
    assert_eq!(s.attr(&res, "action").as_deref(), Some("dispute"));
    assert_eq!(s.get_bid(id).status, BidStatus::Disputed);
    // a disputed escrow can neither be released nor reclaimed
    assert!(matches!(
        err(s.release("whale", id, CODE)),
        ContractError::WrongBidStatus { .. }
    ));
    s.advance(31 * DAY);
    assert!(matches!(
        err(s.reclaim("whale", id)),
        ContractError::WrongBidStatus { .. }
    ));
    // parts must sum to the escrow
    let arb = s.arbiter.clone();
    assert_eq!(
        err(s.resolve(&arb, id, 50 * M, 49 * M)),
        ContractError::SplitMismatch {
            total: Uint128::new(99 * M),
            escrow: Uint128::new(100 * M)
        }
    );
    let res = s.resolve(&arb, id, 40 * M, 60 * M).unwrap();
    assert_eq!(s.attr(&res, "action").as_deref(), Some("resolve"));
    // fan: refund credit; creator: 60 less 10% commission
    assert_eq!(s.refund("whale"), 40 * M);
    assert_eq!(s.bal("creator"), creator_before + 54 * M);
    assert_eq!(s.balance(&s.treasury.clone()), 6 * M);
    assert_eq!(s.held(), 40 * M);
    assert_eq!(s.get_bid(id).status, BidStatus::Resolved);
    s.withdraw_refunds("whale").unwrap();
    assert_eq!(s.held(), 0);
}

#[test]
fn the_fan_may_dispute_too_and_the_arbiter_may_give_all_to_one_side() {
    let mut s = enabled();
    let id = s.bid("whale", "creator", InPerson, 10 * M).unwrap();
    s.accept("creator", id, CODE, false).unwrap();
    s.dispute("whale", id).unwrap();
    let arb = s.arbiter.clone();
    s.resolve(&arb, id, 10 * M, 0).unwrap();
    assert_eq!(s.refund("whale"), 10 * M);
    assert_eq!(s.balance(&s.treasury.clone()), 0);
}

#[test]
fn a_slot_auction_highest_bid_wins_and_becomes_an_accepted_meeting() {
    let mut s = enabled();
    let slot = s
        .open_slot("creator", VirtualVideo, DAY, 10 * M, 2 * M)
        .unwrap();
    let first = s.slot_bid("whale", slot, 10 * M).unwrap();
    let second = s.slot_bid("whale2", slot, 12 * M).unwrap();
    assert_eq!(s.get_bid(first).status, BidStatus::Outbid);
    let sl = s.get_slot(slot);
    assert_eq!(sl.highest_bid_id, Some(second));
    assert_eq!(sl.highest_bidder, Some(s.addr("whale2")));
    assert_eq!(sl.highest_amount.u128(), 12 * M);
    // not before the end
    assert!(matches!(
        err(s.settle("creator", slot, CODE, false)),
        ContractError::SlotNotEnded { .. }
    ));
    // slot bids are settled, not accepted
    assert_eq!(
        err(s.accept("creator", second, CODE, false)),
        ContractError::SlotBidUseSettle
    );
    s.advance(DAY);
    assert!(s.get_slot(slot).ended);
    assert_eq!(
        err(s.slot_bid("whale3", slot, 50 * M)),
        ContractError::SlotEnded
    );
    let res = s.settle("creator", slot, CODE, false).unwrap();
    assert_eq!(s.attr(&res, "action").as_deref(), Some("settle_slot"));
    assert_eq!(s.get_slot(slot).status, SlotStatus::Settled);
    let b = s.get_bid(second);
    assert_eq!((b.status, b.slot_id), (BidStatus::Accepted, Some(slot)));
    s.release("whale2", second, CODE).unwrap();
    // held: only whale's refund credit is left
    assert_eq!(s.held(), 10 * M);
    assert_eq!(s.refund("whale"), 10 * M);
}

#[test]
fn a_slot_bid_must_beat_the_highest_by_the_minimum_increment() {
    let mut s = enabled();
    let slot = s
        .open_slot("creator", VirtualVideo, DAY, 10 * M, 2 * M)
        .unwrap();
    assert_eq!(
        err(s.slot_bid("whale", slot, 10 * M - 1)),
        ContractError::BidTooLow {
            amount: Uint128::new(10 * M - 1),
            minimum: Uint128::new(10 * M)
        }
    );
    s.slot_bid("whale", slot, 10 * M).unwrap();
    assert_eq!(
        err(s.slot_bid("whale2", slot, 12 * M - 1)),
        ContractError::BidTooLow {
            amount: Uint128::new(12 * M - 1),
            minimum: Uint128::new(12 * M)
        }
    );
    s.slot_bid("whale2", slot, 12 * M).unwrap();
    // slot bids are capped by the tier limit too (tier 1 = 20 MESI)
    assert!(matches!(
        err(s.slot_bid("small", slot, 21 * M)),
        ContractError::OverTierLimit { .. }
    ));
    s.slot_bid("small", slot, 20 * M).unwrap();
    // and cannot be raised
    let id = s.get_slot(slot).highest_bid_id.unwrap();
    assert_eq!(
        err(s.raise("small", id, M)),
        ContractError::SlotBidNotRaisable
    );
}

#[test]
fn slot_anti_sniping_a_bid_in_the_last_5_minutes_extends_the_end_by_15_minutes() {
    let mut s = enabled();
    let slot = s
        .open_slot("creator", VirtualVideo, HOUR, 10 * M, M)
        .unwrap();
    let end = s.get_slot(slot).end_time;
    // a bid before the last 5 minutes does not extend
    s.advance(HOUR - 5 * MINUTE - 1);
    s.slot_bid("whale", slot, 10 * M).unwrap();
    assert_eq!(s.get_slot(slot).end_time, end);
    // in the last 5 minutes: +15 minutes
    s.advance(1);
    let res = s
        .send(
            "whale2",
            11 * M,
            &mesi_types::bid_to_meet::ReceiveMsg::SlotBid { slot_id: slot },
        )
        .unwrap();
    assert_eq!(
        s.attr(&res, "extended_to"),
        Some((end + 15 * MINUTE).to_string())
    );
    assert_eq!(s.get_slot(slot).end_time, end + 15 * MINUTE);
    // the original end has passed, the auction goes on
    s.advance(5 * MINUTE + 10);
    assert!(s.now() > end);
    s.slot_bid("whale", slot, 12 * M).unwrap();
    assert_eq!(s.get_slot(slot).end_time, end + 15 * MINUTE);
    // sniping the new end extends it again
    s.advance(15 * MINUTE - 10 - 60);
    s.slot_bid("whale2", slot, 13 * M).unwrap();
    assert_eq!(s.get_slot(slot).end_time, end + 30 * MINUTE);
}

#[test]
fn outbid_fans_withdraw_their_refund_credit_by_pull() {
    let mut s = enabled();
    let slot = s
        .open_slot("creator", VirtualVideo, DAY, 10 * M, M)
        .unwrap();
    let before = s.bal("whale");
    s.slot_bid("whale", slot, 10 * M).unwrap();
    s.slot_bid("whale2", slot, 11 * M).unwrap();
    // outbid twice: credits add up
    s.slot_bid("whale", slot, 12 * M).unwrap();
    s.slot_bid("whale2", slot, 13 * M).unwrap();
    assert_eq!(s.refund("whale"), 22 * M);
    assert_eq!(s.refund("whale2"), 11 * M);
    assert_eq!(s.held(), 22 * M + 11 * M + 13 * M);
    let res = s.withdraw_refunds("whale").unwrap();
    assert_eq!(s.attr(&res, "action").as_deref(), Some("withdraw_refunds"));
    assert_eq!(s.bal("whale"), before);
    assert_eq!(s.refund("whale"), 0);
}

#[test]
fn an_unsettled_slot_winner_withdraws_after_the_settle_window() {
    let mut s = enabled();
    let slot = s
        .open_slot("creator", VirtualVideo, DAY, 10 * M, M)
        .unwrap();
    let before = s.bal("whale");
    let id = s.slot_bid("whale", slot, 10 * M).unwrap();
    // the highest bid is locked while the auction runs and during the settle window
    let end = s.get_slot(slot).end_time;
    assert_eq!(
        err(s.withdraw("whale", id)),
        ContractError::SettleWindowOpen {
            until: end + 48 * HOUR
        }
    );
    s.advance(DAY + 48 * HOUR - 1);
    assert!(matches!(
        err(s.withdraw("whale", id)),
        ContractError::SettleWindowOpen { .. }
    ));
    s.advance(1);
    s.withdraw("whale", id).unwrap();
    assert_eq!(s.bal("whale"), before);
    assert_eq!(s.get_slot(slot).status, SlotStatus::Lapsed);
    assert!(matches!(
        err(s.settle("creator", slot, CODE, false)),
        ContractError::SlotClosed { .. }
    ));
}

#[test]
fn a_creator_cancels_a_slot_only_without_bids() {
    let mut s = enabled();
    let slot = s
        .open_slot("creator", VirtualVideo, DAY, 10 * M, M)
        .unwrap();
    assert_eq!(
        err(s.settle("creator", slot, CODE, false)),
        ContractError::SlotNotEnded {
            end_time: s.get_slot(slot).end_time
        }
    );
    s.exec_as("creator", &ExecuteMsg::CancelSlot { slot_id: slot })
        .unwrap();
    assert_eq!(s.get_slot(slot).status, SlotStatus::Cancelled);
    assert!(matches!(
        err(s.slot_bid("whale", slot, 10 * M)),
        ContractError::SlotClosed { .. }
    ));
    let slot = s
        .open_slot("creator", VirtualVideo, DAY, 10 * M, M)
        .unwrap();
    s.slot_bid("whale", slot, 10 * M).unwrap();
    assert_eq!(
        err(s.exec_as("creator", &ExecuteMsg::CancelSlot { slot_id: slot })),
        ContractError::SlotHasBids
    );
    // an ended slot without bids: nothing to settle
    let empty = s
        .open_slot("creator", VirtualVideo, HOUR, 10 * M, M)
        .unwrap();
    s.advance(HOUR);
    assert_eq!(
        err(s.settle("creator", empty, CODE, false)),
        ContractError::NoSlotBids
    );
}

#[test]
fn a_slot_settled_with_kyf_follows_the_kyf_window() {
    let mut s = enabled();
    let slot = s.open_slot("creator", InPerson, DAY, 10 * M, M).unwrap();
    let id = s.slot_bid("whale", slot, 10 * M).unwrap();
    s.advance(DAY);
    s.settle("creator", slot, CODE, true).unwrap();
    assert_eq!(s.get_bid(id).status, BidStatus::AwaitingKyf);
    s.advance(48 * HOUR);
    s.cancel_kyf("whale2", id).unwrap();
    assert_eq!(s.refund("whale"), 10 * M);
}

#[test]
fn opening_a_slot_is_validated() {
    let mut s = enabled();
    assert_eq!(
        err(s.open_slot("creator", VirtualText, DAY, 10 * M, M)),
        ContractError::FormatNotOffered {
            format: VirtualText
        }
    );
    assert!(matches!(
        err(s.open_slot("creator", InPerson, DAY, 4 * M, M)),
        ContractError::BidTooLow { .. }
    ));
    assert_eq!(
        err(s.open_slot("creator", InPerson, DAY, 10 * M, 0)),
        ContractError::ZeroIncrement
    );
    assert_eq!(
        err(s.open_slot("creator", InPerson, 0, 10 * M, M)),
        ContractError::InvalidEndTime { max: 35 * DAY }
    );
    assert_eq!(
        err(s.open_slot("creator", InPerson, 35 * DAY + 1, 10 * M, M)),
        ContractError::InvalidEndTime { max: 35 * DAY }
    );
    assert!(matches!(
        err(s.open_slot("whale", InPerson, DAY, 10 * M, M)),
        ContractError::CreatorNotEnabled { .. }
    ));
    s.open_slot("creator", InPerson, 35 * DAY, 10 * M, M)
        .unwrap();
}

#[test]
fn lists_are_paginated_by_creator_fan_and_slot() {
    let mut s = enabled();
    s.enable("creator2", M, &[VirtualText]).unwrap();
    let mut ids = vec![];
    for i in 0..12u128 {
        ids.push(s.bid("whale", "creator", VirtualVideo, 5 * M + i).unwrap());
        s.bid("whale2", "creator2", VirtualText, M).unwrap();
    }
    s.bid("whale", "creator2", VirtualText, M).unwrap();
    let page = s.bids_by_creator("creator", None, None);
    assert_eq!(page.len(), 10); // DEFAULT_LIMIT
    assert_eq!(
        page.iter().map(|b| b.id).collect::<Vec<_>>(),
        ids[..10].to_vec()
    );
    let rest = s.bids_by_creator("creator", Some(ids[9]), Some(50));
    assert_eq!(
        rest.iter().map(|b| b.id).collect::<Vec<_>>(),
        ids[10..].to_vec()
    );
    assert_eq!(s.bids_by_creator("creator", None, Some(1000)).len(), 12); // MAX_LIMIT bounds it
    assert_eq!(s.bids_by_fan("whale", None, Some(100)).len(), 13);
    assert_eq!(s.bids_by_fan("whale2", None, Some(5)).len(), 5);
    assert!(s.bids_by_fan("whale3", None, None).is_empty());
    for _ in 0..3 {
        s.open_slot("creator", VirtualVideo, DAY, 10 * M, M)
            .unwrap();
    }
    let slots = s.slots_by_creator("creator", None, Some(2));
    assert_eq!(slots.len(), 2);
    let more = s.slots_by_creator("creator", Some(slots[1].id), None);
    assert_eq!(more.len(), 1);
    assert!(s.slots_by_creator("creator2", None, None).is_empty());
}

#[test]
fn config_defaults_follow_the_whitepaper() {
    let s = SuiteBuilder::new().build();
    let c = s.config();
    assert_eq!(c.commission_bps, 1_000);
    assert_eq!(
        c.tier_limits_usd,
        vec![
            Some(Uint128::new(200 * USD)),
            Some(Uint128::new(400 * USD)),
            Some(Uint128::new(800 * USD)),
            Some(Uint128::new(1_600 * USD)),
            None
        ]
    );
    assert_eq!((c.kyf_window, c.meeting_window), (48 * HOUR, 30 * DAY));
    assert_eq!(
        (c.anti_snipe_window, c.anti_snipe_extension),
        (5 * MINUTE, 15 * MINUTE)
    );
    assert_eq!(
        (c.max_slot_duration, c.slot_settle_window),
        (35 * DAY, 48 * HOUR)
    );
    assert_eq!((c.token, c.treasury), (s.token.clone(), s.treasury.clone()));
}

#[test]
fn the_owner_updates_the_config_validated() {
    let mut s = enabled();
    let owner = s.owner.clone();
    let bad = |u: ConfigUpdate| ExecuteMsg::UpdateConfig(u);
    assert_eq!(
        err(s.exec(
            &owner,
            &bad(ConfigUpdate {
                commission_bps: Some(10_001),
                ..Default::default()
            })
        )),
        ContractError::InvalidCommission { bps: 10_001 }
    );
    for limits in [
        vec![],
        vec![Some(Uint128::zero())],
        vec![Some(Uint128::new(2)), Some(Uint128::new(1))],
        vec![None, Some(Uint128::new(1))],
        vec![Some(Uint128::new(1)); 11],
    ] {
        assert!(matches!(
            err(s.exec(
                &owner,
                &bad(ConfigUpdate {
                    tier_limits_usd: Some(limits),
                    ..Default::default()
                })
            )),
            ContractError::InvalidTierLimits { .. }
        ));
    }
    assert!(matches!(
        err(s.exec(
            &owner,
            &bad(ConfigUpdate {
                kyf_window: Some(0),
                ..Default::default()
            })
        )),
        ContractError::InvalidWindow { .. }
    ));
    assert!(matches!(
        err(s.exec(
            &owner,
            &bad(ConfigUpdate {
                meeting_window: Some(48 * HOUR),
                ..Default::default()
            })
        )),
        ContractError::InvalidWindow { .. }
    ));
    assert!(matches!(
        err(s.exec(
            &owner,
            &bad(ConfigUpdate {
                max_slot_duration: Some(366 * DAY),
                ..Default::default()
            })
        )),
        ContractError::InvalidWindow { .. }
    ));
    assert!(matches!(
        err(s.exec(
            &owner,
            &bad(ConfigUpdate {
                operator: Some("Not-An-Address".into()),
                ..Default::default()
            })
        )),
        ContractError::Std(_)
    ));
    let before = s.config();
    assert_eq!(
        err(s.exec_as(
            "creator",
            &bad(ConfigUpdate {
                commission_bps: Some(500),
                ..Default::default()
            })
        )),
        ContractError::Ownership(cw_ownable::OwnershipError::NotOwner)
    );
    assert_eq!(s.config(), before);
    // a valid update: 5% commission, tier 1 limit 100 USD (= 10 MESI at 10 USD)
    let res = s
        .exec(
            &owner,
            &bad(ConfigUpdate {
                commission_bps: Some(500),
                tier_limits_usd: Some(vec![Some(Uint128::new(100 * USD)), None]),
                ..Default::default()
            }),
        )
        .unwrap();
    assert_eq!(s.attr(&res, "action").as_deref(), Some("update_config"));
    assert_eq!(s.config().commission_bps, 500);
    assert!(matches!(
        err(s.bid("small", "creator", VirtualVideo, 11 * M)),
        ContractError::OverTierLimit { .. }
    ));
    // tier 2 now uses the last row: unlimited
    s.bid("mid", "creator", VirtualVideo, 100 * M).unwrap();
}

#[test]
fn ownership_is_two_step_and_renounceable() {
    let mut s = SuiteBuilder::new().build();
    let owner = s.owner.clone();
    let new = s.addr("new-owner");
    s.exec(
        &owner,
        &ExecuteMsg::UpdateOwnership(cw_ownable::Action::TransferOwnership {
            new_owner: new.to_string(),
            expiry: None,
        }),
    )
    .unwrap();
    let o: cw_ownable::Ownership<String> = s.q(&QueryMsg::Ownership {});
    assert_eq!(o.owner, Some(owner.to_string()));
    assert_eq!(o.pending_owner, Some(new.to_string()));
    assert_eq!(
        err(s.exec_as(
            "stranger",
            &ExecuteMsg::UpdateOwnership(cw_ownable::Action::AcceptOwnership)
        )),
        ContractError::Ownership(cw_ownable::OwnershipError::NotPendingOwner)
    );
    let res = s
        .exec(
            &new,
            &ExecuteMsg::UpdateOwnership(cw_ownable::Action::AcceptOwnership),
        )
        .unwrap();
    assert_eq!(s.attr(&res, "action").as_deref(), Some("update_ownership"));
    let o: cw_ownable::Ownership<String> = s.q(&QueryMsg::Ownership {});
    assert_eq!(o.owner, Some(new.to_string()));
    s.exec(
        &new,
        &ExecuteMsg::UpdateOwnership(cw_ownable::Action::RenounceOwnership),
    )
    .unwrap();
    let o: cw_ownable::Ownership<String> = s.q(&QueryMsg::Ownership {});
    assert_eq!(o.owner, None);
    assert!(matches!(
        err(s.exec(&new, &ExecuteMsg::UpdateConfig(ConfigUpdate::default()))),
        ContractError::Ownership(_)
    ));
}

#[test]
fn migrate_keeps_state_and_refuses_foreign_contracts_and_downgrades() {
    use cw_multi_test::Executor;
    let mut s = enabled();
    let id = s.bid("whale", "creator", VirtualVideo, 10 * M).unwrap();
    let owner = s.owner.clone();
    let btm = s.btm.clone();
    let code = s.btm_code;
    let res = s
        .app
        .migrate_contract(owner.clone(), btm.clone(), &MigrateMsg {}, code)
        .unwrap();
    assert_eq!(s.attr(&res, "action").as_deref(), Some("migrate"));
    assert_eq!(s.get_bid(id).amount.u128(), 10 * M);
    // unit level: foreign contract name and downgrade
    let mut deps = cosmwasm_std::testing::mock_dependencies();
    cw2::set_contract_version(&mut deps.storage, "crates.io:cw20-base", "0.1.0").unwrap();
    assert!(matches!(
        crate::contract::migrate(
            deps.as_mut(),
            cosmwasm_std::testing::mock_env(),
            MigrateMsg {}
        ),
        Err(ContractError::Migrate(
            mesi_common::MigrateError::WrongContract { .. }
        ))
    ));
    cw2::set_contract_version(&mut deps.storage, crate::state::CONTRACT_NAME, "99.0.0").unwrap();
    assert!(matches!(
        crate::contract::migrate(
            deps.as_mut(),
            cosmwasm_std::testing::mock_env(),
            MigrateMsg {}
        ),
        Err(ContractError::Migrate(
            mesi_common::MigrateError::Downgrade { .. }
        ))
    ));
}
