//! Issue 13 / SPEC §1 "Influence allocation": each rule, named after what it protects.

use cosmwasm_std::coins;
use mesi_types::gallery::ResolveOutcome;
use mesi_types::influence::{ExecuteMsg, MigrateMsg, DEFAULT_MAX_GALLERIES};

use super::suite::*;
use crate::error::ContractError;

#[test]
fn shares_keep_the_split_as_the_users_total_moves() {
    // the example: 10,000 points as 4,000 + 6,000 become 2,000 + 3,000 at 5,000 points
    let mut f = fixture();
    assert_eq!(f.points("fan"), 10_000 * M);
    f.allocate("fan", &[("ann", 4_000), ("bea", 6_000)])
        .unwrap();
    assert_eq!(f.points_to("fan", "ann"), 4_000 * M);
    assert_eq!(f.points_to("fan", "bea"), 6_000 * M);

    f.s.transfer_mesi("fan", "whale", 5_000 * M).unwrap();
    f.s.advance(WEEK);
    assert_eq!(f.points("fan"), 5_000 * M);
    assert_eq!(f.points_to("fan", "ann"), 2_000 * M);
    assert_eq!(f.points_to("fan", "bea"), 3_000 * M);

    // locking raises the total (holding score + locked) and both allocations grow in the same split
    f.s.lock("fan", 2_000 * M).unwrap();
    assert_eq!(f.points("fan"), 7_000 * M);
    let a = f.allocation("fan");
    assert_eq!(a.influence_points, u(7_000 * M));
    assert_eq!(a.total_share_bps, 10_000);
    assert_eq!(f.points_to("fan", "ann"), 2_800 * M);
    assert_eq!(f.points_to("fan", "bea"), 4_200 * M);
    assert_eq!(a.allocated_points, u(7_000 * M));
    // the shares themselves never moved
    assert_eq!(
        (f.share("fan", "ann"), f.share("fan", "bea")),
        (4_000, 6_000)
    );
}

#[test]
fn points_per_gallery_round_down_and_never_exceed_the_users_total() {
    let mut f = fixture();
    // 1,000 MESI + 1 base unit, three thirds: each floor(p x 3,333 / 10,000)
    f.s.transfer_mesi("whale", "fan2", 1).unwrap();
    f.s.advance(WEEK);
    let p = f.points("fan2");
    assert_eq!(p, 1_000 * M + 1);
    f.allocate("fan2", &[("ann", 3_333), ("bea", 3_333), ("cid", 3_334)])
        .unwrap();
    let a = f.allocation("fan2");
    for g in &a.galleries {
        assert_eq!(g.points.u128(), part(p, g.share_bps));
    }
    let sum: u128 = a.galleries.iter().map(|g| g.points.u128()).sum();
    assert_eq!(a.allocated_points.u128(), sum);
    assert!(sum <= p);
    assert_eq!(sum, 333_300_000 + 333_300_000 + 333_400_000);
}

#[test]
fn reallocating_and_withdrawing_take_effect_at_once_and_cost_nothing() {
    let mut f = fixture();
    f.allocate("fan", &[("ann", 4_000), ("bea", 6_000)])
        .unwrap();
    let balance = f.s.mesi_balance(&f.addr("fan"));
    // shares are absolute: moving 3,000 bps from bea to ann in one batch never passes 100%
    f.allocate("fan", &[("ann", 7_000), ("bea", 3_000)])
        .unwrap();
    assert_eq!(
        (f.share("fan", "ann"), f.share("fan", "bea")),
        (7_000, 3_000)
    );
    // 0 withdraws one gallery, the other keeps its share
    f.allocate("fan", &[("bea", 0)]).unwrap();
    let a = f.allocation("fan");
    assert_eq!(a.galleries.len(), 1);
    assert_eq!(a.total_share_bps, 7_000);
    assert_eq!(f.stats("bea").supporters, 0);
    f.withdraw_all("fan").unwrap();
    let a = f.allocation("fan");
    assert!(a.galleries.is_empty());
    assert_eq!(a.total_share_bps, 0);
    assert_eq!(f.stats("ann").supporters, 0);
    // no fee: the balance is what it was
    assert_eq!(f.s.mesi_balance(&f.addr("fan")), balance);
    assert_eq!(err(f.withdraw_all("fan")), ContractError::NothingAllocated);
}

