// Bid-to-meet walkthrough (SPEC §4): a creator enables BtM, a fan without KYC is refused, the operator sets KYC,
// a tier-1 fan is capped by the USD limit at the treasury price, bids (MESI in escrow through the token's Send),
// raises; the creator accepts committing the hash of a one-time QR code and asks for KYF; the fan consents, a wrong
// code is refused, the right one releases escrow (creator gets 90%, treasury 10%). A slot auction: two fans bid,
// the outbid fan pulls its refund credit, the creator settles after the end and the winner releases.
// Works on a chain where it already ran: fresh fans each run, amounts derived from balances.
import { createHash, randomBytes } from "node:crypto";
import { SigningCosmWasmClient, toBinary } from "@cosmjs/cosmwasm-stargate";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { MesiBidToMeetClient, MesiBidToMeetQueryClient } from "../../../clients/src/MesiBidToMeet.client";
import { MesiTokenClient, MesiTokenQueryClient } from "../../../clients/src/MesiToken.client";
import { MesiTreasuryClient } from "../../../clients/src/MesiTreasury.client";
import { MESI, fmtMesi } from "../../deploy/genesis";
import type { Actor } from "../../deploy/accounts";
import type { DemoContext, DemoStep } from "../context";

const m = (whole: number) => (BigInt(whole) * MESI).toString();
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A brand-new account given fee tokens by the deployer. */
async function newUser(demo: DemoContext, name: string): Promise<Actor> {
  const wallet = await DirectSecp256k1HdWallet.generate(12, { prefix: demo.net.prefix });
  const [{ address }] = await wallet.getAccounts();
  const client = await SigningCosmWasmClient.connectWithSigner(demo.net.rpc, wallet, { gasPrice: demo.net.gasPrice });
  const deployer = demo.actor("deployer");
  await deployer.client.sendTokens(deployer.address, address, [{ denom: demo.net.feeDenom, amount: "10000000" }], "auto");
  return { name, address, client };
}

