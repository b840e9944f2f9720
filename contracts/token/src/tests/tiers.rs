//! SPEC §1 tiers: influence points = holding score + locked; fan and creator paths; max of both.

use cosmwasm_std::Uint128;
use mesi_types::token::{default_tiers, ExecuteMsg, TierResponse, TierRow};

use super::suite::*;

const NAMES: [&str; 10] = [
    "f1", "f1m", "f2", "f2m", "f3", "f3m", "f4", "f4m", "f5", "f5m",
];

#[test]
fn fan_tier_is_highest_row_whose_hold_threshold_is_reached() {
    let mut suite = SuiteBuilder::new().build();
    let rows = default_tiers();
    for (i, row) in rows.iter().enumerate() {
        suite
            .transfer("alice", NAMES[2 * i], row.fan_hold.u128())
            .unwrap();
        suite
            .transfer("alice", NAMES[2 * i + 1], row.fan_hold.u128() - 1)
            .unwrap();
    }
    suite.advance(7 * DAY);
    for i in 0..5 {
        let at = suite.tier(NAMES[2 * i]);
        assert_eq!(at.tier, i as u8 + 1, "row {} exact", i + 1);
        assert_eq!(at.holding_score, rows[i].fan_hold);
        assert_eq!(at.influence_points, rows[i].fan_hold);
        assert_eq!(
            suite.tier(NAMES[2 * i + 1]).tier,
            i as u8,
            "row {} minus one",
            i + 1
        );
    }
    // far above the top row: still the top tier
    assert_eq!(suite.tier("alice").tier, 5);
    // no tokens: tier 0
    assert_eq!(
        suite.tier("nobody"),
        TierResponse {
            tier: 0,
            fan_tier: 0,
            creator_tier: 0,
            creator_tier_after_unlock: 0,
            influence_points: Uint128::zero(),
            holding_score: Uint128::zero(),
            locked: Uint128::zero()
        }
    );
}

#[test]
fn influence_points_add_locked_to_holding_score() {
    let mut suite = SuiteBuilder::new().build();
    // fresh account: score ~0, but locking counts at once
    suite.transfer("alice", "fan", 300 * M).unwrap();
    assert_eq!(suite.tier("fan").tier, 0);
    suite.lock("fan", 200 * M).unwrap();
    let t = suite.tier("fan");
    assert_eq!(t.locked.u128(), 200 * M);
    assert_eq!(t.holding_score.u128(), 0);
    assert_eq!(t.tier, 2);
    suite.advance(DAY);
    // score 300/7 MESI after one day (rounded down: 42.857142) + 200 locked
    let t = suite.tier("fan");
    assert_eq!(t.holding_score.u128(), 300 * M / 7);
    assert_eq!(t.influence_points.u128(), 242_857_142);
    assert_eq!(t.tier, 2);
}

fn custom_suite() -> Suite {
    let mut suite = SuiteBuilder::new().build();
    let owner = suite.owner.clone();
    let tiers = vec![
        TierRow {
            fan_hold: Uint128::new(1_000 * M),
            creator_locked: Uint128::new(10 * M),
        },
        TierRow {
            fan_hold: Uint128::new(2_000 * M),
            creator_locked: Uint128::new(20 * M),
        },
        TierRow {
            fan_hold: Uint128::new(3_000 * M),
            creator_locked: Uint128::new(30 * M),
        },
    ];
    suite
        .exec_addr(
            &owner,
            &ExecuteMsg::UpdateConfig {
                marketplace: None,
                arbiter: None,
                treasury: None,
                unlock_delay: None,
                tiers: Some(tiers),
            },
        )
        .unwrap();
    suite
}

