//! Vesting: the genesis tokenomics table (amounts and release dates) and owner schedules.

use cosmwasm_std::Uint128;
use mesi_types::treasury::{ExecuteMsg, QueryMsg, VestingsResponse, GENESIS_SUPPLY};

use super::suite::*;
use crate::error::ContractError;
use crate::execute::vesting::GENESIS_GROUPS;

/// (label, share of genesis supply, cliff months, periods)
const TABLE: [(&str, u128, u64, u64); 8] = [
    ("micro_pre_seed", GENESIS_SUPPLY / 100, 9, 39),
    ("seed_a", GENESIS_SUPPLY / 10, 6, 30),
    ("seed_b", GENESIS_SUPPLY * 14 / 100, 3, 21),
    // 95% of 9.5%
    (
        "community_incentives",
        GENESIS_SUPPLY * 95 / 1000 * 95 / 100,
        0,
        48,
    ),
    ("airdrop", GENESIS_SUPPLY / 10, 3, 45),
    ("core_team", GENESIS_SUPPLY / 4, 12, 36),
    ("strategic_partnerships", GENESIS_SUPPLY / 20, 12, 36),
    ("advisors", GENESIS_SUPPLY / 25, 12, 36),
];

#[test]
fn genesis_schedules_match_the_tokenomics_table() {
    let s = SuiteBuilder::new().with_genesis_vesting().build();
    let mut sum = 0u128;
    for (i, (label, total, cliff, periods)) in TABLE.iter().enumerate() {
        let v = s.vesting(&s.groups[i]);
        assert_eq!(v.label, *label);
        assert_eq!(GENESIS_GROUPS[i].label, *label);
        assert_eq!(v.total.u128(), *total, "{label}");
        assert_eq!(u64::from(v.cliff_months), *cliff, "{label}");
        assert_eq!(u64::from(v.periods), *periods, "{label}");
        assert_eq!(v.month_seconds, MONTH);
        assert_eq!(v.end, v.start + (cliff + periods) * MONTH);
        sum += total;
    }
    // whole-year totals: 48 / 36 / 24 / 48 months for micro pre-seed / seed A / seed B / team
    assert_eq!(
        s.vesting(&s.groups[0]).end - s.vesting(&s.groups[0]).start,
        48 * MONTH
    );
    assert_eq!(
        s.vesting(&s.groups[1]).end - s.vesting(&s.groups[1]).start,
        36 * MONTH
    );
    assert_eq!(
        s.vesting(&s.groups[2]).end - s.vesting(&s.groups[2]).start,
        24 * MONTH
    );
    assert_eq!(
        s.vesting(&s.groups[5]).end - s.vesting(&s.groups[5]).start,
        48 * MONTH
    );
    let acc = s.accounting();
    assert_eq!(acc.vesting_outstanding.u128(), sum);
    assert_eq!(sum, 78_025_000_000 * M);
    // the treasury reserve is 20% of the genesis supply
    assert_eq!(acc.reserve.u128(), GENESIS_SUPPLY / 5);
    assert_eq!(s.supply().genesis_supply.u128(), GENESIS_SUPPLY);
    // 1.5% liquidity + 5% of 9.5% community incentives are outside the treasury
    assert_eq!(
        s.balance(&s.market),
        GENESIS_SUPPLY * 15 / 1000 + GENESIS_SUPPLY * 95 / 1000 * 5 / 100
    );
    let page: VestingsResponse = s
        .query(&QueryMsg::Vestings {
            start_after: None,
            limit: Some(100),
        })
        .unwrap();
    assert_eq!(page.vestings.len(), 8);
    s.assert_invariants();
}

