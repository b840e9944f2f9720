//! SPEC §8, one test per rule (named after it), and the whitepaper's vectors.

use cosmwasm_std::Uint128;
use cw_multi_test::Executor;
use mesi_testing::{DAY, M};
use mesi_types::gallery::ExecuteMsg as GalleryMsg;
use mesi_types::revenue::{
    AccessReason, ContributionResponse, EpochResponse, ExecuteMsg, PlanInput, PlansResponse,
    QueryMsg, ReceiveMsg, Source, SubscriptionsResponse, TierDiscount, MONTH_SECONDS, YEAR_SECONDS,
};

use super::suite::*;
use crate::error::ContractError;

fn transfer_nft(r: &mut Rev, from: &str, to: &str, token_id: &str) {
    let (gallery, to) = (r.s.gallery.clone(), r.s.addr(to).to_string());
    r.s.exec(
        from,
        &gallery,
        &GalleryMsg::TransferNft {
            recipient: to,
            token_id: token_id.into(),
        },
        &[],
    )
    .unwrap();
}

fn ppv_off(r: &mut Rev, token_id: &str) {
    let gallery = r.s.gallery.clone();
    r.s.exec(
        "alice",
        &gallery,
        &GalleryMsg::SetPayPerView {
            token_id: token_id.into(),
            enabled: false,
        },
        &[],
    )
    .unwrap();
}

fn primary_sale(r: &mut Rev, creator: &str, amount: u128) {
    let creator = r.s.addr(creator).to_string();
    r.send(
        "market",
        amount,
        &ReceiveMsg::PrimarySaleProceeds { creator },
    )
    .unwrap();
}

// ---- payments ----

#[test]
fn every_payment_pays_the_commission_to_the_treasury_rounded_up_fee_plus_net_is_gross() {
    let mut r = rev();
    let t0 = r.treasury_mesi();
    // 10% of 10,000,001 is 1,000,000.1: rounded up to 1,000,001; the creator's net is 9,000,000
    let res = r.tip("bob", "alice", 10 * M + 1).unwrap();
    assert_eq!(r.treasury_mesi() - t0, M + 1);
    assert_eq!(r.balance("alice"), 9 * M);
    assert_eq!(r.attr(&res, "action").unwrap(), "tip");
    assert_eq!(r.attr(&res, "commission").unwrap(), "1000001");
    assert_eq!(r.attr(&res, "net").unwrap(), "9000000");
    // the commission rate is the one in force at the payment
    let owner = r.s.owner.clone();
    let rev_addr = r.rev.clone();
    r.s.app
        .execute_contract(
            owner,
            rev_addr,
            &ExecuteMsg::UpdateConfig(mesi_types::revenue::ConfigUpdate {
                commission_bps: Some(2_000),
                ..Default::default()
            }),
            &[],
        )
        .unwrap();
    r.tip("bob", "alice", 10 * M).unwrap();
    assert_eq!(r.treasury_mesi() - t0, 3 * M + 1);
    assert_eq!(r.balance("alice"), 17 * M);
    r.assert_books();
}

#[test]
fn the_creators_net_is_split_by_its_contribution_rate_and_its_part_is_claimable_at_once() {
    let mut r = rev();
    r.set_rate("alice", 40).unwrap();
    r.tip("bob", "alice", 100 * M).unwrap();
    assert_eq!(r.balance("alice"), 54 * M);
    assert_eq!(r.pool("alice").pool.u128(), 36 * M);
    let before = r.mesi("alice");
    r.exec("alice", &ExecuteMsg::Withdraw {}).unwrap();
    assert_eq!(r.mesi("alice") - before, 54 * M);
    assert_eq!(r.balance("alice"), 0);
    assert_eq!(
        err(r.exec("alice", &ExecuteMsg::Withdraw {})),
        ContractError::NothingToWithdraw
    );
    r.assert_books();
}

#[test]
fn a_creator_is_an_account_that_has_minted_at_least_one_gallery_token() {
    let mut r = rev();
    let dan = r.s.addr("dan").to_string();
    assert_eq!(
        err(r.tip("bob", "dan", 10 * M)),
        ContractError::NotACreator { address: dan }
    );
    assert_eq!(
        err(r.set_rate("dan", 10)),
        ContractError::NotACreator {
            address: r.s.addr("dan").to_string()
        }
    );
    r.s.mint_nft("dan", "dan-1").unwrap();
    r.tip("bob", "dan", 10 * M).unwrap();
    // still a creator after burning its only token
    let gallery = r.s.gallery.clone();
    r.s.exec(
        "dan",
        &gallery,
        &GalleryMsg::Burn {
            token_id: "dan-1".into(),
        },
        &[],
    )
    .unwrap();
    r.tip("bob", "dan", 10 * M).unwrap();
    assert_eq!(r.balance("dan"), 18 * M);
}

