//! Instantiate, one-time token wiring, config, ownership, reserve sync.

use std::collections::BTreeSet;

use cosmwasm_std::{Addr, DepsMut, Empty, Env, MessageInfo, Order, Response, Storage, Uint128};
use cw20::{BalanceResponse, Cw20QueryMsg, MinterResponse, TokenInfoResponse};
use mesi_types::treasury::{
    InstantiateMsg, PoolCap, ALL_POOLS, DEFAULT_EPOCH_CLAIM_SECONDS, DEFAULT_MAX_BATCH,
    DEFAULT_MAX_PRICE_AGE, DEFAULT_MONTH_SECONDS, MAX_EPOCH_CLAIM_SECONDS, MIN_EPOCH_CLAIM_SECONDS,
};

use crate::error::ContractError;
use crate::execute::vesting;
use crate::state::{
    pool_key, Config, PoolState, Totals, CONFIG, MAX_BATCH_LIMIT, MAX_MONTH_SECONDS, MAX_OPERATORS,
    MAX_PRICE_AGE_LIMIT, MIN_MONTH_SECONDS, OPERATORS, POOLS, TOTALS,
};

pub fn instantiate(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    let owner = msg.owner.unwrap_or_else(|| info.sender.to_string());
    cw_ownable::initialize_owner(deps.storage, deps.api, Some(&owner))?;

    let config = Config {
        token: None,
        feeder: deps.api.addr_validate(&msg.feeder)?,
        max_price_age: validate_max_price_age(msg.max_price_age.unwrap_or(DEFAULT_MAX_PRICE_AGE))?,
        max_batch: validate_max_batch(msg.max_batch.unwrap_or(DEFAULT_MAX_BATCH))?,
        month_seconds: validate_month_seconds(msg.month_seconds.unwrap_or(DEFAULT_MONTH_SECONDS))?,
        epoch_claim_seconds: validate_epoch_claim_seconds(
            msg.epoch_claim_seconds
                .unwrap_or(DEFAULT_EPOCH_CLAIM_SECONDS),
        )?,
    };
    CONFIG.save(deps.storage, &config)?;
    set_operators(deps.storage, deps.api, &msg.operators)?;

    let now = env.block.time.seconds();
    for pool in ALL_POOLS {
        POOLS.save(
            deps.storage,
            pool_key(pool),
            &PoolState {
                balance: Uint128::zero(),
                yearly_cap: Uint128::zero(),
                start: now,
                period: 0,
                drawn: Uint128::zero(),
            },
        )?;
    }
    set_pool_caps(deps.storage, &msg.pool_caps)?;

    let mut totals = Totals::default();
    let mut genesis_groups = 0u32;
    if let Some(genesis) = msg.genesis_vesting {
        genesis_groups =
            vesting::create_genesis(deps.storage, deps.api, &env, &config, &mut totals, genesis)?;
    }
    TOTALS.save(deps.storage, &totals)?;
    crate::state::EPOCH_COUNT.save(deps.storage, &0)?;

    Ok(Response::new()
        .add_attribute("action", "instantiate")
        .add_attribute("owner", owner)
        .add_attribute("feeder", config.feeder)
        .add_attribute("genesis_vesting_groups", genesis_groups.to_string())
        .add_attribute("vesting_outstanding", totals.vesting_outstanding))
}