#[test]
fn genesis_release_dates_nothing_before_cliff_then_one_period_a_month() {
    for (i, (label, total, cliff, periods)) in TABLE.iter().enumerate() {
        let mut s = SuiteBuilder::new().with_genesis_vesting().build();
        let who = s.groups[i].clone();
        let start = s.vesting(&who).start;
        let at = |s: &mut Suite, t: u64| {
            let now = s.now();
            s.advance(start + t - now);
            s.vesting(&who).vested.u128()
        };
        // nothing during the cliff, nor at its very end
        if *cliff > 0 {
            assert_eq!(at(&mut s, cliff * MONTH - 1), 0, "{label}");
            assert_eq!(
                s.claim_vested(&who).unwrap_err(),
                ContractError::NothingToClaim {}
            );
        }
        assert_eq!(at(&mut s, cliff * MONTH), 0, "{label}");
        assert_eq!(at(&mut s, (cliff + 1) * MONTH - 1), 0, "{label}");
        // first tranche one month after the cliff
        let one = total / u128::from(*periods as u32);
        assert_eq!(at(&mut s, (cliff + 1) * MONTH), one, "{label}");
        s.claim_vested(&who).unwrap();
        assert_eq!(s.balance(&who), one);
        // two tranches a month later
        assert_eq!(
            at(&mut s, (cliff + 2) * MONTH),
            total * 2 / u128::from(*periods as u32)
        );
        // everything by cliff + N months, not a second before
        assert!(at(&mut s, (cliff + periods) * MONTH - 1) < *total);
        assert_eq!(at(&mut s, (cliff + periods) * MONTH), *total, "{label}");
        s.claim_vested(&who).unwrap();
        assert_eq!(s.balance(&who), *total, "{label}");
        assert_eq!(
            s.claim_vested(&who).unwrap_err(),
            ContractError::NothingToClaim {}
        );
        s.assert_invariants();
    }
}

#[test]
fn seed_b_nothing_before_month_3_then_one_21st_a_month_all_by_month_24() {
    let mut s = SuiteBuilder::new().with_genesis_vesting().build();
    let seed_b = s.groups[2].clone();
    let total = GENESIS_SUPPLY * 14 / 100;
    let mut paid = 0u128;
    for month in 1..=26u128 {
        s.advance(MONTH);
        let expected = total * month.saturating_sub(3).min(21) / 21;
        assert_eq!(s.vesting(&seed_b).vested.u128(), expected, "month {month}");
        match s.claim_vested(&seed_b) {
            Ok(_) => paid = expected,
            Err(e) => assert_eq!(e, ContractError::NothingToClaim {}),
        }
        assert_eq!(s.balance(&seed_b), paid);
    }
    assert_eq!(paid, total);
    assert_eq!(
        s.accounting().vesting_outstanding.u128(),
        78_025_000_000 * M - total
    );
    s.assert_invariants();
}

#[test]
fn owner_creates_vesting_from_reserve() {
    let mut s = SuiteBuilder::new().with_treasury_balance(1_000 * M).build();
    let owner = s.owner.clone();
    let dan = s.addr("dan");
    let create = |total: u128, periods: u16| ExecuteMsg::CreateVesting {
        beneficiary: dan.to_string(),
        start: None,
        cliff_months: 2,
        periods,
        total: Uint128::new(total),
    };
    assert_eq!(
        s.exec(&owner, &create(1_001 * M, 4)).unwrap_err(),
        ContractError::InsufficientReserve {
            available: Uint128::new(1_000 * M),
            needed: Uint128::new(1_001 * M)
        }
    );
    assert_eq!(
        s.exec(&owner, &create(M, 0)).unwrap_err(),
        ContractError::InvalidVestingSchedule { max: 1_200 }
    );
    s.exec(&owner, &create(400 * M, 4)).unwrap();
    assert_eq!(
        s.exec(&owner, &create(M, 4)).unwrap_err(),
        ContractError::VestingExists {
            beneficiary: dan.to_string()
        }
    );
    let acc = s.accounting();
    assert_eq!(acc.reserve.u128(), 600 * M);
    assert_eq!(acc.vesting_outstanding.u128(), 400 * M);
    s.advance(3 * MONTH);
    s.claim_vested(&dan).unwrap();
    assert_eq!(s.balance(&dan), 100 * M);
    // month length changes later do not affect an existing schedule
    s.exec(
        &owner,
        &ExecuteMsg::UpdateConfig {
            feeder: None,
            operators: None,
            max_price_age: None,
            max_batch: None,
            month_seconds: Some(DAY),
            pool_caps: None,
            epoch_claim_seconds: None,
        },
    )
    .unwrap();
    assert_eq!(s.vesting(&dan).month_seconds, MONTH);
    s.advance(3 * MONTH);
    s.claim_vested(&dan).unwrap();
    assert_eq!(s.balance(&dan), 400 * M);
    // a fully claimed schedule may be replaced (with the new month length)
    s.exec(&owner, &create(10 * M, 1)).unwrap();
    assert_eq!(s.vesting(&dan).month_seconds, DAY);
    s.assert_invariants();
}

#[test]
fn claim_vested_without_schedule_is_rejected() {
    let mut s = SuiteBuilder::new().build();
    let eve = s.addr("eve");
    assert_eq!(
        s.claim_vested(&eve).unwrap_err(),
        ContractError::NoVesting {
            beneficiary: eve.to_string()
        }
    );
}
