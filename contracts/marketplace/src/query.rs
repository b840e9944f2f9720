//! Queries: every list walks one index in O(page) (`mesi_common::page_limit`: default 10, max 100).

use cosmwasm_std::{Deps, Env, Order, StdError, StdResult, Uint128};
use cw_storage_plus::Bound;
use mesi_types::marketplace::{
    AccountingResponse, Asset, AssetAccounting, AuctionResponse, AuctionsResponse,
    ClaimableResponse, ConfigResponse, EscrowOrder, EscrowResponse, ListingResponse,
    ListingsResponse, OfferResponse, OffersResponse, SellerFitsTierResponse, SellerResponse,
    SettlementResponse, SettlementsResponse, TierLimitKind, TierLimitsResponse,
};

use crate::helpers::{live_orders, min_next_bid, seller_book, split, within};
use crate::state::{
    auctions, listings, offers, settlements, Auction, Holder, Listing, Offer, Settlement,
    CLAIMABLE, CONFIG, ESCROW,
};
use mesi_common::page_limit;

fn std_err(e: crate::ContractError) -> StdError {
    StdError::generic_err(e.to_string())
}

pub fn config(deps: Deps) -> StdResult<ConfigResponse> {
    Ok(CONFIG.load(deps.storage)?.to_response())
}

pub fn tier_limits(deps: Deps) -> StdResult<TierLimitsResponse> {
    Ok(TierLimitsResponse {
        tiers: CONFIG.load(deps.storage)?.tier_limits,
    })
}

/// O(1) (two reads, at most `MAX_TIER_ROWS` counts): the seller's book against creator tier
/// `tier`'s row (SPEC §3 "Fit", issue 19): the live-order count, the tier every live price needs and
/// the tier every live auction's length needs; names the first limit that does not fit.
pub fn seller_fits_tier(deps: Deps, seller: String, tier: u8) -> StdResult<SellerFitsTierResponse> {
    let seller = deps.api.addr_validate(&seller)?;
    let cfg = CONFIG.load(deps.storage)?;
    let book = seller_book(deps.storage, &seller).map_err(std_err)?;
    let limit = cfg.limits(tier).and_then(|r| r.max_orders);
    let (price_tier, auction_days_tier) = (book.price_tier(), book.days_tier());
    let exceeds = if limit.is_some_and(|l| book.live > l) {
        Some(TierLimitKind::Orders)
    } else if !within(&cfg, price_tier, tier) {
        Some(TierLimitKind::Price)
    } else if !within(&cfg, auction_days_tier, tier) {
        Some(TierLimitKind::AuctionDays)
    } else {
        None
    };
    Ok(SellerFitsTierResponse {
        fits: exceeds.is_none(),
        live_orders: book.live,
        limit,
        exceeds,
        price_tier,
        auction_days_tier,
    })
}

pub fn seller(deps: Deps, seller: String) -> StdResult<SellerResponse> {
    let seller = deps.api.addr_validate(&seller)?;
    let live_orders = live_orders(deps.storage, &seller).map_err(std_err)?;
    Ok(SellerResponse {
        seller,
        live_orders,
    })
}

fn listing_resp(env: &Env, id: u64, l: Listing) -> ListingResponse {
    ListingResponse {
        listing_id: id,
        expired: l.expires.is_some_and(|e| env.block.time.seconds() >= e),
        token_id: l.token_id,
        seller: l.seller,
        asset: l.asset,
        price: l.price,
        expires: l.expires,
        reserved_for: l.reserved_for,
        commission_bps: l.commission_bps,
    }
}

fn auction_resp(env: &Env, id: u64, a: Auction) -> StdResult<AuctionResponse> {
    let highest = a.highest.as_ref().map(|h| h.1);
    Ok(AuctionResponse {
        auction_id: id,
        min_next_bid: min_next_bid(a.reserve, highest, a.min_increment_bps).map_err(std_err)?,
        ended: env.block.time.seconds() >= a.end,
        token_id: a.token_id,
        seller: a.seller,
        asset: a.asset,
        reserve: a.reserve,
        start: a.start,
        end: a.end,
        min_increment_bps: a.min_increment_bps,
        commission_bps: a.commission_bps,
        highest_bid: highest.unwrap_or_default(),
        highest_bidder: a.highest.map(|h| h.0),
    })
}

fn offer_resp(env: &Env, id: u64, o: Offer) -> OfferResponse {
    OfferResponse {
        offer_id: id,
        expired: env.block.time.seconds() >= o.expires,
        token_id: o.token_id,
        offerer: o.offerer,
        asset: o.asset,
        amount: o.amount,
        expires: o.expires,
        counter: o.counter,
        version: o.version,
        commission_bps: o.commission_bps,
    }
}

