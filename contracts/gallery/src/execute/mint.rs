//! Minting into a gallery, burning, pay-per-view.

use cosmwasm_std::{Attribute, DepsMut, Env, MessageInfo, Response};
use mesi_types::gallery::{
    AdRevenueModel, MintExtension, MAX_TAGS, MAX_TAG_LEN, MAX_TOKEN_ID_LEN, MAX_URI_LEN, MAX_YEAR,
    MIN_YEAR,
};
use mesi_types::BPS_DENOMINATOR;

use crate::error::ContractError;
use crate::execute::nft::check_can_send;
use crate::execute::response;
use crate::state::{
    add_gallery_indexes, add_owned, is_burnt, load_token_for_write, remove_token, save_token,
    token_exists, Token, NUM_TOKENS,
};

/// 1..=64 bytes of `A-Z a-z 0-9 - _ . :`.
fn validate_token_id(id: &str) -> Result<(), ContractError> {
    let ok = !id.is_empty()
        && id.len() <= MAX_TOKEN_ID_LEN
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'));
    if ok {
        Ok(())
    } else {
        Err(ContractError::InvalidTokenId {})
    }
}

/// 64 hex characters (upper case accepted) -> the 32 bytes of the sha256; answers show it in lower case
/// (one file, one hash string). Errors: `InvalidContentHash`.
pub fn parse_hash(hash: &str) -> Result<[u8; 32], ContractError> {
    fn nibble(c: u8) -> Option<u8> {
        match c {
            b'0'..=b'9' => Some(c - b'0'),
            b'a'..=b'f' => Some(c - b'a' + 10),
            b'A'..=b'F' => Some(c - b'A' + 10),
            _ => None,
        }
    }
    let hex = hash.as_bytes();
    if hex.len() != 64 {
        return Err(ContractError::InvalidContentHash {});
    }
    let mut out = [0u8; 32];
    for (byte, pair) in out.iter_mut().zip(hex.chunks_exact(2)) {
        match (nibble(pair[0]), nibble(pair[1])) {
            (Some(hi), Some(lo)) => *byte = hi << 4 | lo,
            _ => return Err(ContractError::InvalidContentHash {}),
        }
    }
    Ok(out)
}

/// 1..=32 bytes of `a-z 0-9 - _` after ASCII lower-casing.
pub fn normalize_tag(tag: &str) -> Result<String, ContractError> {
    let ok = !tag.is_empty()
        && tag.len() <= MAX_TAG_LEN
        && tag
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if ok {
        Ok(tag.to_ascii_lowercase())
    } else {
        Err(ContractError::InvalidTag {
            tag: tag.to_string(),
        })
    }
}

fn validate_uri(uri: Option<String>) -> Result<Option<String>, ContractError> {
    match uri {
        None => Ok(None),
        Some(u) => {
            if u.is_empty()
                || u.len() > MAX_URI_LEN
                || u.chars().any(|c| c.is_whitespace() || c.is_control())
            {
                Err(ContractError::InvalidTokenUri {})
            } else {
                Ok(Some(u))
            }
        }
    }
}

