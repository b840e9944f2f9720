// A throw-away devnet per test file: free loopback ports, its own state dir and deployment dir, always stopped.
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
  stop(): void;
  stopNode(i: number): void;
  startNode(i: number): void;
  height(i?: number): Promise<number>;
  waitHeight(i: number, above: number, seconds?: number): Promise<number>;
  /** runs scripts/deploy/deploy.ts against this devnet (extraEnv e.g. MESI_ARTIFACTS_DIR to deploy a subset) */
  deploy(extraEnv?: Record<string, string>): Promise<{ out: string; record: any; seconds: number }>;
  startSeconds: number;
}

export async function startDevnet(validators = 1): Promise<Devnet> {
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
  };
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
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      script("stop");
    } catch (e) {
      console.error(String(e));
    }
    // chain data and logs of this throw-away devnet; MESI_E2E_KEEP=1 keeps them for a post-mortem
    if (process.env.MESI_E2E_KEEP) console.error(`# kept ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  };
  // stop the nodes whatever happens to this process
  process.once("exit", stop);
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.once(sig, () => { stop(); process.exit(130); });
  const t0 = Date.now();
  script("start");
  const startSeconds = (Date.now() - t0) / 1000;
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
