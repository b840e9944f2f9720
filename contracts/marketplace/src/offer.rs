//! Private offers (SPEC §3): escrowed at once, with an expiry. The token's owner (or, for a token in
//! escrow, its seller) accepts, rejects or counters; each counter bumps the offer's `version` and the
//! offerer accepts a counter by naming that version (a stale one fails), topping up or getting the
//! difference back. An owner's accept fills at the escrowed amount.

use cosmwasm_std::{Addr, Deps, DepsMut, Env, MessageInfo, Response, Storage, Uint128};
use mesi_types::gallery::CustodyResponse;
use mesi_types::marketplace::FillKind;

use crate::error::ContractError;
use crate::helpers::{
    assert_held, check_expiry, check_price, creator_tier, credit, custody, next_id, Payment,
};
use crate::settlement::{self, Fill};
use crate::state::{offers, Holder, Offer, CONFIG, ESCROW};
use crate::{listing, settlement::open};

pub fn load(storage: &dyn Storage, id: u64) -> Result<Offer, ContractError> {
    offers()
        .may_load(storage, id)?
        .ok_or(ContractError::OfferNotFound { id })
}

/// Who may answer offers on `token_id` now: its seller while we hold it, else its gallery owner.
pub fn seller_of(deps: Deps, env: &Env, token_id: &str) -> Result<Addr, ContractError> {
    Ok(identify(deps, env, token_id)?.0)
}

/// Who may answer offers on `token_id` now (see [`seller_of`]) and the gallery's custody record, which
/// carries the token's identity (creator, content hash). Errors: `TokenNotFound` for a burnt or unknown id.
fn identify(
    deps: Deps,
    env: &Env,
    token_id: &str,
) -> Result<(Addr, CustodyResponse), ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let not_found = || ContractError::TokenNotFound {
        token_id: token_id.to_string(),
    };
    let c = custody(&deps.querier, &cfg.gallery, token_id).ok_or_else(not_found)?;
    let seller = match ESCROW.may_load(deps.storage, token_id)? {
        Some(Holder::Listing(id)) => listing::load(deps.storage, id)?.seller,
        Some(Holder::Auction(id)) => crate::auction::load(deps.storage, id)?.seller,
        Some(Holder::Settlement(id)) => settlement::load(deps.storage, id)?.seller,
        None if c.owner != env.contract.address.as_str() => Addr::unchecked(&c.owner),
        None => return Err(not_found()),
    };
    Ok((seller, c))
}

/// Fails with `PriceAboveTierMax` unless `seller` may sell at the offer's amount now: accepting an offer (or a
/// counter filling against the seller's listing) is a sale at that price, so it passes the same check as every
/// price a seller names (SPEC §3 "Fit"; issue 19 §5, by kind).
fn check_fill_price(deps: Deps, seller: &Addr, o: &Offer) -> Result<(), ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let tier = creator_tier(&deps.querier, &cfg.token, seller)?;
    check_price(deps, &cfg, tier, o.asset, o.amount).map(|_| ())
}

/// Fails with `OfferTokenReplaced` unless the token about to fill offer `id` is the one the offer was made
/// on: same creator and content hash as recorded then (SPEC §3 token identity, issue 19 §1).
pub fn check_identity(id: u64, o: &Offer, c: &CustodyResponse) -> Result<(), ContractError> {
    if c.creator != o.creator.as_str() || c.content_hash != o.content_hash {
        return Err(ContractError::OfferTokenReplaced {
            id,
            token_id: o.token_id.clone(),
        });
    }
    Ok(())
}

fn check_live(env: &Env, o: &Offer) -> Result<(), ContractError> {
    if env.block.time.seconds() >= o.expires {
        return Err(ContractError::OfferExpired { expires: o.expires });
    }
    Ok(())
}

/// Escrows the payment as an offer on an existing gallery token.
pub fn make(
    deps: DepsMut,
    env: Env,
    pay: Payment,
    token_id: String,
    expires: u64,
) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    if pay.amount.is_zero() {
        return Err(ContractError::ZeroAmount);
    }
    check_expiry(&env, expires)?;
    let (seller, token) = identify(deps.as_ref(), &env, &token_id)?;
    if seller == pay.sender {
        return Err(ContractError::SelfTrade);
    }
    let id = next_id(deps.storage)?;
    offers().save(
        deps.storage,
        id,
        &Offer {
            token_id: token_id.clone(),
            offerer: pay.sender.clone(),
            asset: pay.asset,
            amount: pay.amount,
            expires,
            counter: None,
            countered_by: None,
            version: 0,
            commission_bps: cfg.commission_bps,
            creator: Addr::unchecked(token.creator),
            content_hash: token.content_hash,
        },
    )?;
    Ok(Response::new()
        .add_attribute("action", "offer")
        .add_attribute("offer_id", id.to_string())
        .add_attribute("token_id", token_id)
        .add_attribute("offerer", pay.sender)
        .add_attribute("amount", pay.amount)
        .add_attribute("expires", expires.to_string()))
}

