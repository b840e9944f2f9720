// HOOK for the marketplace rows of `make bench-chain` (issue 15: marketplace buy, bid, finalize). The marketplace's
// author fills this in: return a Group whose `setup` lists/approves what it needs and whose `run(phase, i)` performs
// the i-th buy, bid and finalize (i = 0 warm-up, 1 unpinned, 2 pinned; each on fresh items) and returns one Sample per
// operation, contract "mesi_marketplace" (an anchor where one compares, e.g. a Stargaze marketplace is not deployed
// here, so none). `b.record.contracts.marketplace` is the deployed instance, `b.exec` runs and returns gas_used,
// `b.who` holds the DEVNET actors, `b.fresh(name)` a funded new account. Return undefined while it does not exist.
import type { Bench, Group } from "./chain";

export function marketplaceGroup(b: Bench): Group | undefined {
  if (!b.record.contracts.marketplace) return undefined;
  console.log("[bench-chain] marketplace is deployed but its rows are not written yet (scripts/bench-chain/marketplace.ts)");
  return undefined;
}
