//! Invariants (proptest) over random apply / top-up / whitelist / reject / fund / dust fund /
//! advance / claim / unstake / leave / slash (bps and amount, of bonded and of unbonding stake) /
//! recheck / supply change / work-epoch (report, fund, close, claim, expire) / stray transfer /
//! sweep sequences (issue 12):
//! - tokens held == staked + unbonding + unclaimed rewards + undistributed + work unclaimed
//!   + exactly the stray transfers not yet swept; a sweep takes exactly those, never more;
//! - everything slashed reached the treasury;
//! - totals == the sum of the records (staked, eligible, unbonding);
//! - claimed + claimable <= funded (both streams), and the stake-stream dust
//!   (distributed - claimed - claimable) is below one base unit per staker, plus one.

use cosmwasm_std::Uint128;
use mesi_types::validator_rewards::Penalty;
use proptest::prelude::*;

use super::suite::*;

const STAKERS: usize = 4;
const EPOCHS: u64 = 3;

#[derive(Debug, Clone)]
enum Op {
    Apply(usize, u128),
    TopUp(usize, u128),
    Whitelist(usize),
    Reject(usize),
    Fund(u128),
    FundEpoch(u64, u128),
    Report(u64, usize, u128),
    Close(u64),
    Advance(u64),
    Claim(usize),
    Unstake(usize, u128),
    Leave(usize),
    ClaimUnbonded(usize),
    Slash(usize, u16),
    Recheck(usize),
    ClaimWork(usize, u64),
    Mint(u128),
    Burn(u128),
    /// One base unit (or a little more) funded by someone else: never slows the stream.
    DustFund(u128),
    SlashAmount(usize, u128),
    ExpireEpoch(u64),
    /// A plain cw20 transfer to the contract (no hook): surplus.
    Stray(u128),
    Sweep,
}

fn op() -> impl Strategy<Value = Op> {
    let who = 0..STAKERS;
    let ep = 0..EPOCHS;
    prop_oneof![
        4 => (who.clone(), THRESHOLD / 2..3 * THRESHOLD).prop_map(|(w, a)| Op::Apply(w, a)),
        2 => (who.clone(), 1..THRESHOLD).prop_map(|(w, a)| Op::TopUp(w, a)),
        6 => who.clone().prop_map(Op::Whitelist),
        1 => who.clone().prop_map(Op::Reject),
        4 => (1..10_000_000_000u128).prop_map(Op::Fund),
        1 => (ep.clone(), 1..1_000_000u128).prop_map(|(e, a)| Op::FundEpoch(e, a)),
        2 => (ep.clone(), 0..STAKERS + 1, 1..1_000u128).prop_map(|(e, w, u)| Op::Report(e, w, u)),
        1 => ep.clone().prop_map(Op::Close),
        4 => (0..20 * DAY).prop_map(Op::Advance),
        4 => who.clone().prop_map(Op::Claim),
        2 => (who.clone(), 1..2 * THRESHOLD).prop_map(|(w, a)| Op::Unstake(w, a)),
        1 => who.clone().prop_map(Op::Leave),
        2 => who.clone().prop_map(Op::ClaimUnbonded),
        1 => (who.clone(), 1..=10_000u16).prop_map(|(w, b)| Op::Slash(w, b)),
        1 => who.clone().prop_map(Op::Recheck),
        4 => (0..STAKERS + 1, ep).prop_map(|(w, e)| Op::ClaimWork(w, e)),
        1 => (1..SUPPLY / 2).prop_map(Op::Mint),
        1 => (1..SUPPLY / 4).prop_map(Op::Burn),
        2 => (1..100u128).prop_map(Op::DustFund),
        1 => (who.clone(), 1..3 * THRESHOLD).prop_map(|(w, a)| Op::SlashAmount(w, a)),
        1 => (0..EPOCHS).prop_map(Op::ExpireEpoch),
        1 => (1..1_000_000u128).prop_map(Op::Stray),
        1 => Just(Op::Sweep),
    ]
}

struct Model {
    stakers: Vec<cosmwasm_std::Addr>,
    /// stakers + one pure contributor.
    contributors: Vec<cosmwasm_std::Addr>,
    stream_funded: u128,
    work_funded: u128,
    work_paid: u128,
    /// Stray transfers not yet swept.
    surplus: u128,
    slashed: u128,
}

