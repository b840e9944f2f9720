//! Storage (issue 15: every byte written costs 30 SDK gas, every key 2,000; the layout is chosen for that).
//!
//! One compact record per token, `TOKENS` (id -> `[FORMAT_V1]` ++ postcard of [`StoredToken`]: canonical
//! address bytes, the content hash as 32 raw bytes, enums as small integers, the owner omitted while it is
//! the creator), plus three explicit index maps so that every list query walks key prefixes only (O(page)).
//! Addresses in keys are canonical bytes (`addr_canonicalize`: 20 bytes for a wallet, 32 for a contract):
//! - `OWNED`   (owner, token_id)                        -> cw721 `tokens {owner}`
//! - `GALLERY` (creator ++ [kind], year, token_id)       -> `gallery {creator}`: by media kind = one prefix;
//!   by year = merge of the 3 (creator ++ [kind], year) prefixes; unfiltered = merge of the 3 kind prefixes.
//!   Each walk takes at most `limit` keys, so a page reads at most 3 x `limit` keys.
//! - `BY_TAG`  (tag ++ [0] ++ creator, year, token_id)   -> gallery filtered by tag (a tag never holds a
//!   0 byte, so the first 0 ends the tag: no two (tag, creator) pairs share an element)
//!
//! Gallery lists are in (year, token_id) order under every filter. Creator, kind, year and tags never change
//! after mint, so `GALLERY` and `BY_TAG` are written once at mint and removed at burn; only `OWNED` moves.
//!
//! Old layout (builds before issue 15): JSON records (first byte `{`) and bech32-keyed indexes (module
//! [`legacy`]). A JSON record is still read everywhere; the first write to an old token converts it whole
//! (record and its index keys, [`load_token_for_write`]); `reindex {limit}` converts the rest, and the
//! list queries refuse (`ReindexPending`) while any old-layout token is left.

use cosmwasm_std::{
    Addr, Api, CanonicalAddr, Empty, HexBinary, StdError, StdResult, Storage, Timestamp, Uint128,
};
use cw721::Approval;
use cw_storage_plus::{Item, Map};
use cw_utils::Expiration;
use mesi_types::gallery::{AdRevenueModel, MediaKind};
use serde::{Deserialize, Serialize};

use crate::error::ContractError;

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

/// One gallery token, as the contract logic sees it (addresses validated, hash in lower-case hex). Stored
/// as a [`StoredToken`]; see [`load_token`] / [`save_token`].
///
/// `owner` and `creator` travel with their canonical bytes (`owner_raw`, `creator_raw`: what the record and
/// the index keys hold), so no write canonicalizes an address the record or the message already gave
/// (issue 15, VM gas: each `addr_canonicalize` is a host call). Change the owner only through
/// [`Token::set_owner`], which keeps the two forms together.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    pub owner: Addr,
    /// `owner` canonical.
    pub owner_raw: CanonicalAddr,
    pub approvals: Vec<Approval>,
    pub token_uri: Option<String>,
    pub creator: Addr,
    /// `creator` canonical.
    pub creator_raw: CanonicalAddr,
    pub media_kind: MediaKind,
    /// sha256 of the file (the messages carry it as 64 hex characters, answers in lower case).
    pub content_hash: [u8; 32],
    pub tags: Vec<String>,
    pub year: u16,
    pub ad_revenue: AdRevenueModel,
    pub pay_per_view: bool,
    /// Live trust pledge in the pledge denom.
    pub pledge: Uint128,
    /// The seller while the marketplace holds the token in escrow (issue 14); cleared on every move.
    pub listed_by: Option<Addr>,
}

