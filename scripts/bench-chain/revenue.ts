// The revenue rows of `make bench-chain` (issue 21), following tests/e2e/revenue.test.ts: alice (a creator, rate 50%)
// is paid by bob: "tip" (token send: token + revenue loads, the gallery's creator query, the commission transfer),
// "unlock" (PPV on a fresh token), "subscribe" (a fresh fan's first subscription); the operator publishes a pool epoch
// ("publish_distribution") whose root carol claims with a 20-hash proof ("claim_proof_20"). The proof is 20 random
// sibling hashes folded into the root with the revenue leaf encoding (scripts/revenue/leaves.ts): the contract checks
// a path, so this costs exactly what a claim in a 2^20-leaf epoch costs without building a tree per epoch (a leaf binds
// the epoch). "renew" has no row: a subscription cycle is 30 days (fixed), which the devnet cannot wait out; the
// renewal is measured by the multi-test only. No anchor: nothing standard does this.
import { randomBytes } from "node:crypto";
import { toBinary } from "@cosmjs/cosmwasm-stargate";
import { leafHash, rootOf } from "../revenue/leaves";
import type { Bench, Group, Sample } from "./chain";

const HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
const MESI = 1_000_000n;
const CLAIM = 100_000n; // 0.1 MESI per epoch

export function revenueGroup(b: Bench): Group | undefined {
  const c = b.record.contracts;
  if (!c.revenue || !c.gallery || !c.token) return undefined;
  const rev = c.revenue.address as string, gallery = c.gallery.address as string, token = c.token.address as string;
  const { alice, bob, carol, operator, liquidity } = b.who;
  const ext = { media_kind: "photo", content_hash: HASH, tags: ["revenue"], year: 2026, ad_revenue: "royalty", pay_per_view: true, rights_confirmed: true };
  const send = (a: typeof alice, amount: bigint, msg: unknown) => b.exec(a, token, { send: { contract: rev, amount: amount.toString(), msg: toBinary(msg) } });
  let planId = 0;
  return {
    name: "revenue",
    async setup() {
      await b.exec(liquidity, token, { transfer: { recipient: bob.address, amount: (1_000n * MESI).toString() } });
      await b.exec(alice, gallery, { mint: { token_id: "rb-0", owner: alice.address, extension: ext } });
      await b.exec(alice, rev, { set_contribution_rate: { percent: 50 } });
      const plan = { name: "bench club", price: MESI.toString(), price_yearly: null, trial_days: 0, discount: null };
      await b.exec(alice, rev, { create_plan: { plan } });
      planId = (await b.query(rev, { plans: { creator: alice.address } })).plans.at(-1).plan_id;
    },
    async run(_phase, i) {
      const row = (operation: string, gas: number): Sample => ({ contract: "mesi_revenue", operation, gas });
      const tip = await send(bob, MESI, { tip: { creator: alice.address, token_id: null, memo: null } });
      const id = `rb-u${i}-${Date.now()}`;
      await b.exec(alice, gallery, { mint: { token_id: id, owner: alice.address, extension: ext } });
      await b.exec(alice, rev, { set_ppv_price: { token_id: id, price: MESI.toString() } });
      const unlock = await send(bob, MESI, { unlock: { token_id: id, price: MESI.toString() } });
      const fan = await b.fresh(`fan${i}`);
      await b.exec(liquidity, token, { transfer: { recipient: fan.address, amount: (2n * MESI).toString() } });
      const subscribe = await send(fan, MESI, { subscribe: { creator: alice.address, plan_id: planId, yearly: false, price: MESI.toString() } });
      // a pool epoch with one real leaf 20 levels deep
      const epoch = (await b.query(rev, { pool: { creator: alice.address } })).last_epoch + 1;
      const proof = Array.from({ length: 20 }, () => randomBytes(32).toString("hex"));
      const root = rootOf(leafHash(rev, alice.address, epoch, carol.address, CLAIM), proof);
      const cutoff = (await alice.client.getHeight()) - 1;
      const publish = await b.exec(operator, rev, {
        publish_distribution: { creator: alice.address, epoch, root, total: CLAIM.toString(), cutoff_height: cutoff, leaves_sha256: HASH, source: "pool" },
      });
      const claim = await b.exec(carol, rev, { claim: { creator: alice.address, epoch, amount: CLAIM.toString(), proof } });
      return [
        row("tip (token send)", tip),
        row("unlock (token send)", unlock),
        row("subscribe (token send, first)", subscribe),
        row("publish_distribution (pool)", publish),
        row("claim_proof_20", claim),
      ];
    },
  };
}
