// $MESI on a real devnet: deploy (and re-deploy: idempotent), transfer, send to a contract, allowance spend,
// lock + refused transfer, holding score and tier (fan and creator tiers), a counted holder burn, the marketplace
// check on unlock, migrate.
// Needs artifacts/mesi_token.wasm (make wasm).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { toBinary } from "@cosmjs/cosmwasm-stargate";
import { MesiTokenClient, MesiTokenQueryClient } from "../../clients/src/MesiToken.client";
import { loadNetwork } from "../../scripts/deploy/config";
import { artifactPath } from "../../scripts/deploy/context";
import { actors, type Actor } from "../../scripts/deploy/accounts";
import { GENESIS_SUPPLY, MESI, tokenAllocations } from "../../scripts/deploy/genesis";
import { ROOT, failure, runTsx, deployedDevnet, type Devnet } from "./devnet";

const ARTIFACT = artifactPath("token"); // artifacts/mesi_token.wasm (MESI_ARTIFACTS_DIR moves it)
const m = (whole: number) => (BigInt(whole) * MESI).toString();

describe("token on the devnet", { skip: !fs.existsSync(ARTIFACT) && "artifacts/mesi_token.wasm not built (make wasm)" }, () => {
  let dev: Devnet;
  let record: any;
  let token: string;
  let who: Record<"deployer" | "alice" | "bob" | "carol" | "dave" | "liquidity" | "community" | "treasury-standin", Actor>;
  let q: MesiTokenQueryClient;
  const as = (a: Actor) => new MesiTokenClient(a.client, a.address, token);
  const balance = async (a: Actor) => BigInt((await q.balance({ address: a.address })).balance);

  before(async () => {
    const d = await deployedDevnet();
    dev = d.dev;
    console.log(`# devnet up in ${dev.startSeconds.toFixed(1)}s at ${dev.rpc()}${d.cloned ? " (a clone of the runner's deployed chain)" : ""}`);
    console.log(`# deploy took ${d.seconds.toFixed(1)}s${d.cloned ? " (once, by the runner)" : ""}`);
    record = d.record;
    token = record.contracts.token.address;
    const net = loadNetwork("devnet");
    who = await actors(net, ["deployer", "alice", "bob", "carol", "dave", "liquidity", "community", "treasury-standin"] as const);
    q = new MesiTokenQueryClient(who.alice.client, token);
  });
  after(() => dev?.stop());

  test("deploy records code id, checksum, address, admin, tx hashes and gas", () => {
    const code = record.codes.token;
    const sha = spawnSync("sha256sum", [ARTIFACT], { encoding: "utf8" }).stdout.split(" ")[0];
    assert.equal(code.checksum, sha);
    assert.ok(code.codeId > 0 && code.gasUsed > 0 && /^[0-9A-F]{64}$/.test(code.txHash));
    const c = record.contracts.token;
    assert.match(c.address, /^wasm1/);
    assert.equal(c.admin, who.deployer.address);
    assert.ok(c.gasUsed > 0 && /^[0-9A-F]{64}$/.test(c.txHash));
    console.log(`# gas: upload token ${code.gasUsed}, instantiate ${c.gasUsed}`);
  });

  test("re-running deploy uploads and instantiates nothing", async () => {
    const again = await dev.deploy();
    assert.match(again.out, /upload token: unchanged/);
    assert.match(again.out, /instantiate token: already at/);
    assert.equal(again.record.codes.token.txHash, record.codes.token.txHash);
    assert.equal(again.record.contracts.token.address, token);
  });

  test("genesis allocations follow SPEC §1 (treasury stand-in while no treasury contract)", async () => {
    const info = await q.tokenInfo();
    assert.equal(info.total_supply, GENESIS_SUPPLY.toString());
    assert.equal((await q.minter())?.minter, record.contracts.treasury?.address ?? who["treasury-standin"].address);
    const expected = tokenAllocations({
      treasury: record.contracts.treasury?.address ?? who["treasury-standin"].address,
      community: who.community.address,
      liquidity: who.liquidity.address,
    });
    for (const a of expected) assert.equal((await q.balance({ address: a.address })).balance, a.amount, a.label);
  });

  test("transfer moves exactly the amount", async () => {
    const [l0, a0] = [await balance(who.liquidity), await balance(who.alice)];
    const r = await as(who.liquidity).transfer({ recipient: who.alice.address, amount: m(10_000) });
    console.log(`# gas: transfer ${r.gasUsed}`);
    assert.equal(await balance(who.liquidity), l0 - 10_000n * MESI);
    assert.equal(await balance(who.alice), a0 + 10_000n * MESI);
  });

  test("send to a contract with a Receive hook: a deposit into the treasury", async (t) => {
    const treasury = record.contracts.treasury?.address;
    if (!treasury) return t.skip("no treasury contract deployed (artifact missing)");
    const [a0, t0] = [await balance(who.alice), BigInt((await q.balance({ address: treasury })).balance)];
    const r = await as(who.alice).send({ contract: treasury, amount: m(5), msg: toBinary({ deposit: {} }) });
    console.log(`# gas: send to treasury (deposit) ${r.gasUsed}`);
    assert.equal(await balance(who.alice), a0 - 5n * MESI);
    assert.equal(BigInt((await q.balance({ address: treasury })).balance), t0 + 5n * MESI);
  });

  test("send to a contract without a receive hook fails cleanly and moves nothing", async () => {
    const a0 = await balance(who.alice);
    const err = await failure(as(who.alice).send({ contract: token, amount: m(1), msg: toBinary({ hello: {} }) }));
    // the token parses {"receive":{...}} as one of its own messages and refuses it
    assert.match(err, /Error parsing into type mesi_types::token::ExecuteMsg/);
    assert.equal(await balance(who.alice), a0);
  });

  test("send to a non-contract address is refused", async () => {
    const a0 = await balance(who.alice);
    await failure(as(who.alice).send({ contract: who.bob.address, amount: m(1), msg: toBinary({}) }));
    assert.equal(await balance(who.alice), a0);
  });

  test("allowance spend: transfer_from within the allowance, refused above it", async () => {
    const r1 = await as(who.alice).increaseAllowance({ spender: who.bob.address, amount: m(500) });
    const c0 = await balance(who.carol);
    const r2 = await as(who.bob).transferFrom({ owner: who.alice.address, recipient: who.carol.address, amount: m(200) });
    console.log(`# gas: increase_allowance ${r1.gasUsed}, transfer_from ${r2.gasUsed}`);
    assert.equal(await balance(who.carol), c0 + 200n * MESI);
    assert.equal((await q.allowance({ owner: who.alice.address, spender: who.bob.address })).allowance, m(300));
    const err = await failure(as(who.bob).transferFrom({ owner: who.alice.address, recipient: who.carol.address, amount: m(301) }));
    assert.match(err, /insufficient allowance/);
    assert.equal(await balance(who.carol), c0 + 200n * MESI);
  });

  test("lock, then a transfer into the locked part is refused with the typed error", async () => {
    const r = await as(who.alice).lock({ amount: m(1_000) });
    console.log(`# gas: lock ${r.gasUsed}`);
    const lock = await q.lock({ address: who.alice.address });
    assert.equal(lock.locked, m(1_000));
    assert.equal(BigInt(lock.available), (await balance(who.alice)) - 1_000n * MESI);
    const a0 = await balance(who.alice);
    const err = await failure(as(who.alice).transfer({ recipient: who.bob.address, amount: (BigInt(lock.available) + 1n).toString() }));
    assert.match(err, /balance is locked: locked 1000000000, available \d+/);
    assert.equal(await balance(who.alice), a0);
    // the available part still moves
    await as(who.alice).transfer({ recipient: who.bob.address, amount: m(1) });
  });

  test("holding score and tier queries", async () => {
    const hs = await q.holdingScore({ address: who.alice.address });
    assert.equal(hs.window_seconds, 604_800);
    assert.equal(hs.balance, (await balance(who.alice)).toString());
    assert.ok(BigInt(hs.score) <= BigInt(hs.balance), "score is an average of past balances");
    const t = await q.tier({ address: who.alice.address });
    assert.equal(t.locked, m(1_000));
    assert.equal(BigInt(t.influence_points), BigInt(t.holding_score) + BigInt(t.locked));
    // tier = the higher of the fan row (influence points) and the creator row (locked), from the config table
    const cfg = await q.config();
    const row = (v: bigint, col: "fan_hold" | "creator_locked") => cfg.tiers.filter((r) => BigInt(r[col]) <= v).length;
    const fan = row(BigInt(t.influence_points), "fan_hold");
    const creator = row(BigInt(t.locked), "creator_locked");
    assert.equal(t.fan_tier, fan);
    assert.equal(t.creator_tier, creator);
    assert.equal(t.tier, Math.max(fan, creator));
    assert.ok(t.tier >= 2, "1,000 MESI locked reaches at least creator tier 2");
    const none = await q.tier({ address: who.dave.address });
    assert.equal(none.tier, 0);
    // the liquidity account held its 1.5B MESI since genesis: score > 0
    assert.ok(BigInt((await q.holdingScore({ address: who.liquidity.address })).score) > 0n);
  });

  test("a holder burn is counted by the burned query (SPEC §2 supply books)", async () => {
    const [b0, s0, a0] = [BigInt((await q.burned()).burned), BigInt((await q.tokenInfo()).total_supply), await balance(who.alice)];
    const r = await as(who.alice).burn({ amount: "1" });
    console.log(`# gas: burn ${r.gasUsed}`);
    assert.equal(BigInt((await q.burned()).burned), b0 + 1n);
    assert.equal(BigInt((await q.tokenInfo()).total_supply), s0 - 1n);
    assert.equal(await balance(who.alice), a0 - 1n);
  });

  test("unlock asks the configured marketplace whether the seller's live orders fit the lower creator tier (issue 14)", async (t) => {
    const market = record.contracts.marketplace?.address;
    if (!market) return t.skip("no marketplace deployed (artifact missing)");
    if ((await q.config()).marketplace !== market) await as(who.deployer).updateConfig({ marketplace: market });
    assert.equal((await q.config()).marketplace, market);
    // only the owner sets it
    const err = await failure(as(who.bob).updateConfig({ marketplace: "" }));
    assert.match(err, /not the contract's current owner/);
    // alice has no live orders: the real marketplace answers that they fit, the unlock goes through
    const r = await as(who.alice).unlock({ amount: "1" });
    console.log(`# gas: unlock with the marketplace check ${r.gasUsed}`);
    const lock = await q.lock({ address: who.alice.address });
    assert.equal(lock.pending_unlock, "1");
    assert.equal(lock.locked, m(1_000), "a pending unlock still counts as locked");
  });

  test("migrate uploads new code and migrates the token, recorded in the deployment file", async () => {
    // a different checksum with the same code: append a custom wasm section
    const dir = path.join(dev.dir, "artifacts");
    fs.mkdirSync(dir, { recursive: true });
    const name = Buffer.from("mesi-e2e");
    const payload = Buffer.from(`migrate-${Date.now()}`);
    const body = Buffer.concat([Buffer.from([name.length]), name, payload]);
    fs.writeFileSync(path.join(dir, "mesi_token.wasm"), Buffer.concat([fs.readFileSync(ARTIFACT), Buffer.from([0, body.length]), body]));
    const r = await runTsx([path.join(ROOT, "scripts/deploy/migrate.ts"), "--contract", "token", "--network", "devnet"], { ...dev.env, MESI_ARTIFACTS_DIR: dir });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const rec = JSON.parse(fs.readFileSync(path.join(dev.env.MESI_DEPLOYMENTS_DIR, "mesi-devnet-1.json"), "utf8"));
    const mig = rec.migrations.at(-1);
    assert.equal(mig.contract, "token");
    assert.equal(mig.fromCodeId, record.codes.token.codeId);
    assert.ok(mig.toCodeId > mig.fromCodeId);
    console.log(`# gas: migrate ${mig.gasUsed}`);
    const onChain = await who.alice.client.getContract(token);
    assert.equal(onChain.codeId, mig.toCodeId);
    // state survived
    assert.equal((await q.lock({ address: who.alice.address })).locked, m(1_000));
  });
});
