//! Execute handlers, one module per message family, and the helpers they share.

pub mod admin;
pub mod rewards;
pub mod stake;
pub mod work;

use cosmwasm_std::{Addr, Api, CanonicalAddr, QuerierWrapper, StdResult, Uint128, Uint256};
use cw20::{Cw20QueryMsg, TokenInfoResponse};
use mesi_types::BPS_DENOMINATOR;

use crate::error::ContractError;
use crate::state::Config;

/// The token's current total supply (cw20 `TokenInfo`).
pub fn total_supply(querier: &QuerierWrapper, config: &Config) -> StdResult<Uint128> {
    let info: TokenInfoResponse =
        querier.query_wasm_smart(&config.token, &Cw20QueryMsg::TokenInfo {})?;
    Ok(info.total_supply)
}

/// ceil(supply * bps / 10_000): the minimum stake, rounded up (in the protocol's favour).
pub fn threshold_of(supply: Uint128, bps: u16) -> StdResult<Uint128> {
    let num = Uint256::from(supply).checked_mul(Uint256::from(bps))?;
    let den = Uint256::from(BPS_DENOMINATOR);
    let q = num.checked_div(den)?;
    let q = if num.checked_rem(den)?.is_zero() {
        q
    } else {
        q.checked_add(Uint256::one())?
    };
    Ok(Uint128::try_from(q)?)
}

/// The current threshold: `threshold_bps` of the token's current total supply.
pub fn current_threshold(querier: &QuerierWrapper, config: &Config) -> StdResult<Uint128> {
    threshold_of(total_supply(querier, config)?, config.threshold_bps)
}

/// A validator operator address: lower-case bech32 characters only (one canonical key per
/// validator; the chain's staking query then proves it exists).
pub fn validate_valoper(validator: &str) -> Result<(), ContractError> {
    let ok = (8..=128).contains(&validator.len())
        && validator.contains('1')
        && validator
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    if ok {
        Ok(())
    } else {
        Err(ContractError::InvalidValidatorAddress {
            validator: validator.to_string(),
        })
    }
}

/// The account of validator operator address `validator`: the address whose bytes are the
/// operator address's bytes (SPEC §6), in this chain's account prefix. Errors:
/// `InvalidValidatorAddress` when `validator` is not valid bech32.
pub fn operator_account(api: &dyn Api, validator: &str) -> Result<Addr, ContractError> {
    let (_, bytes) =
        bech32::decode(validator).map_err(|_| ContractError::InvalidValidatorAddress {
            validator: validator.to_string(),
        })?;
    Ok(api.addr_humanize(&CanonicalAddr::from(bytes))?)
}

/// Fails with `NotValidatorOperator` unless `staker`'s address bytes equal the bytes of operator
/// address `validator` (SPEC §6, issue 12 §4: nobody applies in another operator's name).
pub fn assert_operator_account(
    api: &dyn Api,
    staker: &Addr,
    validator: &str,
) -> Result<(), ContractError> {
    let (_, bytes) =
        bech32::decode(validator).map_err(|_| ContractError::InvalidValidatorAddress {
            validator: validator.to_string(),
        })?;
    let own = api.addr_canonicalize(staker.as_str())?;
    if own.as_slice() != bytes.as_slice() {
        return Err(ContractError::NotValidatorOperator {
            staker: staker.to_string(),
            validator: validator.to_string(),
        });
    }
    Ok(())
}
