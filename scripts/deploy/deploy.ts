// make deploy NETWORK=<name>: upload every built artifact, instantiate and wire the suite in dependency order.
// Idempotent: a checksum already on chain is not uploaded again, a recorded instance is not instantiated again, a
// pinned code is not proposed again. Last step: pin the suite's codes (scripts/deploy/pin.ts).
import path from "node:path";
import { ConfigError, ROOT, loadNetwork } from "./config";
import { DeployContext, artifactPath } from "./context";
import { STEPS } from "./steps/index";
import { pinMode, pinSuite } from "./pin";

export async function deploy(networkName?: string): Promise<DeployContext> {
  const t0 = Date.now();
  const net = loadNetwork(networkName);
  const ctx = await DeployContext.connect(net);
  const height = await ctx.client.getHeight();
  console.log(`deploy to ${net.name}: chain ${net.chainId} at ${net.rpc} (height ${height}), signer ${ctx.sender}`);
  console.log(`record: ${path.relative(ROOT, net.deploymentFile)}`);
  for (const step of STEPS) {
    ctx.step(`${step.name}: ${step.about}`);
    const missing = step.needs.filter((c) => !ctx.hasArtifact(c));
    if (missing.length) {
      ctx.skip(step.name, `${missing.map((c) => path.relative(ROOT, artifactPath(c))).join(", ")} not built yet`);
      continue;
    }
    await step.run(ctx);
  }
  ctx.step(`pin: the suite's codes by governance (networks.json pinCodes = "${pinMode(net)}"; issue 15)`);
  await pinSuite(ctx);
  ctx.save();
  const gas = (Object.values(ctx.record.codes).reduce((s, c) => s + (c.gasUsed ?? 0), 0));
  console.log(`\ndeployed in ${((Date.now() - t0) / 1000).toFixed(1)}s; contracts: ${Object.keys(ctx.record.contracts).join(", ") || "none"}; upload gas recorded: ${gas}`);
  const pinned = ctx.record.pinning?.pinned ?? [];
  console.log(`pinned codes: ${pinned.length ? pinned.join(", ") : "none"}`);
  console.log(`deployment file: ${path.relative(ROOT, net.deploymentFile)}`);
  return ctx;
}

export async function main(fn: () => Promise<unknown>) {
  try {
    await fn();
  } catch (e) {
    if (e instanceof ConfigError) console.error(`\nconfiguration error: ${e.message}`);
    else console.error(`\nfailed: ${(e as Error).stack ?? e}`);
    process.exit(1);
  }
}

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};

if (import.meta.url === `file://${process.argv[1]}`) {
  await main(() => deploy(arg("network")));
}
