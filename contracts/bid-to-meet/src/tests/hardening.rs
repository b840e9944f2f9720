//! Issue 12 (hardening from outside checks), one test per rule with the issue's values:
//! §7 a slot auction obeys its creator's BtM switch and formats, §7 the commission rate in force
//! when a bid was made applies, §7 sweep of exactly the surplus, §6 amounts that round to zero
//! are refused, never silently consumed.

use std::str::FromStr;

use cosmwasm_std::{Decimal, Uint128};
use mesi_types::bid_to_meet::Format::*;
use mesi_types::bid_to_meet::{AccountingResponse, BidStatus, ConfigUpdate, ExecuteMsg, QueryMsg};

use super::suite::*;
use crate::error::ContractError;

const CODE: &str = "qr-issue-12";

fn enabled() -> Suite {
    let mut s = SuiteBuilder::new().build();
    s.enable("creator", 5 * M, &[VirtualVideo, InPerson])
        .unwrap();
    s
}

fn accounting(s: &Suite) -> AccountingResponse {
    s.q(&QueryMsg::Accounting {})
}

fn set_commission(s: &mut Suite, bps: u16) {
    let owner = s.owner.clone();
    s.exec(
        &owner,
        &ExecuteMsg::UpdateConfig(ConfigUpdate {
            commission_bps: Some(bps),
            ..ConfigUpdate::default()
        }),
    )
    .unwrap();
}

// ---- §7 a slot auction obeys the creator's switch ----

#[test]
fn a_slot_takes_no_bid_once_its_creator_disabled_bid_to_meet() {
    let mut s = enabled();
    let slot = s
        .open_slot("creator", VirtualVideo, DAY, 10 * M, 2 * M)
        .unwrap();
    s.exec_as("creator", &ExecuteMsg::Disable {}).unwrap();
    // The direct bid and the slot bid are refused the same way.
    assert_eq!(
        err(s.bid("whale", "creator", VirtualVideo, 20 * M)),
        ContractError::CreatorNotEnabled {
            creator: s.addr("creator").to_string()
        }
    );
    let whale = s.bal("whale");
    assert_eq!(
        err(s.slot_bid("whale", slot, 20 * M)),
        ContractError::CreatorNotEnabled {
            creator: s.addr("creator").to_string()
        }
    );
    assert_eq!(s.bal("whale"), whale);
    assert_eq!(s.held(), 0);
    assert_eq!(s.get_slot(slot).highest_bid_id, None);
}

#[test]
fn a_slot_takes_no_bid_once_its_creator_stopped_offering_its_format() {
    let mut s = enabled();
    let slot = s
        .open_slot("creator", VirtualVideo, DAY, 10 * M, 2 * M)
        .unwrap();
    s.enable("creator", 5 * M, &[InPerson]).unwrap();
    assert_eq!(
        err(s.slot_bid("whale", slot, 20 * M)),
        ContractError::FormatNotOffered {
            format: VirtualVideo
        }
    );
    assert_eq!(s.held(), 0);
    // Offered again: the slot takes bids again.
    s.enable("creator", 5 * M, &[InPerson, VirtualVideo])
        .unwrap();
    s.slot_bid("whale", slot, 20 * M).unwrap();
    assert_eq!(s.held(), 20 * M);
}

// ---- §7 rates apply to new bids only ----