/// Fills an offer at its escrowed amount; the token is held by the marketplace (just arrived, or
/// taken over from the seller's listing). Opens a settlement.
fn fill(
    storage: &mut dyn Storage,
    env: &Env,
    seller: Addr,
    id: u64,
    o: Offer,
) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(storage)?;
    offers().remove(storage, id)?;
    let (sid, release_at) = open(
        storage,
        env,
        &cfg,
        Fill {
            token_id: o.token_id.clone(),
            seller,
            buyer: o.offerer.clone(),
            asset: o.asset,
            price: o.amount,
            commission_bps: o.commission_bps,
            kind: FillKind::Offer,
        },
    )?;
    Ok(Response::new()
        .add_attribute("action", "accept_offer")
        .add_attribute("offer_id", id.to_string())
        .add_attribute("settlement_id", sid.to_string())
        .add_attribute("token_id", o.token_id)
        .add_attribute("buyer", o.offerer)
        .add_attribute("price", o.amount)
        .add_attribute("release_at", release_at.to_string()))
}

/// `send_nft` + `AcceptOffer`: the owner sent the token it is accepting an offer for.
pub fn accept_with_token(
    deps: DepsMut,
    env: Env,
    seller: Addr,
    token_id: String,
    id: u64,
) -> Result<Response, ContractError> {
    let o = load(deps.storage, id)?;
    if o.token_id != token_id {
        return Err(ContractError::OfferTokenMismatch {
            id,
            expected: o.token_id,
            got: token_id,
        });
    }
    check_live(&env, &o)?;
    if o.offerer == seller {
        return Err(ContractError::SelfTrade);
    }
    let cfg = CONFIG.load(deps.storage)?;
    let c = assert_held(deps.as_ref(), &env, &cfg, &token_id, &seller)?;
    check_identity(id, &o, &c)?;
    check_fill_price(deps.as_ref(), &seller, &o)?;
    fill(deps.storage, &env, seller, id, o)
}

/// The seller of a listed token accepts an offer on it: the listing ends, a settlement opens.
pub fn accept_listed(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    id: u64,
) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let o = load(deps.storage, id)?;
    check_live(&env, &o)?;
    match ESCROW.may_load(deps.storage, &o.token_id)? {
        Some(Holder::Listing(lid)) => {
            let l = listing::load(deps.storage, lid)?;
            if info.sender != l.seller {
                return Err(ContractError::Unauthorized);
            }
            if o.offerer == l.seller {
                return Err(ContractError::SelfTrade);
            }
            let c = assert_held(deps.as_ref(), &env, &cfg, &o.token_id, &l.seller)?;
            check_identity(id, &o, &c)?;
            check_fill_price(deps.as_ref(), &l.seller, &o)?;
            listing::remove(deps.storage, lid, &l)?;
            Ok(fill(deps.storage, &env, l.seller, id, o)?
                .add_attribute("listing_id", lid.to_string()))
        }
        Some(Holder::Auction(_)) => Err(ContractError::TokenInAuction {
            token_id: o.token_id,
        }),
        Some(Holder::Settlement(_)) => Err(ContractError::AlreadyEscrowed {
            token_id: o.token_id,
        }),
        None => Err(ContractError::NotEscrowed {
            token_id: o.token_id,
        }),
    }
}

/// The token's owner / seller rejects: the escrow becomes claimable by the offerer.
pub fn reject(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    id: u64,
) -> Result<Response, ContractError> {
    let o = load(deps.storage, id)?;
    if seller_of(deps.as_ref(), &env, &o.token_id)? != info.sender {
        return Err(ContractError::Unauthorized);
    }
    close_refund(deps.storage, id, &o)?;
    Ok(Response::new()
        .add_attribute("action", "reject_offer")
        .add_attribute("offer_id", id.to_string()))
}

/// The offerer withdraws its offer: the escrow becomes claimable.
pub fn cancel(deps: DepsMut, info: MessageInfo, id: u64) -> Result<Response, ContractError> {
    let o = load(deps.storage, id)?;
    if o.offerer != info.sender {
        return Err(ContractError::Unauthorized);
    }
    close_refund(deps.storage, id, &o)?;
    Ok(Response::new()
        .add_attribute("action", "cancel_offer")
        .add_attribute("offer_id", id.to_string()))
}

