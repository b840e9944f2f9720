//! Storage layout. Account records (balance, holding score, lock) live under raw keys
//! `b"a" + address` in a compact binary encoding (see `account.rs`); everything else is JSON
//! through cw-storage-plus.

use cosmwasm_schema::cw_serde;
use cosmwasm_std::{Addr, StdError, StdResult, Storage, Uint128};
use cw20::{AllowanceResponse, Logo, MarketingInfoResponse};
use cw_storage_plus::{Item, Map};
use mesi_types::token::TierRow;

pub const CONTRACT_NAME: &str = "crates.io:mesi-token";
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Largest total supply: keeps every balance-seconds integral of a 7-day window inside u128.
pub const MAX_SUPPLY: u128 = u128::MAX >> 21;
pub const MAX_ALLOCATIONS: u32 = 100;
pub const MAX_SLASH_RECIPIENTS: u32 = 20;
pub const MAX_TIERS: usize = 10;
pub const MAX_UNLOCK_DELAY: u64 = 31_536_000;

#[cw_serde]
pub struct TokenMeta {
    pub name: String,
    pub symbol: String,
    pub decimals: u8,
}

#[cw_serde]
pub struct MinterData {
    pub minter: Addr,
    /// Hard cap on the total supply.
    pub cap: Option<Uint128>,
}

#[cw_serde]
pub struct Config {
    pub arbiter: Addr,
    pub treasury: Addr,
    pub unlock_delay: u64,
    pub tiers: Vec<TierRow>,
    pub genesis_supply: Uint128,
}

pub const TOKEN_META: Item<TokenMeta> = Item::new("tm");
pub const MINTER: Item<MinterData> = Item::new("mi");
pub const CONFIG: Item<Config> = Item::new("cf");
pub const MARKETING_INFO: Item<MarketingInfoResponse> = Item::new("mk");
pub const LOGO: Item<Logo> = Item::new("lg");
pub const ALLOWANCES: Map<(&Addr, &Addr), AllowanceResponse> = Map::new("al");
pub const ALLOWANCES_SPENDER: Map<(&Addr, &Addr), AllowanceResponse> = Map::new("as");

/// Total supply: raw 16-byte big-endian value (cheap to read and write on burn and mint).
const TOTAL_SUPPLY: &[u8] = b"ts";

pub fn total_supply(storage: &dyn Storage) -> StdResult<u128> {
    match storage.get(TOTAL_SUPPLY) {
        None => Ok(0),
        Some(v) => {
            let b: [u8; 16] = v
                .as_slice()
                .try_into()
                .map_err(|_| StdError::generic_err("corrupt total supply"))?;
            Ok(u128::from_be_bytes(b))
        }
    }
}

pub fn set_total_supply(storage: &mut dyn Storage, v: u128) {
    storage.set(TOTAL_SUPPLY, &v.to_be_bytes());
}