#[test]
fn a_creator_without_a_gallery_cannot_be_backed() {
    let mut f = fixture();
    assert_eq!(
        err(f.allocate("fan", &[("nobody", 1_000)])),
        ContractError::NoGallery {
            creator: f.addr("nobody").to_string()
        }
    );
    // one bad entry refuses the whole batch
    assert_eq!(
        err(f.allocate("fan", &[("ann", 1_000), ("nobody", 1_000)])),
        ContractError::NoGallery {
            creator: f.addr("nobody").to_string()
        }
    );
    assert!(f.allocation("fan").galleries.is_empty());
    // a sold upload still counts: the creator's gallery lists it
    f.s.mint_nft("nobody", "nb-1").unwrap();
    f.s.transfer_mesi("nobody", "fan", 1).unwrap();
    f.allocate("fan", &[("nobody", 1_000)]).unwrap();
    assert_eq!(f.share("fan", "nobody"), 1_000);
}

#[test]
fn a_user_cannot_back_its_own_gallery() {
    let mut f = fixture();
    assert_eq!(
        err(f.allocate("ann", &[("ann", 1_000)])),
        ContractError::SelfAllocation
    );
    assert_eq!(
        err(f.allocate("ann", &[("bea", 1_000), ("ann", 0)])),
        ContractError::SelfAllocation
    );
    f.allocate("ann", &[("bea", 1_000)]).unwrap();
}

#[test]
fn more_than_100_percent_is_refused() {
    let mut f = fixture();
    assert_eq!(
        err(f.allocate("fan", &[("ann", 10_001)])),
        ContractError::ShareAboveWhole { share_bps: 10_001 }
    );
    assert_eq!(
        err(f.allocate("fan", &[("ann", u16::MAX)])),
        ContractError::ShareAboveWhole {
            share_bps: u16::MAX
        }
    );
    f.allocate("fan", &[("ann", 6_000)]).unwrap();
    assert_eq!(
        err(f.allocate("fan", &[("bea", 4_001)])),
        ContractError::OverAllocated { total_bps: 10_001 }
    );
    assert_eq!(
        err(f.allocate("fan", &[("bea", 5_000), ("cid", 5_000)])),
        ContractError::OverAllocated { total_bps: 16_000 }
    );
    // exactly 100% is fine
    f.allocate("fan", &[("bea", 4_000)]).unwrap();
    assert_eq!(f.allocation("fan").total_share_bps, 10_000);
}

#[test]
fn a_user_backs_at_most_max_galleries() {
    let mut f = fixture_with(|m| m.max_galleries = Some(2));
    assert_eq!(f.config().max_galleries, 2);
    f.allocate("fan", &[("ann", 1_000), ("bea", 1_000)])
        .unwrap();
    assert_eq!(
        err(f.allocate("fan", &[("cid", 1_000)])),
        ContractError::TooManyGalleries { count: 3, max: 2 }
    );
    // swapping one gallery for another in one batch stays within the limit
    f.allocate("fan", &[("bea", 0), ("cid", 2_000)]).unwrap();
    // the owner lowers the limit: existing allocations stay, lowering and withdrawing still work,
    // adding waits until the user is below the limit
    f.update_config("owner", Some(1), None, None).unwrap();
    f.allocate("fan", &[("ann", 500)]).unwrap();
    assert_eq!(f.allocation("fan").galleries.len(), 2);
    assert_eq!(
        err(f.allocate("fan", &[("ann", 0), ("bea", 1_000)])),
        ContractError::TooManyGalleries { count: 2, max: 1 }
    );
    f.allocate("fan", &[("ann", 0)]).unwrap();
    f.allocate("fan", &[("cid", 0), ("bea", 1_000)]).unwrap();
    assert_eq!(f.allocation("fan").galleries.len(), 1);
}

