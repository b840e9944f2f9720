//! Instantiate, configuration validation and `UpdateConfig`.

use cosmwasm_std::{coins, Api, BankMsg, CosmosMsg, DepsMut, Env, MessageInfo, Response, Uint128};
use mesi_common::interface::{cw20_transfer_msg, query_cw20_balance};
use mesi_common::sweep::{is_bank_denom, sweep_response};
use mesi_types::bid_to_meet::{ConfigUpdate, InstantiateMsg};
use mesi_types::{BPS_DENOMINATOR, USD};

use crate::error::ContractError;
use crate::state::{Config, CONFIG, CONTRACT_NAME, CONTRACT_VERSION, NEXT_BID, NEXT_SLOT, OWED};

pub const DEFAULT_COMMISSION_BPS: u16 = 1_000;
pub const HOUR: u64 = 3_600;
pub const DAY: u64 = 86_400;
pub const DEFAULT_KYF_WINDOW: u64 = 48 * HOUR;
pub const DEFAULT_MEETING_WINDOW: u64 = 30 * DAY;
pub const DEFAULT_ANTI_SNIPE_WINDOW: u64 = 5 * 60;
pub const DEFAULT_ANTI_SNIPE_EXTENSION: u64 = 15 * 60;
pub const DEFAULT_MAX_SLOT_DURATION: u64 = 35 * DAY;
pub const DEFAULT_SLOT_SETTLE_WINDOW: u64 = 48 * HOUR;
/// No window may exceed a year.
pub const MAX_WINDOW: u64 = 365 * DAY;
/// Most rows a tier-limit table may have.
pub const MAX_TIERS: usize = 10;

/// Whitepaper BtM price limits: tiers 1-4 200/400/800/1,600 USD, tier 5 unlimited.
pub fn default_tier_limits() -> Vec<Option<Uint128>> {
    vec![
        Some(Uint128::new(200 * USD)),
        Some(Uint128::new(400 * USD)),
        Some(Uint128::new(800 * USD)),
        Some(Uint128::new(1_600 * USD)),
        None,
    ]
}

pub fn validate(cfg: &Config) -> Result<(), ContractError> {
    if cfg.commission_bps > BPS_DENOMINATOR {
        return Err(ContractError::InvalidCommission {
            bps: cfg.commission_bps,
        });
    }
    validate_tier_limits(&cfg.tier_limits_usd)?;
    let window = |name: &str, value: u64| -> Result<(), ContractError> {
        if value == 0 || value > MAX_WINDOW {
            return Err(ContractError::InvalidWindow {
                name: name.to_string(),
                reason: format!("must be between 1 and {MAX_WINDOW} seconds"),
            });
        }
        Ok(())
    };
    window("kyf_window", cfg.kyf_window)?;
    window("meeting_window", cfg.meeting_window)?;
    window("anti_snipe_window", cfg.anti_snipe_window)?;
    window("anti_snipe_extension", cfg.anti_snipe_extension)?;
    window("max_slot_duration", cfg.max_slot_duration)?;
    window("slot_settle_window", cfg.slot_settle_window)?;
    if cfg.meeting_window <= cfg.kyf_window {
        return Err(ContractError::InvalidWindow {
            name: "meeting_window".to_string(),
            reason: "must be longer than kyf_window".to_string(),
        });
    }
    Ok(())
}

fn validate_tier_limits(limits: &[Option<Uint128>]) -> Result<(), ContractError> {
    let bad = |reason: &str| ContractError::InvalidTierLimits {
        reason: reason.to_string(),
    };
    if limits.is_empty() || limits.len() > MAX_TIERS {
        return Err(bad("between 1 and 10 rows"));
    }
    let mut previous = Uint128::zero();
    let mut unlimited = false;
    for limit in limits {
        match limit {
            None => unlimited = true,
            Some(_) if unlimited => return Err(bad("a limit after an unlimited row")),
            Some(v) if v.is_zero() => return Err(bad("a zero limit")),
            Some(v) if *v < previous => return Err(bad("limits must not decrease")),
            Some(v) => previous = *v,
        }
    }
    Ok(())
}

