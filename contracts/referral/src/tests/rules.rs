//! One test per SPEC §5 rule (and issue 7), named after the rule.

use cosmwasm_std::{Decimal, Uint128};
use mesi_types::referral::{ReferralStatus, MAX_SETTLE_LIMIT};

use super::suite::{err, SuiteBuilder, DAY, M};
use crate::error::ContractError;

/// USD 10 at USD 0.05 per MESI.
const BASE: u128 = 200 * M;

#[test]
fn user_at_tier_one_or_above_registers_a_code() {
    let mut s = SuiteBuilder::new().build();
    s.set_tier("alice", 1);
    let res = s.register_code("alice", "Alice_01").unwrap();
    assert!(res.events.iter().any(|e| e
        .attributes
        .iter()
        .any(|a| a.key == "action" && a.value == "register_code")));
    // stored lower-case, found in any case
    assert_eq!(s.code_of("alice"), Some("alice_01".to_string()));
    assert_eq!(s.code_owner("ALICE_01"), Some(s.addr("alice")));
    assert_eq!(s.code_owner("alice_01"), Some(s.addr("alice")));
    assert_eq!(s.code_owner("nobody"), None);
}

#[test]
fn user_below_tier_one_cannot_register_a_code() {
    let mut s = SuiteBuilder::new().build();
    let before = s.snapshot();
    assert_eq!(
        err(s.register_code("zed", "zed")),
        ContractError::TierTooLow {
            tier: 0,
            required: 1
        }
    );
    assert_eq!(s.snapshot(), before);
    assert_eq!(s.code_of("zed"), None);
}

#[test]
fn codes_are_unique_case_insensitively() {
    let mut s = SuiteBuilder::new().build();
    s.referrer("alice", 1, "mesi-fan");
    s.set_tier("bob", 2);
    let before = s.snapshot();
    assert_eq!(
        err(s.register_code("bob", "MESI-Fan")),
        ContractError::CodeTaken {
            code: "mesi-fan".into()
        }
    );
    assert_eq!(s.snapshot(), before);
    assert_eq!(s.code_owner("mesi-fan"), Some(s.addr("alice")));
}

#[test]
fn one_code_per_user() {
    let mut s = SuiteBuilder::new().build();
    s.referrer("alice", 3, "alice");
    assert_eq!(
        err(s.register_code("alice", "alice2")),
        ContractError::AlreadyHasCode {
            code: "alice".into()
        }
    );
    assert_eq!(s.code_owner("alice2"), None);
}

#[test]
fn code_length_and_characters_are_enforced() {
    let mut s = SuiteBuilder::new().build();
    s.set_tier("alice", 1);
    let before = s.snapshot();
    for (code, e) in [
        (
            "ab",
            ContractError::InvalidCodeLength {
                len: 2,
                min: 3,
                max: 20,
            },
        ),
        (
            "abcdefghijklmnopqrstu",
            ContractError::InvalidCodeLength {
                len: 21,
                min: 3,
                max: 20,
            },
        ),
        (
            "",
            ContractError::InvalidCodeLength {
                len: 0,
                min: 3,
                max: 20,
            },
        ),
        ("has space", ContractError::InvalidCodeCharacter { ch: ' ' }),
        ("dot.code", ContractError::InvalidCodeCharacter { ch: '.' }),
        ("émile", ContractError::InvalidCodeCharacter { ch: 'é' }),
        (
            "ab\u{0}c",
            ContractError::InvalidCodeCharacter { ch: '\u{0}' },
        ),
        ("ＡＢＣ", ContractError::InvalidCodeCharacter { ch: 'Ａ' }),
    ] {
        assert_eq!(err(s.register_code("alice", code)), e, "{code:?}");
    }
    assert_eq!(s.snapshot(), before);
    // the boundaries are accepted
    s.register_code("alice", "A-_9abcdefghijklmnop").unwrap();
    assert_eq!(s.code_of("alice"), Some("a-_9abcdefghijklmnop".into()));
    s.set_tier("bob", 1);
    s.register_code("bob", "b0b").unwrap();
}

