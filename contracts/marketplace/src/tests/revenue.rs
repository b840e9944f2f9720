//! Issue 21: primary sales go through the creator's revenue split. The real revenue contract
//! (`mesi-revenue`) is instantiated on the shared suite beside the marketplace, naming it.

use cosmwasm_std::Addr;
use mesi_testing::{code_of, M, USD};
use mesi_types::marketplace::{AccountingResponse, Asset, ConfigResponse, ConfigUpdate, QueryMsg};
use mesi_types::revenue::{
    AccountingResponse as RevenueAccounting, BalanceResponse, ExecuteMsg as RevenueExecuteMsg,
    InstantiateMsg as RevenueInstantiateMsg, PoolResponse, QueryMsg as RevenueQueryMsg,
};

use super::suite::{err, market, Market, DAY};
use crate::error::ContractError;

/// A revenue contract on the suite; `marketplace` = the one it accepts proceeds from.
fn revenue(m: &mut Market, marketplace: Option<&Addr>) -> Addr {
    let msg = RevenueInstantiateMsg {
        owner: None,
        token: m.s.token.to_string(),
        gallery: m.s.gallery.to_string(),
        treasury: m.s.treasury.to_string(),
        operator: m.addr("operator").to_string(),
        marketplace: marketplace.map(|a| a.to_string()),
        commission_bps: None,
        min_tip: None,
        period_seconds: None,
        start: None,
        renew_window: None,
        claim_seconds: None,
    };
    m.s.instantiate(code_of!(mesi_revenue::contract), &msg, "revenue")
        .unwrap()
}

/// The marketplace wired to a revenue contract that names it.
fn wired() -> (Market, Addr) {
    let mut m = market();
    let mp = m.mp.clone();
    let rev = revenue(&mut m, Some(&mp));
    m.update_config(ConfigUpdate {
        revenue: Some(rev.to_string()),
        ..Default::default()
    })
    .unwrap();
    (m, rev)
}

fn set_rate(m: &mut Market, rev: &Addr, creator: &str, percent: u8) {
    m.s.exec(
        creator,
        rev,
        &RevenueExecuteMsg::SetContributionRate { percent },
        &[],
    )
    .unwrap();
}

/// (claimable balance, undistributed pool) of `creator` at the revenue contract.
fn split_of(m: &Market, rev: &Addr, creator: &str) -> (u128, u128) {
    let creator = m.addr(creator).to_string();
    let b: BalanceResponse =
        m.s.app
            .wrap()
            .query_wasm_smart(
                rev,
                &RevenueQueryMsg::Balance {
                    creator: creator.clone(),
                },
            )
            .unwrap();
    let p: PoolResponse =
        m.s.app
            .wrap()
            .query_wasm_smart(rev, &RevenueQueryMsg::Pool { creator })
            .unwrap();
    (b.amount.u128(), p.pool.u128())
}

/// held == owed on both contracts.
fn assert_books(m: &Market, rev: &Addr) {
    let b: AccountingResponse = m.q(&QueryMsg::Accounting {});
    assert_eq!(b.mesi.balance, b.mesi.owed);
    assert_eq!(b.native.balance, b.native.owed);
    let r: RevenueAccounting =
        m.s.app
            .wrap()
            .query_wasm_smart(rev, &RevenueQueryMsg::Accounting {})
            .unwrap();
    assert_eq!(r.held, r.owed);
}

/// Sells `token_id` (freshly minted by `seller` unless it owns it) to `buyer` for `price` $MESI and
/// finalizes; returns the treasury's gain.
fn sell_mesi(
    m: &mut Market,
    seller: &str,
    buyer: &str,
    token_id: &str,
    price: u128,
    mint: bool,
) -> u128 {
    let id = if mint {
        m.mint_and_list(seller, token_id, price, Asset::Mesi)
    } else {
        m.list(seller, token_id, price, Asset::Mesi).unwrap()
    };
    let sid = m.buy_mesi(buyer, id, price).unwrap();
    m.s.advance(2 * DAY);
    let treasury = m.s.mesi_balance(&m.s.treasury.clone());
    m.finalize("dan", sid).unwrap();
    m.s.mesi_balance(&m.s.treasury.clone()) - treasury
}

#[test]
fn primary_sale_net_is_split_by_the_creators_effective_rate() {
    let (mut m, rev) = wired();
    m.s.mint_nft("alice", "art-0").unwrap();
    set_rate(&mut m, &rev, "alice", 50);
    let fee = sell_mesi(&mut m, "alice", "bob", "art-1", 100 * M, true);
    // Commission to the treasury unchanged; the net 90 split 45 / 45 with no second commission.
    assert_eq!(fee, 10 * M);
    assert_eq!(split_of(&m, &rev, "alice"), (45 * M, 45 * M));
    assert_eq!(m.claimable("alice"), (0, 0));
    assert_eq!(m.s.mesi_balance(&rev), 90 * M);
    assert!(!m.owner_is_market("art-1"));
    assert_books(&m, &rev);
}

#[test]
fn primary_sale_without_a_rate_is_all_the_creators_balance() {
    let (mut m, rev) = wired();
    sell_mesi(&mut m, "alice", "bob", "art-1", 100 * M, true);
    assert_eq!(split_of(&m, &rev, "alice"), (90 * M, 0));
    assert_books(&m, &rev);
}

