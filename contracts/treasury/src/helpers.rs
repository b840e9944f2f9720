//! Shared pieces: token messages, the fresh-price check, paying with shortfall minting.

use cosmwasm_std::{
    to_json_binary, Addr, Binary, CosmosMsg, Decimal, Env, StdResult, Storage, Uint128, WasmMsg,
};
use cw20::Cw20ExecuteMsg;

use crate::error::ContractError;
use crate::state::{Config, Totals, CONFIG, PRICE};

pub fn token_msg(token: &Addr, msg: &Cw20ExecuteMsg) -> StdResult<CosmosMsg> {
    Ok(WasmMsg::Execute {
        contract_addr: token.to_string(),
        msg: to_json_binary(msg)?,
        funds: vec![],
    }
    .into())
}

/// Pays `amount` from the treasury's own balance: cw20 `Send` with `msg`, else `Transfer`.
pub fn pay_msg(
    token: &Addr,
    recipient: &Addr,
    amount: Uint128,
    msg: Option<Binary>,
) -> StdResult<CosmosMsg> {
    let m = match msg {
        Some(msg) => Cw20ExecuteMsg::Send {
            contract: recipient.to_string(),
            amount,
            msg,
        },
        None => Cw20ExecuteMsg::Transfer {
            recipient: recipient.to_string(),
            amount,
        },
    };
    token_msg(token, &m)
}

pub fn load_token(storage: &dyn Storage) -> Result<(Config, Addr), ContractError> {
    let config = CONFIG.load(storage)?;
    let token = config.token.clone().ok_or(ContractError::TokenNotSet {})?;
    Ok((config, token))
}

/// The current price, refused when missing or older than the max age.
pub fn fresh_price(
    storage: &dyn Storage,
    env: &Env,
    max_age: u64,
) -> Result<Decimal, ContractError> {
    let record = PRICE
        .may_load(storage)?
        .ok_or(ContractError::PriceMissing {})?;
    let age = env.block.time.seconds().saturating_sub(record.updated_at);
    if age > max_age {
        return Err(ContractError::PriceStale { age, max_age });
    }
    Ok(record.price)
}

/// micro-USD -> MESI base units: floor(usd / price) (both have 6 decimals).
pub fn usd_to_mesi(usd: Uint128, price: Decimal) -> Result<Uint128, ContractError> {
    Ok(usd.checked_div_floor(price)?)
}

/// Pays a liability (earnings, epoch claim) from the free reserve and mints what the reserve
/// cannot cover, recording it as over-issuance. Returns the messages and the minted amount.
pub fn pay_with_shortfall(
    totals: &mut Totals,
    token: &Addr,
    recipient: &Addr,
    amount: Uint128,
) -> Result<(Vec<CosmosMsg>, Uint128), ContractError> {
    let from_reserve = amount.min(totals.reserve);
    let minted = amount.checked_sub(from_reserve)?;
    totals.reserve = totals.reserve.checked_sub(from_reserve)?;
    let mut msgs = Vec::with_capacity(2);
    if !from_reserve.is_zero() {
        msgs.push(pay_msg(token, recipient, from_reserve, None)?);
    }
    if !minted.is_zero() {
        totals.over_issuance = totals.over_issuance.checked_add(minted)?;
        totals.total_minted = totals.total_minted.checked_add(minted)?;
        msgs.push(token_msg(
            token,
            &Cw20ExecuteMsg::Mint {
                recipient: recipient.to_string(),
                amount: minted,
            },
        )?);
    }
    Ok((msgs, minted))
}

/// Refuses zero amounts.
pub fn nonzero(amount: Uint128) -> Result<Uint128, ContractError> {
    if amount.is_zero() {
        return Err(ContractError::ZeroAmount {});
    }
    Ok(amount)
}
