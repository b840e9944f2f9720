//! Queries: the cw721 0.22 surface with its own response types, plus gallery, pledge and config.

use cosmwasm_std::{
    to_json_binary, Addr, Binary, BlockInfo, Deps, Empty, Env, Order, StdError, StdResult,
};
use cw721::state::CollectionInfo;
use cw_ownable::Ownership;
use cw_storage_plus::Bound;
use cw_utils::Expiration;
use mesi_common::page_limit;
use mesi_types::gallery::{
    AllInfoResponse, AllNftInfoResponse, Approval, ApprovalResponse, ApprovalsResponse,
    CollectionInfoAndExtensionResponse, ConfigResponse, CreatorPledgesResponse, CustodyResponse,
    GalleryFilter, GalleryItem, GalleryNftExtension, GalleryResponse, MinterResponse,
    NftInfoResponse, NumTokensResponse, OperatorResponse, OperatorsResponse, OwnerOfResponse,
    PledgeResponse, QueryMsg, TokensResponse,
};

use crate::error::ContractError;
use crate::execute::mint::normalize_tag;
use crate::state::{
    gallery_key, is_burnt, kind_key, load_token, reindex_pending, tag_key, LoadedToken, Token,
    BY_TAG, CONFIG, CREATOR_PLEDGED, GALLERY, KIND_KEYS, NUM_TOKENS, OPERATORS, OWNED, TOKENS,
    TOTAL_PLEDGED,
};

/// Most operator entries `all_operators` walks (expired ones are skipped within this bound).
const MAX_OPERATOR_SCAN: usize = 1_000;

pub fn dispatch(deps: Deps, env: Env, msg: QueryMsg) -> StdResult<Binary> {
    let block = &env.block;
    match msg {
        QueryMsg::OwnerOf {
            token_id,
            include_expired,
        } => to_json_binary(&owner_of(
            &*load(deps, &token_id)?,
            block,
            include_expired.unwrap_or(false),
        )),
        QueryMsg::Approval {
            token_id,
            spender,
            include_expired,
        } => to_json_binary(&approval(
            deps,
            block,
            token_id,
            spender,
            include_expired.unwrap_or(false),
        )?),
        QueryMsg::Approvals {
            token_id,
            include_expired,
        } => to_json_binary(&ApprovalsResponse {
            approvals: live_approvals(
                &*load(deps, &token_id)?,
                block,
                include_expired.unwrap_or(false),
            ),
        }),
        QueryMsg::Operator {
            owner,
            operator,
            include_expired,
        } => to_json_binary(&operator_q(
            deps,
            block,
            owner,
            operator,
            include_expired.unwrap_or(false),
        )?),
        QueryMsg::AllOperators {
            owner,
            include_expired,
            start_after,
            limit,
        } => to_json_binary(&all_operators(
            deps,
            block,
            owner,
            include_expired.unwrap_or(false),
            start_after,
            limit,
        )?),
        QueryMsg::NumTokens {} => to_json_binary(&NumTokensResponse {
            count: NUM_TOKENS.may_load(deps.storage)?.unwrap_or_default(),
        }),
        QueryMsg::ContractInfo {} | QueryMsg::GetCollectionInfoAndExtension {} => {
            let cfg = CONFIG.load(deps.storage)?;
            to_json_binary(&CollectionInfoAndExtensionResponse::<Option<Empty>> {
                name: cfg.name,
                symbol: cfg.symbol,
                extension: None,
                updated_at: cfg.updated_at,
            })
        }
        QueryMsg::Minter {} => to_json_binary(&MinterResponse { minter: None }),
        QueryMsg::GetMinterOwnership {} => to_json_binary(&Ownership::<Addr> {
            owner: None,
            pending_owner: None,
            pending_expiry: None,
        }),
        QueryMsg::GetAllInfo {} => {
            let cfg = CONFIG.load(deps.storage)?;
            to_json_binary(&AllInfoResponse {
                contract_info: deps
                    .querier
                    .query_wasm_contract_info(env.contract.address.clone())?,
                collection_info: CollectionInfo {
                    name: cfg.name,
                    symbol: cfg.symbol,
                    updated_at: cfg.updated_at,
                },
                collection_extension: vec![],
                num_tokens: NUM_TOKENS.may_load(deps.storage)?.unwrap_or_default(),
            })
        }
        QueryMsg::NftInfo { token_id } => to_json_binary(&nft_info(load(deps, &token_id)?)),
        QueryMsg::AllNftInfo {
            token_id,
            include_expired,
        } => {
            let t = load(deps, &token_id)?;
            to_json_binary(&AllNftInfoResponse {
                access: owner_of(&t, block, include_expired.unwrap_or(false)),
                info: nft_info(t),
            })
        }
        QueryMsg::Tokens {
            owner,
            start_after,
            limit,
        } => {
            refuse_while_reindexing(deps)?;
            let owner = deps.api.addr_validate(&owner)?;
            let owner = deps.api.addr_canonicalize(owner.as_str())?;
            let start = start_after.as_deref().map(Bound::exclusive);
            let tokens = OWNED
                .prefix(owner.as_slice())
                .keys(deps.storage, start, None, Order::Ascending)
                .take(page_limit(limit))
                .collect::<StdResult<_>>()?;
            to_json_binary(&TokensResponse { tokens })
        }
        QueryMsg::AllTokens { start_after, limit } => {
            let start = start_after.as_deref().map(Bound::exclusive);
            let tokens = TOKENS
                .keys(deps.storage, start, None, Order::Ascending)
                .take(page_limit(limit))
                .collect::<StdResult<_>>()?;
            to_json_binary(&TokensResponse { tokens })
        }
        QueryMsg::Gallery {
            creator,
            filter,
            start_after,
            limit,
        } => to_json_binary(&gallery(deps, creator, filter, start_after, limit)?),
        QueryMsg::Pledge { token_id } => {
            let t = load(deps, &token_id)?;
            to_json_binary(&PledgeResponse {
                token_id,
                creator: t.creator.into_string(),
                owner: t.owner.into_string(),
                amount: t.pledge,
                denom: CONFIG.load(deps.storage)?.pledge_denom,
            })
        }
        QueryMsg::Custody { token_id } => {
            if is_burnt(deps.storage, &token_id) {
                return Err(StdError::generic_err(
                    ContractError::TokenBurnt { token_id }.to_string(),
                ));
            }
            let t = load(deps, &token_id)?;
            to_json_binary(&CustodyResponse {
                owner: t.owner.to_string(),
                listed_by: t.listed_by.as_ref().map(Addr::to_string),
                creator: t.creator.to_string(),
                content_hash: cosmwasm_std::HexBinary::from(t.content_hash.as_slice()).to_hex(),
                token_id,
            })
        }
        QueryMsg::CreatorPledges { creator } => {
            let creator = deps.api.addr_validate(&creator)?;
            to_json_binary(&CreatorPledgesResponse {
                total: CREATOR_PLEDGED
                    .may_load(deps.storage, &creator)?
                    .unwrap_or_default(),
                creator: creator.into_string(),
                denom: CONFIG.load(deps.storage)?.pledge_denom,
            })
        }
        QueryMsg::Config {} => {
            let cfg = CONFIG.load(deps.storage)?;
            to_json_binary(&ConfigResponse {
                name: cfg.name,
                symbol: cfg.symbol,
                arbiter: cfg.arbiter.into_string(),
                pledge_denom: cfg.pledge_denom,
                total_pledged: TOTAL_PLEDGED.load(deps.storage)?,
                marketplace: cfg.marketplace.map(Addr::into_string),
            })
        }
        QueryMsg::Ownership {} => to_json_binary(&cw_ownable::get_ownership(deps.storage)?),
    }
}

