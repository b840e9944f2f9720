//! Queries.

use cosmwasm_std::{to_json_binary, Addr, Binary, Deps, Env, Order, StdResult, Uint128, Uint256};
use cw20::{Cw20QueryMsg, TokenInfoResponse};
use cw_storage_plus::Bound;
use mesi_common::interface::query_burned;
use mesi_common::page_limit;
use mesi_types::treasury::{
    AccountingResponse, ConfigResponse, ConversionResponse, DrawerInfo, DrawerResponse,
    DrawersResponse, EpochClaimedResponse, EpochResponse, EpochsResponse, OwedResponse, Pool,
    PoolResponse, PoolsResponse, PriceResponse, QueryMsg, SupplyResponse, VestingResponse,
    VestingsResponse, ALL_POOLS,
};

use crate::contract::to_std;
use crate::error::ContractError;
use crate::execute::{admin, pools, vesting};
use crate::helpers::{fresh_price, usd_to_mesi};
use crate::state::{
    pool_key, Epoch, Schedule, CONFIG, DRAWERS, EPOCHS, EPOCH_CLAIMS, MAX_OPERATORS, OPERATORS,
    OWED, POOLS, PRICE, TOTALS, VESTINGS,
};

pub fn dispatch(deps: Deps, env: Env, msg: QueryMsg) -> StdResult<Binary> {
    match msg {
        QueryMsg::Config {} => to_json_binary(&config(deps)?),
        QueryMsg::Ownership {} => to_json_binary(&cw_ownable::get_ownership(deps.storage)?),
        QueryMsg::Price {} => to_json_binary(&price(deps, env)?),
        QueryMsg::UsdToMesi { usd } => to_json_binary(&usd_to_mesi_query(deps, env, usd)?),
        QueryMsg::Pool { pool } => to_json_binary(&pool_query(deps, &env, pool)?),
        QueryMsg::Pools {} => to_json_binary(&PoolsResponse {
            pools: ALL_POOLS
                .iter()
                .map(|p| pool_query(deps, &env, *p))
                .collect::<StdResult<_>>()?,
        }),
        QueryMsg::Drawer { address } => {
            let address = deps.api.addr_validate(&address)?;
            let pool = DRAWERS.may_load(deps.storage, &address)?;
            to_json_binary(&DrawerResponse { address, pool })
        }
        QueryMsg::Drawers { start_after, limit } => {
            to_json_binary(&drawers(deps, start_after, limit)?)
        }
        QueryMsg::Owed { address } => {
            let address = deps.api.addr_validate(&address)?;
            let owed = OWED.may_load(deps.storage, &address)?.unwrap_or_default();
            to_json_binary(&OwedResponse { address, owed })
        }
        QueryMsg::Epoch { epoch } => {
            let record = EPOCHS.load(deps.storage, epoch)?;
            to_json_binary(&epoch_response(epoch, record))
        }
        QueryMsg::Epochs { start_after, limit } => {
            let start = start_after.map(Bound::exclusive);
            let epochs = EPOCHS
                .range(deps.storage, start, None, Order::Ascending)
                .take(page_limit(limit))
                .map(|r| r.map(|(id, e)| epoch_response(id, e)))
                .collect::<StdResult<_>>()?;
            to_json_binary(&EpochsResponse { epochs })
        }
        QueryMsg::EpochClaimed { epoch, address } => {
            let address = deps.api.addr_validate(&address)?;
            to_json_binary(&EpochClaimedResponse {
                claimed: EPOCH_CLAIMS.has(deps.storage, (epoch, &address)),
            })
        }
        QueryMsg::Vesting { address } => {
            let address = deps.api.addr_validate(&address)?;
            let s = VESTINGS.load(deps.storage, &address)?;
            to_json_binary(&vesting_response(address, s, env.block.time.seconds()))
        }
        QueryMsg::Vestings { start_after, limit } => {
            let start_addr = start_after
                .map(|a| deps.api.addr_validate(&a))
                .transpose()?;
            let start = start_addr.as_ref().map(Bound::exclusive);
            let now = env.block.time.seconds();
            let vestings = VESTINGS
                .range(deps.storage, start, None, Order::Ascending)
                .take(page_limit(limit))
                .map(|r| r.map(|(a, s)| vesting_response(a, s, now)))
                .collect::<StdResult<_>>()?;
            to_json_binary(&VestingsResponse { vestings })
        }
        QueryMsg::Supply {} => to_json_binary(&supply(deps)?),
        QueryMsg::Accounting {} => {
            let t = TOTALS.load(deps.storage)?;
            to_json_binary(&AccountingResponse {
                reserve: t.reserve,
                pools: t.pools,
                vesting_outstanding: t.vesting_outstanding,
                tracked: admin::tracked(&t).map_err(to_std)?,
                earnings_owed: t.earnings_owed,
                epochs_outstanding: t.epochs_outstanding,
            })
        }
    }
}