/// Owner, once: wires the token. Requires the treasury to be the token's minter and to hold
/// at least what the vesting schedules earmark; the rest of its balance is the free reserve.
pub fn set_token(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    address: String,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    let mut config = CONFIG.load(deps.storage)?;
    if config.token.is_some() {
        return Err(ContractError::TokenAlreadySet {});
    }
    let token = deps.api.addr_validate(&address)?;
    let me = env.contract.address;

    let minter: Option<MinterResponse> = deps
        .querier
        .query_wasm_smart(&token, &Cw20QueryMsg::Minter {})?;
    if minter.map(|m| m.minter) != Some(me.to_string()) {
        return Err(ContractError::TreasuryNotMinter {});
    }
    let info_resp: TokenInfoResponse = deps
        .querier
        .query_wasm_smart(&token, &Cw20QueryMsg::TokenInfo {})?;
    let balance: BalanceResponse = deps.querier.query_wasm_smart(
        &token,
        &Cw20QueryMsg::Balance {
            address: me.to_string(),
        },
    )?;

    // Holders may have burned before the wiring: the genesis supply counts them back (SPEC §2 books).
    let burned = mesi_common::interface::query_burned(&deps.querier, &token)?.burned;
    let mut totals = TOTALS.load(deps.storage)?;
    let earmarked = totals.vesting_outstanding.checked_add(totals.pools)?;
    if balance.balance < earmarked {
        return Err(ContractError::BalanceBelowEarmarked {
            balance: balance.balance,
            earmarked,
        });
    }
    totals.reserve = balance.balance.checked_sub(earmarked)?;
    totals.genesis_supply = info_resp.total_supply.checked_add(burned)?;
    TOTALS.save(deps.storage, &totals)?;
    config.token = Some(token.clone());
    CONFIG.save(deps.storage, &config)?;

    Ok(Response::new()
        .add_attribute("action", "set_token")
        .add_attribute("token", token)
        .add_attribute("reserve", totals.reserve)
        .add_attribute("genesis_supply", totals.genesis_supply))
}

pub struct ConfigUpdate {
    pub feeder: Option<String>,
    pub operators: Option<Vec<String>>,
    pub max_price_age: Option<u64>,
    pub max_batch: Option<u32>,
    pub month_seconds: Option<u64>,
    pub pool_caps: Option<Vec<PoolCap>>,
    pub epoch_claim_seconds: Option<u64>,
}

pub fn update_config(
    deps: DepsMut,
    _env: Env,
    info: MessageInfo,
    update: ConfigUpdate,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    let mut config = CONFIG.load(deps.storage)?;
    let mut resp = Response::new().add_attribute("action", "update_config");
    if let Some(feeder) = update.feeder {
        config.feeder = deps.api.addr_validate(&feeder)?;
        resp = resp.add_attribute("feeder", config.feeder.as_str());
    }
    if let Some(age) = update.max_price_age {
        config.max_price_age = validate_max_price_age(age)?;
        resp = resp.add_attribute("max_price_age", age.to_string());
    }
    if let Some(max) = update.max_batch {
        config.max_batch = validate_max_batch(max)?;
        resp = resp.add_attribute("max_batch", max.to_string());
    }
    if let Some(month) = update.month_seconds {
        config.month_seconds = validate_month_seconds(month)?;
        resp = resp.add_attribute("month_seconds", month.to_string());
    }
    if let Some(window) = update.epoch_claim_seconds {
        config.epoch_claim_seconds = validate_epoch_claim_seconds(window)?;
        resp = resp.add_attribute("epoch_claim_seconds", window.to_string());
    }
    CONFIG.save(deps.storage, &config)?;
    if let Some(operators) = update.operators {
        // Bounded: at most MAX_OPERATORS are stored.
        let old: Vec<Addr> = OPERATORS
            .keys(deps.storage, None, None, Order::Ascending)
            .take(MAX_OPERATORS)
            .collect::<Result<_, _>>()?;
        for addr in old {
            OPERATORS.remove(deps.storage, &addr);
        }
        set_operators(deps.storage, deps.api, &operators)?;
        resp = resp.add_attribute("operators", operators.len().to_string());
    }
    if let Some(caps) = update.pool_caps {
        set_pool_caps(deps.storage, &caps)?;
        resp = resp.add_attribute("pool_caps", caps.len().to_string());
    }
    Ok(resp)
}

/// Owner: MESI that reached the treasury by plain `Transfer` (commissions) is not tracked;
/// this adds the untracked surplus to the free reserve.
pub fn sync_reserve(deps: DepsMut, env: Env, info: MessageInfo) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    let (_, token) = crate::helpers::load_token(deps.storage)?;
    let balance: BalanceResponse = deps.querier.query_wasm_smart(
        &token,
        &Cw20QueryMsg::Balance {
            address: env.contract.address.to_string(),
        },
    )?;
    let mut totals = TOTALS.load(deps.storage)?;
    let tracked = tracked(&totals)?;
    let surplus = balance.balance.saturating_sub(tracked);
    totals.reserve = totals.reserve.checked_add(surplus)?;
    TOTALS.save(deps.storage, &totals)?;
    Ok(Response::new()
        .add_attribute("action", "sync_reserve")
        .add_attribute("added", surplus)
        .add_attribute("reserve", totals.reserve))
}

