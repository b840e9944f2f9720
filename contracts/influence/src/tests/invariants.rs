//! Proptest over random sequences of allocations, withdrawals, token transfers, locks and time,
//! against an exact reference model of the shares (CONVENTIONS definition of done 3):
//! - every call is accepted exactly when the model says so, and leaves exactly the model's shares;
//! - the sum of a user's shares is at most 10,000 bps;
//! - each gallery's counters equal the count and sum over its supporters (read page by page);
//! - each gallery's points from a user == floor(user's points x share / 10,000), their sum at most
//!   the user's points (read from the real token).

use std::collections::BTreeMap;

use proptest::prelude::*;

use super::suite::*;
use crate::error::ContractError;

const USERS: [&str; 3] = ["fan", "fan2", "ann"];
/// `nobody` has no gallery.
const CREATORS: [&str; 4] = ["ann", "bea", "cid", "nobody"];
const MAX: u32 = 2;

#[derive(Debug, Clone)]
enum Op {
    Allocate(usize, Vec<(usize, u16)>),
    WithdrawAll(usize),
    Transfer(usize, usize, u128),
    Lock(usize, u128),
    Advance(u64),
}

fn bps() -> impl Strategy<Value = u16> {
    prop_oneof![
        1 => Just(0u16),
        1 => Just(10_000u16),
        1 => 0u16..=10_000,
        4 => 1u16..=3_000,
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        5 => (0..USERS.len(), prop::collection::vec((0..CREATORS.len(), bps()), 1..4))
            .prop_map(|(u, s)| Op::Allocate(u, s)),
        1 => (0..USERS.len()).prop_map(Op::WithdrawAll),
        1 => (0..USERS.len(), 0..USERS.len(), 0u128..=2_000 * M).prop_map(|(a, b, x)| Op::Transfer(a, b, x)),
        1 => (0..USERS.len(), 0u128..=500 * M).prop_map(|(a, x)| Op::Lock(a, x)),
        1 => (1u64..=3 * DAY).prop_map(Op::Advance),
    ]
}

type Model = BTreeMap<(usize, usize), u16>;

/// The model's verdict on an allocation: `Ok(new shares)` or the error the contract must give.
fn predict(
    f: &Fixture,
    m: &Model,
    u: usize,
    batch: &[(usize, u16)],
) -> Result<Model, ContractError> {
    let mut next = m.clone();
    let mut seen = vec![];
    let mut changed = vec![];
    for &(c, bps) in batch {
        if seen.contains(&c) {
            return Err(ContractError::DuplicateCreator {
                creator: f.addr(CREATORS[c]).to_string(),
            });
        }
        if bps > 10_000 {
            return Err(ContractError::ShareAboveWhole { share_bps: bps });
        }
        if USERS[u] == CREATORS[c] {
            return Err(ContractError::SelfAllocation);
        }
        seen.push(c);
        let old = m.get(&(u, c)).copied().unwrap_or(0);
        if old != bps {
            changed.push((c, old, bps));
            if bps == 0 {
                next.remove(&(u, c));
            } else {
                next.insert((u, c), bps);
            }
        }
    }
    if changed.is_empty() {
        return Err(ContractError::NothingChanged);
    }
    let total: u32 = next
        .iter()
        .filter(|((x, _), _)| *x == u)
        .map(|(_, b)| u32::from(*b))
        .sum();
    if total > 10_000 {
        return Err(ContractError::OverAllocated { total_bps: total });
    }
    let count = next.keys().filter(|(x, _)| *x == u).count() as u32;
    if changed.iter().any(|(_, old, _)| *old == 0) && count > MAX {
        return Err(ContractError::TooManyGalleries { count, max: MAX });
    }
    if changed.iter().any(|(_, old, new)| new > old) {
        if f.points(USERS[u]) == 0 {
            return Err(ContractError::NoInfluence);
        }
        if let Some((c, _, _)) = changed
            .iter()
            .find(|(c, old, new)| new > old && CREATORS[*c] == "nobody")
        {
            return Err(ContractError::NoGallery {
                creator: f.addr(CREATORS[*c]).to_string(),
            });
        }
    }
    Ok(next)
}