#[test]
fn new_user_names_one_referrer_once() {
    let mut s = SuiteBuilder::new().build();
    s.referrer("alice", 1, "alice");
    s.referrer("bob", 1, "bob");
    let res = s.refer("carol", "ALICE").unwrap();
    assert!(res.events.iter().any(|e| e
        .attributes
        .iter()
        .any(|a| a.key == "action" && a.value == "refer")));
    let r = s.referral_of("carol").unwrap();
    assert_eq!(r.referrer, s.addr("alice"));
    assert_eq!(r.status, ReferralStatus::Pending);
    // a second referrer (or the same one again) is refused
    let before = s.snapshot();
    for code in ["bob", "alice"] {
        assert_eq!(
            err(s.refer("carol", code)),
            ContractError::AlreadyReferred {
                referrer: s.addr("alice").to_string()
            }
        );
    }
    assert_eq!(s.snapshot(), before);
    // even after a rejection the choice stays made
    s.reject("carol").unwrap();
    assert!(matches!(
        err(s.refer("carol", "bob")),
        ContractError::AlreadyReferred { .. }
    ));
    assert_eq!(
        err(s.refer("dave", "nobody")),
        ContractError::UnknownCode {
            code: "nobody".into()
        }
    );
}

#[test]
fn self_referral_is_refused() {
    let mut s = SuiteBuilder::new().build();
    s.referrer("alice", 1, "alice");
    let before = s.snapshot();
    assert_eq!(err(s.refer("alice", "Alice")), ContractError::SelfReferral);
    assert_eq!(s.snapshot(), before);
}

#[test]
fn cycles_are_refused() {
    let mut s = SuiteBuilder::new().build();
    s.referrer("alice", 1, "alice");
    s.referrer("bob", 1, "bob");
    s.referrer("carol", 1, "carol");
    // bob -> alice, carol -> bob: a chain alice <- bob <- carol
    s.refer("bob", "alice").unwrap();
    s.refer("carol", "bob").unwrap();
    let before = s.snapshot();
    // alice -> carol would close alice -> carol -> bob -> alice; alice -> bob a 2-cycle
    assert_eq!(err(s.refer("alice", "carol")), ContractError::HasReferees);
    assert_eq!(err(s.refer("alice", "bob")), ContractError::HasReferees);
    assert_eq!(s.snapshot(), before);
    // a user with a referrer but no referees can still be named (the tree grows downwards)
    s.refer("dave", "carol").unwrap();
    assert_eq!(s.referral_of("alice"), None);
}

#[test]
fn referral_is_pending_until_validated() {
    let mut s = SuiteBuilder::new().build();
    s.referrer("alice", 2, "alice");
    s.refer("carol", "alice").unwrap();
    let balance = s.balance("alice");
    s.advance(30 * DAY);
    assert_eq!(s.balance("alice"), balance);
    let t = s.totals();
    assert_eq!((t.referrals, t.pending, t.paid_count), (1, 1, 0));
    assert_eq!(
        s.referral_of("carol").unwrap().status,
        ReferralStatus::Pending
    );
}

#[test]
fn validated_referral_pays_usd_10_times_the_tier_multiplier_at_the_current_price() {
    let mut s = SuiteBuilder::new().build();
    let multipliers = [1u128, 2, 5, 10, 15];
    for tier in 1..=5u8 {
        let referrer = format!("ref{tier}");
        let referee = format!("new{tier}");
        s.referrer(&referrer, tier, &referrer);
        s.refer(&referee, &referrer).unwrap();
        let before = s.balance(&referrer);
        let res = s.validate(&referee).unwrap();
        let expected = BASE * multipliers[usize::from(tier - 1)];
        assert_eq!(s.balance(&referrer) - before, expected, "tier {tier}");
        let r = s.referral_of(&referee).unwrap();
        assert_eq!(r.status, ReferralStatus::Paid);
        assert_eq!(r.tier, tier);
        assert_eq!(r.bonus.u128(), expected);
        assert!(res.events.iter().any(|e| e
            .attributes
            .iter()
            .any(|a| a.key == "action" && a.value == "validate")));
    }
    // the price is read at validation time
    s.referrer("late", 1, "late");
    s.refer("newer", "late").unwrap();
    s.post_price(Decimal::percent(10)).unwrap();
    let before = s.balance("late");
    s.validate("newer").unwrap();
    assert_eq!(s.balance("late") - before, 100 * M);
    let total: u128 = 200 * M * (1 + 2 + 5 + 10 + 15) + 100 * M;
    assert_eq!(s.totals().paid.u128(), total);
    assert_eq!(s.pool().drawn_this_year.u128(), total);
}

