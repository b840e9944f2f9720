//! mesi-token beside cw20-base 2.0.0: the same cw20 operations on both, in the same order and state, plus the
//! token's own lock and holding-score query (no anchor).
//!
//! Every operation is run twice and the second run is measured, so both contracts are in their steady state (the
//! recipient, the allowance and the per-account records already exist). `transfer_new_account` is the exception:
//! it pays to a fresh address.

use serde_json::{json, Value};

use super::{Ctx, GasRow};
use crate::harness::{Gas, Result, Vm};

const CONTRACT: &str = "mesi_token";
const ANCHOR: &str = "cw20_base";
/// 100,000,000,000 MESI with 6 decimals: the token's required genesis supply.
const SUPPLY: u128 = 100_000_000_000_000_000;
/// The part of it the benched account does not hold.
const OTHERS: u128 = 1_000_000_000_000;

pub fn run(ctx: &Ctx) -> Result<Vec<GasRow>> {
    let anchor_path = ctx.anchor(ANCHOR);
    let token_path = ctx.artifact(CONTRACT);
    let anchor = cw20_ops(&mut Vm::load(&anchor_path)?, Flavour::Cw20Base)?;
    let anchor_only = |anchor: Vec<(&str, Gas)>| -> Vec<GasRow> {
        anchor.into_iter().map(|(op, g)| GasRow::solo(ANCHOR, op, g)).collect()
    };
    if !token_path.exists() {
        println!("[bench] {CONTRACT}: no artifact yet, only the {ANCHOR} side is measured");
        return Ok(anchor_only(anchor));
    }
    let mine = match Vm::load(&token_path).and_then(|mut vm| cw20_ops(&mut vm, Flavour::Mesi)) {
        Ok(rows) => rows,
        Err(e) => {
            super::report_failure(CONTRACT, &e);
            return Ok(anchor_only(anchor));
        }
    };
    let mut rows = Vec::new();
    for (op, gas) in mine {
        match anchor.iter().find(|(o, _)| *o == op) {
            Some((_, a)) => rows.push(GasRow::versus(CONTRACT, op, gas, ANCHOR, *a)),
            None => rows.push(GasRow::solo(CONTRACT, op, gas)),
        }
    }
    Ok(rows)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Flavour {
    Cw20Base,
    Mesi,
}

/// Runs the scenario and returns (operation, gas) in table order.
fn cw20_ops(vm: &mut Vm, flavour: Flavour) -> Result<Vec<(&'static str, Gas)>> {
    let admin = vm.addr("admin");
    let alice = vm.addr("alice");
    let bob = vm.addr("bob");
    let carol = vm.addr("carol");
    let minter = vm.addr("minter");
    let treasury = vm.addr("treasury");
    let receiver = vm.addr("receiver-contract");

    let msg = match flavour {
        Flavour::Cw20Base => json!({
            "name": "Anchor Token", "symbol": "ANCHOR", "decimals": 6,
            "initial_balances": [
                {"address": alice, "amount": (SUPPLY - OTHERS).to_string()},
                {"address": treasury, "amount": OTHERS.to_string()},
            ],
            "mint": {"minter": minter, "cap": null},
            "marketing": null,
        }),
        Flavour::Mesi => json!({
            "name": "Mesi", "symbol": "MESI", "decimals": 6,
            "allocations": [
                {"label": "bench", "address": alice, "amount": (SUPPLY - OTHERS).to_string()},
                {"label": "treasury", "address": treasury, "amount": OTHERS.to_string()},
            ],
            "mint": {"minter": minter, "cap": null},
            "marketing": null,
            "arbiter": admin,
            "treasury": treasury,
        }),
    };
    vm.instantiate(&admin, &[], msg)?;

    let mut out = Vec::new();
    let amount = |n: u128| Value::String(n.to_string());

    // A first transfer to a fresh account (creates its balance and, for the token, its score record).
    let g = vm.execute(&alice, &[], json!({"transfer": {"recipient": bob, "amount": amount(1_000_000)}}))?.gas;
    out.push(("transfer_new_account", g));
    let twice = |vm: &mut Vm, sender: &str, msg: Value| -> Result<Gas> {
        vm.execute(sender, &[], msg.clone())?;
        Ok(vm.execute(sender, &[], msg)?.gas)
    };
    out.push(("transfer", twice(vm, &alice, json!({"transfer": {"recipient": bob, "amount": amount(1_000_000)}}))?));
    let hook = cosmwasm_std::Binary::from(br#"{"deposit":{}}"#.as_slice()).to_base64();
    out.push((
        "send",
        twice(vm, &alice, json!({"send": {"contract": receiver, "amount": amount(1_000_000), "msg": hook}}))?,
    ));
    out.push((
        "increase_allowance",
        twice(vm, &alice, json!({"increase_allowance": {"spender": carol, "amount": amount(10_000_000), "expires": null}}))?,
    ));
    out.push((
        "transfer_from",
        twice(vm, &carol, json!({"transfer_from": {"owner": alice, "recipient": bob, "amount": amount(1_000_000)}}))?,
    ));
    out.push(("burn", twice(vm, &alice, json!({"burn": {"amount": amount(1_000_000)}}))?));
    out.push(("mint", twice(vm, &minter, json!({"mint": {"recipient": bob, "amount": amount(1_000_000)}}))?));
    if flavour == Flavour::Mesi {
        out.push(("lock", twice(vm, &alice, json!({"lock": {"amount": amount(1_000_000)}}))?));
    }
    // A transfer after the lock (the token must now compare against the locked amount).
    if flavour == Flavour::Mesi {
        out.push((
            "transfer_with_lock",
            twice(vm, &alice, json!({"transfer": {"recipient": bob, "amount": amount(1_000_000)}}))?,
        ));
    }
    out.push(("balance", vm.query_gas(json!({"balance": {"address": alice}}))?));
    if flavour == Flavour::Mesi {
        // Let the 7-day window fill and roll over once, then ask.
        vm.advance_seconds(8 * 24 * 3600);
        vm.execute(&alice, &[], json!({"transfer": {"recipient": bob, "amount": amount(1)}}))?;
        out.push(("holding_score", vm.query_gas(json!({"holding_score": {"address": alice}}))?));
    }
    Ok(out)
}
