//! mesi-gallery beside cw721-base 0.22.0: the same cw721 operations on both (mint, transfer_nft, send_nft,
//! approve, burn, nft_info, owner_of; a mint with 2 tags and one without), plus the gallery's own pledge, resolve and
//! gallery page queries (no anchor).
//!
//! Steady state: the measured operation is the second of its kind (the collection counters, the owners' index
//! entries exist); every mint creates a new token by nature. Both collections hold the same 12 tokens when the
//! queries run; the gallery page query returns a full page of 10.

use serde_json::{json, Value};

use super::{Ctx, GasRow};
use crate::harness::{coins, Gas, Result, Vm};

const CONTRACT: &str = "mesi_gallery";
const ANCHOR: &str = "cw721_base";
const DENOM: &str = "uusdc";
const HASH: &str = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

pub fn run(ctx: &Ctx) -> Result<Vec<GasRow>> {
    let anchor = ops(&mut Vm::load(&ctx.anchor(ANCHOR))?, false)?;
    let path = ctx.artifact(CONTRACT);
    if !path.exists() {
        println!("[bench] {CONTRACT}: no artifact yet, only the {ANCHOR} side is measured");
        return Ok(anchor
            .into_iter()
            .map(|(op, g)| GasRow { contract: ANCHOR.into(), operation: op.into(), gas: g, anchor: None, anchor_gas: None })
            .collect());
    }
    let mine = ops(&mut Vm::load(&path)?, true)?;
    Ok(mine
        .into_iter()
        .map(|(op, gas)| match anchor.iter().find(|(o, _)| *o == op) {
            Some((_, a)) => GasRow::versus(CONTRACT, op, gas, ANCHOR, *a),
            None => GasRow::solo(CONTRACT, op, gas),
        })
        .collect())
}

fn mint_msg(id: &str, owner: &str, gallery: bool, tags: &[&str]) -> Value {
    let extension = if gallery {
        json!({"media_kind": "photo", "content_hash": HASH, "tags": tags, "year": 2024,
               "ad_revenue": {"hybrid": {"creator_bps": 7000}}, "pay_per_view": true, "rights_confirmed": true})
    } else {
        Value::Null
    };
    json!({"mint": {"token_id": id, "owner": owner, "token_uri": format!("ipfs://bafybeigdyrzt/{id}.json"), "extension": extension}})
}

/// Runs the scenario and returns (operation, gas) in table order.
fn ops(vm: &mut Vm, gallery: bool) -> Result<Vec<(&'static str, Gas)>> {
    let admin = vm.addr("admin");
    let arbiter = vm.addr("arbiter");
    let alice = vm.addr("alice");
    let bob = vm.addr("bob");
    let carol = vm.addr("carol");
    let market = vm.addr("market-contract");
    let msg = if gallery {
        json!({"name": "Mesi Gallery", "symbol": "MESIG", "arbiter": arbiter, "pledge_denom": DENOM, "owner": admin})
    } else {
        // cw721-base: the creator (alice) is the collection's minter.
        json!({"name": "Anchor NFT", "symbol": "ANFT", "collection_info_extension": null,
               "minter": alice, "creator": alice, "withdraw_address": null})
    };
    vm.instantiate(&admin, &[], msg)?;
    let mut out = Vec::new();

    // 12 tokens of alice's, two tags each on the gallery side; the second mint is the measured one.
    vm.execute(&alice, &[], mint_msg("t00", &alice, gallery, &["sunset", "sea"]))?;
    out.push(("mint", vm.execute(&alice, &[], mint_msg("t01", &alice, gallery, &["sunset", "sea"]))?.gas));
    for i in 2..12 {
        vm.execute(&alice, &[], mint_msg(&format!("t{i:02}"), &alice, gallery, &["sunset", "sea"]))?;
    }

    let transfer = |to: &str, id: &str| json!({"transfer_nft": {"recipient": to, "token_id": id}});
    vm.execute(&alice, &[], transfer(&bob, "t00"))?;
    out.push(("transfer_nft", vm.execute(&alice, &[], transfer(&bob, "t01"))?.gas));

    let hook = cosmwasm_std::Binary::from(br#"{"list":{}}"#.as_slice()).to_base64();
    let send = |id: &str| json!({"send_nft": {"contract": market, "token_id": id, "msg": hook}});
    vm.execute(&alice, &[], send("t02"))?;
    out.push(("send_nft", vm.execute(&alice, &[], send("t03"))?.gas));

    let approve = |id: &str| json!({"approve": {"spender": carol, "token_id": id, "expires": null}});
    vm.execute(&alice, &[], approve("t04"))?;
    out.push(("approve", vm.execute(&alice, &[], approve("t05"))?.gas));

    vm.execute(&alice, &[], json!({"burn": {"token_id": "t10"}}))?;
    out.push(("burn", vm.execute(&alice, &[], json!({"burn": {"token_id": "t11"}}))?.gas));
    // re-mint so both sides hold 12 tokens for the queries
    vm.execute(&alice, &[], mint_msg("t10", &alice, gallery, &["sunset", "sea"]))?;
    vm.execute(&alice, &[], mint_msg("t11", &alice, gallery, &["sunset", "sea"]))?;

    if gallery {
        let pledge = |id: &str| json!({"pledge": {"token_id": id}});
        vm.execute(&alice, &coins(1_000_000, DENOM), pledge("t06"))?;
        out.push(("pledge", vm.execute(&alice, &coins(1_000_000, DENOM), pledge("t07"))?.gas));
        out.push(("pledge_increase", vm.execute(&alice, &coins(1_000_000, DENOM), pledge("t07"))?.gas));
        let resolve = |id: &str, amount: u128| {
            json!({"resolve": {"token_id": id, "outcome": {"transfer_to": {"address": carol}},
                   "payouts": [{"address": carol, "amount": (amount - 1).to_string()}, {"address": bob, "amount": "1"}]}})
        };
        vm.execute(&arbiter, &[], resolve("t06", 1_000_000))?;
        out.push(("resolve_transfer", vm.execute(&arbiter, &[], resolve("t07", 2_000_000))?.gas));
        out.push((
            "set_pay_per_view",
            vm.execute(&alice, &[], json!({"set_pay_per_view": {"token_id": "t08", "enabled": false}}))?.gas,
        ));
    }

    out.push(("nft_info", vm.query_gas(json!({"nft_info": {"token_id": "t08"}}))?));
    out.push(("owner_of", vm.query_gas(json!({"owner_of": {"token_id": "t08", "include_expired": null}}))?));
    out.push(("tokens_page_10", vm.query_gas(json!({"tokens": {"owner": alice, "start_after": null, "limit": 10}}))?));
    if gallery {
        out.push((
            "gallery_page_10",
            vm.query_gas(json!({"gallery": {"creator": alice, "filter": null, "start_after": null, "limit": 10}}))?,
        ));
        out.push((
            "gallery_page_10_tag",
            vm.query_gas(json!({"gallery": {"creator": alice, "filter": {"tag": "sea"}, "start_after": null, "limit": 10}}))?,
        ));
        // the year filter merges the three (creator, kind, year) prefixes (issue 15 layout)
        out.push((
            "gallery_page_10_year",
            vm.query_gas(json!({"gallery": {"creator": alice, "filter": {"year": 2024}, "start_after": null, "limit": 10}}))?,
        ));
    }
    // a mint without tags (the gallery key is then its only write beyond cw721-base's), last so the rows above
    // keep their 12-token state
    out.push(("mint_no_tags", vm.execute(&alice, &[], mint_msg("t12", &alice, gallery, &[]))?.gas));
    Ok(out)
}