#[test]
fn gallery_counters_follow_every_change() {
    let mut f = fixture();
    f.allocate("fan", &[("ann", 4_000), ("bea", 6_000)])
        .unwrap();
    f.allocate("fan2", &[("ann", 10_000)]).unwrap();
    f.allocate("whale", &[("ann", 2_500)]).unwrap();
    let st = f.stats("ann");
    assert_eq!((st.supporters, st.total_share_bps), (3, 16_500));
    f.allocate("fan2", &[("ann", 1)]).unwrap();
    let st = f.stats("ann");
    assert_eq!((st.supporters, st.total_share_bps), (3, 6_501));
    f.withdraw_all("whale").unwrap();
    let st = f.stats("ann");
    assert_eq!((st.supporters, st.total_share_bps), (2, 4_001));
    let st = f.stats("bea");
    assert_eq!((st.supporters, st.total_share_bps), (1, 6_000));
    assert_eq!(f.stats("cid").supporters, 0);
}

#[test]
fn supporters_are_paginated_with_their_live_points() {
    let mut f = fixture();
    for (who, bps) in [
        ("fan", 4_000),
        ("fan2", 5_000),
        ("whale", 100),
        ("bea", 10_000),
    ] {
        f.allocate(who, &[("ann", bps)]).unwrap();
    }
    let mut seen = vec![];
    let mut start = None;
    loop {
        let page = f.supporters("ann", start.as_ref(), Some(3));
        assert!(page.supporters.len() <= 3);
        if page.supporters.is_empty() {
            break;
        }
        start = page.supporters.last().map(|s| s.user.clone());
        seen.extend(page.supporters);
    }
    assert_eq!(seen.len(), 4);
    assert!(seen.windows(2).all(|w| w[0].user < w[1].user));
    for s in &seen {
        let name = ["fan", "fan2", "whale", "bea"]
            .into_iter()
            .find(|n| f.addr(n) == s.user)
            .unwrap();
        assert_eq!(s.points.u128(), part(f.points(name), s.share_bps));
        assert_eq!(s.share_bps, f.share(name, "ann"));
    }
    // live: a supporter's points move with its lock, no transaction in this contract
    let before = f.supporters("ann", None, None);
    f.s.lock("fan", 1_000 * M).unwrap();
    let after = f.supporters("ann", None, None);
    let fan = f.addr("fan");
    let get = |r: &mesi_types::influence::SupportersResponse| {
        r.supporters
            .iter()
            .find(|s| s.user == fan)
            .unwrap()
            .points
            .u128()
    };
    assert_eq!(get(&after) - get(&before), part(1_000 * M, 4_000));
}

#[test]
fn every_change_emits_an_event_an_indexer_can_follow() {
    let mut f = fixture();
    let fan = f.addr("fan").to_string();
    let (ann, bea) = (f.addr("ann").to_string(), f.addr("bea").to_string());
    let mut indexer: std::collections::BTreeMap<(String, String), u16> = Default::default();
    let mut replay = |res: &cw_multi_test::AppResponse| {
        let events = allocation_events(res);
        for (_, user, creator, old, new) in &events {
            let known = indexer
                .get(&(user.clone(), creator.clone()))
                .copied()
                .unwrap_or(0);
            assert_eq!(known, *old, "the event's old share is the indexer's");
            if *new == 0 {
                indexer.remove(&(user.clone(), creator.clone()));
            } else {
                indexer.insert((user.clone(), creator.clone()), *new);
            }
        }
        events
    };
    let ev = replay(
        &f.allocate("fan", &[("ann", 4_000), ("bea", 6_000)])
            .unwrap(),
    );
    assert_eq!(
        ev,
        vec![
            ("allocate".into(), fan.clone(), ann.clone(), 0, 4_000),
            ("allocate".into(), fan.clone(), bea.clone(), 0, 6_000)
        ]
    );
    // an unchanged entry emits nothing
    let ev = replay(
        &f.allocate("fan", &[("ann", 5_000), ("bea", 5_000), ("cid", 0)])
            .unwrap(),
    );
    assert_eq!(
        ev,
        vec![
            ("reallocate".into(), fan.clone(), ann.clone(), 4_000, 5_000),
            ("reallocate".into(), fan.clone(), bea.clone(), 6_000, 5_000)
        ]
    );
    let ev = replay(&f.allocate("fan", &[("bea", 0)]).unwrap());
    assert_eq!(
        ev,
        vec![("withdraw".into(), fan.clone(), bea.clone(), 5_000, 0)]
    );
    replay(&f.allocate("fan2", &[("bea", 10_000)]).unwrap());
    let ev = replay(&f.withdraw_all("fan").unwrap());
    assert_eq!(
        ev,
        vec![("withdraw".into(), fan.clone(), ann.clone(), 5_000, 0)]
    );
    // the indexer's view is the chain's
    assert_eq!(indexer.len(), 1);
    assert_eq!(
        indexer.get(&(f.addr("fan2").to_string(), bea.clone())),
        Some(&10_000)
    );
    assert_eq!(f.stats("bea").total_share_bps, 10_000);
}

