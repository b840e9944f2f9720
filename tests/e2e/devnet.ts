// A throw-away devnet per test file: free loopback ports, its own state dir and deployment dir, always stopped.
// deployedDevnet(): one with the whole suite deployed. Under the e2e runner (tests/e2e/run.ts) that is a private clone
// of the one deployment the runner made for this run (MESI_E2E_SNAPSHOT), so no file waits for a deploy of its own and
// no file sees another's transactions; a file run alone (node --test tests/e2e/x.test.ts) starts and deploys itself.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CosmWasmClient } from "@cosmjs/cosmwasm-stargate";
import "../../scripts/deploy/fast-poll";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once("error", () => resolve(false));
    s.listen(port, "127.0.0.1", () => s.close(() => resolve(true)));
  });
}

/** four bases (rpc, p2p, api, grpc) with `n` consecutive free ports each */
async function freeBases(n: number): Promise<number[]> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const start = 20000 + Math.floor(Math.random() * 3000) * 10; // 20000..49990, step 10
    const bases = [start, start + 10000, start + 20000, start + 30000].map((b) => (b > 65000 ? b - 45000 : b));
    let ok = true;
    for (const b of bases) for (let i = 0; i < n && ok; i++) ok = await portFree(b + i);
    if (ok) return bases;
  }
  throw new Error("no free port block found");
}

export interface Devnet {
  dir: string;
  env: Record<string, string>;
  validators: number;
  rpc(i?: number): string;
  script(...args: string[]): string;
  /** stops the nodes and removes the state dir (keep = true: stops, keeps the dir; the runner's snapshot) */
  stop(keep?: boolean): void;
  stopNode(i: number): void;
  startNode(i: number): void;
  height(i?: number): Promise<number>;
  waitHeight(i: number, above: number, seconds?: number): Promise<number>;
  /** runs scripts/deploy/deploy.ts against this devnet (extraEnv e.g. MESI_ARTIFACTS_DIR to deploy a subset) */
  deploy(extraEnv?: Record<string, string>): Promise<{ out: string; record: any; seconds: number }>;
  startSeconds: number;
}

/** the cached wasmd binary (scripts/build-wasmd.sh, which checks it by running it: once per process, not per script call) */
let wasmdBin: string | undefined;
export function wasmd(): string {
  if (process.env.WASMD) return process.env.WASMD;
  if (!wasmdBin) {
    const r = spawnSync("bash", [path.join(ROOT, "scripts/build-wasmd.sh")], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`scripts/build-wasmd.sh failed:\n${r.stderr}`);
    wasmdBin = r.stdout.trim().split("\n").at(-1)!;
  }
  return wasmdBin;
}

export interface StartOptions {
  /** a stopped devnet's state dir (scripts/devnet.sh clone): start a copy of that chain instead of a new genesis */
  cloneOf?: string;
}

