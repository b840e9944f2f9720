//! Instantiate, configuration bounds, `update_config` and `sweep` (issue 12 §7).

use cosmwasm_std::{coins, BankMsg, DepsMut, Env, MessageInfo, Response, Uint128};
use mesi_common::interface;
use mesi_common::sweep::{is_bank_denom, sweep_response};
use mesi_types::revenue::{ConfigUpdate, InstantiateMsg};

use crate::error::ContractError;
use crate::state::{Config, Totals, CONFIG, CONTRACT_NAME, CONTRACT_VERSION, TOTALS};

pub const HOUR: u64 = 3_600;
pub const DAY: u64 = 86_400;
/// 10% (SPEC §8).
pub const DEFAULT_COMMISSION_BPS: u16 = 1_000;
/// Highest commission the owner may set (50%).
pub const MAX_COMMISSION_BPS: u16 = 5_000;
/// 0.1 MESI (SPEC §8).
pub const DEFAULT_MIN_TIP: u128 = 100_000;
/// 30 days (SPEC §8).
pub const DEFAULT_PERIOD: u64 = 30 * DAY;
/// 3 days (SPEC §8).
pub const DEFAULT_RENEW_WINDOW: u64 = 3 * DAY;
/// 365 days (SPEC §8).
pub const DEFAULT_CLAIM_SECONDS: u64 = 365 * DAY;

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

/// Every bound of the configuration.
pub fn validate(cfg: &Config, now: u64) -> Result<(), ContractError> {
    in_range("commission_bps", cfg.commission_bps, 0, MAX_COMMISSION_BPS)?;
    if cfg.min_tip.is_zero() {
        return Err(bad("min_tip", "zero"));
    }
    in_range("period_seconds", cfg.period_seconds, HOUR, 366 * DAY)?;
    in_range("start", cfg.start, 0, now)?;
    in_range("renew_window", cfg.renew_window, 1, 30 * DAY)?;
    in_range("claim_seconds", cfg.claim_seconds, DAY, 3_650 * DAY)?;
    Ok(())
}

pub fn instantiate(
    deps: DepsMut,
    env: Env,
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
    let now = env.block.time.seconds();
    let cfg = Config {
        token: api.addr_validate(&msg.token)?,
        gallery: api.addr_validate(&msg.gallery)?,
        treasury: api.addr_validate(&msg.treasury)?,
        operator: api.addr_validate(&msg.operator)?,
        marketplace: msg
            .marketplace
            .as_deref()
            .map(|m| api.addr_validate(m))
            .transpose()?,
        commission_bps: msg.commission_bps.unwrap_or(DEFAULT_COMMISSION_BPS),
        min_tip: msg.min_tip.unwrap_or(Uint128::new(DEFAULT_MIN_TIP)),
        period_seconds: msg.period_seconds.unwrap_or(DEFAULT_PERIOD),
        start: msg.start.unwrap_or(now),
        renew_window: msg.renew_window.unwrap_or(DEFAULT_RENEW_WINDOW),
        claim_seconds: msg.claim_seconds.unwrap_or(DEFAULT_CLAIM_SECONDS),
    };
    validate(&cfg, now)?;
    CONFIG.save(deps.storage, &cfg)?;
    TOTALS.save(deps.storage, &Totals::default())?;
    Ok(Response::new()
        .add_attribute("action", "instantiate")
        .add_attribute("owner", owner)
        .add_attribute("token", cfg.token)
        .add_attribute("gallery", cfg.gallery)
        .add_attribute("treasury", cfg.treasury)
        .add_attribute("start", cfg.start.to_string()))
}

/// Owner only. Token, gallery, `period_seconds` and `start` are fixed.
pub fn update_config(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    u: ConfigUpdate,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    let mut cfg = CONFIG.load(deps.storage)?;
    let api = deps.api;
    if let Some(a) = u.treasury {
        cfg.treasury = api.addr_validate(&a)?;
    }
    if let Some(a) = u.operator {
        cfg.operator = api.addr_validate(&a)?;
    }
    if let Some(a) = u.marketplace {
        cfg.marketplace = Some(api.addr_validate(&a)?);
    }
    cfg.commission_bps = u.commission_bps.unwrap_or(cfg.commission_bps);
    cfg.min_tip = u.min_tip.unwrap_or(cfg.min_tip);
    cfg.renew_window = u.renew_window.unwrap_or(cfg.renew_window);
    cfg.claim_seconds = u.claim_seconds.unwrap_or(cfg.claim_seconds);
    validate(&cfg, env.block.time.seconds())?;
    CONFIG.save(deps.storage, &cfg)?;
    Ok(Response::new().add_attribute("action", "update_config"))
}

/// Owner only (issue 12 §7): sends the owner `balance - owed` of $MESI (`None`; owed = the O(1) running
/// totals of every book, so an owed base unit is never swept) or the whole bank balance of `denom` (the
/// contract never owes a native coin). The books do not change. Errors: `Ownership`, `InvalidDenom`,
/// `NothingToSweep`.
pub fn sweep(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    denom: Option<String>,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    let cfg = CONFIG.load(deps.storage)?;
    let me = &env.contract.address;
    match denom {
        None => {
            let balance = interface::query_cw20_balance(&deps.querier, &cfg.token, me)?;
            let owed = TOTALS.load(deps.storage)?.owed()?;
            // saturating: a balance below the books (impossible while held == owed) sweeps nothing
            let surplus = balance.saturating_sub(owed);
            if surplus.is_zero() {
                return Err(ContractError::NothingToSweep {
                    denom: "mesi".into(),
                    balance,
                    owed,
                });
            }
            let msg = interface::cw20_transfer_msg(&cfg.token, &info.sender, surplus)?;
            Ok(sweep_response(msg, "mesi", &info.sender, surplus, owed))
        }
        Some(d) => {
            if !is_bank_denom(&d) {
                return Err(ContractError::InvalidDenom { denom: d });
            }
            let balance = deps.querier.query_balance(me, &d)?.amount;
            if balance.is_zero() {
                return Err(ContractError::NothingToSweep {
                    denom: d,
                    balance,
                    owed: Uint128::zero(),
                });
            }
            let msg = BankMsg::Send {
                to_address: info.sender.to_string(),
                amount: coins(balance.u128(), &d),
            };
            Ok(sweep_response(
                msg,
                &d,
                &info.sender,
                balance,
                Uint128::zero(),
            ))
        }
    }
}