/// Issue 13, the flash-loan lesson (issue 12 §7): points come from the token's holding score, so
/// `amount` borrowed for `held` seconds across a day boundary adds at most `amount x held / 7 days`
/// to what a gallery gets.
#[test]
fn a_seconds_long_hold_across_midnight_buys_no_influence() {
    let mut f = fixture();
    // `fan2` has held 1,000 MESI all week and backs ann with everything
    f.allocate("fan2", &[("ann", 10_000)]).unwrap();
    let honest = f.points_to("fan2", "ann");
    assert_eq!(honest, 1_000 * M);
    // the next day boundary of the token's clock (its days are 24 h periods)
    let now = f.s.now();
    let midnight = now - now % DAY + DAY;
    let amount = 700_000 * M;
    f.s.set_time(midnight - 10);
    f.s.transfer_mesi("whale", "fan2", amount).unwrap();
    f.s.set_time(midnight + 10);
    f.s.transfer_mesi("fan2", "whale", amount).unwrap();
    let bound = honest + amount * 20 / WEEK as u128;
    for wait in [0, 1, DAY - 11, DAY, WEEK - 20, WEEK - 1] {
        let t = midnight + 10 + wait;
        if t > f.s.now() {
            f.s.set_time(t);
        }
        let p = f.points_to("fan2", "ann");
        assert!(
            p <= bound,
            "{wait} s after the loan ann gets {p} from fan2, more than {bound}"
        );
        assert_eq!(
            p,
            f.points("fan2"),
            "the contract adds nothing to the token's figure"
        );
    }
    // the loan is gone from the window after a week; the honest week-long hold remains
    f.s.set_time(midnight + 10 + WEEK);
    assert_eq!(f.points_to("fan2", "ann"), honest);
    // control: the same amount held for a whole week does count in full
    f.s.transfer_mesi("whale", "fan2", amount).unwrap();
    f.s.advance(WEEK);
    assert_eq!(f.points_to("fan2", "ann"), honest + amount);
}

#[test]
fn lowering_support_needs_no_gallery_and_no_points() {
    let mut f = fixture();
    f.allocate("fan2", &[("ann", 4_000), ("bea", 5_000)])
        .unwrap();
    // ann's only upload is burnt by the arbiter: no gallery any more
    f.s.arbiter_resolve("ann-1", ResolveOutcome::Burn).unwrap();
    assert_eq!(
        err(f.allocate("fan2", &[("ann", 5_000)])),
        ContractError::NoGallery {
            creator: f.addr("ann").to_string()
        }
    );
    // fan2 sells everything and waits a week: 0 points; lowering and withdrawing still work
    f.s.transfer_mesi("fan2", "whale", 1_000 * M).unwrap();
    f.s.advance(WEEK);
    assert_eq!(f.points("fan2"), 0);
    assert_eq!(
        err(f.allocate("fan2", &[("bea", 6_000)])),
        ContractError::NoInfluence
    );
    f.allocate("fan2", &[("ann", 1_000)]).unwrap();
    f.allocate("fan2", &[("ann", 0), ("bea", 100)]).unwrap();
    assert_eq!(f.allocation("fan2").total_share_bps, 100);
    assert_eq!(f.allocation("fan2").allocated_points.u128(), 0);
    f.withdraw_all("fan2").unwrap();
    assert_eq!(f.stats("ann").supporters, 0);
    assert_eq!(f.stats("bea").supporters, 0);
}

#[test]
fn a_user_without_points_cannot_give_support() {
    let mut f = fixture();
    assert_eq!(f.points("newbie"), 0);
    assert_eq!(
        err(f.allocate("newbie", &[("ann", 1)])),
        ContractError::NoInfluence
    );
    assert_eq!(f.stats("ann").supporters, 0);
}

