//! Storage layout. Account records (balance, holding score, lock) live under raw keys
//! `b"a" + address` in a compact binary encoding (see `account.rs`); everything else is JSON
//! through cw-storage-plus.

use cosmwasm_std::{Addr, StdError, StdResult, Storage, Uint128};
use cw20::{AllowanceResponse, Logo, MarketingInfoResponse};
use cw_storage_plus::{Item, Map};
use mesi_types::token::TierRow;

use crate::account::{put, put_str, Reader};

pub const CONTRACT_NAME: &str = "crates.io:mesi-token";
pub const CONTRACT_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Largest total supply: keeps every balance-seconds integral of a 7-day window inside u128.
pub const MAX_SUPPLY: u128 = u128::MAX >> 21;
pub const MAX_ALLOCATIONS: u32 = 100;
pub const MAX_SLASH_RECIPIENTS: u32 = 20;
pub const MAX_TIERS: usize = 10;
pub const MAX_UNLOCK_DELAY: u64 = 31_536_000;

#[derive(Clone, Debug, PartialEq)]
pub struct MinterData {
    pub minter: Addr,
    /// Hard cap on the total supply.
    pub cap: Option<Uint128>,
}

/// Token metadata, minter and config: one compact binary record (read by mint, unlock, slash,
/// tier; no JSON parsing).
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub name: String,
    pub symbol: String,
    pub decimals: u8,
    pub minter: Option<MinterData>,
    pub arbiter: Addr,
    pub treasury: Addr,
    pub unlock_delay: u64,
    pub genesis_supply: Uint128,
    pub tiers: Vec<TierRow>,
    /// Marketplace asked by `unlock` (SPEC §3); None = no check.
    pub marketplace: Option<Addr>,
}

const STATE: &[u8] = b"st";

impl State {
    pub fn load(storage: &dyn Storage) -> StdResult<State> {
        let raw = storage
            .get(STATE)
            .ok_or_else(|| StdError::not_found("state"))?;
        let mut r = Reader { buf: &raw, pos: 0 };
        let name = r.string()?;
        let symbol = r.string()?;
        let decimals = r.byte()?;
        let flags = r.byte()?;
        let minter = if flags & 1 != 0 {
            let minter = Addr::unchecked(r.string()?);
            let cap = if flags & 2 != 0 {
                Some(Uint128::new(r.int()?))
            } else {
                None
            };
            Some(MinterData { minter, cap })
        } else {
            None
        };
        let arbiter = Addr::unchecked(r.string()?);
        let treasury = Addr::unchecked(r.string()?);
        let unlock_delay = r.int64()?;
        let genesis_supply = Uint128::new(r.int()?);
        let n = r.byte()? as usize;
        let mut tiers = Vec::with_capacity(n);
        for _ in 0..n {
            tiers.push(TierRow {
                fan_hold: Uint128::new(r.int()?),
                creator_locked: Uint128::new(r.int()?),
            });
        }
        // trailing and optional: records written before the field existed end here
        let marketplace = if r.pos < raw.len() && r.byte()? == 1 {
            Some(Addr::unchecked(r.string()?))
        } else {
            None
        };
        Ok(State {
            name,
            symbol,
            decimals,
            minter,
            arbiter,
            treasury,
            unlock_delay,
            genesis_supply,
            tiers,
            marketplace,
        })
    }

    pub fn save(&self, storage: &mut dyn Storage) {
        let mut out = Vec::with_capacity(256);
        put_str(&mut out, &self.name);
        put_str(&mut out, &self.symbol);
        out.push(self.decimals);
        let flags = match &self.minter {
            None => 0,
            Some(m) => 1 | if m.cap.is_some() { 2 } else { 0 },
        };
        out.push(flags);
        if let Some(m) = &self.minter {
            put_str(&mut out, m.minter.as_str());
            if let Some(cap) = m.cap {
                put(&mut out, cap.u128());
            }
        }
        put_str(&mut out, self.arbiter.as_str());
        put_str(&mut out, self.treasury.as_str());
        put(&mut out, self.unlock_delay as u128);
        put(&mut out, self.genesis_supply.u128());
        out.push(self.tiers.len() as u8);
        for t in &self.tiers {
            put(&mut out, t.fan_hold.u128());
            put(&mut out, t.creator_locked.u128());
        }
        match &self.marketplace {
            Some(m) => {
                out.push(1);
                put_str(&mut out, m.as_str());
            }
            None => out.push(0),
        }
        storage.set(STATE, &out);
    }
}

pub const MARKETING_INFO: Item<MarketingInfoResponse> = Item::new("mk");
pub const LOGO: Item<Logo> = Item::new("lg");
pub const ALLOWANCES: Map<(&Addr, &Addr), AllowanceResponse> = Map::new("al");
pub const ALLOWANCES_SPENDER: Map<(&Addr, &Addr), AllowanceResponse> = Map::new("as");

/// Total supply: raw 16-byte big-endian value (cheap to read and write on burn and mint).
const TOTAL_SUPPLY: &[u8] = b"ts";
/// Burned by holders other than the minter (SPEC §2): raw 16-byte big-endian value.
const BURNED: &[u8] = b"bu";

fn load_u128(storage: &dyn Storage, key: &[u8], what: &str) -> StdResult<u128> {
    match storage.get(key) {
        None => Ok(0),
        Some(v) => {
            let b: [u8; 16] = v
                .as_slice()
                .try_into()
                .map_err(|_| StdError::generic_err(format!("corrupt {what}")))?;
            Ok(u128::from_be_bytes(b))
        }
    }
}

pub fn total_supply(storage: &dyn Storage) -> StdResult<u128> {
    load_u128(storage, TOTAL_SUPPLY, "total supply")
}

pub fn set_total_supply(storage: &mut dyn Storage, v: u128) {
    storage.set(TOTAL_SUPPLY, &v.to_be_bytes());
}

/// Total burned by holders other than the minter, in base units (0 before the first such burn).
pub fn burned(storage: &dyn Storage) -> StdResult<u128> {
    load_u128(storage, BURNED, "burned total")
}

pub fn set_burned(storage: &mut dyn Storage, v: u128) {
    storage.set(BURNED, &v.to_be_bytes());
}
