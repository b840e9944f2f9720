//! A clonable copy of cosmwasm-vm's `MockStorage` (same VM gas accounting) that also counts KV operations and
//! prices them like the Cosmos SDK gas KV store, so a bench can snapshot/restore state and show storage cost.

use std::collections::BTreeMap;
use std::ops::Bound;

use cosmwasm_std::{Order, Record};
use cosmwasm_vm::{BackendError, BackendResult, GasInfo, Storage};

/// Cosmos SDK `KVGasConfig` defaults (store/types/gas.go).
const SDK_READ_FLAT: u64 = 1000;
const SDK_READ_PER_BYTE: u64 = 3;
const SDK_WRITE_FLAT: u64 = 2000;
const SDK_WRITE_PER_BYTE: u64 = 30;
const SDK_DELETE: u64 = 1000;
const SDK_ITER_NEXT_FLAT: u64 = 30;

/// KV work done by one call.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KvStats {
    pub reads: u64,
    pub writes: u64,
    pub removes: u64,
    pub iter_next: u64,
    /// What the SDK gas KV store would charge for these operations.
    pub sdk_gas: u64,
}

#[derive(Clone, Debug, Default)]
struct Iter {
    data: Vec<Record>,
    position: usize,
}

#[derive(Clone, Debug, Default)]
pub struct BenchStorage {
    data: BTreeMap<Vec<u8>, Vec<u8>>,
    iterators: Vec<Iter>,
    stats: std::cell::Cell<KvStats>,
}

impl BenchStorage {
    /// Returns the KV stats since the last call and resets them.
    pub fn take_stats(&mut self) -> KvStats {
        self.stats.take()
    }

    /// Iterators live for one call (one instance), as on chain.
    pub fn reset_iterators(&mut self) {
        self.iterators.clear();
    }

    fn bump(&self, f: impl FnOnce(&mut KvStats)) {
        let mut s = self.stats.get();
        f(&mut s);
        self.stats.set(s);
    }
}

impl Storage for BenchStorage {
    fn get(&self, key: &[u8]) -> BackendResult<Option<Vec<u8>>> {
        let value = self.data.get(key).cloned();
        let bytes = (key.len() + value.as_ref().map_or(0, Vec::len)) as u64;
        self.bump(|s| {
            s.reads += 1;
            s.sdk_gas += SDK_READ_FLAT + SDK_READ_PER_BYTE * bytes;
        });
        (Ok(value), GasInfo::with_externally_used(key.len() as u64))
    }

    fn scan(
        &mut self,
        start: Option<&[u8]>,
        end: Option<&[u8]>,
        order: Order,
    ) -> BackendResult<u32> {
        let lo = start.map_or(Bound::Unbounded, |s| Bound::Included(s.to_vec()));
        let hi = end.map_or(Bound::Unbounded, |e| Bound::Excluded(e.to_vec()));
        let empty = matches!((start, end), (Some(s), Some(e)) if s >= e);
        let data: Vec<Record> = if empty {
            Vec::new()
        } else {
            let range = self.data.range((lo, hi)).map(|(k, v)| (k.clone(), v.clone()));
            match order {
                Order::Ascending => range.collect(),
                Order::Descending => range.rev().collect(),
            }
        };
        self.iterators.push(Iter { data, position: 0 });
        let id = self.iterators.len() as u32;
        (Ok(id), GasInfo::with_externally_used(11))
    }

    fn next(&mut self, iterator_id: u32) -> BackendResult<Option<Record>> {
        let Some(iter) = (iterator_id as usize)
            .checked_sub(1)
            .and_then(|i| self.iterators.get_mut(i))
        else {
            return (
                Err(BackendError::iterator_does_not_exist(iterator_id)),
                GasInfo::free(),
            );
        };
        let item = iter.data.get(iter.position).cloned();
        match item {
            Some(item) => {
                iter.position += 1;
                let bytes = (item.0.len() + item.1.len()) as u64;
                self.bump(|s| {
                    s.iter_next += 1;
                    s.sdk_gas += SDK_ITER_NEXT_FLAT + SDK_READ_PER_BYTE * bytes;
                });
                (Ok(Some(item)), GasInfo::with_cost(bytes))
            }
            None => (Ok(None), GasInfo::with_externally_used(37)),
        }
    }

    fn set(&mut self, key: &[u8], value: &[u8]) -> BackendResult<()> {
        self.data.insert(key.to_vec(), value.to_vec());
        let bytes = (key.len() + value.len()) as u64;
        self.bump(|s| {
            s.writes += 1;
            s.sdk_gas += SDK_WRITE_FLAT + SDK_WRITE_PER_BYTE * bytes;
        });
        (Ok(()), GasInfo::with_externally_used(bytes))
    }

    fn remove(&mut self, key: &[u8]) -> BackendResult<()> {
        self.data.remove(key);
        self.bump(|s| {
            s.removes += 1;
            s.sdk_gas += SDK_DELETE;
        });
        (Ok(()), GasInfo::with_externally_used(key.len() as u64))
    }
}
