//! The stake stream: a reward-per-stake accumulator (model: DAO DAO dao-rewards-distributor).
//!
//! Funded tokens sit in `remaining` and are released linearly until `end`. A funding adds its own
//! rate (`amount / period`) to the current rate (`remaining / (end - now)`): the folded stream
//! releases `remaining + amount` at the sum of the two rates, so it ends at the weighted harmonic
//! mean of the two periods, never later than the longer one. Released-so-far is therefore at
//! every instant at least what streaming each funding separately over its own period would have
//! released (issue 12 §7: a funding, even of one base unit, never slows down what was already
//! streaming). O(1): one record, no list of fundings. Each funding starts a segment; releases are
//! computed from the segment's start (not compounded per advance), so released-so-far lags the
//! exact reference (every funding linear over its own period) by less than one base unit — the
//! property test `released_never_lags_each_funding_streamed_over_its_own_period`. A release adds
//! `released * SCALE / total_eligible` to `rps`; the division's remainder is kept in `carry`
//! (nothing is lost to rounding at the global level). A staker's earnings are
//! `stake * (rps - index)` (scaled) while eligible, settled into `pending` before every change of
//! its stake or eligibility; claims pay `floor(pending / SCALE)` and keep the fraction.
//! While no stake is eligible the stream pauses: nothing is released and `end` moves forward by
//! the paused time, so the tokens are streamed later instead of being lost.

use cosmwasm_std::{Uint128, Uint256};

use crate::error::ContractError;
use crate::state::{Candidate, Stream};
use mesi_types::validator_rewards::ValidatorStatus;

/// Scale factor of the accumulator: 10^36.
pub const SCALE: Uint256 = Uint256::from_u128(1_000_000_000_000_000_000_000_000_000_000_000_000);

impl Stream {
    /// Releases what is due at `now` into the accumulator: the current segment releases
    /// `floor(seg_amount * (now - seg_start) / (end - seg_start))` in total (everything at `end`),
    /// whatever the number of advances in between (the lag behind the exact line is below one
    /// base unit per segment).
    pub fn advance(&mut self, now: u64) -> Result<(), ContractError> {
        if now <= self.last_update {
            return Ok(());
        }
        let from = self.last_update;
        self.last_update = now;
        if self.remaining.is_zero() {
            return Ok(());
        }
        if self.seg_amount < self.remaining || self.seg_start > from {
            // A stream stored before segments (or inconsistent): a segment starts here.
            self.seg_amount = self.remaining;
            self.seg_start = from;
        }
        if self.total_eligible.is_zero() {
            // Paused: keep what is left of the period for later; the segment moves with it.
            let left = self.end.saturating_sub(from);
            let shift = now - from;
            self.end = now.checked_add(left).ok_or(ContractError::Overflow {})?;
            self.seg_start = self
                .seg_start
                .checked_add(shift)
                .ok_or(ContractError::Overflow {})?;
            return Ok(());
        }
        let target = if now >= self.end || self.end <= self.seg_start {
            self.seg_amount
        } else {
            // floor: the protocol keeps the fraction in `remaining`.
            self.seg_amount
                .checked_multiply_ratio(now - self.seg_start, self.end - self.seg_start)?
        };
        let done = self.seg_amount.checked_sub(self.remaining)?;
        let released = target.saturating_sub(done).min(self.remaining);
        if released.is_zero() {
            return Ok(());
        }
        self.remaining = self.remaining.checked_sub(released)?;
        let num = Uint256::from(released)
            .checked_mul(SCALE)?
            .checked_add(self.carry)?;
        let total = Uint256::from(self.total_eligible);
        self.rps = self.rps.checked_add(num.checked_div(total)?)?;
        self.carry = num.checked_rem(total)?;
        self.distributed = self.distributed.checked_add(released)?;
        Ok(())
    }

