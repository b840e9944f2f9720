// Gallery NFTs on a real devnet: deploy (idempotent), mint with and without the rights confirmation, the cw721
// surface (owner_of, transfer_nft, approvals, tokens), the gallery query with filters and the sold mark, the burn and
// PPV rules, trust pledges in the chain's native stablecoin (bank balances checked) and the arbiter's ruling.
// Needs artifacts/mesi_gallery.wasm (make wasm).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { MesiGalleryClient, MesiGalleryQueryClient } from "../../clients/src/MesiGallery.client";
import type { MintExtension } from "../../clients/src/MesiGallery.types";
import { loadNetwork } from "../../scripts/deploy/config";
import { actors, type Actor } from "../../scripts/deploy/accounts";
import { ROOT, failure, deployedDevnet, type Devnet } from "./devnet";

const ARTIFACT = path.join(ROOT, "artifacts", "mesi_gallery.wasm");
const HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
const ext = (extra: Partial<MintExtension> = {}): MintExtension => ({
  media_kind: "photo",
  content_hash: HASH,
  tags: ["sea"],
  year: 2026,
  ad_revenue: "royalty",
  pay_per_view: true,
  rights_confirmed: true,
  ...extra,
});

describe("gallery on the devnet", { skip: !fs.existsSync(ARTIFACT) && "artifacts/mesi_gallery.wasm not built (make wasm)" }, () => {
  let dev: Devnet;
  let gallery: string;
  let denom: string;
  let who: Record<"deployer" | "alice" | "bob" | "carol" | "arbiter", Actor>;
  let q: MesiGalleryQueryClient;
  const as = (a: Actor) => new MesiGalleryClient(a.client, a.address, gallery);
  const bank = async (addr: string) => BigInt((await who.alice.client.getBalance(addr, denom)).amount);

  before(async () => {
    const d = await deployedDevnet();
    dev = d.dev;
    gallery = d.record.contracts.gallery.address;
    const net = loadNetwork("devnet");
    denom = net.stableDenom;
    who = await actors(net, ["deployer", "alice", "bob", "carol", "arbiter"] as const);
    q = new MesiGalleryQueryClient(who.alice.client, gallery);
  });
  after(() => dev?.stop());

  test("deployed with the stablecoin denom and the arbiter role; re-deploy is a no-op", async () => {
    const cfg = await q.config();
    assert.equal(cfg.pledge_denom, denom);
    assert.equal(cfg.arbiter, who.arbiter.address);
    assert.equal((await q.ownership()).owner, who.deployer.address);
    const again = await dev.deploy();
    assert.match(again.out, /upload gallery: unchanged/);
    assert.equal(again.record.contracts.gallery.address, gallery);
  });

  test("mint requires the rights confirmation; cw721 queries see the token", async () => {
    const err = await failure(as(who.alice).mint({ tokenId: "no-rights", owner: who.alice.address, extension: ext({ rights_confirmed: false }) }));
    assert.match(err, /rights_confirmed/);
    const r = await as(who.alice).mint({ tokenId: "a1", owner: who.alice.address, tokenUri: "ipfs://a1", extension: ext() });
    console.log(`# gas: mint ${r.gasUsed}`);
    await as(who.alice).mint({ tokenId: "a2", owner: who.alice.address, extension: ext({ media_kind: "video", tags: ["live"] }) });
    assert.equal((await q.ownerOf({ tokenId: "a1" })).owner, who.alice.address);
    assert.equal((await q.numTokens()).count, 2);
    const info = await q.nftInfo({ tokenId: "a1" });
    assert.equal(info.token_uri, "ipfs://a1");
    assert.equal(info.extension.creator, who.alice.address);
    assert.deepEqual((await q.tokens({ owner: who.alice.address })).tokens, ["a1", "a2"]);
    assert.equal((await q.contractInfo()).symbol, "MESIG");
  });

  test("pledge in the stablecoin moves bank funds; other denoms are refused", async () => {
    const [a0, g0] = [await bank(who.alice.address), await bank(gallery)];
    const r = await as(who.alice).pledge({ tokenId: "a1" }, "auto", undefined, [{ denom, amount: "10000000" }]);
    console.log(`# gas: pledge ${r.gasUsed}`);
    assert.equal(await bank(who.alice.address), a0 - 10_000_000n);
    assert.equal(await bank(gallery), g0 + 10_000_000n);
    await failure(as(who.alice).pledge({ tokenId: "a1" }, "auto", undefined, [{ denom: "ustake", amount: "10" }]));
    assert.equal((await q.pledge({ tokenId: "a1" })).amount, "10000000");
    assert.equal((await q.creatorPledges({ creator: who.alice.address })).total, "10000000");
    const err = await failure(as(who.alice).burn({ tokenId: "a1" }));
    assert.match(err, /live pledge/);
  });

  test("sale: the token stays in the creator's gallery marked sold; no burn, no PPV back on", async () => {
    const r = await as(who.alice).transferNft({ recipient: who.bob.address, tokenId: "a1" });
    console.log(`# gas: transfer_nft ${r.gasUsed}`);
    const g = await q.gallery({ creator: who.alice.address });
    assert.deepEqual(g.items.map((i) => [i.token_id, i.sold]), [["a1", true], ["a2", false]]);
    const sea = await q.gallery({ creator: who.alice.address, filter: { tag: "sea" } });
    assert.deepEqual(sea.items.map((i) => i.token_id), ["a1"]);
    const video = await q.gallery({ creator: who.alice.address, filter: { media_kind: "video" } });
    assert.deepEqual(video.items.map((i) => i.token_id), ["a2"]);
    assert.match(await failure(as(who.alice).burn({ tokenId: "a1" })), /is sold/);
    await as(who.alice).setPayPerView({ tokenId: "a1", enabled: false });
    assert.match(await failure(as(who.alice).setPayPerView({ tokenId: "a1", enabled: true })), /sold token/);
    // the creator burns what it still owns
    await as(who.alice).burn({ tokenId: "a2" });
    assert.equal((await q.numTokens()).count, 1);
  });

  test("cw721 approvals: bob approves carol, carol moves the token", async () => {
    await as(who.bob).approve({ spender: who.carol.address, tokenId: "a1" });
    assert.equal((await q.approvals({ tokenId: "a1" })).approvals.length, 1);
    await as(who.carol).transferNft({ recipient: who.carol.address, tokenId: "a1" });
    assert.equal((await q.ownerOf({ tokenId: "a1" })).owner, who.carol.address);
    assert.match(await failure(as(who.bob).transferNft({ recipient: who.bob.address, tokenId: "a1" })), /may not move/);
  });

  test("arbiter liquidates the pledge to the named parties and hands the token over", async () => {
    assert.match(
      await failure(as(who.bob).resolve({ tokenId: "a1", payouts: [{ address: who.bob.address, amount: "10000000" }], outcome: "keep" })),
      /arbiter/,
    );
    assert.match(
      await failure(as(who.arbiter).resolve({ tokenId: "a1", payouts: [{ address: who.bob.address, amount: "1" }], outcome: "keep" })),
      /payouts sum to 1/,
    );
    const [b0, d0, g0] = [await bank(who.bob.address), await bank(who.deployer.address), await bank(gallery)];
    const r = await as(who.arbiter).resolve({
      tokenId: "a1",
      payouts: [{ address: who.bob.address, amount: "6000000" }, { address: who.deployer.address, amount: "4000000" }],
      outcome: { transfer_to: { address: who.bob.address } },
    });
    console.log(`# gas: resolve ${r.gasUsed}`);
    assert.equal(await bank(who.bob.address), b0 + 6_000_000n);
    assert.equal(await bank(who.deployer.address), d0 + 4_000_000n); // fees are paid in the fee denom
    assert.equal(await bank(gallery), g0 - 10_000_000n);
    assert.equal((await q.ownerOf({ tokenId: "a1" })).owner, who.bob.address);
    assert.equal((await q.config()).total_pledged, "0");
    assert.equal(await bank(gallery), 0n);
  });

  test("sweep: the owner takes exactly a bank send's surplus, never a pledged unit (issue 12 §7)", async () => {
    await as(who.bob).pledge({ tokenId: "a1" }, "auto", undefined, [{ denom, amount: "2000000" }]);
    await who.carol.client.sendTokens(who.carol.address, gallery, [{ denom, amount: "300000" }], "auto");
    assert.equal(await bank(gallery), 2_300_000n);
    assert.match(await failure(as(who.alice).sweep({ denom })), /owner/i);
    const d0 = await bank(who.deployer.address);
    const r = await as(who.deployer).sweep({ denom });
    console.log(`# gas: sweep ${r.gasUsed}`);
    assert.equal(await bank(who.deployer.address), d0 + 300_000n);
    assert.equal(await bank(gallery), 2_000_000n);
    assert.match(await failure(as(who.deployer).sweep({ denom })), /nothing to sweep/);
    assert.equal((await q.config()).total_pledged, "2000000");
  });

  test("cw721 0.22 collection queries: minter, get_minter_ownership, get_collection_info_and_extension, get_all_info", async () => {
    const c = who.alice.client;
    assert.deepEqual(await c.queryContractSmart(gallery, { minter: {} }), { minter: null });
    assert.deepEqual(await c.queryContractSmart(gallery, { get_minter_ownership: {} }), { owner: null, pending_owner: null, pending_expiry: null });
    const info = await c.queryContractSmart(gallery, { get_collection_info_and_extension: {} });
    assert.equal(info.name, "Mesi Gallery");
    assert.equal(info.extension, null);
    const all = await c.queryContractSmart(gallery, { get_all_info: {} });
    assert.equal(all.collection_info.symbol, "MESIG");
    assert.equal(all.num_tokens, (await q.numTokens()).count);
    assert.deepEqual(all.collection_extension, []);
    assert.equal(all.contract_info.creator, who.deployer.address);
  });
});
