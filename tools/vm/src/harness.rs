//! The bench API: one contract instance in the real VM (cosmwasm-vm 3.0.10, wasmd's module cache path), driven
//! with JSON messages. Every call gets a fresh instance from the cache (as on chain) and reports the VM gas it
//! used. A failed execute restores storage to the state before the call (the VM's mock storage would not roll back).
//!
//! ```ignore
//! let mut vm = Vm::load(&ctx.artifact("mesi_token"))?;
//! let alice = vm.addr("alice");
//! vm.instantiate(&alice, &[], json!({ ... }))?;
//! let g = vm.execute(&alice, &[], json!({"transfer": {"recipient": bob, "amount": "1"}}))?.gas;
//! let (answer, q) = vm.query(json!({"balance": {"address": alice}}))?;
//! ```

use std::path::{Path, PathBuf};

use cosmwasm_std::{
    Binary, Checksum, Coin, ContractResult, Empty, Env, MessageInfo, QuerierResult, Response, SystemError,
    SystemResult, Timestamp, Uint128, WasmQuery,
};
use cosmwasm_vm::testing::{mock_env, MockApi, MockQuerier};
use cosmwasm_vm::{
    call_execute, call_instantiate, call_query, Backend, Cache, CacheOptions, Instance,
    InstanceOptions, Size,
};
use serde_json::Value;

use crate::check::capabilities;
use crate::storage::{BenchStorage, KvStats};

pub type Result<T> = std::result::Result<T, String>;

/// Per-call gas limit: far above anything a hot operation needs (wasmd's default block is 3e6 SDK gas ~ 4.2e11).
const GAS_LIMIT: u64 = 500_000_000_000;
/// Seconds the block clock moves per execute (one transaction per block).
pub const BLOCK_SECONDS: u64 = 5;

/// Gas of one call.
#[derive(Clone, Copy, Debug, Default)]
pub struct Gas {
    /// CosmWasm gas the VM metered (wasm execution + backend calls), what `make bench` reports.
    pub vm: u64,
    /// The KV work of the call and what the SDK gas KV store would charge for it (informative).
    pub kv: KvStats,
}

/// Result of a successful execute / instantiate.
pub struct Outcome {
    pub gas: Gas,
    pub response: Response<Empty>,
}

impl Outcome {
    /// Value of the first attribute `key` (in the response, not in events).
    pub fn attr(&self, key: &str) -> Option<&str> {
        self.response.attributes.iter().find(|a| a.key == key).map(|a| a.value.as_str())
    }
}

/// A copy of the contract's storage and block, for `restore`.
#[derive(Clone)]
pub struct Snapshot {
    storage: BenchStorage,
    env: Env,
}

pub struct Vm {
    name: String,
    wasm_bytes: usize,
    cache: Cache<MockApi, BenchStorage, MockQuerier>,
    checksum: Checksum,
    backend: Option<Backend<MockApi, BenchStorage, MockQuerier>>,
    env: Env,
    api: MockApi,
}