#[test]
fn tips_at_or_above_the_minimum_naming_one_of_the_creators_tokens_and_a_memo_of_at_most_140_bytes()
{
    let mut r = rev();
    let alice = r.s.addr("alice").to_string();
    assert_eq!(
        err(r.tip("bob", "alice", 99_999)),
        ContractError::TipTooSmall {
            amount: Uint128::new(99_999),
            min: Uint128::new(100_000)
        }
    );
    r.tip("bob", "alice", 100_000).unwrap();
    let res = r
        .send(
            "bob",
            M,
            &ReceiveMsg::Tip {
                creator: alice.clone(),
                token_id: Some("art-2".into()),
                memo: Some("x".repeat(140)),
            },
        )
        .unwrap();
    assert_eq!(r.attr(&res, "token_id").unwrap(), "art-2");
    assert_eq!(
        err(r.send(
            "bob",
            M,
            &ReceiveMsg::Tip {
                creator: alice.clone(),
                token_id: None,
                memo: Some("é".repeat(71)),
            },
        )),
        ContractError::MemoTooLong { len: 142, max: 140 }
    );
    assert_eq!(
        err(r.send(
            "bob",
            M,
            &ReceiveMsg::Tip {
                creator: alice,
                token_id: Some("zoe-1".into()),
                memo: None,
            },
        )),
        ContractError::NotTokenCreator {
            token_id: "zoe-1".into(),
            creator: r.s.addr("zoe").to_string()
        }
    );
    r.assert_books();
}

// ---- pay-per-view ----

#[test]
fn ppv_the_creator_sets_a_price_while_ppv_is_on_and_0_is_free() {
    let mut r = rev();
    assert_eq!(r.access("art-1", "bob"), AccessReason::None);
    assert_eq!(
        err(r.unlock("bob", "art-1", 5 * M)),
        ContractError::PpvPriceNotSet {
            token_id: "art-1".into()
        }
    );
    assert_eq!(
        err(r.set_ppv("bob", "art-1", 5 * M)),
        ContractError::NotTokenCreator {
            token_id: "art-1".into(),
            creator: r.s.addr("alice").to_string()
        }
    );
    r.set_ppv("alice", "art-1", 0).unwrap();
    assert_eq!(r.access("art-1", "bob"), AccessReason::Free);
    r.set_ppv("alice", "art-1", 5 * M).unwrap();
    assert_eq!(r.access("art-1", "bob"), AccessReason::None);
    ppv_off(&mut r, "art-2");
    assert_eq!(
        err(r.set_ppv("alice", "art-2", 5 * M)),
        ContractError::PpvOff {
            token_id: "art-2".into()
        }
    );
}

/// Whitepaper "Unlock Once" vector: a fan who paid keeps access after the token is sold, the new owner
/// has access without paying, the creator always has, with PPV off everyone has, and PPV revenue goes
/// to the creator, never to the owner.
#[test]
fn ppv_vector_paid_access_survives_a_sale_owner_and_creator_always_ppv_off_opens_revenue_to_creator(
) {
    let mut r = rev();
    r.set_ppv("alice", "art-1", 5 * M).unwrap();
    r.unlock("bob", "art-1", 5 * M).unwrap();
    assert_eq!(r.balance("alice"), 4_500_000);
    assert_eq!(r.access("art-1", "bob"), AccessReason::Paid);
    transfer_nft(&mut r, "alice", "dan", "art-1");
    assert_eq!(r.access("art-1", "bob"), AccessReason::Paid);
    assert_eq!(r.access("art-1", "dan"), AccessReason::Owner);
    assert_eq!(r.access("art-1", "alice"), AccessReason::Creator);
    assert_eq!(r.access("art-1", "carol"), AccessReason::None);
    // PPV revenue after the sale: the creator, never the owner
    let dan_before = r.mesi("dan");
    r.unlock("carol", "art-1", 5 * M).unwrap();
    assert_eq!(r.balance("alice"), 9 * M);
    assert_eq!(r.balance("dan"), 0);
    assert_eq!(r.mesi("dan"), dan_before);
    // the owner needs no unlock
    assert_eq!(
        err(r.unlock("dan", "art-1", 5 * M)),
        ContractError::AlreadyHasAccess {
            token_id: "art-1".into(),
            reason: "owner".into()
        }
    );
    // PPV off: open to everybody; the paid fan keeps its own reason
    ppv_off(&mut r, "art-1");
    assert_eq!(r.access("art-1", "erin"), AccessReason::Free);
    assert_eq!(r.access("art-1", "bob"), AccessReason::Paid);
    assert_eq!(r.access("art-1", "alice"), AccessReason::Creator);
    r.assert_books();
}

