//! mesi-vm: the Mesi suite's CosmWasm VM tool (cosmwasm-vm 3.0.10, the VM of wasmd 0.61).
//!
//!   mesi-vm check <file.wasm>...                      static checks + compile, as `cosmwasm-check` 3.0.10
//!   mesi-vm bench [--artifacts DIR] [--json FILE] [--only CONTRACT]
//!                                                     gas of the hot operations beside their anchors, and sizes

mod benches;
mod check;
#[allow(dead_code)] // the bench API: not every helper is used by every bench
mod harness;
mod storage;

use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::{json, Value};

use benches::{Ctx, GasRow, BENCHES};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = match args.first().map(String::as_str) {
        Some("check") => check::run(&args[1..]),
        Some("bench") => bench(&args[1..]),
        _ => {
            eprintln!("usage: mesi-vm check <file.wasm>... | mesi-vm bench [--artifacts DIR] [--json FILE] [--only CONTRACT]");
            2
        }
    };
    ExitCode::from(code as u8)
}

fn bench(args: &[String]) -> i32 {
    let mut artifacts = PathBuf::from("artifacts");
    let mut json_out: Option<PathBuf> = None;
    let mut only: Option<String> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match (a.as_str(), it.next()) {
            ("--artifacts", Some(v)) => artifacts = PathBuf::from(v),
            ("--json", Some(v)) => json_out = Some(PathBuf::from(v)),
            ("--only", Some(v)) => only = Some(v.clone()),
            _ => {
                eprintln!("[bench] bad argument {a}");
                return 2;
            }
        }
    }
    let json_out = json_out.unwrap_or_else(|| artifacts.join("bench.json"));
    let ctx = Ctx { artifacts: artifacts.clone() };

    let mut rows: Vec<GasRow> = Vec::new();
    let mut failed = false;
    for b in BENCHES {
        if only.as_deref().is_some_and(|o| o != b.contract) {
            continue;
        }
        let has_anchor = b.anchor.is_some_and(|a| ctx.anchor(a).exists());
        if !ctx.artifact(b.contract).exists() && !has_anchor {
            println!("[bench] {}: no artifact, skipped", b.contract);
            continue;
        }
        println!("[bench] {} ...", b.contract);
        match (b.run)(&ctx) {
            Ok(mut r) => rows.append(&mut r),
            Err(e) => {
                eprintln!("[bench] {}: FAILED: {e}", b.contract);
                failed = true;
            }
        }
    }
    let sizes = sizes(&ctx);
    print_tables(&rows, &sizes);
    let fresh: Vec<Value> = rows
        .iter()
        .map(|r| {
            json!({
                "contract": r.contract,
                "operation": r.operation,
                "gas": r.gas.vm,
                "anchor": r.anchor,
                "anchor_gas": r.anchor_gas.map(|g| g.vm),
            })
        })
        .collect();
    // Merge into what is there: `make bench-chain` keeps its "chain" rows in the same file, and `--only X`
    // replaces X's rows only, so a partial run never drops the other contracts' figures.
    let mut doc: Value = std::fs::read(&json_out)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .filter(Value::is_object)
        .unwrap_or_else(|| json!({}));
    let gas = match &only {
        Some(o) => {
            let mut kept: Vec<Value> = doc["gas"]
                .as_array()
                .map(|a| a.iter().filter(|r| r["contract"] != o.as_str()).cloned().collect())
                .unwrap_or_default();
            kept.extend(fresh);
            kept
        }
        None => fresh,
    };
    doc["gas"] = Value::Array(gas);
    doc["sizes"] = Value::Array(sizes);
    let text = serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n";
    if let Err(e) = std::fs::write(&json_out, text) {
        eprintln!("[bench] cannot write {}: {e}", json_out.display());
        return 1;
    }
    println!("[bench] wrote {}", json_out.display());
    harness::cleanup();
    i32::from(failed || benches::any_failed())
}

/// Every artifacts/*.wasm beside its anchor's size (null where none).
fn sizes(ctx: &Ctx) -> Vec<Value> {
    let mut stems: Vec<String> = std::fs::read_dir(&ctx.artifacts)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .filter_map(|e| e.file_name().to_str().and_then(|n| n.strip_suffix(".wasm")).map(String::from))
                .collect()
        })
        .unwrap_or_default();
    stems.sort();
    let size = |p: PathBuf| std::fs::metadata(p).ok().map(|m| m.len());
    stems
        .into_iter()
        .map(|stem| {
            let anchor = benches::size_anchor(&stem);
            json!({
                "contract": stem,
                "wasm_bytes": size(ctx.artifact(&stem)),
                "anchor": anchor,
                "anchor_wasm_bytes": anchor.and_then(|a| size(ctx.anchor(a))),
            })
        })
        .collect()
}

fn ratio(a: u64, b: Option<u64>) -> String {
    match b {
        Some(b) if b > 0 => format!("{:.3}x", a as f64 / b as f64),
        _ => "-".into(),
    }
}

fn opt(v: Option<u64>) -> String {
    v.map_or_else(|| "-".into(), |v| v.to_string())
}

fn print_tables(rows: &[GasRow], sizes: &[Value]) {
    let cw = rows.iter().map(|r| r.contract.len()).max().unwrap_or(0).max(8);
    let ow = rows.iter().map(|r| r.operation.len()).max().unwrap_or(0).max(9);
    let aw = rows.iter().filter_map(|r| r.anchor.as_ref().map(String::len)).max().unwrap_or(0).max(6);
    println!();
    println!("VM gas = CosmWasm gas metered by cosmwasm-vm 3.0.10 (wasmd: 140,000 VM gas = 1 SDK gas).");
    println!("kv r/w = storage reads/writes of the call; sdk kv = SDK gas the chain's KV store charges on top");
    println!("(informative, not in bench.json).");
    let header = format!(
        "{:<cw$}  {:<ow$}  {:>12}  {:<aw$}  {:>12}  {:>7} | {:>7} {:>7} {:>9}",
        "contract", "operation", "gas", "anchor", "anchor gas", "ratio", "kv r/w", "sdk kv", "anchor kv"
    );
    println!("{header}");
    println!("{}", "-".repeat(header.len()));
    for r in rows {
        println!(
            "{:<cw$}  {:<ow$}  {:>12}  {:<aw$}  {:>12}  {:>7} | {:>7} {:>7} {:>9}",
            r.contract,
            r.operation,
            r.gas.vm,
            r.anchor.as_deref().unwrap_or("-"),
            opt(r.anchor_gas.map(|g| g.vm)),
            ratio(r.gas.vm, r.anchor_gas.map(|g| g.vm)),
            format!("{}/{}", r.gas.kv.reads + r.gas.kv.iter_next, r.gas.kv.writes + r.gas.kv.removes),
            r.gas.kv.sdk_gas,
            opt(r.anchor_gas.map(|g| g.kv.sdk_gas)),
        );
    }
    println!();
    let header = format!("{:<24}  {:>10}  {:<12}  {:>12}  {:>7}", "artifact", "wasm bytes", "anchor", "anchor bytes", "ratio");
    println!("{header}");
    println!("{}", "-".repeat(header.len()));
    for s in sizes {
        let bytes = s["wasm_bytes"].as_u64().unwrap_or(0);
        let ab = s["anchor_wasm_bytes"].as_u64();
        println!(
            "{:<24}  {:>10}  {:<12}  {:>12}  {:>7}",
            s["contract"].as_str().unwrap_or(""),
            bytes,
            s["anchor"].as_str().unwrap_or("-"),
            opt(ab),
            ratio(bytes, ab),
        );
    }
    println!();
}
