//! Earnings credited by operators in bounded batches; `Claim` pays everything owed at once.

use std::collections::BTreeSet;

use cosmwasm_std::{DepsMut, Env, MessageInfo, Response, Uint128};
use mesi_types::treasury::{Credit, Currency};

use crate::error::ContractError;
use crate::helpers::{fresh_price, load_token, nonzero, pay_with_shortfall, usd_to_mesi};
use crate::state::{CONFIG, OPERATORS, OWED, TOTALS};

pub fn assert_operator(deps: &DepsMut, info: &MessageInfo) -> Result<(), ContractError> {
    if !OPERATORS.has(deps.storage, &info.sender) {
        return Err(ContractError::NotOperator {});
    }
    Ok(())
}

/// Operator: credits a batch of earnings. A repeated address in one batch is rejected (the
/// back end sums per address first). USD entries convert at the fresh price, rounded down;
/// an entry that converts to 0 MESI is rejected.
pub fn credit(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    currency: Currency,
    credits: Vec<Credit>,
) -> Result<Response, ContractError> {
    assert_operator(&deps, &info)?;
    let config = CONFIG.load(deps.storage)?;
    if credits.is_empty() {
        return Err(ContractError::EmptyBatch {});
    }
    if credits.len() > config.max_batch as usize {
        return Err(ContractError::BatchTooLarge {
            size: credits.len(),
            max: config.max_batch,
        });
    }
    let price = match currency {
        Currency::Usd => Some(fresh_price(deps.storage, &env, config.max_price_age)?),
        Currency::Mesi => None,
    };

    let mut seen = BTreeSet::new();
    let mut batch_total = Uint128::zero();
    for credit in &credits {
        let addr = deps.api.addr_validate(&credit.address)?;
        if !seen.insert(addr.clone()) {
            return Err(ContractError::DuplicateAddress {
                address: addr.into_string(),
            });
        }
        let amount = nonzero(credit.amount)?;
        let mesi = match price {
            Some(price) => {
                let mesi = usd_to_mesi(amount, price)?;
                if mesi.is_zero() {
                    return Err(ContractError::ConvertsToZero {
                        address: addr.into_string(),
                        usd: amount,
                    });
                }
                mesi
            }
            None => amount,
        };
        let owed = OWED.may_load(deps.storage, &addr)?.unwrap_or_default();
        OWED.save(deps.storage, &addr, &owed.checked_add(mesi)?)?;
        batch_total = batch_total.checked_add(mesi)?;
    }
    let mut totals = TOTALS.load(deps.storage)?;
    totals.earnings_owed = totals.earnings_owed.checked_add(batch_total)?;
    TOTALS.save(deps.storage, &totals)?;

    let mut resp = Response::new()
        .add_attribute("action", "credit_earnings")
        .add_attribute("entries", credits.len().to_string())
        .add_attribute("total_mesi", batch_total);
    if let Some(price) = price {
        resp = resp.add_attribute("price", price.to_string());
    }
    Ok(resp)
}

/// Pays everything owed to the sender, minting what the reserve cannot cover.
pub fn claim(deps: DepsMut, _env: Env, info: MessageInfo) -> Result<Response, ContractError> {
    let (_, token) = load_token(deps.storage)?;
    let owed = OWED
        .may_load(deps.storage, &info.sender)?
        .unwrap_or_default();
    if owed.is_zero() {
        return Err(ContractError::NothingToClaim {});
    }
    OWED.remove(deps.storage, &info.sender);
    let mut totals = TOTALS.load(deps.storage)?;
    totals.earnings_owed = totals.earnings_owed.checked_sub(owed)?;
    let (msgs, minted) = pay_with_shortfall(&mut totals, &token, &info.sender, owed)?;
    TOTALS.save(deps.storage, &totals)?;
    Ok(Response::new()
        .add_messages(msgs)
        .add_attribute("action", "claim")
        .add_attribute("recipient", info.sender)
        .add_attribute("amount", owed)
        .add_attribute("minted", minted))
}