#[test]
fn the_commission_rate_in_force_when_the_bid_was_made_applies() {
    let mut s = enabled();
    let creator0 = s.bal("creator");
    let old = s.bid("whale", "creator", VirtualVideo, 30 * M).unwrap();
    let slot = s
        .open_slot("creator", InPerson, DAY, 10 * M, 2 * M)
        .unwrap();
    let old_slot_bid = s.slot_bid("whale2", slot, 10 * M).unwrap();
    s.accept("creator", old, CODE, false).unwrap();
    // The owner lowers the commission to 5%: only new bids get it.
    set_commission(&mut s, 500);
    let new = s.bid("whale3", "creator", VirtualVideo, 20 * M).unwrap();
    assert_eq!(s.get_bid(old).commission_bps, 1_000);
    assert_eq!(s.get_bid(old_slot_bid).commission_bps, 1_000);
    assert_eq!(s.get_bid(new).commission_bps, 500);
    s.accept("creator", new, CODE, false).unwrap();
    s.release("whale", old, CODE).unwrap();
    assert_eq!(s.balance(&s.treasury.clone()), 3 * M);
    s.release("whale3", new, CODE).unwrap();
    assert_eq!(s.balance(&s.treasury.clone()), 3 * M + M);
    s.advance(DAY);
    s.settle("creator", slot, CODE, false).unwrap();
    // A rise to 50% does not reach the escrowed slot bid either.
    set_commission(&mut s, 5_000);
    s.release("whale2", old_slot_bid, CODE).unwrap();
    assert_eq!(s.balance(&s.treasury.clone()), 3 * M + M + M);
    assert_eq!(s.bal("creator"), creator0 + 27 * M + 19 * M + 9 * M);
    assert_eq!(s.held(), 0);
}

#[test]
fn a_disputed_escrow_is_split_at_the_rate_frozen_in_the_bid() {
    let mut s = enabled();
    let id = s.bid("whale", "creator", InPerson, 100 * M).unwrap();
    s.accept("creator", id, CODE, false).unwrap();
    s.dispute("creator", id).unwrap();
    set_commission(&mut s, 0);
    let arb = s.arbiter.clone();
    s.resolve(&arb, id, 40 * M, 60 * M).unwrap();
    assert_eq!(s.balance(&s.treasury.clone()), 6 * M);
    assert_eq!(s.get_bid(id).status, BidStatus::Resolved);
}

#[test]
fn a_bid_stored_before_rates_were_frozen_keeps_the_rate_at_migration() {
    use cosmwasm_std::testing::{mock_dependencies, mock_env};
    use cw_storage_plus::Map;
    let mut deps = mock_dependencies();
    let api = deps.api;
    let cfg = crate::state::Config {
        token: api.addr_make("token"),
        treasury: api.addr_make("treasury"),
        operator: api.addr_make("operator"),
        arbiter: api.addr_make("arbiter"),
        commission_bps: 1_000,
        tier_limits_usd: vec![None],
        kyf_window: 1,
        meeting_window: 1,
        anti_snipe_window: 1,
        anti_snipe_extension: 1,
        max_slot_duration: 1,
        slot_settle_window: 1,
    };
    crate::state::CONFIG.save(&mut deps.storage, &cfg).unwrap();
    cw2::set_contract_version(&mut deps.storage, crate::state::CONTRACT_NAME, "0.0.1").unwrap();
    // The old contract's books: a bid without `commission_bps`, an escrow total already set.
    #[cosmwasm_schema::cw_serde]
    struct LegacyBid {
        creator: cosmwasm_std::Addr,
        fan: cosmwasm_std::Addr,
        format: mesi_types::bid_to_meet::Format,
        amount: Uint128,
        status: BidStatus,
        created_at: u64,
    }
    let legacy: Map<u64, LegacyBid> = Map::new("bids");
    legacy
        .save(
            &mut deps.storage,
            7,
            &LegacyBid {
                creator: api.addr_make("creator"),
                fan: api.addr_make("fan"),
                format: VirtualVideo,
                amount: Uint128::new(100),
                status: BidStatus::Accepted,
                created_at: 1,
            },
        )
        .unwrap();
    crate::state::OWED
        .save(&mut deps.storage, &Uint128::new(100))
        .unwrap();
    crate::contract::migrate(
        deps.as_mut(),
        mock_env(),
        mesi_types::bid_to_meet::MigrateMsg {},
    )
    .unwrap();
    // The owner later raises the rate: the old bid still reads, at the rate in force at migration.
    let mut cfg = cfg;
    cfg.commission_bps = 5_000;
    crate::state::CONFIG.save(&mut deps.storage, &cfg).unwrap();
    let bid = crate::query::bid(deps.as_ref(), 7).unwrap();
    assert_eq!(bid.commission_bps, 1_000);
    assert_eq!(bid.amount.u128(), 100);
}

