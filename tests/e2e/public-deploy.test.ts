// The public-network deploy path (issue 12 §8), run against a local chain described as a NON-local network: its own
// chain id, `local: false`, the signer's mnemonic from the environment, every role address from the networks file
// (MESI_NETWORKS_FILE points at a temporary one), no devnet key in the deploy. It deploys, a second run sends no
// transaction, pinning only prints the governance proposal, and a wrong chain id or an unfunded signer is a clear
// error before any transaction. (The test harness funds the fresh signer from a devnet account; the deploy never
// sees a devnet key.)
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { Bip39, Random } from "@cosmjs/crypto";
import { toBech32 } from "@cosmjs/encoding";
import { StargateClient } from "@cosmjs/stargate";
import { CosmWasmClient } from "@cosmjs/cosmwasm-stargate";
import { artifactPath } from "../../scripts/deploy/context";
import { actor } from "../../scripts/deploy/accounts";
import { loadNetwork } from "../../scripts/deploy/config";
import { ROOT, startDevnet, type Devnet } from "./devnet";

const CHAIN_ID = "mesi-public-e2e-7";
const NET = "public-e2e";
const SIGNER_ENV = "MESI_PUBLIC_E2E_MNEMONIC";
const VESTING_ROLES = ["micro-pre-seed", "seed-a", "seed-b", "community-incentives", "airdrop", "core-team", "strategic-partnerships", "advisors"];

const newMnemonic = () => Bip39.encode(Random.getBytes(16)).toString();
const randomAddress = () => toBech32("wasm", randomBytes(20));
const addressOf = async (mnemonic: string) => (await (await DirectSecp256k1HdWallet.fromMnemonic(mnemonic, { prefix: "wasm" })).getAccounts())[0].address;