#[test]
fn resale_is_not_split() {
    let (mut m, rev) = wired();
    sell_mesi(&mut m, "alice", "bob", "art-1", 100 * M, true);
    // bob is not the creator of art-1: his net is his claimable balance, as before issue 21.
    let fee = sell_mesi(&mut m, "bob", "carla", "art-1", 50 * M, false);
    assert_eq!(fee, 5 * M);
    assert_eq!(m.claimable("bob"), (45 * M, 0));
    assert_eq!(split_of(&m, &rev, "alice"), (90 * M, 0));
    assert_eq!(split_of(&m, &rev, "bob"), (0, 0));
    assert_books(&m, &rev);
}

#[test]
fn native_sale_is_not_split() {
    let (mut m, rev) = wired();
    let id = m.mint_and_list("alice", "art-1", 50 * USD, Asset::Native);
    let sid = m.buy_native("bob", id, 50 * USD).unwrap();
    m.s.advance(2 * DAY);
    m.finalize("dan", sid).unwrap();
    assert_eq!(m.claimable("alice"), (0, 45 * USD));
    assert_eq!(split_of(&m, &rev, "alice"), (0, 0));
    assert_books(&m, &rev);
}

#[test]
fn without_revenue_a_primary_sale_is_claimable_as_before() {
    let mut m = market();
    let cfg: ConfigResponse = m.q(&QueryMsg::Config {});
    assert_eq!(cfg.revenue, None);
    sell_mesi(&mut m, "alice", "bob", "art-1", 100 * M, true);
    assert_eq!(m.claimable("alice"), (90 * M, 0));
}

#[test]
fn refund_of_a_primary_sale_sends_nothing_to_revenue() {
    let (mut m, rev) = wired();
    let id = m.mint_and_list("alice", "art-1", 100 * M, Asset::Mesi);
    let sid = m.buy_mesi("bob", id, 100 * M).unwrap();
    m.refund(sid).unwrap();
    assert_eq!(m.claimable("bob"), (100 * M, 0));
    assert_eq!(split_of(&m, &rev, "alice"), (0, 0));
    assert_books(&m, &rev);
}

#[test]
fn revenue_config_is_validated() {
    let mut m = market();
    let mp = m.mp.clone();
    // Not a contract.
    let bob = m.addr("bob").to_string();
    let e = err(m.update_config(ConfigUpdate {
        revenue: Some(bob),
        ..Default::default()
    }));
    assert!(matches!(e, ContractError::InvalidConfig { ref field, .. } if field == "revenue"));
    // A revenue contract that does not accept proceeds from this marketplace.
    let other = revenue(&mut m, None);
    let e = err(m.update_config(ConfigUpdate {
        revenue: Some(other.to_string()),
        ..Default::default()
    }));
    assert!(matches!(e, ContractError::InvalidConfig { ref field, .. } if field == "revenue"));
    // Not an address.
    assert!(m
        .update_config(ConfigUpdate {
            revenue: Some("not an address".into()),
            ..Default::default()
        })
        .is_err());
    let good = revenue(&mut m, Some(&mp));
    // Set and cleared at once.
    let e = err(m.update_config(ConfigUpdate {
        revenue: Some(good.to_string()),
        clear_revenue: Some(true),
        ..Default::default()
    }));
    assert!(matches!(e, ContractError::InvalidConfig { ref field, .. } if field == "revenue"));
    // Owner only.
    let e = err(m.exec(
        "bob",
        &mesi_types::marketplace::ExecuteMsg::UpdateConfig(ConfigUpdate {
            revenue: Some(good.to_string()),
            ..Default::default()
        }),
        &[],
    ));
    assert!(matches!(e, ContractError::Ownership(_)));
    m.update_config(ConfigUpdate {
        revenue: Some(good.to_string()),
        ..Default::default()
    })
    .unwrap();
    let cfg: ConfigResponse = m.q(&QueryMsg::Config {});
    assert_eq!(cfg.revenue, Some(good.clone()));
    // Another update leaves it in place; `clear_revenue` removes it.
    m.update_config(ConfigUpdate {
        commission_bps: Some(500),
        ..Default::default()
    })
    .unwrap();
    let cfg: ConfigResponse = m.q(&QueryMsg::Config {});
    assert_eq!(cfg.revenue, Some(good.clone()));
    m.update_config(ConfigUpdate {
        clear_revenue: Some(true),
        ..Default::default()
    })
    .unwrap();
    let cfg: ConfigResponse = m.q(&QueryMsg::Config {});
    assert_eq!(cfg.revenue, None);
    sell_mesi(&mut m, "alice", "bob", "art-1", 100 * M, true);
    assert_eq!(m.claimable("alice"), (95 * M, 0));
    assert_eq!(split_of(&m, &good, "alice"), (0, 0));
}

#[test]
fn a_config_stored_before_issue_21_loads_without_revenue() {
    let cfg: crate::state::Config = cosmwasm_std::from_json(
        br#"{"gallery":"g","token":"t","treasury":"tr","arbiter":"a","native_denom":"uusdc","commission_bps":1000,"compliance_window":1,"day_seconds":1,"min_auction_days":7,"anti_snipe_window":1,"anti_snipe_extension":1,"min_increment_bps":1,"tier_limits":[]}"#,
    )
    .unwrap();
    assert_eq!(cfg.revenue, None);
}
