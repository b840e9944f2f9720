//! Plans and subscriptions (SPEC §8). A creator keeps up to 5 live plans (ids from 1, never reused). A fan
//! subscribes to one plan per creator, naming the price: the same plan extends from max(now, end), another
//! plan replaces the current one from now (unused time is not refunded). One free trial per fan and creator.
//!
//! Auto-renewal (ours, decided here): `renew` by anyone from the end to `renew_window` after it pulls the
//! plan's current price (after the fan's tier discount now) with cw20 `TransferFrom` against the fan's
//! allowance to this contract, as a plain message: a renewal the allowance or balance cannot cover fails as
//! a whole transaction (typed errors `AllowanceTooLow` / `BalanceTooLow` checked first), nothing moves, and
//! a keeper may retry until the window closes; after it, the subscription has lapsed. A renewal never
//! charges more than the price the fan last agreed to (`RenewalPriceRaised`), and the renewed cycle runs
//! from max(now, end), like any payment.

use cosmwasm_std::{
    Addr, Deps, DepsMut, Empty, Env, MessageInfo, Order, Response, StdError, Storage, Uint128,
};
use cw_storage_plus::Bound;
use mesi_common::{interface, page_limit};
use mesi_types::revenue::{
    PlanInput, PlanResponse, PlansResponse, SubscriptionInfo, SubscriptionsResponse, MAX_PLANS,
    MAX_PLAN_NAME_LEN, MAX_TRIAL_DAYS, MONTH_SECONDS, YEAR_SECONDS,
};
use mesi_types::BPS_DENOMINATOR;

use crate::config::DAY;
use crate::error::ContractError;
use crate::external;
use crate::helpers::{add_u64, book_payment, load_creator, payment_response, validate_creator};
use crate::payments::Payment;
use crate::state::{Config, Plan, Subscription, CONFIG, CREATORS, FAN_SUBS, PLANS, SUBS};

fn invalid(field: &str, reason: &str) -> ContractError {
    ContractError::InvalidPlan {
        field: field.to_string(),
        reason: reason.to_string(),
    }
}

fn validate_plan(p: PlanInput) -> Result<Plan, ContractError> {
    if p.name.is_empty() || p.name.len() > MAX_PLAN_NAME_LEN {
        return Err(invalid("name", "1..=64 bytes"));
    }
    if p.price.is_zero() {
        return Err(invalid("price", "zero"));
    }
    if p.price_yearly.is_some_and(|y| y.is_zero()) {
        return Err(invalid("price_yearly", "zero"));
    }
    if p.trial_days > MAX_TRIAL_DAYS {
        return Err(invalid("trial_days", "0..=7"));
    }
    if let Some(d) = &p.discount {
        if !(1..=5).contains(&d.min_tier) {
            return Err(invalid("discount.min_tier", "1..=5"));
        }
        if d.bps == 0 || d.bps >= BPS_DENOMINATOR {
            return Err(invalid("discount.bps", "1..=9999"));
        }
    }
    Ok(Plan {
        name: p.name,
        price: p.price,
        price_yearly: p.price_yearly,
        trial_days: p.trial_days,
        discount: p.discount,
    })
}

/// A creator: a new plan (at most 5 live). Errors: `NotACreator`, `TooManyPlans`, `InvalidPlan`.
pub fn create_plan(
    deps: DepsMut,
    info: MessageInfo,
    plan: PlanInput,
) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let mut creator = load_creator(deps.as_ref(), &cfg, &info.sender)?;
    if creator.plans >= MAX_PLANS {
        return Err(ContractError::TooManyPlans { max: MAX_PLANS });
    }
    let plan = validate_plan(plan)?;
    let id = creator
        .last_plan_id
        .checked_add(1)
        .ok_or(crate::helpers::overflow(
            cosmwasm_std::OverflowOperation::Add,
        ))?;
    creator.last_plan_id = id;
    creator.plans += 1;
    PLANS.save(deps.storage, (&info.sender, id), &plan)?;
    CREATORS.save(deps.storage, &info.sender, &creator)?;
    Ok(Response::new()
        .add_attribute("action", "create_plan")
        .add_attribute("creator", info.sender)
        .add_attribute("plan_id", id.to_string())
        .add_attribute("price", plan.price))
}

/// A creator: new terms of a live plan. Errors: `PlanNotFound`, `InvalidPlan`.
pub fn update_plan(
    deps: DepsMut,
    info: MessageInfo,
    plan_id: u32,
    plan: PlanInput,
) -> Result<Response, ContractError> {
    if !PLANS.has(deps.storage, (&info.sender, plan_id)) {
        return Err(ContractError::PlanNotFound { plan_id });
    }
    let plan = validate_plan(plan)?;
    PLANS.save(deps.storage, (&info.sender, plan_id), &plan)?;
    Ok(Response::new()
        .add_attribute("action", "update_plan")
        .add_attribute("creator", info.sender)
        .add_attribute("plan_id", plan_id.to_string())
        .add_attribute("price", plan.price))
}

