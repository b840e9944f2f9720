// Revenue walkthrough (SPEC §8, issue 21): alice (a creator) sets her contribution rate to 50%; bob tips her 10 MESI
// (10% commission to the treasury, the net split at her current effective rate between her balance and her gallery
// pool); alice sets a pay-per-view price, bob unlocks once and the `access` query says why each account may view;
// bob subscribes to alice's plan and gives an allowance for auto-renewal (a keeper's renewal is refused before the
// 30-day end: the devnet cannot wait that long); the operator publishes an epoch of alice's pool with the whitepaper's
// ratings 40 / 50 / 5 (of 4.75 MESI: 2.00 / 2.50 / 0.25, leaves from scripts/revenue/leaves.ts) and each holder claims
// with a Merkle proof; alice withdraws her balance.
// The whitepaper's contribution vector (100% for 6 periods, then 50% for 5 -> 770 / 230 of 1,000) needs 11 completed
// periods (1 h each on the devnet): it is a multi-test (contracts/revenue/src/tests/rules.rs); here a tip is split at
// alice's effective rate now. Works again on the same chain: fresh token ids, epochs numbered from the chain, the plan
// reused, amounts read from state.
import { toBinary } from "@cosmjs/cosmwasm-stargate";
import type { ExecuteResult } from "@cosmjs/cosmwasm-stargate";
import { MesiRevenueClient, MesiRevenueQueryClient } from "../../../clients/src/MesiRevenue.client";
import type { ReceiveMsg } from "../../../clients/src/MesiRevenue.types";
import { MesiGalleryClient } from "../../../clients/src/MesiGallery.client";
import type { MintExtension } from "../../../clients/src/MesiGallery.types";
import { MesiTokenClient, MesiTokenQueryClient } from "../../../clients/src/MesiToken.client";
import { buildEpoch, checkVector, sharesByRating } from "../../revenue/leaves";
import type { DemoStep } from "../context";

const MESI = 1_000_000n;
const mesi = (base: string | bigint) => `${(Number(base) / 1e6).toLocaleString("en-US", { maximumFractionDigits: 6 })} MESI`;
const attr = (r: ExecuteResult, key: string): string => {
  for (const e of r.events) for (const a of e.attributes) if (a.key === key) return a.value;
  throw new Error(`no attribute ${key}`);
};
const PLAN = "demo studio club";

