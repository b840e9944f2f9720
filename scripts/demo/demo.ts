// The walkthrough of `make demo` (after build, devnet start and deploy): every deployed feature, step by step.
import path from "node:path";
import "../deploy/fast-poll";
import { ROOT, loadNetwork } from "../deploy/config";
import { readDeployment } from "../deploy/context";
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

if (import.meta.url === `file://${process.argv[1]}`) {
  await main(() => demo(process.env.NETWORK ?? "devnet"));
}