fn load(deps: Deps, token_id: &str) -> StdResult<LoadedToken> {
    load_token(deps.storage, deps.api, token_id).map_err(|e| match e {
        ContractError::Std(e) => e,
        _ => StdError::not_found(format!("token {token_id}")),
    })
}

/// The index-walking lists answer `ReindexPending` while any token is in the old layout (issue 15), never
/// a page that silently misses the old tokens.
fn refuse_while_reindexing(deps: Deps) -> StdResult<()> {
    if reindex_pending(deps.storage) {
        return Err(StdError::generic_err(
            ContractError::ReindexPending {}.to_string(),
        ));
    }
    Ok(())
}

fn live_approvals(t: &Token, block: &BlockInfo, include_expired: bool) -> Vec<Approval> {
    t.approvals
        .iter()
        .filter(|a| include_expired || !a.expires.is_expired(block))
        .cloned()
        .collect()
}

fn owner_of(t: &Token, block: &BlockInfo, include_expired: bool) -> OwnerOfResponse {
    OwnerOfResponse {
        owner: t.owner.to_string(),
        approvals: live_approvals(t, block, include_expired),
    }
}

fn extension(t: &Token) -> GalleryNftExtension {
    GalleryNftExtension {
        creator: t.creator.to_string(),
        media_kind: t.media_kind,
        content_hash: cosmwasm_std::HexBinary::from(t.content_hash.as_slice()).to_hex(),
        tags: t.tags.clone(),
        year: t.year,
        ad_revenue: t.ad_revenue,
        pay_per_view: t.pay_per_view,
        pledge: t.pledge,
    }
}

fn nft_info(mut t: LoadedToken) -> NftInfoResponse<GalleryNftExtension> {
    NftInfoResponse {
        extension: extension(&t),
        token_uri: t.token_uri.take(),
    }
}

fn approval(
    deps: Deps,
    block: &BlockInfo,
    token_id: String,
    spender: String,
    include_expired: bool,
) -> StdResult<ApprovalResponse> {
    let t = load(deps, &token_id)?;
    let spender = deps.api.addr_validate(&spender)?;
    if t.owner == spender {
        return Ok(ApprovalResponse {
            approval: Approval {
                spender,
                expires: Expiration::Never {},
            },
        });
    }
    t.approvals
        .into_iter()
        .find(|a| a.spender == spender && (include_expired || !a.expires.is_expired(block)))
        .map(|approval| ApprovalResponse { approval })
        .ok_or_else(|| StdError::not_found("Approval not found"))
}