export async function startDevnet(validators = 1, opts: StartOptions = {}): Promise<Devnet> {
  const [rpc, p2p, api, grpc] = await freeBases(validators);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mesi-e2e-"));
  const env: Record<string, string> = {
    DEVNET_DIR: path.join(dir, "devnet"),
    MESI_DEPLOYMENTS_DIR: path.join(dir, "deployments"),
    VALIDATORS: String(validators),
    DEVNET_RPC_PORT: String(rpc),
    DEVNET_P2P_PORT: String(p2p),
    DEVNET_API_PORT: String(api),
    DEVNET_GRPC_PORT: String(grpc),
    WASMD: wasmd(),
  };
  // the deploy pins codes by an expedited proposal every validator votes on, one vote after the other; with four
  // validators on a busy machine the 3 s default window closed before the last vote ("inactive proposal")
  if (validators > 1) {
    env.DEVNET_GOV_EXPEDITED_PERIOD = process.env.DEVNET_GOV_EXPEDITED_PERIOD ?? "10s";
    env.DEVNET_GOV_VOTING_PERIOD = process.env.DEVNET_GOV_VOTING_PERIOD ?? "12s";
  }
  // the in-process code (loadNetwork) reads the same settings
  Object.assign(process.env, env);
  const script = (...args: string[]) => {
    const r = spawnSync("bash", [path.join(ROOT, "scripts/devnet.sh"), ...args], {
      env: { ...process.env, ...env },
      encoding: "utf8",
    });
    if (r.status !== 0) throw new Error(`devnet.sh ${args.join(" ")} failed:\n${r.stderr}\n${r.stdout}`);
    return (r.stdout ?? "") + (r.stderr ?? "");
  };
  let stopped = false;
  const stop = (keep = false) => {
    if (stopped) return;
    stopped = true;
    try {
      script("stop");
    } catch (e) {
      console.error(String(e));
    }
    // chain data and logs of this throw-away devnet; MESI_E2E_KEEP=1 keeps them for a post-mortem
    if (keep) return;
    if (process.env.MESI_E2E_KEEP) console.error(`# kept ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  };
  // stop the nodes whatever happens to this process
  process.once("exit", () => stop());
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.once(sig, () => { stop(); process.exit(130); });
  const t0 = Date.now();
  if (opts.cloneOf) script("clone", opts.cloneOf);
  script("start");
  const rpcOf = (i = 0) => `http://127.0.0.1:${rpc + i}`;
  const height = async (i = 0) => {
    try {
      const res = await fetch(`${rpcOf(i)}/status`, { signal: AbortSignal.timeout(2000) });
      const j = (await res.json()) as any;
      return Number(j.result.sync_info.latest_block_height);
    } catch {
      return -1;
    }
  };
  const waitHeight = async (i: number, above: number, seconds = 60) => {
    const end = Date.now() + seconds * 1000;
    for (;;) {
      const h = await height(i);
      if (h > above) return h;
      if (Date.now() > end) throw new Error(`node${i} did not pass height ${above} within ${seconds}s (at ${h})`);
      await new Promise((r) => setTimeout(r, 250));
    }
  };
  // a clone resumes at the source's height: wait for a block of its own (the chain runs again)
  if (opts.cloneOf) await waitHeight(0, await height(0));
  const startSeconds = (Date.now() - t0) / 1000;
  const deploy = async (extraEnv: Record<string, string> = {}) => {
    const t = Date.now();
    const out = await new Promise<string>((resolve, reject) => {
      const p = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/deploy/deploy.ts"), "--network", "devnet"], {
        env: { ...process.env, ...env, ...extraEnv },
        cwd: ROOT,
      });
      let buf = "";
      p.stdout.on("data", (d) => (buf += d));
      p.stderr.on("data", (d) => (buf += d));
      p.on("close", (code) => (code === 0 ? resolve(buf) : reject(new Error(`deploy failed (${code}):\n${buf}`))));
    });
    const files = fs.readdirSync(env.MESI_DEPLOYMENTS_DIR);
    const record = JSON.parse(fs.readFileSync(path.join(env.MESI_DEPLOYMENTS_DIR, files[0]), "utf8"));
    return { out, record, seconds: (Date.now() - t) / 1000 };
  };
  return {
    dir,
    env,
    validators,
    rpc: rpcOf,
    script,
    stop,
    stopNode: (i) => void script("stop-node", String(i)),
    startNode: (i) => void script("start-node", String(i)),
    height,
    waitHeight,
    deploy,
    startSeconds,
  };
}

/** the env var the e2e runner (tests/e2e/run.ts) sets to its snapshot: a stopped devnet with the suite deployed */
export const SNAPSHOT_ENV = "MESI_E2E_SNAPSHOT";

export interface Deployed {
  dev: Devnet;
  /** the deployment record (deployments/<chain-id>.json of this devnet) */
  record: any;
  /** the deploy's output */
  out: string;
  /** seconds the deploy took (the snapshot's, when cloned) */
  seconds: number;
  /** true when this devnet is a clone of the runner's snapshot */
  cloned: boolean;
}

