//! The cross-contract calls this contract makes, each through a one-variant mirror of the callee's
//! message (serialising the callee's whole message enum would link every variant's serde code into this
//! wasm; the tests below prove each mirror produces exactly the callee's JSON), mapped to typed errors.
//! Shared calls (tier, treasury pool and draw, cw20 balance and transfer) come from
//! `mesi_common::interface`.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{
    to_json_binary, Addr, BlockInfo, CosmosMsg, QuerierWrapper, StdResult, Uint128, WasmMsg,
};
use mesi_common::interface;
use mesi_types::gallery::GalleryFilter;
use mesi_types::treasury::Pool;
use serde::de::IgnoredAny;
use serde::Deserialize;

use crate::error::ContractError;

#[cw_serde]
enum GalleryQuery {
    Custody {
        token_id: String,
    },
    NftInfo {
        token_id: String,
    },
    Gallery {
        creator: String,
        filter: Option<GalleryFilter>,
        start_after: Option<String>,
        limit: Option<u32>,
    },
}

#[cw_serde]
enum Cw20AllowanceQuery {
    Allowance { owner: String, spender: String },
}

#[cw_serde]
enum Cw20Execute {
    TransferFrom {
        owner: String,
        recipient: String,
        amount: Uint128,
    },
    Send {
        contract: String,
        amount: Uint128,
        msg: cosmwasm_std::Binary,
    },
}

#[cw_serde]
enum TreasuryReceive {
    FundPool { pool: Pool },
}

/// What this contract reads of a gallery `custody` answer.
#[derive(Deserialize)]
struct Custody {
    owner: String,
    listed_by: Option<String>,
    creator: String,
}

#[derive(Deserialize)]
struct NftExtension {
    pay_per_view: bool,
}

#[derive(Deserialize)]
struct NftInfo {
    extension: NftExtension,
}

#[derive(Deserialize)]
struct GalleryPage {
    items: Vec<IgnoredAny>,
}

/// One gallery token as this contract sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct TokenView {
    pub creator: Addr,
    /// The real holder: the seller while the token is in the marketplace's escrow, else the cw721 owner.
    pub holder: Addr,
    pub pay_per_view: bool,
}

fn not_found(token_id: &str) -> ContractError {
    ContractError::TokenNotFound {
        token_id: token_id.to_string(),
    }
}

/// The token's creator and real holder (gallery `custody`). An unknown or burnt id is `TokenNotFound`.
pub fn custody(
    querier: &QuerierWrapper,
    gallery: &Addr,
    token_id: &str,
) -> Result<(Addr, Addr), ContractError> {
    let c: Custody = querier
        .query_wasm_smart(
            gallery,
            &GalleryQuery::Custody {
                token_id: token_id.to_string(),
            },
        )
        .map_err(|_| not_found(token_id))?;
    let holder = c.listed_by.unwrap_or(c.owner);
    Ok((Addr::unchecked(c.creator), Addr::unchecked(holder)))
}

/// Creator, real holder and PPV flag of a token (gallery `custody` + `nft_info`).
pub fn token_view(
    querier: &QuerierWrapper,
    gallery: &Addr,
    token_id: &str,
) -> Result<TokenView, ContractError> {
    let (creator, holder) = custody(querier, gallery, token_id)?;
    let info: NftInfo = querier
        .query_wasm_smart(
            gallery,
            &GalleryQuery::NftInfo {
                token_id: token_id.to_string(),
            },
        )
        .map_err(|_| not_found(token_id))?;
    Ok(TokenView {
        creator,
        holder,
        pay_per_view: info.extension.pay_per_view,
    })
}

/// Whether `account` has at least one token in its gallery (gallery `gallery` with `limit: 1`).
pub fn has_gallery_token(
    querier: &QuerierWrapper,
    gallery: &Addr,
    account: &Addr,
) -> Result<bool, ContractError> {
    let page: GalleryPage = querier
        .query_wasm_smart(
            gallery,
            &GalleryQuery::Gallery {
                creator: account.to_string(),
                filter: None,
                start_after: None,
                limit: Some(1),
            },
        )
        .map_err(|e| ContractError::GalleryUnavailable {
            reason: e.to_string(),
        })?;
    Ok(!page.items.is_empty())
}