/// Removes an offer and credits its escrow back to the offerer.
pub fn close_refund(storage: &mut dyn Storage, id: u64, o: &Offer) -> Result<(), ContractError> {
    offers().remove(storage, id)?;
    credit(storage, &o.offerer, o.asset, o.amount)
}

/// The token's owner / seller counters with `amount` (base units of the offer's asset): the version
/// goes up by one. A counter is a price the seller names, so it passes the same check as a listing's
/// price (`check_price` at the sender's creator tier, SPEC §3 "Fit", issue 19): above the tier's
/// maximum it is refused with `PriceAboveTierMax`.
pub fn counter(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    id: u64,
    amount: Uint128,
) -> Result<Response, ContractError> {
    let mut o = load(deps.storage, id)?;
    check_live(&env, &o)?;
    if seller_of(deps.as_ref(), &env, &o.token_id)? != info.sender {
        return Err(ContractError::Unauthorized);
    }
    o.countered_by = Some(info.sender.clone());
    if amount.is_zero() {
        return Err(ContractError::ZeroAmount);
    }
    if amount == o.counter.unwrap_or(o.amount) {
        return Err(ContractError::CounterUnchanged);
    }
    let cfg = CONFIG.load(deps.storage)?;
    let tier = creator_tier(&deps.querier, &cfg.token, &info.sender)?;
    check_price(deps.as_ref(), &cfg, tier, o.asset, amount)?;
    o.counter = Some(amount);
    o.version = o.version.checked_add(1).ok_or(ContractError::Overflow(
        cosmwasm_std::OverflowError::new(cosmwasm_std::OverflowOperation::Add),
    ))?;
    offers().save(deps.storage, id, &o)?;
    Ok(Response::new()
        .add_attribute("action", "counter_offer")
        .add_attribute("offer_id", id.to_string())
        .add_attribute("amount", amount)
        .add_attribute("version", o.version.to_string()))
}

/// The offerer accepts counter `version`: the escrow becomes the counter amount (the payment tops it
/// up exactly; a lower counter credits the difference back). If a listing of the party who made the
/// counter holds the token the sale fills at once; otherwise the offer stands at the new amount for
/// the owner to accept.
pub fn accept_counter(
    deps: DepsMut,
    env: Env,
    pay: Payment,
    id: u64,
    version: u32,
) -> Result<Response, ContractError> {
    let mut o = load(deps.storage, id)?;
    if pay.sender != o.offerer {
        return Err(ContractError::Unauthorized);
    }
    check_live(&env, &o)?;
    let Some(counter) = o.counter else {
        return Err(ContractError::NoCounter);
    };
    if version != o.version {
        return Err(ContractError::StaleCounter {
            got: version,
            current: o.version,
        });
    }
    let needed = counter.saturating_sub(o.amount);
    if !pay.amount.is_zero() {
        pay.expect_asset(o.asset)?;
    }
    if pay.amount != needed {
        return Err(ContractError::WrongAmount {
            paid: pay.amount,
            needed,
        });
    }
    let back = o.amount.saturating_sub(counter);
    credit(deps.storage, &o.offerer, o.asset, back)?;
    let countered_by = o.countered_by.take();
    o.amount = counter;
    o.counter = None;
    let res = Response::new()
        .add_attribute("action", "accept_counter")
        .add_attribute("offer_id", id.to_string())
        .add_attribute("version", version.to_string())
        .add_attribute("amount", counter);
    // Fills at once only against a listing of the party who made this counter (a later owner never agreed).
    let listed = match ESCROW.may_load(deps.storage, &o.token_id)? {
        Some(Holder::Listing(lid)) => Some((lid, listing::load(deps.storage, lid)?)),
        _ => None,
    };
    if let Some((lid, l)) = listed.filter(|(_, l)| Some(&l.seller) == countered_by.as_ref()) {
        let cfg = CONFIG.load(deps.storage)?;
        let c = assert_held(deps.as_ref(), &env, &cfg, &o.token_id, &l.seller)?;
        check_identity(id, &o, &c)?;
        check_fill_price(deps.as_ref(), &l.seller, &o)?;
        listing::remove(deps.storage, lid, &l)?;
        let filled = fill(deps.storage, &env, l.seller, id, o)?;
        return Ok(res
            .add_attributes(filled.attributes.into_iter().filter(|a| a.key != "action"))
            .add_attribute("listing_id", lid.to_string()));
    }
    offers().save(deps.storage, id, &o)?;
    Ok(res)
}
