//! Shared pieces: payments, claimable balances, the escrow check against the gallery, the creator
//! tier and its limits, the commission split.

use cosmwasm_std::{
    coins, to_json_binary, Addr, BankMsg, CosmosMsg, Decimal, Deps, Env, QuerierWrapper, Storage,
    Uint128, WasmMsg,
};
use cw20::Cw20ExecuteMsg;
use mesi_common::interface;
use mesi_types::gallery::{
    CustodyResponse, ExecuteMsg as GalleryExecuteMsg, QueryMsg as GalleryQueryMsg,
};
use mesi_types::marketplace::{Asset, TierLimit};
use mesi_types::revenue::ReceiveMsg as RevenueReceiveMsg;
use mesi_types::BPS_DENOMINATOR;

use crate::error::ContractError;
use crate::state::{Config, Needs, SellerBook, CLAIMABLE, NEXT_ID, OWED, SELLERS};

/// A payment that arrived with a message: $MESI through the cw20 hook or the native denom.
#[derive(Clone, Debug, PartialEq)]
pub struct Payment {
    pub sender: Addr,
    pub asset: Asset,
    /// Base units; may be zero only for `accept_counter`.
    pub amount: Uint128,
}

impl Payment {
    /// Fails unless the payment is in `asset`.
    pub fn expect_asset(&self, asset: Asset) -> Result<(), ContractError> {
        if self.asset != asset {
            return Err(ContractError::WrongAsset {
                expected: asset,
                got: self.asset,
            });
        }
        Ok(())
    }
}

/// The next order id (one counter for every kind; ids start at 1).
pub fn next_id(storage: &mut dyn Storage) -> Result<u64, ContractError> {
    let id = NEXT_ID.load(storage)?;
    NEXT_ID.save(storage, &add_u64(id, 1)?)?;
    Ok(id)
}

/// `a + b` for ids and block times; overflow is a typed error.
pub fn add_u64(a: u64, b: u64) -> Result<u64, ContractError> {
    a.checked_add(b)
        .ok_or(ContractError::Overflow(cosmwasm_std::OverflowError::new(
            cosmwasm_std::OverflowOperation::Add,
        )))
}

/// Adds `amount` of `asset` to what `who` may withdraw.
pub fn credit(
    storage: &mut dyn Storage,
    who: &Addr,
    asset: Asset,
    amount: Uint128,
) -> Result<(), ContractError> {
    if amount.is_zero() {
        return Ok(());
    }
    let key = (who, asset.key());
    let current = CLAIMABLE.may_load(storage, key)?.unwrap_or_default();
    CLAIMABLE.save(storage, key, &current.checked_add(amount)?)?;
    Ok(())
}

/// Everything the books owe in `asset` (base units; issue 12 §7).
pub fn owed(storage: &dyn Storage, asset: Asset) -> Result<Uint128, ContractError> {
    Ok(OWED.may_load(storage, asset.key())?.unwrap_or_default())
}

/// Counts a payment that arrived with a message into the books' total of its asset. Called once per
/// payment, at the router, before the handler books it (a handler that fails reverts both).
pub fn take_in(storage: &mut dyn Storage, payment: &Payment) -> Result<(), ContractError> {
    if payment.amount.is_zero() {
        return Ok(());
    }
    let total = owed(storage, payment.asset)?.checked_add(payment.amount)?;
    OWED.save(storage, payment.asset.key(), &total)?;
    Ok(())
}

/// A payment of `amount` of `asset` out of the books to `to` (a withdrawal, the commission): the
/// books' total falls by `amount` (an underflow, impossible while held == owed, is an `Overflow`
/// error), then `transfer_msg`. `None` for zero.
pub fn pay(
    storage: &mut dyn Storage,
    cfg: &Config,
    asset: Asset,
    to: &Addr,
    amount: Uint128,
) -> Result<Option<CosmosMsg>, ContractError> {
    if amount.is_zero() {
        return Ok(None);
    }
    pay_out(storage, asset, amount)?;
    transfer_msg(cfg, asset, to, amount).map(Some)
}

