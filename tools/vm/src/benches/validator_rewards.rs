//! mesi-validator-rewards (no anchor): claim with 10 and with 1,000 whitelisted validators (the O(1) claim: the
//! ratio should be ~1.0), apply, whitelist, stake (top-up), unstake, fund, report_work (a batch of 50), close_epoch,
//! claim_work, claim_unbonded and the hot queries. Stake and funding arrive as the token's Receive hook (sender =
//! the token address); the token's `token_info` query is answered by a stand-in (supply 1,000,000 MESI: threshold
//! 2,500 MESI); the chain's validators by the staking querier. cw20 transfers the contract returns are only
//! returned, not run.

use cosmwasm_std::Binary;
use serde_json::{json, Value};

use super::{Ctx, GasRow};
use crate::harness::{Outcome, Result, Vm};

const CONTRACT: &str = "mesi_validator_rewards";
const M: u128 = 1_000_000;
const STAKE: u128 = 2_500 * M;
const DAY: u64 = 86_400;

/// Validator i's operator address: staker s<i>'s address bytes under the `cosmwasmvaloper` prefix
/// (the contract only lets a validator's own operator account apply, SPEC §6).
fn valoper(vm: &Vm, i: usize) -> Result<String> {
    let (_, bytes) = bech32::decode(&vm.addr(&format!("s{i}"))).map_err(|e| e.to_string())?;
    let hrp = bech32::Hrp::parse("cosmwasmvaloper").map_err(|e| e.to_string())?;
    bech32::encode::<bech32::Bech32>(hrp, &bytes).map_err(|e| e.to_string())
}

fn hook(vm: &mut Vm, token: &str, sender: &str, amount: u128, msg: Value) -> Result<Outcome> {
    let inner = Binary::from(serde_json::to_vec(&msg).map_err(|e| e.to_string())?).to_base64();
    vm.execute(token, &[], json!({"receive": {"sender": sender, "amount": amount.to_string(), "msg": inner}}))
}

/// Stakers s<from>..s<to> apply with validator i and are whitelisted.
fn join(vm: &mut Vm, token: &str, owner: &str, from: usize, to: usize) -> Result<()> {
    for i in from..to {
        let staker = vm.addr(&format!("s{i}"));
        let validator = valoper(vm, i)?;
        hook(vm, token, &staker, STAKE, json!({"apply": {"validator": validator}}))?;
        vm.execute(owner, &[], json!({"whitelist": {"validator": validator}}))?;
    }
    Ok(())
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
    let token = vm.addr("token");
    let treasury = vm.addr("treasury");
    let funder = vm.addr("funder");
    vm.on_smart_query(|_addr, msg: &Value| {
        msg.get("token_info").map(|_| {
            json!({"name": "Mesi", "symbol": "MESI", "decimals": 6, "total_supply": (1_000_000 * M).to_string()})
        })
    });
    let validators = (0..1_002).map(|i| valoper(&vm, i)).collect::<Result<Vec<_>>>()?;
    vm.set_validators(&validators);
    vm.instantiate(&owner, &[], json!({
        "token": token, "treasury": treasury, "operator": operator, "threshold_bps": null,
        "unbonding_period": null, "stream_period": null, "max_work_entries": null,
        "max_pending_unbondings": null, "owner": null,
    }))?;

    let mut rows = Vec::new();
    // apply + whitelist: measured on the 10th validator.
    join(&mut vm, &token, &owner, 0, 9)?;
    let s9 = vm.addr("s9");
    let g = hook(&mut vm, &token, &s9, STAKE, json!({"apply": {"validator": validators[9]}}))?.gas;
    rows.push(GasRow::solo(CONTRACT, "apply", g));
    let g = vm.execute(&owner, &[], json!({"whitelist": {"validator": validators[9]}}))?.gas;
    rows.push(GasRow::solo(CONTRACT, "whitelist", g));

    // fund: second funding (the stream is running).
    hook(&mut vm, &token, &funder, 1_000_000 * M, json!({"fund": {}}))?;
    vm.advance_seconds(DAY);
    let g = hook(&mut vm, &token, &funder, 1_000_000 * M, json!({"fund": {}}))?.gas;
    rows.push(GasRow::solo(CONTRACT, "fund", g));

    // claim with 10 whitelisted validators (s0 claims once before: s1's first claim is measured).
    vm.advance_seconds(DAY);
    let s0 = vm.addr("s0");
    let s1 = vm.addr("s1");
    let s2 = vm.addr("s2");
    vm.execute(&s0, &[], json!({"claim": {}}))?;
    let claim_10 = vm.execute(&s1, &[], json!({"claim": {}}))?.gas;
    rows.push(GasRow::solo(CONTRACT, "claim (10 validators)", claim_10));

    // stake (top-up) and unstake.
    let g = hook(&mut vm, &token, &s0, 1_000 * M, json!({"stake": {}}))?.gas;
    rows.push(GasRow::solo(CONTRACT, "stake (top-up)", g));
    let g = vm.execute(&s0, &[], json!({"unstake": {"amount": (1_000 * M).to_string()}}))?.gas;
    rows.push(GasRow::solo(CONTRACT, "unstake", g));

    // 990 more validators, then s2's first claim.
    join(&mut vm, &token, &owner, 10, 1_000)?;
    vm.advance_seconds(DAY);
    let claim_1000 = vm.execute(&s2, &[], json!({"claim": {}}))?.gas;
    rows.push(GasRow::solo(CONTRACT, "claim (1,000 validators)", claim_1000));
    println!(
        "[bench] {CONTRACT}: claim gas 10 validators {} / 1,000 validators {} (ratio {:.3})",
        claim_10.vm,
        claim_1000.vm,
        claim_1000.vm as f64 / claim_10.vm.max(1) as f64
    );
    let g = vm.execute(&s0, &[], json!({"unstake": {"amount": "1"}}))?.gas;
    rows.push(GasRow::solo(CONTRACT, "unstake (1,000 validators)", g));

    // claim_unbonded after the unbonding period.
    vm.advance_seconds(21 * DAY);
    let g = vm.execute(&s0, &[], json!({"claim_unbonded": {}}))?.gas;
    rows.push(GasRow::solo(CONTRACT, "claim_unbonded (2 entries)", g));

    // work stream: fund an epoch, a batch of 50, close, one claim.
    hook(&mut vm, &token, &funder, 1_000 * M, json!({"fund_epoch": {"epoch": 1}}))?;
    let entries: Vec<Value> = (0..50)
        .map(|i| json!({"contributor": vm.addr(&format!("w{i}")), "units": (i + 1).to_string()}))
        .collect();
    let g = vm.execute(&operator, &[], json!({"report_work": {"epoch": 1, "entries": entries}}))?.gas;
    rows.push(GasRow::solo(CONTRACT, "report_work (50 entries)", g));
    let g = vm.execute(&operator, &[], json!({"close_epoch": {"epoch": 1}}))?.gas;
    rows.push(GasRow::solo(CONTRACT, "close_epoch", g));
    let w0 = vm.addr("w0");
    let g = vm.execute(&w0, &[], json!({"claim_work": {"epochs": [1]}}))?.gas;
    rows.push(GasRow::solo(CONTRACT, "claim_work (1 epoch)", g));

    let (_, q) = vm.query(json!({"validator": {"validator": validators[3]}}))?;
    rows.push(GasRow::solo(CONTRACT, "query validator", q));
    let (_, q) = vm.query(json!({"stream": {}}))?;
    rows.push(GasRow::solo(CONTRACT, "query stream", q));
    Ok(rows)
}
