// Bid-to-meet on a real devnet (SPEC §4): the deploy instantiates it against the real token and treasury
// (idempotent), KYC by the operator, the tier cap in USD at the treasury price, bids and raises escrowed through the
// token's Send, a fake Receive hook refused, accept with KYF, a wrong code refused, release pays the creator 90% and
// the treasury 10%; a dispute split by the arbiter; a slot auction with an outbid refund credit pulled by the fan,
// settled after the end and released; issue 12: a disabled creator's slot takes no bid, a bid keeps its commission
// rate, the owner sweeps only the surplus. MESI held == live escrows + refund credits at the end.
// Needs artifacts/mesi_{token,treasury,bid_to_meet}.wasm (make wasm).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { toBinary } from "@cosmjs/cosmwasm-stargate";
import { MesiBidToMeetClient, MesiBidToMeetQueryClient } from "../../clients/src/MesiBidToMeet.client";
import { MesiTokenClient, MesiTokenQueryClient } from "../../clients/src/MesiToken.client";
import { MesiTreasuryClient } from "../../clients/src/MesiTreasury.client";
import { loadNetwork } from "../../scripts/deploy/config";
import { actors, type Actor } from "../../scripts/deploy/accounts";
import { MESI } from "../../scripts/deploy/genesis";
import { ROOT, failure, sleep, deployedDevnet, type Devnet } from "./devnet";

const ARTIFACTS = ["mesi_token", "mesi_treasury", "mesi_bid_to_meet"].map((a) => path.join(ROOT, "artifacts", `${a}.wasm`));
const missing = ARTIFACTS.filter((a) => !fs.existsSync(a)).map((a) => path.basename(a));
const m = (whole: number) => (BigInt(whole) * MESI).toString();
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const LIVE = new Set(["open", "awaiting_kyf", "accepted", "disputed"]);