// ---- §7 sweep of exactly the surplus ----

#[test]
fn sweep_takes_exactly_the_surplus_and_never_an_owed_base_unit() {
    let mut s = enabled();
    let open = s.bid("whale", "creator", VirtualVideo, 30 * M).unwrap();
    let accepted = s.bid("whale2", "creator", InPerson, 10 * M).unwrap();
    s.accept("creator", accepted, CODE, false).unwrap();
    let slot = s
        .open_slot("creator", InPerson, DAY, 10 * M, 2 * M)
        .unwrap();
    s.slot_bid("whale3", slot, 10 * M).unwrap();
    s.slot_bid("whale", slot, 12 * M).unwrap(); // whale3: 10 MESI refund credit
    let owner = s.owner.clone();
    let a = accounting(&s);
    assert_eq!(a.owed.u128(), 30 * M + 10 * M + 10 * M + 12 * M);
    assert_eq!(a.balance, a.owed);
    assert_eq!(
        err(s.exec(&owner, &ExecuteMsg::Sweep { denom: None })),
        ContractError::NothingToSweep {
            denom: "mesi".to_string(),
            balance: a.balance,
            owed: a.owed
        }
    );
    // MESI sent by a plain transfer: the only thing a sweep may take.
    let btm = s.btm.clone();
    let token = s.token.clone();
    let mid = s.addr("mid");
    cw_multi_test::Executor::execute_contract(
        &mut s.app,
        mid,
        token,
        &cw20::Cw20ExecuteMsg::Transfer {
            recipient: btm.to_string(),
            amount: Uint128::new(5),
        },
        &[],
    )
    .unwrap();
    assert_eq!(accounting(&s).surplus.u128(), 5);
    let mallory = s.addr("mallory");
    assert!(matches!(
        err(s.exec(&mallory, &ExecuteMsg::Sweep { denom: None })),
        ContractError::Ownership(_)
    ));
    let o0 = s.balance(&owner);
    s.exec(&owner, &ExecuteMsg::Sweep { denom: None }).unwrap();
    assert_eq!(s.balance(&owner) - o0, 5);
    let a = accounting(&s);
    assert_eq!((a.balance, a.surplus.u128()), (a.owed, 0));
    assert!(matches!(
        err(s.exec(&owner, &ExecuteMsg::Sweep { denom: None })),
        ContractError::NothingToSweep { .. }
    ));
    // Everything owed still pays out in full.
    s.withdraw("whale", open).unwrap();
    s.release("whale2", accepted, CODE).unwrap();
    s.withdraw_refunds("whale3").unwrap();
    s.advance(DAY);
    s.settle("creator", slot, CODE, false).unwrap();
    let winner = s.get_slot(slot).highest_bid_id.unwrap();
    s.release("whale", winner, CODE).unwrap();
    assert_eq!(s.held(), 0);
    assert_eq!(accounting(&s).owed.u128(), 0);
}

fn sweep_native(
    s: &mut Suite,
    who: &cosmwasm_std::Addr,
    denom: &str,
) -> cw_multi_test::error::AnyResult<cw_multi_test::AppResponse> {
    s.exec(
        who,
        &ExecuteMsg::Sweep {
            denom: Some(denom.to_string()),
        },
    )
}

fn bank(s: &Suite, who: &cosmwasm_std::Addr, denom: &str) -> u128 {
    s.app
        .wrap()
        .query_balance(who, denom)
        .unwrap()
        .amount
        .u128()
}