    /// Adds `amount` to the stream at `now` (after releasing what is due). With `R` still
    /// streaming over the `L` seconds left and `A = amount` over `P = period`, the new rate is
    /// `R/L + A/P` (never below the current `R/L`), i.e. `R + A` over
    /// `D = floor((R + A)·L·P / (R·P + A·L))` seconds, `min(L, P) <= D <= max(L, P)`; the floor
    /// only shortens `D` (faster, never slower). Nothing streaming: `A` over `P`. `L` counts at
    /// least one second (a paused stream whose time ran out is due at once).
    pub fn add_funding(
        &mut self,
        amount: Uint128,
        now: u64,
        period: u64,
    ) -> Result<(), ContractError> {
        self.advance(now)?;
        let duration = if self.remaining.is_zero() {
            period
        } else {
            let r = Uint256::from(self.remaining);
            let a = Uint256::from(amount);
            let l = Uint256::from(self.end.saturating_sub(now).max(1));
            let p = Uint256::from(period.max(1));
            let num = r.checked_add(a)?.checked_mul(l)?.checked_mul(p)?;
            let den = r.checked_mul(p)?.checked_add(a.checked_mul(l)?)?;
            let d = num.checked_div(den)?;
            u64::try_from(Uint128::try_from(d)?.u128())
                .map_err(|_| ContractError::Overflow {})?
                .max(1)
        };
        self.remaining = self.remaining.checked_add(amount)?;
        self.funded = self.funded.checked_add(amount)?;
        self.end = now
            .checked_add(duration)
            .ok_or(ContractError::Overflow {})?;
        // A new segment: everything still streaming, linear from now to the new end.
        self.seg_start = now;
        self.seg_amount = self.remaining;
        Ok(())
    }

    /// Moves what `cand` earned since its last settlement into its `pending` (call after `advance`).
    pub fn settle(&self, cand: &mut Candidate) -> Result<(), ContractError> {
        if cand.eligible {
            let delta = self.rps.checked_sub(cand.index)?;
            let earned = Uint256::from(cand.stake).checked_mul(delta)?;
            cand.pending = cand.pending.checked_add(earned)?;
        }
        cand.index = self.rps;
        Ok(())
    }

    /// Takes a settled candidate's stake out of the totals (before changing it).
    pub fn detach(&mut self, cand: &Candidate) -> Result<(), ContractError> {
        self.total_staked = self.total_staked.checked_sub(cand.stake)?;
        if cand.eligible {
            self.total_eligible = self.total_eligible.checked_sub(cand.stake)?;
        }
        Ok(())
    }

    /// Puts a changed candidate back into the totals, setting its eligibility against `threshold`.
    pub fn attach(
        &mut self,
        cand: &mut Candidate,
        threshold: Uint128,
    ) -> Result<(), ContractError> {
        cand.eligible = cand.status == ValidatorStatus::Whitelisted
            && !cand.stake.is_zero()
            && cand.stake >= threshold;
        self.total_staked = self.total_staked.checked_add(cand.stake)?;
        if cand.eligible {
            self.total_eligible = self.total_eligible.checked_add(cand.stake)?;
        }
        Ok(())
    }

    /// Pays the whole units of `cand.pending` (floor); the fraction stays with the candidate.
    pub fn take_pending(&mut self, cand: &mut Candidate) -> Result<Uint128, ContractError> {
        let whole = cand.pending.checked_div(SCALE)?;
        cand.pending = cand.pending.checked_sub(whole.checked_mul(SCALE)?)?;
        let pay = Uint128::try_from(whole)?;
        self.claimed = self.claimed.checked_add(pay)?;
        Ok(pay)
    }

