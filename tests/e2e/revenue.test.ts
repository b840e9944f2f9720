// The revenue contract on a real devnet (SPEC §8, issue 21), through the generated clients: the deploy instantiates
// it against the token, gallery, treasury, operator and marketplace, registers it as the treasury's
// engagement-rewards drawer and sets the marketplace's `revenue`. Then: a tip (commission to the treasury, the net
// split at alice's 50% rate between her balance and her gallery pool, withdrawn), a pay-per-view unlock and the
// `access` query, a subscription with the keeper's renewal (an allowance; on the devnet a 30-day cycle cannot end, so
// the keeper is refused as "not due": the renewal itself is covered by the multi-test suite), a primary sale through
// the marketplace landing in the split, and an epoch of the pool published by the operator (the whitepaper's
// 40 / 50 / 5 ratings, leaves built by scripts/revenue/leaves.ts) and claimed with a proof. At the end held == owed on
// the revenue contract and on the marketplace.
// Needs artifacts/mesi_{token,treasury,gallery,marketplace,revenue}.wasm (make wasm).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { toBinary } from "@cosmjs/cosmwasm-stargate";
import type { ExecuteResult } from "@cosmjs/cosmwasm-stargate";
import { MesiRevenueClient, MesiRevenueQueryClient } from "../../clients/src/MesiRevenue.client";
import type { ReceiveMsg } from "../../clients/src/MesiRevenue.types";
import { MesiMarketplaceClient, MesiMarketplaceQueryClient } from "../../clients/src/MesiMarketplace.client";
import { MesiGalleryClient } from "../../clients/src/MesiGallery.client";
import type { MintExtension } from "../../clients/src/MesiGallery.types";
import { MesiTokenClient, MesiTokenQueryClient } from "../../clients/src/MesiToken.client";
import { MesiTreasuryClient, MesiTreasuryQueryClient } from "../../clients/src/MesiTreasury.client";
import { loadNetwork } from "../../scripts/deploy/config";
import { actors, type Actor } from "../../scripts/deploy/accounts";
import { MESI } from "../../scripts/deploy/genesis";
import { DEVNET_CLAIM_SECONDS, DEVNET_PERIOD_SECONDS } from "../../scripts/deploy/steps/revenue";
import { buildEpoch, checkVector, sharesByRating } from "../../scripts/revenue/leaves";
import { ROOT, failure, sleep, deployedDevnet, type Devnet } from "./devnet";

const ARTIFACTS = ["mesi_token", "mesi_treasury", "mesi_gallery", "mesi_marketplace", "mesi_revenue"].map((a) => path.join(ROOT, "artifacts", `${a}.wasm`));
const missing = ARTIFACTS.filter((a) => !fs.existsSync(a)).map((a) => path.basename(a));
const m = (whole: number) => (BigInt(whole) * MESI).toString();
const ext: MintExtension = {
  media_kind: "photo",
  content_hash: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
  tags: ["revenue"],
  year: 2026,
  ad_revenue: "royalty",
  pay_per_view: true,
  rights_confirmed: true,
};
const attr = (r: ExecuteResult, key: string): string => {
  for (const e of r.events) for (const a of e.attributes) if (a.key === key) return a.value;
  throw new Error(`no attribute ${key}`);
};

