//! mesi-influence (no anchor, issue 13): allocate to one and to two new galleries, reallocate (raise one, lower one),
//! lower (no cross-contract query), withdraw_all, and the hot queries. The token's `tier` and the gallery's
//! `gallery` queries are answered by stand-ins (cross-contract calls are not executed in this single-instance VM).
//!
//! Steady state: each operation is measured on its second occurrence (another user), so the galleries' counters
//! already exist.

use serde_json::{json, Value};

use super::{Ctx, GasRow};
use crate::harness::{Result, Vm};

const CONTRACT: &str = "mesi_influence";

pub fn run(ctx: &Ctx) -> Result<Vec<GasRow>> {
    let path = ctx.artifact(CONTRACT);
    if !path.exists() {
        println!("[bench] {CONTRACT}: no artifact yet, skipped");
        return Ok(vec![]);
    }
    let mut vm = Vm::load(&path)?;
    let owner = vm.addr("owner");
    let token = vm.addr("token");
    let gallery = vm.addr("gallery");
    vm.on_smart_query(move |_addr, msg: &Value| {
        if msg.get("tier").is_some() {
            return Some(json!({"tier": 2, "fan_tier": 2, "creator_tier": 0, "influence_points": "1000000000",
                "holding_score": "900000000", "locked": "100000000"}));
        }
        if let Some(q) = msg.get("gallery") {
            let creator = q["creator"].as_str()?.to_string();
            return Some(json!({"creator": creator, "items": [{"token_id": "art-1", "owner": creator, "sold": false,
                "token_uri": null, "info": {"creator": creator, "media_kind": "photo", "content_hash": "ab".repeat(32),
                "tags": [], "year": 2026, "ad_revenue": "ownership", "pay_per_view": false, "pledge": "0"}}]}));
        }
        None
    });
    vm.instantiate(&owner, &[], json!({"owner": null, "token": token, "gallery": gallery, "max_galleries": null}))?;

    let a = vm.addr("creator-a");
    let b = vm.addr("creator-b");
    let share = |c: &str, bps: u32| json!({"creator": c, "share_bps": bps});
    let mut rows = Vec::new();
    let fans: Vec<String> = (0..2).map(|i| vm.addr(&format!("fan-{i}"))).collect();
    let mut last = Vec::new();
    for fan in &fans {
        let one = vm.execute(fan, &[], json!({"allocate": {"shares": [share(&a, 4000)]}}))?.gas;
        vm.execute(fan, &[], json!({"withdraw_all": {}}))?;
        let two = vm.execute(fan, &[], json!({"allocate": {"shares": [share(&a, 4000), share(&b, 6000)]}}))?.gas;
        let re = vm.execute(fan, &[], json!({"allocate": {"shares": [share(&a, 7000), share(&b, 3000)]}}))?.gas;
        let lower = vm.execute(fan, &[], json!({"allocate": {"shares": [share(&a, 4000)]}}))?.gas;
        let all = vm.execute(fan, &[], json!({"withdraw_all": {}}))?.gas;
        last = vec![one, two, re, lower, all];
        // leave this fan's split in place for the queries
        vm.execute(fan, &[], json!({"allocate": {"shares": [share(&a, 4000), share(&b, 6000)]}}))?;
    }
    for (op, g) in ["allocate_1_new", "allocate_2_new", "reallocate_raise_1_lower_1", "lower_no_query", "withdraw_all_2"]
        .into_iter()
        .zip(last)
    {
        rows.push(GasRow::solo(CONTRACT, op, g));
    }
    rows.push(GasRow::solo(CONTRACT, "allocation_2_galleries", vm.query_gas(json!({"allocation": {"user": fans[1]}}))?));
    rows.push(GasRow::solo(
        CONTRACT,
        "supporters_page_2",
        vm.query_gas(json!({"supporters": {"creator": a, "start_after": null, "limit": 10}}))?,
    ));
    rows.push(GasRow::solo(CONTRACT, "gallery_stats", vm.query_gas(json!({"gallery_stats": {"creator": a}}))?));
    Ok(rows)
}
