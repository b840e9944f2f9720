// The treasury on a real devnet: deploy wiring (treasury first, token minted to it, set_token once), the genesis
// books, price feed and conversion, earnings credit + instant claim, a Merkle epoch built by
// scripts/merkle/merkle.mjs, shortfall mint + buy-back-and-burn (supply back to genesis), budget pools, vesting.
// Needs artifacts/mesi_treasury.wasm and artifacts/mesi_token.wasm (make wasm).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { toBinary } from "@cosmjs/cosmwasm-stargate";
import { MesiTokenClient, MesiTokenQueryClient } from "../../clients/src/MesiToken.client";
import { MesiTreasuryClient, MesiTreasuryQueryClient } from "../../clients/src/MesiTreasury.client";
import { buildTree } from "../../scripts/merkle/merkle.mjs";
import { loadNetwork } from "../../scripts/deploy/config";
import { actors, type Actor } from "../../scripts/deploy/accounts";
import { GENESIS_SUPPLY, MESI } from "../../scripts/deploy/genesis";
import { ROOT, failure, sleep, deployedDevnet, type Devnet } from "./devnet";

const ARTIFACTS = ["mesi_treasury.wasm", "mesi_token.wasm"].map((f) => path.join(ROOT, "artifacts", f));
const missing = ARTIFACTS.filter((f) => !fs.existsSync(f)).map((f) => path.basename(f));
const m = (whole: number | bigint) => (BigInt(whole) * MESI).toString();

