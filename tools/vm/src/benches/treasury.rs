//! mesi-treasury (no anchor): the hot operations of issue 4.
//!
//! - `claim` of a credited user, measured with 10 and with 10,000 credited users (must not grow),
//! - `claim_epoch` with a 20-level Merkle proof (about a million earners),
//! - `claim_vested` of a genesis schedule, `draw_from_pool`, `post_price`, `credit_earnings` (1 and 100 entries),
//! - the queries other contracts call (`usd_to_mesi`, `pool`, `price`).
//!
//! The token's `minter` / `token_info` / `balance` / `burned` queries (SetToken, Supply) are answered by a
//! stand-in; the cw20 Transfer / Mint messages a claim returns are only returned, not run (single-instance VM).

use serde_json::{json, Value};

use super::{Ctx, GasRow};
use crate::harness::{Gas, Result, Vm};

const CONTRACT: &str = "mesi_treasury";
const M: u128 = 1_000_000;
/// 100,000,000,000 MESI with 6 decimals.
const GENESIS: u128 = 100_000_000_000 * M;
/// reserve 20% + the eight vesting groups (78.025%).
const TREASURY_BALANCE: u128 = GENESIS / 100_000 * 98_025;
/// Root of a 20-level tree: leaf("earner", 42 MESI) folded with siblings 0x..01 .. 0x..14 (sorted-pair sha256);
/// computed with scripts/merkle/merkle.mjs' leafHash/parentHash for vm.addr("earner").
const ROOT_20: &str = "6829ea10fc7b97f113bb3b5f1b559c9ca881154a8471e340a1c0a74d4c91749c";
const MONTH: u64 = 30 * 86_400;

pub fn run(ctx: &Ctx) -> Result<Vec<GasRow>> {
    let path = ctx.artifact(CONTRACT);
    if !path.exists() {
        println!("[bench] {CONTRACT}: no artifact yet, skipped");
        return Ok(vec![]);
    }
    let mut rows = Vec::new();
    let small = scenario(&path, 10)?;
    let large = scenario(&path, 10_000)?;
    for (op, gas) in &small.rows {
        rows.push(GasRow::solo(CONTRACT, op, *gas));
    }
    if let Some((_, g)) = large.rows.iter().find(|(op, _)| op.starts_with("credit_earnings (100")) {
        rows.push(GasRow::solo(CONTRACT, "credit_earnings (100 entries, mesi)", *g));
    }
    rows.push(GasRow::solo(CONTRACT, "claim (10,000 users)", large.claim));
    rows.push(GasRow::solo(CONTRACT, "claim_shortfall_mint (10,000 users)", large.claim_mint));
    Ok(rows)
}

struct Scenario {
    rows: Vec<(String, Gas)>,
    claim: Gas,
    claim_mint: Gas,
}

