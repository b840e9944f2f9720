//! Instantiate, configuration bounds and `update_config` (issue #14: days and window are config values
//! with the product defaults, bounds validated at instantiate and on update).

use cosmwasm_std::{coins, Addr, Api, BankMsg, Deps, DepsMut, Env, MessageInfo, Response, Uint128};
use mesi_common::sweep::{is_bank_denom, sweep_response};
use mesi_types::marketplace::{Asset, ConfigUpdate, InstantiateMsg, TierLimit};
use mesi_types::revenue::{ConfigResponse as RevenueConfig, QueryMsg as RevenueQueryMsg};
use mesi_types::{BPS_DENOMINATOR, USD};

use crate::error::ContractError;
use crate::helpers::{balance, owed, transfer_msg};
use crate::state::{Config, CONFIG, CONTRACT_NAME, CONTRACT_VERSION, NEXT_ID};

pub const MINUTE: u64 = 60;
pub const DAY: u64 = 86_400;
/// 10% (SPEC §3).
pub const DEFAULT_COMMISSION_BPS: u16 = 1_000;
/// Highest commission the owner may set (50%).
pub const MAX_COMMISSION_BPS: u16 = 5_000;
/// 48 h (SPEC §3).
pub const DEFAULT_COMPLIANCE_WINDOW: u64 = 2 * DAY;
/// Longest compliance window.
pub const MAX_COMPLIANCE_WINDOW: u64 = 30 * DAY;
pub const DEFAULT_MIN_AUCTION_DAYS: u32 = 7;
/// Longest auction, days.
pub const MAX_AUCTION_DAYS: u32 = 365;
/// 5 minutes / 15 minutes (SPEC §3).
pub const DEFAULT_ANTI_SNIPE_WINDOW: u64 = 5 * MINUTE;
pub const DEFAULT_ANTI_SNIPE_EXTENSION: u64 = 15 * MINUTE;
/// 5% (ours).
pub const DEFAULT_MIN_INCREMENT_BPS: u16 = 500;
/// Most rows of the tier-limit table.
pub const MAX_TIER_ROWS: usize = 10;

/// SPEC §3 selling limits by creator tier 0..=5.
pub fn default_tier_limits() -> Vec<TierLimit> {
    let row = |orders: Option<u32>, usd: Option<u128>, days: u32| TierLimit {
        max_orders: orders,
        max_price_usd: usd.map(|u| Uint128::new(u * USD)),
        max_auction_days: days,
    };
    vec![
        row(Some(3), Some(100), 7),
        row(Some(10), Some(200), 7),
        row(Some(25), Some(400), 14),
        row(Some(50), Some(800), 21),
        row(Some(100), Some(1_600), 28),
        row(None, None, 35),
    ]
}

fn bad(field: &str, reason: impl Into<String>) -> ContractError {
    ContractError::InvalidConfig {
        field: field.to_string(),
        reason: reason.into(),
    }
}

fn in_range<T: PartialOrd + std::fmt::Display>(
    field: &str,
    v: T,
    min: T,
    max: T,
) -> Result<(), ContractError> {
    if v < min || v > max {
        return Err(bad(field, format!("{v} is outside {min}..={max}")));
    }
    Ok(())
}