/// `amount` of `asset` leaves the books (the caller builds the message that moves it): the books' total
/// falls by `amount` (an underflow, impossible while held == owed, is an `Overflow` error).
pub fn pay_out(
    storage: &mut dyn Storage,
    asset: Asset,
    amount: Uint128,
) -> Result<(), ContractError> {
    let total = owed(storage, asset)?.checked_sub(amount)?;
    OWED.save(storage, asset.key(), &total)?;
    Ok(())
}

/// A $MESI primary sale's net to the revenue contract (SPEC §8, issue 21): out of the books like a
/// payment, then cw20 `Send` with `{"primary_sale_proceeds":{"creator":".."}}` (a `Send`, not a
/// `Transfer`: the revenue contract books it through its hook). `None` for zero.
pub fn pay_revenue(
    storage: &mut dyn Storage,
    cfg: &Config,
    revenue: &Addr,
    creator: &Addr,
    amount: Uint128,
) -> Result<Option<CosmosMsg>, ContractError> {
    if amount.is_zero() {
        return Ok(None);
    }
    pay_out(storage, Asset::Mesi, amount)?;
    let hook = RevenueReceiveMsg::PrimarySaleProceeds {
        creator: creator.to_string(),
    };
    Ok(Some(
        WasmMsg::Execute {
            contract_addr: cfg.token.to_string(),
            msg: to_json_binary(&Cw20ExecuteMsg::Send {
                contract: revenue.to_string(),
                amount,
                msg: to_json_binary(&hook)?,
            })?,
            funds: vec![],
        }
        .into(),
    ))
}

/// The message that moves `amount` of `asset` to `to`: cw20 `Transfer` (never `Send`) or a bank
/// send. Books nothing: `pay` for owed amounts, `Sweep` for the surplus.
pub fn transfer_msg(
    cfg: &Config,
    asset: Asset,
    to: &Addr,
    amount: Uint128,
) -> Result<CosmosMsg, ContractError> {
    Ok(match asset {
        Asset::Mesi => WasmMsg::Execute {
            contract_addr: cfg.token.to_string(),
            msg: to_json_binary(&Cw20ExecuteMsg::Transfer {
                recipient: to.to_string(),
                amount,
            })?,
            funds: vec![],
        }
        .into(),
        Asset::Native => BankMsg::Send {
            to_address: to.to_string(),
            amount: coins(amount.u128(), &cfg.native_denom),
        }
        .into(),
    })
}

/// The marketplace's own balance of `asset` (cw20 `balance` of the token / bank balance).
pub fn balance(
    querier: &QuerierWrapper,
    env: &Env,
    cfg: &Config,
    asset: Asset,
) -> Result<Uint128, ContractError> {
    let me = &env.contract.address;
    Ok(match asset {
        Asset::Mesi => {
            querier
                .query_wasm_smart::<cw20::BalanceResponse>(
                    &cfg.token,
                    &cw20::Cw20QueryMsg::Balance {
                        address: me.to_string(),
                    },
                )?
                .balance
        }
        Asset::Native => querier.query_balance(me, &cfg.native_denom)?.amount,
    })
}

/// The gallery's custody record and identity of `token_id` (`{"custody":{"token_id":".."}}`, SPEC §3);
/// `None` when the gallery does not know the id (burnt or never minted).
pub fn custody(
    querier: &QuerierWrapper,
    gallery: &Addr,
    token_id: &str,
) -> Option<CustodyResponse> {
    querier
        .query_wasm_smart::<CustodyResponse>(
            gallery,
            &GalleryQueryMsg::Custody {
                token_id: token_id.to_string(),
            },
        )
        .ok()
}

/// Whether the gallery records `token_id` as held in our escrow for `seller`: the marketplace owns it and
/// the custody record (`listed_by`, written only by the `send_nft` hook path) names `seller`.
pub fn held_for(env: &Env, custody: Option<&CustodyResponse>, seller: &Addr) -> bool {
    custody.is_some_and(|c| {
        c.owner == env.contract.address.as_str() && c.listed_by.as_deref() == Some(seller.as_str())
    })
}

