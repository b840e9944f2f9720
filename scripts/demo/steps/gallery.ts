// Gallery walkthrough (SPEC §3): alice opens her gallery by minting (rights confirmed), a mint without the rights
// confirmation is refused; she pledges USDC on a token; the gallery is listed and filtered; she sells one to bob
// (it stays in her gallery, marked sold, the pledge follows it); she cannot burn it any more nor switch PPV back
// on; bob raises the pledge; the arbiter rules it infringing, liquidates the pledge to the victim and hands the
// token to its rightful owner. Fresh token ids per run (Date.now()), so the demo runs twice on the same chain.
import { MesiGalleryClient, MesiGalleryQueryClient } from "../../../clients/src/MesiGallery.client";
import type { MintExtension } from "../../../clients/src/MesiGallery.types";
import type { DemoStep } from "../context";

const usd = (micro: string | bigint) => `${(Number(micro) / 1e6).toFixed(2)} USDC`;

export const galleryDemo: DemoStep = {
  name: "gallery",
  needs: ["gallery"],
  async run(demo) {
    const addr = demo.contract("gallery")!;
    const alice = demo.actor("alice"), bob = demo.actor("bob"), carol = demo.actor("carol"), arbiter = demo.actor("arbiter");
    const q = new MesiGalleryQueryClient(alice.client, addr);
    const as = (a: typeof alice) => new MesiGalleryClient(a.client, a.address, addr);
    const cfg = await q.config();
    const denom = cfg.pledge_denom;
    const run = Date.now().toString(36);
    const ids = { sunset: `sunset-${run}`, song: `song-${run}`, clip: `clip-${run}` };
    const ext = (kind: MintExtension["media_kind"], tags: string[], extra: Partial<MintExtension> = {}): MintExtension => ({
      media_kind: kind,
      content_hash: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
      tags,
      year: 2026,
      ad_revenue: { hybrid: { creator_bps: 7000 } },
      pay_per_view: true,
      rights_confirmed: true,
      ...extra,
    });

    demo.section(`Gallery NFTs at ${addr} (${cfg.name} / ${cfg.symbol}), pledges in ${denom}, arbiter ${cfg.arbiter}`);
    await demo.refused("alice mints without confirming her rights", () =>
      as(alice).mint({ tokenId: `nope-${run}`, owner: alice.address, extension: ext("photo", [], { rights_confirmed: false }) }));
    await demo.tx(`alice mints ${ids.sunset} (photo, hybrid 70% creator)`, () =>
      as(alice).mint({ tokenId: ids.sunset, owner: alice.address, tokenUri: `ipfs://demo/${ids.sunset}.json`, extension: ext("photo", ["sunset", "sea"]) }));
    await demo.tx(`alice mints ${ids.song} (audio, royalty)`, () =>
      as(alice).mint({ tokenId: ids.song, owner: alice.address, extension: ext("audio", ["live"], { ad_revenue: "royalty" }) }));
    await demo.tx(`alice mints ${ids.clip} (video, ownership)`, () =>
      as(alice).mint({ tokenId: ids.clip, owner: alice.address, extension: ext("video", ["sea"], { ad_revenue: "ownership" }) }));

    demo.section("trust pledge: alice stakes 25 USDC on the photo");
    await demo.tx(`alice pledges 25 USDC on ${ids.sunset}`, () =>
      as(alice).pledge({ tokenId: ids.sunset }, "auto", undefined, [{ denom, amount: "25000000" }]));
    await demo.refused("alice pledges in the fee denom instead", () =>
      as(alice).pledge({ tokenId: ids.sunset }, "auto", undefined, [{ denom: demo.net.feeDenom, amount: "1000" }]));
    await demo.refused("alice burns her pledged photo (the pledge would be stranded)", () => as(alice).burn({ tokenId: ids.sunset }));

    demo.section("sale: alice sells the photo to bob (transfer_nft)");
    await demo.tx(`alice -> bob ${ids.sunset}`, () => as(alice).transferNft({ recipient: bob.address, tokenId: ids.sunset }));
    const page = await q.gallery({ creator: alice.address, filter: { tag: "sea" }, limit: 100 });
    const mine = page.items.filter((i) => i.token_id.endsWith(run));
    demo.say(`alice's gallery, tag "sea": ${mine.map((i) => `${i.token_id}${i.sold ? " (sold to " + i.owner + ")" : ""}`).join(", ")}`);
    await demo.refused("alice burns the sold photo", () => as(alice).burn({ tokenId: ids.sunset }));
    await demo.tx("alice switches PPV off on the sold photo", () => as(alice).setPayPerView({ tokenId: ids.sunset, enabled: false }));
    await demo.refused("alice switches PPV back on for the sold photo", () => as(alice).setPayPerView({ tokenId: ids.sunset, enabled: true }));
    await demo.tx(`bob (new owner) adds 5 USDC to the pledge`, () =>
      as(bob).pledge({ tokenId: ids.sunset }, "auto", undefined, [{ denom, amount: "5000000" }]));
    const p = await q.pledge({ tokenId: ids.sunset });
    demo.say(`pledge on ${ids.sunset}: ${usd(p.amount)} (owner ${p.owner}); alice's total ${usd((await q.creatorPledges({ creator: alice.address })).total)}`);
    await demo.tx(`alice burns her unsold, unpledged ${ids.song}`, () => as(alice).burn({ tokenId: ids.song }));

    demo.section("arbiter: the photo was stolen from carol; pledge liquidated, token handed to carol");
    await demo.refused("bob tries to resolve (not the arbiter)", () =>
      as(bob).resolve({ tokenId: ids.sunset, payouts: [{ address: bob.address, amount: p.amount }], outcome: "keep" }));
    const before = BigInt((await alice.client.getBalance(carol.address, denom)).amount);
    await demo.tx(`arbiter liquidates ${usd(p.amount)} to carol and transfers ${ids.sunset} to her`, () =>
      as(arbiter).resolve({ tokenId: ids.sunset, payouts: [{ address: carol.address, amount: p.amount }], outcome: { transfer_to: { address: carol.address } } }));
    const after = BigInt((await alice.client.getBalance(carol.address, denom)).amount);
    demo.say(`carol received ${usd(after - before)}; owner of ${ids.sunset}: ${(await q.ownerOf({ tokenId: ids.sunset })).owner}`);
    const c = await q.config();
    const bal = await alice.client.getBalance(addr, denom);
    demo.say(`contract holds ${usd(bal.amount)} == live pledges ${usd(c.total_pledged)}; tokens in the collection: ${(await q.numTokens()).count}`);

    demo.section("no stranded coins: a plain bank send is swept by the owner, never a pledged unit");
    const deployer = demo.actor("deployer");
    await as(alice).pledge({ tokenId: ids.clip }, "auto", undefined, [{ denom, amount: "1000000" }]);
    const sent = await bob.client.sendTokens(bob.address, addr, [{ denom, amount: "700000" }], "auto");
    demo.say(`bob bank-sends 0.70 USDC to the gallery (tx ${sent.transactionHash}); it now holds ${usd((await alice.client.getBalance(addr, denom)).amount)}, live pledges ${usd((await q.config()).total_pledged)}`);
    await demo.refused("alice sweeps (not the owner)", () => as(alice).sweep({ denom }));
    await demo.tx(`owner sweeps ${denom}: exactly the 0.70 USDC surplus`, () => as(deployer).sweep({ denom }));
    await demo.refused("owner sweeps again (the rest is pledged)", () => as(deployer).sweep({ denom }));
    demo.say(`gallery holds ${usd((await alice.client.getBalance(addr, denom)).amount)} == live pledges ${usd((await q.config()).total_pledged)}`);

    demo.section("cw721 0.22 collection queries (open minting: no single minter)");
    demo.say(`minter: ${JSON.stringify(await alice.client.queryContractSmart(addr, { minter: {} }))}`);
    demo.say(`get_minter_ownership: ${JSON.stringify(await alice.client.queryContractSmart(addr, { get_minter_ownership: {} }))}`);
    const all = await alice.client.queryContractSmart(addr, { get_all_info: {} });
    demo.say(`get_all_info: ${all.collection_info.name} / ${all.collection_info.symbol}, ${all.num_tokens} tokens, code id ${all.contract_info.code_id}`);
  },
};