impl Token {
    /// Sets the owner (readable and canonical form together).
    pub fn set_owner(&mut self, owner: Addr, owner_raw: CanonicalAddr) {
        self.owner = owner;
        self.owner_raw = owner_raw;
    }

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

/// First byte of a compact record (a JSON record starts with `{`).
pub const FORMAT_V1: u8 = 1;

/// The compact record (postcard, after the [`FORMAT_V1`] byte). Field order and enum variant order ARE the
/// format: never reorder; add a new format byte for a new shape. No `skip_serializing_if` (postcard is
/// positional). Addresses are canonical bytes.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct StoredToken {
    /// `None` while the owner is the creator (saves the 21 bytes on every mint).
    pub owner: Option<Vec<u8>>,
    pub approvals: Vec<(Vec<u8>, StoredExpiry)>,
    pub token_uri: Option<String>,
    pub creator: Vec<u8>,
    /// [`kind_key`]
    pub kind: u8,
    pub content_hash: [u8; 32],
    pub tags: Vec<String>,
    pub year: u16,
    pub ad_revenue: StoredRevenue,
    pub pay_per_view: bool,
    pub pledge: u128,
    pub listed_by: Option<Vec<u8>>,
}

/// `cw_utils::Expiration` in the compact record (a time in nanoseconds).
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
pub enum StoredExpiry {
    Height(u64),
    Time(u64),
    Never,
}

/// `AdRevenueModel` in the compact record.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq)]
pub enum StoredRevenue {
    Royalty,
    Ownership,
    Hybrid(u16),
}

pub const CONFIG: Item<Config> = Item::new("config");
/// Live token count (cw721 `num_tokens`); was `legacy::NUM_TOKENS` before issue 15 (moved by `migrate`).
pub const NUM_TOKENS: Item<u64> = Item::new("n");
/// Sum of all live pledges.
pub const TOTAL_PLEDGED: Item<Uint128> = Item::new("pledged");

/// id -> record bytes (raw: `FORMAT_V1` ++ postcard, or an old JSON record). Read and written through
/// [`load_token`] / [`save_token`]; the value type is only used to walk the keys (`all_tokens`).
pub const TOKENS: Map<&str, Empty> = Map::new("t");
/// (owner canonical, token_id)
pub const OWNED: Map<(&[u8], &str), Empty> = Map::new("O");
/// (creator canonical ++ [kind], year, token_id): [`gallery_key`]
pub const GALLERY: Map<(&[u8], u16, &str), Empty> = Map::new("G");
/// (tag ++ [0] ++ creator canonical, year, token_id): [`tag_key`]
pub const BY_TAG: Map<(&[u8], u16, &str), Empty> = Map::new("T");
/// cw721 operators: (owner, operator) -> expiry.
pub const OPERATORS: Map<(&Addr, &Addr), Expiration> = Map::new("op");
/// Live pledges summed per creator.
pub const CREATOR_PLEDGED: Map<&Addr, Uint128> = Map::new("cp");
/// Tombstones of burnt token ids (SPEC §3 token identity): written by every burn ([`remove_token`]: the
/// owner's `burn` and the arbiter's `resolve` with `Burn`), read by `mint`, never removed. A token id
/// therefore names one token for the collection's whole life, and an order or offer made on it can
/// never be filled by another token minted later under the same id (issue 19 §1).
pub const BURNT: Map<&str, Empty> = Map::new("B");

/// Whether `id` was burnt (its tombstone exists).
pub fn is_burnt(store: &dyn Storage, id: &str) -> bool {
    BURNT.has(store, id)
}

/// Raw key of the marketplace's canonical address: a copy of `Config.marketplace` for the transfer path.
/// Every `transfer_nft` / `send_nft` asks whether the recipient is the marketplace (issue 14); reading
/// these 20-32 raw bytes instead of parsing the whole JSON config saves about 5.5M VM gas per transfer and
/// reads fewer bytes (issue 15). Written together with the config by `update_config`, and by `migrate`
/// for an instance whose config named a marketplace before this key existed.
const MARKETPLACE_KEY: &[u8] = b"mk";

/// Whether `addr` (canonical) is the configured marketplace (one raw read, no decoding).
pub fn is_marketplace(store: &dyn Storage, addr: &CanonicalAddr) -> bool {
    store
        .get(MARKETPLACE_KEY)
        .is_some_and(|m| m.as_slice() == addr.as_slice())
}

