// Influence allocation on a real devnet (SPEC §1 "Influence allocation", issue 13): deploy instantiates the
// influence contract with the token and the gallery (idempotent); a fan splits its points 40/60 between two creators
// (each point figure == floor(points x share / 10,000)); locking more MESI grows both allocations in the same split;
// a non-creator, oneself, > 100%, duplicates, an upper-case address and attached funds are refused with the typed
// error; every change emits wasm-influence_allocation (user, creator, old and new share); O(1) gallery counters and
// paginated supporters agree; withdraw_all frees everything. Needs artifacts/mesi_{token,gallery,influence}.wasm.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { MesiInfluenceClient, MesiInfluenceQueryClient } from "../../clients/src/MesiInfluence.client";
import type { AllocationResponse } from "../../clients/src/MesiInfluence.types";
import { MesiGalleryClient } from "../../clients/src/MesiGallery.client";
import { MesiTokenClient } from "../../clients/src/MesiToken.client";
import { loadNetwork } from "../../scripts/deploy/config";
import { actors, type Actor } from "../../scripts/deploy/accounts";
import { MESI } from "../../scripts/deploy/genesis";
import { ROOT, failure, deployedDevnet, type Devnet } from "./devnet";

const ARTIFACTS = ["mesi_token", "mesi_gallery", "mesi_influence"].map((a) => path.join(ROOT, "artifacts", `${a}.wasm`));
const missing = ARTIFACTS.filter((a) => !fs.existsSync(a)).map((a) => path.basename(a));
const m = (whole: number) => (BigInt(whole) * MESI).toString();
const part = (points: string, bps: number) => (BigInt(points) * BigInt(bps)) / 10_000n;

