//! Vesting schedules: one per beneficiary.
//!
//! vested(t) = total * min(N, months_elapsed - cliff) / N (floored, saturating), with
//! months_elapsed = floor((t - start) / month). The first tranche vests one month after the
//! cliff ends; everything has vested at start + (cliff + N) months. A schedule keeps the month
//! length it was created with.

use std::collections::BTreeSet;

use cosmwasm_std::{Api, DepsMut, Env, MessageInfo, Response, Storage, Uint128};
use mesi_types::treasury::{GenesisVesting, GENESIS_SUPPLY};

use crate::error::ContractError;
use crate::helpers::{load_token, nonzero, pay_msg};
use crate::state::{Config, Schedule, Totals, MAX_VESTING_MONTHS, TOTALS, VESTINGS};

/// A genesis group: label, share of the genesis supply in 1/100,000 (thousandths of a
/// percent), cliff months, monthly periods.
pub struct GenesisGroup {
    pub label: &'static str,
    pub share_milli_pct: u128,
    pub cliff_months: u16,
    pub periods: u16,
}

/// The tokenomics table (SPEC §1). Community incentives: 95% of 9.5% (the other 5% is
/// released at genesis by the token, not held here).
pub const GENESIS_GROUPS: [GenesisGroup; 8] = [
    GenesisGroup {
        label: "micro_pre_seed",
        share_milli_pct: 1_000,
        cliff_months: 9,
        periods: 39,
    },
    GenesisGroup {
        label: "seed_a",
        share_milli_pct: 10_000,
        cliff_months: 6,
        periods: 30,
    },
    GenesisGroup {
        label: "seed_b",
        share_milli_pct: 14_000,
        cliff_months: 3,
        periods: 21,
    },
    GenesisGroup {
        label: "community_incentives",
        share_milli_pct: 9_025,
        cliff_months: 0,
        periods: 48,
    },
    GenesisGroup {
        label: "airdrop",
        share_milli_pct: 10_000,
        cliff_months: 3,
        periods: 45,
    },
    GenesisGroup {
        label: "core_team",
        share_milli_pct: 25_000,
        cliff_months: 12,
        periods: 36,
    },
    GenesisGroup {
        label: "strategic_partnerships",
        share_milli_pct: 5_000,
        cliff_months: 12,
        periods: 36,
    },
    GenesisGroup {
        label: "advisors",
        share_milli_pct: 4_000,
        cliff_months: 12,
        periods: 36,
    },
];

/// Amount of a genesis group in base units.
pub const fn genesis_amount(group: &GenesisGroup) -> u128 {
    GENESIS_SUPPLY / 100_000 * group.share_milli_pct
}

pub fn vested(s: &Schedule, now: u64) -> Uint128 {
    let elapsed = now.saturating_sub(s.start);
    let months = elapsed.checked_div(s.month_seconds).unwrap_or(0);
    let after_cliff = months.saturating_sub(u64::from(s.cliff_months));
    let n = u64::from(s.periods);
    let tranches = after_cliff.min(n);
    if n == 0 || tranches >= n {
        return s.total;
    }
    // tranches < n <= 1200: no overflow in a Uint256 intermediate.
    s.total.multiply_ratio(u128::from(tranches), u128::from(n))
}

pub fn end_time(s: &Schedule) -> u64 {
    let months = u64::from(s.cliff_months) + u64::from(s.periods);
    s.start
        .saturating_add(months.saturating_mul(s.month_seconds))
}

fn validate(cliff_months: u16, periods: u16) -> Result<(), ContractError> {
    if periods == 0 || periods > MAX_VESTING_MONTHS || cliff_months > MAX_VESTING_MONTHS {
        return Err(ContractError::InvalidVestingSchedule {
            max: MAX_VESTING_MONTHS,
        });
    }
    Ok(())
}