#[test]
fn ppv_a_fan_pays_once_naming_the_price_it_agreed_to() {
    let mut r = rev();
    r.set_ppv("alice", "art-1", 5 * M).unwrap();
    r.unlock("bob", "art-1", 5 * M).unwrap();
    assert_eq!(
        err(r.unlock("bob", "art-1", 5 * M)),
        ContractError::AlreadyHasAccess {
            token_id: "art-1".into(),
            reason: "paid".into()
        }
    );
    assert_eq!(r.balance("alice"), 4_500_000);
}

// ---- subscriptions ----

#[test]
fn subscriptions_a_creator_defines_up_to_5_plans() {
    let mut r = rev();
    for _ in 0..5 {
        r.create_plan("alice", Rev::plan(10 * M)).unwrap();
    }
    assert_eq!(
        err(r.create_plan("alice", Rev::plan(10 * M))),
        ContractError::TooManyPlans { max: 5 }
    );
    r.exec("alice", &ExecuteMsg::RemovePlan { plan_id: 2 })
        .unwrap();
    let res = r.create_plan("alice", Rev::plan(10 * M)).unwrap();
    // ids are never reused
    assert_eq!(r.attr(&res, "plan_id").unwrap().parse::<u32>().unwrap(), 6);
    let p: PlansResponse = r.q(&QueryMsg::Plans {
        creator: r.s.addr("alice").to_string(),
    });
    let ids: Vec<u32> = p.plans.iter().map(|p| p.plan_id).collect();
    assert_eq!(ids, vec![1, 3, 4, 5, 6]);
    assert_eq!(p.plans[0].trial_days, 7);
}

#[test]
fn subscriptions_paying_again_extends_from_the_later_of_now_and_the_current_end() {
    let mut r = rev();
    r.create_plan("alice", Rev::plan(10 * M)).unwrap();
    let t0 = r.s.now();
    r.subscribe("bob", "alice", 1, false, 10 * M).unwrap();
    assert_eq!(r.sub("bob", "alice").unwrap().end, t0 + MONTH_SECONDS);
    r.s.advance(10 * DAY);
    r.subscribe("bob", "alice", 1, false, 10 * M).unwrap();
    assert_eq!(r.sub("bob", "alice").unwrap().end, t0 + 2 * MONTH_SECONDS);
    // after the end: from now
    r.s.advance(70 * DAY);
    assert!(!r.sub("bob", "alice").unwrap().active);
    let now = r.s.now();
    r.subscribe("bob", "alice", 1, true, 100 * M).unwrap();
    let s = r.sub("bob", "alice").unwrap();
    assert_eq!(s.end, now + YEAR_SECONDS);
    assert!(s.active && s.yearly);
    assert_eq!(r.balance("alice"), 108 * M);
    r.assert_books();
}

#[test]
fn subscriptions_another_plan_replaces_the_current_one_from_now() {
    let mut r = rev();
    r.create_plan("alice", Rev::plan(10 * M)).unwrap();
    r.create_plan("alice", Rev::plan(20 * M)).unwrap();
    r.subscribe("bob", "alice", 1, false, 10 * M).unwrap();
    r.s.advance(DAY);
    let now = r.s.now();
    r.subscribe("bob", "alice", 2, false, 20 * M).unwrap();
    let s = r.sub("bob", "alice").unwrap();
    assert_eq!((s.plan_id, s.end), (2, now + MONTH_SECONDS));
    // one subscription per fan and creator
    let subs: SubscriptionsResponse = r.q(&QueryMsg::Subscribers {
        creator: r.s.addr("alice").to_string(),
        start_after: None,
        limit: None,
    });
    assert_eq!(subs.subscriptions.len(), 1);
}

#[test]
fn subscriptions_one_free_trial_per_fan_and_creator() {
    let mut r = rev();
    r.create_plan("alice", Rev::plan(10 * M)).unwrap();
    let alice = r.s.addr("alice").to_string();
    let trial = |price: u128| ExecuteMsg::StartTrial {
        creator: alice.clone(),
        plan_id: 1,
        yearly: false,
        price: Uint128::new(price),
    };
    let now = r.s.now();
    r.exec("bob", &trial(10 * M)).unwrap();
    let s = r.sub("bob", "alice").unwrap();
    assert!(s.trial && s.active && s.trial_used);
    assert_eq!(s.end, now + 7 * DAY);
    assert_eq!(r.balance("alice"), 0);
    r.s.advance(30 * DAY);
    assert_eq!(err(r.exec("bob", &trial(10 * M))), ContractError::TrialUsed);
    // a paying subscriber cannot start a trial
    r.subscribe("carol", "alice", 1, false, 10 * M).unwrap();
    assert_eq!(
        err(r.exec("carol", &trial(10 * M))),
        ContractError::AlreadySubscribed {
            end: r.s.now() + MONTH_SECONDS
        }
    );
}

