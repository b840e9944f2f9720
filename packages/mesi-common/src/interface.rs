//! The suite's cross-contract calls, defined once: the token's tier query and the treasury's
//! price, conversion, pool queries and pool draw (the fixed interfaces of `mesi_types::token` and
//! `mesi_types::treasury`), and the two cw20 calls a contract needs to sweep a stray cw20 balance
//! (`balance`, `transfer`: issue 12 §7).
//!
//! Each call has its own one-variant mirror of the message: serialising the full message enums (or
//! one enum of several calls) would link every variant's serde code into each caller's wasm. The
//! tests below prove each mirror produces exactly the JSON of the full message.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{
    to_json_binary, Addr, Binary, CosmosMsg, QuerierWrapper, StdResult, Uint128, WasmMsg,
};
use mesi_types::marketplace::SellerFitsTierResponse;
use mesi_types::token::{BurnedResponse, TierResponse};
use mesi_types::treasury::{ConversionResponse, Pool, PoolResponse, PriceResponse};

#[cw_serde]
enum TokenQuery {
    Tier { address: String },
}

#[cw_serde]
enum BurnedQuery {
    Burned {},
}

#[cw_serde]
enum PriceQuery {
    Price {},
}

#[cw_serde]
enum UsdToMesiQuery {
    UsdToMesi { usd: Uint128 },
}

#[cw_serde]
enum PoolQuery {
    Pool { pool: Pool },
}

#[cw_serde]
enum MarketplaceQuery {
    SellerFitsTier { seller: String, creator_tier: u8 },
}

#[cw_serde]
enum Cw20Query {
    Balance { address: String },
}

#[cw_serde]
struct Cw20Balance {
    balance: Uint128,
}

#[cw_serde]
enum Cw20Execute {
    Transfer { recipient: String, amount: Uint128 },
}

#[cw_serde]
enum TreasuryExecute {
    DrawFromPool {
        amount: Uint128,
        recipient: String,
        msg: Option<Binary>,
    },
}

/// The token's `{"tier":{"address":..}}`.
pub fn query_tier(
    querier: &QuerierWrapper,
    token: &Addr,
    account: &Addr,
) -> StdResult<TierResponse> {
    querier.query_wasm_smart(
        token,
        &TokenQuery::Tier {
            address: account.to_string(),
        },
    )
}

/// The token's `{"burned":{}}`: base units burned by holders other than the minter (SPEC §2 supply
/// books: total supply - over-issuance + burned == genesis supply).
pub fn query_burned(querier: &QuerierWrapper, token: &Addr) -> StdResult<BurnedResponse> {
    querier.query_wasm_smart(token, &BurnedQuery::Burned {})
}

/// The treasury's `{"price":{}}`.
pub fn query_price(querier: &QuerierWrapper, treasury: &Addr) -> StdResult<PriceResponse> {
    querier.query_wasm_smart(treasury, &PriceQuery::Price {})
}

/// The treasury's `{"usd_to_mesi":{"usd":..}}`: micro-USD to MESI at a fresh price, rounded down;
/// an error when the price is missing or stale.
pub fn query_usd_to_mesi(
    querier: &QuerierWrapper,
    treasury: &Addr,
    usd: Uint128,
) -> StdResult<ConversionResponse> {
    querier.query_wasm_smart(treasury, &UsdToMesiQuery::UsdToMesi { usd })
}

/// The treasury's `{"pool":{"pool":..}}`.
pub fn query_pool(
    querier: &QuerierWrapper,
    treasury: &Addr,
    pool: Pool,
) -> StdResult<PoolResponse> {
    querier.query_wasm_smart(treasury, &PoolQuery::Pool { pool })
}

