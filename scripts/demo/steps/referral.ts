// Referral walkthrough (SPEC §5): a tier >= 1 user registers a code, two users name it, the fraud-check operator
// validates (paid at once from the treasury's referral pool: USD 10 x tier multiplier at the current price),
// self-referral and a second referrer are refused; the pool is emptied, the next validation is recorded as owed,
// settling reports the exhausted budget, the pool is refilled and the owed referral is settled.
import { MesiReferralClient, MesiReferralQueryClient } from "../../../clients/src/MesiReferral.client";
import { MesiTokenClient, MesiTokenQueryClient } from "../../../clients/src/MesiToken.client";
import { MesiTreasuryClient, MesiTreasuryQueryClient } from "../../../clients/src/MesiTreasury.client";
import { SigningCosmWasmClient } from "@cosmjs/cosmwasm-stargate";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { MESI, fmtMesi } from "../../deploy/genesis";
import type { Actor } from "../../deploy/accounts";
import type { DemoContext, DemoStep } from "../context";

const m = (whole: number) => (BigInt(whole) * MESI).toString();
const MULTIPLIERS = [0, 1, 2, 5, 10, 15];

/** A brand-new account (a "new user"; each demo run makes its own), given fee tokens by the deployer. */
async function newUser(demo: DemoContext, name: string): Promise<Actor> {
  const wallet = await DirectSecp256k1HdWallet.generate(12, { prefix: demo.net.prefix });
  const [{ address }] = await wallet.getAccounts();
  const client = await SigningCosmWasmClient.connectWithSigner(demo.net.rpc, wallet, { gasPrice: demo.net.gasPrice });
  const deployer = demo.actor("deployer");
  await deployer.client.sendTokens(deployer.address, address, [{ denom: demo.net.feeDenom, amount: "10000000" }], "auto");
  return { name, address, client };
}

export const referralDemo: DemoStep = {
  name: "referral",
  needs: ["referral", "token", "treasury"],
  async run(demo) {
    const referral = demo.contract("referral")!;
    const token = demo.contract("token")!;
    const treasury = demo.contract("treasury")!;
    const dave = demo.actor("dave");
    const bob = await newUser(demo, "bob2"), carol = await newUser(demo, "carol2");
    const operator = demo.actor("operator"), feeder = demo.actor("feeder"), deployer = demo.actor("deployer");
    const liq = demo.actor("liquidity");
    const q = new MesiReferralQueryClient(dave.client, referral);
    const tq = new MesiTokenQueryClient(dave.client, token);
    const trq = new MesiTreasuryQueryClient(dave.client, treasury);
    const ref = (a: typeof dave) => new MesiReferralClient(a.client, a.address, referral);
    const tok = (a: typeof dave) => new MesiTokenClient(a.client, a.address, token);
    const tre = (a: typeof dave) => new MesiTreasuryClient(a.client, a.address, treasury);
    const bal = async (a: typeof dave) => BigInt((await tq.balance({ address: a.address })).balance);

    demo.section(`Referral rewards at ${referral}`);
    const cfg = await q.config();
    demo.say(`bonus USD ${Number(cfg.bonus_usd) / 1e6} x multiplier [${cfg.multipliers.join(", ")}] by tier, operator ${cfg.operator}`);
    await demo.tx("feeder posts the MESI price: USD 0.05", () => tre(feeder).postPrice({ price: "0.05" }));

    demo.section("dave reaches a tier (locks 500 MESI) and registers the code Dave-2026");
    if ((await tq.tier({ address: dave.address })).tier === 0) {
      await demo.tx("liquidity -> dave 1,000 MESI", () => tok(liq).transfer({ recipient: dave.address, amount: m(1_000) }));
      await demo.tx("dave lock 500", () => tok(dave).lock({ amount: m(500) }));
    }
    const tier = (await tq.tier({ address: dave.address })).tier;
    demo.say(`dave's tier: ${tier}`);
    const existing = (await q.codeOf({ address: dave.address })).code;
    if (existing) {
      demo.say(`dave registered ${existing} in an earlier run (one code per user):`);
      await demo.refused("dave registers a second code", () => ref(dave).registerCode({ code: "dave-again" }));
    } else {
      await demo.tx("dave register_code Dave-2026", () => ref(dave).registerCode({ code: "Dave-2026" }));
    }
    demo.say(`code_owner("DAVE-2026") = ${(await q.codeOwner({ code: "DAVE-2026" })).owner} (codes are case-insensitive, stored lower-case)`);
    await demo.refused("dave names his own code (self-referral)", () => ref(dave).refer({ code: "dave-2026" }));

    demo.section("a new user (bob2) names dave; the operator validates; dave is paid from the referral pool");
    await demo.tx("bob2 refer dave-2026", () => ref(bob).refer({ code: "dave-2026" }));
    await demo.refused("bob2 names a referrer a second time", () => ref(bob).refer({ code: "dave-2026" }));
    await demo.refused("bob2 validates his own referral (not the operator)", () => ref(bob).validate({ referee: bob.address }));
    const d0 = await bal(dave);
    await demo.tx("operator validate bob2", () => ref(operator).validate({ referee: bob.address }));
    const r = (await q.referrerOf({ address: bob.address })).referral!;
    demo.say(`status ${r.status}, tier ${r.tier} (x${MULTIPLIERS[r.tier] ?? "?"}), bonus ${fmtMesi(r.bonus)} = USD ${10 * (MULTIPLIERS[r.tier] ?? 0)} at USD 0.05; dave received ${fmtMesi(await bal(dave) - d0)}`);
    await demo.refused("operator validates bob2 again (paid at most once)", () => ref(operator).validate({ referee: bob.address }));

    demo.section("the referral pool runs dry: the next validated referral is owed, nothing is lost");
    const pool = await trq.pool({ pool: "referral" });
    if (BigInt(pool.balance) === 0n) throw new Error("the referral pool is empty: was it funded by the deploy step?");
    await demo.tx(`treasury owner moves the pool's ${fmtMesi(pool.balance)} back to the reserve`, () =>
      tre(deployer).defundPool({ pool: "referral", amount: pool.balance }));
    await demo.tx("carol2 refer dave-2026", () => ref(carol).refer({ code: "dave-2026" }));
    await demo.tx("operator validate carol2", () => ref(operator).validate({ referee: carol.address }));
    const st = await q.status();
    demo.say(`carol2's referral: ${(await q.referrerOf({ address: carol.address })).referral!.status}; owed ${st.owed_count} referral(s), ${fmtMesi(st.owed_amount)}; pool available ${fmtMesi(st.pool_available)}`);
    await demo.refused("settle_owed with an empty pool", () => ref(carol).settleOwed({ limit: 10 }));
    await demo.tx(`treasury owner refills the referral pool (${fmtMesi(pool.balance)})`, () =>
      tre(deployer).fundPool({ pool: "referral", amount: pool.balance }));
    const d1 = await bal(dave);
    await demo.tx("anyone settle_owed (FIFO, bounded page)", () => ref(carol).settleOwed({ limit: 10 }));
    const t = await q.totals();
    demo.say(`dave received ${fmtMesi(await bal(dave) - d1)}; totals: paid ${t.paid_count} (${fmtMesi(t.paid)}), owed ${t.owed_count} (${fmtMesi(t.owed)})`);
    const after = await trq.pool({ pool: "referral" });
    demo.say(`treasury referral pool: drawn this year ${fmtMesi(after.drawn_this_year)} == paid ${fmtMesi(t.paid)}`);
  },
};