pub fn mint(
    deps: DepsMut,
    info: MessageInfo,
    token_id: String,
    owner: String,
    token_uri: Option<String>,
    ext: MintExtension,
) -> Result<Response, ContractError> {
    if !ext.rights_confirmed {
        return Err(ContractError::RightsNotConfirmed {});
    }
    // Minter = creator = owner: `owner` must be the sender. Equal to the sender's (chain-validated) address
    // it is valid as it is; anything else is validated first, so a malformed address is reported as such.
    if owner != info.sender.as_str() {
        deps.api.addr_validate(&owner)?;
        return Err(ContractError::MintToOther {});
    }
    validate_token_id(&token_id)?;
    if token_exists(deps.storage, &token_id) {
        return Err(ContractError::TokenIdTaken { token_id });
    }
    if is_burnt(deps.storage, &token_id) {
        return Err(ContractError::TokenIdBurnt { token_id });
    }
    let content_hash = parse_hash(&ext.content_hash)?;
    if ext.tags.len() > MAX_TAGS {
        return Err(ContractError::TooManyTags { max: MAX_TAGS });
    }
    let mut tags: Vec<String> = Vec::with_capacity(ext.tags.len());
    for tag in &ext.tags {
        let tag = normalize_tag(tag)?;
        if tags.contains(&tag) {
            return Err(ContractError::DuplicateTag { tag });
        }
        tags.push(tag);
    }
    if !(MIN_YEAR..=MAX_YEAR).contains(&ext.year) {
        return Err(ContractError::InvalidYear { year: ext.year });
    }
    if let AdRevenueModel::Hybrid { creator_bps } = ext.ad_revenue {
        if creator_bps > BPS_DENOMINATOR {
            return Err(ContractError::InvalidCreatorBps { bps: creator_bps });
        }
    }
    let token_uri = validate_uri(token_uri)?;

    // one host call: the creator's canonical bytes serve the record, the owner key and the gallery keys
    let creator_raw = deps.api.addr_canonicalize(info.sender.as_str())?;
    let token = Token {
        owner: info.sender.clone(),
        owner_raw: creator_raw.clone(),
        approvals: vec![],
        token_uri,
        creator: info.sender,
        creator_raw,
        media_kind: ext.media_kind,
        content_hash,
        tags,
        year: ext.year,
        ad_revenue: ext.ad_revenue,
        pay_per_view: ext.pay_per_view,
        pledge: Default::default(),
        listed_by: None,
    };
    save_token(deps.storage, deps.api, &token_id, &token)?;
    add_owned(deps.storage, &token.owner_raw, &token_id);
    add_gallery_indexes(deps.storage, &token_id, &token);
    let n = NUM_TOKENS.may_load(deps.storage)?.unwrap_or_default();
    NUM_TOKENS.save(
        deps.storage,
        &n.checked_add(1)
            .ok_or_else(|| cosmwasm_std::StdError::generic_err("token count overflow"))?,
    )?;

    // cw721-base's attributes (the minter is the sender, now the token's creator) and the content hash
    let mut attributes = Vec::with_capacity(6);
    attributes.push(Attribute::new("action", "mint"));
    attributes.push(Attribute::new("minter", token.creator));
    attributes.push(Attribute::new("owner", owner));
    attributes.push(Attribute::new("token_id", token_id));
    attributes.push(Attribute::new(
        "content_hash",
        ext.content_hash.to_ascii_lowercase(),
    ));
    if let Some(uri) = token.token_uri {
        attributes.push(Attribute::new("token_uri", uri));
    }
    Ok(response(attributes))
}

/// cw721 burn restricted by the gallery rules: only while unsold (owner == creator), by the owner or an
/// approved spender / operator, and only without a live pledge (the arbiter's `resolve` burns pledged
/// tokens after paying the pledge out, so no stablecoin is ever stuck).
pub fn burn(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    token_id: String,
) -> Result<Response, ContractError> {
    let token = load_token_for_write(deps.storage, deps.api, &token_id)?;
    // "sold" first: it is the rule a creator meets after a sale (and public anyway)
    if token.is_sold() {
        return Err(ContractError::SoldTokenCannotBeBurned { token_id });
    }
    check_can_send(deps.as_ref(), &env.block, &info.sender, &token)?;
    if !token.pledge.is_zero() {
        return Err(ContractError::PledgeLocked {
            token_id,
            amount: token.pledge,
        });
    }
    remove_token(deps.storage, &token_id, &token)?;
    Ok(response(vec![
        Attribute::new("action", "burn"),
        Attribute::new("sender", info.sender),
        Attribute::new("owner", token.owner),
        Attribute::new("token_id", token_id),
    ]))
}

/// Creator only: off at any time; on only while the token is unsold.
pub fn set_pay_per_view(
    deps: DepsMut,
    info: MessageInfo,
    token_id: String,
    enabled: bool,
) -> Result<Response, ContractError> {
    let mut token = load_token_for_write(deps.storage, deps.api, &token_id)?;
    if token.creator != info.sender {
        return Err(ContractError::NotCreator { token_id });
    }
    if enabled && token.is_sold() {
        return Err(ContractError::PayPerViewSold { token_id });
    }
    if token.pay_per_view != enabled {
        token.pay_per_view = enabled;
        save_token(deps.storage, deps.api, &token_id, &token)?;
    }
    Ok(Response::new()
        .add_attribute("action", "set_pay_per_view")
        .add_attribute("token_id", token_id)
        .add_attribute("enabled", enabled.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::HexBinary;

    #[test]
    fn a_content_hash_reads_as_the_bytes_hex_decoding_gives_in_either_case() {
        let lower = "00ff10a9b8c7d6e5f40123456789abcdefabcdef0123456789aabbccddeeff99";
        let want: [u8; 32] = HexBinary::from_hex(lower).unwrap().to_array().unwrap();
        assert_eq!(parse_hash(lower).unwrap(), want);
        assert_eq!(parse_hash(&lower.to_ascii_uppercase()).unwrap(), want);
        // every non-hex byte in any position is refused
        for bad in [b'g', b'G', b' ', b'x', b'/', b':', b'@', b'`', 0, 0x80] {
            for pos in [0, 1, 31, 62, 63] {
                let mut b = lower.as_bytes().to_vec();
                b[pos] = bad;
                let s = String::from_utf8_lossy(&b).into_owned();
                assert_eq!(parse_hash(&s), Err(ContractError::InvalidContentHash {}));
            }
        }
    }
}