/// A creator: removes a live plan. Errors: `PlanNotFound`.
pub fn remove_plan(
    deps: DepsMut,
    info: MessageInfo,
    plan_id: u32,
) -> Result<Response, ContractError> {
    if !PLANS.has(deps.storage, (&info.sender, plan_id)) {
        return Err(ContractError::PlanNotFound { plan_id });
    }
    PLANS.remove(deps.storage, (&info.sender, plan_id));
    let mut creator = CREATORS.load(deps.storage, &info.sender)?;
    creator.plans = creator.plans.saturating_sub(1);
    CREATORS.save(deps.storage, &info.sender, &creator)?;
    Ok(Response::new()
        .add_attribute("action", "remove_plan")
        .add_attribute("creator", info.sender)
        .add_attribute("plan_id", plan_id.to_string()))
}

fn load_plan(deps: Deps, creator: &Addr, plan_id: u32) -> Result<Plan, ContractError> {
    PLANS
        .may_load(deps.storage, (creator, plan_id))?
        .ok_or(ContractError::PlanNotFound { plan_id })
}

/// The plan's price per cycle for `fan` now (base units): the monthly or yearly price, less the tier
/// discount when the fan's account tier reaches it (the discounted price rounds up, never below 1).
pub fn quote(
    deps: Deps,
    cfg: &Config,
    plan_id: u32,
    plan: &Plan,
    yearly: bool,
    fan: &Addr,
) -> Result<Uint128, ContractError> {
    let base = if yearly {
        plan.price_yearly
            .ok_or(ContractError::NoYearlyPrice { plan_id })?
    } else {
        plan.price
    };
    let Some(d) = plan.discount else {
        return Ok(base);
    };
    if external::account_tier(&deps.querier, &cfg.token, fan)? < d.min_tier {
        return Ok(base);
    }
    let off = base
        .checked_multiply_ratio(u128::from(d.bps), u128::from(BPS_DENOMINATOR))
        .map_err(|e| ContractError::Std(StdError::generic_err(e.to_string())))?;
    Ok(base.checked_sub(off)?)
}

fn cycle(yearly: bool) -> u64 {
    if yearly {
        YEAR_SECONDS
    } else {
        MONTH_SECONDS
    }
}

fn save_sub(
    storage: &mut dyn Storage,
    creator: &Addr,
    fan: &Addr,
    sub: &Subscription,
) -> Result<(), ContractError> {
    SUBS.save(storage, (creator, fan), sub)?;
    FAN_SUBS.save(storage, (fan, creator), &Empty {})?;
    Ok(())
}

/// A paid subscription: exactly `price`, the current quote the fan named. Errors: `NotACreator`,
/// `SelfPayment`, `PlanNotFound`, `NoYearlyPrice`, `PriceChanged`, `WrongAmount`, `TierUnavailable`.
#[allow(clippy::too_many_arguments)]
pub fn subscribe(
    deps: DepsMut,
    env: Env,
    cfg: &Config,
    pay: Payment,
    creator: String,
    plan_id: u32,
    yearly: bool,
    price: Uint128,
) -> Result<Response, ContractError> {
    let (creator_addr, mut record) = validate_creator(deps.as_ref(), cfg, &creator)?;
    let fan = pay.sender.clone();
    if fan == creator_addr {
        return Err(ContractError::SelfPayment);
    }
    let plan = load_plan(deps.as_ref(), &creator_addr, plan_id)?;
    let current = quote(deps.as_ref(), cfg, plan_id, &plan, yearly, &fan)?;
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
    let now = env.block.time.seconds();
    let old = SUBS.may_load(deps.storage, (&creator_addr, &fan))?;
    let from = match &old {
        Some(s) if s.plan_id == plan_id => s.end.max(now),
        _ => now,
    };
    let sub = Subscription {
        plan_id,
        yearly,
        price: current,
        end: add_u64(from, cycle(yearly))?,
        trial: false,
        trial_used: old.as_ref().is_some_and(|s| s.trial_used),
        auto_renew: true,
    };
    save_sub(deps.storage, &creator_addr, &fan, &sub)?;
    let (split, fee_msg) = book_payment(
        deps.storage,
        cfg,
        now,
        &creator_addr,
        &mut record,
        pay.amount,
        true,
    )?;
    let res = Response::new()
        .add_attribute("action", "subscribe")
        .add_attribute("fan", fan)
        .add_attribute("plan_id", plan_id.to_string())
        .add_attribute("yearly", yearly.to_string())
        .add_attribute("end", sub.end.to_string());
    Ok(payment_response(res, &creator_addr, &split, fee_msg))
}