impl Vm {
    /// Loads, checks (as at upload) and compiles a .wasm.
    pub fn load(path: &Path) -> Result<Vm> {
        let wasm = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let dir = cache_dir();
        let options = CacheOptions::new(dir, capabilities(), Size::mebi(200), Size::mebi(32));
        // SAFETY: the cache directory is private to this process (see cache_dir).
        let cache = unsafe { Cache::new(options) }.map_err(|e| format!("VM cache: {e}"))?;
        let checksum = cache.store_code(&wasm, true, true).map_err(|e| format!("{name}: {e}"))?;
        let api = MockApi::default();
        let backend = Backend { api: api.clone(), storage: BenchStorage::default(), querier: MockQuerier::new(&[]) };
        Ok(Vm { name, wasm_bytes: wasm.len(), cache, checksum, backend: Some(backend), env: mock_env(), api })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn wasm_bytes(&self) -> usize {
        self.wasm_bytes
    }

    /// A valid bech32 address (prefix "cosmwasm") derived from `seed`, like MockApi::addr_make in multi-test.
    pub fn addr(&self, seed: &str) -> String {
        self.api.addr_make(seed)
    }

    /// This contract's own address.
    pub fn contract_addr(&self) -> String {
        self.env.contract.address.to_string()
    }

    pub fn env(&self) -> &Env {
        &self.env
    }

    /// Moves the block clock forward (the height follows at one block per BLOCK_SECONDS).
    pub fn advance_seconds(&mut self, seconds: u64) {
        self.env.block.time = self.env.block.time.plus_seconds(seconds);
        self.env.block.height += seconds.div_ceil(BLOCK_SECONDS).max(1);
    }

    pub fn block_time(&self) -> Timestamp {
        self.env.block.time
    }

    pub fn instantiate(&mut self, sender: &str, funds: &[Coin], msg: Value) -> Result<Outcome> {
        self.call(sender, funds, &msg, true)
    }

    /// Executes `msg` as `sender` with `funds` in a new block. On error nothing changes and the error is returned.
    pub fn execute(&mut self, sender: &str, funds: &[Coin], msg: Value) -> Result<Outcome> {
        self.advance_seconds(BLOCK_SECONDS);
        self.call(sender, funds, &msg, false)
    }

    /// Smart query; returns the JSON answer and its gas.
    pub fn query(&mut self, msg: Value) -> Result<(Value, Gas)> {
        let raw = serde_json::to_vec(&msg).map_err(|e| e.to_string())?;
        let env = self.env.clone();
        let (result, gas) = self.with_instance(|inst| call_query(inst, &env, &raw))?;
        match result {
            ContractResult::Ok(bin) => {
                let v = serde_json::from_slice(bin.as_slice()).map_err(|e| e.to_string())?;
                Ok((v, gas))
            }
            ContractResult::Err(e) => Err(format!("{}: query {msg} failed: {e}", self.name)),
        }
    }

    /// Gas of a query (the answer is checked to be JSON and dropped).
    pub fn query_gas(&mut self, msg: Value) -> Result<Gas> {
        self.query(msg).map(|(_, g)| g)
    }

    pub fn snapshot(&self) -> Snapshot {
        let backend = self.backend.as_ref().expect("backend is always put back");
        Snapshot { storage: backend.storage.clone(), env: self.env.clone() }
    }

    pub fn restore(&mut self, snap: &Snapshot) {
        let backend = self.backend.as_mut().expect("backend is always put back");
        backend.storage = snap.storage.clone();
        self.env = snap.env.clone();
    }

    /// Answers `WasmQuery::Smart` sent by this contract: `responder(contract_addr, msg)` returns the JSON answer, or
    /// `None` for "no such contract". Use it to stand in for another contract (e.g. the token's `Tier` query or the
    /// treasury's price) since cross-contract calls are not executed in this single-instance VM.
    pub fn on_smart_query<F>(&mut self, responder: F)
    where
        F: Fn(&str, &Value) -> Option<Value> + 'static,
    {
        let backend = self.backend.as_mut().expect("backend is always put back");
        backend.querier.update_wasm(move |q: &WasmQuery| -> QuerierResult {
            match q {
                WasmQuery::Smart { contract_addr, msg } => {
                    let parsed: Value = match serde_json::from_slice(msg.as_slice()) {
                        Ok(v) => v,
                        Err(e) => return SystemResult::Err(SystemError::InvalidRequest { error: e.to_string(), request: msg.clone() }),
                    };
                    match responder(contract_addr, &parsed) {
                        Some(answer) => SystemResult::Ok(ContractResult::Ok(Binary::from(serde_json::to_vec(&answer).unwrap_or_default()))),
                        None => SystemResult::Err(SystemError::NoSuchContract { addr: contract_addr.clone() }),
                    }
                }
                _ => SystemResult::Err(SystemError::UnsupportedRequest { kind: "wasm query other than smart".into() }),
            }
        });
    }

    /// Validators the staking querier knows (operator addresses), for `query_validator` checks.
    pub fn set_validators(&mut self, operators: &[String]) {
        let backend = self.backend.as_mut().expect("backend is always put back");
        let vals: Vec<cosmwasm_std::Validator> = operators
            .iter()
            .map(|a| {
                let pct = cosmwasm_std::Decimal::percent;
                cosmwasm_std::Validator::create(a.clone(), pct(5), pct(20), pct(1))
            })
            .collect();
        backend.querier.update_staking("ustake", &vals, &[]);
    }

    /// Sets the bank balance the querier reports for `addr`.
    pub fn set_bank_balance(&mut self, addr: &str, coins: Vec<Coin>) {
        let backend = self.backend.as_mut().expect("backend is always put back");
        backend.querier.update_balance(addr, coins);
    }

    fn call(&mut self, sender: &str, funds: &[Coin], msg: &Value, instantiate: bool) -> Result<Outcome> {
        let raw = serde_json::to_vec(msg).map_err(|e| e.to_string())?;
        let info = MessageInfo { sender: cosmwasm_std::Addr::unchecked(sender), funds: funds.to_vec() };
        let env = self.env.clone();
        let before = self.snapshot();
        let (result, gas) = self.with_instance(|inst| {
            if instantiate {
                call_instantiate::<_, _, _, Empty>(inst, &env, &info, &raw)
            } else {
                call_execute::<_, _, _, Empty>(inst, &env, &info, &raw)
            }
        })?;
        match result {
            ContractResult::Ok(response) => Ok(Outcome { gas, response }),
            ContractResult::Err(e) => {
                self.restore(&before);
                Err(format!("{}: {} failed: {e}", self.name, short(msg)))
            }
        }
    }

    fn with_instance<T>(
        &mut self,
        f: impl FnOnce(&mut Instance<MockApi, BenchStorage, MockQuerier>) -> cosmwasm_vm::VmResult<T>,
    ) -> Result<(T, Gas)> {
        let mut backend = self.backend.take().expect("backend is always put back");
        backend.storage.reset_iterators();
        let _ = backend.storage.take_stats();
        let mut instance = match self.cache.get_instance(&self.checksum, backend, InstanceOptions { gas_limit: GAS_LIMIT }) {
            Ok(i) => i,
            Err(e) => return Err(format!("{}: instance: {e}", self.name)),
        };
        let result = f(&mut instance);
        let report = instance.create_gas_report();
        let mut backend = instance.recycle().ok_or("instance did not give its backend back")?;
        let kv = backend.storage.take_stats();
        self.backend = Some(backend);
        let vm = report.limit - report.remaining;
        let value = result.map_err(|e| format!("{}: VM error: {e}", self.name))?;
        Ok((value, Gas { vm, kv }))
    }
}

fn short(msg: &Value) -> String {
    match msg.as_object().and_then(|o| o.keys().next()) {
        Some(k) => k.clone(),
        None => msg.to_string(),
    }
}

/// Module cache of the bench (compiled modules, keyed by checksum), outside the repo.
fn cache_dir() -> PathBuf {
    let base = std::env::var_os("MESI_CACHE")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache/mesi")))
        .unwrap_or_else(std::env::temp_dir);
    base.join("vm-module-cache").join(std::process::id().to_string())
}

/// Removes this process's module cache.
pub fn cleanup() {
    let _ = std::fs::remove_dir_all(cache_dir());
}

/// `amount` of `denom` as a one-coin list.
pub fn coins(amount: u128, denom: &str) -> Vec<Coin> {
    vec![Coin { denom: denom.to_string(), amount: Uint128::new(amount).into() }]
}
