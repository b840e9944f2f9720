// Marketplace walkthrough (SPEC §3 "Selling", issue 14): alice lists a pledged photo for MESI (the token goes into
// escrow), a buy at a price she no longer asks is refused, bob buys at her price, the sale waits out the (devnet-
// shortened) compliance window, anyone finalizes: the token and its pledge go to bob, 10% to the treasury, alice pulls
// the rest (from the revenue contract when it is deployed: a creator's own sale goes through her split, issue 21). Then an auction in USDC: bob bids, dave snipes in the last seconds and the end moves, bob pulls his
// outbid bid, anyone settles and finalizes, the token and its pledge go to dave. Fresh token ids per run.
import { toBinary } from "@cosmjs/cosmwasm-stargate";
import type { ExecuteResult } from "@cosmjs/cosmwasm-stargate";
import { MesiMarketplaceClient, MesiMarketplaceQueryClient } from "../../../clients/src/MesiMarketplace.client";
import { MesiGalleryClient, MesiGalleryQueryClient } from "../../../clients/src/MesiGallery.client";
import { MesiRevenueClient, MesiRevenueQueryClient } from "../../../clients/src/MesiRevenue.client";
import type { MintExtension } from "../../../clients/src/MesiGallery.types";
import { MesiTokenClient } from "../../../clients/src/MesiToken.client";
import { MesiTreasuryClient, MesiTreasuryQueryClient } from "../../../clients/src/MesiTreasury.client";
import type { DemoStep } from "../context";

const usd = (micro: string | bigint) => `${(Number(micro) / 1e6).toFixed(2)} USDC`;
/** block seconds as a UTC time of day, e.g. 18:42:07 UTC */
const at = (seconds: number | string) => `${new Date(Number(seconds) * 1000).toISOString().slice(11, 19)} UTC`;
const mesi = (base: string | bigint) => `${(Number(base) / 1e6).toLocaleString("en-US")} MESI`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const attr = (r: ExecuteResult, key: string): string => {
  for (const e of r.events) for (const a of e.attributes) if (a.key === key) return a.value;
  throw new Error(`no attribute ${key}`);
};