#[test]
fn subscriptions_a_tier_discount_for_fans_at_or_above_an_account_tier() {
    let mut r = rev();
    r.create_plan(
        "alice",
        PlanInput {
            discount: Some(TierDiscount {
                min_tier: 1,
                bps: 2_000,
            }),
            ..Rev::plan(10 * M)
        },
    )
    .unwrap();
    r.s.lock("bob", 500 * M).unwrap();
    assert!(r.s.tier("bob").tier >= 1);
    assert_eq!(r.s.tier("erin").tier, 0);
    assert_eq!(
        err(r.subscribe("bob", "alice", 1, false, 10 * M)),
        ContractError::PriceChanged {
            agreed: Uint128::new(10 * M),
            current: Uint128::new(8 * M)
        }
    );
    r.subscribe("bob", "alice", 1, false, 8 * M).unwrap();
    r.subscribe("erin", "alice", 1, false, 10 * M).unwrap();
    assert_eq!(r.balance("alice"), 16_200_000);
}

#[test]
fn auto_renewal_by_anyone_at_or_after_the_end_within_3_days_never_above_the_plan_price() {
    let mut r = rev();
    r.create_plan("alice", Rev::plan(10 * M)).unwrap();
    r.subscribe("bob", "alice", 1, false, 10 * M).unwrap();
    r.allow("bob", 100 * M);
    let end = r.sub("bob", "alice").unwrap().end;
    assert_eq!(
        err(r.renew("dan", "bob", "alice")),
        ContractError::RenewalNotDue {
            end,
            now: r.s.now()
        }
    );
    r.s.set_time(end + DAY);
    let before = r.mesi("bob");
    r.renew("dan", "bob", "alice").unwrap();
    assert_eq!(before - r.mesi("bob"), 10 * M);
    assert_eq!(
        r.sub("bob", "alice").unwrap().end,
        end + DAY + MONTH_SECONDS
    );
    assert_eq!(r.balance("alice"), 18 * M);
    // a cheaper plan renews cheaper; a dearer one is refused (the fan agreed to 10)
    r.exec(
        "alice",
        &ExecuteMsg::UpdatePlan {
            plan_id: 1,
            plan: Rev::plan(12 * M),
        },
    )
    .unwrap();
    let end = r.sub("bob", "alice").unwrap().end;
    r.s.set_time(end);
    assert_eq!(
        err(r.renew("dan", "bob", "alice")),
        ContractError::RenewalPriceRaised {
            agreed: Uint128::new(10 * M),
            current: Uint128::new(12 * M)
        }
    );
    r.exec(
        "alice",
        &ExecuteMsg::UpdatePlan {
            plan_id: 1,
            plan: Rev::plan(7 * M),
        },
    )
    .unwrap();
    let before = r.mesi("bob");
    r.renew("dan", "bob", "alice").unwrap();
    assert_eq!(before - r.mesi("bob"), 7 * M);
    assert_eq!(r.sub("bob", "alice").unwrap().price.u128(), 7 * M);
    // after the 3-day window: lapsed
    let end = r.sub("bob", "alice").unwrap().end;
    r.s.set_time(end + 3 * DAY + 1);
    assert_eq!(
        err(r.renew("dan", "bob", "alice")),
        ContractError::RenewalWindowClosed {
            deadline: end + 3 * DAY,
            now: end + 3 * DAY + 1
        }
    );
    r.assert_books();
}

#[test]
fn auto_renewal_after_a_free_trial_charges_the_price_the_fan_saw() {
    let mut r = rev();
    r.create_plan("alice", Rev::plan(10 * M)).unwrap();
    let alice = r.s.addr("alice").to_string();
    r.exec(
        "bob",
        &ExecuteMsg::StartTrial {
            creator: alice,
            plan_id: 1,
            yearly: false,
            price: Uint128::new(10 * M),
        },
    )
    .unwrap();
    r.allow("bob", 10 * M);
    r.s.advance(7 * DAY);
    r.renew("keeper", "bob", "alice").unwrap();
    let s = r.sub("bob", "alice").unwrap();
    assert!(!s.trial && s.active);
    assert_eq!(r.balance("alice"), 9 * M);
}