/// Fails with `TokenLeftEscrow` unless the gallery records `token_id` as held in our escrow for `seller`
/// (see [`held_for`]): a ruling may have moved or burnt it, and `sync` then cancels the order. Every fill,
/// bid, refund and finalize passes here, so an order can only ever deliver the token it escrowed (issue 19
/// §3). Returns the custody record.
pub fn assert_held(
    deps: Deps,
    env: &Env,
    cfg: &Config,
    token_id: &str,
    seller: &Addr,
) -> Result<CustodyResponse, ContractError> {
    match custody(&deps.querier, &cfg.gallery, token_id) {
        Some(c) if held_for(env, Some(&c), seller) => Ok(c),
        _ => Err(ContractError::TokenLeftEscrow {
            token_id: token_id.to_string(),
        }),
    }
}

/// cw721 `transfer_nft` of an escrowed token (never `send_nft`: a receiver could refuse it).
pub fn transfer_nft(cfg: &Config, to: &Addr, token_id: &str) -> Result<CosmosMsg, ContractError> {
    Ok(WasmMsg::Execute {
        contract_addr: cfg.gallery.to_string(),
        msg: to_json_binary(&GalleryExecuteMsg::TransferNft {
            recipient: to.to_string(),
            token_id: token_id.to_string(),
        })?,
        funds: vec![],
    }
    .into())
}

/// `(fee, net)` of a gross price: the fee rounds up (in the protocol's favour), the seller gets the
/// remainder, so `fee + net == gross` exactly.
pub fn split(gross: Uint128, commission_bps: u16) -> Result<(Uint128, Uint128), ContractError> {
    let fee = gross
        .checked_mul_ceil(cosmwasm_std::Decimal::from_ratio(
            commission_bps,
            BPS_DENOMINATOR,
        ))
        .map_err(|e| ContractError::Std(cosmwasm_std::StdError::generic_err(e.to_string())))?;
    let net = gross.checked_sub(fee)?;
    Ok((fee, net))
}

/// The lowest bid an auction accepts now: the reserve, or the highest bid plus `increment_bps`
/// of it (rounded up, at least 1).
pub fn min_next_bid(
    reserve: Uint128,
    highest: Option<Uint128>,
    increment_bps: u16,
) -> Result<Uint128, ContractError> {
    match highest {
        None => Ok(reserve),
        Some(h) => {
            let (step, _) = split(h, increment_bps)?;
            Ok(h.checked_add(step.max(Uint128::one()))?)
        }
    }
}

/// The creator tier a seller's new order or named price is judged by, read from the token now:
/// the row its lock reaches once every pending unlock is released (`creator_tier_after_unlock`,
/// never above `creator_tier`). Every selling limit follows the creator tier (SPEC §1/§3, issue
/// #14), not the higher-of-both `tier`; while an unlock is pending, the tier of the lock that
/// remains after it (SPEC §3 "While an unlock is pending", issue 19).
pub fn creator_tier(
    querier: &QuerierWrapper,
    token: &Addr,
    seller: &Addr,
) -> Result<u8, ContractError> {
    interface::query_tier(querier, token, seller)
        .map(|r| r.creator_tier_after_unlock.min(r.creator_tier))
        .map_err(|e| ContractError::TierUnavailable {
            reason: e.to_string(),
        })
}

/// The seller's book of live orders (empty when it has none).
pub fn seller_book(storage: &dyn Storage, seller: &Addr) -> Result<SellerBook, ContractError> {
    Ok(SELLERS.may_load(storage, seller)?.unwrap_or_default())
}

/// The seller's live-order count (listings + auctions).
pub fn live_orders(storage: &dyn Storage, seller: &Addr) -> Result<u32, ContractError> {
    Ok(seller_book(storage, seller)?.live)
}

fn save_book(
    storage: &mut dyn Storage,
    seller: &Addr,
    book: &SellerBook,
) -> Result<(), ContractError> {
    if *book == SellerBook::default() {
        SELLERS.remove(storage, seller);
    } else {
        SELLERS.save(storage, seller, book)?;
    }
    Ok(())
}

fn overflow() -> ContractError {
    ContractError::Overflow(cosmwasm_std::OverflowError::new(
        cosmwasm_std::OverflowOperation::Add,
    ))
}