/// Every bound of the configuration, and tier rows that never allow less than the row before.
pub fn validate(cfg: &Config) -> Result<(), ContractError> {
    in_range("commission_bps", cfg.commission_bps, 0, MAX_COMMISSION_BPS)?;
    in_range(
        "compliance_window",
        cfg.compliance_window,
        1,
        MAX_COMPLIANCE_WINDOW,
    )?;
    in_range("day_seconds", cfg.day_seconds, 1, DAY)?;
    in_range(
        "min_auction_days",
        cfg.min_auction_days,
        1,
        MAX_AUCTION_DAYS,
    )?;
    in_range("anti_snipe_window", cfg.anti_snipe_window, 1, DAY)?;
    in_range("anti_snipe_extension", cfg.anti_snipe_extension, 1, DAY)?;
    in_range(
        "min_increment_bps",
        cfg.min_increment_bps,
        1,
        BPS_DENOMINATOR,
    )?;
    if !is_bank_denom(&cfg.native_denom) {
        return Err(bad(
            "native_denom",
            "3..=128 chars of a-z A-Z 0-9 / : . _ -",
        ));
    }
    let rows = &cfg.tier_limits;
    if rows.is_empty() || rows.len() > MAX_TIER_ROWS {
        return Err(bad("tier_limits", format!("1..={MAX_TIER_ROWS} rows")));
    }
    for (i, r) in rows.iter().enumerate() {
        in_range(
            &format!("tier_limits[{i}].max_auction_days"),
            r.max_auction_days,
            cfg.min_auction_days,
            MAX_AUCTION_DAYS,
        )?;
        if r.max_price_usd.is_some_and(|p| p.is_zero()) {
            return Err(bad(&format!("tier_limits[{i}].max_price_usd"), "zero"));
        }
    }
    // A higher creator tier never allows less (issue 19: an order's "lowest tier whose limits it
    // fits" then means every tier from there up).
    for (i, (lo, hi)) in rows.iter().zip(rows.iter().skip(1)).enumerate() {
        if less(lo.max_orders, hi.max_orders)
            || less(lo.max_price_usd, hi.max_price_usd)
            || hi.max_auction_days < lo.max_auction_days
        {
            return Err(bad(
                &format!("tier_limits[{}]", i + 1),
                "allows less than the row before it",
            ));
        }
    }
    Ok(())
}

/// Whether limit `hi` allows less than limit `lo` (`None` = no limit, the most).
fn less<T: PartialOrd>(lo: Option<T>, hi: Option<T>) -> bool {
    match (lo, hi) {
        (_, None) => false,
        (None, Some(_)) => true,
        (Some(lo), Some(hi)) => hi < lo,
    }
}

pub fn instantiate(
    deps: DepsMut,
    info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    cw_utils::nonpayable(&info)?;
    cw2::set_contract_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    let owner = match &msg.owner {
        Some(o) => deps.api.addr_validate(o)?,
        None => info.sender.clone(),
    };
    cw_ownable::initialize_owner(deps.storage, deps.api, Some(owner.as_str()))?;
    let api = deps.api;
    let cfg = Config {
        gallery: api.addr_validate(&msg.gallery)?,
        token: api.addr_validate(&msg.token)?,
        treasury: api.addr_validate(&msg.treasury)?,
        arbiter: api.addr_validate(&msg.arbiter)?,
        native_denom: msg.native_denom,
        commission_bps: msg.commission_bps.unwrap_or(DEFAULT_COMMISSION_BPS),
        compliance_window: msg.compliance_window.unwrap_or(DEFAULT_COMPLIANCE_WINDOW),
        day_seconds: msg.day_seconds.unwrap_or(DAY),
        min_auction_days: msg.min_auction_days.unwrap_or(DEFAULT_MIN_AUCTION_DAYS),
        anti_snipe_window: msg.anti_snipe_window.unwrap_or(DEFAULT_ANTI_SNIPE_WINDOW),
        anti_snipe_extension: msg
            .anti_snipe_extension
            .unwrap_or(DEFAULT_ANTI_SNIPE_EXTENSION),
        min_increment_bps: msg.min_increment_bps.unwrap_or(DEFAULT_MIN_INCREMENT_BPS),
        tier_limits: msg.tier_limits.unwrap_or_else(default_tier_limits),
        // Set by `update_config` once the revenue contract (which names this marketplace) exists.
        revenue: None,
    };
    validate(&cfg)?;
    CONFIG.save(deps.storage, &cfg)?;
    NEXT_ID.save(deps.storage, &1)?;
    Ok(Response::new()
        .add_attribute("action", "instantiate")
        .add_attribute("owner", owner)
        .add_attribute("gallery", cfg.gallery)
        .add_attribute("token", cfg.token)
        .add_attribute("treasury", cfg.treasury))
}

fn set_addr(api: &dyn Api, field: &mut Addr, new: Option<String>) -> Result<(), ContractError> {
    if let Some(a) = new {
        *field = api.addr_validate(&a)?;
    }
    Ok(())
}

fn set<T>(field: &mut T, v: Option<T>) {
    if let Some(v) = v {
        *field = v;
    }
}

