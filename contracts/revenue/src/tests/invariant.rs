//! Invariant (Definition of done 3): random sequences of payments (tips, primary sales, ad-revenue
//! deposits), rate changes, time, epochs from the pool and from ad revenue, claims (also repeated and
//! forged), closes and withdrawals, checked after every step against an exact reference model: every
//! creator's balance, pool and ad revenue, every book per source, every account's $MESI balance and the
//! treasury's commissions; held == creator balances + pools + ad revenue + open epochs, per source. A leaf
//! is paid at most once.

use std::collections::BTreeMap;

use mesi_testing::{DAY, M};
use mesi_types::revenue::{ExecuteMsg, ReceiveMsg, Source};
use proptest::prelude::*;

use super::suite::*;

const CREATORS: [&str; 2] = ["alice", "zoe"];
const FANS: [&str; 3] = ["bob", "carol", "dan"];

#[derive(Clone, Debug)]
enum Op {
    Tip {
        fan: usize,
        creator: usize,
        amount: u128,
    },
    Sale {
        creator: usize,
        amount: u128,
    },
    Deposit {
        creator: usize,
        amount: u128,
    },
    Rate {
        creator: usize,
        percent: u8,
    },
    Advance {
        secs: u64,
    },
    Publish {
        creator: usize,
        ad: bool,
        pct: u128,
        weights: [u8; 3],
    },
    Claim {
        pick: usize,
        forge: bool,
    },
    Close {
        pick: usize,
    },
    Withdraw {
        creator: usize,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..3usize, 0..2usize, 100_000u128..500 * M)
            .prop_map(|(fan, creator, amount)| Op::Tip { fan, creator, amount }),
        2 => (0..2usize, 1u128..500 * M).prop_map(|(creator, amount)| Op::Sale { creator, amount }),
        1 => (0..2usize, 1u128..100 * M).prop_map(|(creator, amount)| Op::Deposit { creator, amount }),
        2 => (0..2usize, 0u8..=100).prop_map(|(creator, percent)| Op::Rate { creator, percent }),
        2 => prop_oneof![0u64..DAY, DAY..40 * DAY].prop_map(|secs| Op::Advance { secs }),
        2 => (0..2usize, any::<bool>(), 1u128..=100, any::<[u8; 3]>())
            .prop_map(|(creator, ad, pct, weights)| Op::Publish { creator, ad, pct, weights }),
        4 => (any::<usize>(), any::<bool>()).prop_map(|(pick, forge)| Op::Claim { pick, forge }),
        1 => any::<usize>().prop_map(|pick| Op::Close { pick }),
        1 => (0..2usize).prop_map(|creator| Op::Withdraw { creator }),
    ]
}

#[derive(Default, Clone, Debug)]
struct CreatorModel {
    balance: u128,
    pool: u128,
    ad: u128,
    /// (period, rate) in the order set
    sets: Vec<(u64, u8)>,
    last_epoch: u64,
}

impl CreatorModel {
    fn rate_at(&self, period: u64) -> Option<u8> {
        self.sets
            .iter()
            .rev()
            .find(|(p, _)| *p <= period)
            .map(|(_, r)| *r)
    }

    /// The SPEC's definition, computed by brute force over the periods.
    fn effective(&self, period: u64) -> u8 {
        let Some(&(first, _)) = self.sets.first() else {
            return 0;
        };
        let from = first.max(period.saturating_sub(12));
        let done: Vec<u32> = (from..period)
            .map(|p| u32::from(self.rate_at(p).unwrap()))
            .collect();
        if done.is_empty() {
            return self.rate_at(period).unwrap();
        }
        (done.iter().sum::<u32>() / done.len() as u32) as u8
    }
}

struct EpochModel {
    creator: usize,
    epoch: u64,
    ad: bool,
    total: u128,
    claimed: u128,
    deadline: u64,
    closed: bool,
    tree: Tree,
    paid: Vec<bool>,
}

struct Model {
    creators: Vec<CreatorModel>,
    epochs: Vec<EpochModel>,
    mesi: BTreeMap<String, u128>,
    treasury: u128,
}

impl Model {
    fn pay(&mut self, from: &str, amount: u128) {
        *self.mesi.get_mut(from).unwrap() -= amount;
    }
    fn receive(&mut self, to: &str, amount: u128) {
        *self.mesi.entry(to.to_string()).or_default() += amount;
    }
    fn book(&mut self, creator: usize, net: u128, period: u64) {
        let c = &mut self.creators[creator];
        let to_pool = net * u128::from(c.effective(period)) / 100;
        c.pool += to_pool;
        c.balance += net - to_pool;
    }
}

