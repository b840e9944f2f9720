//! The gallery contract's `gallery` query, as a one-variant mirror (like `mesi_common::interface`):
//! "is `creator` a creator" is answered by asking for one item of its gallery, a bounded query
//! (the gallery merges three per-kind prefixes, each read for at most one key, and loads one token).
//! Items are read as `Empty`: `cw_serde` ignores unknown fields, so only the count is decoded.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{
    to_json_binary, Addr, CosmosMsg, Empty, QuerierWrapper, StdResult, Uint128, WasmMsg,
};

#[cw_serde]
pub(crate) enum GalleryQuery {
    Gallery {
        creator: String,
        filter: Option<Empty>,
        start_after: Option<String>,
        limit: Option<u32>,
    },
}

#[cw_serde]
pub(crate) struct GalleryPage {
    pub items: Vec<Empty>,
}

/// Whether `creator` has at least one token in the gallery contract (its own gallery: minted by
/// it, sold items included).
pub fn has_gallery(querier: &QuerierWrapper, gallery: &Addr, creator: &Addr) -> StdResult<bool> {
    let page: GalleryPage = querier.query_wasm_smart(
        gallery,
        &GalleryQuery::Gallery {
            creator: creator.to_string(),
            filter: None,
            start_after: None,
            limit: Some(1),
        },
    )?;
    Ok(!page.items.is_empty())
}

/// cw20 `balance` / `transfer` of the token, as one-variant mirrors of `cw20::Cw20QueryMsg` and
/// `cw20::Cw20ExecuteMsg` (the contract needs nothing else of cw20).
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

/// `holder`'s balance of the cw20 `token`, in base units.
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
    fn gallery_mirror_serialises_like_the_gallery_query() {
        let creator = "wasm1creator".to_string();
        assert_eq!(
            to_json_vec(&GalleryQuery::Gallery {
                creator: creator.clone(),
                filter: None,
                start_after: None,
                limit: Some(1),
            })
            .unwrap(),
            to_json_vec(&mesi_types::gallery::QueryMsg::Gallery {
                creator,
                filter: None,
                start_after: None,
                limit: Some(1),
            })
            .unwrap()
        );
    }

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
