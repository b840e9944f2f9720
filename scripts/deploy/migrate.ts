// make migrate CONTRACT=<name> [NETWORK=devnet]: upload the current artifact (unless already on chain) and
// migrate the recorded instance to it with MigrateMsg {} (recorded in deployments/<chain-id>.json), then pin the new
// code and unpin the old one no other recorded contract runs (one governance proposal; scripts/deploy/pin.ts).
// A migration that leaves records of an old storage layout (the gallery's `reindex_pending`) is finished with
// paged `reindex` transactions.
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
  await finishReindex(ctx, contract, inst.address, r.events);
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

/**
 * A migration that changes a storage layout may leave records to convert (the gallery's `reindex_pending`
 * attribute, issue 15: until none is left its `gallery` and `tokens {owner}` answer ReindexPending). Sends
 * `reindex { limit: 100 }` until the contract says `remaining` false; each page is bounded, so this is a number of
 * transactions, never one unbounded one.
 */
async function finishReindex(ctx: DeployContext, contract: string, address: string, events: readonly { type: string; attributes: readonly { key: string; value: string }[] }[]) {
  const attr = (evs: typeof events, key: string) => evs.filter((e) => e.type === "wasm").flatMap((e) => e.attributes).find((a) => a.key === key)?.value;
  if (attr(events, "reindex_pending") !== "true") return;
  ctx.step(`reindex ${contract}: convert the records of the old layout, 100 per transaction`);
  for (let page = 1; ; page++) {
    const r = await ctx.client.execute(ctx.sender, address, { reindex: { limit: 100 } }, GAS_MULTIPLIER, `reindex ${contract}`);
    ctx.log(`  page ${page}: ${attr(r.events, "converted")} converted, gas ${r.gasUsed}`);
    if (attr(r.events, "remaining") !== "true") break;
  }
}

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
if (import.meta.url === `file://${process.argv[1]}`) {
  await main(() => migrate(arg("contract") ?? process.env.CONTRACT ?? "", arg("network")));
}
