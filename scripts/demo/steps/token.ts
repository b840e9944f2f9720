// $MESI walkthrough: genesis split, transfer, allowance spend, send to a contract, lock + refused transfer,
// holding score and tier.
import { toBinary } from "@cosmjs/cosmwasm-stargate";
import { MesiTokenClient, MesiTokenQueryClient } from "../../../clients/src/MesiToken.client";
import { MESI, fmtMesi } from "../../deploy/genesis";
import type { DemoStep } from "../context";

const m = (whole: number) => (BigInt(whole) * MESI).toString();

export const tokenDemo: DemoStep = {
  name: "token",
  needs: ["token"],
  async run(demo) {
    const addr = demo.contract("token")!;
    const alice = demo.actor("alice"), bob = demo.actor("bob"), carol = demo.actor("carol"), liq = demo.actor("liquidity");
    const q = new MesiTokenQueryClient(alice.client, addr);
    const as = (a: typeof alice) => new MesiTokenClient(a.client, a.address, addr);
    const bal = async (a: { name: string; address: string }) => `${a.name} ${fmtMesi((await q.balance({ address: a.address })).balance)}`;

    demo.section(`$MESI token at ${addr}`);
    const info = await q.tokenInfo();
    const minter = await q.minter();
    demo.say(`${info.name} (${info.symbol}), ${info.decimals} decimals, total supply ${fmtMesi(info.total_supply)}, minter ${minter?.minter}`);
    const notes = demo.deployment.contracts.token.notes as { treasuryStandIn?: boolean } | undefined;
    demo.say(`genesis split (SPEC §1)${notes?.treasuryStandIn ? " — treasury contract not built yet, a DEVNET stand-in account holds its share" : ""}:`);
    for (const row of (demo.deployment.info.genesis as { group: string; mesi: string; to: string }[] | undefined) ?? []) {
      demo.say(`  ${row.group.padEnd(48)} ${row.mesi.padStart(26)} -> ${row.to}`);
    }

    demo.section("transfer: the liquidity account pays alice and bob");
    await demo.tx(`liquidity -> alice 10,000 MESI`, () => as(liq).transfer({ recipient: alice.address, amount: m(10_000) }));
    await demo.tx(`liquidity -> bob 2,000 MESI`, () => as(liq).transfer({ recipient: bob.address, amount: m(2_000) }));
    demo.say(`${await bal(alice)}, ${await bal(bob)}`);

    demo.section("allowance: alice lets bob spend 500 MESI, bob pays carol 200 MESI from it");
    await demo.tx("alice increase_allowance bob 500", () => as(alice).increaseAllowance({ spender: bob.address, amount: m(500) }));
    await demo.tx("bob transfer_from alice -> carol 200", () => as(bob).transferFrom({ owner: alice.address, recipient: carol.address, amount: m(200) }));
    const allowance = await q.allowance({ owner: alice.address, spender: bob.address });
    demo.say(`allowance left ${fmtMesi(allowance.allowance)}; ${await bal(carol)}`);
    await demo.tx("alice decrease_allowance bob (back to 0)", () => as(alice).decreaseAllowance({ spender: bob.address, amount: allowance.allowance }));

    demo.section("send to a contract: cw20 Send moves tokens and calls the receiver's Receive hook");
    const treasury = demo.contract("treasury");
    if (treasury) {
      const before = (await q.balance({ address: treasury })).balance;
      await demo.tx("alice send 5 MESI to the treasury with {deposit:{}}", () =>
        as(alice).send({ contract: treasury, amount: m(5), msg: toBinary({ deposit: {} }) }));
      demo.say(`treasury ${fmtMesi(before)} -> ${fmtMesi((await q.balance({ address: treasury })).balance)}`);
    }
    demo.say("the token contract itself has no Receive hook: a Send to it is refused and moves nothing");
    await demo.refused("alice send 1 MESI to the token contract", () => as(alice).send({ contract: addr, amount: m(1), msg: toBinary({}) }));
    demo.say(await bal(alice));

    demo.section("lock (withdrawal limit): alice locks 1,000 MESI, a transfer that dips into it is refused");
    await demo.tx("alice lock 1,000", () => as(alice).lock({ amount: m(1_000) }));
    const lock = await q.lock({ address: alice.address });
    demo.say(`locked ${fmtMesi(lock.locked)}, available ${fmtMesi(lock.available)}`);
    await demo.refused(`alice transfer ${fmtMesi(BigInt(lock.available) + 1n)} (available + 1 base unit)`, () =>
      as(alice).transfer({ recipient: bob.address, amount: (BigInt(lock.available) + 1n).toString() }));

    demo.section("holding score (7-day rolling average balance) and tier");
    for (const a of [alice, bob, carol]) {
      const hs = await q.holdingScore({ address: a.address });
      const t = await q.tier({ address: a.address });
      demo.say(`${a.name.padEnd(6)} balance ${fmtMesi(hs.balance).padStart(18)}  score ${fmtMesi(hs.score).padStart(18)}  locked ${fmtMesi(t.locked).padStart(14)}  tier ${t.tier} (fan ${t.fan_tier ?? 0}, creator ${t.creator_tier ?? 0})`);
    }
    demo.say("(a fresh devnet account's score is small: its tokens were held for seconds of the 7-day window;");
    demo.say(" tier = the higher of the fan row reached by score + locked and the creator row reached by locked)");

    demo.section("burn: a holder burn is counted (SPEC §2: supply - over-issuance + burned == genesis)");
    const burned0 = (await q.burned()).burned;
    await demo.tx("alice burn 1 MESI", () => as(alice).burn({ amount: m(1) }));
    demo.say(`burned by holders ${fmtMesi(burned0)} -> ${fmtMesi((await q.burned()).burned)}, total supply ${fmtMesi((await q.tokenInfo()).total_supply)}`);

    demo.section("unlock: lowering the lock waits the unlock delay");
    await demo.tx("alice unlock 1,000", () => as(alice).unlock({ amount: m(1_000) }));
    const after = await q.lock({ address: alice.address });
    demo.say(`locked ${fmtMesi(after.locked)} of which pending unlock ${fmtMesi(after.pending_unlock)}, released at ${after.release_at ? new Date(after.release_at * 1000).toISOString() : "-"}`);
  },
};
