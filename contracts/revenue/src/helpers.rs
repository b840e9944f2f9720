//! Shared pieces: creators, the commission and contribution split of a payment, the running totals.

use cosmwasm_std::{
    Addr, CosmosMsg, Decimal, Deps, OverflowError, OverflowOperation, Response, StdError, Storage,
    Uint128,
};
use mesi_common::interface;
use mesi_types::BPS_DENOMINATOR;

use crate::contribution;
use crate::error::ContractError;
use crate::external;
use crate::state::{Config, Creator, Totals, CREATORS, TOTALS};

/// An overflow of `op` as a typed error (u64 / u32 arithmetic).
pub fn overflow(op: OverflowOperation) -> ContractError {
    ContractError::Overflow(OverflowError::new(op))
}

/// `a + b` for block times and ids; overflow is a typed error.
pub fn add_u64(a: u64, b: u64) -> Result<u64, ContractError> {
    a.checked_add(b).ok_or(overflow(OverflowOperation::Add))
}

/// Refuses zero amounts.
pub fn nonzero(amount: Uint128) -> Result<Uint128, ContractError> {
    if amount.is_zero() {
        return Err(ContractError::ZeroAmount);
    }
    Ok(amount)
}

/// The record of `addr` if it is a creator (SPEC §8: an account that has minted at least one gallery
/// token): stored for a creator seen before (a creator stays one even after burning every token), else
/// asked of the gallery (a default record, saved by the caller's first write). Errors: `NotACreator`,
/// `GalleryUnavailable`.
pub fn load_creator(deps: Deps, cfg: &Config, addr: &Addr) -> Result<Creator, ContractError> {
    if let Some(c) = CREATORS.may_load(deps.storage, addr)? {
        return Ok(c);
    }
    if external::has_gallery_token(&deps.querier, &cfg.gallery, addr)? {
        Ok(Creator::default())
    } else {
        Err(ContractError::NotACreator {
            address: addr.to_string(),
        })
    }
}

/// `addr_validate` + [`load_creator`].
pub fn validate_creator(
    deps: Deps,
    cfg: &Config,
    creator: &str,
) -> Result<(Addr, Creator), ContractError> {
    let addr = deps.api.addr_validate(creator)?;
    let record = load_creator(deps, cfg, &addr)?;
    Ok((addr, record))
}

/// `(fee, net)` of a gross payment at `bps`: the fee rounds up (in the protocol's favour), so
/// `fee + net == gross` exactly.
pub fn commission(gross: Uint128, bps: u16) -> Result<(Uint128, Uint128), ContractError> {
    let fee = gross
        .checked_mul_ceil(Decimal::from_ratio(bps, BPS_DENOMINATOR))
        .map_err(|e| ContractError::Std(StdError::generic_err(e.to_string())))?;
    Ok((fee, gross.checked_sub(fee)?))
}

/// How one payment was split (base units; `rate` in whole percent).
#[derive(Clone, Debug, PartialEq)]
pub struct Split {
    pub gross: Uint128,
    pub fee: Uint128,
    pub net: Uint128,
    pub rate: u8,
    pub to_pool: Uint128,
    pub to_creator: Uint128,
}

/// `net` split at `rate` percent: the pool gets floor(net * rate / 100), the creator the rest.
pub fn split_net(net: Uint128, rate: u8) -> Result<(Uint128, Uint128), ContractError> {
    let to_pool = net
        .checked_multiply_ratio(u128::from(rate.min(100)), 100u128)
        .map_err(|e| ContractError::Std(StdError::generic_err(e.to_string())))?;
    Ok((to_pool, net.checked_sub(to_pool)?))
}

/// Books a payment of `gross` base units (already in the contract's balance) to `creator`: the
/// commission (`take_commission`: SPEC §8, at the config's bps, frozen now) leaves for the treasury by
/// cw20 `Transfer`, the net is split by the creator's effective contribution rate into its claimable
/// balance and its gallery pool. O(1). Saves the creator and the totals. Returns the split and the
/// commission message (`None` when the fee is zero).
pub fn book_payment(
    storage: &mut dyn Storage,
    cfg: &Config,
    now: u64,
    creator_addr: &Addr,
    creator: &mut Creator,
    gross: Uint128,
    take_commission: bool,
) -> Result<(Split, Option<CosmosMsg>), ContractError> {
    let (fee, net) = if take_commission {
        commission(gross, cfg.commission_bps)?
    } else {
        (Uint128::zero(), gross)
    };
    let rate = contribution::effective(creator.rate.as_ref(), cfg.period(now));
    let (to_pool, to_creator) = split_net(net, rate)?;
    creator.balance = creator.balance.checked_add(to_creator)?;
    creator.pool = creator.pool.checked_add(to_pool)?;
    CREATORS.save(storage, creator_addr, creator)?;
    let mut totals = TOTALS.load(storage)?;
    totals.balances = totals.balances.checked_add(to_creator)?;
    totals.pools = totals.pools.checked_add(to_pool)?;
    TOTALS.save(storage, &totals)?;
    let msg = if fee.is_zero() {
        None
    } else {
        Some(interface::cw20_transfer_msg(
            &cfg.token,
            &cfg.treasury,
            fee,
        )?)
    };
    Ok((
        Split {
            gross,
            fee,
            net,
            rate,
            to_pool,
            to_creator,
        },
        msg,
    ))
}

/// The response attributes of a booked payment (`action` is set by the caller) and its commission
/// message.
pub fn payment_response(
    res: Response,
    creator: &Addr,
    split: &Split,
    fee_msg: Option<CosmosMsg>,
) -> Response {
    res.add_messages(fee_msg)
        .add_attribute("creator", creator)
        .add_attribute("gross", split.gross)
        .add_attribute("commission", split.fee)
        .add_attribute("net", split.net)
        .add_attribute("rate", split.rate.to_string())
        .add_attribute("to_pool", split.to_pool)
        .add_attribute("to_creator", split.to_creator)
}

/// Loads, edits and saves the totals.
pub fn update_totals(
    storage: &mut dyn Storage,
    f: impl FnOnce(&mut Totals) -> Result<(), ContractError>,
) -> Result<Totals, ContractError> {
    let mut t = TOTALS.load(storage)?;
    f(&mut t)?;
    TOTALS.save(storage, &t)?;
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fee_rounds_up_and_fee_plus_net_is_gross() {
        for (gross, bps) in [
            (1u128, 1_000u16),
            (9, 1_000),
            (11, 1_000),
            (u128::MAX, 1_000),
        ] {
            let (fee, net) = commission(Uint128::new(gross), bps).unwrap();
            assert_eq!(fee + net, Uint128::new(gross));
            assert!(fee.u128() >= gross / 10);
        }
        assert_eq!(
            commission(Uint128::new(11), 1_000).unwrap(),
            (Uint128::new(2), Uint128::new(9))
        );
        assert_eq!(
            split_net(Uint128::new(1_000), 77).unwrap(),
            (Uint128::new(770), Uint128::new(230))
        );
        assert_eq!(
            split_net(Uint128::MAX, 100).unwrap(),
            (Uint128::MAX, Uint128::zero())
        );
    }
}