#[test]
fn a_renewal_the_allowance_or_balance_cannot_cover_fails_the_subscription_lapses_nothing_moves() {
    let mut r = rev();
    r.create_plan("alice", Rev::plan(30 * M)).unwrap();
    r.subscribe("bob", "alice", 1, false, 30 * M).unwrap();
    r.subscribe("erin", "alice", 1, false, 30 * M).unwrap();
    r.allow("bob", 29 * M);
    r.allow("erin", 30 * M);
    let end = r.sub("bob", "alice").unwrap().end;
    r.s.set_time(end);
    let (books, bob, erin, treasury) =
        (r.books(), r.mesi("bob"), r.mesi("erin"), r.treasury_mesi());
    assert_eq!(
        err(r.renew("dan", "bob", "alice")),
        ContractError::AllowanceTooLow {
            allowance: Uint128::new(29 * M),
            needed: Uint128::new(30 * M)
        }
    );
    assert_eq!(
        err(r.renew("dan", "erin", "alice")),
        ContractError::BalanceTooLow {
            balance: Uint128::new(20 * M),
            needed: Uint128::new(30 * M)
        }
    );
    assert_eq!(r.books(), books);
    assert_eq!(
        (r.mesi("bob"), r.mesi("erin"), r.treasury_mesi()),
        (bob, erin, treasury)
    );
    r.s.set_time(end + 3 * DAY + 1);
    assert!(!r.sub("bob", "alice").unwrap().active);
    assert!(matches!(
        err(r.renew("dan", "bob", "alice")),
        ContractError::RenewalWindowClosed { .. }
    ));
    // a fan may stop auto-renewal
    r.subscribe("bob", "alice", 1, false, 30 * M).unwrap();
    let alice = r.s.addr("alice").to_string();
    r.exec("bob", &ExecuteMsg::CancelAutoRenew { creator: alice })
        .unwrap();
    r.allow("bob", 100 * M);
    let end = r.sub("bob", "alice").unwrap().end;
    r.s.set_time(end);
    assert_eq!(
        err(r.renew("dan", "bob", "alice")),
        ContractError::AutoRenewOff
    );
}

#[test]
fn subscriptions_are_listed_by_fan_and_by_creator_in_pages() {
    let mut r = rev();
    r.create_plan("alice", Rev::plan(10 * M)).unwrap();
    r.create_plan("zoe", Rev::plan(10 * M)).unwrap();
    for fan in ["bob", "carol", "dan"] {
        r.subscribe(fan, "alice", 1, false, 10 * M).unwrap();
    }
    r.subscribe("bob", "zoe", 1, false, 10 * M).unwrap();
    let page: SubscriptionsResponse = r.q(&QueryMsg::Subscribers {
        creator: r.s.addr("alice").to_string(),
        start_after: None,
        limit: Some(2),
    });
    assert_eq!(page.subscriptions.len(), 2);
    let rest: SubscriptionsResponse = r.q(&QueryMsg::Subscribers {
        creator: r.s.addr("alice").to_string(),
        start_after: Some(page.subscriptions[1].fan.clone()),
        limit: Some(2),
    });
    assert_eq!(rest.subscriptions.len(), 1);
    let bobs: SubscriptionsResponse = r.q(&QueryMsg::SubscriptionsByFan {
        fan: r.s.addr("bob").to_string(),
        start_after: None,
        limit: None,
    });
    assert_eq!(bobs.subscriptions.len(), 2);
}

// ---- primary sales ----

#[test]
fn primary_sales_the_creators_net_proceeds_go_through_the_same_split_without_a_second_commission() {
    let mut r = rev();
    r.set_rate("alice", 25).unwrap();
    let t0 = r.treasury_mesi();
    primary_sale(&mut r, "alice", 100 * M);
    assert_eq!(r.treasury_mesi(), t0);
    assert_eq!(r.balance("alice"), 75 * M);
    assert_eq!(r.pool("alice").pool.u128(), 25 * M);
    // only the configured marketplace
    let alice = r.s.addr("alice").to_string();
    assert_eq!(
        err(r.send(
            "bob",
            M,
            &ReceiveMsg::PrimarySaleProceeds { creator: alice }
        )),
        ContractError::Unauthorized
    );
    r.assert_books();
}

// ---- contribution rate ----

#[test]
fn contribution_rate_a_creator_sets_whole_percent_0_to_100_for_the_current_period() {
    let mut r = rev();
    assert_eq!(
        err(r.set_rate("alice", 101)),
        ContractError::InvalidRate { percent: 101 }
    );
    r.set_rate("alice", 0).unwrap();
    r.set_rate("alice", 100).unwrap();
    let c: ContributionResponse = r.q(&QueryMsg::Contribution {
        creator: r.s.addr("alice").to_string(),
    });
    assert_eq!(
        (c.period, c.current_rate, c.effective_rate),
        (0, Some(100), 100)
    );
    assert!(c.history.is_empty());
}

