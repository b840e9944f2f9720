//! Tips, pay-per-view and primary-sale proceeds (SPEC §8), ad-revenue deposits, PPV prices, access and
//! withdrawals. Every payment arrives through the token's `Send` hook (checked in `contract::receive`)
//! and is booked by `helpers::book_payment` in O(1).

use cosmwasm_std::{Addr, Deps, DepsMut, Empty, Env, MessageInfo, Response, Uint128};
use mesi_common::interface;
use mesi_types::revenue::{AccessReason, AccessResponse, MAX_MEMO_LEN};

use crate::error::ContractError;
use crate::external::{custody, token_view, TokenView};
use crate::helpers::{
    book_payment, load_creator, payment_response, update_totals, validate_creator,
};
use crate::state::{Config, CONFIG, CREATORS, PPV_PRICES, UNLOCKS};

/// $MESI that arrived through the cw20 hook: `sender` sent `amount` base units (> 0, cw20 refuses 0).
#[derive(Clone, Debug)]
pub struct Payment {
    pub sender: Addr,
    pub amount: Uint128,
}

/// A tip of at least `min_tip` to `creator`, optionally naming one of its tokens, with a memo of at most
/// 140 bytes. Errors: `MemoTooLong`, `TipTooSmall`, `NotACreator`, `SelfPayment`, `TokenNotFound`,
/// `NotTokenCreator`.
pub fn tip(
    deps: DepsMut,
    env: Env,
    cfg: &Config,
    pay: Payment,
    creator: String,
    token_id: Option<String>,
    memo: Option<String>,
) -> Result<Response, ContractError> {
    if let Some(m) = &memo {
        if m.len() > MAX_MEMO_LEN {
            return Err(ContractError::MemoTooLong {
                len: m.len(),
                max: MAX_MEMO_LEN,
            });
        }
    }
    if pay.amount < cfg.min_tip {
        return Err(ContractError::TipTooSmall {
            amount: pay.amount,
            min: cfg.min_tip,
        });
    }
    let (creator_addr, mut creator) = validate_creator(deps.as_ref(), cfg, &creator)?;
    if pay.sender == creator_addr {
        return Err(ContractError::SelfPayment);
    }
    if let Some(t) = &token_id {
        let (token_creator, _) = custody(&deps.querier, &cfg.gallery, t)?;
        if token_creator != creator_addr {
            return Err(ContractError::NotTokenCreator {
                token_id: t.clone(),
                creator: token_creator.to_string(),
            });
        }
    }
    let (split, fee_msg) = book_payment(
        deps.storage,
        cfg,
        env.block.time.seconds(),
        &creator_addr,
        &mut creator,
        pay.amount,
        true,
    )?;
    let mut res = Response::new()
        .add_attribute("action", "tip")
        .add_attribute("fan", pay.sender);
    if let Some(t) = token_id {
        res = res.add_attribute("token_id", t);
    }
    if let Some(m) = memo {
        res = res.add_attribute("memo", m);
    }
    Ok(payment_response(res, &creator_addr, &split, fee_msg))
}

/// Why `address` may view a token (precedence creator, owner, paid, free), `None` when it may not.
pub fn access_reason(deps: Deps, view: &TokenView, token_id: &str, address: &Addr) -> AccessReason {
    if *address == view.creator {
        AccessReason::Creator
    } else if *address == view.holder {
        AccessReason::Owner
    } else if UNLOCKS.has(deps.storage, (token_id, address)) {
        AccessReason::Paid
    } else if !view.pay_per_view
        || PPV_PRICES
            .may_load(deps.storage, token_id)
            .ok()
            .flatten()
            .is_some_and(|p| p.is_zero())
    {
        AccessReason::Free
    } else {
        AccessReason::None
    }
}

/// Pay-per-view (SPEC §8 "Unlock Once"): exactly the token's current PPV price, which the fan names.
/// Access for ever (also after a sale or PPV off); the revenue goes to the token's creator, never to its
/// owner. Errors: `TokenNotFound`, `PpvOff`, `AlreadyHasAccess`, `PpvPriceNotSet`, `PpvFree`,
/// `PriceChanged`, `WrongAmount`.
pub fn unlock(
    deps: DepsMut,
    env: Env,
    cfg: &Config,
    pay: Payment,
    token_id: String,
    price: Uint128,
) -> Result<Response, ContractError> {
    let view = token_view(&deps.querier, &cfg.gallery, &token_id)?;
    if !view.pay_per_view {
        return Err(ContractError::PpvOff { token_id });
    }
    let reason = access_reason(deps.as_ref(), &view, &token_id, &pay.sender);
    if reason != AccessReason::None {
        return Err(ContractError::AlreadyHasAccess {
            token_id,
            reason: format!("{reason:?}").to_lowercase(),
        });
    }
    let current = PPV_PRICES
        .may_load(deps.storage, &token_id)?
        .ok_or_else(|| ContractError::PpvPriceNotSet {
            token_id: token_id.clone(),
        })?;
    if price != current {
        return Err(ContractError::PriceChanged {
            agreed: price,
            current,
        });
    }
    if pay.amount != current {
        return Err(ContractError::WrongAmount {
            paid: pay.amount,
            needed: current,
        });
    }
    let mut creator = load_creator(deps.as_ref(), cfg, &view.creator)?;
    UNLOCKS.save(deps.storage, (&token_id, &pay.sender), &Empty {})?;
    let (split, fee_msg) = book_payment(
        deps.storage,
        cfg,
        env.block.time.seconds(),
        &view.creator,
        &mut creator,
        pay.amount,
        true,
    )?;
    let res = Response::new()
        .add_attribute("action", "unlock")
        .add_attribute("fan", pay.sender)
        .add_attribute("token_id", token_id);
    Ok(payment_response(res, &view.creator, &split, fee_msg))
}