fn attr(r: &cw_multi_test::AppResponse, key: &str) -> u128 {
    r.events
        .iter()
        .filter(|e| e.ty == "wasm")
        .flat_map(|e| e.attributes.iter())
        .find(|a| a.key == key)
        .map(|a| a.value.parse().unwrap())
        .unwrap_or(0)
}

fn step(s: &mut Suite, m: &mut Model, op: &Op) {
    let st = |i: usize| m.stakers[i].clone();
    match op.clone() {
        Op::Apply(i, a) => {
            let v = s.v(i);
            let _ = s.apply(&st(i), &v, a);
        }
        Op::TopUp(i, a) => {
            let _ = s.top_up(&st(i), a);
        }
        Op::Whitelist(i) => {
            let v = s.v(i);
            let _ = s.whitelist(&v);
        }
        Op::Reject(i) => {
            let v = s.v(i);
            let _ = s.reject(&v);
        }
        Op::Fund(a) => {
            if s.fund(a).is_ok() {
                m.stream_funded += a;
            }
        }
        Op::FundEpoch(e, a) => {
            if s.fund_epoch(e, a).is_ok() {
                m.work_funded += a;
            }
        }
        Op::Report(e, w, u) => {
            let c = m.contributors[w].clone();
            let _ = s.report(e, &[(&c, u)]);
        }
        Op::Close(e) => {
            if let Ok(r) = s.close(e) {
                let recycled = attr(&r, "recycled");
                m.work_funded -= recycled;
                m.stream_funded += recycled;
            }
        }
        Op::Advance(secs) => s.advance(secs),
        Op::Claim(i) => {
            let _ = s.claim(&st(i));
        }
        Op::Unstake(i, a) => {
            let _ = s.unstake(&st(i), a);
        }
        Op::Leave(i) => {
            let _ = s.leave(&st(i));
        }
        Op::ClaimUnbonded(i) => {
            let _ = s.claim_unbonded(&st(i));
        }
        Op::Slash(i, bps) => {
            let v = s.v(i);
            if let Ok(r) = s.slash(&v, Penalty::Bps { bps }) {
                m.slashed += attr(&r, "slashed");
            }
        }
        Op::SlashAmount(i, amount) => {
            let v = s.v(i);
            if let Ok(r) = s.slash(
                &v,
                Penalty::Amount {
                    amount: Uint128::new(amount),
                },
            ) {
                assert_eq!(attr(&r, "slashed"), amount);
                m.slashed += amount;
            }
        }
        Op::DustFund(a) => {
            let dust = s.addr("dust");
            if s.send(
                &dust,
                a,
                &mesi_types::validator_rewards::ReceiveMsg::Fund {},
            )
            .is_ok()
            {
                m.stream_funded += a;
            }
        }
        Op::ExpireEpoch(e) => {
            if let Ok(r) = s.expire_epoch(e) {
                let recycled = attr(&r, "recycled");
                m.work_funded -= recycled;
                m.stream_funded += recycled;
            }
        }
        Op::Stray(a) => {
            let market = s.market.clone();
            s.transfer_to_contract(&market, a);
            m.surplus += a;
        }
        Op::Sweep => {
            let owner = s.owner.clone();
            match s.sweep(&owner) {
                Ok(r) => {
                    assert_eq!(attr(&r, "amount"), m.surplus);
                    m.surplus = 0;
                }
                Err(e) => {
                    assert_eq!(m.surplus, 0, "{e:?}");
                }
            }
        }
        Op::Recheck(i) => {
            let v = s.v(i);
            let _ = s.recheck(&v);
        }
        Op::ClaimWork(w, e) => {
            let c = m.contributors[w].clone();
            if let Ok(r) = s.claim_work(&c, &[e]) {
                m.work_paid += attr(&r, "amount");
                let recycled = attr(&r, "recycled");
                m.work_funded -= recycled;
                m.stream_funded += recycled;
            }
        }
        Op::Mint(a) => s.mint(a),
        Op::Burn(a) => s.burn(a),
    }
}

