// Treasury walkthrough (SPEC §2): the books, the price feed and USD conversion, earnings credited by the operator
// and claimed at once, a Merkle epoch (tree built by scripts/merkle/merkle.mjs) claimed with proofs, a shortfall
// claim that mints (over-issuance) and a buy-back-and-burn that brings supply back to genesis, budget pools, and
// vesting (the genesis schedules; a short-month schedule claimed live). Re-runnable: fresh accounts each run,
// amounts derived from the chain's state.
import { toBinary } from "@cosmjs/cosmwasm-stargate";
import { SigningCosmWasmClient } from "@cosmjs/cosmwasm-stargate";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { MesiTokenClient, MesiTokenQueryClient } from "../../../clients/src/MesiToken.client";
import { MesiTreasuryClient, MesiTreasuryQueryClient } from "../../../clients/src/MesiTreasury.client";
import { buildTree } from "../../merkle/merkle.mjs";
import { MESI, fmtMesi } from "../../deploy/genesis";
import type { Actor } from "../../deploy/accounts";
import type { DemoContext, DemoStep } from "../context";

const m = (whole: number | bigint) => (BigInt(whole) * MESI).toString();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A brand-new account (each demo run makes its own), given fee tokens by the deployer. */
async function newUser(demo: DemoContext, name: string): Promise<Actor> {
  const wallet = await DirectSecp256k1HdWallet.generate(12, { prefix: demo.net.prefix });
  const [{ address }] = await wallet.getAccounts();
  const client = await SigningCosmWasmClient.connectWithSigner(demo.net.rpc, wallet, { gasPrice: demo.net.gasPrice });
  const deployer = demo.actor("deployer");
  await deployer.client.sendTokens(deployer.address, address, [{ denom: demo.net.feeDenom, amount: "10000000" }], "auto");
  return { name, address, client };
}