#[test]
fn multiplier_is_the_referrers_tier_at_validation_time() {
    let mut s = SuiteBuilder::new().build();
    s.referrer("alice", 1, "alice");
    s.refer("carol", "alice").unwrap();
    s.set_tier("alice", 4);
    let before = s.balance("alice");
    s.validate("carol").unwrap();
    assert_eq!(s.balance("alice") - before, 10 * BASE);
    assert_eq!(s.referral_of("carol").unwrap().tier, 4);
    // and downwards
    s.refer("dave", "alice").unwrap();
    s.set_tier("alice", 2);
    let before = s.balance("alice");
    s.validate("dave").unwrap();
    assert_eq!(s.balance("alice") - before, 2 * BASE);
}

#[test]
fn referrer_at_tier_zero_at_validation_is_recorded_ineligible() {
    let mut s = SuiteBuilder::new().build();
    s.referrer("alice", 1, "alice");
    s.refer("carol", "alice").unwrap();
    s.set_tier("alice", 0);
    let before = s.balance("alice");
    let pool_before = s.pool();
    let res = s.validate("carol").unwrap();
    assert!(res.events.iter().any(|e| e
        .attributes
        .iter()
        .any(|a| a.key == "status" && a.value == "ineligible")));
    assert_eq!(s.balance("alice"), before);
    assert_eq!(s.pool(), pool_before);
    let r = s.referral_of("carol").unwrap();
    assert_eq!(r.status, ReferralStatus::Ineligible);
    assert_eq!(r.bonus, Uint128::zero());
    let t = s.totals();
    assert_eq!(
        (t.ineligible_count, t.pending, t.paid_count, t.owed_count),
        (1, 0, 0, 0)
    );
    // final: not validated twice
    assert!(matches!(
        err(s.validate("carol")),
        ContractError::NotPending {
            status: ReferralStatus::Ineligible,
            ..
        }
    ));
}

#[test]
fn referral_is_paid_at_most_once() {
    let mut s = SuiteBuilder::new().build();
    s.referrer("alice", 1, "alice");
    s.refer("carol", "alice").unwrap();
    s.validate("carol").unwrap();
    let before = s.snapshot();
    let balance = s.balance("alice");
    assert_eq!(
        err(s.validate("carol")),
        ContractError::NotPending {
            referee: s.addr("carol").to_string(),
            status: ReferralStatus::Paid
        }
    );
    assert!(matches!(
        err(s.reject("carol")),
        ContractError::NotPending { .. }
    ));
    assert_eq!(err(s.settle(None)), ContractError::NothingOwed);
    assert_eq!(s.snapshot(), before);
    assert_eq!(s.balance("alice"), balance);
}

#[test]
fn operator_rejects_a_referral_and_nothing_is_paid() {
    let mut s = SuiteBuilder::new().build();
    s.referrer("alice", 5, "alice");
    s.refer("carol", "alice").unwrap();
    let balance = s.balance("alice");
    s.reject("carol").unwrap();
    assert_eq!(
        s.referral_of("carol").unwrap().status,
        ReferralStatus::Rejected
    );
    assert_eq!(s.balance("alice"), balance);
    assert!(matches!(
        err(s.validate("carol")),
        ContractError::NotPending {
            status: ReferralStatus::Rejected,
            ..
        }
    ));
    let t = s.totals();
    assert_eq!((t.rejected_count, t.pending, t.paid.u128()), (1, 0, 0));
}

#[test]
fn stale_price_refuses_validation_and_keeps_the_referral_pending() {
    let mut s = SuiteBuilder::new().build();
    s.referrer("alice", 1, "alice");
    s.refer("carol", "alice").unwrap();
    s.advance(3_601);
    assert!(!s.status().price_fresh);
    let before = s.snapshot();
    assert!(matches!(
        err(s.validate("carol")),
        ContractError::PriceUnavailable { .. }
    ));
    assert_eq!(s.snapshot(), before);
    assert_eq!(
        s.referral_of("carol").unwrap().status,
        ReferralStatus::Pending
    );
    // a fresh price lets the operator retry
    s.post_price(Decimal::percent(5)).unwrap();
    s.validate("carol").unwrap();
    assert_eq!(s.referral_of("carol").unwrap().status, ReferralStatus::Paid);
}

