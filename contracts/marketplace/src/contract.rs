//! Entry points: a thin dispatcher. Funds are checked here: the native-asset orders take exactly one
//! coin of the native denom (`must_pay`; `accept_counter` may take none), everything else is nonpayable.

#[cfg(not(feature = "library"))]
use cosmwasm_std::entry_point;
use cosmwasm_std::{
    from_json, to_json_binary, Binary, Deps, DepsMut, Env, MessageInfo, Response, StdResult,
    Uint128,
};
use cw20::Cw20ReceiveMsg;
use cw721::receiver::Cw721ReceiveMsg;
use mesi_types::marketplace::{
    Asset, ExecuteMsg, InstantiateMsg, MigrateMsg, NftMsg, QueryMsg, TokenMsg,
};

use crate::error::ContractError;
use crate::helpers::{take_in, Payment};
use crate::state::{CONFIG, CONTRACT_NAME, CONTRACT_VERSION, ESCROW};
use crate::{auction, config, listing, maintenance, offer, query, settlement};

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn instantiate(
    deps: DepsMut,
    _env: Env,
    info: MessageInfo,
    msg: InstantiateMsg,
) -> Result<Response, ContractError> {
    config::instantiate(deps, info, msg)
}

/// The native payment attached to `info`: exactly one coin of the native denom (`allow_none`: or
/// nothing, as a zero payment), counted into the books' total (`take_in`).
fn native(
    deps: &mut DepsMut,
    info: &MessageInfo,
    allow_none: bool,
) -> Result<Payment, ContractError> {
    let denom = CONFIG.load(deps.storage)?.native_denom;
    let amount = if allow_none && info.funds.is_empty() {
        Uint128::zero()
    } else {
        cw_utils::must_pay(info, &denom)?
    };
    let payment = Payment {
        sender: info.sender.clone(),
        asset: Asset::Native,
        amount,
    };
    take_in(deps.storage, &payment)?;
    Ok(payment)
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn execute(
    mut deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: ExecuteMsg,
) -> Result<Response, ContractError> {
    match msg {
        ExecuteMsg::Buy {
            listing_id,
            max_price,
        } => {
            let pay = native(&mut deps, &info, false)?;
            listing::buy(deps, env, pay, listing_id, max_price)
        }
        ExecuteMsg::Bid { auction_id } => {
            let pay = native(&mut deps, &info, false)?;
            auction::bid(deps, env, pay, auction_id)
        }
        ExecuteMsg::Offer { token_id, expires } => {
            let pay = native(&mut deps, &info, false)?;
            offer::make(deps, env, pay, token_id, expires)
        }
        ExecuteMsg::AcceptCounter { offer_id, version } => {
            let pay = native(&mut deps, &info, true)?;
            offer::accept_counter(deps, env, pay, offer_id, version)
        }
        msg => {
            cw_utils::nonpayable(&info)?;
            execute_nonpayable(deps, env, info, msg)
        }
    }
}

fn execute_nonpayable(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    msg: ExecuteMsg,
) -> Result<Response, ContractError> {
    match msg {
        ExecuteMsg::ReceiveNft(wrapper) => receive_nft(deps, env, info, wrapper),
        ExecuteMsg::Receive(wrapper) => receive(deps, env, info, wrapper),
        ExecuteMsg::UpdatePrice { listing_id, price } => {
            listing::update_price(deps, info, listing_id, price)
        }
        ExecuteMsg::CancelListing { listing_id } => listing::cancel(deps, info, listing_id),
        ExecuteMsg::CancelAuction { auction_id } => auction::cancel(deps, info, auction_id),
        ExecuteMsg::SettleAuction { auction_id } => auction::settle(deps, env, auction_id),
        ExecuteMsg::AcceptOffer { offer_id } => offer::accept_listed(deps, env, info, offer_id),
        ExecuteMsg::RejectOffer { offer_id } => offer::reject(deps, env, info, offer_id),
        ExecuteMsg::CounterOffer { offer_id, amount } => {
            offer::counter(deps, env, info, offer_id, amount)
        }
        ExecuteMsg::CancelOffer { offer_id } => offer::cancel(deps, info, offer_id),
        ExecuteMsg::Refund { settlement_id } => settlement::refund(deps, env, info, settlement_id),
        ExecuteMsg::Finalize { settlement_id } => settlement::finalize(deps, env, settlement_id),
        ExecuteMsg::Withdraw { asset } => maintenance::withdraw(deps, info, asset),
        ExecuteMsg::Prune { limit } => maintenance::prune(deps, env, limit),
        ExecuteMsg::Sync { token_id } => maintenance::sync(deps, env, token_id),
        ExecuteMsg::UpdateConfig(update) => config::update_config(deps, env, info, update),
        ExecuteMsg::Sweep { denom } => config::sweep(deps, env, info, denom),
        ExecuteMsg::UpdateOwnership(action) => {
            let ownership = cw_ownable::update_ownership(deps, &env.block, &info.sender, action)?;
            Ok(Response::new()
                .add_attribute("action", "update_ownership")
                .add_attributes(ownership.into_attributes()))
        }
        // Payable variants are routed in `execute`.
        ExecuteMsg::Buy { .. }
        | ExecuteMsg::Bid { .. }
        | ExecuteMsg::Offer { .. }
        | ExecuteMsg::AcceptCounter { .. } => Err(ContractError::Unauthorized),
    }
}

/// cw721 hook: only the configured gallery; `wrapper.sender` is the token's previous owner.
fn receive_nft(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    wrapper: Cw721ReceiveMsg,
) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    if info.sender != cfg.gallery {
        return Err(ContractError::WrongCollection {
            sender: info.sender.to_string(),
        });
    }
    if ESCROW.has(deps.storage, &wrapper.token_id) {
        return Err(ContractError::AlreadyEscrowed {
            token_id: wrapper.token_id,
        });
    }
    let seller = deps.api.addr_validate(&wrapper.sender)?;
    let token_id = wrapper.token_id;
    match from_json::<NftMsg>(&wrapper.msg)? {
        NftMsg::List {
            price,
            asset,
            expires,
            reserved_for,
        } => listing::list(
            deps,
            env,
            &cfg,
            seller,
            token_id,
            price,
            asset,
            expires,
            reserved_for,
        ),
        NftMsg::Auction {
            reserve,
            asset,
            days,
        } => auction::create(deps, env, &cfg, seller, token_id, reserve, asset, days),
        NftMsg::AcceptOffer { offer_id } => {
            offer::accept_with_token(deps, env, seller, token_id, offer_id)
        }
    }
}