export const treasuryDemo: DemoStep = {
  name: "treasury",
  needs: ["treasury", "token"],
  async run(demo) {
    const treasury = demo.contract("treasury")!;
    const token = demo.contract("token")!;
    const deployer = demo.actor("deployer"), feeder = demo.actor("feeder"), operator = demo.actor("operator");
    const alice = demo.actor("alice"), community = demo.actor("community");
    const q = new MesiTreasuryQueryClient(alice.client, treasury);
    const tq = new MesiTokenQueryClient(alice.client, token);
    const tre = (a: Actor) => new MesiTreasuryClient(a.client, a.address, treasury);
    const tok = (a: Actor) => new MesiTokenClient(a.client, a.address, token);
    const bal = async (a: { address: string }) => BigInt((await tq.balance({ address: a.address })).balance);
    const books = async () => {
      const acc = await q.accounting();
      const sup = await q.supply();
      const held = await bal({ address: treasury });
      demo.say(`books: reserve ${fmtMesi(acc.reserve)} + pools ${fmtMesi(acc.pools)} + vesting ${fmtMesi(acc.vesting_outstanding)} = ${fmtMesi(acc.tracked)}; held ${fmtMesi(held)}`);
      const burned = BigInt(sup.burned_by_holders ?? "0");
      demo.say(`supply: total ${fmtMesi(sup.total_supply ?? "0")} - over-issuance ${fmtMesi(sup.over_issuance)} + burned by holders ${fmtMesi(burned)} = ${fmtMesi(BigInt(sup.total_supply ?? "0") - BigInt(sup.over_issuance) + burned)} (genesis ${fmtMesi(sup.genesis_supply)}; books ${sup.books_balance ? "hold" : "DO NOT HOLD"})`);
    };

    demo.section(`Treasury at ${treasury}`);
    await books();
    const vestings = await q.vestings({ limit: 10 });
    for (const v of vestings.vestings) {
      demo.say(`  vesting ${v.label.padEnd(24)} ${fmtMesi(v.total).padStart(24)}  cliff ${String(v.cliff_months).padStart(2)} + ${v.periods} months, vested ${fmtMesi(v.vested)}`);
    }

    demo.section("price feed: the feeder posts MESI/USD; conversions use it while it is fresh");
    await demo.tx("feeder post_price USD 0.05 per MESI", () => tre(feeder).postPrice({ price: "0.05" }));
    const p = await q.price();
    const c = await q.usdToMesi({ usd: "10000000" });
    demo.say(`price ${p.price}, age ${p.age}s of max ${p.max_age}s; USD 10 = ${fmtMesi(c.mesi)}`);
    await demo.refused("alice posts a price (not the feeder)", () => tre(alice).postPrice({ price: "100" }));

    demo.section("earnings: the operator credits a batch in USD; a creator claims everything at once");
    const creator = await newUser(demo, "creator");
    const fan = await newUser(demo, "fan");
    await demo.tx("operator credit_earnings USD 25 -> creator, USD 5 -> fan", () =>
      tre(operator).creditEarnings({
        currency: "usd",
        credits: [
          { address: creator.address, amount: "25000000" },
          { address: fan.address, amount: "5000000" },
        ],
      }));
    demo.say(`creator owed ${fmtMesi((await q.owed({ address: creator.address })).owed)}`);
    await demo.refused("operator credits the same address twice in one batch", () =>
      tre(operator).creditEarnings({ currency: "mesi", credits: [{ address: fan.address, amount: "1" }, { address: fan.address, amount: "2" }] }));
    await demo.tx("creator claim", () => tre(creator).claim());
    demo.say(`creator balance ${fmtMesi(await bal(creator))}`);
    await demo.refused("creator claims again (nothing owed)", () => tre(creator).claim());

    demo.section("Merkle epoch: one transaction for every earner; each claims with a proof, once");
    const erin = await newUser(demo, "erin");
    const rows = [
      { address: creator.address, amount: m(120) },
      { address: fan.address, amount: m(7) },
      { address: erin.address, amount: m(42) },
      { address: alice.address, amount: m(3) },
    ];
    const tree = buildTree(rows);
    demo.say(`scripts/merkle/merkle.mjs: ${tree.count} leaves, total ${fmtMesi(tree.total)}, root ${tree.root}`);
    const posted = await demo.tx("operator post_epoch", () => tre(operator).postEpoch({ root: tree.root, total: tree.total }));
    const epoch = Number(posted.logs?.[0]?.events.flatMap((e) => e.attributes).find((a) => a.key === "epoch")?.value
      ?? posted.events.flatMap((e) => e.attributes).find((a) => a.key === "epoch")?.value);
    const proof = tree.claims[erin.address];
    await demo.tx(`erin claim_epoch ${epoch} (${proof.proof.length}-hash proof)`, () =>
      tre(erin).claimEpoch({ epoch, amount: proof.amount, proof: proof.proof }));
    demo.say(`erin balance ${fmtMesi(await bal(erin))}`);
    await demo.refused("erin claims the epoch again", () => tre(erin).claimEpoch({ epoch, amount: proof.amount, proof: proof.proof }));
    await demo.refused("fan claims with erin's proof", () => tre(fan).claimEpoch({ epoch, amount: proof.amount, proof: proof.proof }));
    const e = await q.epoch({ epoch });
    demo.say(`epoch ${epoch}: claimed ${fmtMesi(e.claimed)} of ${fmtMesi(e.total)}; claim deadline ${new Date(e.deadline * 1000).toISOString()} (posted + ${e.deadline - e.posted_at} s)`);
    await demo.refused("anyone closes the epoch before its deadline", () => tre(fan).closeEpoch({ epoch }));

    demo.section("supply books count holder burns: total supply - over-issuance + burned by holders == genesis");
    await demo.tx("erin burns 1 MESI of her own", () => tok(erin).burn({ amount: m(1) }));
    await books();

    demo.section("shortfall: a claim larger than the reserve mints the difference (over-issuance); buy-back-and-burn");
    const whale = await newUser(demo, "whale");
    const reserve = BigInt((await q.accounting()).reserve);
    const extra = 1_000n * MESI;
    await demo.tx(`operator credits whale the whole reserve + 1,000 MESI (${fmtMesi(reserve + extra)})`, () =>
      tre(operator).creditEarnings({ currency: "mesi", credits: [{ address: whale.address, amount: (reserve + extra).toString() }] }));
    await demo.tx("whale claim (reserve paid out, 1,000 MESI minted)", () => tre(whale).claim());
    await books();
    await demo.refused("whale burns back more than the over-issuance", () =>
      tok(whale).send({ contract: treasury, amount: (extra + 1n).toString(), msg: toBinary({ burn_back: {} }) }));
    await demo.tx("whale sends 1,000 MESI to the treasury with {burn_back:{}} (buy-back and burn)", () =>
      tok(whale).send({ contract: treasury, amount: extra.toString(), msg: toBinary({ burn_back: {} }) }));
    await demo.tx("whale returns the rest to the reserve with {deposit:{}}", () =>
      tok(whale).send({ contract: treasury, amount: reserve.toString(), msg: toBinary({ deposit: {} }) }));
    await books();

    demo.section("budget pools: yearly caps, owner funding and disbursement");
    await demo.tx("owner fund_pool leaderboards 1,000 MESI", () => tre(deployer).fundPool({ pool: "leaderboards", amount: m(1_000) }));
    await demo.tx("owner disburse leaderboards 100 MESI -> fan", () =>
      tre(deployer).disburse({ pool: "leaderboards", recipient: fan.address, amount: m(100) }));
    const lb = await q.pool({ pool: "leaderboards" });
    demo.say(`leaderboards: balance ${fmtMesi(lb.balance)}, cap ${fmtMesi(lb.yearly_cap)}/year, drawn ${fmtMesi(lb.drawn_this_year)}, available ${fmtMesi(lb.available)}`);
    await demo.refused("owner disburses more than the pool balance", () =>
      tre(deployer).disburse({ pool: "leaderboards", recipient: fan.address, amount: (BigInt(lb.balance) + 1n).toString() }));
    await demo.refused("alice draws from a pool (not a registered drawer)", () =>
      tre(alice).drawFromPool({ amount: "1", recipient: alice.address }));
    const pools = await q.pools();
    for (const pool of pools.pools) demo.say(`  ${pool.pool.padEnd(20)} balance ${fmtMesi(pool.balance).padStart(22)}  cap ${fmtMesi(pool.yearly_cap)}/year`);

    demo.section("vesting: genesis schedules wait for their cliff; a short-month schedule vests live");
    await demo.refused("community claims vesting before its first month", () => tre(community).claimVested());
    const cfg = await q.config();
    const beneficiary = await newUser(demo, "grantee");
    await demo.tx("owner sets a 5-second month for new schedules", () => tre(deployer).updateConfig({ monthSeconds: 5 }));
    await demo.tx("owner create_vesting 10 MESI to grantee: no cliff, 2 monthly periods", () =>
      tre(deployer).createVesting({ beneficiary: beneficiary.address, cliffMonths: 0, periods: 2, total: m(10) }));
    await demo.tx(`owner restores the ${cfg.month_seconds}-second month (existing schedules keep theirs)`, () =>
      tre(deployer).updateConfig({ monthSeconds: cfg.month_seconds }));
    await sleep(6_000);
    const v = await q.vesting({ address: beneficiary.address });
    demo.say(`grantee: vested ${fmtMesi(v.vested)} of ${fmtMesi(v.total)}, claimable ${fmtMesi(v.claimable)}`);
    await demo.tx("grantee claim_vested", () => tre(beneficiary).claimVested());
    demo.say(`grantee balance ${fmtMesi(await bal(beneficiary))}`);
    await demo.refused("a fake cw20 hook: alice calls receive directly", () =>
      tre(alice).receive({ sender: alice.address, amount: "1", msg: toBinary({ deposit: {} }) }));
    await books();
  },
};
