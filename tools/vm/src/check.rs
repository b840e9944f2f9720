//! `mesi-vm check <wasm...>`: what `cosmwasm-check` 3.0.10 does (static checks, then a full compile with the
//! metering engine), with the capabilities wasmd 0.61 offers. Exits non-zero with the VM's message on a rejection.

use std::collections::HashSet;

use cosmwasm_vm::internals::{check_wasm, compile_module, Logger};
use cosmwasm_vm::{capabilities_from_csv, WasmLimits};

/// `wasmkeeper.BuiltInCapabilities()` of wasmd v0.61 (x/wasm/keeper/capabilities.go). A contract that requires
/// anything else (e.g. `cosmwasm_3_0`) is refused by that chain at upload, so it fails here too.
pub const WASMD_0_61_CAPABILITIES: &str = "iterator,staking,stargate,cosmwasm_1_1,cosmwasm_1_2,cosmwasm_1_3,\
cosmwasm_1_4,cosmwasm_2_0,cosmwasm_2_1,cosmwasm_2_2,ibc2";

pub fn capabilities() -> HashSet<String> {
    capabilities_from_csv(WASMD_0_61_CAPABILITIES)
}

/// The checks of one blob; `Err` carries the VM's own message.
pub fn check_blob(wasm: &[u8]) -> Result<(), String> {
    check_wasm(wasm, &capabilities(), &WasmLimits::default(), Logger::Off)
        .map_err(|e| e.to_string())?;
    compile_module(wasm, None).map_err(|e| e.to_string())?;
    Ok(())
}

pub fn run(paths: &[String]) -> i32 {
    if paths.is_empty() {
        eprintln!("usage: mesi-vm check <file.wasm>...");
        return 2;
    }
    println!("[check] cosmwasm-vm 3.0.10, capabilities: {WASMD_0_61_CAPABILITIES}");
    let mut failures = 0;
    for path in paths {
        let result = std::fs::read(path)
            .map_err(|e| format!("cannot read: {e}"))
            .and_then(|wasm| check_blob(&wasm).map(|()| wasm.len()));
        match result {
            Ok(len) => println!("[check] {path}: pass ({len} bytes)"),
            Err(e) => {
                failures += 1;
                println!("[check] {path}: FAILURE\n[check]   {e}");
            }
        }
    }
    if failures == 0 {
        println!("[check] all contracts ({}) passed", paths.len());
        0
    } else {
        println!("[check] {failures} of {} failed", paths.len());
        1
    }
}