/// cw20 hook: only the configured token; `wrapper.sender` paid `wrapper.amount` $MESI.
fn receive(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    wrapper: Cw20ReceiveMsg,
) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    if info.sender != cfg.token {
        return Err(ContractError::WrongToken {
            sender: info.sender.to_string(),
        });
    }
    let pay = Payment {
        sender: deps.api.addr_validate(&wrapper.sender)?,
        asset: Asset::Mesi,
        amount: wrapper.amount,
    };
    take_in(deps.storage, &pay)?;
    match from_json::<TokenMsg>(&wrapper.msg)? {
        TokenMsg::Buy {
            listing_id,
            max_price,
        } => listing::buy(deps, env, pay, listing_id, max_price),
        TokenMsg::Bid { auction_id } => auction::bid(deps, env, pay, auction_id),
        TokenMsg::Offer { token_id, expires } => offer::make(deps, env, pay, token_id, expires),
        TokenMsg::AcceptCounter { offer_id, version } => {
            offer::accept_counter(deps, env, pay, offer_id, version)
        }
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn query(deps: Deps, env: Env, msg: QueryMsg) -> StdResult<Binary> {
    match msg {
        QueryMsg::Config {} => to_json_binary(&query::config(deps)?),
        QueryMsg::Ownership {} => to_json_binary(&cw_ownable::get_ownership(deps.storage)?),
        QueryMsg::TierLimits {} => to_json_binary(&query::tier_limits(deps)?),
        QueryMsg::SellerFitsTier {
            seller,
            creator_tier,
        } => to_json_binary(&query::seller_fits_tier(deps, seller, creator_tier)?),
        QueryMsg::Seller { seller } => to_json_binary(&query::seller(deps, seller)?),
        QueryMsg::Listing { listing_id } => to_json_binary(&query::listing(deps, env, listing_id)?),
        QueryMsg::ListingsBySeller {
            seller,
            start_after,
            limit,
        } => to_json_binary(&query::listings_by_seller(
            deps,
            env,
            seller,
            start_after,
            limit,
        )?),
        QueryMsg::ListingsByPrice {
            asset,
            start_after,
            limit,
        } => to_json_binary(&query::listings_by_price(
            deps,
            env,
            asset,
            start_after,
            limit,
        )?),
        QueryMsg::ListingsByExpiry { start_after, limit } => {
            to_json_binary(&query::listings_by_expiry(deps, env, start_after, limit)?)
        }
        QueryMsg::Auction { auction_id } => to_json_binary(&query::auction(deps, env, auction_id)?),
        QueryMsg::AuctionsByEnd { start_after, limit } => {
            to_json_binary(&query::auctions_by_end(deps, env, start_after, limit)?)
        }
        QueryMsg::AuctionsBySeller {
            seller,
            start_after,
            limit,
        } => to_json_binary(&query::auctions_by_seller(
            deps,
            env,
            seller,
            start_after,
            limit,
        )?),
        QueryMsg::Offer { offer_id } => to_json_binary(&query::offer(deps, env, offer_id)?),
        QueryMsg::OffersByToken {
            token_id,
            start_after,
            limit,
        } => to_json_binary(&query::offers_by_token(
            deps,
            env,
            token_id,
            start_after,
            limit,
        )?),
        QueryMsg::OffersByOfferer {
            offerer,
            start_after,
            limit,
        } => to_json_binary(&query::offers_by_offerer(
            deps,
            env,
            offerer,
            start_after,
            limit,
        )?),
        QueryMsg::Settlement { settlement_id } => {
            to_json_binary(&query::settlement(deps, settlement_id)?)
        }
        QueryMsg::SettlementsByBuyer {
            buyer,
            start_after,
            limit,
        } => to_json_binary(&query::settlements_by_party(
            deps,
            buyer,
            true,
            start_after,
            limit,
        )?),
        QueryMsg::SettlementsBySeller {
            seller,
            start_after,
            limit,
        } => to_json_binary(&query::settlements_by_party(
            deps,
            seller,
            false,
            start_after,
            limit,
        )?),
        QueryMsg::SettlementsByRelease { start_after, limit } => {
            to_json_binary(&query::settlements_by_release(deps, start_after, limit)?)
        }
        QueryMsg::Claimable { address } => to_json_binary(&query::claimable(deps, address)?),
        QueryMsg::Escrow { token_id } => to_json_binary(&query::escrow(deps, token_id)?),
        QueryMsg::Accounting {} => to_json_binary(&query::accounting(deps, env)?),
    }
}

#[cfg_attr(not(feature = "library"), entry_point)]
pub fn migrate(deps: DepsMut, _env: Env, _msg: MigrateMsg) -> Result<Response, ContractError> {
    let from = mesi_common::migrate_version(deps.storage, CONTRACT_NAME, CONTRACT_VERSION)?;
    Ok(Response::new()
        .add_attribute("action", "migrate")
        .add_attribute("from_version", from)
        .add_attribute("to_version", CONTRACT_VERSION))
}
