//! mesi-bid-to-meet (no anchor): place a bid (at 10 and at 1,010 open bids on the same creator: O(1) per bid),
//! raise, withdraw, accept, release, open a slot, slot bid, outbid with a refund credit, withdraw refunds, and
//! the hot queries. Bids arrive as the token's Receive hook (sender = the token address); the token's `tier` and
//! the treasury's `usd_to_mesi` queries are answered by stand-ins (tier 3: 800 USD at 0.05 USD/MESI =
//! 16,000 MESI). The cw20 transfers the contract returns are only returned, not run.
//!
//! Steady state: each operation is measured on its second occurrence, so counters and indexes exist.

use cosmwasm_std::Binary;
use serde_json::{json, Value};

use super::{Ctx, GasRow};
use crate::harness::{Result, Vm};

const CONTRACT: &str = "mesi_bid_to_meet";
const M: u128 = 1_000_000;
/// The one-time meeting code and hex sha256 of it (precomputed: the harness has no hash dependency).
const CODE: &str = "meeting-code";
const CODE_HASH: &str = "c9972487785fd6c5d9c8d9cdda5dd0f59b372cf39c10f8305634aebfd2f70fab";
/// hex sha256("other-code"), for the unmeasured first accept.
const OTHER_HASH: &str = "f25bdc5e071d3421911ef98c252f6c6d52ff9d37dbef881828ee4d6dff4e940a";

fn hook(token: &str, vm: &mut Vm, fan: &str, amount: u128, msg: Value) -> Result<crate::harness::Outcome> {
    let inner = Binary::from(serde_json::to_vec(&msg).map_err(|e| e.to_string())?).to_base64();
    vm.execute(token, &[], json!({"receive": {"sender": fan, "amount": amount.to_string(), "msg": inner}}))
}

fn bid_id(out: &crate::harness::Outcome) -> Result<u64> {
    out.attr("bid_id")
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| format!("{CONTRACT}: no bid_id attribute"))
}