pub fn instantiate(
    deps: DepsMut,
    _env: Env,
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
        token: api.addr_validate(&msg.token)?,
        treasury: api.addr_validate(&msg.treasury)?,
        operator: api.addr_validate(&msg.operator)?,
        arbiter: api.addr_validate(&msg.arbiter)?,
        commission_bps: msg.commission_bps.unwrap_or(DEFAULT_COMMISSION_BPS),
        tier_limits_usd: msg.tier_limits_usd.unwrap_or_else(default_tier_limits),
        kyf_window: msg.kyf_window.unwrap_or(DEFAULT_KYF_WINDOW),
        meeting_window: msg.meeting_window.unwrap_or(DEFAULT_MEETING_WINDOW),
        anti_snipe_window: msg.anti_snipe_window.unwrap_or(DEFAULT_ANTI_SNIPE_WINDOW),
        anti_snipe_extension: msg
            .anti_snipe_extension
            .unwrap_or(DEFAULT_ANTI_SNIPE_EXTENSION),
        max_slot_duration: msg.max_slot_duration.unwrap_or(DEFAULT_MAX_SLOT_DURATION),
        slot_settle_window: msg.slot_settle_window.unwrap_or(DEFAULT_SLOT_SETTLE_WINDOW),
    };
    validate(&cfg)?;
    CONFIG.save(deps.storage, &cfg)?;
    NEXT_BID.save(deps.storage, &1)?;
    NEXT_SLOT.save(deps.storage, &1)?;
    OWED.save(deps.storage, &Uint128::zero())?;
    Ok(Response::new()
        .add_attribute("action", "instantiate")
        .add_attribute("owner", owner)
        .add_attribute("token", cfg.token)
        .add_attribute("treasury", cfg.treasury))
}

fn set_addr(
    api: &dyn Api,
    field: &mut cosmwasm_std::Addr,
    new: Option<String>,
) -> Result<(), ContractError> {
    if let Some(a) = new {
        *field = api.addr_validate(&a)?;
    }
    Ok(())
}

pub fn update_config(
    deps: DepsMut,
    info: MessageInfo,
    update: ConfigUpdate,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    let mut cfg = CONFIG.load(deps.storage)?;
    set_addr(deps.api, &mut cfg.treasury, update.treasury)?;
    set_addr(deps.api, &mut cfg.operator, update.operator)?;
    set_addr(deps.api, &mut cfg.arbiter, update.arbiter)?;
    if let Some(v) = update.commission_bps {
        cfg.commission_bps = v;
    }
    if let Some(v) = update.tier_limits_usd {
        cfg.tier_limits_usd = v;
    }
    let set = |field: &mut u64, v: Option<u64>| {
        if let Some(v) = v {
            *field = v;
        }
    };
    set(&mut cfg.kyf_window, update.kyf_window);
    set(&mut cfg.meeting_window, update.meeting_window);
    set(&mut cfg.anti_snipe_window, update.anti_snipe_window);
    set(&mut cfg.anti_snipe_extension, update.anti_snipe_extension);
    set(&mut cfg.max_slot_duration, update.max_slot_duration);
    set(&mut cfg.slot_settle_window, update.slot_settle_window);
    validate(&cfg)?;
    CONFIG.save(deps.storage, &cfg)?;
    Ok(Response::new().add_attribute("action", "update_config"))
}

/// Owner only (issue 12 §7, tokens with no way out). `None`: sends the owner `balance - owed` of
/// MESI (cw20 `Transfer`); `owed` (live escrows + refund credits) is the running total of the
/// books, so an escrowed or credited base unit is never swept. `Some(denom)`: that native coin's
/// whole bank balance (bank send): every execute path is nonpayable, so the contract never owes a
/// native coin. The books do not change. Errors: `Ownership`, `InvalidDenom`, `NothingToSweep`.
pub fn sweep(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    denom: Option<String>,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    let cfg = CONFIG.load(deps.storage)?;
    let (label, balance, owed) = match &denom {
        Some(d) if !is_bank_denom(d) => {
            return Err(ContractError::InvalidDenom { denom: d.clone() })
        }
        Some(d) => (
            d.clone(),
            deps.querier.query_balance(&env.contract.address, d)?.amount,
            Uint128::zero(),
        ),
        None => (
            "mesi".to_string(),
            query_cw20_balance(&deps.querier, &cfg.token, &env.contract.address)?,
            OWED.load(deps.storage)?,
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
    let msg: CosmosMsg = match denom {
        Some(d) => BankMsg::Send {
            to_address: info.sender.to_string(),
            amount: coins(surplus.u128(), d),
        }
        .into(),
        None => cw20_transfer_msg(&cfg.token, &info.sender, surplus)?,
    };
    Ok(sweep_response(msg, &label, &info.sender, surplus, owed))
}