/// The token's creator, while PPV is on: the PPV price (base units, 0 = free). Errors: `TokenNotFound`,
/// `NotTokenCreator`, `PpvOff`.
pub fn set_ppv_price(
    deps: DepsMut,
    info: MessageInfo,
    token_id: String,
    price: Uint128,
) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let view = token_view(&deps.querier, &cfg.gallery, &token_id)?;
    if info.sender != view.creator {
        return Err(ContractError::NotTokenCreator {
            token_id,
            creator: view.creator.to_string(),
        });
    }
    if !view.pay_per_view {
        return Err(ContractError::PpvOff { token_id });
    }
    PPV_PRICES.save(deps.storage, &token_id, &price)?;
    Ok(Response::new()
        .add_attribute("action", "set_ppv_price")
        .add_attribute("token_id", token_id)
        .add_attribute("price", price))
}

/// From the configured marketplace only (`Send` by the marketplace): a creator's net primary-sale
/// proceeds, split without a second commission (SPEC §8 primary sales). Errors: `NoMarketplace`,
/// `Unauthorized`, `NotACreator`.
pub fn primary_sale(
    deps: DepsMut,
    env: Env,
    cfg: &Config,
    pay: Payment,
    creator: String,
) -> Result<Response, ContractError> {
    let market = cfg
        .marketplace
        .as_ref()
        .ok_or(ContractError::NoMarketplace)?;
    if pay.sender != *market {
        return Err(ContractError::Unauthorized);
    }
    let (creator_addr, mut creator) = validate_creator(deps.as_ref(), cfg, &creator)?;
    let (split, fee_msg) = book_payment(
        deps.storage,
        cfg,
        env.block.time.seconds(),
        &creator_addr,
        &mut creator,
        pay.amount,
        false,
    )?;
    let res = Response::new().add_attribute("action", "primary_sale_proceeds");
    Ok(payment_response(res, &creator_addr, &split, fee_msg))
}

/// From the distribution operator only: ad revenue of `token_id`, added to its creator's undistributed
/// ad revenue. Errors: `Unauthorized`, `TokenNotFound`, `NotACreator`.
pub fn deposit_ad_revenue(
    deps: DepsMut,
    cfg: &Config,
    pay: Payment,
    token_id: String,
) -> Result<Response, ContractError> {
    if pay.sender != cfg.operator {
        return Err(ContractError::Unauthorized);
    }
    let (creator_addr, _) = custody(&deps.querier, &cfg.gallery, &token_id)?;
    let mut creator = load_creator(deps.as_ref(), cfg, &creator_addr)?;
    creator.ad_revenue = creator.ad_revenue.checked_add(pay.amount)?;
    CREATORS.save(deps.storage, &creator_addr, &creator)?;
    update_totals(deps.storage, |t| {
        t.ad_revenue = t.ad_revenue.checked_add(pay.amount)?;
        Ok(())
    })?;
    Ok(Response::new()
        .add_attribute("action", "deposit_ad_revenue")
        .add_attribute("token_id", token_id)
        .add_attribute("creator", creator_addr)
        .add_attribute("amount", pay.amount)
        .add_attribute("ad_revenue", creator.ad_revenue))
}

/// A creator: its whole claimable balance, by cw20 `Transfer`. Errors: `NothingToWithdraw`.
pub fn withdraw(deps: DepsMut, info: MessageInfo) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let Some(mut creator) = CREATORS.may_load(deps.storage, &info.sender)? else {
        return Err(ContractError::NothingToWithdraw);
    };
    let amount = creator.balance;
    if amount.is_zero() {
        return Err(ContractError::NothingToWithdraw);
    }
    creator.balance = Uint128::zero();
    CREATORS.save(deps.storage, &info.sender, &creator)?;
    update_totals(deps.storage, |t| {
        t.balances = t.balances.checked_sub(amount)?;
        Ok(())
    })?;
    Ok(Response::new()
        .add_message(interface::cw20_transfer_msg(
            &cfg.token,
            &info.sender,
            amount,
        )?)
        .add_attribute("action", "withdraw")
        .add_attribute("creator", info.sender)
        .add_attribute("amount", amount))
}

pub fn access(
    deps: Deps,
    token_id: String,
    address: String,
) -> Result<AccessResponse, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let addr = deps.api.addr_validate(&address)?;
    let view = token_view(&deps.querier, &cfg.gallery, &token_id)?;
    let reason = access_reason(deps, &view, &token_id, &addr);
    Ok(AccessResponse {
        token_id,
        address: addr.to_string(),
        granted: reason != AccessReason::None,
        reason,
    })
}
