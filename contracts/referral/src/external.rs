//! The cross-contract calls this contract makes (token tier; treasury conversion, pool, price,
//! draw), through `mesi_common::interface`, mapped to this contract's typed errors.

use cosmwasm_std::{Addr, CosmosMsg, QuerierWrapper, StdResult, Uint128};
use mesi_common::interface;
use mesi_types::treasury::Pool;

use crate::error::ContractError;

/// The account's tier as the token computes it now.
pub fn query_tier(
    querier: &QuerierWrapper,
    token: &Addr,
    account: &Addr,
) -> Result<u8, ContractError> {
    interface::query_tier(querier, token, account)
        .map(|r| r.tier)
        .map_err(|e| ContractError::TierUnavailable {
            reason: e.to_string(),
        })
}

/// micro-USD -> MESI at the treasury's current (fresh) price; errors on a stale or missing price.
pub fn usd_to_mesi(
    querier: &QuerierWrapper,
    treasury: &Addr,
    usd: Uint128,
) -> Result<Uint128, ContractError> {
    interface::query_usd_to_mesi(querier, treasury, usd)
        .map(|r| r.mesi)
        .map_err(|e| ContractError::PriceUnavailable {
            reason: e.to_string(),
        })
}

/// The largest draw the referral pool allows now.
pub fn pool_available(querier: &QuerierWrapper, treasury: &Addr) -> Result<Uint128, ContractError> {
    interface::query_pool(querier, treasury, Pool::Referral)
        .map(|r| r.available)
        .map_err(|e| ContractError::PoolUnavailable {
            reason: e.to_string(),
        })
}

/// Whether the treasury's price is fresh (false when the query fails).
pub fn price_fresh(querier: &QuerierWrapper, treasury: &Addr) -> bool {
    interface::query_price(querier, treasury)
        .map(|r| r.fresh)
        .unwrap_or(false)
}

/// Pay `amount` MESI from the referral pool to `recipient` (cw20 Transfer, cannot be blocked).
pub fn draw_msg(treasury: &Addr, amount: Uint128, recipient: &Addr) -> StdResult<CosmosMsg> {
    interface::draw_from_pool_msg(treasury, amount, recipient, None)
}