describe("influence on the devnet", { skip: missing.length > 0 && `${missing.join(", ")} not built (make wasm)` }, () => {
  let dev: Devnet;
  let influence: string, token: string, gallery: string;
  let who: Record<"alice" | "bob" | "carol" | "dave" | "liquidity", Actor>;
  let q: MesiInfluenceQueryClient;
  const inf = (a: Actor) => new MesiInfluenceClient(a.client, a.address, influence);
  const tok = (a: Actor) => new MesiTokenClient(a.client, a.address, token);
  const mint = (a: Actor, id: string) =>
    new MesiGalleryClient(a.client, a.address, gallery).mint({
      tokenId: id,
      owner: a.address,
      extension: {
        media_kind: "photo",
        content_hash: "ab".repeat(32),
        tags: [],
        year: 2026,
        ad_revenue: "ownership",
        pay_per_view: false,
        rights_confirmed: true,
      },
    });
  const consistent = (a: AllocationResponse) => {
    let sum = 0n;
    for (const g of a.galleries) {
      assert.equal(BigInt(g.points), part(a.influence_points, g.share_bps), "points == floor(points x share / 10,000)");
      sum += BigInt(g.points);
    }
    assert.equal(BigInt(a.allocated_points), sum);
    assert.ok(sum <= BigInt(a.influence_points));
  };

  before(async () => {
    const d = await deployedDevnet();
    dev = d.dev;
    influence = d.record.contracts.influence.address;
    token = d.record.contracts.token.address;
    gallery = d.record.contracts.gallery.address;
    who = await actors(loadNetwork("devnet"), ["alice", "bob", "carol", "dave", "liquidity"] as const);
    q = new MesiInfluenceQueryClient(who.alice.client, influence);
  });
  after(() => dev?.stop());

  test("deploy instantiates influence with the token and the gallery; re-deploy changes nothing", async () => {
    const c = await q.config();
    assert.equal(c.token, token);
    assert.equal(c.gallery, gallery);
    assert.equal(c.max_galleries, 10);
    const again = await dev.deploy();
    assert.match(again.out, /instantiate influence: already at/);
    assert.equal(again.record.contracts.influence.address, influence);
  });

  test("a fan splits its points 40/60; locking more grows both allocations in the same split", async () => {
    await mint(who.alice, "inf-alice-1");
    await mint(who.bob, "inf-bob-1");
    await tok(who.liquidity).transfer({ recipient: who.dave.address, amount: m(2_000) });
    await tok(who.dave).lock({ amount: m(500) });
    const r = await inf(who.dave).allocate({
      shares: [
        { creator: who.alice.address, share_bps: 4000 },
        { creator: who.bob.address, share_bps: 6000 },
      ],
    });
    console.log(`# gas: allocate (2 new galleries) ${r.gasUsed}`);
    const events = r.events
      .filter((e) => e.type === "wasm-influence_allocation")
      .map((e) => Object.fromEntries(e.attributes.map((a) => [a.key, a.value])));
    assert.deepEqual(
      events.map((e) => [e.action, e.user, e.creator, e.old_share_bps, e.new_share_bps]),
      [
        ["allocate", who.dave.address, who.alice.address, "0", "4000"],
        ["allocate", who.dave.address, who.bob.address, "0", "6000"],
      ],
    );
    const a1 = await q.allocation({ user: who.dave.address });
    consistent(a1);
    assert.equal(a1.total_share_bps, 10_000);
    assert.ok(BigInt(a1.influence_points) >= 500n * MESI, "locked MESI counts in full");
    await tok(who.dave).lock({ amount: m(1_000) });
    const a2 = await q.allocation({ user: who.dave.address });
    consistent(a2);
    assert.deepEqual(a2.galleries.map((g) => g.share_bps), a1.galleries.map((g) => g.share_bps));
    for (let i = 0; i < 2; i++) {
      const grew = BigInt(a2.galleries[i].points) - BigInt(a1.galleries[i].points);
      assert.ok(grew >= part(m(1_000), a2.galleries[i].share_bps), `gallery ${i} grew by its share of the new lock`);
    }
  });

  test("a non-creator, oneself, > 100%, duplicates, an upper-case address and funds are refused", async () => {
    const d = inf(who.dave);
    // alice 4,000 -> 3,000 frees room for carol's 1,000: the batch fails on carol alone, as a whole
    assert.match(
      await failure(d.allocate({ shares: [{ creator: who.alice.address, share_bps: 3000 }, { creator: who.carol.address, share_bps: 1000 }] })),
      /has no gallery/,
    );
    assert.match(await failure(d.allocate({ shares: [{ creator: who.dave.address, share_bps: 100 }] })), /its own gallery/);
    assert.match(await failure(d.allocate({ shares: [{ creator: who.alice.address, share_bps: 5000 }] })), /sum to 11000 bps/);
    assert.match(await failure(d.allocate({ shares: [{ creator: who.alice.address, share_bps: 10001 }] })), /at most 10000 bps/);
    assert.match(
      await failure(d.allocate({ shares: [{ creator: who.alice.address, share_bps: 1000 }, { creator: who.alice.address, share_bps: 0 }] })),
      /listed twice/,
    );
    assert.match(await failure(d.allocate({ shares: [{ creator: who.alice.address.toUpperCase(), share_bps: 1000 }] })), /invalid address/);
    const fee = loadNetwork("devnet").feeDenom;
    assert.match(await failure(d.allocate({ shares: [{ creator: who.alice.address, share_bps: 1000 }] }, "auto", undefined, [{ denom: fee, amount: "1" }])), /accept funds/);
    const a = await q.allocation({ user: who.dave.address });
    const shares = Object.fromEntries(a.galleries.map((g) => [g.creator, g.share_bps]));
    assert.deepEqual(shares, { [who.alice.address]: 4000, [who.bob.address]: 6000 }, "refused calls changed nothing");
  });

  test("counters, supporters and reallocate/withdraw agree with the events", async () => {
    await tok(who.liquidity).transfer({ recipient: who.carol.address, amount: m(100) });
    await tok(who.carol).lock({ amount: m(50) }); // points at once (a fresh balance's holding score starts near 0)
    const c = await inf(who.carol).allocate({ shares: [{ creator: who.alice.address, share_bps: 2500 }] });
    console.log(`# gas: allocate (1 new gallery) ${c.gasUsed}`);
    let st = await q.galleryStats({ creator: who.alice.address });
    assert.deepEqual([st.supporters, st.total_share_bps], [2, 6500]);
    const page = await q.supporters({ creator: who.alice.address, limit: 1 });
    assert.equal(page.supporters.length, 1);
    const rest = await q.supporters({ creator: who.alice.address, startAfter: page.supporters[0].user, limit: 10 });
    assert.deepEqual([...page.supporters, ...rest.supporters].map((s) => s.user).sort(), [who.carol.address, who.dave.address].sort());
    const r = await inf(who.dave).allocate({
      shares: [
        { creator: who.alice.address, share_bps: 7000 },
        { creator: who.bob.address, share_bps: 3000 },
      ],
    });
    console.log(`# gas: reallocate (2 galleries) ${r.gasUsed}`);
    st = await q.galleryStats({ creator: who.alice.address });
    assert.deepEqual([st.supporters, st.total_share_bps], [2, 9500]);
    const w = await inf(who.dave).withdrawAll();
    console.log(`# gas: withdraw_all (2 galleries) ${w.gasUsed}`);
    const withdrawn = w.events.filter((e) => e.type === "wasm-influence_allocation");
    assert.equal(withdrawn.length, 2);
    st = await q.galleryStats({ creator: who.alice.address });
    assert.deepEqual([st.supporters, st.total_share_bps], [1, 2500]);
    assert.deepEqual(await q.galleryStats({ creator: who.bob.address }).then((s) => [s.supporters, s.total_share_bps]), [0, 0]);
    assert.match(await failure(inf(who.dave).withdrawAll()), /no allocation to withdraw/);
  });
});
