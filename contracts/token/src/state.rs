//! Storage layout. Account records (balance, holding score, lock) live under raw keys
//! `b"a" + address` in a compact binary encoding (see `account.rs`); everything else is JSON
//! through cw-storage-plus.

use cosmwasm_std::{Addr, StdError, StdResult, Storage, Uint128};
use cw20::{AllowanceResponse, Logo, MarketingInfoResponse};
use cw_storage_plus::{Item, Map};
use mesi_types::token::TierRow;

use crate::account::{put, put_str, Packer, Reader, Unpacker};

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

/// Supply books (SPEC §2), one raw record so a burn reads and writes one key instead of two:
/// `lens u8 (total's length << 4 | burned's length) | total | burned`, each big-endian without
/// leading zeros (length code 15 = 16 bytes, see `account::Packer`).
const SUPPLY: &[u8] = b"sp";
/// Legacy records (before issue 15): raw 16-byte big-endian values; `migrate` folds them into
/// [`SUPPLY`] once (O(1)) and removes them.
const LEGACY_TOTAL_SUPPLY: &[u8] = b"ts";
const LEGACY_BURNED: &[u8] = b"bu";

/// Total supply and the burned total, in base units.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Supply {
    /// Total supply (cw20 `token_info.total_supply`).
    pub total: u128,
    /// Burned by holders other than the minter (SPEC §2, query `burned {}`).
    pub burned: u128,
}

impl Supply {
    /// The record; all zero before instantiate wrote it.
    pub fn load(storage: &dyn Storage) -> StdResult<Supply> {
        let Some(raw) = storage.get(SUPPLY) else {
            return Ok(Supply::default());
        };
        let mut r = Unpacker::new(&raw);
        let s = Supply {
            total: r.int()?,
            burned: r.int()?,
        };
        r.finish()?;
        Ok(s)
    }

    pub fn save(&self, storage: &mut dyn Storage) {
        let mut p = Packer::with_capacity(24);
        p.int(self.total);
        p.int(self.burned);
        storage.set(SUPPLY, &p.finish());
    }

    /// Migration from the two legacy keys (`"ts"`, `"bu"`: 16-byte big-endian values) to the
    /// one record: O(1), a no-op when they are absent (already migrated or never written).
    /// Returns whether anything was migrated.
    pub fn migrate_legacy(storage: &mut dyn Storage) -> StdResult<bool> {
        let total = storage.get(LEGACY_TOTAL_SUPPLY);
        let burned = storage.get(LEGACY_BURNED);
        if total.is_none() && burned.is_none() {
            return Ok(false);
        }
        let raw = |v: Option<Vec<u8>>, what: &str| -> StdResult<u128> {
            match v {
                None => Ok(0),
                Some(v) => {
                    let b: [u8; 16] = v
                        .as_slice()
                        .try_into()
                        .map_err(|_| StdError::generic_err(format!("corrupt legacy {what}")))?;
                    Ok(u128::from_be_bytes(b))
                }
            }
        };
        let s = Supply {
            total: raw(total, "total supply")?,
            burned: raw(burned, "burned total")?,
        };
        s.save(storage);
        storage.remove(LEGACY_TOTAL_SUPPLY);
        storage.remove(LEGACY_BURNED);
        Ok(true)
    }

    /// Writes the two legacy keys as the code before issue 15 did (tests of the migration).
    #[cfg(test)]
    pub fn save_legacy(&self, storage: &mut dyn Storage) {
        storage.remove(SUPPLY);
        storage.set(LEGACY_TOTAL_SUPPLY, &self.total.to_be_bytes());
        if self.burned != 0 {
            storage.set(LEGACY_BURNED, &self.burned.to_be_bytes());
        }
    }
}

/// Total supply in base units.
pub fn total_supply(storage: &dyn Storage) -> StdResult<u128> {
    Ok(Supply::load(storage)?.total)
}

/// Total burned by holders other than the minter, in base units (0 before the first such burn).
pub fn burned(storage: &dyn Storage) -> StdResult<u128> {
    Ok(Supply::load(storage)?.burned)
}
