// The marketplace rows of `make bench-chain` (issue 15: buy, bid, finalize; issue 19: offer, accept_offer), following tests/e2e/marketplace.test.ts:
// per run i alice (creator tier 0) mints two gallery tokens and escrows them by send_nft: a buy-now listing at
// 1,000 MESI that bob buys with a token `send` ("buy": token + marketplace + gallery loads), and a 7-day auction in
// the native stablecoin that bob bids on ("bid", the first bid); after the devnet's compliance window the sale is
// finalized ("finalize": the token to the buyer, commission to the treasury). No anchor is deployed here (a Stargaze
// marketplace needs its own chain modules), so the rows stand alone.
import { toBinary } from "@cosmjs/cosmwasm-stargate";
import type { Bench, Group, Sample } from "./chain";

const HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
const MESI = 1_000_000n;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function marketplaceGroup(b: Bench): Group | undefined {
  const c = b.record.contracts;
  if (!c.marketplace || !c.gallery || !c.token || !c.treasury) return undefined;
  const mp = c.marketplace.address as string, gallery = c.gallery.address as string, token = c.token.address as string;
  const { alice, bob, liquidity } = b.who;
  const ext = { media_kind: "photo", content_hash: HASH, tags: ["market"], year: 2026, ad_revenue: "ownership", pay_per_view: true, rights_confirmed: true };
  const mint = (id: string) => b.exec(alice, gallery, { mint: { token_id: id, owner: alice.address, extension: ext } });
  /** the first value of attribute `key` in the transaction's events */
  const attrOf = async (a: typeof alice, contract: string, msg: Record<string, unknown>, key: string, funds?: { denom: string; amount: string }[]) => {
    const r = await a.client.execute(a.address, contract, msg, 1.6, undefined, funds);
    for (const e of r.events) for (const at of e.attributes) if (at.key === key) return { value: at.value, gas: Number(r.gasUsed) };
    throw new Error(`marketplace bench: no ${key} attribute`);
  };
  const chainNow = async () => Math.floor(new Date((await alice.client.getBlock()).header.time).getTime() / 1000);
  return {
    name: "marketplace",
    async setup() {
      await b.exec(liquidity, token, { transfer: { recipient: bob.address, amount: (10_000n * MESI).toString() } });
    },
    async run(_phase, i) {
      const row = (operation: string, gas: number): Sample => ({ contract: "mesi_marketplace", operation, gas });
      // buy-now in MESI
      await mint(`mk${i}`);
      const price = (1_000n * MESI).toString();
      const listing = await attrOf(alice, gallery, { send_nft: { contract: mp, token_id: `mk${i}`, msg: toBinary({ list: { price, asset: "mesi", expires: null, reserved_for: null } }) } }, "listing_id");
      const buy = await attrOf(bob, token, { send: { contract: mp, amount: price, msg: toBinary({ buy: { listing_id: Number(listing.value), max_price: price } }) } }, "settlement_id");
      // an auction in the native stablecoin, first bid
      await mint(`ma${i}`);
      const auction = await attrOf(alice, gallery, { send_nft: { contract: mp, token_id: `ma${i}`, msg: toBinary({ auction: { reserve: "10000000", asset: "native", days: 7 } }) } }, "auction_id");
      const bid = await b.exec(bob, mp, { bid: { auction_id: Number(auction.value) } }, [{ denom: b.net.stableDenom, amount: "10000000" }]);
      // a private offer on an unlisted token (it records the token's identity from the gallery's custody query),
      // accepted by the owner with send_nft (the fill checks custody and identity again; issue 19)
      await mint(`mo${i}`);
      const offer = await attrOf(bob, token, { send: { contract: mp, amount: (100n * MESI).toString(), msg: toBinary({ offer: { token_id: `mo${i}`, expires: (await chainNow()) + 3600 } }) } }, "offer_id");
      const accept = await attrOf(alice, gallery, { send_nft: { contract: mp, token_id: `mo${i}`, msg: toBinary({ accept_offer: { offer_id: Number(offer.value) } }) } }, "settlement_id");
      // finalize the sale once the compliance window has passed
      const s = await b.query(mp, { settlement: { settlement_id: Number(buy.value) } });
      while ((await chainNow()) < s.release_at) await sleep(500);
      const finalize = await b.exec(bob, mp, { finalize: { settlement_id: Number(buy.value) } });
      return [
        row("buy (token send)", buy.gas),
        row("bid (native, first bid)", bid),
        row("offer (token send)", offer.gas),
        row("accept_offer (send_nft)", accept.gas),
        row("finalize (buy-now sale)", finalize),
      ];
    },
  };
}