export const revenueDemo: DemoStep = {
  name: "revenue",
  needs: ["revenue", "token", "gallery", "treasury"],
  async run(demo) {
    checkVector();
    const rev = demo.contract("revenue")!, gallery = demo.contract("gallery")!;
    const token = demo.contract("token")!, treasury = demo.contract("treasury")!;
    const alice = demo.actor("alice"), bob = demo.actor("bob"), carol = demo.actor("carol"), dave = demo.actor("dave");
    const operator = demo.actor("operator"), liq = demo.actor("liquidity");
    const q = new MesiRevenueQueryClient(alice.client, rev);
    const tq = new MesiTokenQueryClient(alice.client, token);
    const rv = (a: typeof alice) => new MesiRevenueClient(a.client, a.address, rev);
    const tok = (a: typeof alice) => new MesiTokenClient(a.client, a.address, token);
    const pay = (a: typeof alice, amount: bigint, msg: ReceiveMsg) => tok(a).send({ contract: rev, amount: amount.toString(), msg: toBinary(msg) });
    const bal = async (addr: string) => BigInt((await tq.balance({ address: addr })).balance);
    const split = async () => {
      const [b, p] = [await q.balance({ creator: alice.address }), await q.pool({ creator: alice.address })];
      return { balance: BigInt(b.amount), pool: BigInt(p.pool) };
    };
    const run = Date.now().toString(36);
    const art = `revenue-art-${run}`;
    const ext: MintExtension = {
      media_kind: "photo",
      content_hash: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
      tags: ["revenue"],
      year: 2026,
      ad_revenue: "royalty",
      pay_per_view: true,
      rights_confirmed: true,
    };

    demo.section("revenue: a tip split at alice's contribution rate");
    for (const a of [bob, dave]) if ((await bal(a.address)) < 100n * MESI) await demo.tx(`liquidity sends ${a.name} 100 MESI`, () => tok(liq).transfer({ recipient: a.address, amount: (100n * MESI).toString() }));
    await demo.tx(`alice mints ${art} (pay-per-view on)`, () => new MesiGalleryClient(alice.client, alice.address, gallery).mint({ tokenId: art, owner: alice.address, extension: ext }));
    await demo.tx("alice sets her contribution rate to 50% for this period", () => rv(alice).setContributionRate({ percent: 50 }));
    const c = await q.contribution({ creator: alice.address });
    demo.say(`period ${c.period}: current rate ${c.current_rate}%, effective rate ${c.effective_rate}% (average of the last 12 completed periods; the current rate before one completes)`);
    demo.say(`(the whitepaper's 100% x 6 then 50% x 5 -> 770 / 230 needs 11 completed periods: see the multi-test; here the split at the effective rate now)`);
    const t0 = await bal(treasury), s0 = await split();
    await demo.tx("bob tips alice 10 MESI naming her token, memo \"thank you\" (cw20 Send)", () => pay(bob, 10n * MESI, { tip: { creator: alice.address, token_id: art, memo: "thank you" } }));
    const s1 = await split();
    demo.say(`treasury +${mesi((await bal(treasury)) - t0)} (10% commission); net 9 MESI at ${c.effective_rate}%: alice's balance +${mesi(s1.balance - s0.balance)}, her gallery pool +${mesi(s1.pool - s0.pool)}`);
    await demo.refused("bob tips 0.05 MESI (below the 0.1 MESI minimum)", () => pay(bob, 50_000n, { tip: { creator: alice.address } }));

    demo.section("revenue: pay-per-view, unlocked once");
    await demo.tx(`alice sets the PPV price of ${art} to 2 MESI`, () => rv(alice).setPpvPrice({ tokenId: art, price: (2n * MESI).toString() }));
    await demo.refused("bob unlocks naming 1 MESI", () => pay(bob, MESI, { unlock: { token_id: art, price: MESI.toString() } }));
    await demo.tx("bob unlocks at 2 MESI", () => pay(bob, 2n * MESI, { unlock: { token_id: art, price: (2n * MESI).toString() } }));
    for (const a of [alice, bob, dave]) {
      const r = await q.access({ tokenId: art, address: a.address });
      demo.say(`access(${art}, ${a.name}): ${r.granted ? "yes" : "no"} (${r.reason})`);
    }

    demo.section("revenue: a subscription with auto-renewal");
    let plan = (await q.plans({ creator: alice.address })).plans.find((p) => p.name === PLAN);
    if (!plan) {
      await demo.tx(`alice creates the plan "${PLAN}" (3 MESI / 30 days, 30 MESI / year)`, () =>
        rv(alice).createPlan({ plan: { name: PLAN, price: (3n * MESI).toString(), price_yearly: (30n * MESI).toString(), trial_days: 0, discount: null } }));
      plan = (await q.plans({ creator: alice.address })).plans.find((p) => p.name === PLAN)!;
    }
    const sub = await demo.tx(`bob subscribes to plan ${plan.plan_id} for 30 days at ${mesi(plan.price)}`, () =>
      pay(bob, BigInt(plan!.price), { subscribe: { creator: alice.address, plan_id: plan!.plan_id, yearly: false, price: plan!.price } }));
    void sub;
    const s = (await q.subscription({ fan: bob.address, creator: alice.address })).subscription!;
    demo.say(`bob's subscription runs until ${new Date(s.end * 1000).toISOString()} (auto-renew ${s.auto_renew})`);
    await demo.tx("bob lets the contract take the next cycle (cw20 increase_allowance)", () => tok(bob).increaseAllowance({ spender: rev, amount: plan!.price }));
    await demo.refused("carol (a keeper) renews bob now", () => rv(carol).renew({ fan: bob.address, creator: alice.address }));

    demo.section("revenue: the gallery pool paid to NFT holders in a Merkle epoch (whitepaper 40 / 50 / 5)");
    const total = 475n * (MESI / 100n); // 4.75 MESI: the whitepaper's 475 in hundredths of a MESI
    const shares = sharesByRating(total, [
      { recipient: alice.address, rating: 40n },
      { recipient: bob.address, rating: 50n },
      { recipient: dave.address, rating: 5n },
    ]);
    demo.say(`alice's pool: ${mesi((await split()).pool)}; epoch of ${mesi(total)} by ratings alice 40, bob 50, dave 5 -> ${shares.map((x) => mesi(x.amount)).join(" / ")}`);
    const epoch = (await q.pool({ creator: alice.address })).last_epoch + 1;
    const e = buildEpoch(rev, alice.address, epoch, shares);
    const cutoff = (await alice.client.getHeight()) - 1;
    await demo.tx(`the operator publishes epoch ${epoch}: root ${e.root.slice(0, 16)}..., cutoff height ${cutoff}`, () =>
      rv(operator).publishDistribution({ creator: alice.address, epoch, root: e.root, total: e.total.toString(), cutoffHeight: cutoff, leavesSha256: e.leavesSha256, source: "pool" }));
    const forged = e.claims[bob.address];
    await demo.refused("bob claims one base unit more than his leaf", () => rv(bob).claim({ creator: alice.address, epoch, amount: (forged.amount + 1n).toString(), proof: forged.proof }));
    for (const a of [alice, bob, dave]) {
      const cl = e.claims[a.address];
      const r = await demo.tx(`${a.name} claims ${mesi(cl.amount)} with a ${cl.proof.length}-element proof`, () => rv(a).claim({ creator: alice.address, epoch, amount: cl.amount.toString(), proof: cl.proof }));
      void attr(r, "action");
    }
    await demo.refused("bob claims again", () => rv(bob).claim({ creator: alice.address, epoch, amount: forged.amount.toString(), proof: forged.proof }));
    const b = (await split()).balance;
    if (b > 0n) await demo.tx(`alice withdraws her balance ${mesi(b)}`, () => rv(alice).withdraw());
    const books = await q.accounting();
    demo.say(`books: held ${mesi(books.held)} == owed ${mesi(books.owed)} (pools ${mesi(books.pools)}, balances ${mesi(books.balances)})`);
  },
};
