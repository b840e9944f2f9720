// Proof-of-stake fault tolerance with four equal validators on one host:
// one down -> blocks continue and a token transfer lands; it comes back and catches up, every node agrees;
// two down -> no blocks (< 2/3 voting power); one back -> the chain resumes, nothing earlier is lost.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { CosmWasmClient } from "@cosmjs/cosmwasm-stargate";
import { MesiTokenClient, MesiTokenQueryClient } from "../../clients/src/MesiToken.client";
import { loadNetwork } from "../../scripts/deploy/config";
import { artifactPath } from "../../scripts/deploy/context";
import { actor, type Actor } from "../../scripts/deploy/accounts";
import { MESI } from "../../scripts/deploy/genesis";
import { ROOT, sleep, startDevnet, type Devnet } from "./devnet";

const ARTIFACT = artifactPath("token"); // artifacts/mesi_token.wasm (MESI_ARTIFACTS_DIR moves it)

describe("four validators", { skip: !fs.existsSync(ARTIFACT) && "artifacts/mesi_token.wasm not built (make wasm)" }, () => {
  let dev: Devnet;
  let token: string;
  let liq: Actor;
  let bob: string;
  const txs: string[] = [];
  const balanceOn = async (node: number, addr: string) => {
    const c = await CosmWasmClient.connect(dev.rpc(node));
    return (await new MesiTokenQueryClient(c, token).balance({ address: addr })).balance;
  };

  before(async () => {
    dev = await startDevnet(4);
    console.log(`# 4-validator devnet up in ${dev.startSeconds.toFixed(1)}s`);
    // the token alone is enough here (its treasury share goes to the stand-in): a faster deploy
    const only = path.join(dev.dir, "artifacts-token");
    fs.mkdirSync(only, { recursive: true });
    fs.copyFileSync(ARTIFACT, path.join(only, "mesi_token.wasm"));
    const d = await dev.deploy({ MESI_ARTIFACTS_DIR: only });
    token = d.record.contracts.token.address;
    const net = loadNetwork("devnet");
    liq = await actor(net, "liquidity", dev.rpc(0));
    bob = net.accounts.bob.address;
  });
  after(() => dev?.stop());

  test("all four validators sign", async () => {
    const res = (await (await fetch(`${dev.rpc(0)}/validators`)).json()) as any;
    assert.equal(Number(res.result.total), 4);
  });

  test("one validator down: blocks continue and a token transfer lands", async () => {
    dev.stopNode(3);
    const h = await dev.height(0);
    await dev.waitHeight(0, h + 3, 60);
    const r = await new MesiTokenClient(liq.client, liq.address, token).transfer({ recipient: bob, amount: (7n * MESI).toString() });
    txs.push(r.transactionHash);
    assert.equal(await balanceOn(0, bob), (7n * MESI).toString());
  });

  test("it restarts, catches up, and every node reports the same balances", async () => {
    dev.startNode(3);
    const target = await dev.height(0);
    await dev.waitHeight(3, target, 90);
    for (const i of [1, 2]) await dev.waitHeight(i, target - 1, 30);
    const seen = await Promise.all([0, 1, 2, 3].map((i) => balanceOn(i, bob)));
    assert.deepEqual(seen, Array(4).fill((7n * MESI).toString()));
    const liqSeen = await Promise.all([0, 1, 2, 3].map((i) => balanceOn(i, liq.address)));
    assert.equal(new Set(liqSeen).size, 1);
  });

  test("two validators down: no new blocks", async () => {
    dev.stopNode(2);
    dev.stopNode(3);
    await sleep(2000); // a block already in flight may still commit
    const h0 = await dev.height(0);
    await sleep(6000);
    const h1 = await dev.height(0);
    assert.equal(h1, h0, `height moved from ${h0} to ${h1} with half the voting power down`);
  });

  test("one comes back: the chain resumes and no earlier transaction is lost", async () => {
    const h0 = await dev.height(0);
    dev.startNode(2);
    await dev.waitHeight(0, h0 + 2, 120);
    for (const hash of txs) {
      const tx = await liq.client.getTx(hash);
      assert.ok(tx && tx.code === 0, `tx ${hash} is still in the chain`);
    }
    const r = await new MesiTokenClient(liq.client, liq.address, token).transfer({ recipient: bob, amount: (3n * MESI).toString() });
    assert.ok(r.height > h0);
    for (const i of [1, 2]) await dev.waitHeight(i, r.height, 30);
    const seen = await Promise.all([0, 1, 2].map((i) => balanceOn(i, bob)));
    assert.deepEqual(seen, Array(3).fill((10n * MESI).toString()));
  });
});