/// Records the marketplace's canonical address (see [`is_marketplace`]); the config keeps the bech32 form.
pub fn save_marketplace(store: &mut dyn Storage, addr: &CanonicalAddr) {
    store.set(MARKETPLACE_KEY, addr.as_slice());
}

/// Index keys of the media kinds, in order.
pub const KIND_KEYS: [u8; 3] = [0, 1, 2];

pub fn kind_key(kind: MediaKind) -> u8 {
    match kind {
        MediaKind::Photo => 0,
        MediaKind::Video => 1,
        MediaKind::Audio => 2,
    }
}

fn kind_of(key: u8) -> StdResult<MediaKind> {
    match key {
        0 => Ok(MediaKind::Photo),
        1 => Ok(MediaKind::Video),
        2 => Ok(MediaKind::Audio),
        _ => Err(StdError::generic_err("corrupt token record: media kind")),
    }
}

/// First element of a `GALLERY` key: creator canonical bytes ++ [kind]. Unambiguous: the element carries
/// its own length, and the suffix is one byte.
pub fn gallery_key(creator: &[u8], kind: u8) -> Vec<u8> {
    let mut k = Vec::with_capacity(creator.len() + 1);
    k.extend_from_slice(creator);
    k.push(kind);
    k
}

/// First element of a `BY_TAG` key: tag ++ [0] ++ creator canonical bytes (tags are `a-z 0-9 - _`).
pub fn tag_key(tag: &str, creator: &[u8]) -> Vec<u8> {
    let mut k = Vec::with_capacity(tag.len() + 1 + creator.len());
    k.extend_from_slice(tag.as_bytes());
    k.push(0);
    k.extend_from_slice(creator);
    k
}

/// Value of every index entry: `{}`, the JSON of `Empty` that the index maps read back.
const INDEX_VALUE: &[u8] = b"{}";

/// Appends one key element as cw-storage-plus lays it out: its length as 2 bytes big-endian, then the
/// bytes of `parts` (concatenated). Every element here is short (a 1-byte namespace, a canonical address
/// of at most 64 bytes plus a tag of at most 32 and one separator, a 2-byte year), so the length fits.
fn push_element(k: &mut Vec<u8>, parts: &[&[u8]]) {
    let len: usize = parts.iter().map(|p| p.len()).sum();
    k.extend_from_slice(&(len as u16).to_be_bytes());
    for p in parts {
        k.extend_from_slice(p);
    }
}

/// A storage key `namespace, elements.., last` in one allocation: what `Map::key` builds, without its
/// intermediate vectors and the JSON encoding of the `Empty` value (issue 15, VM gas: an index write
/// through `Map::save` cost about 2M VM gas, most of it there). The write paths use the functions below;
/// `hand_built_keys_are_the_maps_keys` checks them against cw-storage-plus.
fn map_key(namespace: &[u8], elements: &[&[&[u8]]], last: &[u8]) -> Vec<u8> {
    let size = 2
        + namespace.len()
        + elements
            .iter()
            .map(|e| 2 + e.iter().map(|p| p.len()).sum::<usize>())
            .sum::<usize>()
        + last.len();
    let mut k = Vec::with_capacity(size);
    push_element(&mut k, &[namespace]);
    for e in elements {
        push_element(&mut k, e);
    }
    k.extend_from_slice(last);
    k
}

/// `TOKENS.key(id)`
pub fn token_key(id: &str) -> Vec<u8> {
    map_key(b"t", &[], id.as_bytes())
}

/// `OWNED.key((owner, id))`
fn owned_key(owner: &CanonicalAddr, id: &str) -> Vec<u8> {
    map_key(b"O", &[&[owner.as_slice()]], id.as_bytes())
}