/// The revenue contract must be one that accepts our proceeds: its `config` answers, names our token
/// and names this marketplace as its `marketplace` (otherwise every primary-sale `finalize` would fail
/// and keep the token and the price in escrow).
fn check_revenue(deps: Deps, env: &Env, cfg: &Config, r: &Addr) -> Result<(), ContractError> {
    let rc: RevenueConfig = deps
        .querier
        .query_wasm_smart(r, &RevenueQueryMsg::Config {})
        .map_err(|_| {
            bad(
                "revenue",
                format!("{r} does not answer a revenue `config` query"),
            )
        })?;
    if rc.token != cfg.token.as_str() {
        return Err(bad("revenue", format!("{r} takes token {}", rc.token)));
    }
    if rc.marketplace.as_deref() != Some(env.contract.address.as_str()) {
        return Err(bad(
            "revenue",
            format!("{r} does not name this marketplace as its `marketplace`"),
        ));
    }
    Ok(())
}

/// Owner only. Gallery and token are fixed (orders hold their tokens and payments).
pub fn update_config(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    u: ConfigUpdate,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    let mut cfg = CONFIG.load(deps.storage)?;
    set_addr(deps.api, &mut cfg.treasury, u.treasury)?;
    set_addr(deps.api, &mut cfg.arbiter, u.arbiter)?;
    set(&mut cfg.commission_bps, u.commission_bps);
    set(&mut cfg.compliance_window, u.compliance_window);
    set(&mut cfg.day_seconds, u.day_seconds);
    set(&mut cfg.min_auction_days, u.min_auction_days);
    set(&mut cfg.anti_snipe_window, u.anti_snipe_window);
    set(&mut cfg.anti_snipe_extension, u.anti_snipe_extension);
    set(&mut cfg.min_increment_bps, u.min_increment_bps);
    set(&mut cfg.tier_limits, u.tier_limits);
    match (u.revenue, u.clear_revenue.unwrap_or(false)) {
        (Some(_), true) => return Err(bad("revenue", "set and cleared at once")),
        (Some(r), false) => {
            let r = deps.api.addr_validate(&r)?;
            check_revenue(deps.as_ref(), &env, &cfg, &r)?;
            cfg.revenue = Some(r);
        }
        (None, true) => cfg.revenue = None,
        (None, false) => {}
    }
    validate(&cfg)?;
    CONFIG.save(deps.storage, &cfg)?;
    Ok(Response::new().add_attribute("action", "update_config"))
}

/// Owner only (issue 12 §7, tokens with no way out): sends the owner `balance - owed` of one asset.
/// `None` = $MESI (cw20 `Transfer`), `Some(native_denom)` = the native asset (bank send): `owed` is
/// the books' O(1) running total (`OWED`), so an escrowed or claimable base unit is never swept; any
/// other denom: the whole bank balance (the books never hold it). The books do not change.
/// Errors: `Ownership`, `InvalidDenom`, `NothingToSweep` (surplus zero).
pub fn sweep(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    denom: Option<String>,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    let cfg = CONFIG.load(deps.storage)?;
    let asset = match &denom {
        None => Some(Asset::Mesi),
        Some(d) if !is_bank_denom(d) => {
            return Err(ContractError::InvalidDenom { denom: d.clone() })
        }
        Some(d) if *d == cfg.native_denom => Some(Asset::Native),
        Some(_) => None,
    };
    let label = denom.unwrap_or_else(|| "mesi".to_string());
    let (balance, owed) = match asset {
        Some(a) => (
            balance(&deps.querier, &env, &cfg, a)?,
            owed(deps.storage, a)?,
        ),
        None => (
            deps.querier
                .query_balance(&env.contract.address, &label)?
                .amount,
            Uint128::zero(),
        ),
    };
    // saturating: a balance below the books (impossible while held == owed) sweeps nothing.
    let surplus = balance.saturating_sub(owed);
    if surplus.is_zero() {
        return Err(ContractError::NothingToSweep {
            denom: label,
            balance,
            owed,
        });
    }
    let msg = match asset {
        Some(a) => transfer_msg(&cfg, a, &info.sender, surplus)?,
        None => BankMsg::Send {
            to_address: info.sender.to_string(),
            amount: coins(surplus.u128(), &label),
        }
        .into(),
    };
    Ok(sweep_response(msg, &label, &info.sender, surplus, owed))
}