#[test]
fn empty_budget_records_the_referral_owed_and_settle_pays_it_after_refill() {
    let mut s = SuiteBuilder::new().with_pool(0, 10_000_000 * M).build();
    s.referrer("alice", 2, "alice");
    s.refer("carol", "alice").unwrap();
    let balance = s.balance("alice");
    let res = s.validate("carol").unwrap();
    assert!(res.events.iter().any(|e| e
        .attributes
        .iter()
        .any(|a| a.key == "status" && a.value == "owed")));
    assert_eq!(s.balance("alice"), balance);
    let r = s.referral_of("carol").unwrap();
    assert_eq!((r.status, r.bonus.u128()), (ReferralStatus::Owed, 2 * BASE));
    let st = s.status();
    assert_eq!(
        (
            st.owed_count,
            st.owed_amount.u128(),
            st.next_owed,
            st.can_settle
        ),
        (1, 2 * BASE, Some(Uint128::new(2 * BASE)), false)
    );
    // the program says clearly why it cannot pay, and nothing changes
    let before = s.snapshot();
    assert_eq!(
        err(s.settle(None)),
        ContractError::BudgetExhausted {
            needed: Uint128::new(2 * BASE),
            available: Uint128::zero()
        }
    );
    assert_eq!(s.snapshot(), before);
    // the owed amount is fixed in MESI at validation: a later price does not change it
    s.post_price(Decimal::percent(50)).unwrap();
    s.fund_pool(2 * BASE).unwrap();
    assert!(s.status().can_settle);
    s.settle(None).unwrap();
    assert_eq!(s.balance("alice") - balance, 2 * BASE);
    let t = s.totals();
    assert_eq!(
        (t.paid.u128(), t.owed.u128(), t.owed_count, t.paid_count),
        (2 * BASE, 0, 0, 1)
    );
    assert_eq!(s.referral_of("carol").unwrap().status, ReferralStatus::Paid);
    assert_eq!(s.stats("alice").paid.u128(), 2 * BASE);
    assert_eq!(err(s.settle(None)), ContractError::NothingOwed);
}

#[test]
fn yearly_cap_reached_records_owed_until_the_next_year() {
    // plenty of balance but the yearly cap covers one bonus only
    let mut s = SuiteBuilder::new().with_pool(1_000_000 * M, BASE).build();
    s.referrer("alice", 1, "alice");
    s.refer("carol", "alice").unwrap();
    s.refer("dave", "alice").unwrap();
    s.validate("carol").unwrap();
    s.validate("dave").unwrap();
    assert_eq!(s.referral_of("dave").unwrap().status, ReferralStatus::Owed);
    assert!(matches!(
        err(s.settle(None)),
        ContractError::BudgetExhausted { .. }
    ));
    s.advance(365 * DAY);
    s.settle(None).unwrap();
    assert_eq!(s.referral_of("dave").unwrap().status, ReferralStatus::Paid);
    assert_eq!(s.totals().paid.u128(), 2 * BASE);
}

