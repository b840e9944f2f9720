//! `RegisterCode`: one unique, case-insensitive code per user at tier >= 1.

use cosmwasm_std::{DepsMut, MessageInfo, Response};
use mesi_types::referral::{CODE_MAX_LEN, CODE_MIN_LEN};

use crate::error::ContractError;
use crate::external::query_tier;
use crate::state::{CODES, CONFIG, USER_CODE};

/// Tier a user needs to register a code.
pub const MIN_CODE_TIER: u8 = 1;

/// The canonical (stored) form of a code: ASCII lower-case, `CODE_MIN_LEN..=CODE_MAX_LEN`
/// characters of `[a-z0-9_-]`. Any other character (including non-ASCII) is refused.
pub fn normalize_code(code: &str) -> Result<String, ContractError> {
    let len = code.chars().count();
    if !(CODE_MIN_LEN..=CODE_MAX_LEN).contains(&len) {
        return Err(ContractError::InvalidCodeLength {
            len,
            min: CODE_MIN_LEN,
            max: CODE_MAX_LEN,
        });
    }
    let lower = code.to_ascii_lowercase();
    if let Some(ch) = lower
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_' || *c == '-'))
    {
        return Err(ContractError::InvalidCodeCharacter { ch });
    }
    Ok(lower)
}

pub fn register(deps: DepsMut, info: MessageInfo, code: String) -> Result<Response, ContractError> {
    let code = normalize_code(&code)?;
    if let Some(existing) = USER_CODE.may_load(deps.storage, &info.sender)? {
        return Err(ContractError::AlreadyHasCode { code: existing });
    }
    if CODES.has(deps.storage, &code) {
        return Err(ContractError::CodeTaken { code });
    }
    let config = CONFIG.load(deps.storage)?;
    let tier = query_tier(&deps.querier, &config.token, &info.sender)?;
    if tier < MIN_CODE_TIER {
        return Err(ContractError::TierTooLow {
            tier,
            required: MIN_CODE_TIER,
        });
    }
    CODES.save(deps.storage, &code, &info.sender)?;
    USER_CODE.save(deps.storage, &info.sender, &code)?;
    Ok(Response::new()
        .add_attribute("action", "register_code")
        .add_attribute("owner", info.sender)
        .add_attribute("code", code)
        .add_attribute("tier", tier.to_string()))
}