/// `GALLERY.key((&gallery_key(creator, kind), year, id))`
fn gallery_index_key(creator: &CanonicalAddr, kind: u8, year: u16, id: &str) -> Vec<u8> {
    map_key(
        b"G",
        &[&[creator.as_slice(), &[kind]], &[&year.to_be_bytes()]],
        id.as_bytes(),
    )
}

/// `BY_TAG.key((&tag_key(tag, creator), year, id))`
fn tag_index_key(tag: &str, creator: &CanonicalAddr, year: u16, id: &str) -> Vec<u8> {
    map_key(
        b"T",
        &[
            &[tag.as_bytes(), &[0], creator.as_slice()],
            &[&year.to_be_bytes()],
        ],
        id.as_bytes(),
    )
}

/// Adds the `OWNED` entry (owner, id).
pub fn add_owned(store: &mut dyn Storage, owner: &CanonicalAddr, id: &str) {
    store.set(&owned_key(owner, id), INDEX_VALUE);
}

fn canon(api: &dyn Api, a: &Addr) -> StdResult<Vec<u8>> {
    Ok(api.addr_canonicalize(a.as_str())?.into())
}

fn human(api: &dyn Api, bytes: &[u8]) -> StdResult<Addr> {
    api.addr_humanize(&CanonicalAddr::from(bytes))
}

/// Validates a bech32 address from a message and returns it with its canonical bytes: canonicalize, humanize
/// back, compare. This is what `addr_validate` does inside (so the same addresses pass: right prefix and
/// checksum, lower case), in two host calls instead of `addr_validate` + `addr_canonicalize` (issue 15).
/// Errors: the host's canonicalize error, or "Invalid input: address not normalized" (e.g. upper case).
pub fn addr_validate_canonical(api: &dyn Api, input: &str) -> StdResult<(Addr, CanonicalAddr)> {
    let raw = api.addr_canonicalize(input)?;
    let addr = api.addr_humanize(&raw)?;
    if addr.as_str() != input {
        return Err(StdError::generic_err(
            "Invalid input: address not normalized",
        ));
    }
    Ok((addr, raw))
}

/// The encoding side of [`StoredToken`]: the same fields in the same order (postcard writes a borrowed
/// slice or string exactly as the owned one), borrowed from the [`Token`] so that a save copies nothing
/// but the record bytes (issue 15, VM gas: every allocation and free is metered). The round-trip test
/// `the_compact_record_reads_back_every_field_and_is_under_half_the_json` decodes it as a `StoredToken`.
#[derive(Serialize)]
struct StoredTokenRef<'a> {
    owner: Option<&'a [u8]>,
    approvals: Vec<(Vec<u8>, StoredExpiry)>,
    token_uri: Option<&'a str>,
    creator: &'a [u8],
    kind: u8,
    content_hash: &'a [u8; 32],
    tags: &'a [String],
    year: u16,
    ad_revenue: StoredRevenue,
    pay_per_view: bool,
    pledge: u128,
    listed_by: Option<Vec<u8>>,
}

impl<'a> StoredTokenRef<'a> {
    fn new(api: &dyn Api, t: &'a Token) -> StdResult<Self> {
        Ok(StoredTokenRef {
            owner: if t.owner_raw == t.creator_raw {
                None
            } else {
                Some(t.owner_raw.as_slice())
            },
            approvals: t
                .approvals
                .iter()
                .map(|a| {
                    let ex = match a.expires {
                        Expiration::AtHeight(h) => StoredExpiry::Height(h),
                        Expiration::AtTime(ts) => StoredExpiry::Time(ts.nanos()),
                        Expiration::Never {} => StoredExpiry::Never,
                    };
                    Ok((canon(api, &a.spender)?, ex))
                })
                .collect::<StdResult<_>>()?,
            token_uri: t.token_uri.as_deref(),
            creator: t.creator_raw.as_slice(),
            kind: kind_key(t.media_kind),
            content_hash: &t.content_hash,
            tags: &t.tags,
            year: t.year,
            ad_revenue: match t.ad_revenue {
                AdRevenueModel::Royalty => StoredRevenue::Royalty,
                AdRevenueModel::Ownership => StoredRevenue::Ownership,
                AdRevenueModel::Hybrid { creator_bps } => StoredRevenue::Hybrid(creator_bps),
            },
            pay_per_view: t.pay_per_view,
            pledge: t.pledge.u128(),
            listed_by: t.listed_by.as_ref().map(|a| canon(api, a)).transpose()?,
        })
    }
}