fn check(r: &Rev, m: &Model) {
    for (i, name) in CREATORS.iter().enumerate() {
        let c = &m.creators[i];
        assert_eq!(r.balance(name), c.balance, "{name} balance");
        let p = r.pool(name);
        assert_eq!(
            (p.pool.u128(), p.ad_revenue.u128(), p.last_epoch),
            (c.pool, c.ad, c.last_epoch),
            "{name} pool"
        );
    }
    for (name, amount) in &m.mesi {
        assert_eq!(r.mesi(name), *amount, "{name} MESI");
    }
    assert_eq!(r.treasury_mesi(), m.treasury, "treasury commissions");
    let b = r.assert_books();
    let open = |ad: bool| -> u128 {
        m.epochs
            .iter()
            .filter(|e| e.ad == ad && !e.closed)
            .map(|e| e.total - e.claimed)
            .sum()
    };
    assert_eq!(
        b.balances.u128(),
        m.creators.iter().map(|c| c.balance).sum::<u128>()
    );
    assert_eq!(
        b.pools.u128(),
        m.creators.iter().map(|c| c.pool).sum::<u128>()
    );
    assert_eq!(
        b.ad_revenue.u128(),
        m.creators.iter().map(|c| c.ad).sum::<u128>()
    );
    assert_eq!(b.epochs_pool.u128(), open(false));
    assert_eq!(b.epochs_ad_revenue.u128(), open(true));
    assert_eq!(b.epochs_engagement.u128(), 0);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn held_equals_owed_per_source_against_a_reference_model_and_nothing_is_paid_twice(
        ops in proptest::collection::vec(op(), 1..40)
    ) {
        let mut r = Rev::build(|m| m.claim_seconds = Some(DAY));
        let start = r.s.now();
        let mut m = Model {
            creators: vec![CreatorModel::default(); 2],
            epochs: vec![],
            mesi: ["alice", "zoe", "bob", "carol", "dan", "operator", "market"]
                .iter()
                .map(|n| (n.to_string(), r.mesi(n)))
                .collect(),
            treasury: r.treasury_mesi(),
        };
        for op in ops {
            let now = r.s.now();
            let period = (now - start) / PERIOD;
            match op {
                Op::Tip { fan, creator, amount } => {
                    r.tip(FANS[fan], CREATORS[creator], amount).unwrap();
                    let fee = (amount * 1_000).div_ceil(10_000);
                    m.pay(FANS[fan], amount);
                    m.treasury += fee;
                    m.book(creator, amount - fee, period);
                }
                Op::Sale { creator, amount } => {
                    let c = r.s.addr(CREATORS[creator]).to_string();
                    r.send("market", amount, &ReceiveMsg::PrimarySaleProceeds { creator: c }).unwrap();
                    m.pay("market", amount);
                    m.book(creator, amount, period);
                }
                Op::Deposit { creator, amount } => {
                    let token_id = if creator == 0 { "art-1" } else { "zoe-1" };
                    r.send("operator", amount, &ReceiveMsg::DepositAdRevenue { token_id: token_id.into() }).unwrap();
                    m.pay("operator", amount);
                    m.creators[creator].ad += amount;
                }
                Op::Rate { creator, percent } => {
                    r.set_rate(CREATORS[creator], percent).unwrap();
                    m.creators[creator].sets.push((period, percent));
                }
                Op::Advance { secs } => r.s.advance(secs),
                Op::Publish { creator, ad, pct, weights } => {
                    let c = &m.creators[creator];
                    let available = if ad { c.ad } else { c.pool };
                    let total = available * pct / 100;
                    let wsum: u128 = weights.iter().map(|&w| u128::from(w)).sum();
                    if total == 0 || wsum == 0 {
                        continue;
                    }
                    // shares rounded down per leaf; the rest stays in the source
                    let leaves: Vec<(&str, u128)> = FANS
                        .iter()
                        .zip(weights)
                        .map(|(f, w)| (*f, total * u128::from(w) / wsum))
                        .filter(|(_, a)| *a > 0)
                        .collect();
                    let epoch = c.last_epoch + 1;
                    let tree = r.tree(CREATORS[creator], epoch, &leaves);
                    let source = if ad { Source::AdRevenue } else { Source::Pool };
                    r.publish(CREATORS[creator], epoch, &tree, source).unwrap();
                    let c = &mut m.creators[creator];
                    if ad { c.ad -= tree.total } else { c.pool -= tree.total }
                    c.last_epoch = epoch;
                    m.epochs.push(EpochModel {
                        creator, epoch, ad, total: tree.total, claimed: 0,
                        deadline: now + DAY, closed: false,
                        paid: vec![false; tree.leaves.len()], tree,
                    });
                }
                Op::Claim { pick, forge } => {
                    if m.epochs.is_empty() { continue; }
                    let ei = pick % m.epochs.len();
                    let e = &m.epochs[ei];
                    let li = (pick / m.epochs.len()) % e.tree.leaves.len();
                    let (name, amount, proof) = e.tree.leaves[li].clone();
                    let claimer = if forge { "alice" } else { name.as_str() };
                    let res = r.claim(claimer, CREATORS[e.creator], e.epoch, amount, proof);
                    let ok = !forge && !e.closed && now <= e.deadline && !e.paid[li];
                    prop_assert_eq!(res.is_ok(), ok, "claim {:?}", res.err().map(|x| x.to_string()));
                    if ok {
                        let e = &mut m.epochs[ei];
                        e.paid[li] = true;
                        e.claimed += amount;
                        m.receive(&name, amount);
                    }
                }
                Op::Close { pick } => {
                    if m.epochs.is_empty() { continue; }
                    let ei = pick % m.epochs.len();
                    let e = &m.epochs[ei];
                    let res = r.close("carol", CREATORS[e.creator], e.epoch);
                    let ok = !e.closed && now > e.deadline;
                    prop_assert_eq!(res.is_ok(), ok);
                    if ok {
                        let e = &mut m.epochs[ei];
                        e.closed = true;
                        let rest = e.total - e.claimed;
                        let c = &mut m.creators[e.creator];
                        if e.ad { c.ad += rest } else { c.pool += rest }
                    }
                }
                Op::Withdraw { creator } => {
                    let res = r.exec(CREATORS[creator], &ExecuteMsg::Withdraw {});
                    let amount = m.creators[creator].balance;
                    prop_assert_eq!(res.is_ok(), amount > 0);
                    m.creators[creator].balance = 0;
                    m.receive(CREATORS[creator], amount);
                }
            }
            check(&r, &m);
        }
    }
}