/// The marketplace's `{"seller_fits_tier":{"seller":..,"creator_tier":N}}`: whether `seller`'s live
/// orders fit creator tier `creator_tier` (asked by the token's `unlock`, SPEC §3).
pub fn query_seller_fits_tier(
    querier: &QuerierWrapper,
    marketplace: &Addr,
    seller: &Addr,
    creator_tier: u8,
) -> StdResult<SellerFitsTierResponse> {
    querier.query_wasm_smart(
        marketplace,
        &MarketplaceQuery::SellerFitsTier {
            seller: seller.to_string(),
            creator_tier,
        },
    )
}

/// A cw20's `{"balance":{"address":..}}`: `holder`'s balance of `token` in base units (an error
/// when `token` is not a cw20).
pub fn query_cw20_balance(
    querier: &QuerierWrapper,
    token: &Addr,
    holder: &Addr,
) -> StdResult<Uint128> {
    let r: Cw20Balance = querier.query_wasm_smart(
        token,
        &Cw20Query::Balance {
            address: holder.to_string(),
        },
    )?;
    Ok(r.balance)
}

/// A cw20 `{"transfer":..}` (never `Send`, so the recipient cannot block it) of `amount` base
/// units of `token` to `recipient`.
pub fn cw20_transfer_msg(token: &Addr, recipient: &Addr, amount: Uint128) -> StdResult<CosmosMsg> {
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

/// The treasury's `{"draw_from_pool":..}` for a registered drawer: pays `recipient` from the
/// drawer's own pool, with cw20 `Send` + `msg` when given, else `Transfer`.
pub fn draw_from_pool_msg(
    treasury: &Addr,
    amount: Uint128,
    recipient: &Addr,
    msg: Option<Binary>,
) -> StdResult<CosmosMsg> {
    Ok(WasmMsg::Execute {
        contract_addr: treasury.to_string(),
        msg: to_json_binary(&TreasuryExecute::DrawFromPool {
            amount,
            recipient: recipient.to_string(),
            msg,
        })?,
        funds: vec![],
    }
    .into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::to_json_vec;
    use mesi_types::{token, treasury};

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

    #[test]
    fn mirrors_serialise_like_the_full_messages() {
        let a = "wasm1account".to_string();
        assert_eq!(
            to_json_vec(&TokenQuery::Tier { address: a.clone() }).unwrap(),
            to_json_vec(&token::QueryMsg::Tier { address: a.clone() }).unwrap()
        );
        assert_eq!(
            to_json_vec(&BurnedQuery::Burned {}).unwrap(),
            to_json_vec(&token::QueryMsg::Burned {}).unwrap()
        );
        assert_eq!(
            to_json_vec(&PriceQuery::Price {}).unwrap(),
            to_json_vec(&treasury::QueryMsg::Price {}).unwrap()
        );
        let usd = Uint128::new(10_000_000);
        assert_eq!(
            to_json_vec(&UsdToMesiQuery::UsdToMesi { usd }).unwrap(),
            to_json_vec(&treasury::QueryMsg::UsdToMesi { usd }).unwrap()
        );
        assert_eq!(
            to_json_vec(&PoolQuery::Pool {
                pool: Pool::Referral
            })
            .unwrap(),
            to_json_vec(&treasury::QueryMsg::Pool {
                pool: Pool::Referral
            })
            .unwrap()
        );
        assert_eq!(
            to_json_vec(&MarketplaceQuery::SellerFitsTier {
                seller: a.clone(),
                creator_tier: 2
            })
            .unwrap(),
            to_json_vec(&mesi_types::marketplace::QueryMsg::SellerFitsTier {
                seller: a.clone(),
                creator_tier: 2
            })
            .unwrap()
        );
        let msg = Some(Binary::from(b"{\"fund\":{}}".as_slice()));
        assert_eq!(
            to_json_vec(&TreasuryExecute::DrawFromPool {
                amount: usd,
                recipient: a.clone(),
                msg: msg.clone()
            })
            .unwrap(),
            to_json_vec(&treasury::ExecuteMsg::DrawFromPool {
                amount: usd,
                recipient: a,
                msg
            })
            .unwrap()
        );
    }
}