fn settlement_resp(id: u64, s: Settlement) -> StdResult<SettlementResponse> {
    let (fee, _) = split(s.price, s.commission_bps).map_err(std_err)?;
    Ok(SettlementResponse {
        settlement_id: id,
        token_id: s.token_id,
        seller: s.seller,
        buyer: s.buyer,
        asset: s.asset,
        price: s.price,
        commission_bps: s.commission_bps,
        fee,
        release_at: s.release_at,
        kind: s.kind,
    })
}

fn not_found(what: &str, id: u64) -> StdError {
    StdError::not_found(format!("{what} {id}"))
}

pub fn listing(deps: Deps, env: Env, id: u64) -> StdResult<ListingResponse> {
    let l = listings()
        .may_load(deps.storage, id)?
        .ok_or_else(|| not_found("listing", id))?;
    Ok(listing_resp(&env, id, l))
}

pub fn auction(deps: Deps, env: Env, id: u64) -> StdResult<AuctionResponse> {
    let a = auctions()
        .may_load(deps.storage, id)?
        .ok_or_else(|| not_found("auction", id))?;
    auction_resp(&env, id, a)
}

pub fn offer(deps: Deps, env: Env, id: u64) -> StdResult<OfferResponse> {
    let o = offers()
        .may_load(deps.storage, id)?
        .ok_or_else(|| not_found("offer", id))?;
    Ok(offer_resp(&env, id, o))
}

pub fn settlement(deps: Deps, id: u64) -> StdResult<SettlementResponse> {
    let s = settlements()
        .may_load(deps.storage, id)?
        .ok_or_else(|| not_found("settlement", id))?;
    settlement_resp(id, s)
}

fn collect<T, R>(
    iter: Box<dyn Iterator<Item = StdResult<(u64, T)>> + '_>,
    limit: Option<u32>,
    f: impl Fn(u64, T) -> StdResult<R>,
) -> StdResult<Vec<R>> {
    iter.take(page_limit(limit))
        .map(|r| r.and_then(|(id, v)| f(id, v)))
        .collect()
}