describe("public-network deploy path (local: false) on a local chain", { skip: !fs.existsSync(artifactPath("token")) && "artifacts not built (make wasm)" }, () => {
  let dev: Devnet;
  let dir: string;
  let signer: string;
  let signerAddr: string;
  let query: StargateClient;
  const roles: Record<string, string> = {};

  /** a networks file with one non-local network; `patch` changes its settings */
  const networksFile = (name: string, patch: Record<string, unknown> = {}) => {
    const f = path.join(dir, `${name}.json`);
    const net = {
      chainId: CHAIN_ID,
      rpc: dev.rpc(),
      prefix: "wasm",
      gasPrice: "0.025ustake",
      feeDenom: "ustake",
      stableDenom: "uusdc",
      signerEnv: SIGNER_ENV,
      local: false,
      pinCodes: "print",
      roles,
      ...patch,
    };
    fs.writeFileSync(f, JSON.stringify({ [NET]: net }, null, 2));
    return f;
  };
  /** runs scripts/deploy/deploy.ts with ONLY the public-network settings (no DEVNET_DIR, no devnet key) */
  const runDeploy = (file: string, mnemonic: string, deployments = path.join(dir, "deployments")) =>
    new Promise<{ code: number; out: string }>((resolve) => {
      const env: Record<string, string | undefined> = { ...process.env, MESI_NETWORKS_FILE: file, MESI_DEPLOYMENTS_DIR: deployments, [SIGNER_ENV]: mnemonic, MESI_BROADCAST_POLL_MS: "200" };
      for (const k of Object.keys(env)) if (k.startsWith("DEVNET_") || k === "MESI_MNEMONIC" || k === "MESI_RPC_URL") delete env[k];
      const p = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/deploy/deploy.ts"), "--network", NET], { env, cwd: ROOT });
      let out = "";
      p.stdout.on("data", (d) => (out += d));
      p.stderr.on("data", (d) => (out += d));
      p.on("close", (code) => resolve({ code: code ?? -1, out }));
    });
  const sequence = async (addr: string) => (await query.getAccount(addr))?.sequence ?? -1;

  before(async () => {
    process.env.DEVNET_CHAIN_ID = CHAIN_ID; // the local chain gets its own chain id
    dev = await startDevnet(1);
    dir = path.join(dev.dir, "public");
    fs.mkdirSync(dir, { recursive: true });
    query = await StargateClient.connect(dev.rpc());
    signer = newMnemonic();
    signerAddr = await addressOf(signer);
    // roles: the signer for some, fresh addresses (no keys anywhere) for the others
    Object.assign(roles, { arbiter: randomAddress(), operator: "$signer", feeder: randomAddress(), liquidity: randomAddress(), community: randomAddress(), "treasury-standin": randomAddress() });
    for (const g of VESTING_ROLES) roles[`vesting-${g}`] = randomAddress();
    // the harness (not the deploy) funds the fresh signer
    const devnet = loadNetwork("devnet");
    const funder = await actor(devnet, "alice", dev.rpc());
    await funder.client.sendTokens(funder.address, signerAddr, [{ denom: "ustake", amount: "50000000000" }], "auto");
    funder.client.disconnect();
  });
  after(() => {
    query?.disconnect();
    dev?.stop();
  });

  test("a wrong chain id is refused before any transaction", async () => {
    const r = await runDeploy(networksFile("wrong-chain", { chainId: "uni-6" }), signer);
    assert.notEqual(r.code, 0);
    assert.match(r.out, new RegExp(`serves chain "${CHAIN_ID}", .* says "uni-6" for ${NET}: wrong rpc or wrong chainId, nothing was sent`));
    assert.equal(await sequence(signerAddr), 0, "the signer sent nothing");
    assert.ok(!fs.existsSync(path.join(dir, "deployments")), "no deployment record written");
  });

  test("an unfunded signer is refused before any transaction", async () => {
    const broke = newMnemonic();
    const r = await runDeploy(networksFile("broke"), broke, path.join(dir, "broke-deployments"));
    assert.notEqual(r.code, 0);
    assert.match(r.out, new RegExp(`signer ${await addressOf(broke)} has no ustake on ${CHAIN_ID} to pay fees \\(set ${SIGNER_ENV} to a funded account\\); nothing was sent`));
    assert.equal(await query.getAccount(await addressOf(broke)), null);
  });

  test("a missing signer mnemonic or a missing role is a configuration error", async () => {
    const r = await runDeploy(networksFile("no-signer"), "");
    assert.notEqual(r.code, 0);
    assert.match(r.out, new RegExp(`the signer's mnemonic is missing: set ${SIGNER_ENV}`));
    const { arbiter: _a, "vesting-seed-b": _b, ...partial } = roles;
    const r2 = await runDeploy(networksFile("no-arbiter", { roles: partial }), signer, path.join(dir, "no-arbiter"));
    assert.notEqual(r2.code, 0);
    assert.match(r2.out, /roles: no address for role "arbiter", "vesting-seed-b"/);
    assert.equal(await sequence(signerAddr), 0, "the signer sent nothing");
  });

  test("deploys the suite with the configured roles; pinning only prints the proposal", async () => {
    const seq0 = await sequence(signerAddr);
    const r = await runDeploy(networksFile(NET), signer);
    assert.equal(r.code, 0, r.out);
    assert.ok((await sequence(signerAddr)) > seq0);
    const record = JSON.parse(fs.readFileSync(path.join(dir, "deployments", `${CHAIN_ID}.json`), "utf8"));
    assert.equal(record.network, NET);
    assert.equal(record.chainId, CHAIN_ID);
    assert.equal(record.deployer, signerAddr);
    assert.ok(record.contracts.token?.address, "token deployed");
    for (const c of Object.values(record.contracts) as any[]) assert.equal(c.admin, signerAddr);
    // roles come from the networks file: the token's arbiter, the treasury's operator ($signer) and feeder
    const token = record.contracts.token.address;
    const cw = await CosmWasmClient.connect(dev.rpc());
    const cfg = (await cw.queryContractSmart(token, { config: {} })) as Record<string, unknown>;
    assert.equal(cfg.arbiter, roles.arbiter);
    if (record.contracts.treasury) {
      const tc = (await cw.queryContractSmart(record.contracts.treasury.address, { config: {} })) as any;
      assert.equal(tc.feeder, roles.feeder);
      assert.deepEqual(tc.operators, [signerAddr]);
      assert.equal((await cw.queryContractSmart(record.contracts.treasury.address, { vesting: { address: roles["vesting-seed-a"] } })).label, "seed_a");
    }
    cw.disconnect();
    // print mode: a MsgPinCodes proposal for the gov module account, nothing pinned, nothing sent for it
    assert.match(r.out, /pinning on public-e2e needs governance: this deploy does not vote/);
    assert.match(r.out, /"@type": "\/cosmwasm\.wasm\.v1\.MsgPinCodes"/);
    assert.equal(record.pinning.mode, "print");
    assert.deepEqual(record.pinning.pinned, []);
    assert.equal(record.pinning.proposals.at(-1).status, "printed");
    assert.deepEqual(record.pinning.proposals.at(-1).pin, [...new Set(Object.values(record.contracts).map((c: any) => c.codeId))].sort((a: any, b: any) => a - b));
  });

  test("a second run sends no transaction", async () => {
    const seq0 = await sequence(signerAddr);
    const before = fs.readFileSync(path.join(dir, "deployments", `${CHAIN_ID}.json`), "utf8");
    const r = await runDeploy(networksFile(NET), signer);
    assert.equal(r.code, 0, r.out);
    assert.equal(await sequence(signerAddr), seq0, "no transaction signed");
    assert.doesNotMatch(r.out, /-> code \d+, gas/);
    assert.match(r.out, /instantiate token: already at/);
    const after = JSON.parse(fs.readFileSync(path.join(dir, "deployments", `${CHAIN_ID}.json`), "utf8"));
    const was = JSON.parse(before);
    assert.deepEqual(after.contracts, was.contracts);
    assert.deepEqual(after.codes, was.codes);
    assert.equal(after.pinning.proposals.length, was.pinning.proposals.length, "the same printed proposal is not recorded twice");
  });
});
