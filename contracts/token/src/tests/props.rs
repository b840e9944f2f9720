//! Proptest invariants over random message sequences, against a reference model:
//! sum of balances == total supply; locked <= balance; the holding score equals the exact
//! average of the window (integral of the balance over [t - W, t] / W, exact u128 arithmetic)
//! within the documented bound of `crate::account` (never above it); every accept/refuse
//! matches the model. Advances of up to 3 days cross day boundaries at every offset.

use std::collections::BTreeMap;

use proptest::prelude::*;

use super::reference::Reference;
use super::suite::*;

const USERS: [&str; 4] = ["u0", "u1", "u2", "u3"];
const DELAY: u64 = 604_800;

#[derive(Clone, Debug)]
enum Op {
    Transfer(usize, usize, u128),
    Send(usize, u128),
    Burn(usize, u128),
    Mint(usize, u128),
    Lock(usize, u128),
    Unlock(usize, u128),
    Slash(usize, u128),
    TransferFrom(usize, usize, u128),
    Advance(u64),
}

fn amount() -> impl Strategy<Value = u128> {
    prop_oneof![
        Just(0u128),
        1u128..1_000,
        (1u128..1_500).prop_map(|x| x * M),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    let u = 0..USERS.len();
    prop_oneof![
        3 => (u.clone(), u.clone(), amount()).prop_map(|(a, b, x)| Op::Transfer(a, b, x)),
        1 => (u.clone(), amount()).prop_map(|(a, x)| Op::Send(a, x)),
        1 => (u.clone(), amount()).prop_map(|(a, x)| Op::Burn(a, x)),
        1 => (u.clone(), amount()).prop_map(|(a, x)| Op::Mint(a, x)),
        2 => (u.clone(), amount()).prop_map(|(a, x)| Op::Lock(a, x)),
        1 => (u.clone(), amount()).prop_map(|(a, x)| Op::Unlock(a, x)),
        1 => (u.clone(), amount()).prop_map(|(a, x)| Op::Slash(a, x)),
        1 => (u.clone(), u.clone(), amount()).prop_map(|(a, b, x)| Op::TransferFrom(a, b, x)),
        3 => prop_oneof![1u64..3_600, 3_600u64..3 * 86_400].prop_map(Op::Advance),
    ]
}

#[derive(Default, Clone)]
struct Acc {
    bal: u128,
    locked: u128,
    pending: u128,
    release: u64,
    /// (time, balance after) of every change: the exact reference
    hist: Reference,
}

impl Acc {
    fn settle(&mut self, t: u64) {
        if self.pending > 0 && t >= self.release {
            self.locked -= self.pending;
            self.pending = 0;
        }
    }
    fn set(&mut self, t: u64, b: u128) {
        self.bal = b;
        self.hist.set(t, b);
    }
}

fn run(ops: Vec<Op>, start: u64) -> Result<(), TestCaseError> {
    let mut suite = SuiteBuilder::new()
        .with_allocations(vec![
            ("u0", 1_000 * M),
            ("u1", 1_000 * M),
            ("u2", 1_000 * M),
            ("u3", 1_000 * M),
        ])
        .with_start_time(start)
        .build();
    let mut model: BTreeMap<String, Acc> = BTreeMap::new();
    let t0 = suite.now();
    for u in USERS {
        model.entry(u.to_string()).or_default().set(t0, 1_000 * M);
        suite.approve(u, "sp", u128::MAX / 2, None).unwrap();
    }
    let receiver = suite.receiver.to_string();
    let mut supply = 4_000 * M;

    for op in ops {
        let t = suite.now();
        for a in model.values_mut() {
            a.settle(t);
        }
        let free = |m: &BTreeMap<String, Acc>, who: &str| {
            m.get(who).map(|a| a.bal - a.locked).unwrap_or(0)
        };
        match op {
            Op::Transfer(f, to, x) | Op::TransferFrom(f, to, x) => {
                let ok_model = x > 0 && x <= free(&model, USERS[f]);
                let res = if matches!(op, Op::Transfer(..)) {
                    suite.transfer(USERS[f], USERS[to], x)
                } else {
                    suite.transfer_from("sp", USERS[f], USERS[to], x)
                };
                prop_assert_eq!(res.is_ok(), ok_model, "{:?}", op);
                if ok_model {
                    let a = model.get_mut(USERS[f]).unwrap();
                    let nb = a.bal - x;
                    a.set(t, nb);
                    let b = model.entry(USERS[to].to_string()).or_default();
                    let nb = b.bal + x;
                    b.set(t, nb);
                }
            }
            Op::Send(f, x) => {
                let ok_model = x > 0 && x <= free(&model, USERS[f]);
                prop_assert_eq!(
                    suite.send(USERS[f], x, Default::default()).is_ok(),
                    ok_model
                );
                if ok_model {
                    let a = model.get_mut(USERS[f]).unwrap();
                    let nb = a.bal - x;
                    a.set(t, nb);
                    let r = model.entry(receiver.clone()).or_default();
                    let nb = r.bal + x;
                    r.set(t, nb);
                }
            }
            Op::Burn(f, x) => {
                let ok_model = x > 0 && x <= free(&model, USERS[f]);
                prop_assert_eq!(suite.burn(USERS[f], x).is_ok(), ok_model);
                if ok_model {
                    let a = model.get_mut(USERS[f]).unwrap();
                    let nb = a.bal - x;
                    a.set(t, nb);
                    supply -= x;
                }
            }
            Op::Mint(to, x) => {
                let ok_model = x > 0;
                prop_assert_eq!(suite.mint("minter", USERS[to], x).is_ok(), ok_model);
                if ok_model {
                    let a = model.entry(USERS[to].to_string()).or_default();
                    let nb = a.bal + x;
                    a.set(t, nb);
                    supply += x;
                }
            }
            Op::Lock(w, x) => {
                let a = model.entry(USERS[w].to_string()).or_default();
                let ok_model = x > 0 && a.locked + x <= a.bal;
                prop_assert_eq!(suite.lock(USERS[w], x).is_ok(), ok_model);
                if ok_model {
                    a.locked += x;
                }
            }
            Op::Unlock(w, x) => {
                let a = model.entry(USERS[w].to_string()).or_default();
                let ok_model = x > 0 && a.pending + x <= a.locked;
                prop_assert_eq!(suite.unlock(USERS[w], x).is_ok(), ok_model);
                if ok_model {
                    a.pending += x;
                    a.release = t + DELAY;
                }
            }
            Op::Slash(w, x) => {
                let a = model.entry(USERS[w].to_string()).or_default();
                let ok_model = x > 0 && x <= a.locked;
                prop_assert_eq!(suite.slash("arbiter", USERS[w], x, None).is_ok(), ok_model);
                if ok_model {
                    a.locked -= x;
                    a.pending = a.pending.min(a.locked);
                    let nb = a.bal - x;
                    a.set(t, nb);
                    let tr = model.entry("treasury".to_string()).or_default();
                    let nb = tr.bal + x;
                    tr.set(t, nb);
                }
            }
            Op::Advance(s) => suite.advance(s),
        }

        // invariants
        let t = suite.now();
        prop_assert_eq!(suite.supply(), supply);
        let mut sum = 0u128;
        for (name, a) in model.iter() {
            let (bal, score, locked) = if *name == receiver {
                let r: cw20::BalanceResponse = suite
                    .q(&mesi_types::token::QueryMsg::Balance {
                        address: receiver.clone(),
                    })
                    .unwrap();
                let s: mesi_types::token::HoldingScoreResponse = suite
                    .q(&mesi_types::token::QueryMsg::HoldingScore {
                        address: receiver.clone(),
                    })
                    .unwrap();
                (r.balance.u128(), s.score.u128(), 0)
            } else {
                (
                    suite.balance(name),
                    suite.score(name),
                    suite.lock_info(name).locked.u128(),
                )
            };
            prop_assert_eq!(bal, a.bal, "balance of {}", name);
            prop_assert!(locked <= bal, "locked {} > balance {}", locked, bal);
            if let Err(e) = a.hist.check(score, t) {
                return Err(TestCaseError::fail(format!("{name}: {e}")));
            }
            sum += bal;
        }
        prop_assert_eq!(sum, supply);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(48),
        max_shrink_iters: 200,
        ..ProptestConfig::default()
    })]

    #[test]
    fn invariants_hold_over_random_sequences(
        ops in proptest::collection::vec(op(), 1..40),
        start in 1_600_000_000u64..1_700_000_000u64,
    ) {
        run(ops, start)?;
    }
}
