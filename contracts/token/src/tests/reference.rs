//! The exact holding-score reference model (SPEC §1, issue 12 §7): the integral of the balance
//! over `[t - W, t]`, in u128 exact arithmetic, and the documented error bound of the O(1)
//! record (see `crate::account`).

use crate::account::{DAY, WINDOW};

/// `(time, balance after)` of every balance change of one account, in time order; balance 0
/// before the first.
#[derive(Clone, Debug, Default)]
pub struct Reference(pub Vec<(u64, u128)>);

impl Reference {
    pub fn set(&mut self, t: u64, balance: u128) {
        self.0.push((t, balance));
    }

    /// Exact balance-seconds held over `[from, to]`.
    pub fn integral(&self, from: u64, to: u64) -> u128 {
        let mut sum = 0u128;
        let mut bal = 0u128;
        let mut at = from;
        for &(ct, b) in &self.0 {
            if ct > at {
                let seg_end = ct.min(to);
                if seg_end > at {
                    sum += bal * (seg_end - at) as u128;
                    at = seg_end;
                }
            }
            bal = b;
        }
        if to > at {
            sum += bal * (to - at) as u128;
        }
        sum
    }

    /// The exact average over the window ending at `t`, rounded down.
    pub fn exact(&self, t: u64) -> u128 {
        self.integral(t.saturating_sub(WINDOW), t) / WINDOW as u128
    }

    /// The documented error bound at query time `t`, in balance-seconds: 0 unless the window
    /// starts strictly between the first and last change of its day, then
    /// (max - min of the balances held, for a positive time, between them) * (last - start).
    pub fn bound(&self, t: u64) -> u128 {
        if t < WINDOW {
            return 0;
        }
        let s = t - WINDOW;
        let d = s / DAY;
        let in_day: Vec<&(u64, u128)> = self.0.iter().filter(|(ct, _)| ct / DAY == d).collect();
        let (Some(first), Some(last)) = (in_day.first(), in_day.last()) else {
            return 0;
        };
        if !(first.0 < s && s < last.0) {
            return 0;
        }
        let (lo, hi) = in_day
            .windows(2)
            .filter(|w| w[1].0 > w[0].0)
            .map(|w| w[0].1)
            .fold((u128::MAX, 0), |(lo, hi), b| (lo.min(b), hi.max(b)));
        (hi - lo) * (last.0 - s) as u128
    }

    /// Checks a score read at `t`: never above the exact average, at most the bound below it,
    /// and exactly the rounded-down average when the bound is 0.
    pub fn check(&self, score: u128, t: u64) -> Result<(), String> {
        let exact = self.integral(t.saturating_sub(WINDOW), t);
        let hi = exact / WINDOW as u128;
        let bound = self.bound(t);
        let lo = exact.saturating_sub(bound) / WINDOW as u128;
        if score > hi {
            return Err(format!("t {t}: score {score} above the exact average {hi}"));
        }
        if score < lo {
            return Err(format!("t {t}: score {score} below the bound {lo}"));
        }
        if bound == 0 && score != hi {
            return Err(format!("t {t}: score {score}, exact {hi}"));
        }
        Ok(())
    }
}
