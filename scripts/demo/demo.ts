// The walkthrough of `make demo` (after build, devnet start and deploy): every deployed feature, step by step.
import path from "node:path";
import "../deploy/fast-poll";
import { ROOT, loadNetwork } from "../deploy/config";
import { readDeployment, type Deployment } from "../deploy/context";
import { actors } from "../deploy/accounts";
import { main } from "../deploy/deploy";
import { DemoContext } from "./context";
import { DEMO_STEPS } from "./steps/index";

export async function demo(networkName = "devnet") {
  const net = loadNetwork(networkName);
  if (!net.local) throw new Error("the demo uses the DEVNET-ONLY accounts: run it on the devnet");
  const deployment = readDeployment(net.deploymentFile);
  if (!deployment) throw new Error(`no ${path.relative(ROOT, net.deploymentFile)}: run make deploy first`);
  const who = await actors(net, ["deployer", "alice", "bob", "carol", "dave", "arbiter", "operator", "feeder", "liquidity", "community", "treasury-standin"] as const);
  const d = new DemoContext(net, deployment, who);
  console.log(`Mesi demo on ${net.chainId} (${net.rpc})`);
  console.log(`actors (DEVNET-ONLY keys from networks/devnet-accounts.json):`);
  for (const a of Object.values(who)) console.log(`  ${a.name.padEnd(17)} ${a.address}`);
  printPinning(deployment);
  for (const s of DEMO_STEPS) {
    const missing = s.needs.filter((k) => !deployment.contracts[k]);
    if (missing.length) {
      console.log(`\n=== ${s.name}: skipped (${missing.join(", ")} not deployed yet)`);
      continue;
    }
    await s.run(d);
  }
  console.log("\n=== gas per transaction in this walkthrough");
  for (const g of d.gas) console.log(`  ${String(g.gasUsed).padStart(8)}  ${g.what}`);
  console.log("\n=== where to look next");
  console.log(`  deployment record   ${path.relative(ROOT, net.deploymentFile)} (code ids, checksums, addresses, tx hashes, gas)`);
  console.log(`  chain               rpc ${net.rpc}${net.rest ? `, rest ${net.rest}` : ""}`);
  console.log(`  e.g.                curl -s ${net.rest ?? "http://127.0.0.1:1317"}/cosmwasm/wasm/v1/contract/${deployment.contracts.token?.address ?? "<addr>"}`);
  console.log(`  node logs           .devnet/node0.log`);
  console.log(`  run it again        make demo (idempotent: nothing is uploaded twice)`);
  console.log(`  stop the devnet     make devnet-stop      (wipe it: make devnet-reset)`);
}

/** The codes the deploy pinned by governance and what it saved on a token transfer (issue 15). */
function printPinning(deployment: Deployment) {
  const p = deployment.pinning;
  console.log("\n=== pinned codes (the deploy's governance proposal; scripts/deploy/pin.ts)");
  if (!p) return console.log("  none recorded: run make deploy (it pins the suite's codes on the devnet)");
  const byCode = new Map<number, string[]>();
  for (const [k, c] of Object.entries(deployment.contracts)) byCode.set(c.codeId, [...(byCode.get(c.codeId) ?? []), k]);
  for (const id of p.pinned) console.log(`  code ${String(id).padStart(3)} pinned   ${(byCode.get(id) ?? []).join(", ")}`);
  for (const [id, ks] of byCode) if (!p.pinned.includes(id)) console.log(`  code ${String(id).padStart(3)} NOT pinned   ${ks.join(", ")}`);
  for (const g of p.proposals) {
    console.log(`  proposal ${g.id ?? "(printed)"}: ${g.status}${g.pin.length ? `, pin ${g.pin.join(", ")}` : ""}${g.unpin.length ? `, unpin ${g.unpin.join(", ")}` : ""}${g.txHash ? `, tx ${g.txHash}` : ""}`);
  }
  const t = p.transferGas;
  if (t) {
    console.log(`  ${t.what}: gas ${t.unpinned.toLocaleString("en-US")} before the pin, ${t.pinned.toLocaleString("en-US")} after (${(t.unpinned - t.pinned).toLocaleString("en-US")} less per call)`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main(() => demo(process.env.NETWORK ?? "devnet"));
}
