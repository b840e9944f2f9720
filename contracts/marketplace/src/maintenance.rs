//! Withdrawals of claimable balances, `prune` over the expiry indexes and `sync` after an arbiter
//! ruling moved or burnt an escrowed token (issue #14).

use cosmwasm_std::{Addr, DepsMut, Env, MessageInfo, Order, Response};
use cw_storage_plus::Bound;
use mesi_types::marketplace::Asset;

use crate::error::ContractError;
use crate::helpers::{credit, custody, held_for, pay, transfer_nft};
use crate::state::{listings, offers, Holder, CLAIMABLE, CONFIG, ESCROW};
use crate::{auction, listing, offer, settlement};

/// Most orders one `prune` ends.
pub const MAX_PRUNE: u32 = 30;

/// Pays the sender everything it may withdraw of `asset` (cw20 `Transfer` / bank send).
pub fn withdraw(deps: DepsMut, info: MessageInfo, asset: Asset) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let key = (&info.sender, asset.key());
    let amount = CLAIMABLE.may_load(deps.storage, key)?.unwrap_or_default();
    if amount.is_zero() {
        return Err(ContractError::NothingToWithdraw);
    }
    CLAIMABLE.remove(deps.storage, key);
    Ok(Response::new()
        .add_messages(pay(deps.storage, &cfg, asset, &info.sender, amount)?)
        .add_attribute("action", "withdraw")
        .add_attribute("address", info.sender)
        .add_attribute("asset", format!("{asset:?}").to_lowercase())
        .add_attribute("amount", amount))
}

/// Ends up to `limit` expired listings (token back to the seller) and then expired offers (escrow
/// claimable by the offerer), soonest expiry first. A listing whose token already left escrow is
/// dropped without a transfer.
pub fn prune(deps: DepsMut, env: Env, limit: u32) -> Result<Response, ContractError> {
    if limit == 0 || limit > MAX_PRUNE {
        return Err(ContractError::InvalidLimit { max: MAX_PRUNE });
    }
    let cfg = CONFIG.load(deps.storage)?;
    let now = env.block.time.seconds();
    let limit = limit as usize;
    let expired_listings = listings()
        .idx
        .expiry
        .range(
            deps.storage,
            None,
            Some(Bound::inclusive((now, u64::MAX))),
            Order::Ascending,
        )
        .take(limit)
        .collect::<Result<Vec<_>, _>>()?;
    let mut res = Response::new().add_attribute("action", "prune");
    let mut ended = 0usize;
    for (id, l) in expired_listings {
        listing::remove(deps.storage, id, &l)?;
        if held_for(
            &env,
            custody(&deps.querier, &cfg.gallery, &l.token_id).as_ref(),
            &l.seller,
        ) {
            res = res.add_message(transfer_nft(&cfg, &l.seller, &l.token_id)?);
        }
        res = res.add_attribute("listing_id", id.to_string());
        ended += 1;
    }
    let expired_offers = offers()
        .idx
        .expiry
        .range(
            deps.storage,
            None,
            Some(Bound::inclusive((now, u64::MAX))),
            Order::Ascending,
        )
        .take(limit - ended)
        .collect::<Result<Vec<_>, _>>()?;
    for (id, o) in expired_offers {
        offer::close_refund(deps.storage, id, &o)?;
        res = res.add_attribute("offer_id", id.to_string());
        ended += 1;
    }
    Ok(res.add_attribute("ended", ended.to_string()))
}

/// Cancels the order holding `token_id` when the gallery no longer records it as held in our escrow for
/// the order's seller (moved or burnt by the arbiter): every escrowed amount becomes claimable again.
pub fn sync(deps: DepsMut, env: Env, token_id: String) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let Some(holder) = ESCROW.may_load(deps.storage, &token_id)? else {
        return Err(ContractError::NotEscrowed { token_id });
    };
    let seller = match holder {
        Holder::Listing(id) => listing::load(deps.storage, id)?.seller,
        Holder::Auction(id) => auction::load(deps.storage, id)?.seller,
        Holder::Settlement(id) => settlement::load(deps.storage, id)?.seller,
    };
    let record = custody(&deps.querier, &cfg.gallery, &token_id);
    if held_for(&env, record.as_ref(), &seller) {
        return Err(ContractError::StillInEscrow { token_id });
    }
    let mut res = Response::new()
        .add_attribute("action", "sync")
        .add_attribute("token_id", token_id)
        .add_attribute(
            "owner",
            record.map_or_else(|| "burnt".to_string(), |c| c.owner),
        );
    let refund = |res: Response, who: &Addr, amount: cosmwasm_std::Uint128| {
        res.add_attribute("refunded", who.as_str())
            .add_attribute("amount", amount)
    };
    match holder {
        Holder::Listing(id) => {
            let l = listing::load(deps.storage, id)?;
            listing::remove(deps.storage, id, &l)?;
            res = res.add_attribute("listing_id", id.to_string());
        }
        Holder::Auction(id) => {
            let a = auction::load(deps.storage, id)?;
            auction::remove(deps.storage, id, &a)?;
            res = res.add_attribute("auction_id", id.to_string());
            if let Some((bidder, amount)) = a.highest {
                credit(deps.storage, &bidder, a.asset, amount)?;
                res = refund(res, &bidder, amount);
            }
        }
        Holder::Settlement(id) => {
            let s = settlement::load(deps.storage, id)?;
            crate::state::settlements().remove(deps.storage, id)?;
            ESCROW.remove(deps.storage, &s.token_id);
            credit(deps.storage, &s.buyer, s.asset, s.price)?;
            res = refund(
                res.add_attribute("settlement_id", id.to_string()),
                &s.buyer,
                s.price,
            );
        }
    }
    Ok(res)
}
