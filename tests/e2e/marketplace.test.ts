// The marketplace on a real devnet (SPEC §3 "Selling", issue 14), through the generated clients: the deploy wires it
// to the gallery, token and treasury (and tells the gallery and the token its address) with devnet timing (a 7-day auction lasts 42 s, a 15 s compliance window, 15 s /
// 20 s anti-sniping); a full buy-now sale in $MESI (escrow by send_nft, a fake hook refused, a buyer-stated price,
// finalize after the window: commission to the treasury, the rest withdrawn by the seller, from the revenue contract
// when it is deployed: the sale is alice's primary sale, issue 21) and a full auction in the
// native stablecoin with an anti-sniping extension, an outbid amount withdrawn, a permissionless settlement and
// finalize. The token's trust pledge moves with it at every step. At the end, per asset, held == owed, and stray
// plain transfers leave by the owner's sweep, exactly (issue 12 §7).
// Needs artifacts/mesi_{token,treasury,gallery,marketplace}.wasm (make wasm).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { toBinary } from "@cosmjs/cosmwasm-stargate";
import type { ExecuteResult } from "@cosmjs/cosmwasm-stargate";
import { MesiMarketplaceClient, MesiMarketplaceQueryClient } from "../../clients/src/MesiMarketplace.client";
import { MesiGalleryClient, MesiGalleryQueryClient } from "../../clients/src/MesiGallery.client";
import { MesiRevenueClient, MesiRevenueQueryClient } from "../../clients/src/MesiRevenue.client";
import type { MintExtension } from "../../clients/src/MesiGallery.types";
import { MesiTokenClient, MesiTokenQueryClient } from "../../clients/src/MesiToken.client";
import { MesiTreasuryClient } from "../../clients/src/MesiTreasury.client";
import { loadNetwork } from "../../scripts/deploy/config";
import { actors, type Actor } from "../../scripts/deploy/accounts";
import { MESI } from "../../scripts/deploy/genesis";
import { DEVNET_ANTI_SNIPE_EXTENSION, DEVNET_ANTI_SNIPE_WINDOW, DEVNET_COMPLIANCE_WINDOW, DEVNET_DAY_SECONDS } from "../../scripts/deploy/steps/marketplace";
import { ROOT, failure, sleep, deployedDevnet, type Devnet } from "./devnet";

const ARTIFACTS = ["mesi_token", "mesi_treasury", "mesi_gallery", "mesi_marketplace"].map((a) => path.join(ROOT, "artifacts", `${a}.wasm`));
const missing = ARTIFACTS.filter((a) => !fs.existsSync(a)).map((a) => path.basename(a));
const m = (whole: number) => (BigInt(whole) * MESI).toString();
const USDC = 1_000_000n;
const ext: MintExtension = {
  media_kind: "photo",
  content_hash: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
  tags: ["market"],
  year: 2026,
  ad_revenue: "ownership",
  pay_per_view: true,
  rights_confirmed: true,
};
/** The first attribute `key` of the marketplace's wasm event. */
const attr = (r: ExecuteResult, key: string): string => {
  for (const e of r.events) for (const a of e.attributes) if (a.key === key) return a.value;
  throw new Error(`no attribute ${key}`);
};

