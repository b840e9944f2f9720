// Influence walkthrough (SPEC §1 "Influence allocation", issue 13): dave, a fan, splits his influence points 40/60
// between alice's and bob's galleries; allocating to a non-creator, to himself or above 100% is refused; he locks
// more MESI and both allocations grow in the same split (shares, not points, are stored); the galleries' O(1)
// counters and the events an indexer follows are printed. Runs twice on the same chain: a split left by an earlier
// run is withdrawn first (free, nonpayable), each creator mints an upload only when its gallery is empty.
import { MesiInfluenceClient, MesiInfluenceQueryClient } from "../../../clients/src/MesiInfluence.client";
import type { AllocationResponse } from "../../../clients/src/MesiInfluence.types";
import { MesiGalleryClient, MesiGalleryQueryClient } from "../../../clients/src/MesiGallery.client";
import { MesiTokenClient } from "../../../clients/src/MesiToken.client";
import { MESI, fmtMesi } from "../../deploy/genesis";
import type { DemoStep } from "../context";

const m = (whole: number) => (BigInt(whole) * MESI).toString();

export const influenceDemo: DemoStep = {
  name: "influence",
  needs: ["influence", "token", "gallery"],
  async run(demo) {
    const addr = demo.contract("influence")!;
    const token = demo.contract("token")!;
    const gallery = demo.contract("gallery")!;
    const alice = demo.actor("alice"), bob = demo.actor("bob"), carol = demo.actor("carol"), dave = demo.actor("dave"), liq = demo.actor("liquidity");
    const q = new MesiInfluenceQueryClient(dave.client, addr);
    const inf = new MesiInfluenceClient(dave.client, dave.address, addr);
    const tok = (a: typeof dave) => new MesiTokenClient(a.client, a.address, token);
    const gq = new MesiGalleryQueryClient(dave.client, gallery);
    const name = (a: string) => [alice, bob, carol, dave].find((x) => x.address === a)?.name ?? a;
    const show = (a: AllocationResponse) => {
      demo.say(`dave: ${fmtMesi(a.influence_points)} influence points (holding score + locked), ${a.total_share_bps / 100}% allocated`);
      for (const g of a.galleries) demo.say(`  -> ${name(g.creator).padEnd(6)} ${(g.share_bps / 100).toFixed(2).padStart(6)}%  ${fmtMesi(g.points).padStart(20)}`);
    };

    const cfg = await q.config();
    demo.section(`Influence allocation at ${addr} (token ${cfg.token}, gallery ${cfg.gallery}, at most ${cfg.max_galleries} galleries per user)`);
    const run = Date.now().toString(36);
    for (const c of [alice, bob]) {
      const page = await gq.gallery({ creator: c.address, limit: 1 });
      if (page.items.length === 0) {
        const id = `influence-${c.name}-${run}`;
        await demo.tx(`${c.name} opens a gallery (mints ${id})`, () =>
          new MesiGalleryClient(c.client, c.address, gallery).mint({
            tokenId: id,
            owner: c.address,
            extension: {
              media_kind: "photo",
              content_hash: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
              tags: ["influence"],
              year: 2026,
              ad_revenue: "ownership",
              pay_per_view: false,
              rights_confirmed: true,
            },
          }));
      }
    }
    await demo.tx("liquidity -> dave 1,500 MESI", () => tok(liq).transfer({ recipient: dave.address, amount: m(1_500) }));
    await demo.tx("dave locks 500 MESI (influence points = holding score + locked)", () => tok(dave).lock({ amount: m(500) }));
    const before = await q.allocation({ user: dave.address });
    if (before.galleries.length > 0) {
      demo.say(`an earlier run left dave's split (${before.galleries.map((g) => `${name(g.creator)} ${g.share_bps / 100}%`).join(", ")}): withdrawn first`);
      await demo.tx("dave withdraw_all (free: nothing attached, nothing kept)", () => inf.withdrawAll());
    }

    demo.section("dave backs alice and bob: 40% / 60% of his influence points");
    await demo.refused("dave backs carol (no upload, so no gallery)", () => inf.allocate({ shares: [{ creator: carol.address, share_bps: 1000 }] }));
    await demo.refused("dave backs himself", () => inf.allocate({ shares: [{ creator: dave.address, share_bps: 1000 }] }));
    await demo.refused("dave gives alice 50% and bob 60% (110%)", () =>
      inf.allocate({ shares: [{ creator: alice.address, share_bps: 5000 }, { creator: bob.address, share_bps: 6000 }] }));
    const r = await demo.tx("dave allocate alice 4,000 bps + bob 6,000 bps", () =>
      inf.allocate({ shares: [{ creator: alice.address, share_bps: 4000 }, { creator: bob.address, share_bps: 6000 }] }));
    for (const e of r.events.filter((e) => e.type === "wasm-influence_allocation")) {
      const a = Object.fromEntries(e.attributes.map((x) => [x.key, x.value]));
      demo.say(`event ${e.type}: action=${a.action} user=${name(a.user)} creator=${name(a.creator)} ${a.old_share_bps} -> ${a.new_share_bps} bps`);
    }
    const split1 = await q.allocation({ user: dave.address });
    show(split1);

    demo.section("dave locks 1,000 MESI more: both allocations grow, the split stays 40/60 (no influence tx)");
    await demo.tx("dave locks 1,000 MESI more", () => tok(dave).lock({ amount: m(1_000) }));
    const split2 = await q.allocation({ user: dave.address });
    show(split2);
    for (const [g1, g2] of split1.galleries.map((g, i) => [g, split2.galleries[i]] as const)) {
      const grew = BigInt(g2.points) - BigInt(g1.points);
      demo.say(`${name(g2.creator)}: +${fmtMesi(grew)} (share still ${g2.share_bps / 100}%)`);
      if (grew <= 0n || g1.share_bps !== g2.share_bps) throw new Error("the allocation did not grow in the same split");
    }
    const pts = (c: typeof alice) => Number(split2.galleries.find((g) => g.creator === c.address)?.points ?? 0);
    const [pa, pb] = [pts(alice), pts(bob)];
    demo.say(`split of the allocated points: alice ${(pa / (pa + pb)).toFixed(4)} : bob ${(pb / (pa + pb)).toFixed(4)}`);

    demo.section("gallery counters (O(1)) and supporters (paginated, live points)");
    for (const c of [alice, bob]) {
      const st = await q.galleryStats({ creator: c.address });
      const page = await q.supporters({ creator: c.address, limit: 5 });
      demo.say(`${c.name}: ${st.supporters} supporter(s), shares summing to ${st.total_share_bps} bps; first page: ${page.supporters.map((s) => `${name(s.user)} ${fmtMesi(s.points)}`).join(", ")}`);
    }
    demo.say("a gallery's live point total is not kept on chain (every holding score moves each second):");
    demo.say("an indexer follows the wasm-influence_allocation events and the token's tier query (contracts/influence/README.md)");
  },
};