fn scenario(path: &std::path::Path, users: usize) -> Result<Scenario> {
    let mut vm = Vm::load(path)?;
    let owner = vm.addr("owner");
    let feeder = vm.addr("feeder");
    let operator = vm.addr("operator");
    let token = vm.addr("token");
    let me = vm.contract_addr();
    let groups: Vec<String> = ["micro", "seed-a", "seed-b", "community", "airdrop", "team", "strategic", "advisors"]
        .iter()
        .map(|g| vm.addr(g))
        .collect();
    vm.on_smart_query(move |_addr, msg: &Value| {
        if msg.get("minter").is_some() {
            return Some(json!({"minter": me, "cap": null}));
        }
        if msg.get("token_info").is_some() {
            return Some(json!({"name": "Mesi", "symbol": "MESI", "decimals": 6, "total_supply": GENESIS.to_string()}));
        }
        if msg.get("balance").is_some() {
            return Some(json!({"balance": TREASURY_BALANCE.to_string()}));
        }
        if msg.get("burned").is_some() {
            // the supply books count holder burns (SPEC §2); none in this scenario
            return Some(json!({"burned": "0"}));
        }
        None
    });
    vm.instantiate(&owner, &[], json!({
        "owner": null, "feeder": feeder, "operators": [operator],
        "max_price_age": null, "max_batch": null, "month_seconds": null,
        "pool_caps": [{"pool": "referral", "yearly_cap": (1_000_000 * M).to_string()}],
        "genesis_vesting": {
            "start": null, "micro_pre_seed": groups[0], "seed_a": groups[1], "seed_b": groups[2],
            "community_incentives": groups[3], "airdrop": groups[4], "core_team": groups[5],
            "strategic_partnerships": groups[6], "advisors": groups[7],
        },
    }))?;
    vm.execute(&owner, &[], json!({"set_token": {"address": token}}))?;

    let mut rows: Vec<(String, Gas)> = Vec::new();
    vm.execute(&feeder, &[], json!({"post_price": {"price": "0.05"}}))?;
    let g = vm.execute(&feeder, &[], json!({"post_price": {"price": "0.0501"}}))?.gas;
    rows.push(("post_price".into(), g));

    // Credit `users` users in batches of 100 (MESI), then one more credit each to two users (steady state).
    let names: Vec<String> = (0..users).map(|i| vm.addr(&format!("user-{i}"))).collect();
    let mut batch_100 = Gas::default();
    for chunk in names.chunks(100) {
        let credits: Vec<Value> = chunk.iter().map(|a| json!({"address": a, "amount": (5 * M).to_string()})).collect();
        batch_100 = vm.execute(&operator, &[], json!({"credit_earnings": {"currency": "mesi", "credits": credits}}))?.gas;
    }
    if users >= 100 {
        rows.push(("credit_earnings (100 entries, mesi)".into(), batch_100));
    }
    let g = vm
        .execute(&operator, &[], json!({"credit_earnings": {"currency": "usd", "credits": [{"address": names[1], "amount": "1000000"}]}}))?
        .gas;
    rows.push(("credit_earnings (1 entry, usd)".into(), g));

    vm.execute(&names[0], &[], json!({"claim": {}}))?;
    let out = vm.execute(&names[1], &[], json!({"claim": {}}))?;
    let claim = out.gas;
    rows.push(("claim".into(), claim));

    // Shortfall: an earner owed more than the whole reserve (transfer + mint).
    let whale = vm.addr("whale");
    vm.execute(&operator, &[], json!({"credit_earnings": {"currency": "mesi", "credits": [{"address": whale, "amount": GENESIS.to_string()}]}}))?;
    let out = vm.execute(&whale, &[], json!({"claim": {}}))?;
    if out.attr("minted").unwrap_or("0") == "0" {
        return Err(format!("{CONTRACT}: the whale's claim did not mint"));
    }
    let claim_mint = out.gas;
    rows.push(("claim_shortfall_mint".into(), claim_mint));
    // Burn back: refill the reserve through the Deposit hook, then burn from it; and buy-back-and-burn.
    vm.execute(&token, &[], json!({"receive": {"sender": owner, "amount": (10 * M).to_string(),
        "msg": base64(br#"{"deposit":{}}"#)}}))?;
    vm.execute(&owner, &[], json!({"burn_back": {"amount": "1"}}))?;
    rows.push(("burn_back".into(), vm.execute(&owner, &[], json!({"burn_back": {"amount": "1"}}))?.gas));
    let hook = json!({"receive": {"sender": names[2], "amount": M.to_string(),
        "msg": base64(br#"{"burn_back":{}}"#)}});
    rows.push(("receive burn_back (buy-back)".into(), vm.execute(&token, &[], hook)?.gas));

    // Merkle epoch with a 20-level proof.
    let earner = vm.addr("earner");
    let proof: Vec<String> = (1..=20u32).map(|i| format!("{i:064x}")).collect();
    let g = vm.execute(&operator, &[], json!({"post_epoch": {"root": ROOT_20, "total": (1_000_000 * M).to_string()}}))?.gas;
    rows.push(("post_epoch".into(), g));
    let g = vm
        .execute(&earner, &[], json!({"claim_epoch": {"epoch": 1, "amount": (42 * M).to_string(), "proof": proof}}))
        .map_err(|e| format!("{CONTRACT}: 20-level claim_epoch failed (address derivation changed?): {e}"))?
        .gas;
    rows.push(("claim_epoch (20-level proof)".into(), g));

    // Pools: fund, register a drawer, draw twice (steady state).
    let drawer = vm.addr("referral-contract");
    vm.execute(&token, &[], json!({"receive": {"sender": owner, "amount": (1_000 * M).to_string(),
        "msg": base64(br#"{"fund_pool":{"pool":"referral"}}"#)}}))?;
    vm.execute(&owner, &[], json!({"register_drawer": {"contract": drawer, "pool": "referral"}}))?;
    vm.execute(&drawer, &[], json!({"draw_from_pool": {"amount": M.to_string(), "recipient": names[3], "msg": null}}))?;
    let g = vm.execute(&drawer, &[], json!({"draw_from_pool": {"amount": M.to_string(), "recipient": names[4], "msg": null}}))?.gas;
    rows.push(("draw_from_pool".into(), g));

    // Vesting: community incentives (no cliff) after two months.
    vm.advance_seconds(2 * MONTH);
    let g = vm.execute(&groups[3], &[], json!({"claim_vested": {}}))?.gas;
    rows.push(("claim_vested".into(), g));

    vm.execute(&feeder, &[], json!({"post_price": {"price": "0.05"}}))?;
    rows.push(("query usd_to_mesi".into(), vm.query_gas(json!({"usd_to_mesi": {"usd": "10000000"}}))?));
    rows.push(("query pool".into(), vm.query_gas(json!({"pool": {"pool": "referral"}}))?));
    rows.push(("query price".into(), vm.query_gas(json!({"price": {}}))?));
    Ok(Scenario { rows, claim, claim_mint })
}

fn base64(data: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in data.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(T[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}
