//! SPEC §3 / issues 14 and 19: lowering a lock (`unlock`) is refused while the seller's live
//! marketplace orders do not fit the creator tier the lower lock gives: their number, each price and
//! each auction's length. The marketplace here is a small mock answering `seller_fits_tier` with the
//! default order limits (tier 0: 3, 1: 10, 2: 25, 3: 50, 4: 100, 5: none) and the creator tier the
//! seller's live prices and auction lengths need (set by the test); the real one is
//! mesi-marketplace.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{
    to_json_binary, Addr, Binary, Deps, DepsMut, Empty, Env, MessageInfo, Response, StdResult,
};
use cw_multi_test::{Contract, ContractWrapper, Executor};
use cw_storage_plus::Map;
use mesi_types::marketplace::{SellerFitsTierResponse, TierLimitKind};
use mesi_types::token::ExecuteMsg;

use super::suite::*;
use crate::error::ContractError;

#[cw_serde]
enum MockExec {
    SetLive {
        seller: String,
        live: u32,
    },
    /// The creator tiers the seller's live prices and auction lengths need.
    SetNeeds {
        seller: String,
        price: u8,
        days: u8,
    },
}

#[cw_serde]
enum MockQuery {
    SellerFitsTier { seller: String, creator_tier: u8 },
}

const LIVE: Map<&str, u32> = Map::new("live");
const NEEDS: Map<&str, (u8, u8)> = Map::new("needs");
const LIMITS: [Option<u32>; 6] = [Some(3), Some(10), Some(25), Some(50), Some(100), None];

fn m_exec(deps: DepsMut, _e: Env, _i: MessageInfo, msg: MockExec) -> StdResult<Response> {
    match msg {
        MockExec::SetLive { seller, live } => LIVE.save(deps.storage, &seller, &live)?,
        MockExec::SetNeeds {
            seller,
            price,
            days,
        } => NEEDS.save(deps.storage, &seller, &(price, days))?,
    }
    Ok(Response::new())
}
fn m_inst(_d: DepsMut, _e: Env, _i: MessageInfo, _m: Empty) -> StdResult<Response> {
    Ok(Response::new())
}
fn m_query(deps: Deps, _e: Env, msg: MockQuery) -> StdResult<Binary> {
    let MockQuery::SellerFitsTier {
        seller,
        creator_tier,
    } = msg;
    let live_orders = LIVE.may_load(deps.storage, &seller)?.unwrap_or(0);
    let (price_tier, auction_days_tier) = NEEDS.may_load(deps.storage, &seller)?.unwrap_or((0, 0));
    let limit = LIMITS[(creator_tier as usize).min(5)];
    let exceeds = if limit.is_some_and(|l| live_orders > l) {
        Some(TierLimitKind::Orders)
    } else if price_tier > creator_tier {
        Some(TierLimitKind::Price)
    } else if auction_days_tier > creator_tier {
        Some(TierLimitKind::AuctionDays)
    } else {
        None
    };
    to_json_binary(&SellerFitsTierResponse {
        fits: exceeds.is_none(),
        live_orders,
        limit,
        exceeds,
        price_tier,
        auction_days_tier,
    })
}
fn mock_marketplace() -> Box<dyn Contract<Empty>> {
    Box::new(ContractWrapper::new(m_exec, m_inst, m_query))
}

fn set_marketplace(suite: &mut Suite, sender: &Addr, marketplace: &str) -> Res {
    suite.exec_addr(
        sender,
        &ExecuteMsg::UpdateConfig {
            arbiter: None,
            treasury: None,
            unlock_delay: None,
            tiers: None,
            marketplace: Some(marketplace.to_string()),
        },
    )
}

/// alice locks 5,000 MESI (creator tier 5) and has `live` orders on a configured marketplace.
fn seller_suite(live: u32) -> (Suite, Addr) {
    let mut suite = SuiteBuilder::new().build();
    let code = suite.app.store_code(mock_marketplace());
    let owner = suite.owner.clone();
    let market = suite
        .app
        .instantiate_contract(code, owner.clone(), &Empty {}, &[], "market", None)
        .unwrap();
    set_live(&mut suite, &market, live);
    set_marketplace(&mut suite, &owner, market.as_str()).unwrap();
    suite.lock("alice", 5_000 * M).unwrap();
    assert_eq!(suite.tier("alice").creator_tier, 5);
    (suite, market)
}

fn set_live(suite: &mut Suite, market: &Addr, live: u32) {
    let seller = suite.addr("alice").to_string();
    let owner = suite.owner.clone();
    suite
        .app
        .execute_contract(
            owner,
            market.clone(),
            &MockExec::SetLive { seller, live },
            &[],
        )
        .unwrap();
}

