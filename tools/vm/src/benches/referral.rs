//! mesi-referral (no anchor): register a code, refer, validate-and-pay, validate-owed, settle one owed referral,
//! and the hot queries. The token's `tier` and the treasury's `usd_to_mesi` / `pool` / `price` queries are answered
//! by stand-ins (cross-contract calls are not executed in this single-instance VM); the `draw_from_pool` message
//! validation returns is only returned, not run.
//!
//! Steady state: each operation is measured on its second occurrence (other users), so the referrer's records
//! and the counters already exist.

use std::cell::Cell;
use std::rc::Rc;

use serde_json::{json, Value};

use super::{Ctx, GasRow};
use crate::harness::{Result, Vm};

const CONTRACT: &str = "mesi_referral";

pub fn run(ctx: &Ctx) -> Result<Vec<GasRow>> {
    let path = ctx.artifact(CONTRACT);
    if !path.exists() {
        println!("[bench] {CONTRACT}: no artifact yet, skipped");
        return Ok(vec![]);
    }
    let mut vm = Vm::load(&path)?;
    let owner = vm.addr("owner");
    let operator = vm.addr("operator");
    let token = vm.addr("token");
    let treasury = vm.addr("treasury");

    // The referral pool's `available`, switchable to measure the owed path.
    let available = Rc::new(Cell::new(1_000_000_000_000u128));
    let avail = available.clone();
    vm.on_smart_query(move |_addr, msg: &Value| {
        if msg.get("tier").is_some() {
            return Some(json!({"tier": 3, "influence_points": "0", "holding_score": "0", "locked": "2000000000"}));
        }
        if let Some(q) = msg.get("usd_to_mesi") {
            // USD 0.05 per MESI: mesi = usd * 20
            let usd: u128 = q["usd"].as_str()?.parse().ok()?;
            return Some(json!({"usd": usd.to_string(), "mesi": (usd * 20).to_string(), "price": "0.05"}));
        }
        if msg.get("pool").is_some() {
            let a = avail.get().to_string();
            // an empty pool keeps its yearly cap: a bonus above the cap is refused, not owed (issue 12 §7)
            return Some(json!({"pool": "referral", "balance": a, "yearly_cap": "1000000000000",
                "drawn_this_year": "0", "year_start": 0, "available": a}));
        }
        if msg.get("price").is_some() {
            return Some(json!({"price": "0.05", "updated_at": 0, "age": 0, "max_age": 3600, "fresh": true}));
        }
        None
    });
    vm.instantiate(&owner, &[], json!({
        "owner": null, "token": token, "treasury": treasury, "operator": operator,
        "bonus_usd": null, "multipliers": null,
    }))?;

    let mut rows = Vec::new();
    let r1 = vm.addr("referrer-1");
    let r2 = vm.addr("referrer-2");
    vm.execute(&r1, &[], json!({"register_code": {"code": "first-referrer"}}))?;
    let g = vm.execute(&r2, &[], json!({"register_code": {"code": "Second_Referrer"}}))?.gas;
    rows.push(GasRow::solo(CONTRACT, "register_code", g));

    let users: Vec<String> = (0..6).map(|i| vm.addr(&format!("user-{i}"))).collect();
    vm.execute(&users[0], &[], json!({"refer": {"code": "first-referrer"}}))?;
    let g = vm.execute(&users[1], &[], json!({"refer": {"code": "first-referrer"}}))?.gas;
    rows.push(GasRow::solo(CONTRACT, "refer", g));
    for u in &users[2..] {
        vm.execute(u, &[], json!({"refer": {"code": "first-referrer"}}))?;
    }

    vm.execute(&operator, &[], json!({"validate": {"referee": users[0]}}))?;
    let out = vm.execute(&operator, &[], json!({"validate": {"referee": users[1]}}))?;
    if out.attr("status") != Some("paid") {
        return Err(format!("{CONTRACT}: validate did not pay: {:?}", out.attr("status")));
    }
    rows.push(GasRow::solo(CONTRACT, "validate_and_pay", out.gas));

    // The pool is empty: the next two validations are recorded as owed.
    available.set(0);
    vm.execute(&operator, &[], json!({"validate": {"referee": users[2]}}))?;
    let out = vm.execute(&operator, &[], json!({"validate": {"referee": users[3]}}))?;
    if out.attr("status") != Some("owed") {
        return Err(format!("{CONTRACT}: validate with an empty pool was not owed: {:?}", out.attr("status")));
    }
    rows.push(GasRow::solo(CONTRACT, "validate_owed", out.gas));
    vm.execute(&operator, &[], json!({"reject": {"referee": users[4]}}))?;
    let g = vm.execute(&operator, &[], json!({"reject": {"referee": users[5]}}))?.gas;
    rows.push(GasRow::solo(CONTRACT, "reject", g));

    // Refilled: settle the two owed referrals one per call.
    available.set(1_000_000_000_000);
    let anyone = vm.addr("anyone");
    vm.execute(&anyone, &[], json!({"settle_owed": {"limit": 1}}))?;
    let g = vm.execute(&anyone, &[], json!({"settle_owed": {"limit": 1}}))?.gas;
    rows.push(GasRow::solo(CONTRACT, "settle_owed_1", g));

    rows.push(GasRow::solo(CONTRACT, "referrer_of", vm.query_gas(json!({"referrer_of": {"address": users[1]}}))?));
    rows.push(GasRow::solo(
        CONTRACT,
        "referrals_page_10",
        vm.query_gas(json!({"referrals": {"referrer": r1, "start_after": null, "limit": 10}}))?,
    ));
    rows.push(GasRow::solo(CONTRACT, "status", vm.query_gas(json!({"status": {}}))?));
    Ok(rows)
}