fn operator_q(
    deps: Deps,
    block: &BlockInfo,
    owner: String,
    operator: String,
    include_expired: bool,
) -> StdResult<OperatorResponse> {
    let owner = deps.api.addr_validate(&owner)?;
    let operator = deps.api.addr_validate(&operator)?;
    match OPERATORS.may_load(deps.storage, (&owner, &operator))? {
        Some(expires) if include_expired || !expires.is_expired(block) => Ok(OperatorResponse {
            approval: Approval {
                spender: operator,
                expires,
            },
        }),
        _ => Err(StdError::not_found("Approval not found")),
    }
}

fn all_operators(
    deps: Deps,
    block: &BlockInfo,
    owner: String,
    include_expired: bool,
    start_after: Option<String>,
    limit: Option<u32>,
) -> StdResult<OperatorsResponse> {
    let owner = deps.api.addr_validate(&owner)?;
    let start_addr = start_after
        .map(|s| deps.api.addr_validate(&s))
        .transpose()?;
    let start = start_addr.as_ref().map(Bound::exclusive);
    let mut operators = vec![];
    for item in OPERATORS
        .prefix(&owner)
        .range(deps.storage, start, None, Order::Ascending)
        .take(MAX_OPERATOR_SCAN)
    {
        let (spender, expires) = item?;
        if include_expired || !expires.is_expired(block) {
            operators.push(Approval { spender, expires });
            if operators.len() >= page_limit(limit) {
                break;
            }
        }
    }
    Ok(OperatorsResponse { operators })
}

/// A creator's gallery page in (year, token_id) order (see `state`): every walk is a key prefix and takes
/// at most `limit` keys (3 walks merged for the unfiltered and the year-filtered gallery).
fn gallery(
    deps: Deps,
    creator: String,
    filter: Option<GalleryFilter>,
    start_after: Option<String>,
    limit: Option<u32>,
) -> StdResult<GalleryResponse> {
    refuse_while_reindexing(deps)?;
    let creator_addr: Addr = deps.api.addr_validate(&creator)?;
    let c = deps.api.addr_canonicalize(creator_addr.as_str())?;
    // The cursor: the (year, id) of the `start_after` token.
    let cursor: Option<(u16, String)> = match start_after {
        Some(id) => Some((load(deps, &id)?.year, id)),
        None => None,
    };
    let after = cursor
        .as_ref()
        .map(|(y, id)| Bound::exclusive((*y, id.as_str())));
    let limit = page_limit(limit);
    // (year, id) of every key of one prefix walk, after the cursor, at most `limit`.
    let walk = |prefix: Vec<u8>, map: &cw_storage_plus::Map<(&[u8], u16, &str), Empty>| {
        map.sub_prefix(prefix.as_slice())
            .keys(deps.storage, after.clone(), None, Order::Ascending)
            .take(limit)
            .collect::<StdResult<Vec<(u16, String)>>>()
    };
    let mut keys: Vec<(u16, String)> = match filter {
        None => {
            let mut keys = Vec::with_capacity(limit * KIND_KEYS.len());
            for k in KIND_KEYS {
                keys.extend(walk(gallery_key(c.as_slice(), k), &GALLERY)?);
            }
            keys
        }
        Some(GalleryFilter::MediaKind(kind)) => {
            walk(gallery_key(c.as_slice(), kind_key(kind)), &GALLERY)?
        }
        Some(GalleryFilter::Year(year)) => {
            // inside one year the order is the id; a cursor of another year bounds the whole year
            let start = match &cursor {
                Some((y, _)) if *y > year => return Ok(empty(creator_addr)),
                Some((y, id)) if *y == year => Some(Bound::exclusive(id.as_str())),
                _ => None,
            };
            let mut keys = Vec::with_capacity(limit * KIND_KEYS.len());
            for k in KIND_KEYS {
                for id in GALLERY
                    .prefix((gallery_key(c.as_slice(), k).as_slice(), year))
                    .keys(deps.storage, start.clone(), None, Order::Ascending)
                    .take(limit)
                {
                    keys.push((year, id?));
                }
            }
            keys
        }
        Some(GalleryFilter::Tag(tag)) => {
            let tag = normalize_tag(&tag).map_err(|e| StdError::generic_err(e.to_string()))?;
            walk(tag_key(&tag, c.as_slice()), &BY_TAG)?
        }
    };
    keys.sort_unstable();
    keys.truncate(limit);
    let items = keys
        .into_iter()
        .map(|(_, token_id)| {
            let t = load(deps, &token_id)?;
            Ok(GalleryItem {
                owner: t.owner.to_string(),
                listed_by: t.listed_by.as_ref().map(Addr::to_string),
                sold: t.is_sold(),
                info: extension(&t),
                token_uri: t.token_uri,
                token_id,
            })
        })
        .collect::<StdResult<_>>()?;
    Ok(GalleryResponse {
        creator: creator_addr.into_string(),
        items,
    })
}

fn empty(creator: Addr) -> GalleryResponse {
    GalleryResponse {
        creator: creator.into_string(),
        items: vec![],
    }
}