#[test]
fn contribution_rate_a_periods_rate_is_the_rate_in_force_at_its_end() {
    let mut r = rev();
    r.set_rate("alice", 10).unwrap();
    r.s.advance(PERIOD - 10);
    r.set_rate("alice", 60).unwrap();
    r.s.advance(20);
    // period 0 ended at 60, not 10 (and not a time-weighted mix)
    let c: ContributionResponse = r.q(&QueryMsg::Contribution {
        creator: r.s.addr("alice").to_string(),
    });
    assert_eq!(c.period, 1);
    assert_eq!(c.history.len(), 1);
    assert_eq!((c.history[0].period, c.history[0].rate), (0, 60));
    assert_eq!(c.effective_rate, 60);
}

#[test]
fn contribution_rate_before_any_completed_period_the_current_rate_and_0_when_never_set() {
    let mut r = rev();
    r.tip("bob", "alice", 10 * M).unwrap();
    assert_eq!(r.pool("alice").pool.u128(), 0);
    // first set in period 2: periods before it do not count
    r.s.advance(2 * PERIOD);
    r.set_rate("alice", 30).unwrap();
    r.tip("bob", "alice", 10 * M).unwrap();
    assert_eq!(r.pool("alice").pool.u128(), 2_700_000);
    r.s.advance(PERIOD);
    r.set_rate("alice", 90).unwrap();
    // effective: the one completed period (30), not the current 90
    r.tip("bob", "alice", 10 * M).unwrap();
    assert_eq!(r.pool("alice").pool.u128(), 5_400_000);
}

/// SPEC §8 test vector: 100% for 6 periods, then 50% for 5; a payment in the 12th period with a net of
/// 1,000 MESI sends 770 to the gallery pool and 230 to the creator.
#[test]
fn contribution_vector_100_for_6_periods_then_50_for_5_a_net_of_1000_in_period_12_sends_770_to_the_pool_and_230_to_the_creator(
) {
    let mut r = rev();
    r.set_rate("alice", 100).unwrap();
    r.s.advance(6 * PERIOD);
    r.set_rate("alice", 50).unwrap();
    r.s.advance(5 * PERIOD);
    let c: ContributionResponse = r.q(&QueryMsg::Contribution {
        creator: r.s.addr("alice").to_string(),
    });
    assert_eq!(c.period, 11, "the 12th period");
    assert_eq!(c.effective_rate, 77);
    assert_eq!(c.history.len(), 11);
    // a net of 1,000 MESI as primary-sale proceeds (no commission) ...
    primary_sale(&mut r, "alice", 1_000 * M);
    assert_eq!(r.pool("alice").pool.u128(), 770 * M);
    assert_eq!(r.balance("alice"), 230 * M);
    // ... and as a tip whose gross leaves a net of exactly 1,000 MESI after the 10% commission
    r.tip("bob", "alice", 1_111_111_112).unwrap();
    assert_eq!(r.pool("alice").pool.u128(), 2 * 770 * M);
    assert_eq!(r.balance("alice"), 2 * 230 * M);
    r.assert_books();
}

// ---- distribution ----

#[test]
fn distribution_the_operator_publishes_root_total_cutoff_and_leaves_hash_and_the_total_moves_out_of_the_pool(
) {
    let mut r = rev();
    r.set_rate("alice", 100).unwrap();
    primary_sale(&mut r, "alice", 100 * M);
    let tree = r.tree("alice", 1, &[("bob", 60 * M), ("carol", 30 * M)]);
    let res = r.publish("alice", 1, &tree, Source::Pool).unwrap();
    assert_eq!(r.attr(&res, "action").unwrap(), "publish_distribution");
    assert_eq!(r.pool("alice").pool.u128(), 10 * M);
    let e: EpochResponse = r.q(&QueryMsg::Epoch {
        creator: r.s.addr("alice").to_string(),
        epoch: 1,
    });
    assert_eq!(e.root, tree.root);
    assert_eq!(e.total.u128(), 90 * M);
    assert_eq!(e.leaves_sha256, "ab".repeat(32));
    assert_eq!(e.cutoff_height, r.s.app.block_info().height);
    assert_eq!(e.deadline, e.published_at + 365 * DAY);
    let b = r.assert_books();
    assert_eq!((b.pools.u128(), b.epochs_pool.u128()), (10 * M, 90 * M));
    // only the operator
    let tree2 = r.tree("alice", 2, &[("bob", M)]);
    let alice = r.s.addr("alice").to_string();
    assert_eq!(
        err(r.exec(
            "bob",
            &ExecuteMsg::PublishDistribution {
                creator: alice,
                epoch: 2,
                root: tree2.root.clone(),
                total: Uint128::new(M),
                cutoff_height: 1,
                leaves_sha256: "ab".repeat(32),
                source: Source::Pool,
            }
        )),
        ContractError::Unauthorized
    );
}

