//! cw20 `balance` / `transfer`, as one-variant mirrors of `cw20::Cw20QueryMsg` and
//! `cw20::Cw20ExecuteMsg` (the gallery needs nothing else of cw20: it only ever sweeps a stray cw20
//! balance, issue 12 §7). The JSON is tested against the cw20 crate's own types below.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{to_json_binary, Addr, CosmosMsg, QuerierWrapper, StdResult, Uint128, WasmMsg};

#[cw_serde]
pub(crate) enum Cw20Query {
    Balance { address: String },
}

#[cw_serde]
pub(crate) struct Cw20Balance {
    pub balance: Uint128,
}

#[cw_serde]
pub(crate) enum Cw20Execute {
    Transfer { recipient: String, amount: Uint128 },
}

/// `holder`'s balance of the cw20 `token`, in base units (fails if `token` is not a cw20).
pub fn cw20_balance(querier: &QuerierWrapper, token: &Addr, holder: &Addr) -> StdResult<Uint128> {
    let r: Cw20Balance = querier.query_wasm_smart(
        token,
        &Cw20Query::Balance {
            address: holder.to_string(),
        },
    )?;
    Ok(r.balance)
}

/// A cw20 `Transfer` (never `Send`) of `amount` base units of `token` to `recipient`.
pub fn cw20_transfer(token: &Addr, recipient: &Addr, amount: Uint128) -> StdResult<CosmosMsg> {
    Ok(WasmMsg::Execute {
        contract_addr: token.to_string(),
        msg: to_json_binary(&Cw20Execute::Transfer {
            recipient: recipient.to_string(),
            amount,
        })?,
        funds: vec![],
    }
    .into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::to_json_vec;

    #[test]
    fn cw20_mirrors_serialise_like_cw20_and_read_its_balance() {
        let a = Uint128::new(7);
        assert_eq!(
            to_json_vec(&Cw20Query::Balance {
                address: "x".into()
            })
            .unwrap(),
            to_json_vec(&cw20::Cw20QueryMsg::Balance {
                address: "x".into()
            })
            .unwrap()
        );
        assert_eq!(
            to_json_vec(&Cw20Execute::Transfer {
                recipient: "r".into(),
                amount: a
            })
            .unwrap(),
            to_json_vec(&cw20::Cw20ExecuteMsg::Transfer {
                recipient: "r".into(),
                amount: a
            })
            .unwrap()
        );
        let b: Cw20Balance =
            cosmwasm_std::from_json(to_json_vec(&cw20::BalanceResponse { balance: a }).unwrap())
                .unwrap();
        assert_eq!(b.balance, a);
    }
}
