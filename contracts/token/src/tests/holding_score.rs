//! SPEC §1 holding score: 7-day rolling time-weighted average, O(1).

use cosmwasm_std::Uint128;
use mesi_types::token::{HoldingScoreResponse, QueryMsg};

use super::reference::Reference;
use super::suite::*;
use crate::account::{key, Account};

/// Whitepaper: 25,000 on days 1-5, 10,000 on day 6, 50,000 on day 7 => 26,429.
fn whitepaper(start: u64, unit: u128) -> u128 {
    let mut suite = SuiteBuilder::new()
        .with_allocations(vec![("whale", 1_000_000 * M)])
        .with_start_time(start)
        .build();
    suite.transfer("whale", "fan", 25_000 * unit).unwrap();
    suite.advance(5 * DAY);
    suite.transfer("fan", "whale", 15_000 * unit).unwrap();
    suite.advance(DAY);
    suite.transfer("whale", "fan", 40_000 * unit).unwrap();
    suite.advance(DAY);
    let r: HoldingScoreResponse = suite
        .q(&QueryMsg::HoldingScore {
            address: suite.addr("fan").to_string(),
        })
        .unwrap();
    assert_eq!(r.window_seconds, 604_800);
    assert_eq!(r.balance.u128(), 50_000 * unit);
    r.score.u128()
}

/// Whole MESI, rounded to the nearest (the whitepaper's figure).
fn whole(base_units: u128) -> u128 {
    (base_units + M / 2) / M
}

#[test]
fn holding_score_whitepaper_vector_whole_mesi() {
    // day-aligned start: 26,428.571428 MESI, i.e. 26,429 MESI as the whitepaper rounds it
    assert_eq!(whole(whitepaper(1_700_006_400, M)), 26_429);
}

#[test]
fn holding_score_whitepaper_vector_base_units() {
    // 185,000 MESI-days / 7 = 26,428.571428(571) MESI, rounded DOWN in base units
    assert_eq!(whitepaper(1_700_006_400, M), 26_428_571_428);
    // amounts in base units: 26,428.57 base units rounds down
    assert_eq!(whitepaper(1_700_006_400, 1), 26_428);
}

#[test]
fn holding_score_whitepaper_vector_unaligned_start() {
    // the same story starting in the middle of a day: the days of the story are 24h periods
    // from the start, not calendar days, and the result is the same
    assert_eq!(whitepaper(1_700_006_400 + 37_123, 1), 26_428);
    assert_eq!(whitepaper(1_700_006_400 + 86_399, M), 26_428_571_428);
}

/// A day boundary (1,700,006,400 = 19,676 * 86,400).
const D0: u64 = 1_700_006_400;

/// Issue 12 §7: `amount` lent to a fresh fan from `D0 + lend` to `D0 + back`, score and tier
/// read at `D0 + 604,801`.
fn borrowed_across_midnight(amount: u128, lend: u64, back: u64) -> (u128, u8) {
    let mut suite = SuiteBuilder::new().with_start_time(D0).build();
    assert_eq!(suite.balance("fan"), 0);
    suite.advance(lend);
    suite.transfer("alice", "fan", amount).unwrap();
    suite.advance(back - lend);
    suite.transfer("fan", "alice", amount).unwrap();
    suite.advance(604_801 - back);
    assert_eq!(suite.now(), D0 + 604_801);
    let t = suite.tier("fan");
    assert_eq!(t.holding_score.u128(), suite.score("fan"));
    (suite.score("fan"), t.tier)
}

#[test]
fn holding_score_never_counts_balance_time_not_held() {
    // 700,000 MESI held 20 s across midnight: 700,000 * 20 / 604,800 = 23.148148 MESI
    // (was 100,010.416667 MESI and tier 5: the oldest day counted at its closing balance)
    let (score, tier) = borrowed_across_midnight(700_000 * M, 86_390, 86_410);
    assert_eq!(score, 23_148_148);
    assert_eq!(score, 700_000 * M * 20 / 604_800);
    assert_eq!(tier, 0);
}

#[test]
fn a_loan_of_seconds_across_midnight_buys_no_tier() {
    // 3,600 MESI for 12 s: 0.071428 MESI, tier 0 (was 514 MESI and tier 5)
    let (score, tier) = borrowed_across_midnight(3_600 * M, 86_394, 86_406);
    assert_eq!(score, 3_600 * M * 12 / 604_800);
    assert_eq!(score, 71_428);
    assert_eq!(tier, 0);
}