#[test]
fn settle_owed_pays_in_fifo_order_in_bounded_pages() {
    let mut s = SuiteBuilder::new().with_pool(0, 10_000_000 * M).build();
    s.referrer("alice", 1, "alice");
    s.referrer("bob", 3, "bob");
    let referees: Vec<String> = (0..40).map(|i| format!("user{i:02}")).collect();
    for (i, r) in referees.iter().enumerate() {
        s.refer(r, if i % 2 == 0 { "alice" } else { "bob" })
            .unwrap();
        s.validate(r).unwrap();
    }
    let owed = 20 * BASE + 20 * 5 * BASE;
    assert_eq!((s.totals().owed_count, s.totals().owed.u128()), (40, owed));
    // owed list in FIFO order, paginated
    let page = s.owed(None, Some(3)).owed;
    assert_eq!(page.len(), 3);
    assert_eq!(page[0].referee, s.addr("user00"));
    assert_eq!(page[1].amount.u128(), 5 * BASE);
    let next = s.owed(Some(page[2].position), Some(100)).owed;
    assert_eq!(next.len(), 37);
    // refill covers the first 3 (1 + 5 + 1 bases) but not the 4th: strict FIFO stops there
    s.fund_pool(7 * BASE + BASE).unwrap();
    let res = s.settle(Some(100)).unwrap();
    assert!(res.events.iter().any(|e| e
        .attributes
        .iter()
        .any(|a| a.key == "settled" && a.value == "3")));
    assert_eq!(
        s.referral_of("user02").unwrap().status,
        ReferralStatus::Paid
    );
    assert_eq!(
        s.referral_of("user03").unwrap().status,
        ReferralStatus::Owed
    );
    assert_eq!(s.owed(None, Some(1)).owed[0].referee, s.addr("user03"));
    // a large refill is paid at most MAX_SETTLE_LIMIT per call
    s.fund_pool(owed).unwrap();
    s.settle(Some(u32::MAX)).unwrap();
    assert_eq!(s.totals().owed_count, 37 - u64::from(MAX_SETTLE_LIMIT));
    s.settle(Some(5)).unwrap();
    assert_eq!(s.totals().owed_count, 2);
    s.settle(None).unwrap();
    let t = s.totals();
    assert_eq!(
        (t.owed_count, t.owed.u128(), t.paid.u128(), t.paid_count),
        (0, 0, owed, 40)
    );
    assert_eq!(s.pool().drawn_this_year.u128(), owed);
    assert_eq!(s.stats("alice").paid.u128(), 20 * BASE);
    assert_eq!(s.stats("bob").paid.u128(), 100 * BASE);
    assert_eq!(err(s.settle(Some(0))), ContractError::ZeroLimit);
}

#[test]
fn a_new_validation_does_not_jump_the_owed_queue() {
    let mut s = SuiteBuilder::new().with_pool(0, 10_000_000 * M).build();
    s.referrer("alice", 1, "alice");
    s.refer("carol", "alice").unwrap();
    s.refer("dave", "alice").unwrap();
    s.validate("carol").unwrap();
    s.fund_pool(10 * BASE).unwrap();
    assert!(s.status().can_settle);
    assert!(!s.status().paying);
    s.validate("dave").unwrap();
    assert_eq!(s.referral_of("dave").unwrap().status, ReferralStatus::Owed);
    s.settle(None).unwrap();
    assert_eq!(s.totals().paid_count, 2);
    assert!(s.status().paying);
}

#[test]
fn queries_list_referrals_of_a_referrer_paginated_and_totals() {
    let mut s = SuiteBuilder::new().build();
    s.referrer("alice", 1, "alice");
    s.referrer("bob", 1, "bob");
    let mut names: Vec<String> = (0..25).map(|i| format!("fan{i}")).collect();
    for n in &names {
        s.refer(n, "alice").unwrap();
    }
    s.refer("other", "bob").unwrap();
    s.validate("fan3").unwrap();
    names.sort_by_key(|n| s.addr(n));
    let first = s.referrals("alice", None, None);
    assert_eq!(first.len(), 10);
    let mut all = first.clone();
    let mut last = first.last().unwrap().referee.clone();
    loop {
        let r: mesi_types::referral::ReferralsResponse =
            s.q(&mesi_types::referral::QueryMsg::Referrals {
                referrer: s.addr("alice").to_string(),
                start_after: Some(last.to_string()),
                limit: Some(7),
            });
        if r.referrals.is_empty() {
            break;
        }
        last = r.referrals.last().unwrap().referee.clone();
        all.extend(r.referrals);
    }
    assert_eq!(all.len(), 25);
    assert!(all.iter().all(|r| r.referrer == s.addr("alice")));
    assert_eq!(
        all.iter().map(|r| r.referee.clone()).collect::<Vec<_>>(),
        names.iter().map(|n| s.addr(n)).collect::<Vec<_>>()
    );
    assert_eq!(s.referrals("alice", None, Some(1000)).len(), 25);
    assert_eq!(s.stats("alice").referees, 25);
    assert_eq!(s.stats("alice").paid.u128(), BASE);
    let t = s.totals();
    assert_eq!(
        (t.referrals, t.pending, t.paid_count, t.paid.u128()),
        (26, 25, 1, BASE)
    );
    assert_eq!(s.referrals("nobody", None, None), vec![]);
    let st = s.status();
    assert_eq!(st.pool_available, s.pool().available);
    assert!(st.price_fresh && st.paying && !st.can_settle);
}