pub fn listings_by_seller(
    deps: Deps,
    env: Env,
    seller: String,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> StdResult<ListingsResponse> {
    let seller = deps.api.addr_validate(&seller)?;
    let iter = listings().idx.seller.prefix(seller).range(
        deps.storage,
        start_after.map(Bound::exclusive),
        None,
        Order::Ascending,
    );
    Ok(ListingsResponse {
        listings: collect(iter, limit, |id, l| Ok(listing_resp(&env, id, l)))?,
    })
}

pub fn listings_by_price(
    deps: Deps,
    env: Env,
    asset: Asset,
    start_after: Option<(Uint128, u64)>,
    limit: Option<u32>,
) -> StdResult<ListingsResponse> {
    let iter = listings().idx.price.sub_prefix(asset.key()).range(
        deps.storage,
        start_after.map(|(p, id)| Bound::exclusive((p.u128(), id))),
        None,
        Order::Ascending,
    );
    Ok(ListingsResponse {
        listings: collect(iter, limit, |id, l| Ok(listing_resp(&env, id, l)))?,
    })
}

pub fn listings_by_expiry(
    deps: Deps,
    env: Env,
    start_after: Option<(u64, u64)>,
    limit: Option<u32>,
) -> StdResult<ListingsResponse> {
    let iter = listings().idx.expiry.range(
        deps.storage,
        start_after.map(Bound::exclusive),
        None,
        Order::Ascending,
    );
    Ok(ListingsResponse {
        listings: collect(iter, limit, |id, l| Ok(listing_resp(&env, id, l)))?,
    })
}

pub fn auctions_by_end(
    deps: Deps,
    env: Env,
    start_after: Option<(u64, u64)>,
    limit: Option<u32>,
) -> StdResult<AuctionsResponse> {
    let iter = auctions().idx.end.range(
        deps.storage,
        start_after.map(Bound::exclusive),
        None,
        Order::Ascending,
    );
    Ok(AuctionsResponse {
        auctions: collect(iter, limit, |id, a| auction_resp(&env, id, a))?,
    })
}

pub fn auctions_by_seller(
    deps: Deps,
    env: Env,
    seller: String,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> StdResult<AuctionsResponse> {
    let seller = deps.api.addr_validate(&seller)?;
    let iter = auctions().idx.seller.prefix(seller).range(
        deps.storage,
        start_after.map(Bound::exclusive),
        None,
        Order::Ascending,
    );
    Ok(AuctionsResponse {
        auctions: collect(iter, limit, |id, a| auction_resp(&env, id, a))?,
    })
}

pub fn offers_by_token(
    deps: Deps,
    env: Env,
    token_id: String,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> StdResult<OffersResponse> {
    let iter = offers().idx.token.prefix(token_id).range(
        deps.storage,
        start_after.map(Bound::exclusive),
        None,
        Order::Ascending,
    );
    Ok(OffersResponse {
        offers: collect(iter, limit, |id, o| Ok(offer_resp(&env, id, o)))?,
    })
}

pub fn offers_by_offerer(
    deps: Deps,
    env: Env,
    offerer: String,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> StdResult<OffersResponse> {
    let offerer = deps.api.addr_validate(&offerer)?;
    let iter = offers().idx.offerer.prefix(offerer).range(
        deps.storage,
        start_after.map(Bound::exclusive),
        None,
        Order::Ascending,
    );
    Ok(OffersResponse {
        offers: collect(iter, limit, |id, o| Ok(offer_resp(&env, id, o)))?,
    })
}

pub fn settlements_by_party(
    deps: Deps,
    party: String,
    buyer: bool,
    start_after: Option<u64>,
    limit: Option<u32>,
) -> StdResult<SettlementsResponse> {
    let party = deps.api.addr_validate(&party)?;
    let idx = settlements();
    let prefix = if buyer {
        idx.idx.buyer.prefix(party)
    } else {
        idx.idx.seller.prefix(party)
    };
    let iter = prefix.range(
        deps.storage,
        start_after.map(Bound::exclusive),
        None,
        Order::Ascending,
    );
    Ok(SettlementsResponse {
        settlements: collect(iter, limit, settlement_resp)?,
    })
}

pub fn settlements_by_release(
    deps: Deps,
    start_after: Option<(u64, u64)>,
    limit: Option<u32>,
) -> StdResult<SettlementsResponse> {
    let iter = settlements().idx.release.range(
        deps.storage,
        start_after.map(Bound::exclusive),
        None,
        Order::Ascending,
    );
    Ok(SettlementsResponse {
        settlements: collect(iter, limit, settlement_resp)?,
    })
}

pub fn claimable(deps: Deps, address: String) -> StdResult<ClaimableResponse> {
    let address = deps.api.addr_validate(&address)?;
    let get = |a: Asset| -> StdResult<Uint128> {
        Ok(CLAIMABLE
            .may_load(deps.storage, (&address, a.key()))?
            .unwrap_or_default())
    };
    Ok(ClaimableResponse {
        mesi: get(Asset::Mesi)?,
        native: get(Asset::Native)?,
        address,
    })
}

pub fn escrow(deps: Deps, token_id: String) -> StdResult<EscrowResponse> {
    let order = match ESCROW.may_load(deps.storage, &token_id)? {
        None => None,
        Some(Holder::Listing(id)) => Some(EscrowOrder::Listing {
            listing_id: id,
            seller: listings().load(deps.storage, id)?.seller,
        }),
        Some(Holder::Auction(id)) => Some(EscrowOrder::Auction {
            auction_id: id,
            seller: auctions().load(deps.storage, id)?.seller,
        }),
        Some(Holder::Settlement(id)) => Some(EscrowOrder::Settlement {
            settlement_id: id,
            seller: settlements().load(deps.storage, id)?.seller,
        }),
    };
    Ok(EscrowResponse { token_id, order })
}

/// Balance vs. books of each asset (issue 12 §7): `owed` is the O(1) running total, `surplus` what
/// `Sweep` may take. One cw20 and one bank balance query, two reads.
pub fn accounting(deps: Deps, env: Env) -> StdResult<AccountingResponse> {
    let cfg = CONFIG.load(deps.storage)?;
    let books = |asset: Asset, denom: String| -> StdResult<AssetAccounting> {
        let balance = crate::helpers::balance(&deps.querier, &env, &cfg, asset).map_err(std_err)?;
        let owed = crate::helpers::owed(deps.storage, asset).map_err(std_err)?;
        Ok(AssetAccounting {
            denom,
            balance,
            owed,
            surplus: balance.saturating_sub(owed),
        })
    };
    Ok(AccountingResponse {
        mesi: books(Asset::Mesi, "mesi".to_string())?,
        native: books(Asset::Native, cfg.native_denom.clone())?,
    })
}