#[test]
fn nothing_is_payable() {
    let mut f = fixture();
    let shares = updates(&f.s, &[("ann", 1_000)]);
    assert!(matches!(
        err(f.exec(
            "fan",
            &ExecuteMsg::Allocate { shares },
            &coins(1, mesi_testing::NATIVE)
        )),
        ContractError::Payment(_)
    ));
    f.allocate("fan", &[("ann", 1_000)]).unwrap();
    assert!(matches!(
        err(f.exec(
            "fan",
            &ExecuteMsg::WithdrawAll {},
            &coins(1, mesi_testing::NATIVE)
        )),
        ContractError::Payment(_)
    ));
    assert_eq!(f.s.native_balance(&f.addr("fan")), 100 * USD);
    assert_eq!(f.share("fan", "ann"), 1_000);
}

#[test]
fn config_query_and_owner_only_update() {
    let mut f = fixture();
    let c = f.config();
    assert_eq!(c.token, f.s.token);
    assert_eq!(c.gallery, f.s.gallery);
    assert_eq!(c.max_galleries, DEFAULT_MAX_GALLERIES);
    assert!(matches!(
        err(f.update_config("fan", Some(5), None, None)),
        ContractError::Ownership(_)
    ));
    f.update_config("owner", Some(5), None, None).unwrap();
    assert_eq!(f.config().max_galleries, 5);
    assert_eq!(
        err(f.update_config("owner", Some(0), None, None)),
        ContractError::InvalidMaxGalleries { got: 0, max: 50 }
    );
    assert_eq!(
        err(f.update_config("owner", Some(51), None, None)),
        ContractError::InvalidMaxGalleries { got: 51, max: 50 }
    );
    assert_eq!(f.config().max_galleries, 5);
}

#[test]
fn ownership_is_two_step() {
    let mut f = fixture();
    let inf = f.inf.clone();
    let owner = f.s.owner.clone();
    let new_owner = f.addr("newowner");
    use cosmwasm_std::Addr;
    use cw_multi_test::Executor;
    f.s.app
        .execute_contract(
            owner.clone(),
            inf.clone(),
            &ExecuteMsg::UpdateOwnership(cw_ownable::Action::TransferOwnership {
                new_owner: new_owner.to_string(),
                expiry: None,
            }),
            &[],
        )
        .unwrap();
    // still the old owner until accepted
    f.update_config("owner", Some(3), None, None).unwrap();
    assert!(matches!(
        err(f.update_config("newowner", Some(4), None, None)),
        ContractError::Ownership(_)
    ));
    f.exec(
        "newowner",
        &ExecuteMsg::UpdateOwnership(cw_ownable::Action::AcceptOwnership),
        &[],
    )
    .unwrap();
    f.update_config("newowner", Some(4), None, None).unwrap();
    assert!(matches!(
        err(f.update_config("owner", Some(5), None, None)),
        ContractError::Ownership(_)
    ));
    let o: cw_ownable::Ownership<Addr> = f.q(&mesi_types::influence::QueryMsg::Ownership {});
    assert_eq!(o.owner, Some(new_owner));
}

#[test]
fn migrate_refuses_another_contract_and_a_downgrade() {
    use cosmwasm_std::testing::{mock_dependencies, mock_env};
    let mut deps = mock_dependencies();
    cw2::set_contract_version(deps.as_mut().storage, "crates.io:mesi-token", "0.1.0").unwrap();
    assert!(matches!(
        crate::contract::migrate(deps.as_mut(), mock_env(), MigrateMsg {}),
        Err(ContractError::Migrate(
            mesi_common::MigrateError::WrongContract { .. }
        ))
    ));
    cw2::set_contract_version(deps.as_mut().storage, crate::state::CONTRACT_NAME, "99.0.0")
        .unwrap();
    assert!(matches!(
        crate::contract::migrate(deps.as_mut(), mock_env(), MigrateMsg {}),
        Err(ContractError::Migrate(
            mesi_common::MigrateError::Downgrade { .. }
        ))
    ));
    cw2::set_contract_version(deps.as_mut().storage, crate::state::CONTRACT_NAME, "0.0.1").unwrap();
    let res = crate::contract::migrate(deps.as_mut(), mock_env(), MigrateMsg {}).unwrap();
    assert_eq!(res.attributes[1].value, "0.0.1");
}
