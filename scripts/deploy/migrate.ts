// make migrate CONTRACT=<name> [NETWORK=devnet]: upload the current artifact (unless already on chain) and
// migrate the recorded instance to it with MigrateMsg {} (recorded in deployments/<chain-id>.json), then pin the new
// code and unpin the old one no other recorded contract runs (one governance proposal; scripts/deploy/pin.ts).
import path from "node:path";
import { ConfigError, ROOT, loadNetwork } from "./config";
import { DeployContext, GAS_MULTIPLIER, artifactPath } from "./context";
import { main } from "./deploy";
import { changePins } from "./pin";

export async function migrate(contract: string, networkName?: string, msg: Record<string, unknown> = {}) {
  const net = loadNetwork(networkName);
  if (!contract) throw new ConfigError("name the contract: make migrate CONTRACT=token");
  const ctx = await DeployContext.connect(net);
  const inst = ctx.record.contracts[contract];
  if (!inst) throw new ConfigError(`no "${contract}" instance in ${path.relative(ROOT, net.deploymentFile)} (deployed: ${Object.keys(ctx.record.contracts).join(", ") || "none"})`);
  if (!ctx.hasArtifact(contract)) throw new ConfigError(`${path.relative(ROOT, artifactPath(contract))} is not built (make wasm)`);
  const onChain = await ctx.client.getContract(inst.address);
  if (onChain.admin !== ctx.sender) throw new ConfigError(`signer ${ctx.sender} is not the admin (${onChain.admin ?? "none"}) of ${contract}`);
  ctx.step(`migrate ${contract} at ${inst.address} (code ${onChain.codeId})`);
  const code = await ctx.upload(contract);
  if (code.codeId === onChain.codeId) {
    ctx.log(`  ${contract} already runs code ${code.codeId}: nothing to migrate`);
    return ctx;
  }
  const r = await ctx.client.migrate(ctx.sender, inst.address, code.codeId, msg, GAS_MULTIPLIER, `migrate ${contract}`);
  ctx.log(`  migrate ${contract}: code ${onChain.codeId} -> ${code.codeId}, gas ${r.gasUsed}, tx ${r.transactionHash}`);
  ctx.record.migrations.push({
    contract,
    address: inst.address,
    fromCodeId: onChain.codeId,
    toCodeId: code.codeId,
    checksum: code.checksum,
    txHash: r.transactionHash,
    gasUsed: Number(r.gasUsed),
    height: r.height,
    at: new Date().toISOString(),
  });
  inst.codeId = code.codeId;
  inst.checksum = code.checksum;
  ctx.save();
  // the new code starts unpinned (every call 58,000 gas dearer): pin it, and unpin the old code unless another
  // recorded contract still runs it, in one proposal (issue 15)
  const oldCode = onChain.codeId;
  const stillUsed = Object.entries(ctx.record.contracts).some(([k, c]) => k !== contract && c.codeId === oldCode);
  ctx.step(`pin code ${code.codeId}${stillUsed ? ` (code ${oldCode} stays pinned: another contract runs it)` : `, unpin code ${oldCode}`}`);
  await changePins(ctx, {
    pin: [code.codeId],
    unpin: stillUsed ? [] : [oldCode],
    why: `Migration of ${contract} from code ${oldCode} to code ${code.codeId}`,
  });
  return ctx;
}

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
if (import.meta.url === `file://${process.argv[1]}`) {
  await main(() => migrate(arg("contract") ?? process.env.CONTRACT ?? "", arg("network")));
}