impl StoredToken {
    fn into_token(self, api: &dyn Api) -> StdResult<Token> {
        let creator_raw = CanonicalAddr::from(self.creator);
        let creator = api.addr_humanize(&creator_raw)?;
        let (owner, owner_raw) = match self.owner {
            None => (creator.clone(), creator_raw.clone()),
            Some(o) => {
                let raw = CanonicalAddr::from(o);
                (api.addr_humanize(&raw)?, raw)
            }
        };
        Ok(Token {
            owner,
            owner_raw,
            approvals: self
                .approvals
                .iter()
                .map(|(spender, ex)| {
                    Ok(Approval {
                        spender: human(api, spender)?,
                        expires: match *ex {
                            StoredExpiry::Height(h) => Expiration::AtHeight(h),
                            StoredExpiry::Time(n) => Expiration::AtTime(Timestamp::from_nanos(n)),
                            StoredExpiry::Never => Expiration::Never {},
                        },
                    })
                })
                .collect::<StdResult<_>>()?,
            token_uri: self.token_uri,
            creator,
            creator_raw,
            media_kind: kind_of(self.kind)?,
            content_hash: self.content_hash,
            tags: self.tags,
            year: self.year,
            ad_revenue: match self.ad_revenue {
                StoredRevenue::Royalty => AdRevenueModel::Royalty,
                StoredRevenue::Ownership => AdRevenueModel::Ownership,
                StoredRevenue::Hybrid(creator_bps) => AdRevenueModel::Hybrid { creator_bps },
            },
            pay_per_view: self.pay_per_view,
            pledge: Uint128::new(self.pledge),
            listed_by: self.listed_by.map(|a| human(api, &a)).transpose()?,
        })
    }
}

/// Room for a typical record (~105 bytes with a URI and 2 tags) without growing the buffer.
const RECORD_CAPACITY: usize = 192;

/// Encodes a token as its compact record: `[FORMAT_V1]` ++ postcard.
pub fn encode_token(api: &dyn Api, t: &Token) -> StdResult<Vec<u8>> {
    let stored = StoredTokenRef::new(api, t)?;
    let mut buf = Vec::with_capacity(RECORD_CAPACITY);
    buf.push(FORMAT_V1);
    postcard::to_extend(&stored, buf)
        .map_err(|e| StdError::serialize_err("StoredToken", e.to_string()))
}

/// A token as the load functions hand it out: boxed, because every move of the 160-byte struct through
/// the `Result` layers is a byte-by-byte copy in the metered wasm (wasm-opt lowers `memory.copy` to a
/// loop), which cost more VM gas than decoding the record (issue 15).
pub type LoadedToken = Box<Token>;

/// A decoded record: the token, and whether it was in the old (JSON) layout.
fn decode_token(api: &dyn Api, bytes: &[u8]) -> StdResult<(LoadedToken, bool)> {
    match bytes.split_first() {
        Some((&FORMAT_V1, rest)) => {
            let stored: StoredToken = postcard::from_bytes(rest)
                .map_err(|e| StdError::parse_err("StoredToken", e.to_string()))?;
            Ok((Box::new(stored.into_token(api)?), false))
        }
        Some((b'{', _)) => {
            let old: legacy::LegacyToken = cosmwasm_std::from_json(bytes)?;
            Ok((Box::new(old.into_token(api)?), true))
        }
        _ => Err(StdError::parse_err("Token", "unknown token record format")),
    }
}