/// A live order of `seller` that counted `needs` has ended (the key is removed when none is left).
pub fn drop_order(
    storage: &mut dyn Storage,
    seller: &Addr,
    needs: Needs,
) -> Result<(), ContractError> {
    let mut book = seller_book(storage, seller)?;
    book.remove(needs);
    save_book(storage, seller, &book)
}

/// A live listing's price now needs creator tier `new` instead of `old` (`update_price`).
pub fn reprice(
    storage: &mut dyn Storage,
    seller: &Addr,
    old: u8,
    new: u8,
) -> Result<(), ContractError> {
    if old == new {
        return Ok(());
    }
    let mut book = seller_book(storage, seller)?;
    book.remove(Needs {
        price: old,
        days: 0,
    });
    book.add(Needs {
        price: new,
        days: 0,
    })
    .ok_or_else(overflow)?;
    save_book(storage, seller, &book)
}

/// Whether an order needing creator tier `need` fits creator tier `tier`'s row (a tier above the
/// table uses its last row; a need of the table's length fits no row).
pub fn within(cfg: &Config, need: u8, tier: u8) -> bool {
    need <= tier && usize::from(need) < cfg.tier_limits.len()
}

/// The lowest creator tier from which on every row of the table holds `fits` (the table's length
/// when even its last row does not: no tier fits). Rows never allow less than the row before them
/// (`config::validate`), so this is the lowest row that fits; on any table it never names a tier
/// whose row does not fit. At most `MAX_TIER_ROWS` rows.
fn lowest_tier(
    cfg: &Config,
    fits: impl Fn(&TierLimit) -> Result<bool, ContractError>,
) -> Result<u8, ContractError> {
    let mut tier = cfg.tier_limits.len();
    for row in cfg.tier_limits.iter().rev() {
        if !fits(row)? {
            break;
        }
        tier = tier.saturating_sub(1);
    }
    Ok(u8::try_from(tier).unwrap_or(u8::MAX))
}

/// How a row's USD maximum reads in an order's asset.
#[derive(Clone, Copy)]
enum PriceIn {
    /// The native stablecoin: base units are micro-USD.
    MicroUsd,
    /// $MESI at this USD-per-MESI price.
    Mesi(Decimal),
}

impl PriceIn {
    /// MESI needs a fresh treasury price (one query; missing or stale: `PriceUnavailable`).
    fn of(deps: Deps, cfg: &Config, asset: Asset) -> Result<Self, ContractError> {
        match asset {
            Asset::Native => Ok(PriceIn::MicroUsd),
            Asset::Mesi => {
                let r = interface::query_price(&deps.querier, &cfg.treasury).map_err(|e| {
                    ContractError::PriceUnavailable {
                        reason: e.to_string(),
                    }
                })?;
                match r.price {
                    Some(p) if r.fresh => Ok(PriceIn::Mesi(p)),
                    _ => Err(ContractError::PriceUnavailable {
                        reason: format!(
                            "no fresh MESI price (age {} s, max age {} s)",
                            r.age, r.max_age
                        ),
                    }),
                }
            }
        }
    }

    /// `row`'s maximum price in base units of the asset (`None` = no limit); MESI rounds down as
    /// the treasury's `usd_to_mesi` does (floor(micro-USD / price)).
    fn max(self, row: &TierLimit) -> Result<Option<Uint128>, ContractError> {
        let Some(usd) = row.max_price_usd else {
            return Ok(None);
        };
        match self {
            PriceIn::MicroUsd => Ok(Some(usd)),
            PriceIn::Mesi(p) => {
                usd.checked_div_floor(p)
                    .map(Some)
                    .map_err(|e| ContractError::PriceUnavailable {
                        reason: e.to_string(),
                    })
            }
        }
    }
}