fn check(s: &Suite, m: &Model) {
    // Tokens held == tokens owed + exactly the stray transfers not yet swept.
    let st = s.stream();
    let acc = s.accounting();
    let owed = acc.staked
        + acc.unbonding
        + acc.stream_unclaimed
        + acc.stream_undistributed
        + acc.work_unclaimed;
    assert_eq!(acc.balance.u128(), owed.u128() + m.surplus, "{acc:?}");
    assert_eq!(acc.surplus.u128(), m.surplus);
    // Everything slashed went to the treasury (nothing else pays it in this suite).
    assert_eq!(s.balance(&s.treasury), m.slashed);
    // Totals == the sum of the records.
    let (mut staked, mut eligible, mut unbonding, mut claimable) = (0u128, 0u128, 0u128, 0u128);
    for who in &m.stakers {
        if let Ok(v) = s
            .app
            .wrap()
            .query_wasm_smart::<mesi_types::validator_rewards::ValidatorResponse>(
                &s.contract,
                &mesi_types::validator_rewards::QueryMsg::Staker {
                    address: who.to_string(),
                },
            )
        {
            staked += v.stake.u128();
            if v.eligible {
                eligible += v.stake.u128();
            }
            claimable += v.pending_rewards.u128();
        }
        let u = s.unbondings(who).entries;
        assert!(u.len() <= s.config().max_pending_unbondings as usize);
        unbonding += u.iter().map(|e| e.amount.u128()).sum::<u128>();
    }
    assert_eq!(staked, st.total_staked.u128());
    assert_eq!(eligible, st.total_eligible.u128());
    assert_eq!(unbonding, st.total_unbonding.u128());
    // Stake stream: claimed + claimable <= distributed <= funded; dust bounded.
    assert_eq!(st.funded.u128(), m.stream_funded);
    let claimed = st.claimed.u128();
    assert!(claimed + claimable <= st.distributed.u128());
    assert!(st.distributed.u128() + st.undistributed.u128() == st.funded.u128());
    let dust = st.distributed.u128() - claimed - claimable;
    assert!(dust <= STAKERS as u128 + 1, "dust {dust}");
    assert_eq!(acc.stream_unclaimed.u128(), claimed_unclaimed(&st));
    // Work stream: paid + still owed == funded (minus what was recycled).
    assert_eq!(m.work_paid + acc.work_unclaimed.u128(), m.work_funded);
    // Nothing paid beyond what came in.
    assert!(claimed + claimable + m.work_paid <= m.stream_funded + m.work_funded);
    let _ = Uint128::zero();
}

fn claimed_unclaimed(st: &mesi_types::validator_rewards::StreamResponse) -> u128 {
    st.distributed.u128() - st.claimed.u128()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn tokens_held_equal_tokens_owed_and_nothing_is_lost(ops in prop::collection::vec(op(), 1..60)) {
        let mut s = SuiteBuilder::new()
            .with_stream_period(10 * DAY)
            .with_max_pending_unbondings(3)
            .with_claim_deadline(15 * DAY)
            .build();
        let stakers: Vec<_> = (0..STAKERS).map(|i| s.operator_of(i)).collect();
        for a in &stakers {
            s.give(a, 20 * THRESHOLD);
        }
        let mut contributors = stakers.clone();
        contributors.push(s.addr("compute"));
        s.give(&s.addr("dust"), 100_000);
        let mut m = Model {
            stakers,
            contributors,
            stream_funded: 0,
            work_funded: 0,
            work_paid: 0,
            surplus: 0,
            slashed: 0,
        };
        // Prelude: every staker applies, half are whitelisted, every contributor has work in
        // epoch 0; the random sequence takes it from there.
        let mut prelude = vec![];
        for i in 0..STAKERS {
            prelude.push(Op::Apply(i, THRESHOLD + i as u128 * 333_333));
        }
        prelude.push(Op::Whitelist(0));
        prelude.push(Op::Whitelist(1));
        for w in 0..=STAKERS {
            prelude.push(Op::Report(0, w, 1 + w as u128 * 7));
        }
        prelude.push(Op::FundEpoch(0, 1_000_003));
        for op in prelude.iter().chain(ops.iter()) {
            step(&mut s, &mut m, op);
            check(&s, &m);
        }
        // Drain: everything streams out and every staker claims; only bounded dust remains.
        s.advance(365 * DAY);
        for i in 0..STAKERS {
            let who = m.stakers[i].clone();
            let _ = s.claim(&who);
            let _ = s.claim_unbonded(&who);
        }
        check(&s, &m);
        if std::env::var("VALREW_STATS").is_ok() {
            let st = s.stream();
            println!("ops {} funded {} distributed {} claimed {} staked {} work_paid {}", ops.len(), st.funded, st.distributed, st.claimed, st.total_staked, m.work_paid);
        }
    }
}