/// Whether a token id exists (one read, no decoding).
pub fn token_exists(store: &dyn Storage, id: &str) -> bool {
    TOKENS.has(store, id)
}

/// Reads a token in either format (no write). Errors: `TokenNotFound`.
pub fn load_token(
    store: &dyn Storage,
    api: &dyn Api,
    id: &str,
) -> Result<LoadedToken, ContractError> {
    Ok(load_raw(store, api, id)?.0)
}

fn load_raw(
    store: &dyn Storage,
    api: &dyn Api,
    id: &str,
) -> Result<(LoadedToken, bool), ContractError> {
    let bytes = store
        .get(&token_key(id))
        .ok_or_else(|| ContractError::TokenNotFound {
            token_id: id.to_string(),
        })?;
    Ok(decode_token(api, &bytes)?)
}

/// Reads a token that is about to be changed. An old-layout token is converted first (its old index keys
/// removed, the new ones written, the record rewritten compact), so the caller only ever sees and changes
/// new-layout state. Errors: `TokenNotFound`.
pub fn load_token_for_write(
    store: &mut dyn Storage,
    api: &dyn Api,
    id: &str,
) -> Result<LoadedToken, ContractError> {
    let (token, old) = load_raw(store, api, id)?;
    if old {
        upgrade_token(store, api, id, &token)?;
    }
    Ok(token)
}

/// Converts one old-layout token (decoded from its JSON record) to the compact layout.
fn upgrade_token(store: &mut dyn Storage, api: &dyn Api, id: &str, t: &Token) -> StdResult<()> {
    legacy::OWNED.remove(store, (&t.owner, id));
    legacy::BY_KIND.remove(store, (&t.creator, kind_key(t.media_kind), id));
    legacy::BY_YEAR.remove(store, (&t.creator, t.year, id));
    for tag in &t.tags {
        legacy::BY_TAG.remove(store, (&t.creator, tag.as_str(), id));
    }
    add_owned(store, &t.owner_raw, id);
    add_gallery_indexes(store, id, t);
    save_token(store, api, id, t)
}

/// Writes a token's compact record.
pub fn save_token(store: &mut dyn Storage, api: &dyn Api, id: &str, t: &Token) -> StdResult<()> {
    store.set(&token_key(id), &encode_token(api, t)?);
    Ok(())
}

/// Writes the gallery indexes of a freshly minted token (one `GALLERY` key, one `BY_TAG` key per tag).
pub fn add_gallery_indexes(store: &mut dyn Storage, id: &str, t: &Token) {
    let c = &t.creator_raw;
    store.set(
        &gallery_index_key(c, kind_key(t.media_kind), t.year, id),
        INDEX_VALUE,
    );
    for tag in &t.tags {
        store.set(&tag_index_key(tag, c, t.year, id), INDEX_VALUE);
    }
}

/// Moves a token's `OWNED` entry from its current owner to `to` (canonical addresses).
pub fn move_owned(store: &mut dyn Storage, id: &str, from: &CanonicalAddr, to: &CanonicalAddr) {
    store.remove(&owned_key(from, id));
    add_owned(store, to, id);
}

/// Removes every record of a (new-layout) token and leaves its tombstone ([`BURNT`]): burn.
pub fn remove_token(store: &mut dyn Storage, id: &str, t: &Token) -> StdResult<()> {
    let c = &t.creator_raw;
    store.remove(&token_key(id));
    BURNT.save(store, id, &Empty {})?;
    store.remove(&owned_key(&t.owner_raw, id));
    store.remove(&gallery_index_key(c, kind_key(t.media_kind), t.year, id));
    for tag in &t.tags {
        store.remove(&tag_index_key(tag, c, t.year, id));
    }
    let n = NUM_TOKENS.may_load(store)?.unwrap_or_default();
    NUM_TOKENS.save(store, &n.saturating_sub(1))
}

