//! Storage. One record per token (short JSON keys: every byte written costs gas) plus explicit index maps,
//! so that every list query walks exactly one key prefix (O(page)):
//! - `OWNED`     (owner, token_id)            -> cw721 `tokens {owner}`
//! - `BY_KIND`   (creator, kind, token_id)    -> gallery filtered by media kind; the unfiltered gallery
//!   merges the three kind prefixes (at most 3 x page keys read), so no fourth index is written per mint
//! - `BY_YEAR`   (creator, year, token_id)    -> gallery filtered by year
//! - `BY_TAG`    (creator, tag, token_id)     -> gallery filtered by tag
//!
//! Creator, kind, year and tags never change after mint, so the gallery indexes are written once at mint
//! and removed at burn; only `OWNED` moves on transfer.

use cosmwasm_std::{Addr, Empty, StdResult, Storage, Timestamp, Uint128};
use cw721::Approval;
use cw_storage_plus::{Item, Map};
use cw_utils::Expiration;
use mesi_types::gallery::{AdRevenueModel, MediaKind};
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Config {
    pub name: String,
    pub symbol: String,
    pub arbiter: Addr,
    pub pledge_denom: String,
    /// Last change of name/symbol (cw721 `updated_at`).
    pub updated_at: Timestamp,
    /// The marketplace (issue 14): a `send_nft` to it records the sender as `listed_by`.
    #[serde(default)]
    pub marketplace: Option<Addr>,
}

/// One gallery token.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Token {
    #[serde(rename = "o")]
    pub owner: Addr,
    #[serde(rename = "a", default, skip_serializing_if = "Vec::is_empty")]
    pub approvals: Vec<Approval>,
    #[serde(rename = "u", default, skip_serializing_if = "Option::is_none")]
    pub token_uri: Option<String>,
    #[serde(rename = "c")]
    pub creator: Addr,
    #[serde(rename = "k")]
    pub media_kind: MediaKind,
    #[serde(rename = "h")]
    pub content_hash: String,
    #[serde(rename = "t", default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(rename = "y")]
    pub year: u16,
    #[serde(rename = "r")]
    pub ad_revenue: AdRevenueModel,
    #[serde(rename = "p")]
    pub pay_per_view: bool,
    /// Live trust pledge in the pledge denom.
    #[serde(rename = "l", default, skip_serializing_if = "Uint128::is_zero")]
    pub pledge: Uint128,
    /// The seller while the marketplace holds the token in escrow (issue 14); cleared on every move.
    #[serde(rename = "s", default, skip_serializing_if = "Option::is_none")]
    pub listed_by: Option<Addr>,
}

impl Token {
    /// Who really holds the token: the seller while it is listed in the marketplace's escrow, else the owner.
    pub fn holder(&self) -> &Addr {
        self.listed_by.as_ref().unwrap_or(&self.owner)
    }

    /// Sold = the token is not with its creator now (a token that comes back to its creator is unsold). A
    /// token the creator listed in the marketplace is "listed", not sold (issue 14, SPEC §3).
    pub fn is_sold(&self) -> bool {
        *self.holder() != self.creator
    }
}

pub const CONFIG: Item<Config> = Item::new("config");
pub const NUM_TOKENS: Item<u64> = Item::new("num_tokens");
/// Sum of all live pledges.
pub const TOTAL_PLEDGED: Item<Uint128> = Item::new("pledged");

pub const TOKENS: Map<&str, Token> = Map::new("t");
pub const OWNED: Map<(&Addr, &str), Empty> = Map::new("o");
pub const BY_KIND: Map<(&Addr, u8, &str), Empty> = Map::new("gk");
pub const BY_YEAR: Map<(&Addr, u16, &str), Empty> = Map::new("gy");
pub const BY_TAG: Map<(&Addr, &str, &str), Empty> = Map::new("gt");
/// cw721 operators: (owner, operator) -> expiry.
pub const OPERATORS: Map<(&Addr, &Addr), Expiration> = Map::new("op");
/// Live pledges summed per creator.
pub const CREATOR_PLEDGED: Map<&Addr, Uint128> = Map::new("cp");

/// Index keys of the media kinds, in order.
pub const KIND_KEYS: [u8; 3] = [0, 1, 2];

pub fn kind_key(kind: MediaKind) -> u8 {
    match kind {
        MediaKind::Photo => 0,
        MediaKind::Video => 1,
        MediaKind::Audio => 2,
    }
}

/// Writes the gallery indexes of a freshly minted token.
pub fn add_gallery_indexes(store: &mut dyn Storage, id: &str, t: &Token) -> StdResult<()> {
    BY_KIND.save(store, (&t.creator, kind_key(t.media_kind), id), &Empty {})?;
    BY_YEAR.save(store, (&t.creator, t.year, id), &Empty {})?;
    for tag in &t.tags {
        BY_TAG.save(store, (&t.creator, tag.as_str(), id), &Empty {})?;
    }
    Ok(())
}

/// Removes every record of a token (burn).
pub fn remove_token(store: &mut dyn Storage, id: &str, t: &Token) -> StdResult<()> {
    TOKENS.remove(store, id);
    OWNED.remove(store, (&t.owner, id));
    BY_KIND.remove(store, (&t.creator, kind_key(t.media_kind), id));
    BY_YEAR.remove(store, (&t.creator, t.year, id));
    for tag in &t.tags {
        BY_TAG.remove(store, (&t.creator, tag.as_str(), id));
    }
    let n = NUM_TOKENS.may_load(store)?.unwrap_or_default();
    NUM_TOKENS.save(store, &n.saturating_sub(1))
}

pub fn load_token(store: &dyn Storage, id: &str) -> Result<Token, crate::error::ContractError> {
    TOKENS
        .may_load(store, id)?
        .ok_or_else(|| crate::error::ContractError::TokenNotFound {
            token_id: id.to_string(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(owner: &str, listed_by: Option<&str>) -> Token {
        Token {
            owner: Addr::unchecked(owner),
            approvals: vec![],
            token_uri: None,
            creator: Addr::unchecked("creator"),
            media_kind: MediaKind::Photo,
            content_hash: String::new(),
            tags: vec![],
            year: 2024,
            ad_revenue: AdRevenueModel::Royalty,
            pay_per_view: true,
            pledge: Uint128::zero(),
            listed_by: listed_by.map(Addr::unchecked),
        }
    }

    #[test]
    fn a_token_the_creator_listed_in_the_marketplace_is_listed_not_sold() {
        assert!(!token("creator", None).is_sold());
        assert!(token("buyer", None).is_sold());
        // In the marketplace's escrow: the real holder decides (issue 14).
        assert!(!token("marketplace", Some("creator")).is_sold());
        assert!(token("marketplace", Some("buyer")).is_sold());
        assert_eq!(
            token("marketplace", Some("creator")).holder(),
            &Addr::unchecked("creator")
        );
    }
}