#[test]
fn creator_tier_is_highest_row_whose_locked_threshold_is_reached() {
    let mut suite = custom_suite();
    suite.transfer("alice", "creator", 25 * M).unwrap();
    suite.lock("creator", 19 * M).unwrap();
    assert_eq!(suite.tier("creator").tier, 1);
    suite.lock("creator", M).unwrap();
    assert_eq!(suite.tier("creator").tier, 2);
    // a pending unlock still counts until released
    suite.unlock("creator", 15 * M).unwrap();
    assert_eq!(suite.tier("creator").tier, 2);
    suite.advance(7 * DAY);
    assert_eq!(suite.tier("creator").tier, 0);
}

/// Issue 19 (SPEC §3 "While an unlock is pending"): beside the creator tier, the answer names the
/// creator tier of `locked - pending unlock`, which the marketplace judges new orders by.
#[test]
fn the_tier_answer_names_the_creator_tier_that_remains_after_a_pending_unlock() {
    let mut suite = custom_suite();
    suite.transfer("alice", "creator", 25 * M).unwrap();
    suite.lock("creator", 20 * M).unwrap();
    let t = suite.tier("creator");
    assert_eq!((t.creator_tier, t.creator_tier_after_unlock), (2, 2));
    // 20 - 15 = 5 locked after the release: creator tier 0, while the whole lock still counts
    suite.unlock("creator", 15 * M).unwrap();
    let t = suite.tier("creator");
    assert_eq!((t.creator_tier, t.creator_tier_after_unlock), (2, 0));
    assert_eq!(t.locked.u128(), 20 * M);
    // once released both agree, without another transaction
    suite.advance(7 * DAY);
    let t = suite.tier("creator");
    assert_eq!((t.creator_tier, t.creator_tier_after_unlock), (0, 0));
    assert_eq!(t.locked.u128(), 5 * M);
}

#[test]
fn tier_is_the_higher_of_fan_and_creator_paths() {
    let mut suite = custom_suite();
    // fan path: 2,000 held 7 days => 2; creator path: 30 locked => 3
    suite.transfer("alice", "both", 2_000 * M).unwrap();
    suite.advance(7 * DAY);
    assert_eq!(suite.tier("both").tier, 2);
    suite.lock("both", 30 * M).unwrap();
    let t = suite.tier("both");
    assert_eq!(t.tier, 3);
    assert_eq!((t.fan_tier, t.creator_tier), (2, 3));
    assert_eq!(t.influence_points.u128(), 2_030 * M);
    // and the other way round: fan path above the creator path
    suite.transfer("alice", "fan", 3_000 * M).unwrap();
    suite.advance(7 * DAY);
    suite.lock("fan", 10 * M).unwrap();
    let t = suite.tier("fan");
    assert_eq!((t.tier, t.fan_tier, t.creator_tier), (3, 3, 1));
}

/// Issue 14: the tier answer names the fan tier and the creator tier beside the tier (the
/// higher of both). With the default table, 500 locked MESI reach fan tier 5 (influence points
/// >= 500) but only creator tier 1: the marketplace's selling limits follow the creator tier.
#[test]
fn tier_response_names_fan_and_creator_tiers_beside_the_tier() {
    let mut suite = SuiteBuilder::new().build();
    suite.transfer("alice", "creator", 600 * M).unwrap();
    suite.lock("creator", 500 * M).unwrap();
    let t = suite.tier("creator");
    assert_eq!((t.tier, t.fan_tier, t.creator_tier), (5, 5, 1));
    // a fan holding 250 MESI for 7 days: fan tier 2, creator tier 0
    suite.transfer("alice", "fan", 250 * M).unwrap();
    suite.advance(7 * DAY);
    let t = suite.tier("fan");
    assert_eq!((t.tier, t.fan_tier, t.creator_tier), (2, 2, 0));
    // older answers without the two fields still read (as 0)
    let old: TierResponse = cosmwasm_std::from_json(
        br#"{"tier":3,"influence_points":"1","holding_score":"1","locked":"0"}"#,
    )
    .unwrap();
    assert_eq!((old.tier, old.fan_tier, old.creator_tier), (3, 0, 0));
}