/// Whether any token is still in the old layout (one key read: every old token has an old kind key).
pub fn reindex_pending(store: &dyn Storage) -> bool {
    legacy::BY_KIND
        .keys_raw(store, None, None, cosmwasm_std::Order::Ascending)
        .next()
        .is_some()
}

/// Converts up to `limit` old-layout tokens (the first keys of the old kind index; a converted token
/// leaves it, so no cursor is kept). An old index key whose token is gone is dropped. Returns how many
/// keys were handled.
pub fn reindex(store: &mut dyn Storage, api: &dyn Api, limit: usize) -> StdResult<usize> {
    let keys: Vec<(Addr, u8, String)> = legacy::BY_KIND
        .keys(store, None, None, cosmwasm_std::Order::Ascending)
        .take(limit)
        .collect::<StdResult<_>>()?;
    for (creator, kind, id) in &keys {
        if let Some(bytes) = store.get(&token_key(id)) {
            let (token, old) = decode_token(api, &bytes)?;
            if old {
                upgrade_token(store, api, id, &token)?;
            }
        }
        // the key read, whatever the record says (a stale key must not keep the queries refusing)
        legacy::BY_KIND.remove(store, (creator, *kind, id.as_str()));
    }
    Ok(keys.len())
}

/// The storage layout before issue 15: read (and converted) only.
pub mod legacy {
    use super::*;

    /// The JSON token record (short keys; absent fields take their defaults).
    #[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
    pub struct LegacyToken {
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
        #[serde(rename = "l", default, skip_serializing_if = "Uint128::is_zero")]
        pub pledge: Uint128,
        #[serde(rename = "s", default, skip_serializing_if = "Option::is_none")]
        pub listed_by: Option<Addr>,
    }

    impl LegacyToken {
        /// The token, with the canonical forms of owner and creator (the old record held bech32 only).
        pub fn into_token(self, api: &dyn Api) -> StdResult<Token> {
            let o = self;
            Ok(Token {
                owner_raw: api.addr_canonicalize(o.owner.as_str())?,
                owner: o.owner,
                approvals: o.approvals,
                token_uri: o.token_uri,
                creator_raw: api.addr_canonicalize(o.creator.as_str())?,
                creator: o.creator,
                media_kind: o.media_kind,
                content_hash: HexBinary::from_hex(&o.content_hash)?.to_array()?,
                tags: o.tags,
                year: o.year,
                ad_revenue: o.ad_revenue,
                pay_per_view: o.pay_per_view,
                pledge: o.pledge,
                listed_by: o.listed_by,
            })
        }
    }

    /// Old JSON records lived in the same map as the compact ones (`TOKENS`, "t").
    pub const TOKENS: Map<&str, LegacyToken> = Map::new("t");
    pub const NUM_TOKENS: Item<u64> = Item::new("num_tokens");
    pub const OWNED: Map<(&Addr, &str), Empty> = Map::new("o");
    pub const BY_KIND: Map<(&Addr, u8, &str), Empty> = Map::new("gk");
    pub const BY_YEAR: Map<(&Addr, u16, &str), Empty> = Map::new("gy");
    pub const BY_TAG: Map<(&Addr, &str, &str), Empty> = Map::new("gt");
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::testing::MockApi;