describe("bid-to-meet on the devnet", { skip: missing.length > 0 && `${missing.join(", ")} not built (make wasm)` }, () => {
  let dev: Devnet;
  let btm: string, token: string, treasury: string;
  let who: Record<"deployer" | "alice" | "bob" | "carol" | "dave" | "operator" | "arbiter" | "feeder" | "liquidity", Actor>;
  let q: MesiBidToMeetQueryClient;
  let tq: MesiTokenQueryClient;
  const b = (a: Actor) => new MesiBidToMeetClient(a.client, a.address, btm);
  const tok = (a: Actor) => new MesiTokenClient(a.client, a.address, token);
  const balance = async (addr: string) => BigInt((await tq.balance({ address: addr })).balance);
  const send = (a: Actor, amount: string, msg: object) => tok(a).send({ contract: btm, amount, msg: toBinary(msg) });
  const lastBidOf = async (a: Actor) => {
    const page = await q.bidsByFan({ fan: a.address, limit: 100 });
    return page.bids[page.bids.length - 1];
  };

  before(async () => {
    const d = await deployedDevnet();
    dev = d.dev;
    btm = d.record.contracts["bid-to-meet"].address;
    token = d.record.contracts.token.address;
    treasury = d.record.contracts.treasury.address;
    who = await actors(loadNetwork("devnet"),
      ["deployer", "alice", "bob", "carol", "dave", "operator", "arbiter", "feeder", "liquidity"] as const);
    q = new MesiBidToMeetQueryClient(who.alice.client, btm);
    tq = new MesiTokenQueryClient(who.alice.client, token);
    await new MesiTreasuryClient(who.feeder.client, who.feeder.address, treasury).postPrice({ price: "0.05" });
    // alice: tier 1 (locks 150, a fresh holding score); bob: tier 5 (locks 500)
    await tok(who.liquidity).transfer({ recipient: who.alice.address, amount: m(10_000) });
    await tok(who.liquidity).transfer({ recipient: who.bob.address, amount: m(10_000) });
    await tok(who.alice).lock({ amount: m(150) });
    await tok(who.bob).lock({ amount: m(500) });
  });
  after(() => dev?.stop());

  test("deploy instantiates bid-to-meet against the token and treasury; re-deploy changes nothing", async () => {
    const c = await q.config();
    assert.equal(c.token, token);
    assert.equal(c.treasury, treasury);
    assert.equal(c.operator, who.operator.address);
    assert.equal(c.arbiter, who.arbiter.address);
    assert.equal(c.commission_bps, 1000);
    const again = await dev.deploy();
    assert.match(again.out, /instantiate bid-to-meet: already at/);
    assert.equal(again.record.contracts["bid-to-meet"].address, btm);
  });

  test("KYC by the operator, tier cap in USD, fake hook refused; bid + raise are escrowed", async () => {
    await b(who.carol).enable({ minBid: m(100), formats: ["in_person", "virtual_video"] });
    const bid = { bid: { creator: who.carol.address, format: "virtual_video" } };
    assert.match(await failure(send(who.alice, m(1_000), bid)), /has no completed KYC/);
    assert.match(await failure(b(who.dave).setKyc({ address: who.alice.address, completed: true })), /unauthorized/);
    await b(who.operator).setKyc({ address: who.alice.address, completed: true });
    await b(who.operator).setKyc({ address: who.bob.address, completed: true });
    const limit = await q.bidLimit({ address: who.alice.address });
    assert.equal(limit.tier, 1);
    assert.equal(limit.limit_mesi, m(4_000)); // USD 200 at USD 0.05
    assert.match(await failure(send(who.alice, m(4_001), bid)), /above the tier limit/);
    assert.match(await failure(send(who.alice, m(99), bid)), /below the minimum/);
    // a Receive hook from anyone but the token
    assert.match(
      await failure(b(who.dave).receive({ sender: who.alice.address, amount: m(1_000), msg: toBinary(bid) })),
      /only the configured token/,
    );
    const a0 = await balance(who.alice.address);
    const r = await send(who.alice, m(1_000), bid);
    console.log(`# gas: place_bid ${r.gasUsed}`);
    const id = (await lastBidOf(who.alice)).id;
    const r2 = await send(who.alice, m(500), { raise: { bid_id: id } });
    console.log(`# gas: raise ${r2.gasUsed}`);
    assert.equal((await q.bid({ bidId: id })).amount, m(1_500));
    assert.equal(await balance(who.alice.address), a0 - 1_500n * MESI);
    assert.match(await failure(send(who.alice, m(2_501), { raise: { bid_id: id } })), /above the tier limit/);
  });

  test("accept with KYF, consent, wrong code refused, the code releases: creator 90%, treasury 10%", async () => {
    const id = (await lastBidOf(who.alice)).id;
    const code = "e2e-qr-code-1";
    assert.match(await failure(b(who.dave).accept({ bidId: id, codeHash: sha256(code), requestKyf: true })), /unauthorized/);
    const r = await b(who.carol).accept({ bidId: id, codeHash: sha256(code), requestKyf: true });
    console.log(`# gas: accept ${r.gasUsed}`);
    assert.equal((await q.bid({ bidId: id })).status, "awaiting_kyf");
    assert.match(await failure(b(who.alice).release({ bidId: id, code })), /AwaitingKyf/);
    await b(who.alice).consentKyf({ bidId: id });
    assert.match(await failure(b(who.alice).release({ bidId: id, code: "guess" })), /does not match/);
    assert.match(await failure(b(who.carol).release({ bidId: id, code })), /unauthorized/);
    const [c0, t0] = [await balance(who.carol.address), await balance(treasury)];
    const rel = await b(who.alice).release({ bidId: id, code });
    console.log(`# gas: release ${rel.gasUsed}`);
    assert.equal(await balance(who.carol.address), c0 + 1_350n * MESI);
    assert.equal(await balance(treasury), t0 + 150n * MESI);
    assert.equal((await q.bid({ bidId: id })).status, "released");
  });

  test("a dispute is split by the arbiter: the fan's part is a refund credit, commission on the creator's part", async () => {
    await send(who.bob, m(1_000), { bid: { creator: who.carol.address, format: "in_person" } });
    const id = (await lastBidOf(who.bob)).id;
    await b(who.carol).accept({ bidId: id, codeHash: sha256("x"), requestKyf: false });
    await b(who.bob).dispute({ bidId: id });
    assert.match(await failure(b(who.carol).resolve({ bidId: id, toFan: m(500), toCreator: m(500) })), /unauthorized/);
    assert.match(await failure(b(who.arbiter).resolve({ bidId: id, toFan: m(500), toCreator: m(499) })), /does not equal the escrow/);
    const [c0, t0] = [await balance(who.carol.address), await balance(treasury)];
    await b(who.arbiter).resolve({ bidId: id, toFan: m(400), toCreator: m(600) });
    assert.equal(await balance(who.carol.address), c0 + 540n * MESI);
    assert.equal(await balance(treasury), t0 + 60n * MESI);
    assert.equal((await q.refund({ address: who.bob.address })).amount, m(400));
    const b0 = await balance(who.bob.address);
    await b(who.bob).withdrawRefunds();
    assert.equal(await balance(who.bob.address), b0 + 400n * MESI);
  });

  test("slot auction: increment, outbid refund credit pulled, settled after the end, released", async () => {
    // shorten anti-sniping on this throw-away chain so that the slot really ends
    await b(who.deployer).updateConfig({ antiSnipeWindow: 2, antiSnipeExtension: 2 });
    const now = Math.floor(Date.now() / 1000);
    await b(who.carol).openSlot({ format: "virtual_video", endTime: now + 25, minBid: m(100), minIncrement: m(10) });
    const slots = await q.slotsByCreator({ creator: who.carol.address, limit: 100 });
    const slot = slots.slots[slots.slots.length - 1].id;
    await send(who.alice, m(100), { slot_bid: { slot_id: slot } });
    assert.match(await failure(send(who.bob, m(105), { slot_bid: { slot_id: slot } })), /below the minimum/);
    const r = await send(who.bob, m(110), { slot_bid: { slot_id: slot } });
    console.log(`# gas: slot_bid outbid ${r.gasUsed}`);
    assert.equal((await q.refund({ address: who.alice.address })).amount, m(100));
    const a0 = await balance(who.alice.address);
    await b(who.alice).withdrawRefunds();
    assert.equal(await balance(who.alice.address), a0 + 100n * MESI);
    assert.match(await failure(b(who.carol).settleSlot({ slotId: slot, codeHash: sha256("s"), requestKyf: false })), /slot auction ends at/);
    let s = await q.slot({ slotId: slot });
    while (!s.ended) {
      await sleep(1000);
      s = await q.slot({ slotId: slot });
    }
    assert.match(await failure(send(who.alice, m(200), { slot_bid: { slot_id: slot } })), /slot auction has ended/);
    await b(who.carol).settleSlot({ slotId: slot, codeHash: sha256("slot-code"), requestKyf: false });
    const c0 = await balance(who.carol.address);
    await b(who.bob).release({ bidId: s.highest_bid_id!, code: "slot-code" });
    assert.equal(await balance(who.carol.address), c0 + 99n * MESI);
    assert.equal((await q.slot({ slotId: slot })).status, "settled");
    await b(who.deployer).updateConfig({ antiSnipeWindow: 300, antiSnipeExtension: 900 });
  });

  test("issue 12: a disabled creator's slot takes no bid; a bid keeps its commission rate; sweep takes only the surplus", async () => {
    const now = Math.floor(Date.now() / 1000);
    await b(who.carol).openSlot({ format: "virtual_video", endTime: now + 3_600, minBid: m(100), minIncrement: m(10) });
    const slots = await q.slotsByCreator({ creator: who.carol.address, limit: 100 });
    const slot = slots.slots[slots.slots.length - 1].id;
    const profile = await q.creator({ address: who.carol.address });
    await b(who.carol).disable();
    const h0 = await balance(btm);
    assert.match(await failure(send(who.alice, m(100), { slot_bid: { slot_id: slot } })), /has not enabled bid-to-meet/);
    assert.equal(await balance(btm), h0);
    await b(who.carol).enable({ minBid: profile.min_bid, formats: profile.formats });
    await b(who.carol).cancelSlot({ slotId: slot });
    // The rate in force when the bid is placed (10%) applies after the owner lowers it to 5%.
    await send(who.alice, m(100), { bid: { creator: who.carol.address, format: "virtual_video" } });
    const bid = await lastBidOf(who.alice);
    assert.equal(bid.commission_bps, 1_000);
    await b(who.deployer).updateConfig({ commissionBps: 500 });
    await b(who.carol).accept({ bidId: bid.id, codeHash: sha256("frozen"), requestKyf: false });
    const [c0, t0] = [await balance(who.carol.address), await balance(treasury)];
    await b(who.alice).release({ bidId: bid.id, code: "frozen" });
    assert.equal(await balance(who.carol.address), c0 + 90n * MESI);
    assert.equal(await balance(treasury), t0 + 10n * MESI);
    await b(who.deployer).updateConfig({ commissionBps: 1_000 });
    // Sweep: only MESI that arrived by a plain transfer.
    assert.match(await failure(b(who.deployer).sweep({})), /nothing to sweep/);
    await tok(who.liquidity).transfer({ recipient: btm, amount: "7" });
    const acc = await q.accounting();
    assert.equal(acc.surplus, "7");
    const d0 = await balance(who.deployer.address);
    const r = await b(who.deployer).sweep({});
    console.log(`# gas: sweep ${r.gasUsed}`);
    assert.equal((await balance(who.deployer.address)) - d0, 7n - 0n);
    const after = await q.accounting();
    assert.equal(after.balance, after.owed);
    assert.match(await failure(b(who.deployer).sweep({})), /nothing to sweep/);
  });

  test("MESI held by the contract == live escrows + refund credits", async () => {
    // leave one open bid and one refund credit behind
    await send(who.bob, m(300), { bid: { creator: who.carol.address, format: "in_person" } });
    let live = 0n;
    let start: number | undefined;
    for (;;) {
      const page = await q.bidsByCreator({ creator: who.carol.address, startAfter: start, limit: 3 });
      if (page.bids.length === 0) break;
      for (const x of page.bids) if (LIVE.has(x.status)) live += BigInt(x.amount);
      start = page.bids[page.bids.length - 1].id;
    }
    let refunds = 0n;
    for (const a of [who.alice, who.bob]) refunds += BigInt((await q.refund({ address: a.address })).amount);
    assert.equal(await balance(btm), live + refunds);
    assert.ok(live >= 300n * MESI);
  });
});