describe("treasury on the devnet", { skip: missing.length > 0 && `${missing.join(", ")} not built (make wasm)` }, () => {
  let dev: Devnet;
  let record: any;
  let treasury: string;
  let token: string;
  let who: Record<"deployer" | "alice" | "bob" | "carol" | "dave" | "operator" | "feeder" | "liquidity" | "community", Actor>;
  let q: MesiTreasuryQueryClient;
  let tq: MesiTokenQueryClient;
  const tre = (a: Actor) => new MesiTreasuryClient(a.client, a.address, treasury);
  const tok = (a: Actor) => new MesiTokenClient(a.client, a.address, token);
  const balance = async (a: { address: string }) => BigInt((await tq.balance({ address: a.address })).balance);
  const invariants = async () => {
    const acc = await q.accounting();
    const sup = await q.supply();
    assert.equal(await balance({ address: treasury }), BigInt(acc.tracked), "held == reserve + pools + vesting");
    const burned = BigInt((await who.alice.client.queryContractSmart(token, { burned: {} })).burned);
    assert.equal(sup.burned_by_holders, burned.toString());
    assert.equal(BigInt(sup.total_supply!) - BigInt(sup.over_issuance) + burned, BigInt(sup.genesis_supply), "supply - over + burned == genesis");
    assert.equal(sup.books_balance, true);
  };

  before(async () => {
    const d = await deployedDevnet();
    dev = d.dev;
    console.log(`# devnet up in ${dev.startSeconds.toFixed(1)}s at ${dev.rpc()}${d.cloned ? " (a clone of the runner's deployed chain)" : ""}`);
    console.log(`# deploy took ${d.seconds.toFixed(1)}s${d.cloned ? " (once, by the runner)" : ""}`);
    record = d.record;
    treasury = record.contracts.treasury.address;
    token = record.contracts.token.address;
    const net = loadNetwork("devnet");
    who = await actors(net, ["deployer", "alice", "bob", "carol", "dave", "operator", "feeder", "liquidity", "community"] as const);
    q = new MesiTreasuryQueryClient(who.alice.client, treasury);
    tq = new MesiTokenQueryClient(who.alice.client, token);
  });
  after(() => dev?.stop());

  test("deploy: treasury first, token minted to it with minter = treasury, set_token once", async () => {
    assert.equal((await q.config()).token, token);
    assert.equal((await tq.minter())?.minter, treasury);
    assert.ok(record.wiring["treasury.set-token"]?.txHash);
    console.log(`# gas: instantiate treasury ${record.contracts.treasury.gasUsed}, set_token ${record.wiring["treasury.set-token"].gasUsed}`);
    const err = await failure(tre(who.deployer).setToken({ address: token }));
    assert.match(err, /already set/);
    const again = await dev.deploy();
    assert.match(again.out, /instantiate treasury: already at/);
    assert.match(again.out, /wire treasury.set-token: done earlier/);
  });

  test("genesis books: 20% reserve, eight vesting schedules (78.025%), supply invariant", async () => {
    const acc = await q.accounting();
    const sup = await q.supply();
    assert.equal(sup.genesis_supply, GENESIS_SUPPLY.toString());
    assert.equal(BigInt(acc.vesting_outstanding), (GENESIS_SUPPLY * 78_025n) / 100_000n);
    // the referral / validator-rewards steps may have funded their pools from the reserve
    assert.equal(BigInt(acc.reserve) + BigInt(acc.pools), GENESIS_SUPPLY / 5n);
    const v = await q.vestings({ limit: 100 });
    assert.equal(v.vestings.length, 8);
    const community = await q.vesting({ address: who.community.address });
    assert.equal(community.label, "community_incentives");
    assert.equal(community.periods, 48);
    await invariants();
  });

  test("price feed: only the feeder posts; USD converts at floor(usd / price)", async () => {
    assert.match(await failure(tre(who.alice).postPrice({ price: "1" })), /only the feeder/);
    await tre(who.feeder).postPrice({ price: "0.03" });
    const c = await q.usdToMesi({ usd: "10000000" });
    assert.equal(c.mesi, "333333333");
    const p = await q.price();
    assert.equal(p.fresh, true);
    assert.equal(p.max_age, 3600);
  });

  test("earnings: operator batch in USD, instant claim of everything owed", async () => {
    await tre(who.feeder).postPrice({ price: "0.5" });
    assert.match(
      await failure(tre(who.operator).creditEarnings({ currency: "mesi", credits: [{ address: who.bob.address, amount: "1" }, { address: who.bob.address, amount: "1" }] })),
      /more than once/,
    );
    const r = await tre(who.operator).creditEarnings({
      currency: "usd",
      credits: [{ address: who.bob.address, amount: "3000000" }, { address: who.carol.address, amount: "1000000" }],
    });
    console.log(`# gas: credit_earnings (2 entries) ${r.gasUsed}`);
    assert.equal((await q.owed({ address: who.bob.address })).owed, m(6));
    const b0 = await balance(who.bob);
    const c = await tre(who.bob).claim();
    console.log(`# gas: claim ${c.gasUsed}`);
    assert.equal(await balance(who.bob), b0 + 6n * MESI);
    assert.match(await failure(tre(who.bob).claim()), /nothing to claim/);
    assert.match(await failure(tre(who.alice).creditEarnings({ currency: "mesi", credits: [{ address: who.alice.address, amount: "1" }] })), /only an operator/);
    await invariants();
  });

  test("Merkle epoch from scripts/merkle/merkle.mjs: claim once with a proof", async () => {
    const tree = buildTree([
      { address: who.alice.address, amount: m(11) },
      { address: who.bob.address, amount: m(22) },
      { address: who.carol.address, amount: m(33) },
    ]);
    const r = await tre(who.operator).postEpoch({ root: tree.root, total: tree.total });
    console.log(`# gas: post_epoch ${r.gasUsed}`);
    const epochs = await q.epochs({ limit: 100 });
    const epoch = epochs.epochs.at(-1)!.epoch;
    const c = tree.claims[who.carol.address];
    assert.match(await failure(tre(who.dave).claimEpoch({ epoch, amount: c.amount, proof: c.proof })), /does not match/);
    const c0 = await balance(who.carol);
    const cl = await tre(who.carol).claimEpoch({ epoch, amount: c.amount, proof: c.proof });
    console.log(`# gas: claim_epoch (${c.proof.length}-hash proof) ${cl.gasUsed}`);
    assert.equal(await balance(who.carol), c0 + 33n * MESI);
    assert.match(await failure(tre(who.carol).claimEpoch({ epoch, amount: c.amount, proof: c.proof })), /already claimed/);
    assert.match(await failure(tre(who.carol).claimEpoch({ epoch: epoch + 100, amount: c.amount, proof: c.proof })), /unknown epoch/);
    assert.equal((await q.epochClaimed({ epoch, address: who.carol.address })).claimed, true);
    // SPEC §2: a claim deadline (default 365 days); closing before it is refused
    const e = await q.epoch({ epoch });
    assert.equal(e.deadline - e.posted_at, 31_536_000);
    assert.equal(e.closed, false);
    assert.match(await failure(tre(who.dave).closeEpoch({ epoch })), /open for claims until/);
    await invariants();
  });

  test("shortfall: a claim above the reserve mints the difference; buy-back-and-burn restores supply", async () => {
    const reserve = BigInt((await q.accounting()).reserve);
    const extra = 500n * MESI;
    await tre(who.operator).creditEarnings({ currency: "mesi", credits: [{ address: who.dave.address, amount: (reserve + extra).toString() }] });
    const s0 = BigInt((await tq.tokenInfo()).total_supply);
    const r = await tre(who.dave).claim();
    console.log(`# gas: claim with shortfall mint ${r.gasUsed}`);
    assert.equal(BigInt((await tq.tokenInfo()).total_supply), s0 + extra);
    assert.equal((await q.supply()).over_issuance, extra.toString());
    assert.equal((await q.accounting()).reserve, "0");
    await invariants();
    assert.match(await failure(tok(who.dave).send({ contract: treasury, amount: (extra + 1n).toString(), msg: toBinary({ burn_back: {} }) })), /exceeds outstanding over-issuance/);
    await tok(who.dave).send({ contract: treasury, amount: extra.toString(), msg: toBinary({ burn_back: {} }) });
    await tok(who.dave).send({ contract: treasury, amount: reserve.toString(), msg: toBinary({ deposit: {} }) });
    const sup = await q.supply();
    assert.equal(sup.over_issuance, "0");
    assert.equal(sup.total_supply, GENESIS_SUPPLY.toString());
    assert.equal((await q.accounting()).reserve, reserve.toString());
    await invariants();
  });

  test("pools: owner funds and disburses within the yearly cap and balance", async () => {
    await tre(who.deployer).fundPool({ pool: "welcome_bonus", amount: m(100) });
    const a0 = await balance(who.alice);
    await tre(who.deployer).disburse({ pool: "welcome_bonus", recipient: who.alice.address, amount: m(40) });
    assert.equal(await balance(who.alice), a0 + 40n * MESI);
    const p = await q.pool({ pool: "welcome_bonus" });
    assert.equal(p.drawn_this_year, m(40));
    assert.match(await failure(tre(who.deployer).disburse({ pool: "welcome_bonus", recipient: who.alice.address, amount: p.balance + "0" })), /cap exceeded|balance exceeded/);
    assert.match(await failure(tre(who.alice).drawFromPool({ amount: "1", recipient: who.alice.address })), /not a registered pool drawer/);
    await invariants();
  });

  test("vesting: a short-month schedule vests and is claimed; genesis schedules wait for their cliff", async () => {
    assert.match(await failure(tre(who.community).claimVested()), /nothing to claim/);
    const cfg = await q.config();
    await tre(who.deployer).updateConfig({ monthSeconds: 3 });
    await tre(who.deployer).createVesting({ beneficiary: who.dave.address, cliffMonths: 0, periods: 2, total: m(10) });
    await tre(who.deployer).updateConfig({ monthSeconds: cfg.month_seconds });
    await sleep(7_000);
    const d0 = await balance(who.dave);
    const r = await tre(who.dave).claimVested();
    console.log(`# gas: claim_vested ${r.gasUsed}`);
    assert.equal(await balance(who.dave), d0 + 10n * MESI);
    await invariants();
  });

  test("supply books: a holder burn keeps total supply - over-issuance + burned == genesis (SPEC §2)", async () => {
    const before = await q.supply();
    const burned0 = BigInt(before.burned_by_holders ?? "0");
    const r = await tok(who.alice).burn({ amount: "1" });
    console.log(`# gas: holder burn ${r.gasUsed}`);
    const sup = await q.supply();
    assert.equal(BigInt(sup.total_supply!), BigInt(before.total_supply!) - 1n);
    assert.equal(BigInt(sup.burned_by_holders!), burned0 + 1n);
    assert.equal(BigInt(sup.total_supply!) - BigInt(sup.over_issuance) + BigInt(sup.burned_by_holders!), BigInt(sup.genesis_supply));
    assert.equal(sup.genesis_supply, GENESIS_SUPPLY.toString());
    assert.equal(sup.books_balance, true);
    await invariants();
  });
});