    fn token(owner: &str, listed_by: Option<&str>) -> Token {
        Token {
            owner: Addr::unchecked(owner),
            owner_raw: CanonicalAddr::from(owner.as_bytes()),
            approvals: vec![],
            token_uri: None,
            creator: Addr::unchecked("creator"),
            creator_raw: CanonicalAddr::from(b"creator".as_slice()),
            media_kind: MediaKind::Photo,
            content_hash: [0; 32],
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

    #[test]
    fn the_compact_record_reads_back_every_field_and_is_under_half_the_json() {
        let api = MockApi::default();
        let raw = |a: &Addr| api.addr_canonicalize(a.as_str()).unwrap();
        let (buyer, creator) = (api.addr_make("buyer"), api.addr_make("creator"));
        let full = Token {
            owner_raw: raw(&buyer),
            owner: buyer,
            approvals: vec![
                Approval {
                    spender: api.addr_make("s1"),
                    expires: Expiration::AtHeight(7),
                },
                Approval {
                    spender: api.addr_make("s2"),
                    expires: Expiration::AtTime(Timestamp::from_nanos(u64::MAX)),
                },
                Approval {
                    spender: api.addr_make("s3"),
                    expires: Expiration::Never {},
                },
            ],
            token_uri: Some("ipfs://bafy/meta.json".into()),
            creator_raw: raw(&creator),
            creator: creator.clone(),
            media_kind: MediaKind::Audio,
            content_hash: HexBinary::from_hex(
                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            )
            .unwrap()
            .to_array()
            .unwrap(),
            tags: vec!["sea".into(), "sun-set_2".into()],
            year: 9999,
            ad_revenue: AdRevenueModel::Hybrid {
                creator_bps: 10_000,
            },
            pay_per_view: false,
            pledge: Uint128::MAX,
            listed_by: Some(api.addr_make("seller")),
        };
        let minted = Token {
            owner: full.creator.clone(),
            owner_raw: full.creator_raw.clone(),
            approvals: vec![],
            listed_by: None,
            pledge: Uint128::zero(),
            ..full.clone()
        };
        for t in [full, minted] {
            let bytes = encode_token(&api, &t).unwrap();
            assert_eq!(bytes[0], FORMAT_V1);
            assert_eq!(
                decode_token(&api, &bytes).unwrap(),
                (Box::new(t.clone()), false)
            );
            let json = cosmwasm_std::to_json_vec(&legacy::LegacyToken {
                owner: t.owner.clone(),
                approvals: t.approvals.clone(),
                token_uri: t.token_uri.clone(),
                creator: t.creator.clone(),
                media_kind: t.media_kind,
                content_hash: HexBinary::from(t.content_hash.as_slice()).to_hex(),
                tags: t.tags.clone(),
                year: t.year,
                ad_revenue: t.ad_revenue,
                pay_per_view: t.pay_per_view,
                pledge: t.pledge,
                listed_by: t.listed_by.clone(),
            })
            .unwrap();
            // the old JSON still reads as the same token, flagged old
            assert_eq!(decode_token(&api, &json).unwrap(), (Box::new(t), true));
            assert!(
                bytes.len() * 2 < json.len(),
                "{} vs {}",
                bytes.len(),
                json.len()
            );
        }
    }

    #[test]
    fn hand_built_keys_are_the_maps_keys() {
        let wallet = CanonicalAddr::from([7u8; 20].as_slice());
        let contract = CanonicalAddr::from([9u8; 32].as_slice());
        for c in [&wallet, &contract] {
            for id in ["a", "2024-sunset-01", "x:y.z_9"] {
                assert_eq!(token_key(id), TOKENS.key(id).to_vec());
                assert_eq!(owned_key(c, id), OWNED.key((c.as_slice(), id)).to_vec());
                for (kind, year) in [(0u8, 1800u16), (2, 2024), (1, 9999)] {
                    assert_eq!(
                        gallery_index_key(c, kind, year, id),
                        GALLERY.key((&gallery_key(c, kind), year, id)).to_vec()
                    );
                    assert_eq!(
                        tag_index_key("sun-set_2", c, year, id),
                        BY_TAG.key((&tag_key("sun-set_2", c), year, id)).to_vec()
                    );
                }
            }
        }
        assert_eq!(INDEX_VALUE, cosmwasm_std::to_json_vec(&Empty {}).unwrap());
    }

    #[test]
    fn an_unknown_record_format_is_an_error_not_a_token() {
        let api = MockApi::default();
        assert!(decode_token(&api, &[2, 0, 0]).is_err());
        assert!(decode_token(&api, &[]).is_err());
        assert!(decode_token(&api, &[FORMAT_V1, 0xff]).is_err());
    }
}
