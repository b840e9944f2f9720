//! The contribution rate (SPEC §8, whitepaper 12-month moving average). A creator sets its rate in whole
//! percent for the current period (periods of `period_seconds` counted from the config's `start`); a
//! period's rate is the rate in force at its end (the last one set in it, else the one before). The
//! effective rate of a payment is floor(average of the last 12 completed periods since the first rate);
//! before any period is complete, the current rate; 0 when the creator never set one (all to the creator).
//!
//! O(1): the record keeps at most 12 completed rates; catching up k periods pushes min(k, 12) copies of
//! the current rate.

use cosmwasm_std::{Deps, DepsMut, Env, MessageInfo, Response};
use mesi_types::revenue::{ContributionResponse, PeriodRate, RATE_WINDOW};

use crate::error::ContractError;
use crate::helpers::load_creator;
use crate::state::{RateState, CONFIG, CREATORS};

/// `state` caught up to `period`: every period from `set_period` to `period - 1` completed at `current`.
pub fn roll(state: &RateState, period: u64) -> RateState {
    let mut s = state.clone();
    if period <= s.set_period {
        return s;
    }
    let k = (period - s.set_period).min(RATE_WINDOW as u64) as usize;
    s.done.extend(std::iter::repeat_n(s.current, k));
    if s.done.len() > RATE_WINDOW {
        s.done.drain(..s.done.len() - RATE_WINDOW);
    }
    s.set_period = period;
    s
}

/// The effective rate (whole percent) of a payment in `period`.
pub fn effective(state: Option<&RateState>, period: u64) -> u8 {
    let Some(state) = state else { return 0 };
    let s = roll(state, period);
    if s.done.is_empty() {
        return s.current;
    }
    let sum: u32 = s.done.iter().map(|&r| u32::from(r)).sum();
    // len is 1..=12 and every rate <= 100: the average fits a u8
    u8::try_from(sum / s.done.len() as u32).unwrap_or(100)
}

/// A creator: sets its rate for the current period. Errors: `InvalidRate`, `NotACreator`.
pub fn set_rate(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    percent: u8,
) -> Result<Response, ContractError> {
    if percent > 100 {
        return Err(ContractError::InvalidRate { percent });
    }
    let cfg = CONFIG.load(deps.storage)?;
    let mut creator = load_creator(deps.as_ref(), &cfg, &info.sender)?;
    let period = cfg.period(env.block.time.seconds());
    let state = match creator.rate.take() {
        Some(s) => RateState {
            current: percent,
            ..roll(&s, period)
        },
        None => RateState {
            first_period: period,
            set_period: period,
            current: percent,
            done: vec![],
        },
    };
    let eff = effective(Some(&state), period);
    creator.rate = Some(state);
    CREATORS.save(deps.storage, &info.sender, &creator)?;
    Ok(Response::new()
        .add_attribute("action", "set_contribution_rate")
        .add_attribute("creator", info.sender)
        .add_attribute("percent", percent.to_string())
        .add_attribute("period", period.to_string())
        .add_attribute("effective_rate", eff.to_string()))
}

pub fn query(deps: Deps, env: Env, creator: String) -> Result<ContributionResponse, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let addr = deps.api.addr_validate(&creator)?;
    let period = cfg.period(env.block.time.seconds());
    let state = CREATORS
        .may_load(deps.storage, &addr)?
        .and_then(|c| c.rate)
        .map(|s| roll(&s, period));
    let history = state
        .as_ref()
        .map(|s| {
            let n = s.done.len() as u64;
            s.done
                .iter()
                .enumerate()
                .map(|(i, &rate)| PeriodRate {
                    period: period.saturating_sub(n) + i as u64,
                    rate,
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(ContributionResponse {
        creator: addr.to_string(),
        period,
        current_rate: state.as_ref().map(|s| s.current),
        effective_rate: effective(state.as_ref(), period),
        history,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(state: Option<RateState>, period: u64, percent: u8) -> RateState {
        match state {
            Some(s) => RateState {
                current: percent,
                ..roll(&s, period)
            },
            None => RateState {
                first_period: period,
                set_period: period,
                current: percent,
                done: vec![],
            },
        }
    }

    #[test]
    fn moving_average_over_the_last_twelve_completed_periods() {
        let s = set(None, 0, 100);
        assert_eq!(effective(Some(&s), 0), 100);
        let s = set(Some(s), 6, 50);
        // 6 x 100 + 5 x 50 = 850 over 11 periods -> 77
        assert_eq!(effective(Some(&s), 11), 77);
        // 6 x 100 + 6 x 50 -> 75; then the 100s leave the window
        assert_eq!(effective(Some(&s), 12), 75);
        assert_eq!(effective(Some(&s), 18), 50);
        assert_eq!(effective(Some(&s), 1_000_000), 50);
        // the last rate set in a period is that period's rate
        let s = set(Some(set(Some(s), 20, 0)), 20, 30);
        assert_eq!(roll(&s, 21).done.last(), Some(&30));
        assert_eq!(effective(None, 5), 0);
    }
}