#[test]
fn unlock_is_refused_while_live_orders_exceed_the_lower_creator_tier() {
    let (mut suite, _) = seller_suite(20);
    // 5,000 -> 2,000 locked: creator tier 3 (limit 50) fits 20 orders
    suite.unlock("alice", 3_000 * M).unwrap();
    let before = suite.lock_info("alice");
    // 2,000 - 1,500 = 500 locked: creator tier 1 (limit 10) does not fit 20 orders
    assert_eq!(
        err(suite.unlock("alice", 1_500 * M)),
        ContractError::LiveOrdersExceedTier {
            live_orders: 20,
            limit: Some(10),
            tier: 1,
            exceeds: TierLimitKind::Orders,
        }
    );
    // the refusal changes nothing
    assert_eq!(suite.lock_info("alice"), before);
    // all the way down (tier 0, limit 3) is refused as well
    assert_eq!(
        err(suite.unlock("alice", 2_000 * M)),
        ContractError::LiveOrdersExceedTier {
            live_orders: 20,
            limit: Some(3),
            tier: 0,
            exceeds: TierLimitKind::Orders,
        }
    );
}

#[test]
fn unlock_goes_through_once_live_orders_fit_the_lower_tier() {
    let (mut suite, market) = seller_suite(20);
    assert!(suite.unlock("alice", 4_500 * M).is_err());
    set_live(&mut suite, &market, 10);
    suite.unlock("alice", 4_500 * M).unwrap();
    assert_eq!(suite.lock_info("alice").pending_unlock.u128(), 4_500 * M);
    // the pending unlock counts: the next unlock is checked against locked - all pending
    assert_eq!(
        err(suite.unlock("alice", 1)),
        ContractError::LiveOrdersExceedTier {
            live_orders: 10,
            limit: Some(3),
            tier: 0,
            exceeds: TierLimitKind::Orders,
        }
    );
}

/// Issue 19: "fit" is all three limits. alice (5,000 locked, creator tier 5) has 10 live orders,
/// one priced for creator tier 3 and one auction as long as only tier 4 allows: the unlock is
/// refused at the first limit the lower tier does not hold, and the error names it.
#[test]
fn unlock_names_the_limit_the_live_orders_exceed() {
    let (mut suite, market) = seller_suite(10);
    set_needs(&mut suite, &market, 3, 4);
    // 5,000 -> 2,500 locked: creator tier 4 holds all three
    suite.unlock("alice", 2_500 * M).unwrap();
    // 2,500 - 500 = 2,000: creator tier 3 holds the count (50) and the price, not the auction
    assert_eq!(
        err(suite.unlock("alice", 500 * M)),
        ContractError::LiveOrdersExceedTier {
            live_orders: 10,
            limit: Some(50),
            tier: 3,
            exceeds: TierLimitKind::AuctionDays,
        }
    );
    // 2,500 - 1,500 = 1,000: creator tier 2 holds the count (25) but not the price
    assert_eq!(
        err(suite.unlock("alice", 1_500 * M)),
        ContractError::LiveOrdersExceedTier {
            live_orders: 10,
            limit: Some(25),
            tier: 2,
            exceeds: TierLimitKind::Price,
        }
    );
    // the auction ends: tier 3 now fits, and the refusal text names the limit
    set_needs(&mut suite, &market, 3, 0);
    suite.unlock("alice", 500 * M).unwrap();
    let e = err(suite.unlock("alice", 1));
    assert!(
        e.to_string().contains("price limit of creator tier 2"),
        "{e}"
    );
}

fn set_needs(suite: &mut Suite, market: &Addr, price: u8, days: u8) {
    let seller = suite.addr("alice").to_string();
    let owner = suite.owner.clone();
    suite
        .app
        .execute_contract(
            owner,
            market.clone(),
            &MockExec::SetNeeds {
                seller,
                price,
                days,
            },
            &[],
        )
        .unwrap();
}

#[test]
fn unlock_within_the_same_creator_tier_passes_whatever_the_live_orders() {
    // tier 5 has no limit: with 1,000 live orders, 6,000 -> 5,000 locked stays tier 5
    let (mut suite, _) = seller_suite(1_000);
    suite.lock("alice", 1_000 * M).unwrap();
    suite.unlock("alice", 1_000 * M).unwrap();
    assert_eq!(suite.tier("alice").creator_tier, 5);
}

#[test]
fn without_a_marketplace_unlock_asks_nobody() {
    let (mut suite, _) = seller_suite(20);
    let owner = suite.owner.clone();
    // removing the marketplace removes the check
    set_marketplace(&mut suite, &owner, "").unwrap();
    assert_eq!(suite.config().marketplace, None);
    suite.unlock("alice", 5_000 * M).unwrap();
}

#[test]
fn only_the_owner_sets_the_marketplace_and_it_must_be_an_address() {
    let (mut suite, market) = seller_suite(0);
    assert_eq!(suite.config().marketplace, Some(market.to_string()));
    let alice = suite.addr("alice");
    assert!(matches!(
        err(set_marketplace(&mut suite, &alice, "")),
        ContractError::Ownership(_)
    ));
    let owner = suite.owner.clone();
    assert!(matches!(
        err(set_marketplace(&mut suite, &owner, "Not-An-Address")),
        ContractError::Std(_)
    ));
    assert_eq!(suite.config().marketplace, Some(market.to_string()));
}
