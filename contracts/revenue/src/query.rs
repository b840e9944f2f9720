//! Queries. Lists walk one prefix in O(page) (`mesi_common::page_limit`: default 10, max 100).

use cosmwasm_std::{Deps, Env, StdError, StdResult};
use mesi_common::interface;
use mesi_types::revenue::{
    AccountingResponse, BalanceResponse, ConfigResponse, PpvPriceResponse, SubscriptionResponse,
};

use crate::error::ContractError;
use crate::state::{CONFIG, CREATORS, PPV_PRICES, SUBS, TOTALS};
use crate::subscriptions;

/// A typed error as a query error (its message).
pub fn std_err(e: ContractError) -> StdError {
    match e {
        ContractError::Std(s) => s,
        e => StdError::generic_err(e.to_string()),
    }
}

pub fn config(deps: Deps) -> StdResult<ConfigResponse> {
    Ok(CONFIG.load(deps.storage)?.to_response())
}

pub fn ppv_price(deps: Deps, token_id: String) -> StdResult<PpvPriceResponse> {
    Ok(PpvPriceResponse {
        price: PPV_PRICES.may_load(deps.storage, &token_id)?,
        token_id,
    })
}

pub fn subscription(
    deps: Deps,
    env: Env,
    fan: String,
    creator: String,
) -> StdResult<SubscriptionResponse> {
    let fan = deps.api.addr_validate(&fan)?;
    let creator = deps.api.addr_validate(&creator)?;
    let now = env.block.time.seconds();
    Ok(SubscriptionResponse {
        subscription: SUBS
            .may_load(deps.storage, (&creator, &fan))?
            .map(|s| subscriptions::info(&fan, &creator, s, now)),
    })
}

pub fn balance(deps: Deps, creator: String) -> StdResult<BalanceResponse> {
    let addr = deps.api.addr_validate(&creator)?;
    Ok(BalanceResponse {
        amount: CREATORS
            .may_load(deps.storage, &addr)?
            .map(|c| c.balance)
            .unwrap_or_default(),
        creator: addr.to_string(),
    })
}

/// Held (the contract's $MESI balance) against the books, per source.
pub fn accounting(deps: Deps, env: Env) -> StdResult<AccountingResponse> {
    let cfg = CONFIG.load(deps.storage)?;
    let t = TOTALS.load(deps.storage)?;
    let held = interface::query_cw20_balance(&deps.querier, &cfg.token, &env.contract.address)?;
    Ok(AccountingResponse {
        held,
        owed: t.owed()?,
        balances: t.balances,
        pools: t.pools,
        ad_revenue: t.ad_revenue,
        epochs_pool: t.epochs_pool,
        epochs_ad_revenue: t.epochs_ad_revenue,
        epochs_engagement: t.epochs_engagement,
    })
}