/// The account's tier (the higher of fan and creator tier) as the token computes it now.
pub fn account_tier(
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

/// What `owner` allows this contract to pull now (an expired allowance counts as zero).
pub fn allowance(
    querier: &QuerierWrapper,
    token: &Addr,
    owner: &Addr,
    spender: &Addr,
    block: &BlockInfo,
) -> StdResult<Uint128> {
    let r: cw20::AllowanceResponse = querier.query_wasm_smart(
        token,
        &Cw20AllowanceQuery::Allowance {
            owner: owner.to_string(),
            spender: spender.to_string(),
        },
    )?;
    Ok(if r.expires.is_expired(block) {
        Uint128::zero()
    } else {
        r.allowance
    })
}

fn token_exec(token: &Addr, msg: &Cw20Execute) -> StdResult<CosmosMsg> {
    Ok(WasmMsg::Execute {
        contract_addr: token.to_string(),
        msg: to_json_binary(msg)?,
        funds: vec![],
    }
    .into())
}

/// cw20 `TransferFrom` of `amount` from `owner` to `recipient` (this contract).
pub fn transfer_from_msg(
    token: &Addr,
    owner: &Addr,
    recipient: &Addr,
    amount: Uint128,
) -> StdResult<CosmosMsg> {
    token_exec(
        token,
        &Cw20Execute::TransferFrom {
            owner: owner.to_string(),
            recipient: recipient.to_string(),
            amount,
        },
    )
}

/// cw20 `Send` of `amount` to the treasury with `{"fund_pool":{"pool":"engagement_rewards"}}`: the rest
/// of a closed engagement epoch back to its pool.
pub fn refund_engagement_msg(
    token: &Addr,
    treasury: &Addr,
    amount: Uint128,
) -> StdResult<CosmosMsg> {
    token_exec(
        token,
        &Cw20Execute::Send {
            contract: treasury.to_string(),
            amount,
            msg: to_json_binary(&TreasuryReceive::FundPool {
                pool: Pool::EngagementRewards,
            })?,
        },
    )
}

/// The treasury engagement-rewards pool's largest draw now.
pub fn engagement_available(
    querier: &QuerierWrapper,
    treasury: &Addr,
) -> Result<Uint128, ContractError> {
    interface::query_pool(querier, treasury, Pool::EngagementRewards)
        .map(|r| r.available)
        .map_err(|e| ContractError::EngagementPoolUnavailable {
            reason: e.to_string(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::to_json_vec;
    use mesi_types::gallery::QueryMsg as G;

    #[test]
    fn mirrors_serialise_like_the_full_messages() {
        let t = "art-1".to_string();
        assert_eq!(
            to_json_vec(&GalleryQuery::Custody {
                token_id: t.clone()
            })
            .unwrap(),
            to_json_vec(&G::Custody {
                token_id: t.clone()
            })
            .unwrap()
        );
        assert_eq!(
            to_json_vec(&GalleryQuery::NftInfo {
                token_id: t.clone()
            })
            .unwrap(),
            to_json_vec(&G::NftInfo { token_id: t }).unwrap()
        );
        assert_eq!(
            to_json_vec(&GalleryQuery::Gallery {
                creator: "c".into(),
                filter: None,
                start_after: None,
                limit: Some(1)
            })
            .unwrap(),
            to_json_vec(&G::Gallery {
                creator: "c".into(),
                filter: None,
                start_after: None,
                limit: Some(1)
            })
            .unwrap()
        );
        assert_eq!(
            to_json_vec(&Cw20AllowanceQuery::Allowance {
                owner: "o".into(),
                spender: "s".into()
            })
            .unwrap(),
            to_json_vec(&cw20::Cw20QueryMsg::Allowance {
                owner: "o".into(),
                spender: "s".into()
            })
            .unwrap()
        );
        let a = Uint128::new(5);
        assert_eq!(
            to_json_vec(&Cw20Execute::TransferFrom {
                owner: "o".into(),
                recipient: "r".into(),
                amount: a
            })
            .unwrap(),
            to_json_vec(&cw20::Cw20ExecuteMsg::TransferFrom {
                owner: "o".into(),
                recipient: "r".into(),
                amount: a
            })
            .unwrap()
        );
        let msg = to_json_binary(&TreasuryReceive::FundPool {
            pool: Pool::EngagementRewards,
        })
        .unwrap();
        assert_eq!(
            msg,
            to_json_binary(&mesi_types::treasury::ReceiveMsg::FundPool {
                pool: Pool::EngagementRewards
            })
            .unwrap()
        );
        assert_eq!(
            to_json_vec(&Cw20Execute::Send {
                contract: "t".into(),
                amount: a,
                msg: msg.clone()
            })
            .unwrap(),
            to_json_vec(&cw20::Cw20ExecuteMsg::Send {
                contract: "t".into(),
                amount: a,
                msg
            })
            .unwrap()
        );
    }
}