#[test]
fn distribution_recipients_claim_with_a_proof_once() {
    let mut r = rev();
    r.set_rate("alice", 100).unwrap();
    primary_sale(&mut r, "alice", 100 * M);
    let tree = r.tree(
        "alice",
        1,
        &[("bob", 40 * M), ("carol", 30 * M), ("dan", 20 * M)],
    );
    r.publish("alice", 1, &tree, Source::Pool).unwrap();
    let before = r.mesi("carol");
    r.claim_leaf("carol", "alice", 1, &tree).unwrap();
    assert_eq!(r.mesi("carol") - before, 30 * M);
    assert_eq!(
        err(r.claim_leaf("carol", "alice", 1, &tree)),
        ContractError::AlreadyClaimed
    );
    let claimed: mesi_types::revenue::ClaimedResponse = r.q(&QueryMsg::Claimed {
        creator: r.s.addr("alice").to_string(),
        epoch: 1,
        address: r.s.addr("carol").to_string(),
    });
    assert!(claimed.claimed);
    r.assert_books();
}

#[test]
fn distribution_a_leaf_binds_contract_creator_epoch_recipient_and_amount_with_prefixed_hashing() {
    use crate::distribution::leaf_hash;
    let a = Uint128::new(5);
    let base = leaf_hash("c", "k", 1, "r", a);
    assert_ne!(base, leaf_hash("c2", "k", 1, "r", a));
    assert_ne!(base, leaf_hash("c", "k2", 1, "r", a));
    assert_ne!(base, leaf_hash("c", "k", 2, "r", a));
    assert_ne!(base, leaf_hash("c", "k", 1, "r2", a));
    assert_ne!(base, leaf_hash("c", "k", 1, "r", Uint128::new(6)));
    // length prefixes: moving bytes between fields changes the leaf
    assert_ne!(
        leaf_hash("ab", "c", 1, "r", a),
        leaf_hash("a", "bc", 1, "r", a)
    );
    // the test vector an off-chain builder must reproduce
    assert_eq!(
        hex::encode(leaf_hash(
            "cosmwasm1contract",
            "cosmwasm1creator",
            1,
            "cosmwasm1fan",
            Uint128::new(1_000_000)
        )),
        LEAF_VECTOR
    );
    // a proof of one epoch does not claim in another epoch of the same creator
    let mut r = rev();
    r.set_rate("alice", 100).unwrap();
    primary_sale(&mut r, "alice", 100 * M);
    let t1 = r.tree("alice", 1, &[("bob", 10 * M), ("carol", 10 * M)]);
    r.publish("alice", 1, &t1, Source::Pool).unwrap();
    let t2 = r.tree("alice", 2, &[("bob", 10 * M), ("dan", 10 * M)]);
    r.publish("alice", 2, &t2, Source::Pool).unwrap();
    let (_, amount, proof) = t1.leaves[0].clone();
    assert_eq!(
        err(r.claim("bob", "alice", 2, amount, proof)),
        ContractError::InvalidProof
    );
}

/// sha256(0x00 || 0x0011 "cosmwasm1contract" || 0x0010 "cosmwasm1creator" || 1u64 BE || 0x000c
/// "cosmwasm1fan" || 1000000u128 BE), see README.md.
const LEAF_VECTOR: &str = include_str!("leaf_vector.txt");

#[test]
fn distribution_after_the_claim_deadline_anyone_closes_the_epoch_and_the_rest_returns_to_the_pool()
{
    let mut r = rev();
    r.set_rate("alice", 100).unwrap();
    primary_sale(&mut r, "alice", 100 * M);
    let tree = r.tree("alice", 1, &[("bob", 60 * M), ("carol", 40 * M)]);
    r.publish("alice", 1, &tree, Source::Pool).unwrap();
    r.claim_leaf("bob", "alice", 1, &tree).unwrap();
    let deadline = r.s.now() + 365 * DAY;
    r.s.set_time(deadline);
    assert_eq!(
        err(r.close("dan", "alice", 1)),
        ContractError::EpochStillOpen {
            deadline,
            now: deadline
        }
    );
    r.s.advance(1);
    assert_eq!(
        err(r.claim_leaf("carol", "alice", 1, &tree)),
        ContractError::ClaimDeadlinePassed {
            deadline,
            now: deadline + 1
        }
    );
    let res = r.close("dan", "alice", 1).unwrap();
    assert_eq!(r.attr(&res, "returned").unwrap(), "40000000");
    assert_eq!(r.pool("alice").pool.u128(), 40 * M);
    assert_eq!(
        err(r.close("dan", "alice", 1)),
        ContractError::EpochClosed { epoch: 1 }
    );
    assert_eq!(
        err(r.claim_leaf("carol", "alice", 1, &tree)),
        ContractError::EpochClosed { epoch: 1 }
    );
    r.assert_books();
}