/// A fan: the plan's free trial, once per fan and creator, not while subscribed; `price` is the quote
/// auto-renewal will charge at most. Errors: `NotACreator`, `SelfPayment`, `PlanNotFound`, `NoTrial`,
/// `TrialUsed`, `AlreadySubscribed`, `NoYearlyPrice`, `PriceChanged`.
pub fn start_trial(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    creator: String,
    plan_id: u32,
    yearly: bool,
    price: Uint128,
) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let (creator_addr, record) = validate_creator(deps.as_ref(), &cfg, &creator)?;
    let fan = info.sender;
    if fan == creator_addr {
        return Err(ContractError::SelfPayment);
    }
    let plan = load_plan(deps.as_ref(), &creator_addr, plan_id)?;
    if plan.trial_days == 0 {
        return Err(ContractError::NoTrial { plan_id });
    }
    let now = env.block.time.seconds();
    if let Some(old) = SUBS.may_load(deps.storage, (&creator_addr, &fan))? {
        if old.trial_used {
            return Err(ContractError::TrialUsed);
        }
        if old.end > now {
            return Err(ContractError::AlreadySubscribed { end: old.end });
        }
    }
    let current = quote(deps.as_ref(), &cfg, plan_id, &plan, yearly, &fan)?;
    if price != current {
        return Err(ContractError::PriceChanged {
            agreed: price,
            current,
        });
    }
    let sub = Subscription {
        plan_id,
        yearly,
        price: current,
        end: add_u64(now, u64::from(plan.trial_days) * DAY)?,
        trial: true,
        trial_used: true,
        auto_renew: true,
    };
    save_sub(deps.storage, &creator_addr, &fan, &sub)?;
    // a creator record exists from its first subscriber on (saves the gallery query next time)
    if !CREATORS.has(deps.storage, &creator_addr) {
        CREATORS.save(deps.storage, &creator_addr, &record)?;
    }
    Ok(Response::new()
        .add_attribute("action", "start_trial")
        .add_attribute("fan", fan)
        .add_attribute("creator", creator_addr)
        .add_attribute("plan_id", plan_id.to_string())
        .add_attribute("end", sub.end.to_string()))
}

/// A fan: no more auto-renewal of its subscription to `creator`. Errors: `NoSubscription`.
pub fn cancel_auto_renew(
    deps: DepsMut,
    info: MessageInfo,
    creator: String,
) -> Result<Response, ContractError> {
    let creator = deps.api.addr_validate(&creator)?;
    let key = (&creator, &info.sender);
    let mut sub = SUBS
        .may_load(deps.storage, key)?
        .ok_or(ContractError::NoSubscription)?;
    sub.auto_renew = false;
    SUBS.save(deps.storage, key, &sub)?;
    Ok(Response::new()
        .add_attribute("action", "cancel_auto_renew")
        .add_attribute("fan", info.sender)
        .add_attribute("creator", creator))
}

