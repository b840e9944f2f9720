//! Queries: cw20 (balance, token info, minter, allowances, accounts, marketing, logo) and
//! Mesi (holding score, lock, tier, config).

use cosmwasm_std::{Binary, Deps, Env, Order, StdError, StdResult, Uint128};
use cw20::{
    AllAccountsResponse, AllAllowancesResponse, AllSpenderAllowancesResponse, AllowanceInfo,
    AllowanceResponse, BalanceResponse, DownloadLogoResponse, EmbeddedLogo, Logo,
    MarketingInfoResponse, MinterResponse, SpenderAllowanceInfo, TokenInfoResponse,
};
use cw_storage_plus::Bound;
use mesi_common::page_limit;
use mesi_types::token::TierRow;

use crate::account::{key, Account, PREFIX, WINDOW};
use crate::json::{expiration, Obj};
use crate::state::{
    burned as burned_total, total_supply, State, ALLOWANCES, ALLOWANCES_SPENDER, LOGO,
    MARKETING_INFO,
};

/// Reads `address`'s record into `a` (in place: see `Account::decode_into`).
fn account(deps: Deps, address: &str, a: &mut Account) -> StdResult<()> {
    deps.api.addr_validate(address)?;
    a.read(deps.storage, &key(address))
}

pub fn balance(deps: Deps, address: String) -> StdResult<BalanceResponse> {
    Ok(BalanceResponse {
        balance: {
            let mut a = Account::default();
            account(deps, &address, &mut a)?;
            a.balance.into()
        },
    })
}

pub fn token_info(deps: Deps) -> StdResult<TokenInfoResponse> {
    let m = State::load(deps.storage)?;
    Ok(TokenInfoResponse {
        name: m.name,
        symbol: m.symbol,
        decimals: m.decimals,
        total_supply: total_supply(deps.storage)?.into(),
    })
}

pub fn minter(deps: Deps) -> StdResult<Option<MinterResponse>> {
    Ok(State::load(deps.storage)?.minter.map(|m| MinterResponse {
        minter: m.minter.into(),
        cap: m.cap,
    }))
}

pub fn allowance(deps: Deps, owner: String, spender: String) -> StdResult<AllowanceResponse> {
    let o = deps.api.addr_validate(&owner)?;
    let s = deps.api.addr_validate(&spender)?;
    Ok(ALLOWANCES
        .may_load(deps.storage, (&o, &s))?
        .unwrap_or_default())
}

pub fn all_allowances(
    deps: Deps,
    owner: String,
    start_after: Option<String>,
    limit: Option<u32>,
) -> StdResult<AllAllowancesResponse> {
    let o = deps.api.addr_validate(&owner)?;
    let start = start_after.map(|s| Bound::ExclusiveRaw(s.into_bytes()));
    let allowances = ALLOWANCES
        .prefix(&o)
        .range(deps.storage, start, None, Order::Ascending)
        .take(page_limit(limit))
        .map(|item| {
            item.map(|(spender, a)| AllowanceInfo {
                spender: spender.into(),
                allowance: a.allowance,
                expires: a.expires,
            })
        })
        .collect::<StdResult<_>>()?;
    Ok(AllAllowancesResponse { allowances })
}

pub fn all_spender_allowances(
    deps: Deps,
    spender: String,
    start_after: Option<String>,
    limit: Option<u32>,
) -> StdResult<AllSpenderAllowancesResponse> {
    let s = deps.api.addr_validate(&spender)?;
    let start = start_after.map(|s| Bound::ExclusiveRaw(s.into_bytes()));
    let allowances = ALLOWANCES_SPENDER
        .prefix(&s)
        .range(deps.storage, start, None, Order::Ascending)
        .take(page_limit(limit))
        .map(|item| {
            item.map(|(owner, a)| SpenderAllowanceInfo {
                owner: owner.into(),
                allowance: a.allowance,
                expires: a.expires,
            })
        })
        .collect::<StdResult<_>>()?;
    Ok(AllSpenderAllowancesResponse { allowances })
}

pub fn all_accounts(
    deps: Deps,
    start_after: Option<String>,
    limit: Option<u32>,
) -> StdResult<AllAccountsResponse> {
    let start = match start_after {
        // exclusive: the smallest key after prefix + start_after
        Some(s) => {
            let mut k = key(&s);
            k.push(0);
            k
        }
        None => PREFIX.to_vec(),
    };
    let mut end = PREFIX.to_vec();
    if let Some(last) = end.last_mut() {
        *last += 1;
    }
    let accounts = deps
        .storage
        .range_keys(Some(&start), Some(&end), Order::Ascending)
        .take(page_limit(limit))
        .map(|k| {
            String::from_utf8(k.get(PREFIX.len()..).unwrap_or_default().to_vec())
                .map_err(StdError::invalid_utf8)
        })
        .collect::<StdResult<_>>()?;
    Ok(AllAccountsResponse { accounts })
}

pub fn marketing_info(deps: Deps) -> StdResult<MarketingInfoResponse> {
    Ok(MARKETING_INFO.may_load(deps.storage)?.unwrap_or_default())
}