/// Whitepaper vector: ratings 40 (the creator's NFT), 50 (fan A), 5 (fan B) share a 475 MESI pool as
/// 200, 250 and 25; the epoch's tree is built here and every leaf is claimed.
#[test]
fn distribution_vector_ratings_40_50_5_of_a_475_pool_give_leaves_200_250_25() {
    let mut r = rev();
    r.set_rate("alice", 100).unwrap();
    primary_sale(&mut r, "alice", 475 * M);
    assert_eq!(r.pool("alice").pool.u128(), 475 * M);
    let ratings = [("alice", 40u128), ("bob", 50), ("carol", 5)];
    let sum: u128 = ratings.iter().map(|(_, x)| x).sum();
    let pool = 475 * M;
    let leaves: Vec<(&str, u128)> = ratings
        .iter()
        .map(|(n, rating)| (*n, pool * rating / sum))
        .collect();
    assert_eq!(
        leaves.iter().map(|(_, a)| a / M).collect::<Vec<_>>(),
        vec![200, 250, 25]
    );
    let tree = r.tree("alice", 1, &leaves);
    assert_eq!(tree.total, 475 * M);
    r.publish("alice", 1, &tree, Source::Pool).unwrap();
    for (name, amount) in &leaves {
        let before = r.mesi(name);
        r.claim_leaf(name, "alice", 1, &tree).unwrap();
        assert_eq!(r.mesi(name) - before, *amount);
    }
    let e: EpochResponse = r.q(&QueryMsg::Epoch {
        creator: r.s.addr("alice").to_string(),
        epoch: 1,
    });
    assert_eq!(e.claimed.u128(), 475 * M);
    assert_eq!(r.pool("alice").pool.u128(), 0);
    let b = r.assert_books();
    assert_eq!(b.owed.u128(), 0);
}

#[test]
fn distribution_engagement_and_ad_revenue_sources_keep_their_books_apart() {
    let mut r = rev();
    r.set_rate("alice", 100).unwrap();
    primary_sale(&mut r, "alice", 10 * M);
    // ad revenue: the operator deposits for one of alice's tokens
    r.send(
        "operator",
        50 * M,
        &ReceiveMsg::DepositAdRevenue {
            token_id: "art-1".into(),
        },
    )
    .unwrap();
    assert_eq!(r.pool("alice").ad_revenue.u128(), 50 * M);
    // engagement: drawn from the treasury's pool at publication
    r.fund_engagement(1_000 * M);
    let eng = r.tree("alice", 1, &[("bob", 200 * M), ("carol", 100 * M)]);
    r.publish("alice", 1, &eng, Source::Engagement).unwrap();
    assert_eq!(r.engagement_pool(), 700 * M);
    let ad = r.tree("alice", 2, &[("dan", 30 * M), ("carol", 20 * M)]);
    r.publish("alice", 2, &ad, Source::AdRevenue).unwrap();
    let pool = r.tree("alice", 3, &[("bob", 10 * M)]);
    assert_eq!(
        err(r.publish(
            "alice",
            3,
            &r.tree("alice", 3, &[("bob", 11 * M)]),
            Source::Pool
        )),
        ContractError::EpochTotalAboveSource {
            from: Source::Pool,
            available: Uint128::new(10 * M),
            total: Uint128::new(11 * M)
        }
    );
    r.publish("alice", 3, &pool, Source::Pool).unwrap();
    let b = r.assert_books();
    assert_eq!(
        (
            b.pools.u128(),
            b.ad_revenue.u128(),
            b.epochs_pool.u128(),
            b.epochs_ad_revenue.u128(),
            b.epochs_engagement.u128()
        ),
        (0, 0, 10 * M, 50 * M, 300 * M)
    );
    r.claim_leaf("bob", "alice", 1, &eng).unwrap();
    r.claim_leaf("carol", "alice", 2, &ad).unwrap();
    r.s.advance(366 * DAY);
    for epoch in 1..=3 {
        r.close("dan", "alice", epoch).unwrap();
    }
    // each rest went back to its own source
    assert_eq!(r.engagement_pool(), 800 * M);
    let p = r.pool("alice");
    assert_eq!((p.pool.u128(), p.ad_revenue.u128()), (10 * M, 30 * M));
    let b = r.assert_books();
    assert_eq!(b.epochs_engagement.u128(), 0);
}