fn config(deps: Deps) -> StdResult<ConfigResponse> {
    let c = CONFIG.load(deps.storage)?;
    let operators = OPERATORS
        .keys(deps.storage, None, None, Order::Ascending)
        .take(MAX_OPERATORS)
        .collect::<StdResult<Vec<Addr>>>()?;
    Ok(ConfigResponse {
        token: c.token,
        feeder: c.feeder,
        operators,
        max_price_age: c.max_price_age,
        max_batch: c.max_batch,
        month_seconds: c.month_seconds,
        epoch_claim_seconds: c.epoch_claim_seconds,
    })
}

fn price(deps: Deps, env: Env) -> StdResult<PriceResponse> {
    let c = CONFIG.load(deps.storage)?;
    let record = PRICE.may_load(deps.storage)?;
    let now = env.block.time.seconds();
    let age = record
        .as_ref()
        .map(|r| now.saturating_sub(r.updated_at))
        .unwrap_or(0);
    Ok(PriceResponse {
        price: record.as_ref().map(|r| r.price),
        updated_at: record.as_ref().map(|r| r.updated_at),
        age,
        max_age: c.max_price_age,
        fresh: record.is_some() && age <= c.max_price_age,
    })
}

fn usd_to_mesi_query(deps: Deps, env: Env, usd: Uint128) -> StdResult<ConversionResponse> {
    let c = CONFIG.load(deps.storage)?;
    let price = fresh_price(deps.storage, &env, c.max_price_age).map_err(to_std)?;
    let mesi = usd_to_mesi(usd, price).map_err(to_std)?;
    // Issue 12 §6: a non-zero USD amount that rounds to 0 MESI is refused, so no caller can pay,
    // record or cap with a silent zero.
    if !usd.is_zero() && mesi.is_zero() {
        return Err(to_std(ContractError::UsdConvertsToZero { usd, price }));
    }
    Ok(ConversionResponse { usd, mesi, price })
}

fn pool_query(deps: Deps, env: &Env, pool: Pool) -> StdResult<PoolResponse> {
    let state = POOLS.load(deps.storage, pool_key(pool))?;
    Ok(pools::pool_response(pool, &state, env.block.time.seconds()))
}

fn drawers(
    deps: Deps,
    start_after: Option<String>,
    limit: Option<u32>,
) -> StdResult<DrawersResponse> {
    let start_addr = start_after
        .map(|a| deps.api.addr_validate(&a))
        .transpose()?;
    let start = start_addr.as_ref().map(Bound::exclusive);
    let drawers = DRAWERS
        .range(deps.storage, start, None, Order::Ascending)
        .take(page_limit(limit))
        .map(|r| r.map(|(address, pool)| DrawerInfo { address, pool }))
        .collect::<StdResult<_>>()?;
    Ok(DrawersResponse { drawers })
}

fn epoch_response(epoch: u64, e: Epoch) -> EpochResponse {
    EpochResponse {
        epoch,
        root: e.root.to_hex(),
        total: e.total,
        claimed: e.claimed,
        posted_at: e.posted_at,
        deadline: e.deadline(),
        closed: e.closed.is_some(),
        returned: e.closed.unwrap_or_default(),
    }
}

fn vesting_response(beneficiary: Addr, s: Schedule, now: u64) -> VestingResponse {
    let vested = vesting::vested(&s, now);
    VestingResponse {
        beneficiary,
        label: s.label.clone(),
        total: s.total,
        claimed: s.claimed,
        vested,
        claimable: vested.saturating_sub(s.claimed),
        start: s.start,
        cliff_months: s.cliff_months,
        periods: s.periods,
        month_seconds: s.month_seconds,
        end: vesting::end_time(&s),
    }
}

fn supply(deps: Deps) -> StdResult<SupplyResponse> {
    let t = TOTALS.load(deps.storage)?;
    let c = CONFIG.load(deps.storage)?;
    let (total_supply, burned_by_holders, books_balance) = match c.token {
        Some(token) => {
            let info: TokenInfoResponse = deps
                .querier
                .query_wasm_smart(&token, &Cw20QueryMsg::TokenInfo {})?;
            let burned = query_burned(&deps.querier, &token)?.burned;
            let books = books_hold(info.total_supply, t.over_issuance, burned, t.genesis_supply);
            (Some(info.total_supply), Some(burned), Some(books))
        }
        None => (None, None, None),
    };
    Ok(SupplyResponse {
        genesis_supply: t.genesis_supply,
        over_issuance: t.over_issuance,
        total_minted: t.total_minted,
        total_burned: t.total_burned,
        total_supply,
        burned_by_holders,
        books_balance,
    })
}

/// SPEC §2 supply books: `total_supply - over_issuance + burned_by_holders == genesis_supply`, computed
/// without underflow (as `total_supply + burned == genesis + over_issuance` in u256).
pub fn books_hold(
    total_supply: Uint128,
    over_issuance: Uint128,
    burned_by_holders: Uint128,
    genesis_supply: Uint128,
) -> bool {
    Uint256::from(total_supply) + Uint256::from(burned_by_holders)
        == Uint256::from(genesis_supply) + Uint256::from(over_issuance)
}