/// Owner (issue 12 §7): the whole bank balance of a native `denom` to the owner. The books hold no
/// native coin (every message is nonpayable), so nothing owed can leave this way. Errors: `InvalidDenom`
/// (Cosmos SDK denom rule `[a-zA-Z][a-zA-Z0-9/:._-]{2,127}`), `NothingToSweep`.
pub fn sweep(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    denom: String,
) -> Result<Response, ContractError> {
    cw_ownable::assert_owner(deps.storage, &info.sender)?;
    let b = denom.as_bytes();
    let valid = (3..=128).contains(&b.len())
        && b.first().is_some_and(|c| c.is_ascii_alphabetic())
        && b.iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'/' | b':' | b'.' | b'_' | b'-'));
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
    Ok(Response::new()
        .add_message(cosmwasm_std::BankMsg::Send {
            to_address: info.sender.to_string(),
            amount: cosmwasm_std::coins(amount.u128(), &denom),
        })
        .add_attribute("action", "sweep")
        .add_attribute("denom", denom)
        .add_attribute("amount", amount))
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

/// reserve + pools + vesting outstanding: what the treasury should hold.
pub fn tracked(totals: &Totals) -> Result<Uint128, ContractError> {
    Ok(totals
        .reserve
        .checked_add(totals.pools)?
        .checked_add(totals.vesting_outstanding)?)
}

fn set_operators(
    storage: &mut dyn Storage,
    api: &dyn cosmwasm_std::Api,
    operators: &[String],
) -> Result<(), ContractError> {
    if operators.len() > MAX_OPERATORS {
        return Err(ContractError::TooManyOperators { max: MAX_OPERATORS });
    }
    let mut seen = BTreeSet::new();
    for op in operators {
        let addr = api.addr_validate(op)?;
        if !seen.insert(addr.clone()) {
            return Err(ContractError::DuplicateOperator {
                address: addr.into_string(),
            });
        }
        OPERATORS.save(storage, &addr, &Empty {})?;
    }
    Ok(())
}

fn set_pool_caps(storage: &mut dyn Storage, caps: &[PoolCap]) -> Result<(), ContractError> {
    let mut seen = BTreeSet::new();
    for cap in caps {
        if !seen.insert(cap.pool) {
            return Err(ContractError::DuplicatePool { pool: cap.pool });
        }
        let key = pool_key(cap.pool);
        let mut state = POOLS.load(storage, key)?;
        state.yearly_cap = cap.yearly_cap;
        POOLS.save(storage, key, &state)?;
    }
    Ok(())
}

fn validate_max_price_age(age: u64) -> Result<u64, ContractError> {
    if age == 0 || age > MAX_PRICE_AGE_LIMIT {
        return Err(ContractError::InvalidMaxPriceAge {
            max: MAX_PRICE_AGE_LIMIT,
        });
    }
    Ok(age)
}

fn validate_max_batch(max: u32) -> Result<u32, ContractError> {
    if max == 0 || max > MAX_BATCH_LIMIT {
        return Err(ContractError::InvalidMaxBatch {
            max: MAX_BATCH_LIMIT,
        });
    }
    Ok(max)
}

/// SPEC §2: an epoch's claim window, [`MIN_EPOCH_CLAIM_SECONDS`]..=[`MAX_EPOCH_CLAIM_SECONDS`].
fn validate_epoch_claim_seconds(window: u64) -> Result<u64, ContractError> {
    if !(MIN_EPOCH_CLAIM_SECONDS..=MAX_EPOCH_CLAIM_SECONDS).contains(&window) {
        return Err(ContractError::InvalidEpochClaimSeconds {
            min: MIN_EPOCH_CLAIM_SECONDS,
            max: MAX_EPOCH_CLAIM_SECONDS,
        });
    }
    Ok(window)
}

fn validate_month_seconds(month: u64) -> Result<u64, ContractError> {
    if !(MIN_MONTH_SECONDS..=MAX_MONTH_SECONDS).contains(&month) {
        return Err(ContractError::InvalidMonthSeconds {
            min: MIN_MONTH_SECONDS,
            max: MAX_MONTH_SECONDS,
        });
    }
    Ok(month)
}