pub fn run(ctx: &Ctx) -> Result<Vec<GasRow>> {
    let path = ctx.artifact(CONTRACT);
    if !path.exists() {
        println!("[bench] {CONTRACT}: no artifact yet, skipped");
        return Ok(vec![]);
    }
    let mut vm = Vm::load(&path)?;
    let owner = vm.addr("owner");
    let operator = vm.addr("operator");
    let arbiter = vm.addr("arbiter");
    let token = vm.addr("token");
    let treasury = vm.addr("treasury");
    vm.on_smart_query(|_addr, msg: &Value| {
        if msg.get("tier").is_some() {
            return Some(json!({"tier": 3, "influence_points": "300000000", "holding_score": "300000000", "locked": "0"}));
        }
        if let Some(q) = msg.get("usd_to_mesi") {
            let usd: u128 = q["usd"].as_str()?.parse().ok()?;
            return Some(json!({"usd": usd.to_string(), "mesi": (usd * 20).to_string(), "price": "0.05"}));
        }
        None
    });
    vm.instantiate(&owner, &[], json!({
        "owner": null, "token": token, "treasury": treasury, "operator": operator, "arbiter": arbiter,
        "commission_bps": null, "tier_limits_usd": null, "kyf_window": null, "meeting_window": null,
        "anti_snipe_window": null, "anti_snipe_extension": null, "max_slot_duration": null,
        "slot_settle_window": null,
    }))?;

    let mut rows = Vec::new();
    let creator = vm.addr("creator");
    let creator2 = vm.addr("creator-2");
    vm.execute(&creator2, &[], json!({"enable": {"min_bid": "1000000", "formats": ["virtual_video"]}}))?;
    let g = vm.execute(&creator, &[], json!({"enable": {"min_bid": "1000000", "formats": ["in_person", "virtual_video"]}}))?.gas;
    rows.push(GasRow::solo(CONTRACT, "enable", g));

    let fans: Vec<String> = (0..12).map(|i| vm.addr(&format!("fan-{i}"))).collect();
    for f in &fans[1..] {
        vm.execute(&operator, &[], json!({"set_kyc": {"address": f, "completed": true}}))?;
    }
    let g = vm.execute(&operator, &[], json!({"set_kyc": {"address": fans[0], "completed": true}}))?.gas;
    rows.push(GasRow::solo(CONTRACT, "set_kyc", g));

    let bid = |creator: &str| json!({"bid": {"creator": creator, "format": "virtual_video"}});
    // 10 open bids on the creator, then the measured one
    for f in &fans[..10] {
        hook(&token, &mut vm, f, 50 * M, bid(&creator))?;
    }
    let out = hook(&token, &mut vm, &fans[10], 50 * M, bid(&creator))?;
    let measured = bid_id(&out)?;
    rows.push(GasRow::solo(CONTRACT, "place_bid (10 open)", out.gas));

    // raise and withdraw (steady state: second occurrence)
    hook(&token, &mut vm, &fans[0], 5 * M, json!({"raise": {"bid_id": 1}}))?;
    let g = hook(&token, &mut vm, &fans[1], 5 * M, json!({"raise": {"bid_id": 2}}))?.gas;
    rows.push(GasRow::solo(CONTRACT, "raise", g));
    vm.execute(&fans[2], &[], json!({"withdraw": {"bid_id": 3}}))?;
    let g = vm.execute(&fans[3], &[], json!({"withdraw": {"bid_id": 4}}))?.gas;
    rows.push(GasRow::solo(CONTRACT, "withdraw", g));

    // accept + release
    vm.execute(&creator, &[], json!({"accept": {"bid_id": 5, "code_hash": OTHER_HASH, "request_kyf": false}}))?;
    let g = vm
        .execute(&creator, &[], json!({"accept": {"bid_id": measured, "code_hash": CODE_HASH, "request_kyf": false}}))?
        .gas;
    rows.push(GasRow::solo(CONTRACT, "accept", g));
    let out = vm.execute(&fans[10], &[], json!({"release": {"bid_id": measured, "code": CODE}}))?;
    if out.response.messages.len() != 2 {
        return Err(format!("{CONTRACT}: release should send creator share + commission"));
    }
    rows.push(GasRow::solo(CONTRACT, "release", out.gas));

    // 1,000 more open bids on the same creator (other fans): bid gas must not grow
    for i in 0..1_000 {
        let f = vm.addr(&format!("crowd-{i}"));
        vm.execute(&operator, &[], json!({"set_kyc": {"address": f, "completed": true}}))?;
        hook(&token, &mut vm, &f, 2 * M, bid(&creator))?;
    }
    let g = hook(&token, &mut vm, &fans[11], 50 * M, bid(&creator))?.gas;
    rows.push(GasRow::solo(CONTRACT, "place_bid (1010 open)", g));

    // slots: open, first bid, outbid (refund credit), withdraw refunds
    let end = vm.block_time().seconds() + 86_400;
    let slot = json!({"open_slot": {"format": "virtual_video", "end_time": end, "min_bid": "10000000", "min_increment": "1000000"}});
    vm.execute(&creator, &[], slot.clone())?;
    let g = vm.execute(&creator, &[], slot)?.gas;
    rows.push(GasRow::solo(CONTRACT, "open_slot", g));
    hook(&token, &mut vm, &fans[0], 10 * M, json!({"slot_bid": {"slot_id": 1}}))?;
    let g = hook(&token, &mut vm, &fans[1], 10 * M, json!({"slot_bid": {"slot_id": 2}}))?.gas;
    rows.push(GasRow::solo(CONTRACT, "slot_bid (first)", g));
    hook(&token, &mut vm, &fans[2], 11 * M, json!({"slot_bid": {"slot_id": 1}}))?;
    let out = hook(&token, &mut vm, &fans[3], 11 * M, json!({"slot_bid": {"slot_id": 2}}))?;
    if out.attr("refund_credit").is_none() {
        return Err(format!("{CONTRACT}: outbid did not credit a refund"));
    }
    rows.push(GasRow::solo(CONTRACT, "slot_bid (outbid + refund credit)", out.gas));
    vm.execute(&fans[0], &[], json!({"withdraw_refunds": {}}))?;
    let g = vm.execute(&fans[1], &[], json!({"withdraw_refunds": {}}))?.gas;
    rows.push(GasRow::solo(CONTRACT, "withdraw_refunds", g));

    rows.push(GasRow::solo(CONTRACT, "q bid", vm.query_gas(json!({"bid": {"bid_id": measured}}))?));
    rows.push(GasRow::solo(
        CONTRACT,
        "q bids_by_creator page 10",
        vm.query_gas(json!({"bids_by_creator": {"creator": creator, "start_after": null, "limit": 10}}))?,
    ));
    Ok(rows)
}