fn check(f: &Fixture, m: &Model) {
    for (u, name) in USERS.iter().enumerate() {
        let a = f.allocation(name);
        let points = f.points(name);
        assert_eq!(a.influence_points.u128(), points);
        let expected: Vec<(String, u16)> = m
            .iter()
            .filter(|((x, _), _)| *x == u)
            .map(|((_, c), b)| (f.addr(CREATORS[*c]).to_string(), *b))
            .collect();
        let mut got: Vec<(String, u16)> = a
            .galleries
            .iter()
            .map(|g| (g.creator.to_string(), g.share_bps))
            .collect();
        let mut expected = expected;
        expected.sort();
        got.sort();
        assert_eq!(got, expected, "{name}'s shares");
        let total: u32 = got.iter().map(|(_, b)| u32::from(*b)).sum();
        assert!(total <= 10_000);
        assert_eq!(u32::from(a.total_share_bps), total);
        let mut sum = 0;
        for g in &a.galleries {
            assert_eq!(g.points.u128(), part(points, g.share_bps));
            sum += g.points.u128();
        }
        assert_eq!(a.allocated_points.u128(), sum);
        assert!(sum <= points);
    }
    for (c, creator) in CREATORS.iter().enumerate() {
        let mut rows = vec![];
        let mut start = None;
        loop {
            let page = f.supporters(creator, start.as_ref(), Some(2));
            if page.supporters.is_empty() {
                break;
            }
            start = page.supporters.last().map(|s| s.user.clone());
            rows.extend(page.supporters);
        }
        let st = f.stats(creator);
        assert_eq!(
            st.supporters as usize,
            rows.len(),
            "{creator}'s supporter count"
        );
        let sum: u64 = rows.iter().map(|r| u64::from(r.share_bps)).sum();
        assert_eq!(st.total_share_bps, sum, "{creator}'s share sum");
        let model: u64 = m
            .iter()
            .filter(|((_, x), _)| *x == c)
            .map(|(_, b)| u64::from(*b))
            .sum();
        assert_eq!(sum, model);
        for r in rows {
            let name = USERS
                .iter()
                .find(|n| f.addr(n) == r.user)
                .expect("a known user");
            assert_eq!(r.points.u128(), part(f.points(name), r.share_bps));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn shares_counters_and_points_match_the_reference_model(ops in prop::collection::vec(op(), 1..25)) {
        let mut f = fixture_with(|m| m.max_galleries = Some(MAX));
        let mut m = Model::new();
        for op in ops {
            match op {
                Op::Allocate(u, batch) => {
                    let shares: Vec<(&str, u16)> = batch.iter().map(|(c, b)| (CREATORS[*c], *b)).collect();
                    let want = predict(&f, &m, u, &batch);
                    let got = f.allocate(USERS[u], &shares);
                    match want {
                        Ok(next) => {
                            let res = got.unwrap();
                            let events = allocation_events(&res);
                            let changed = next.iter().filter(|(k, v)| m.get(k) != Some(v)).count()
                                + m.keys().filter(|k| !next.contains_key(k)).count();
                            prop_assert_eq!(events.len(), changed);
                            m = next;
                        }
                        Err(e) => prop_assert_eq!(err(got), e),
                    }
                }
                Op::WithdrawAll(u) => {
                    let had = m.keys().filter(|(x, _)| *x == u).count();
                    let got = f.withdraw_all(USERS[u]);
                    if had == 0 {
                        prop_assert_eq!(err(got), ContractError::NothingAllocated);
                    } else {
                        prop_assert_eq!(allocation_events(&got.unwrap()).len(), had);
                        m.retain(|(x, _), _| *x != u);
                    }
                }
                Op::Transfer(a, b, x) => {
                    let _ = f.s.transfer_mesi(USERS[a], USERS[b], x);
                }
                Op::Lock(a, x) => {
                    let _ = f.s.lock(USERS[a], x);
                }
                Op::Advance(s) => f.s.advance(s),
            }
            check(&f, &m);
        }
    }
}