describe("marketplace on the devnet", { skip: missing.length > 0 && `${missing.join(", ")} not built (make wasm)` }, () => {
  let dev: Devnet;
  let mp: string, gallery: string, token: string, treasury: string, denom: string;
  /** the revenue contract when deployed (issue 21: a $MESI primary sale's net goes to the creator's split there) */
  let rev: string | undefined;
  let who: Record<"deployer" | "alice" | "bob" | "carol" | "dave" | "feeder" | "liquidity" | "arbiter", Actor>;
  let q: MesiMarketplaceQueryClient;
  let gq: MesiGalleryQueryClient;
  let tq: MesiTokenQueryClient;
  const mk = (a: Actor) => new MesiMarketplaceClient(a.client, a.address, mp);
  const gal = (a: Actor) => new MesiGalleryClient(a.client, a.address, gallery);
  const tok = (a: Actor) => new MesiTokenClient(a.client, a.address, token);
  const mesi = async (addr: string) => BigInt((await tq.balance({ address: addr })).balance);
  const bank = async (addr: string) => BigInt((await who.alice.client.getBalance(addr, denom)).amount);
  const chainNow = async () => Math.floor(new Date((await who.alice.client.getBlock()).header.time).getTime() / 1000);
  const waitUntil = async (t: number) => {
    while ((await chainNow()) < t) await sleep(500);
  };

  before(async () => {
    const d = await deployedDevnet();
    dev = d.dev;
    mp = d.record.contracts.marketplace.address;
    gallery = d.record.contracts.gallery.address;
    token = d.record.contracts.token.address;
    treasury = d.record.contracts.treasury.address;
    rev = d.record.contracts.revenue?.address;
    const net = loadNetwork("devnet");
    denom = net.stableDenom;
    who = await actors(net, ["deployer", "alice", "bob", "carol", "dave", "feeder", "liquidity", "arbiter"] as const);
    q = new MesiMarketplaceQueryClient(who.alice.client, mp);
    gq = new MesiGalleryQueryClient(who.alice.client, gallery);
    tq = new MesiTokenQueryClient(who.alice.client, token);
    // USD 0.05 per MESI: creator tier 0's USD 100 = 2,000 MESI.
    await new MesiTreasuryClient(who.feeder.client, who.feeder.address, treasury).postPrice({ price: "0.05" });
    for (const a of [who.bob, who.dave]) await tok(who.liquidity).transfer({ recipient: a.address, amount: m(10_000) });
  });
  after(() => dev?.stop());

  test("deploy wires the gallery, token, treasury and the devnet timing; re-deploy changes nothing", async () => {
    const c = await q.config();
    assert.equal(c.gallery, gallery);
    assert.equal(c.token, token);
    assert.equal(c.treasury, treasury);
    assert.equal(c.native_denom, denom);
    assert.equal(c.commission_bps, 1000);
    assert.equal(c.day_seconds, DEVNET_DAY_SECONDS);
    assert.equal(c.compliance_window, DEVNET_COMPLIANCE_WINDOW);
    assert.equal(c.anti_snipe_window, DEVNET_ANTI_SNIPE_WINDOW);
    assert.equal((await gq.config()).marketplace, mp, "the gallery knows the marketplace");
    assert.equal((await tq.config()).marketplace, mp, "the token's unlock asks the marketplace");
    const again = await dev.deploy();
    assert.match(again.out, /instantiate marketplace: already at/);
    assert.equal(again.record.contracts.marketplace.address, mp);
  });

  test("buy-now in MESI: escrow, a buyer-stated price, the compliance window, commission and withdrawal; the pledge follows", async () => {
    await gal(who.alice).mint({ tokenId: "mk1", owner: who.alice.address, extension: ext });
    await gal(who.alice).pledge({ tokenId: "mk1" }, "auto", undefined, [{ denom, amount: (5n * USDC).toString() }]);
    const list = { list: { price: m(1_000), asset: "mesi", expires: null, reserved_for: null } };
    assert.match(await failure(gal(who.alice).sendNft({ contract: mp, tokenId: "mk1", msg: toBinary({ list: { ...list.list, price: m(2_001) } }) })), /above creator tier 0's maximum/);
    const r = await gal(who.alice).sendNft({ contract: mp, tokenId: "mk1", msg: toBinary(list) });
    console.log(`# gas: list ${r.gasUsed}`);
    const listingId = Number(attr(r, "listing_id"));
    assert.equal((await gq.ownerOf({ tokenId: "mk1" })).owner, mp);
    assert.equal((await gq.pledge({ tokenId: "mk1" })).amount, (5n * USDC).toString(), "the pledge stays with the escrowed token");
    const listedItem = (await gq.gallery({ creator: who.alice.address, limit: 100 })).items.find((i) => i.token_id === "mk1")!;
    assert.equal(listedItem.listed_by, who.alice.address);
    assert.equal(listedItem.sold, false, "a token in escrow is listed, not sold");
    // a hook from anyone but the token
    const buy = { buy: { listing_id: listingId, max_price: m(1_000) } };
    assert.match(await failure(mk(who.dave).receive({ sender: who.dave.address, amount: m(1_000), msg: toBinary(buy) })), /only the configured token/);
    // the buyer names the price: a different one is refused
    assert.match(await failure(tok(who.bob).send({ contract: mp, amount: m(900), msg: toBinary({ buy: { listing_id: listingId, max_price: m(900) } }) })), /not the agreed/);
    const b = await tok(who.bob).send({ contract: mp, amount: m(1_000), msg: toBinary(buy) });
    console.log(`# gas: buy ${b.gasUsed}`);
    const sid = Number(attr(b, "settlement_id"));
    const s = await q.settlement({ settlementId: sid });
    assert.equal(s.buyer, who.bob.address);
    assert.equal(s.fee, m(100));
    assert.match(await failure(mk(who.dave).finalize({ settlementId: sid })), /compliance window is open/);
    await waitUntil(s.release_at);
    const t0 = await mesi(treasury);
    const f = await mk(who.dave).finalize({ settlementId: sid });
    console.log(`# gas: finalize ${f.gasUsed}`);
    assert.equal((await gq.ownerOf({ tokenId: "mk1" })).owner, who.bob.address);
    const p = await gq.pledge({ tokenId: "mk1" });
    assert.equal(p.owner, who.bob.address);
    assert.equal(p.amount, (5n * USDC).toString(), "the pledge moved with the token to the buyer");
    const soldItem = (await gq.gallery({ creator: who.alice.address, limit: 100 })).items.find((i) => i.token_id === "mk1")!;
    assert.equal(soldItem.sold, true);
    assert.equal(await mesi(treasury), t0 + 100n * MESI);
    const a0 = await mesi(who.alice.address);
    if (rev) {
      // a primary sale (alice created mk1): the net went to alice's revenue split (no rate set: all to her balance)
      const rq = new MesiRevenueQueryClient(who.alice.client, rev);
      assert.equal((await q.claimable({ address: who.alice.address })).mesi, "0");
      assert.equal((await rq.balance({ creator: who.alice.address })).amount, m(900));
      const w = await new MesiRevenueClient(who.alice.client, who.alice.address, rev).withdraw();
      console.log(`# gas: withdraw (revenue) ${w.gasUsed}`);
    } else {
      assert.equal((await q.claimable({ address: who.alice.address })).mesi, m(900));
      const w = await mk(who.alice).withdraw({ asset: "mesi" });
      console.log(`# gas: withdraw ${w.gasUsed}`);
    }
    assert.equal(await mesi(who.alice.address), a0 + 900n * MESI);
    assert.match(await failure(mk(who.dave).finalize({ settlementId: sid })), /not found/);
  });

  test("auction in the native stablecoin: anti-sniping moves the end, the outbid bid is withdrawn, settle and finalize", async () => {
    await gal(who.alice).mint({ tokenId: "mk2", owner: who.alice.address, extension: ext });
    await gal(who.alice).pledge({ tokenId: "mk2" }, "auto", undefined, [{ denom, amount: (3n * USDC).toString() }]);
    assert.match(
      await failure(gal(who.alice).sendNft({ contract: mp, tokenId: "mk2", msg: toBinary({ auction: { reserve: (10n * USDC).toString(), asset: "native", days: 14 } }) })),
      /creator tier 0 allows 7..=7/,
    );
    const r = await gal(who.alice).sendNft({
      contract: mp,
      tokenId: "mk2",
      msg: toBinary({ auction: { reserve: (10n * USDC).toString(), asset: "native", days: 7 } }),
    });
    const id = Number(attr(r, "auction_id"));
    const end0 = (await q.auction({ auctionId: id })).end;
    assert.match(await failure(mk(who.alice).bid({ auctionId: id }, "auto", undefined, [{ denom, amount: (10n * USDC).toString() }])), /cannot buy, bid on or offer for its own/);
    const b1 = await mk(who.bob).bid({ auctionId: id }, "auto", undefined, [{ denom, amount: (10n * USDC).toString() }]);
    console.log(`# gas: bid ${b1.gasUsed}`);
    assert.equal((await q.auction({ auctionId: id })).end, end0, "an early bid leaves the end");
    // snipe inside the last DEVNET_ANTI_SNIPE_WINDOW seconds: the end moves to DEVNET_ANTI_SNIPE_EXTENSION after the bid
    await waitUntil(end0 - DEVNET_ANTI_SNIPE_WINDOW + 3);
    const min = (await q.auction({ auctionId: id })).min_next_bid;
    assert.equal(min, (10_500_000n).toString());
    const b2 = await mk(who.dave).bid({ auctionId: id }, "auto", undefined, [{ denom, amount: min }]);
    console.log(`# gas: outbid ${b2.gasUsed}`);
    const moved = Number(attr(b2, "extended_to"));
    assert.ok(moved > end0, `end moved from ${end0} to ${moved}`);
    assert.equal(moved, Number(attr(b2, "end")));
    assert.ok(moved - end0 <= DEVNET_ANTI_SNIPE_EXTENSION);
    assert.equal((await q.claimable({ address: who.bob.address })).native, (10n * USDC).toString());
    const bob0 = await bank(who.bob.address);
    await mk(who.bob).withdraw({ asset: "native" });
    assert.equal(await bank(who.bob.address), bob0 + 10n * USDC, "bob pulled his outbid bid (fees are paid in ustake)");
    await waitUntil(end0 + 1);
    assert.match(await failure(mk(who.carol).settleAuction({ auctionId: id })), /auction ends at/, "the snipe really moved the end");
    await waitUntil(moved);
    assert.match(await failure(mk(who.bob).bid({ auctionId: id }, "auto", undefined, [{ denom, amount: (20n * USDC).toString() }])), /auction ended/);
    const st = await mk(who.carol).settleAuction({ auctionId: id });
    console.log(`# gas: settle_auction ${st.gasUsed}`);
    const sid = Number(attr(st, "settlement_id"));
    const s = await q.settlement({ settlementId: sid });
    assert.equal(s.buyer, who.dave.address);
    await waitUntil(s.release_at);
    const t0 = await bank(treasury);
    await mk(who.carol).finalize({ settlementId: sid });
    assert.equal((await gq.ownerOf({ tokenId: "mk2" })).owner, who.dave.address);
    const p = await gq.pledge({ tokenId: "mk2" });
    assert.equal(p.owner, who.dave.address);
    assert.equal(p.amount, (3n * USDC).toString(), "the pledge moved with the token to the winner");
    assert.equal(await bank(treasury), t0 + 1_050_000n);
    assert.equal((await q.claimable({ address: who.alice.address })).native, (9_450_000n).toString());
  });

  test("per asset, what the marketplace holds == escrowed orders + claimable; tokens held == live orders", async () => {
    // leave a live listing and an unclaimed balance behind
    await gal(who.alice).mint({ tokenId: "mk3", owner: who.alice.address, extension: ext });
    await gal(who.alice).sendNft({ contract: mp, tokenId: "mk3", msg: toBinary({ list: { price: m(50), asset: "mesi", expires: null, reserved_for: null } }) });
    const listings = await q.listingsBySeller({ seller: who.alice.address, limit: 100 });
    const auctions = await q.auctionsByEnd({ limit: 100 });
    const settlements = await q.settlementsByRelease({ limit: 100 });
    assert.deepEqual((await gq.tokens({ owner: mp })).tokens, ["mk3"]);
    assert.equal(listings.listings.length + auctions.auctions.length + settlements.settlements.length, 1);
    let claimMesi = 0n, claimNative = 0n;
    for (const a of [who.alice, who.bob, who.carol, who.dave]) {
      const c = await q.claimable({ address: a.address });
      claimMesi += BigInt(c.mesi);
      claimNative += BigInt(c.native);
    }
    assert.equal(await mesi(mp), claimMesi);
    assert.equal(await bank(mp), claimNative);
    assert.equal(claimNative, 9_450_000n);
    const books = await q.accounting();
    assert.deepEqual([books.mesi.owed, books.mesi.surplus, books.native.owed, books.native.surplus], [claimMesi.toString(), "0", claimNative.toString(), "0"]);
  });

  test("sweep: a plain MESI transfer and a bank send leave by the owner's sweep, exactly, never an owed unit (issue 12 §7)", async () => {
    const owed = await q.accounting();
    await tok(who.bob).transfer({ recipient: mp, amount: "7" });
    await who.bob.client.sendTokens(who.bob.address, mp, [{ denom, amount: "5" }], "auto");
    const strays = await q.accounting();
    assert.deepEqual([strays.mesi.surplus, strays.native.surplus], ["7", "5"]);
    assert.deepEqual([strays.mesi.owed, strays.native.owed], [owed.mesi.owed, owed.native.owed]);
    assert.match(await failure(mk(who.alice).sweep({})), /owner/i);
    const [m0, n0] = [await mesi(who.deployer.address), await bank(who.deployer.address)];
    const r = await mk(who.deployer).sweep({});
    console.log(`# gas: sweep ${r.gasUsed}`);
    await mk(who.deployer).sweep({ denom });
    assert.equal(await mesi(who.deployer.address), m0 + 7n);
    assert.equal(await bank(who.deployer.address), n0 + 5n);
    assert.equal(await mesi(mp), BigInt(owed.mesi.owed));
    assert.equal(await bank(mp), BigInt(owed.native.owed));
    assert.match(await failure(mk(who.deployer).sweep({})), /nothing to sweep/);
    assert.match(await failure(mk(who.deployer).sweep({ denom })), /nothing to sweep/);
  });

  // issue 19 §1 (SPEC §3 token identity), end to end: bob offers 500 MESI on alice's unsold `art-1`; alice burns it;
  // dave (the audit's erin) cannot mint his own `art-1`, so nothing can fill bob's offer; bob gets his 500 back.
  test("an open offer is never filled by another token minted under a burnt id", async () => {
    await gal(who.alice).mint({ tokenId: "art-1", owner: who.alice.address, extension: ext });
    const o = await tok(who.bob).send({ contract: mp, amount: m(500), msg: toBinary({ offer: { token_id: "art-1", expires: (await chainNow()) + 3600 } }) });
    const offerId = Number(attr(o, "offer_id"));
    await gal(who.alice).burn({ tokenId: "art-1" });
    assert.match(await failure(gal(who.dave).mint({ tokenId: "art-1", owner: who.dave.address, extension: { ...ext, content_hash: "ab".repeat(32) } })), /was burnt and can never be minted again/);
    assert.match(await failure(gal(who.dave).sendNft({ contract: mp, tokenId: "art-1", msg: toBinary({ accept_offer: { offer_id: offerId } }) })), /not found/);
    const before = await mesi(who.bob.address);
    await mk(who.bob).cancelOffer({ offerId });
    await mk(who.bob).withdraw({ asset: "mesi" });
    assert.equal(await mesi(who.bob.address), before + 500n * MESI, "bob's 500 MESI came back whole");
    assert.equal((await q.claimable({ address: who.dave.address })).mesi, "0");
  });

  // issue 19 §3 (SPEC §3 custody): carol sells `st` to bob for 60 MESI; inside the compliance window the arbiter rules
  // the content dan's and hands `st` to dave. dave cannot put it back into escrow (plain transfer or send_nft), the
  // settlement never finalizes, and after sync bob withdraws his 60 MESI in full; carol gets nothing.
  test("a settlement whose token a ruling moved out of escrow never finalizes and refunds the buyer in full", async () => {
    await gal(who.carol).mint({ tokenId: "st", owner: who.carol.address, extension: ext });
    const l = await gal(who.carol).sendNft({ contract: mp, tokenId: "st", msg: toBinary({ list: { price: m(60), asset: "mesi", expires: null, reserved_for: null } }) });
    const listingId = Number(attr(l, "listing_id"));
    const b = await tok(who.bob).send({ contract: mp, amount: m(60), msg: toBinary({ buy: { listing_id: listingId, max_price: m(60) } }) });
    const sid = Number(attr(b, "settlement_id"));
    const s = await q.settlement({ settlementId: sid });
    await gal(who.arbiter).resolve({ tokenId: "st", payouts: [], outcome: { transfer_to: { address: who.dave.address } } });
    assert.equal((await gq.custody({ tokenId: "st" })).listed_by, null, "the ruling took the token out of escrow");
    assert.match(await failure(gal(who.dave).transferNft({ recipient: mp, tokenId: "st" })), /cannot be moved to the marketplace with a plain transfer/);
    assert.match(await failure(gal(who.dave).sendNft({ contract: mp, tokenId: "st", msg: toBinary({ list: { price: m(10), asset: "mesi", expires: null, reserved_for: null } }) })), /already/i);
    await waitUntil(s.release_at);
    assert.match(await failure(mk(who.carol).finalize({ settlementId: sid })), /no longer held by the marketplace/);
    await mk(who.carol).sync({ tokenId: "st" });
    const before = await mesi(who.bob.address);
    await mk(who.bob).withdraw({ asset: "mesi" });
    assert.equal(await mesi(who.bob.address), before + 60n * MESI, "bob's 60 MESI came back whole");
    assert.equal((await q.claimable({ address: who.carol.address })).mesi, "0", "carol, who lost the ruling, gets nothing");
    assert.equal((await gq.ownerOf({ tokenId: "st" })).owner, who.dave.address);
    assert.match(await failure(mk(who.carol).finalize({ settlementId: sid })), /not found/);
  });
});