/// Anyone (a keeper), in `[end, end + renew_window]`: renews with cw20 `TransferFrom` of the plan's
/// current price (never above the agreed one). See the module docs. Errors: `NoSubscription`,
/// `AutoRenewOff`, `RenewalNotDue`, `RenewalWindowClosed`, `PlanNotFound`, `RenewalPriceRaised`,
/// `AllowanceTooLow`, `BalanceTooLow`.
pub fn renew(
    deps: DepsMut,
    env: Env,
    fan: String,
    creator: String,
) -> Result<Response, ContractError> {
    let cfg = CONFIG.load(deps.storage)?;
    let fan = deps.api.addr_validate(&fan)?;
    let creator_addr = deps.api.addr_validate(&creator)?;
    let mut sub = SUBS
        .may_load(deps.storage, (&creator_addr, &fan))?
        .ok_or(ContractError::NoSubscription)?;
    if !sub.auto_renew {
        return Err(ContractError::AutoRenewOff);
    }
    let now = env.block.time.seconds();
    if now < sub.end {
        return Err(ContractError::RenewalNotDue { end: sub.end, now });
    }
    let deadline = add_u64(sub.end, cfg.renew_window)?;
    if now > deadline {
        return Err(ContractError::RenewalWindowClosed { deadline, now });
    }
    let plan = load_plan(deps.as_ref(), &creator_addr, sub.plan_id)?;
    let current = quote(deps.as_ref(), &cfg, sub.plan_id, &plan, sub.yearly, &fan)?;
    if current > sub.price {
        return Err(ContractError::RenewalPriceRaised {
            agreed: sub.price,
            current,
        });
    }
    let me = &env.contract.address;
    let allowance = external::allowance(&deps.querier, &cfg.token, &fan, me, &env.block)?;
    if allowance < current {
        return Err(ContractError::AllowanceTooLow {
            allowance,
            needed: current,
        });
    }
    let balance = interface::query_cw20_balance(&deps.querier, &cfg.token, &fan)?;
    if balance < current {
        return Err(ContractError::BalanceTooLow {
            balance,
            needed: current,
        });
    }
    let mut record = load_creator(deps.as_ref(), &cfg, &creator_addr)?;
    sub.end = add_u64(now.max(sub.end), cycle(sub.yearly))?;
    sub.price = current;
    sub.trial = false;
    save_sub(deps.storage, &creator_addr, &fan, &sub)?;
    let (split, fee_msg) = book_payment(
        deps.storage,
        &cfg,
        now,
        &creator_addr,
        &mut record,
        current,
        true,
    )?;
    // the pull comes first: the commission leaves only after the gross arrived
    let res = Response::new()
        .add_message(external::transfer_from_msg(&cfg.token, &fan, me, current)?)
        .add_attribute("action", "renew")
        .add_attribute("fan", fan)
        .add_attribute("plan_id", sub.plan_id.to_string())
        .add_attribute("end", sub.end.to_string());
    Ok(payment_response(res, &creator_addr, &split, fee_msg))
}

pub fn plans(deps: Deps, creator: String) -> Result<PlansResponse, ContractError> {
    let addr = deps.api.addr_validate(&creator)?;
    // at most MAX_PLANS live plans per creator
    let plans = PLANS
        .prefix(&addr)
        .range(deps.storage, None, None, Order::Ascending)
        .take(usize::from(MAX_PLANS))
        .map(|r| {
            r.map(|(plan_id, p)| PlanResponse {
                plan_id,
                name: p.name,
                price: p.price,
                price_yearly: p.price_yearly,
                trial_days: p.trial_days,
                discount: p.discount,
            })
        })
        .collect::<Result<_, _>>()?;
    Ok(PlansResponse {
        creator: addr.to_string(),
        plans,
    })
}

pub fn info(fan: &Addr, creator: &Addr, s: Subscription, now: u64) -> SubscriptionInfo {
    SubscriptionInfo {
        fan: fan.to_string(),
        creator: creator.to_string(),
        plan_id: s.plan_id,
        yearly: s.yearly,
        price: s.price,
        end: s.end,
        trial: s.trial,
        trial_used: s.trial_used,
        auto_renew: s.auto_renew,
        active: s.end > now,
    }
}

/// A fan's subscriptions by creator address, O(page).
pub fn by_fan(
    deps: Deps,
    env: Env,
    fan: String,
    start_after: Option<String>,
    limit: Option<u32>,
) -> Result<SubscriptionsResponse, ContractError> {
    let fan = deps.api.addr_validate(&fan)?;
    let start = start_after
        .map(|a| deps.api.addr_validate(&a))
        .transpose()?;
    let now = env.block.time.seconds();
    let creators = FAN_SUBS
        .prefix(&fan)
        .keys(
            deps.storage,
            start.as_ref().map(Bound::exclusive),
            None,
            Order::Ascending,
        )
        .take(page_limit(limit))
        .collect::<Result<Vec<_>, _>>()?;
    let mut subscriptions = Vec::with_capacity(creators.len());
    for c in creators {
        let s = SUBS.load(deps.storage, (&c, &fan))?;
        subscriptions.push(info(&fan, &c, s, now));
    }
    Ok(SubscriptionsResponse { subscriptions })
}

/// A creator's subscribers by fan address, O(page).
pub fn subscribers(
    deps: Deps,
    env: Env,
    creator: String,
    start_after: Option<String>,
    limit: Option<u32>,
) -> Result<SubscriptionsResponse, ContractError> {
    let creator = deps.api.addr_validate(&creator)?;
    let start = start_after
        .map(|a| deps.api.addr_validate(&a))
        .transpose()?;
    let now = env.block.time.seconds();
    let subscriptions = SUBS
        .prefix(&creator)
        .range(
            deps.storage,
            start.as_ref().map(Bound::exclusive),
            None,
            Order::Ascending,
        )
        .take(page_limit(limit))
        .map(|r| r.map(|(fan, s)| info(&fan, &creator, s, now)))
        .collect::<Result<_, _>>()?;
    Ok(SubscriptionsResponse { subscriptions })
}
