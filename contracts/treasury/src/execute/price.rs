//! MESI/USD price feed.

use cosmwasm_std::{Decimal, DepsMut, Env, MessageInfo, Response};

use crate::error::ContractError;
use crate::state::{PriceRecord, CONFIG, PRICE};

/// Feeder: USD per 1 MESI.
pub fn post_price(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    price: Decimal,
) -> Result<Response, ContractError> {
    let config = CONFIG.load(deps.storage)?;
    if info.sender != config.feeder {
        return Err(ContractError::NotFeeder {});
    }
    if price.is_zero() {
        return Err(ContractError::InvalidPrice {});
    }
    let updated_at = env.block.time.seconds();
    PRICE.save(deps.storage, &PriceRecord { price, updated_at })?;
    Ok(Response::new()
        .add_attribute("action", "post_price")
        .add_attribute("price", price.to_string())
        .add_attribute("updated_at", updated_at.to_string()))
}
