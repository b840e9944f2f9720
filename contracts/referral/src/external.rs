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

/// micro-USD -> MESI at the treasury's current (fresh) price. Errors: `PriceUnavailable` on a stale
/// or missing price; `BonusRoundsToZero` when a non-zero `usd` converts to 0 MESI (the treasury
/// refuses such a conversion, issue 12 §6; a 0 answer is refused here too), so no bonus is ever
/// recorded as paid with nothing sent.
pub fn usd_to_mesi(
    querier: &QuerierWrapper,
    treasury: &Addr,
    usd: Uint128,
) -> Result<Uint128, ContractError> {
    let mesi = interface::query_usd_to_mesi(querier, treasury, usd)
        .map(|r| r.mesi)
        .map_err(|e| {
            let reason = e.to_string();
            if reason.contains("converts to 0 MESI") {
                ContractError::BonusRoundsToZero { usd }
            } else {
                ContractError::PriceUnavailable { reason }
            }
        })?;
    if mesi.is_zero() {
        return Err(ContractError::BonusRoundsToZero { usd });
    }
    Ok(mesi)
}

/// What the referral pool allows now: (`available` = largest draw now, `yearly_cap`).
pub fn pool_limits(
    querier: &QuerierWrapper,
    treasury: &Addr,
) -> Result<(Uint128, Uint128), ContractError> {
    interface::query_pool(querier, treasury, Pool::Referral)
        .map(|r| (r.available, r.yearly_cap))
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

#[cosmwasm_schema::cw_serde]
enum Cw20Send {
    Send {
        contract: String,
        amount: Uint128,
        msg: cosmwasm_std::Binary,
    },
}

#[cosmwasm_schema::cw_serde]
enum TreasuryReceive {
    Deposit {},
}

/// This contract's MESI balance (cw20 `{"balance":{"address":..}}`).
pub fn mesi_balance(
    querier: &QuerierWrapper,
    token: &Addr,
    account: &Addr,
) -> Result<Uint128, ContractError> {
    Ok(interface::query_cw20_balance(querier, token, account)?)
}

/// cw20 `Send` of `amount` MESI to the treasury with `{"deposit":{}}` (adds it to the reserve).
pub fn deposit_to_treasury_msg(
    token: &Addr,
    treasury: &Addr,
    amount: Uint128,
) -> StdResult<CosmosMsg> {
    Ok(cosmwasm_std::WasmMsg::Execute {
        contract_addr: token.to_string(),
        msg: cosmwasm_std::to_json_binary(&Cw20Send::Send {
            contract: treasury.to_string(),
            amount,
            msg: cosmwasm_std::to_json_binary(&TreasuryReceive::Deposit {})?,
        })?,
        funds: vec![],
    }
    .into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sweep_mirrors_serialise_like_cw20_and_the_treasury() {
        let a = "wasm1x".to_string();
        let msg = cosmwasm_std::to_json_binary(&TreasuryReceive::Deposit {}).unwrap();
        assert_eq!(
            msg,
            cosmwasm_std::to_json_binary(&mesi_types::treasury::ReceiveMsg::Deposit {}).unwrap()
        );
        assert_eq!(
            cosmwasm_std::to_json_vec(&Cw20Send::Send {
                contract: a.clone(),
                amount: Uint128::new(5),
                msg: msg.clone()
            })
            .unwrap(),
            cosmwasm_std::to_json_vec(&cw20::Cw20ExecuteMsg::Send {
                contract: a,
                amount: Uint128::new(5),
                msg
            })
            .unwrap()
        );
    }
}
