// The devnet test runner (make e2e, make web-test, make test): deploys the suite ONCE, then runs the test files, N at a
// time, each in its own `node --test` process against its own clone of that deployed chain.
//
//   node --import tsx tests/e2e/run.ts [--jobs N] FILE...      (MESI_E2E_JOBS=N; default 2)
//
// How a test file joins the shared deployment: call `deployedDevnet()` from ./devnet in its `before` hook instead of
// `startDevnet(1)` + `dev.deploy()`:
//
//   before(async () => {
//     const d = await deployedDevnet();        // { dev, record, out, seconds, cloned }
//     dev = d.dev;
//     record = d.record;                       // deployments/<chain-id>.json of this devnet (rpc = this clone's)
//   });
//   after(() => dev?.stop());
//
// Under this runner (MESI_E2E_SNAPSHOT set) that is a copy of the runner's deployed chain (chain data, contracts,
// pinned codes, the deployment record) on fresh loopback ports in a fresh state dir: a file's transactions, owner-only
// config changes, migrations and supply books are its own, exactly as when it deployed by itself, and files run in
// parallel without sharing an account sequence. Run alone (node --import tsx --test tests/e2e/x.test.ts) the same call
// starts a devnet and deploys. A file that needs another chain (four validators, a non-local network, a partial
// deploy) keeps `startDevnet(n)` + `dev.deploy(...)`; the runner builds the snapshot only if at least two files call
// `deployedDevnet` (one alone deploys as fast as it clones).
//
// Files start in the order given (the Makefile lists the longest first); while the snapshot deploys, files that do not
// need it already run. Each file's output is printed whole when it ends (no interleaving), then a table of wall times
// and test counts per file. Exit status: non-zero if any file fails.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT, SNAPSHOT_ENV, buildSnapshot, wasmd } from "./devnet";

const args = process.argv.slice(2);
let jobs = Number(process.env.MESI_E2E_JOBS) || 2;
const files: string[] = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--jobs") jobs = Number(args[++i]);
  else files.push(args[i]);
}
if (!files.length || !(jobs >= 1)) {
  console.error("usage: node --import tsx tests/e2e/run.ts [--jobs N] FILE...");
  process.exit(2);
}

const t0 = Date.now();
process.env.WASMD = wasmd(); // checked once here, not by every devnet script call of every file
const secs = (ms: number) => (ms / 1000).toFixed(1);
const rel = (f: string) => path.relative(ROOT, path.resolve(f));
// the settings a devnet of this process would set (startDevnet assigns them to process.env): children get their own
const childEnv = (extra: Record<string, string>) => {
  const env: Record<string, string | undefined> = { ...process.env, ...extra };
  for (const k of ["DEVNET_DIR", "MESI_DEPLOYMENTS_DIR", "VALIDATORS", "DEVNET_RPC_PORT", "DEVNET_P2P_PORT", "DEVNET_API_PORT", "DEVNET_GRPC_PORT"]) delete env[k];
  return env;
};

// ---- the snapshot: one devnet + deploy for every file that calls deployedDevnet() -------------------------------------
const users = files.filter((f) => /\bdeployedDevnet\s*\(/.test(fs.readFileSync(f, "utf8")));
let snapDir: string | undefined;
let snapshot: Promise<void> = Promise.resolve();
let snapSeconds = 0;
if (users.length >= 2 && !process.env[SNAPSHOT_ENV]) {
  snapDir = fs.mkdtempSync(path.join(os.tmpdir(), "mesi-e2e-snapshot-"));
  console.log(`[e2e] deploying the suite once for ${users.length} files (snapshot ${snapDir})`);
  const ts = Date.now();
  snapshot = buildSnapshot(snapDir).then(
    (m) => {
      snapSeconds = (Date.now() - ts) / 1000;
      console.log(`[e2e] +${secs(Date.now() - t0)}s snapshot ready in ${secs(Date.now() - ts)}s (devnet ${m.startSeconds.toFixed(1)}s, deploy ${m.deploySeconds.toFixed(1)}s)`);
    },
    (e) => {
      snapSeconds = (Date.now() - ts) / 1000;
      console.error(`[e2e] the snapshot deploy failed: ${(e as Error).message}`);
    },
  );
}
const cleanup = () => {
  if (snapDir && !process.env.MESI_E2E_KEEP) fs.rmSync(snapDir, { recursive: true, force: true });
};
process.once("exit", cleanup);
for (const sig of ["SIGINT", "SIGTERM"] as const) process.once(sig, () => process.exit(130));

// ---- the files, `jobs` at a time -----------------------------------------------------------------------------------
interface Result {
  file: string;
  seconds: number;
  code: number;
  counts: Record<string, number>;
}

function runFile(file: string): Promise<Result> {
  return new Promise((resolve) => {
    const ts = Date.now();
    console.log(`[e2e] +${secs(ts - t0)}s start ${rel(file)}`);
    const env = childEnv(snapDir ? { [SNAPSHOT_ENV]: snapDir } : {});
    const p = spawn(process.execPath, ["--import", "tsx", "--test", "--test-reporter=spec", file], { cwd: ROOT, env });
    let out = "";
    p.stdout.on("data", (d) => (out += d));
    p.stderr.on("data", (d) => (out += d));
    p.on("close", (code) => {
      const seconds = (Date.now() - ts) / 1000;
      const counts: Record<string, number> = {};
      for (const m of out.matchAll(/^ℹ (tests|pass|fail|cancelled|skipped|todo) (\d+)$/gm)) counts[m[1]] = Number(m[2]);
      process.stdout.write(`\n[e2e] +${secs(Date.now() - t0)}s ---- ${rel(file)} (${seconds.toFixed(1)}s, exit ${code}) ----\n${out}\n`);
      resolve({ file, seconds, code: code ?? 1, counts });
    });
  });
}

const queue = [...files];
const results: Result[] = [];
await Promise.all(
  Array.from({ length: Math.min(jobs, files.length) }, async () => {
    for (let f = queue.shift(); f; f = queue.shift()) results.push(await runFile(f));
  }),
);
await snapshot;

// ---- summary ---------------------------------------------------------------------------------------------------------
const total = (k: string) => results.reduce((s, r) => s + (r.counts[k] ?? 0), 0);
const width = Math.max(...files.map((f) => rel(f).length));
console.log(`\n[e2e] summary (${jobs} at a time${snapDir ? `, ${users.length} files on clones of one deploy` : ""})`);
if (snapDir) console.log(`  ${"snapshot: devnet + deploy".padEnd(width)}  ${snapSeconds.toFixed(1).padStart(6)}s`);
for (const f of files) {
  const r = results.find((x) => x.file === f)!;
  const c = r.counts;
  const what = c.tests === undefined ? "no test summary (crashed?)" : `${c.tests} tests: ${c.pass ?? 0} pass, ${(c.fail ?? 0) + (c.cancelled ?? 0)} fail, ${c.skipped ?? 0} skipped`;
  console.log(`  ${rel(f).padEnd(width)}  ${r.seconds.toFixed(1).padStart(6)}s  ${r.code === 0 ? "ok  " : "FAIL"}  ${what}`);
}
console.log(`  ${"total (wall)".padEnd(width)}  ${secs(Date.now() - t0).padStart(6)}s        ${total("tests")} tests: ${total("pass")} pass, ${total("fail") + total("cancelled")} fail, ${total("skipped")} skipped`);
const failed = results.filter((r) => r.code !== 0);
if (failed.length) {
  console.error(`[e2e] FAILED: ${failed.map((r) => rel(r.file)).join(", ")}`);
  process.exitCode = 1;
}