describe("revenue on the devnet", { skip: missing.length > 0 && `${missing.join(", ")} not built (make wasm)` }, () => {
  let dev: Devnet;
  let rev: string, mp: string, gallery: string, token: string, treasury: string;
  let who: Record<"deployer" | "alice" | "bob" | "carol" | "dave" | "operator" | "feeder" | "liquidity", Actor>;
  let q: MesiRevenueQueryClient;
  let tq: MesiTokenQueryClient;
  const rv = (a: Actor) => new MesiRevenueClient(a.client, a.address, rev);
  const gal = (a: Actor) => new MesiGalleryClient(a.client, a.address, gallery);
  const tok = (a: Actor) => new MesiTokenClient(a.client, a.address, token);
  const mk = (a: Actor) => new MesiMarketplaceClient(a.client, a.address, mp);
  const pay = (a: Actor, amount: bigint | string, msg: ReceiveMsg) => tok(a).send({ contract: rev, amount: amount.toString(), msg: toBinary(msg) });
  const mesi = async (addr: string) => BigInt((await tq.balance({ address: addr })).balance);
  const balanceOf = async (a: Actor) => BigInt((await q.balance({ creator: a.address })).amount);
  const poolOf = async (a: Actor) => BigInt((await q.pool({ creator: a.address })).pool);
  const chainNow = async () => Math.floor(new Date((await who.alice.client.getBlock()).header.time).getTime() / 1000);
  const waitUntil = async (t: number) => {
    while ((await chainNow()) < t) await sleep(500);
  };
  /** commission (10%, rounded up) and the net of a gross payment */
  const split = (gross: bigint) => {
    const fee = (gross * 1000n + 9999n) / 10000n;
    return { fee, net: gross - fee };
  };

  before(async () => {
    checkVector();
    const d = await deployedDevnet();
    dev = d.dev;
    rev = d.record.contracts.revenue.address;
    mp = d.record.contracts.marketplace.address;
    gallery = d.record.contracts.gallery.address;
    token = d.record.contracts.token.address;
    treasury = d.record.contracts.treasury.address;
    who = await actors(loadNetwork("devnet"), ["deployer", "alice", "bob", "carol", "dave", "operator", "feeder", "liquidity"] as const);
    q = new MesiRevenueQueryClient(who.alice.client, rev);
    tq = new MesiTokenQueryClient(who.alice.client, token);
    // USD 0.05 per MESI (creator tier 0 may list up to 2,000 MESI)
    await new MesiTreasuryClient(who.feeder.client, who.feeder.address, treasury).postPrice({ price: "0.05" });
    for (const a of [who.bob, who.carol, who.dave]) await tok(who.liquidity).transfer({ recipient: a.address, amount: m(1_000) });
    await gal(who.alice).mint({ tokenId: "rv1", owner: who.alice.address, extension: ext });
  });
  after(() => dev?.stop());

  test("deploy wires token, gallery, treasury, operator and marketplace both ways, the engagement drawer; re-deploy changes nothing", async () => {
    const c = await q.config();
    assert.equal(c.token, token);
    assert.equal(c.gallery, gallery);
    assert.equal(c.treasury, treasury);
    assert.equal(c.operator, who.operator.address);
    assert.equal(c.marketplace, mp);
    assert.equal(c.commission_bps, 1000);
    assert.equal(c.period_seconds, DEVNET_PERIOD_SECONDS);
    assert.equal(c.claim_seconds, DEVNET_CLAIM_SECONDS);
    assert.equal((await new MesiMarketplaceQueryClient(who.alice.client, mp).config()).revenue, rev);
    const drawer = await new MesiTreasuryQueryClient(who.alice.client, treasury).drawer({ address: rev });
    assert.equal(drawer.pool, "engagement_rewards");
    const again = await dev.deploy();
    assert.match(again.out, /instantiate revenue: already at/);
    assert.equal(again.record.contracts.revenue.address, rev);
  });

  test("tip: 10% to the treasury, the net split at alice's 50% between her balance and her pool, withdrawn", async () => {
    await rv(who.alice).setContributionRate({ percent: 50 });
    assert.equal((await q.contribution({ creator: who.alice.address })).effective_rate, 50, "before a completed period: the current rate");
    assert.match(await failure(rv(who.dave).receive({ sender: who.dave.address, amount: m(10), msg: toBinary({ tip: { creator: who.alice.address } }) })), /only the configured token/);
    assert.match(await failure(pay(who.bob, 50_000n, { tip: { creator: who.alice.address } })), /below the minimum/);
    const [t0, b0, p0] = [await mesi(treasury), await balanceOf(who.alice), await poolOf(who.alice)];
    const r = await pay(who.bob, 10n * MESI, { tip: { creator: who.alice.address, token_id: "rv1", memo: "thank you" } });
    console.log(`# gas: tip ${r.gasUsed}  tx ${r.transactionHash}`);
    const { fee, net } = split(10n * MESI);
    assert.equal(await mesi(treasury), t0 + fee);
    assert.equal(await balanceOf(who.alice), b0 + net / 2n);
    assert.equal(await poolOf(who.alice), p0 + net - net / 2n);
    const a0 = await mesi(who.alice.address);
    const all = await balanceOf(who.alice);
    const w = await rv(who.alice).withdraw();
    console.log(`# gas: withdraw ${w.gasUsed}`);
    assert.equal(await mesi(who.alice.address), a0 + all);
    assert.equal(await balanceOf(who.alice), 0n);
    assert.match(await failure(rv(who.alice).withdraw()), /nothing to withdraw/);
  });

  test("pay-per-view: price set by the creator, one unlock at the named price, access for ever", async () => {
    assert.equal((await q.access({ tokenId: "rv1", address: who.alice.address })).reason, "creator");
    await rv(who.alice).setPpvPrice({ tokenId: "rv1", price: m(2) });
    assert.equal((await q.access({ tokenId: "rv1", address: who.bob.address })).reason, "none");
    assert.match(await failure(pay(who.bob, 1n * MESI, { unlock: { token_id: "rv1", price: m(1) } })), /not the agreed/);
    const p0 = await poolOf(who.alice);
    const r = await pay(who.bob, 2n * MESI, { unlock: { token_id: "rv1", price: m(2) } });
    console.log(`# gas: unlock ${r.gasUsed}  tx ${r.transactionHash}`);
    const a = await q.access({ tokenId: "rv1", address: who.bob.address });
    assert.equal(a.reason, "paid");
    assert.equal(a.granted, true);
    assert.equal((await q.access({ tokenId: "rv1", address: who.dave.address })).granted, false);
    const { net } = split(2n * MESI);
    assert.equal(await poolOf(who.alice), p0 + net - net / 2n);
    assert.match(await failure(pay(who.bob, 2n * MESI, { unlock: { token_id: "rv1", price: m(2) } })), /already has access/);
  });

  test("subscription: a plan, a 30-day subscription at the named price, an allowance; the keeper is refused before the end", async () => {
    const c = await rv(who.alice).createPlan({ plan: { name: "studio club", price: m(3), price_yearly: m(30), trial_days: 0, discount: null } });
    const planId = Number(attr(c, "plan_id"));
    const t0 = await mesi(treasury);
    const r = await pay(who.bob, 3n * MESI, { subscribe: { creator: who.alice.address, plan_id: planId, yearly: false, price: m(3) } });
    console.log(`# gas: subscribe ${r.gasUsed}  tx ${r.transactionHash}`);
    assert.equal(await mesi(treasury), t0 + split(3n * MESI).fee);
    const s = (await q.subscription({ fan: who.bob.address, creator: who.alice.address })).subscription!;
    assert.equal(s.active, true);
    assert.equal(s.plan_id, planId);
    assert.equal(s.price, m(3));
    assert.ok(s.end >= (await chainNow()) + 30 * 86_400 - 60);
    // auto-renewal: bob lets the contract take the next cycle; carol (a keeper) may renew from the end on
    await tok(who.bob).increaseAllowance({ spender: rev, amount: m(3) });
    assert.match(await failure(rv(who.carol).renew({ fan: who.bob.address, creator: who.alice.address })), /not due/);
    assert.match(await failure(pay(who.bob, 2n * MESI, { subscribe: { creator: who.alice.address, plan_id: planId, yearly: false, price: m(2) } })), /not the agreed|paid/);
  });

  test("primary sale through the marketplace: the creator's net lands in her split, not in her marketplace balance", async () => {
    await gal(who.alice).mint({ tokenId: "rv2", owner: who.alice.address, extension: ext });
    const l = await gal(who.alice).sendNft({ contract: mp, tokenId: "rv2", msg: toBinary({ list: { price: m(100), asset: "mesi", expires: null, reserved_for: null } }) });
    const listingId = Number(attr(l, "listing_id"));
    const b = await tok(who.dave).send({ contract: mp, amount: m(100), msg: toBinary({ buy: { listing_id: listingId, max_price: m(100) } }) });
    const sid = Number(attr(b, "settlement_id"));
    const mq = new MesiMarketplaceQueryClient(who.alice.client, mp);
    await waitUntil((await mq.settlement({ settlementId: sid })).release_at);
    const [t0, b0, p0] = [await mesi(treasury), await balanceOf(who.alice), await poolOf(who.alice)];
    const f = await mk(who.carol).finalize({ settlementId: sid });
    console.log(`# gas: finalize (primary sale -> revenue) ${f.gasUsed}  tx ${f.transactionHash}`);
    assert.equal(attr(f, "primary_sale"), "true");
    assert.equal(await mesi(treasury), t0 + 10n * MESI, "the marketplace's commission only: no second one");
    assert.equal(await balanceOf(who.alice), b0 + 45n * MESI);
    assert.equal(await poolOf(who.alice), p0 + 45n * MESI);
    assert.equal((await mq.claimable({ address: who.alice.address })).mesi, "0");
  });

  test("epoch: the operator publishes the pool by ratings 40 / 50 / 5 with a Merkle root; claims with proofs, once", async () => {
    const pool = await poolOf(who.alice);
    const total = 475n * (MESI / 10n); // 47.5 MESI, the whitepaper's 475 in tenths of a MESI
    assert.ok(pool >= total, `pool ${pool} holds the epoch`);
    const shares = sharesByRating(total, [
      { recipient: who.alice.address, rating: 40n },
      { recipient: who.bob.address, rating: 50n },
      { recipient: who.dave.address, rating: 5n },
    ]);
    assert.deepEqual(shares.map((s) => s.amount), [20n * MESI, 25n * MESI, 2_500_000n]);
    const epoch = (await q.pool({ creator: who.alice.address })).last_epoch + 1;
    const e = buildEpoch(rev, who.alice.address, epoch, shares);
    const height = (await who.alice.client.getHeight()) - 1;
    const msg = { creator: who.alice.address, epoch, root: e.root, total: e.total.toString(), cutoffHeight: height, leavesSha256: e.leavesSha256, source: "pool" as const };
    assert.match(await failure(rv(who.alice).publishDistribution(msg)), /unauthorized/);
    const p = await rv(who.operator).publishDistribution(msg);
    console.log(`# gas: publish_distribution ${p.gasUsed}  tx ${p.transactionHash}`);
    assert.equal(await poolOf(who.alice), pool - total);
    const bob = e.claims[who.bob.address];
    assert.match(await failure(rv(who.bob).claim({ creator: who.alice.address, epoch, amount: (bob.amount + 1n).toString(), proof: bob.proof })), /invalid proof/);
    assert.match(await failure(rv(who.carol).claim({ creator: who.alice.address, epoch, amount: bob.amount.toString(), proof: bob.proof })), /invalid proof/);
    const b0 = await mesi(who.bob.address);
    const c = await rv(who.bob).claim({ creator: who.alice.address, epoch, amount: bob.amount.toString(), proof: bob.proof });
    console.log(`# gas: claim (${bob.proof.length}-element proof) ${c.gasUsed}  tx ${c.transactionHash}`);
    assert.equal(await mesi(who.bob.address), b0 + 25n * MESI);
    assert.match(await failure(rv(who.bob).claim({ creator: who.alice.address, epoch, amount: bob.amount.toString(), proof: bob.proof })), /already claimed/);
    const dave = e.claims[who.dave.address];
    await rv(who.dave).claim({ creator: who.alice.address, epoch, amount: dave.amount.toString(), proof: dave.proof });
    const ep = await q.epoch({ creator: who.alice.address, epoch });
    assert.equal(ep.root, e.root);
    assert.equal(ep.claimed, (27_500_000n).toString());
    assert.equal((await q.claimed({ creator: who.alice.address, epoch, address: who.bob.address })).claimed, true);
    assert.match(await failure(rv(who.carol).closeEpoch({ creator: who.alice.address, epoch })), /open for claims/);
  });

  test("books: held == owed on the revenue contract and on the marketplace", async () => {
    const a = await q.accounting();
    assert.equal(a.held, a.owed);
    assert.equal(await mesi(rev), BigInt(a.held));
    const b = await new MesiMarketplaceQueryClient(who.alice.client, mp).accounting();
    assert.equal(b.mesi.balance, b.mesi.owed);
  });
});