#[test]
fn a_hold_of_x_for_s_seconds_adds_at_most_x_s_over_the_window() {
    // the same 20 s hold read at every second as the window's start slides over it
    let amount = 700_000 * M;
    let mut suite = SuiteBuilder::new().with_start_time(D0).build();
    let mut r = Reference::default();
    suite.advance(86_390);
    suite.transfer("alice", "fan", amount).unwrap();
    r.set(suite.now(), amount);
    suite.advance(20);
    suite.transfer("fan", "alice", amount).unwrap();
    r.set(suite.now(), 0);
    suite.advance(604_800 - 20 - 5);
    for _ in 0..40 {
        let (t, score) = (suite.now(), suite.score("fan"));
        assert!(score <= amount * 20 / 604_800, "t {t}: {score}");
        assert_eq!(score, r.exact(t), "t {t}");
        suite.advance(1);
    }
    // once the window has passed the hold, nothing is left of it
    assert_eq!(suite.score("fan"), 0);
}

#[test]
fn holding_score_counts_time_before_the_account_existed_as_zero() {
    let mut suite = SuiteBuilder::new().with_start_time(1_700_006_400).build();
    suite.transfer("alice", "fan", 700 * M).unwrap();
    suite.advance(DAY);
    assert_eq!(suite.score("fan"), 100 * M);
    suite.advance(6 * DAY);
    assert_eq!(suite.score("fan"), 700 * M);
    suite.advance(30 * DAY);
    assert_eq!(suite.score("fan"), 700 * M);
}

#[test]
fn holding_score_every_transfer_counts_not_snapshots() {
    // a balance held for one hour inside the window counts for one hour
    let mut suite = SuiteBuilder::new().with_start_time(1_700_006_400).build();
    suite.transfer("alice", "fan", 604_800).unwrap();
    suite.advance(3_600);
    suite.transfer("fan", "alice", 604_800).unwrap();
    suite.advance(DAY);
    assert_eq!(suite.score("fan"), 3_600);
}

#[test]
fn holding_score_equals_the_exact_window_integral_over_day_crossing_transfers() {
    // one transfer every ~3-7 hours for three weeks: every read is checked against the exact
    // reference (integral over [t - W, t] / W) within the documented bound
    let mut suite = SuiteBuilder::new().with_start_time(1_700_000_000).build();
    let mut r = Reference::default();
    for i in 0..120u64 {
        let amt = ((i * 7919) % 1000 + 1) as u128 * M;
        if i % 3 == 2 && suite.balance("fan") >= amt {
            suite.transfer("fan", "alice", amt).unwrap();
        } else {
            suite.transfer("alice", "fan", amt).unwrap();
        }
        r.set(suite.now(), suite.balance("fan"));
        suite.advance(3 * 3_600 + (i * 1_301) % 14_400);
        let (t, s) = (suite.now(), suite.score("fan"));
        r.check(s, t).unwrap();
    }
}

#[test]
fn transfers_do_not_get_slower_with_history() {
    // the record stays bounded whatever the number of changes: at most 8 day entries
    let mut a = Account::default();
    let mut max_len = 0;
    for i in 0..5_000u64 {
        a.set_balance(i * 3_000, (i as u128 * 7_919) % 1_000_000_007);
        max_len = max_len.max(a.encode().len());
        assert!(a.days.len() <= 8);
    }
    assert!(
        max_len <= 2 + 9 + 17 + 17 + 8 * 35,
        "record {max_len} bytes"
    );
    // an account that changes once a week stays tiny
    let mut b = Account::default();
    for i in 0..100u64 {
        b.set_balance(i * 7 * 86_400 + 5, 1_000_000 * (i as u128 % 3 + 1));
    }
    assert!(b.encode().len() < 40, "{}", b.encode().len());
}

#[test]
fn holding_score_query_is_o1_single_record() {
    let mut suite = SuiteBuilder::new().build();
    suite.transfer("alice", "fan", 5 * M).unwrap();
    // exactly one storage entry holds the fan's balance and score
    let raw = suite
        .app
        .wrap()
        .query_wasm_raw(suite.token.clone(), key(suite.addr("fan").as_str()))
        .unwrap()
        .unwrap();
    let acc = Account::decode(&raw).unwrap();
    assert_eq!(acc.balance, 5 * M);
    let _ = Uint128::zero();
}