/// The one price check (SPEC §3 "Fit", issue 19): every price a seller names (a listing's price, an
/// auction's reserve, `update_price`, `counter_offer`) passes here, at the seller's `creator_tier`.
/// Fails with `PriceAboveTierMax` unless `price` (base units of `asset`) is within creator tier
/// `tier`'s maximum (micro-USD; MESI converted at the treasury's fresh price, one query). Returns the
/// lowest creator tier whose maximum holds the price, which an order records.
pub fn check_price(
    deps: Deps,
    cfg: &Config,
    tier: u8,
    asset: Asset,
    price: Uint128,
) -> Result<u8, ContractError> {
    let unit = PriceIn::of(deps, cfg, asset)?;
    let need = lowest_tier(cfg, |row| Ok(unit.max(row)?.is_none_or(|max| price <= max)))?;
    if !within(cfg, need, tier) {
        let max = match cfg.limits(tier) {
            Some(row) => unit.max(row)?,
            None => None,
        };
        return Err(ContractError::PriceAboveTierMax {
            tier,
            price,
            max: max.unwrap_or_default(),
        });
    }
    Ok(need)
}

/// Fails with `InvalidAuctionDays` unless an auction of `days` days is at least `min_auction_days`
/// and within creator tier `tier`'s maximum. Returns the lowest creator tier whose maximum holds it.
pub fn check_days(cfg: &Config, tier: u8, days: u32) -> Result<u8, ContractError> {
    let need = lowest_tier(cfg, |row| Ok(days <= row.max_auction_days))?;
    if days < cfg.min_auction_days || !within(cfg, need, tier) {
        return Err(ContractError::InvalidAuctionDays {
            tier,
            days,
            min: cfg.min_auction_days,
            max: cfg
                .limits(tier)
                .map_or(cfg.min_auction_days, |r| r.max_auction_days),
        });
    }
    Ok(need)
}

/// Checks a new order of `seller` against its creator tier (SPEC §3 "Fit"): one more live order,
/// its price or reserve (`check_price`) and, for an auction, its `days` (`check_days`), in that
/// order; then counts it in the seller's book. Returns the tier it was judged by and what the
/// order needs (to record in it, so its removal takes exactly that out of the book).
pub fn admit_order(
    deps: &mut cosmwasm_std::DepsMut,
    cfg: &Config,
    seller: &Addr,
    asset: Asset,
    price: Uint128,
    days: Option<u32>,
) -> Result<(u8, Needs), ContractError> {
    let tier = creator_tier(&deps.querier, &cfg.token, seller)?;
    let mut book = seller_book(deps.storage, seller)?;
    if let Some(limit) = cfg.limits(tier).and_then(|r| r.max_orders) {
        if book.live >= limit {
            return Err(ContractError::TooManyOrders {
                tier,
                live: book.live,
                limit,
            });
        }
    }
    let needs = Needs {
        price: check_price(deps.as_ref(), cfg, tier, asset, price)?,
        days: match days {
            Some(d) => check_days(cfg, tier, d)?,
            None => 0,
        },
    };
    book.add(needs).ok_or_else(overflow)?;
    save_book(deps.storage, seller, &book)?;
    Ok((tier, needs))
}

/// Fails unless `expires` is after `now`.
pub fn check_expiry(env: &Env, expires: u64) -> Result<(), ContractError> {
    let now = env.block.time.seconds();
    if expires <= now {
        return Err(ContractError::InvalidExpiry { expires, now });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fee_rounds_up_and_fee_plus_net_is_gross() {
        for (gross, bps) in [
            (0u128, 1_000u16),
            (1, 1_000),
            (9, 1_000),
            (10, 1_000),
            (11, 1_000),
            (u128::MAX, 1_000),
            (12_345, 0),
            (12_345, 5_000),
        ] {
            let (fee, net) = split(Uint128::new(gross), bps).unwrap();
            assert_eq!(fee + net, Uint128::new(gross));
            let exact = Uint128::new(gross).full_mul(bps as u128);
            let floor = exact / cosmwasm_std::Uint256::from(BPS_DENOMINATOR as u128);
            assert!(cosmwasm_std::Uint256::from(fee) >= floor);
            assert!(cosmwasm_std::Uint256::from(fee) <= floor + cosmwasm_std::Uint256::one());
        }
        assert_eq!(
            split(Uint128::new(11), 1_000).unwrap(),
            (Uint128::new(2), Uint128::new(9))
        );
    }
}