export const marketplaceDemo: DemoStep = {
  name: "marketplace",
  needs: ["marketplace", "gallery", "token", "treasury"],
  async run(demo) {
    const mp = demo.contract("marketplace")!, gallery = demo.contract("gallery")!;
    const token = demo.contract("token")!, treasury = demo.contract("treasury")!;
    const alice = demo.actor("alice"), bob = demo.actor("bob"), carol = demo.actor("carol"), dave = demo.actor("dave");
    const feeder = demo.actor("feeder"), liq = demo.actor("liquidity");
    const q = new MesiMarketplaceQueryClient(alice.client, mp);
    const gq = new MesiGalleryQueryClient(alice.client, gallery);
    const mk = (a: typeof alice) => new MesiMarketplaceClient(a.client, a.address, mp);
    const gal = (a: typeof alice) => new MesiGalleryClient(a.client, a.address, gallery);
    const tok = (a: typeof alice) => new MesiTokenClient(a.client, a.address, token);
    const chainNow = async () => Math.floor(new Date((await alice.client.getBlock()).header.time).getTime() / 1000);
    const waitUntil = async (t: number, why: string) => {
      demo.say(`waiting ${Math.max(0, t - (await chainNow()))} s (${why})`);
      while ((await chainNow()) < t) await sleep(500);
    };
    const cfg = await q.config();
    const denom = cfg.native_denom;
    const run = Date.now().toString(36);
    const photo = `market-photo-${run}`, clip = `market-clip-${run}`;
    const ext: MintExtension = {
      media_kind: "photo",
      content_hash: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
      tags: ["market"],
      year: 2026,
      ad_revenue: "ownership",
      pay_per_view: true,
      rights_confirmed: true,
    };
    const pledgeOf = async (id: string) => {
      const p = await gq.pledge({ tokenId: id });
      return `owner ${p.owner === mp ? "marketplace (escrow)" : p.owner}, pledge ${usd(p.amount)}`;
    };

    demo.section(`Marketplace at ${mp}: commission ${cfg.commission_bps / 100}%, compliance window ${cfg.compliance_window} s, auction day ${cfg.day_seconds} s`);
    const price = (await new MesiTreasuryQueryClient(alice.client, treasury).price()).price ?? "0.05";
    await demo.tx(`feeder re-posts the MESI price (USD ${price}) so it is fresh`, () =>
      new MesiTreasuryClient(feeder.client, feeder.address, treasury).postPrice({ price }));
    await demo.tx("liquidity -> bob 100 MESI", () => tok(liq).transfer({ recipient: bob.address, amount: "100000000" }));

    demo.section("buy-now in MESI with the 48 h compliance window (shortened on the devnet)");
    await demo.tx(`alice mints ${photo}`, () => gal(alice).mint({ tokenId: photo, owner: alice.address, extension: ext }));
    await demo.tx(`alice pledges 2 USDC on ${photo}`, () => gal(alice).pledge({ tokenId: photo }, "auto", undefined, [{ denom, amount: "2000000" }]));
    const listed = await demo.tx(`alice lists ${photo} for 50 MESI (send_nft: the token goes into escrow)`, () =>
      gal(alice).sendNft({ contract: mp, tokenId: photo, msg: toBinary({ list: { price: "50000000", asset: "mesi", expires: null, reserved_for: null } }) }));
    const listingId = Number(attr(listed, "listing_id"));
    demo.say(`${photo}: ${await pledgeOf(photo)}`);
    await demo.refused("bob buys naming 40 MESI (not the listing's price)", () =>
      tok(bob).send({ contract: mp, amount: "40000000", msg: toBinary({ buy: { listing_id: listingId, max_price: "40000000" } }) }));
    const bought = await demo.tx("bob buys at 50 MESI (cw20 Send)", () =>
      tok(bob).send({ contract: mp, amount: "50000000", msg: toBinary({ buy: { listing_id: listingId, max_price: "50000000" } }) }));
    const sid = Number(attr(bought, "settlement_id"));
    const s = await q.settlement({ settlementId: sid });
    demo.say(`settlement ${sid}: ${mesi(s.price)} held with the token until ${at(s.release_at)} (the compliance window); fee on finalize ${mesi(s.fee)}`);
    await demo.refused("carol finalizes inside the window", () => mk(carol).finalize({ settlementId: sid }));
    await waitUntil(s.release_at, "the compliance window");
    await demo.tx("carol finalizes (anyone may)", () => mk(carol).finalize({ settlementId: sid }));
    demo.say(`${photo}: ${await pledgeOf(photo)}`);
    const rev = demo.contract("revenue");
    if (rev) {
      // issue 21: alice created the photo, so this primary sale's net went to her revenue split
      const rq = new MesiRevenueQueryClient(alice.client, rev);
      const [bal, pool] = [await rq.balance({ creator: alice.address }), await rq.pool({ creator: alice.address })];
      demo.say(`primary sale: the net went to alice's revenue split (revenue balance ${mesi(bal.amount)}, gallery pool ${mesi(pool.pool)}); her marketplace balance is ${mesi((await q.claimable({ address: alice.address })).mesi)}`);
      await demo.tx("alice withdraws her revenue balance", () => new MesiRevenueClient(alice.client, alice.address, rev).withdraw());
    } else {
      demo.say(`alice may withdraw ${mesi((await q.claimable({ address: alice.address })).mesi)}`);
      await demo.tx("alice withdraws her proceeds", () => mk(alice).withdraw({ asset: "mesi" }));
    }

    demo.section("auction in USDC with anti-sniping");
    await demo.tx(`alice mints ${clip}`, () => gal(alice).mint({ tokenId: clip, owner: alice.address, extension: { ...ext, media_kind: "video" } }));
    await demo.tx(`alice pledges 1 USDC on ${clip}`, () => gal(alice).pledge({ tokenId: clip }, "auto", undefined, [{ denom, amount: "1000000" }]));
    const created = await demo.tx(`alice auctions ${clip}: reserve 5 USDC, 7 days`, () =>
      gal(alice).sendNft({ contract: mp, tokenId: clip, msg: toBinary({ auction: { reserve: "5000000", asset: "native", days: 7 } }) }));
    const id = Number(attr(created, "auction_id"));
    const end0 = (await q.auction({ auctionId: id })).end;
    await demo.tx("bob bids 5 USDC", () => mk(bob).bid({ auctionId: id }, "auto", undefined, [{ denom, amount: "5000000" }]));
    await waitUntil(end0 - cfg.anti_snipe_window + 2, "the last seconds of the auction");
    const min = (await q.auction({ auctionId: id })).min_next_bid;
    const snipe = await demo.tx(`dave snipes with ${usd(min)}`, () => mk(dave).bid({ auctionId: id }, "auto", undefined, [{ denom, amount: min }]));
    demo.say(`end moved from ${at(end0)} to ${at(attr(snipe, "end"))} (a bid in the last ${cfg.anti_snipe_window} s moves it to ${cfg.anti_snipe_extension} s after the bid)`);
    await demo.tx(`bob pulls his outbid ${usd((await q.claimable({ address: bob.address })).native)}`, () => mk(bob).withdraw({ asset: "native" }));
    await waitUntil(Number(attr(snipe, "end")), "the moved end");
    const settled = await demo.tx("carol settles the auction (anyone may)", () => mk(carol).settleAuction({ auctionId: id }));
    const asid = Number(attr(settled, "settlement_id"));
    await waitUntil((await q.settlement({ settlementId: asid })).release_at, "the compliance window");
    await demo.tx("carol finalizes", () => mk(carol).finalize({ settlementId: asid }));
    demo.say(`${clip}: ${await pledgeOf(clip)}`);
    demo.say(`alice may withdraw ${usd((await q.claimable({ address: alice.address })).native)} (treasury got 10%)`);
  },
};