/// Issue 12 §6: a bonus that converts to 0 MESI (a very high price) is never recorded as paid with
/// nothing sent: validation is refused with a typed error and the referral stays pending.
#[test]
fn a_bonus_that_rounds_to_zero_is_refused_and_stays_pending() {
    let mut s = SuiteBuilder::new().build();
    s.referrer("alice", 1, "alice");
    s.refer("carol", "alice").unwrap();
    // USD 10 at USD 20,000,000 per MESI = 0.5 base units
    s.post_price(Decimal::from_ratio(20_000_000u128, 1u128))
        .unwrap();
    let before = (s.snapshot(), s.balance("alice"));
    assert_eq!(
        err(s.validate("carol")),
        ContractError::BonusRoundsToZero {
            usd: Uint128::new(10 * M)
        }
    );
    assert_eq!((s.snapshot(), s.balance("alice")), before);
    assert_eq!(
        s.referral_of("carol").unwrap().status,
        ReferralStatus::Pending
    );
    assert_eq!(s.totals().paid_count, 0);
    // once the price allows a non-zero bonus it is paid, with a real transfer
    s.post_price(Decimal::from_ratio(10_000_000u128, 1u128))
        .unwrap();
    s.validate("carol").unwrap();
    assert_eq!(s.balance("alice") - before.1, 1);
    assert_eq!(s.referral_of("carol").unwrap().status, ReferralStatus::Paid);
}

/// Issue 12 §6, the other way to a zero: a tiny configured bonus (1 micro-USD at USD 2 per MESI).
#[test]
fn a_small_configured_bonus_that_rounds_to_zero_is_refused() {
    let mut s = SuiteBuilder {
        bonus_usd: Some(Uint128::new(1)),
        ..SuiteBuilder::new()
    }
    .build();
    s.post_price(Decimal::from_ratio(2u128, 1u128)).unwrap();
    s.referrer("alice", 1, "alice");
    s.refer("carol", "alice").unwrap();
    let before = s.snapshot();
    assert_eq!(
        err(s.validate("carol")),
        ContractError::BonusRoundsToZero {
            usd: Uint128::new(1)
        }
    );
    assert_eq!(s.snapshot(), before);
    assert_eq!(
        s.referral_of("carol").unwrap().status,
        ReferralStatus::Pending
    );
}

/// Issue 12 §7 with its values: pool yearly cap 2,000 MESI; a tier-5 bonus of 3,000 MESI owed ahead
/// of a tier-1 bonus of 200 (owed while the cap was higher). A year later `settle_owed` pays the 200;
/// the 3,000 stays owed (moved to the back), and is paid once a cap lets it fit.
#[test]
fn one_large_owed_referral_never_blocks_the_queue() {
    let mut s = SuiteBuilder::new().with_pool(0, 5_000 * M).build();
    s.referrer("whale", 5, "whale");
    s.referrer("alice", 1, "alice");
    s.refer("carol", "whale").unwrap();
    s.refer("dave", "alice").unwrap();
    s.validate("carol").unwrap();
    s.validate("dave").unwrap();
    let owed = s.owed(None, None).owed;
    assert_eq!(
        owed.iter().map(|o| o.amount.u128()).collect::<Vec<_>>(),
        vec![3_000 * M, 200 * M]
    );
    s.set_pool_cap(2_000 * M).unwrap();
    s.fund_pool(10_000 * M).unwrap();
    s.advance(365 * DAY);
    let st = s.status();
    assert_eq!(st.next_owed, Some(Uint128::new(200 * M)));
    assert!(st.can_settle);
    let alice_before = s.balance("alice");
    s.settle(None).unwrap();
    assert_eq!(s.balance("alice") - alice_before, 200 * M);
    assert_eq!(s.referral_of("dave").unwrap().status, ReferralStatus::Paid);
    // no referral is lost: the 3,000 is still owed, now alone in the queue
    assert_eq!(s.referral_of("carol").unwrap().status, ReferralStatus::Owed);
    let t = s.totals();
    assert_eq!((t.owed_count, t.owed.u128()), (1, 3_000 * M));
    // under this cap it can never be paid: a clear error, nothing changes
    let before = s.snapshot();
    assert_eq!(
        err(s.settle(None)),
        ContractError::OwedAboveYearlyCap {
            examined: 1,
            yearly_cap: Uint128::new(2_000 * M)
        }
    );
    assert_eq!(s.snapshot(), before);
    // a cap that fits it: paid in the next year (200 of this year's cap is drawn)
    s.set_pool_cap(3_000 * M).unwrap();
    assert!(matches!(
        err(s.settle(None)),
        ContractError::BudgetExhausted { .. }
    ));
    s.advance(365 * DAY);
    let whale_before = s.balance("whale");
    s.settle(None).unwrap();
    assert_eq!(s.balance("whale") - whale_before, 3_000 * M);
    let t = s.totals();
    assert_eq!(
        (t.owed_count, t.paid_count, t.paid.u128()),
        (0, 2, 3_200 * M)
    );
}

