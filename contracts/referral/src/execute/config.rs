//! Instantiate, `UpdateConfig`, `UpdateOwnership`.

use cosmwasm_std::{Addr, Api, DepsMut, Env, MessageInfo, Response, Uint128};
use mesi_types::referral::{
    InstantiateMsg, DEFAULT_BONUS_USD, DEFAULT_MULTIPLIERS, MAX_MULTIPLIER, MAX_TIERS,
};

use crate::error::ContractError;
use crate::state::{Config, Totals, CONFIG, TOTALS};

pub fn instantiate(
    deps: DepsMut,
    _env: Env,
    info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    let owner = msg.owner.unwrap_or_else(|| info.sender.to_string());
    let ownership = cw_ownable::initialize_owner(deps.storage, deps.api, Some(&owner))?;
    let config = Config {
        token: deps.api.addr_validate(&msg.token)?,
        treasury: deps.api.addr_validate(&msg.treasury)?,
        operator: deps.api.addr_validate(&msg.operator)?,
        bonus_usd: check_bonus(msg.bonus_usd.unwrap_or(Uint128::new(DEFAULT_BONUS_USD)))?,
        multipliers: check_multipliers(
            msg.multipliers
                .unwrap_or_else(|| DEFAULT_MULTIPLIERS.to_vec()),
        )?,
    };
    CONFIG.save(deps.storage, &config)?;
    TOTALS.save(deps.storage, &Totals::default())?;
    Ok(Response::new()
        .add_attribute("action", "instantiate")
        .add_attribute("token", config.token)
        .add_attribute("treasury", config.treasury)
        .add_attribute("operator", config.operator)
        .add_attributes(ownership.into_attributes()))
}

fn check_bonus(bonus: Uint128) -> Result<Uint128, ContractError> {
    if bonus.is_zero() {
        return Err(ContractError::ZeroBonus);
    }
    Ok(bonus)
}

/// 1..=MAX_TIERS rows, each 1..=MAX_MULTIPLIER, non-decreasing with the tier.
fn check_multipliers(multipliers: Vec<u16>) -> Result<Vec<u16>, ContractError> {
    if multipliers.is_empty() || multipliers.len() > MAX_TIERS {
        return Err(ContractError::InvalidMultiplierCount {
            len: multipliers.len(),
            max: MAX_TIERS,
        });
    }
    let mut previous = 1u16;
    for &m in &multipliers {
        if m < previous || m > MAX_MULTIPLIER {
            return Err(ContractError::InvalidMultipliers {
                max: MAX_MULTIPLIER,
            });
        }
        previous = m;
    }
    Ok(multipliers)
}

fn validate_opt(api: &dyn Api, addr: Option<String>, current: Addr) -> Result<Addr, ContractError> {
    match addr {
        Some(a) => Ok(api.addr_validate(&a)?),
        None => Ok(current),
    }
}

pub fn update(
    deps: DepsMut,
    info: MessageInfo,
    token: Option<String>,
    treasury: Option<String>,
    operator: Option<String>,
    bonus_usd: Option<Uint128>,
    multipliers: Option<Vec<u16>>,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    let old = CONFIG.load(deps.storage)?;
    let config = Config {
        token: validate_opt(deps.api, token, old.token)?,
        treasury: validate_opt(deps.api, treasury, old.treasury)?,
        operator: validate_opt(deps.api, operator, old.operator)?,
        bonus_usd: match bonus_usd {
            Some(b) => check_bonus(b)?,
            None => old.bonus_usd,
        },
        multipliers: match multipliers {
            Some(m) => check_multipliers(m)?,
            None => old.multipliers,
        },
    };
    CONFIG.save(deps.storage, &config)?;
    Ok(Response::new()
        .add_attribute("action", "update_config")
        .add_attribute("token", config.token)
        .add_attribute("treasury", config.treasury)
        .add_attribute("operator", config.operator)
        .add_attribute("bonus_usd", config.bonus_usd)
        .add_attribute(
            "multipliers",
            config
                .multipliers
                .iter()
                .map(|m| m.to_string())
                .collect::<Vec<_>>()
                .join(","),
        ))
}

pub fn update_ownership(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    action: cw_ownable::Action,
) -> Result<Response, ContractError> {
    let ownership = cw_ownable::update_ownership(deps, &env.block, &info.sender, action)?;
    Ok(Response::new()
        .add_attribute("action", "update_ownership")
        .add_attributes(ownership.into_attributes()))
}

/// Owner (issue 12 §7): sweeps a stray balance. The referral contract owes nothing it holds (bonuses
/// are drawn from the treasury pool straight to the referrer), so the whole balance is surplus:
/// `None` -> the MESI balance to the treasury's reserve (`Send` + `{"deposit":{}}`), `Some(denom)` ->
/// that native coin to the owner. Errors: `Ownership`, `InvalidDenom`, `NothingToSweep`.
pub fn sweep(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    denom: Option<String>,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    let response = Response::new().add_attribute("action", "sweep");
    match denom {
        None => {
            let config = CONFIG.load(deps.storage)?;
            let amount =
                crate::external::mesi_balance(&deps.querier, &config.token, &env.contract.address)?;
            if amount.is_zero() {
                return Err(ContractError::NothingToSweep {
                    denom: "mesi".into(),
                });
            }
            Ok(response
                .add_message(crate::external::deposit_to_treasury_msg(
                    &config.token,
                    &config.treasury,
                    amount,
                )?)
                .add_attribute("denom", "mesi")
                .add_attribute("amount", amount)
                .add_attribute("to", config.treasury))
        }
        Some(denom) => {
            let b = denom.as_bytes();
            let valid = (3..=128).contains(&b.len())
                && b.first().is_some_and(|c| c.is_ascii_alphabetic())
                && b.iter().all(|c| {
                    c.is_ascii_alphanumeric() || matches!(c, b'/' | b':' | b'.' | b'_' | b'-')
                });
            if !valid {
                return Err(ContractError::InvalidDenom { denom });
            }
            let amount = deps
                .querier
                .query_balance(&env.contract.address, &denom)?
                .amount;
            if amount.is_zero() {
                return Err(ContractError::NothingToSweep { denom });
            }
            Ok(response
                .add_message(cosmwasm_std::BankMsg::Send {
                    to_address: info.sender.to_string(),
                    amount: cosmwasm_std::coins(amount.u128(), &denom),
                })
                .add_attribute("denom", denom)
                .add_attribute("amount", amount)
                .add_attribute("to", info.sender))
        }
    }
}