export const bidToMeetDemo: DemoStep = {
  name: "bid-to-meet",
  needs: ["bid-to-meet", "token", "treasury"],
  async run(demo) {
    const btm = demo.contract("bid-to-meet")!;
    const token = demo.contract("token")!;
    const treasury = demo.contract("treasury")!;
    const carol = demo.actor("carol"), operator = demo.actor("operator"), feeder = demo.actor("feeder");
    const liq = demo.actor("liquidity"), deployer = demo.actor("deployer"), stranger = demo.actor("dave");
    const fan = await newUser(demo, "fan"), fan2 = await newUser(demo, "fan2");
    const q = new MesiBidToMeetQueryClient(carol.client, btm);
    const tq = new MesiTokenQueryClient(carol.client, token);
    const b = (a: Actor) => new MesiBidToMeetClient(a.client, a.address, btm);
    const tok = (a: Actor) => new MesiTokenClient(a.client, a.address, token);
    const bal = async (addr: string) => BigInt((await tq.balance({ address: addr })).balance);
    const bid = (a: Actor, amount: string, msg: object) => tok(a).send({ contract: btm, amount, msg: toBinary(msg) });
    const lastBid = async (a: Actor) => {
      const page = await q.bidsByFan({ fan: a.address, limit: 100 });
      return page.bids[page.bids.length - 1];
    };

    demo.section(`Bid-to-meet at ${btm}`);
    const cfg = await q.config();
    demo.say(`commission ${cfg.commission_bps / 100}% to the treasury; BtM limits by tier (USD): ${cfg.tier_limits_usd.map((l) => (l === null ? "none" : Number(l) / 1e6)).join(" / ")}; KYF window ${cfg.kyf_window / 3600} h; meeting deadline ${cfg.meeting_window / 86400} days`);
    await demo.tx("feeder posts the MESI price: USD 0.05", () => new MesiTreasuryClient(feeder.client, feeder.address, treasury).postPrice({ price: "0.05" }));

    demo.section("carol enables BtM (min bid 100 MESI; in person, video)");
    await demo.tx("carol enable", () => b(carol).enable({ minBid: m(100), formats: ["in_person", "virtual_video"] }));

    demo.section("a new fan: 2,000 MESI, locks 150 (tier 1: BtM limit USD 200 = 4,000 MESI at USD 0.05)");
    await demo.tx("liquidity -> fan 2,000 MESI", () => tok(liq).transfer({ recipient: fan.address, amount: m(2_000) }));
    await demo.tx("fan lock 150 MESI", () => tok(fan).lock({ amount: m(150) }));
    demo.say(`fan's tier: ${(await tq.tier({ address: fan.address })).tier}`);
    await demo.refused("fan bids before KYC", () => bid(fan, m(1_000), { bid: { creator: carol.address, format: "virtual_video" } }));
    await demo.refused("a stranger sets the fan's KYC flag", () => b(stranger).setKyc({ address: fan.address, completed: true }));
    await demo.tx("operator set_kyc fan", () => b(operator).setKyc({ address: fan.address, completed: true }));
    const limit = await q.bidLimit({ address: fan.address });
    demo.say(`fan's BtM limit: tier ${limit.tier}, USD ${Number(limit.limit_usd) / 1e6} = ${fmtMesi(limit.limit_mesi!)}`);
    await demo.tx("liquidity -> fan 3,000 MESI more", () => tok(liq).transfer({ recipient: fan.address, amount: m(3_000) }));
    await demo.refused("fan bids 4,500 MESI (over the tier-1 limit)", () => bid(fan, m(4_500), { bid: { creator: carol.address, format: "virtual_video" } }));
    await demo.refused("fan bids 50 MESI (below carol's min bid)", () => bid(fan, m(50), { bid: { creator: carol.address, format: "virtual_video" } }));

    demo.section("fan bids 1,000 MESI (escrowed at once) and raises by 500");
    const c0 = await bal(carol.address), t0 = await bal(treasury);
    await demo.tx("fan send 1,000 MESI {bid: carol, virtual_video}", () => bid(fan, m(1_000), { bid: { creator: carol.address, format: "virtual_video" } }));
    const id = (await lastBid(fan)).id;
    await demo.tx(`fan send 500 MESI {raise: ${id}}`, () => bid(fan, m(500), { raise: { bid_id: id } }));
    demo.say(`bid #${id}: ${fmtMesi((await q.bid({ bidId: id })).amount)} in escrow; contract holds ${fmtMesi(await bal(btm))}`);

    demo.section("carol accepts, committing sha256 of a one-time QR code, and asks for KYF consent (48 h)");
    const code = `mesi-${randomBytes(8).toString("hex")}`;
    await demo.refused("a stranger accepts carol's bid", () => b(stranger).accept({ bidId: id, codeHash: sha256(code), requestKyf: true }));
    await demo.tx("carol accept (code hash, request_kyf)", () => b(carol).accept({ bidId: id, codeHash: sha256(code), requestKyf: true }));
    await demo.refused("fan raises an accepted bid", () => bid(fan, m(1), { raise: { bid_id: id } }));
    await demo.tx("fan consent_kyf", () => b(fan).consentKyf({ bidId: id }));

    demo.section("at the meeting the fan scans the QR code and submits it");
    await demo.refused("fan submits a wrong code", () => b(fan).release({ bidId: id, code: "not-the-code" }));
    await demo.refused("carol submits the code herself (only the fan releases)", () => b(carol).release({ bidId: id, code }));
    await demo.tx("fan release (matching code)", () => b(fan).release({ bidId: id, code }));
    demo.say(`carol received ${fmtMesi((await bal(carol.address)) - c0)}, the treasury ${fmtMesi((await bal(treasury)) - t0)} (10% commission); bid status ${(await q.bid({ bidId: id })).status}`);

    demo.section("slot auction: carol opens a 40-second video slot (min 100, increment 10)");
    // The demo shortens anti-sniping (owner, devnet) so that the slot really ends; restored below.
    const restore = { anti_snipe_window: cfg.anti_snipe_window, anti_snipe_extension: cfg.anti_snipe_extension };
    await demo.tx("owner shortens anti-sniping to 2 s / 2 s for the demo", () =>
      b(deployer).updateConfig({ antiSnipeWindow: 2, antiSnipeExtension: 2 }));
    try {
      const now = Math.floor(Date.now() / 1000);
      await demo.tx("carol open_slot", () => b(carol).openSlot({ format: "virtual_video", endTime: now + 40, minBid: m(100), minIncrement: m(10) }));
      const slots = await q.slotsByCreator({ creator: carol.address, limit: 100 });
      const slot = slots.slots[slots.slots.length - 1].id;
      await demo.tx("liquidity -> fan2 2,000 MESI", () => tok(liq).transfer({ recipient: fan2.address, amount: m(2_000) }));
      await demo.tx("fan2 lock 500 (tier 5: no BtM limit)", () => tok(fan2).lock({ amount: m(500) }));
      await demo.tx("operator set_kyc fan2", () => b(operator).setKyc({ address: fan2.address, completed: true }));
      await demo.tx(`fan slot_bid 100 on slot ${slot}`, () => bid(fan, m(100), { slot_bid: { slot_id: slot } }));
      await demo.refused("fan2 bids 105 (below highest + increment)", () => bid(fan2, m(105), { slot_bid: { slot_id: slot } }));
      await demo.tx("fan2 slot_bid 110 (outbids fan: fan's 100 becomes a refund credit)", () => bid(fan2, m(110), { slot_bid: { slot_id: slot } }));
      demo.say(`fan's refund credit: ${fmtMesi((await q.refund({ address: fan.address })).amount)}`);
      const f0 = await bal(fan.address);
      await demo.tx("fan withdraw_refunds (pull)", () => b(fan).withdrawRefunds());
      demo.say(`fan got back ${fmtMesi((await bal(fan.address)) - f0)}`);
      await demo.refused("carol settles before the end", () => b(carol).settleSlot({ slotId: slot, codeHash: sha256("x"), requestKyf: false }));
      let s = await q.slot({ slotId: slot });
      while (!s.ended) {
        await sleep(2000);
        s = await q.slot({ slotId: slot });
      }
      const slotCode = `slot-${randomBytes(8).toString("hex")}`;
      await demo.tx("carol settle_slot (winner fan2, code hash)", () => b(carol).settleSlot({ slotId: slot, codeHash: sha256(slotCode), requestKyf: false }));
      const win = s.highest_bid_id!;
      await demo.tx("fan2 release the slot meeting", () => b(fan2).release({ bidId: win, code: slotCode }));
      demo.say(`slot ${slot}: ${(await q.slot({ slotId: slot })).status}, winning bid #${win} ${(await q.bid({ bidId: win })).status}`);
    } finally {
      await demo.tx("owner restores anti-sniping (5 min / 15 min)", () =>
        b(deployer).updateConfig({ antiSnipeWindow: restore.anti_snipe_window, antiSnipeExtension: restore.anti_snipe_extension }));
    }
    // Issue 12 §7: the owner may sweep only MESI nobody is owed (none here).
    await demo.refused("owner sweeps: nothing beyond live escrows + refund credits", () => b(deployer).sweep({}));
    const acc = await q.accounting();
    demo.say(`contract holds ${fmtMesi(acc.balance)} = owed ${fmtMesi(acc.owed)} (live escrows + unclaimed refunds of all runs)` +
      ` + surplus ${fmtMesi(acc.surplus)}`);
  },
};
