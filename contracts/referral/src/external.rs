//! The fixed cross-contract interfaces this contract calls (mesi_types::{token, treasury}):
//! token `{"tier":{"address":..}}`, treasury `{"usd_to_mesi":{"usd":..}}`, `{"pool":{"pool":..}}`,
//! `{"price":{}}` and execute `{"draw_from_pool":{"amount":..,"recipient":..,"msg":null}}`.
//! Only the variants used here are mirrored, with the same JSON shape.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{
    to_json_binary, Addr, Binary, CosmosMsg, QuerierWrapper, StdResult, Uint128, WasmMsg,
};
use mesi_types::token::TierResponse;
use mesi_types::treasury::{ConversionResponse, Pool, PoolResponse, PriceResponse};

use crate::error::ContractError;

#[cw_serde]
enum TokenQuery {
    Tier { address: String },
}

#[cw_serde]
enum TreasuryQuery {
    UsdToMesi { usd: Uint128 },
    Pool { pool: Pool },
    Price {},
}

#[cw_serde]
enum TreasuryExecute {
    DrawFromPool {
        amount: Uint128,
        recipient: String,
        msg: Option<Binary>,
    },
}

/// The account's tier as the token computes it now.
pub fn query_tier(
    querier: &QuerierWrapper,
    token: &Addr,
    account: &Addr,
) -> Result<u8, ContractError> {
    querier
        .query_wasm_smart::<TierResponse>(
            token,
            &TokenQuery::Tier {
                address: account.to_string(),
            },
        )
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
    querier
        .query_wasm_smart::<ConversionResponse>(treasury, &TreasuryQuery::UsdToMesi { usd })
        .map(|r| r.mesi)
        .map_err(|e| ContractError::PriceUnavailable {
            reason: e.to_string(),
        })
}

/// The largest draw the referral pool allows now.
pub fn pool_available(querier: &QuerierWrapper, treasury: &Addr) -> Result<Uint128, ContractError> {
    querier
        .query_wasm_smart::<PoolResponse>(
            treasury,
            &TreasuryQuery::Pool {
                pool: Pool::Referral,
            },
        )
        .map(|r| r.available)
        .map_err(|e| ContractError::PoolUnavailable {
            reason: e.to_string(),
        })
}

/// Whether the treasury's price is fresh (false when the query fails).
pub fn price_fresh(querier: &QuerierWrapper, treasury: &Addr) -> bool {
    querier
        .query_wasm_smart::<PriceResponse>(treasury, &TreasuryQuery::Price {})
        .map(|r| r.fresh)
        .unwrap_or(false)
}

/// Pay `amount` MESI from the referral pool to `recipient` (cw20 Transfer, cannot be blocked).
pub fn draw_msg(treasury: &Addr, amount: Uint128, recipient: &Addr) -> StdResult<CosmosMsg> {
    Ok(WasmMsg::Execute {
        contract_addr: treasury.to_string(),
        msg: to_json_binary(&TreasuryExecute::DrawFromPool {
            amount,
            recipient: recipient.to_string(),
            msg: None,
        })?,
        funds: vec![],
    }
    .into())
}