/// Issue 12 §7: a bonus that can never fit the referral pool's yearly cap is refused at validation
/// with a typed error (the referral stays pending, nothing is owed), so it cannot block the queue.
#[test]
fn a_bonus_above_the_yearly_cap_is_refused_at_validation() {
    let mut s = SuiteBuilder::new().with_pool(10_000 * M, 2_000 * M).build();
    s.referrer("whale", 5, "whale");
    s.referrer("alice", 1, "alice");
    s.refer("carol", "whale").unwrap();
    s.refer("dave", "alice").unwrap();
    let before = s.snapshot();
    assert_eq!(
        err(s.validate("carol")),
        ContractError::BonusAboveYearlyCap {
            bonus: Uint128::new(3_000 * M),
            yearly_cap: Uint128::new(2_000 * M)
        }
    );
    assert_eq!(s.snapshot(), before);
    assert_eq!(
        s.referral_of("carol").unwrap().status,
        ReferralStatus::Pending
    );
    s.validate("dave").unwrap();
    assert_eq!(s.referral_of("dave").unwrap().status, ReferralStatus::Paid);
    // raising the cap lets the operator validate it
    s.set_pool_cap(3_200 * M).unwrap();
    s.validate("carol").unwrap();
    assert_eq!(s.referral_of("carol").unwrap().status, ReferralStatus::Paid);
}

/// `settle_owed` stays bounded: `limit` counts every entry examined, paid or moved back.
#[test]
fn settle_owed_examines_at_most_limit_entries() {
    let mut s = SuiteBuilder::new().with_pool(0, 5_000 * M).build();
    s.referrer("whale", 5, "whale");
    s.referrer("alice", 1, "alice");
    for i in 0..3 {
        s.refer(&format!("big{i}"), "whale").unwrap();
        s.validate(&format!("big{i}")).unwrap();
    }
    s.refer("dave", "alice").unwrap();
    s.validate("dave").unwrap();
    s.set_pool_cap(2_000 * M).unwrap();
    s.fund_pool(10_000 * M).unwrap();
    s.advance(365 * DAY);
    // 3 entries examined, all above the cap: an error, nothing moves
    assert_eq!(
        err(s.settle(Some(3))),
        ContractError::OwedAboveYearlyCap {
            examined: 3,
            yearly_cap: Uint128::new(2_000 * M)
        }
    );
    let res = s.settle(Some(4)).unwrap();
    let attr = |k: &str| {
        res.events
            .iter()
            .flat_map(|e| e.attributes.iter())
            .find(|a| a.key == k)
            .map(|a| a.value.clone())
    };
    assert_eq!(attr("settled").as_deref(), Some("1"));
    assert_eq!(attr("moved_back").as_deref(), Some("3"));
    assert_eq!(s.referral_of("dave").unwrap().status, ReferralStatus::Paid);
    assert_eq!(s.totals().owed_count, 3);
}