pub fn download_logo(deps: Deps) -> StdResult<DownloadLogoResponse> {
    match LOGO.load(deps.storage)? {
        Logo::Embedded(EmbeddedLogo::Svg(data)) => Ok(DownloadLogoResponse {
            mime_type: "image/svg+xml".to_owned(),
            data,
        }),
        Logo::Embedded(EmbeddedLogo::Png(data)) => Ok(DownloadLogoResponse {
            mime_type: "image/png".to_owned(),
            data,
        }),
        Logo::Url(_) => Err(StdError::not_found("logo")),
    }
}

pub fn holding_score(deps: Deps, env: Env, address: String) -> StdResult<Binary> {
    let mut a = Account::default();
    account(deps, &address, &mut a)?;
    Ok(Obj::new()
        .str("address", &address)
        .uint("score", a.score(env.block.time.seconds()))
        .uint("balance", a.balance)
        .num("window_seconds", WINDOW)
        .end())
}

pub fn lock(deps: Deps, env: Env, address: String) -> StdResult<Binary> {
    let mut a = Account::default();
    account(deps, &address, &mut a)?;
    a.settle_lock(env.block.time.seconds());
    Ok(Obj::new()
        .str("address", &address)
        .uint("locked", a.locked)
        .uint("pending_unlock", a.pending)
        .opt_num("release_at", (a.pending != 0).then_some(a.release))
        .uint("available", a.balance.saturating_sub(a.locked))
        .end())
}

/// Highest 1-based row whose threshold (picked by `col`) is <= `value`; 0 below row 1.
pub fn row_reached(tiers: &[TierRow], value: u128, col: fn(&TierRow) -> Uint128) -> u8 {
    tiers.iter().take_while(|r| col(r).u128() <= value).count() as u8
}

/// `TierResponse` JSON: tier = max(fan tier, creator tier), both beside it (SPEC §1, issue 14),
/// and the creator tier of `locked - pending unlock` (SPEC §3, issue 19; O(1): the same record).
pub fn tier(deps: Deps, env: Env, address: String) -> StdResult<Binary> {
    let mut a = Account::default();
    account(deps, &address, &mut a)?;
    let t = env.block.time.seconds();
    let tiers = State::load(deps.storage)?.tiers;
    let score = a.score(t);
    let locked = a.locked_at(t);
    let influence = score.saturating_add(locked);
    let fan = row_reached(&tiers, influence, |r| r.fan_hold);
    let creator = row_reached(&tiers, locked, |r| r.creator_locked);
    // The lock once the pending unlock is released, whether or not its time has come (a released
    // one is what `locked_at` already took off). pending <= locked always holds.
    let remaining = a.locked.saturating_sub(a.pending);
    let after = row_reached(&tiers, remaining, |r| r.creator_locked);
    Ok(Obj::new()
        .num("tier", fan.max(creator) as u64)
        .num("fan_tier", fan as u64)
        .num("creator_tier", creator as u64)
        .num("creator_tier_after_unlock", after as u64)
        .uint("influence_points", influence)
        .uint("holding_score", score)
        .uint("locked", locked)
        .end())
}

/// `ConfigResponse` JSON.
pub fn config(deps: Deps) -> StdResult<Binary> {
    let c = State::load(deps.storage)?;
    let mut tiers = vec![b'['];
    for (i, r) in c.tiers.iter().enumerate() {
        if i > 0 {
            tiers.push(b',');
        }
        let row = Obj::new()
            .uint("fan_hold", r.fan_hold.u128())
            .uint("creator_locked", r.creator_locked.u128())
            .end();
        tiers.extend_from_slice(row.as_slice());
    }
    tiers.push(b']');
    Ok(Obj::new()
        .str("arbiter", c.arbiter.as_str())
        .str("treasury", c.treasury.as_str())
        .num("unlock_delay", c.unlock_delay)
        .raw("tiers", &tiers)
        .uint("genesis_supply", c.genesis_supply.u128())
        .opt_str("marketplace", c.marketplace.as_ref().map(|m| m.as_str()))
        .end())
}

/// `cw_ownable::Ownership` JSON.
pub fn ownership(deps: Deps) -> StdResult<Binary> {
    let o = crate::ownership::load(deps.storage)?;
    let expiry = o.pending_expiry.as_ref().map(expiration);
    Ok(Obj::new()
        .opt_str("owner", o.owner.as_ref().map(|a| a.as_str()))
        .opt_str(
            "pending_owner",
            o.pending_owner.as_ref().map(|a| a.as_str()),
        )
        .raw(
            "pending_expiry",
            expiry.as_ref().map_or(b"null".as_slice(), |b| b.as_slice()),
        )
        .end())
}

/// `BurnedResponse` JSON: `{"burned":"<u128>"}` (SPEC §2).
pub fn burned(deps: Deps) -> StdResult<Binary> {
    Ok(Obj::new().uint("burned", burned_total(deps.storage)?).end())
}