/// Instantiate: the eight genesis schedules, earmarked before the token exists (SetToken
/// checks the treasury's balance covers them).
pub fn create_genesis(
    storage: &mut dyn Storage,
    api: &dyn Api,
    env: &Env,
    config: &Config,
    totals: &mut Totals,
    genesis: GenesisVesting,
) -> Result<u32, ContractError> {
    let start = genesis.start.unwrap_or_else(|| env.block.time.seconds());
    let addresses = [
        genesis.micro_pre_seed,
        genesis.seed_a,
        genesis.seed_b,
        genesis.community_incentives,
        genesis.airdrop,
        genesis.core_team,
        genesis.strategic_partnerships,
        genesis.advisors,
    ];
    let mut seen = BTreeSet::new();
    for (group, address) in GENESIS_GROUPS.iter().zip(addresses.iter()) {
        let addr = api.addr_validate(address)?;
        if !seen.insert(addr.clone()) {
            return Err(ContractError::DuplicateBeneficiary {
                address: addr.into_string(),
            });
        }
        let total = Uint128::new(genesis_amount(group));
        VESTINGS.save(
            storage,
            &addr,
            &Schedule {
                label: group.label.to_string(),
                total,
                claimed: Uint128::zero(),
                start,
                cliff_months: group.cliff_months,
                periods: group.periods,
                month_seconds: config.month_seconds,
            },
        )?;
        totals.vesting_outstanding = totals.vesting_outstanding.checked_add(total)?;
    }
    Ok(GENESIS_GROUPS.len() as u32)
}

/// Owner: a schedule paid from the free reserve.
#[allow(clippy::too_many_arguments)]
pub fn create(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    beneficiary: String,
    start: Option<u64>,
    cliff_months: u16,
    periods: u16,
    total: Uint128,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    let (config, _) = load_token(deps.storage)?;
    let addr = deps.api.addr_validate(&beneficiary)?;
    if addr == env.contract.address {
        return Err(ContractError::InvalidRecipient {});
    }
    let total = nonzero(total)?;
    validate(cliff_months, periods)?;
    // A fully claimed schedule may be replaced; a running one may not.
    if let Some(existing) = VESTINGS.may_load(deps.storage, &addr)? {
        if existing.claimed < existing.total {
            return Err(ContractError::VestingExists { beneficiary });
        }
    }
    let mut totals = TOTALS.load(deps.storage)?;
    if total > totals.reserve {
        return Err(ContractError::InsufficientReserve {
            available: totals.reserve,
            needed: total,
        });
    }
    totals.reserve = totals.reserve.checked_sub(total)?;
    totals.vesting_outstanding = totals.vesting_outstanding.checked_add(total)?;
    TOTALS.save(deps.storage, &totals)?;
    let start = start.unwrap_or_else(|| env.block.time.seconds());
    let schedule = Schedule {
        label: "custom".to_string(),
        total,
        claimed: Uint128::zero(),
        start,
        cliff_months,
        periods,
        month_seconds: config.month_seconds,
    };
    VESTINGS.save(deps.storage, &addr, &schedule)?;
    Ok(Response::new()
        .add_attribute("action", "create_vesting")
        .add_attribute("beneficiary", addr)
        .add_attribute("total", total)
        .add_attribute("start", start.to_string())
        .add_attribute("cliff_months", cliff_months.to_string())
        .add_attribute("periods", periods.to_string())
        .add_attribute("end", end_time(&schedule).to_string()))
}

/// Beneficiary: pays what has vested and is unclaimed (from the earmarked vesting funds;
/// vesting never mints).
pub fn claim(deps: DepsMut, env: Env, info: MessageInfo) -> Result<Response, ContractError> {
    let (_, token) = load_token(deps.storage)?;
    let mut schedule = VESTINGS
        .may_load(deps.storage, &info.sender)?
        .ok_or_else(|| ContractError::NoVesting {
            beneficiary: info.sender.to_string(),
        })?;
    let vested = vested(&schedule, env.block.time.seconds());
    let claimable = vested.saturating_sub(schedule.claimed);
    if claimable.is_zero() {
        return Err(ContractError::NothingToClaim {});
    }
    schedule.claimed = schedule.claimed.checked_add(claimable)?;
    VESTINGS.save(deps.storage, &info.sender, &schedule)?;
    let mut totals = TOTALS.load(deps.storage)?;
    totals.vesting_outstanding = totals.vesting_outstanding.checked_sub(claimable)?;
    TOTALS.save(deps.storage, &totals)?;
    Ok(Response::new()
        .add_message(pay_msg(&token, &info.sender, claimable, None)?)
        .add_attribute("action", "claim_vested")
        .add_attribute("beneficiary", info.sender)
        .add_attribute("amount", claimable)
        .add_attribute("claimed", schedule.claimed)
        .add_attribute("total", schedule.total))
}
