// Pinned codes on a real devnet (issue 15): the deploy pins every code the suite runs by one governance proposal
// (short devnet voting period, validator votes), records it, never proposes a pinned code again, and a migration
// pins the new code and unpins the old one. A pinned contract's call costs less SDK gas (wasmd: 2,000 instead of
// 60,000 to load the contract); the exact figures live in `make bench-chain`, not here.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { artifactPath } from "../../scripts/deploy/context";
import { chainQueries } from "../../scripts/deploy/pin";
import { ROOT, runTsx, deployedDevnet, type Devnet } from "./devnet";

const ARTIFACT = artifactPath("token");

describe("pinned codes on the devnet", { skip: !fs.existsSync(ARTIFACT) && "artifacts/mesi_token.wasm not built (make wasm)" }, () => {
  let dev: Devnet;
  let record: any;
  let q: Awaited<ReturnType<typeof chainQueries>>;

  before(async () => {
    const d = await deployedDevnet();
    dev = d.dev;
    console.log(`# devnet up in ${dev.startSeconds.toFixed(1)}s at ${dev.rpc()}${d.cloned ? " (a clone of the runner's deployed chain)" : ""}`);
    console.log(`# deploy (with the pin proposal) took ${d.seconds.toFixed(1)}s${d.cloned ? " (once, by the runner)" : ""}`);
    record = d.record;
    q = await chainQueries(dev.rpc());
  });
  after(() => {
    q?.disconnect();
    dev?.stop();
  });

  test("deploy pins every code the suite's contracts run, by one passed proposal, and records it", async () => {
    const running = [...new Set(Object.values(record.contracts).map((c: any) => c.codeId as number))].sort((a, b) => a - b);
    assert.ok(running.length >= 1);
    const onChain = await q.pinned();
    for (const id of running) assert.ok(onChain.includes(id), `code ${id} pinned on chain (pinned: ${onChain.join(", ")})`);
    assert.deepEqual(record.pinning.pinned, running);
    assert.equal(record.pinning.mode, "vote");
    assert.equal(record.pinning.proposals.length, 1);
    const p = record.pinning.proposals[0];
    assert.equal(p.status, "passed");
    assert.deepEqual(p.pin, running);
    assert.match(p.txHash, /^[0-9A-F]{64}$/);
  });

  test("a pinned token transfer costs less gas than the same transfer before the pin", () => {
    const g = record.pinning.transferGas;
    assert.ok(g, "the deploy measured a token transfer before and after the pin");
    assert.equal(g.codeId, record.contracts.token.codeId);
    console.log(`# gas: token transfer unpinned ${g.unpinned}, pinned ${g.pinned} (${g.unpinned - g.pinned} less)`);
    // wasmd 0.61: loading an unpinned contract costs 60,000, a pinned one 2,000
    assert.ok(g.unpinned - g.pinned > 50_000, `pinning saves most of the 58,000 instance cost (saved ${g.unpinned - g.pinned})`);
  });

  test("re-running deploy proposes nothing: a pinned code is never proposed again", async () => {
    const again = await dev.deploy();
    assert.match(again.out, /pinning: nothing to do/);
    assert.equal(again.record.pinning.proposals.length, 1);
    assert.deepEqual(again.record.pinning.pinned, record.pinning.pinned);
  });

  test("migrate pins the new code and unpins the old one no other contract runs", async () => {
    const oldCode = record.contracts.token.codeId;
    const shared = Object.entries(record.contracts).some(([k, c]: [string, any]) => k !== "token" && c.codeId === oldCode);
    // the same code with another checksum: a custom wasm section appended
    const dir = path.join(dev.dir, "artifacts");
    fs.mkdirSync(dir, { recursive: true });
    const name = Buffer.from("mesi-e2e");
    const body = Buffer.concat([Buffer.from([name.length]), name, Buffer.from(`pin-${Date.now()}`)]);
    fs.writeFileSync(path.join(dir, "mesi_token.wasm"), Buffer.concat([fs.readFileSync(ARTIFACT), Buffer.from([0, body.length]), body]));
    const r = await runTsx([path.join(ROOT, "scripts/deploy/migrate.ts"), "--contract", "token", "--network", "devnet"], { ...dev.env, MESI_ARTIFACTS_DIR: dir });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const rec = JSON.parse(fs.readFileSync(path.join(dev.env.MESI_DEPLOYMENTS_DIR, "mesi-devnet-1.json"), "utf8"));
    const newCode = rec.contracts.token.codeId;
    assert.notEqual(newCode, oldCode);
    const onChain = await q.pinned();
    assert.ok(onChain.includes(newCode), `new code ${newCode} pinned`);
    assert.equal(onChain.includes(oldCode), shared, `old code ${oldCode} unpinned unless another contract runs it`);
    assert.ok(rec.pinning.pinned.includes(newCode));
    const last = rec.pinning.proposals.at(-1);
    assert.equal(last.status, "passed");
    assert.deepEqual(last.pin, [newCode]);
    assert.deepEqual(last.unpin, shared ? [] : [oldCode]);
  });
});