#[test]
fn a_stray_native_coin_is_swept_whole_and_escrow_is_untouched() {
    let mut s = enabled();
    let open = s.bid("whale", "creator", VirtualVideo, 30 * M).unwrap();
    let owner = s.owner.clone();
    assert_eq!(
        err(sweep_native(&mut s, &owner, "ustake")),
        ContractError::NothingToSweep {
            denom: "ustake".to_string(),
            balance: Uint128::zero(),
            owed: Uint128::zero(),
        }
    );
    // Native coins arrive only by a plain bank send (every execute path is nonpayable).
    let btm = s.btm.clone();
    for (amount, denom) in [(777u128, "ustake"), (3, "ibc/ABC")] {
        s.app
            .sudo(cw_multi_test::SudoMsg::Bank(
                cw_multi_test::BankSudo::Mint {
                    to_address: btm.to_string(),
                    amount: cosmwasm_std::coins(amount, denom),
                },
            ))
            .unwrap();
    }
    let mallory = s.addr("mallory");
    assert!(matches!(
        err(sweep_native(&mut s, &mallory, "ustake")),
        ContractError::Ownership(_)
    ));
    assert_eq!(
        err(sweep_native(&mut s, &owner, "u$")),
        ContractError::InvalidDenom {
            denom: "u$".to_string()
        }
    );
    let escrow = accounting(&s);
    sweep_native(&mut s, &owner, "ustake").unwrap();
    assert_eq!(
        (bank(&s, &owner, "ustake"), bank(&s, &btm, "ustake")),
        (777, 0)
    );
    // Only that denom moved; the MESI escrow and books are as they were.
    assert_eq!(bank(&s, &btm, "ibc/ABC"), 3);
    assert_eq!(accounting(&s), escrow);
    assert!(matches!(
        err(sweep_native(&mut s, &owner, "ustake")),
        ContractError::NothingToSweep { .. }
    ));
    s.withdraw("whale", open).unwrap();
    assert_eq!(s.held(), 0);
}

#[test]
fn an_empty_sweep_message_still_means_the_mesi_surplus() {
    let msg: ExecuteMsg = cosmwasm_std::from_json(br#"{"sweep":{}}"#).unwrap();
    assert_eq!(msg, ExecuteMsg::Sweep { denom: None });
}

// ---- §6 amounts that round to zero ----

#[test]
fn a_creator_share_that_rounds_to_zero_is_refused_not_taken_as_commission() {
    let mut s = SuiteBuilder::new().build();
    s.enable("creator", 1, &[VirtualVideo]).unwrap();
    // 1 base unit at 10%: the creator would keep floor(0.9) = 0.
    assert_eq!(
        err(s.bid("whale", "creator", VirtualVideo, 1)),
        ContractError::CreatorShareRoundsToZero {
            amount: Uint128::new(1),
            bps: 1_000
        }
    );
    let slot = s.open_slot("creator", VirtualVideo, DAY, 1, 1).unwrap();
    assert_eq!(
        err(s.slot_bid("whale", slot, 1)),
        ContractError::CreatorShareRoundsToZero {
            amount: Uint128::new(1),
            bps: 1_000
        }
    );
    assert_eq!(s.held(), 0);
    // 2 base units: the creator keeps 1.
    let id = s.bid("whale", "creator", VirtualVideo, 2).unwrap();
    s.accept("creator", id, CODE, false).unwrap();
    s.dispute("whale", id).unwrap();
    let arb = s.arbiter.clone();
    // The arbiter's creator part of 1 base unit would go whole to the commission.
    assert_eq!(
        err(s.resolve(&arb, id, 1, 1)),
        ContractError::CreatorShareRoundsToZero {
            amount: Uint128::new(1),
            bps: 1_000
        }
    );
    s.resolve(&arb, id, 0, 2).unwrap();
    assert_eq!(s.balance(&s.treasury.clone()), 1);
}

#[test]
fn a_tier_limit_that_converts_to_zero_mesi_is_a_typed_refusal() {
    let mut s = enabled();
    assert_eq!(s.tier("small"), 1);
    // 200 USD at 10^15 USD per MESI is 2 * 10^-7 base units: rounds to zero.
    s.post_price(Decimal::from_str("1000000000000000").unwrap());
    // Refused either by the treasury's conversion (it refuses a conversion to zero) or by our
    // own check of a zero limit; never a bid against a limit of nothing.
    let e = err(s.bid("small", "creator", VirtualVideo, 5 * M));
    assert!(
        matches!(
            e,
            ContractError::TierLimitRoundsToZero { tier: 1 }
                | ContractError::PriceUnavailable { .. }
        ),
        "{e:?}"
    );
    assert_eq!(s.held(), 0);
}