/**
 * A one-validator devnet with the whole suite deployed (scripts/deploy/deploy.ts, pinning included), this file's own:
 * with MESI_E2E_SNAPSHOT (set by tests/e2e/run.ts) a clone of the runner's deployed chain on fresh ports and a fresh
 * state dir (chain data, contracts, pinned codes, deployment record: all copied, nothing shared with another file);
 * without it a new devnet and a deploy, as a file run alone needs.
 */
export async function deployedDevnet(): Promise<Deployed> {
  const snap = process.env[SNAPSHOT_ENV];
  if (!snap) {
    const dev = await startDevnet(1);
    const d = await dev.deploy();
    return { dev, ...d, cloned: false };
  }
  const meta = await snapshotReady(snap);
  const dev = await startDevnet(1, { cloneOf: path.join(snap, "devnet") });
  // the deployment record, pointed at this clone's rpc (the dApp reads it from there)
  const from = path.join(snap, "deployments");
  fs.mkdirSync(dev.env.MESI_DEPLOYMENTS_DIR, { recursive: true });
  let record: any;
  for (const f of fs.readdirSync(from)) {
    const rec = JSON.parse(fs.readFileSync(path.join(from, f), "utf8"));
    rec.rpc = dev.rpc();
    fs.writeFileSync(path.join(dev.env.MESI_DEPLOYMENTS_DIR, f), JSON.stringify(rec, null, 2) + "\n");
    record ??= rec;
  }
  return { dev, record, out: meta.out, seconds: meta.deploySeconds, cloned: true };
}

interface SnapshotMeta {
  out: string;
  deploySeconds: number;
  startSeconds: number;
}

/** waits for the runner's snapshot (files start while it deploys); throws the runner's error if it failed */
async function snapshotReady(snap: string, seconds = 600): Promise<SnapshotMeta> {
  const end = Date.now() + seconds * 1000;
  for (;;) {
    const failed = path.join(snap, "FAILED");
    if (fs.existsSync(failed)) throw new Error(`the e2e runner's deploy failed:\n${fs.readFileSync(failed, "utf8")}`);
    const ready = path.join(snap, "snapshot.json");
    if (fs.existsSync(ready)) return JSON.parse(fs.readFileSync(ready, "utf8")) as SnapshotMeta;
    if (Date.now() > end) throw new Error(`no e2e snapshot in ${snap} after ${seconds}s`);
    await sleep(250);
  }
}

/**
 * The runner's snapshot: a devnet started and deployed once, then stopped (its state dir kept). Files clone it.
 * Writes `snapshot.json` (ready) or `FAILED` into the returned dir.
 */
export async function buildSnapshot(into: string): Promise<SnapshotMeta> {
  try {
    const dev = await startDevnet(1);
    const d = await dev.deploy();
    dev.stop(true);
    for (const sub of ["devnet", "deployments"]) fs.renameSync(path.join(dev.dir, sub), path.join(into, sub));
    fs.rmSync(dev.dir, { recursive: true, force: true });
    const meta: SnapshotMeta = { out: d.out, deploySeconds: d.seconds, startSeconds: dev.startSeconds };
    fs.writeFileSync(path.join(into, "snapshot.json"), JSON.stringify(meta));
    return meta;
  } catch (e) {
    fs.writeFileSync(path.join(into, "FAILED"), String((e as Error).stack ?? e));
    throw e;
  }
}

export const connectQuery = (rpc: string) => CosmWasmClient.connect(rpc);

/** the chain's error text of a failed execute (the contract's typed error) */
export async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return String((e as Error).message ?? e);
  }
  throw new Error("expected the transaction to fail, it succeeded");
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `node --import tsx <args>` in the repo without blocking this process (spawnSync would freeze the event loop:
 * an RPC connection the node closes meanwhile, after 10 s idle, then fails the next query with "other side closed").
 */
export function runTsx(args: string[], env: Record<string, string | undefined>): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ["--import", "tsx", ...args], { env: { ...process.env, ...env }, cwd: ROOT });
    let stdout = "", stderr = "";
    p.stdout.on("data", (d) => (stdout += d));
    p.stderr.on("data", (d) => (stderr += d));
    p.on("close", (code) => resolve({ status: code ?? -1, stdout, stderr }));
  });
}