    /// Whole units `cand` could claim at the stream's current state (read-only).
    pub fn pending_of(&self, cand: &Candidate) -> Result<Uint128, ContractError> {
        let mut c = cand.clone();
        self.settle(&mut c)?;
        Ok(Uint128::try_from(c.pending.checked_div(SCALE)?)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand(stake: u128) -> Candidate {
        Candidate {
            valoper: "v".into(),
            status: ValidatorStatus::Whitelisted,
            stake: Uint128::new(stake),
            eligible: false,
            index: Uint256::zero(),
            pending: Uint256::zero(),
            applied_at: 0,
            unbond_count: 0,
            unbond_next_id: 0,
        }
    }

    #[test]
    fn linear_release_and_carry_conserve_tokens() {
        let mut s = Stream::default();
        let mut a = cand(3);
        let mut b = cand(7);
        s.attach(&mut a, Uint128::one()).unwrap();
        s.attach(&mut b, Uint128::one()).unwrap();
        s.add_funding(Uint128::new(1_000), 0, 100).unwrap();
        s.advance(33).unwrap();
        assert_eq!(s.distributed, Uint128::new(330));
        assert_eq!(s.remaining, Uint128::new(670));
        s.advance(100).unwrap();
        assert_eq!(s.distributed, Uint128::new(1_000));
        assert!(s.remaining.is_zero());
        s.settle(&mut a).unwrap();
        s.settle(&mut b).unwrap();
        let pa = s.take_pending(&mut a).unwrap();
        let pb = s.take_pending(&mut b).unwrap();
        assert_eq!(pa + pb, Uint128::new(1_000));
        assert_eq!((pa, pb), (Uint128::new(300), Uint128::new(700)));
    }

    /// Exact reference (issue 12 §7): every funding `(at, amount, period)` streamed linearly over
    /// its own period, floored per funding.
    fn reference(fundings: &[(u64, u128, u64)], now: u64) -> u128 {
        fundings
            .iter()
            .map(|&(at, amount, period)| {
                amount * u128::from((now - at).min(period)) / u128::from(period)
            })
            .sum()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 256, ..Default::default() })]

        /// Released so far never lags the reference by a base unit or more (error bound: one
        /// base unit, the floor of the last release), never exceeds what was funded, and the
        /// stream never ends later than the latest funding's own end.
        #[test]
        fn released_never_lags_each_funding_streamed_over_its_own_period(
            steps in proptest::collection::vec(
                (0u64..40 * 86_400, 1u128..10_000_000_000_000u128, 1u64..=60 * 86_400),
                1..40,
            ),
            tail in proptest::collection::vec(0u64..10 * 86_400, 1..12),
        ) {
            let mut s = Stream::default();
            let mut c = cand(1_000);
            s.attach(&mut c, Uint128::one()).unwrap();
            let mut fundings = vec![];
            let mut now = 0u64;
            let check = |s: &Stream, fundings: &[(u64, u128, u64)], now: u64| {
                let r = reference(fundings, now);
                let d = s.distributed.u128();
                let funded: u128 = fundings.iter().map(|f| f.1).sum();
                assert!(d + 1 >= r, "released {d} < reference {r} at {now}");
                assert!(d <= funded);
                if !s.remaining.is_zero() {
                    let last_end = fundings.iter().map(|f| f.0 + f.2).max().unwrap_or(0);
                    assert!(s.end <= last_end, "end {} > {last_end}", s.end);
                }
            };
            for (gap, amount, period) in steps {
                now += gap;
                s.advance(now).unwrap();
                check(&s, &fundings, now);
                s.add_funding(Uint128::new(amount), now, period).unwrap();
                fundings.push((now, amount, period));
                check(&s, &fundings, now);
            }
            for gap in tail {
                now += gap;
                s.advance(now).unwrap();
                check(&s, &fundings, now);
            }
            now += 61 * 86_400;
            s.advance(now).unwrap();
            let funded: u128 = fundings.iter().map(|f| f.1).sum();
            assert_eq!(s.distributed.u128(), funded);
        }
    }

    #[test]
    fn paused_stream_moves_its_end() {
        let mut s = Stream::default();
        s.add_funding(Uint128::new(100), 10, 100).unwrap();
        s.advance(60).unwrap();
        assert_eq!(s.distributed, Uint128::zero());
        assert_eq!(s.end, 160);
        assert_eq!(s.remaining, Uint128::new(100));
    }
}
