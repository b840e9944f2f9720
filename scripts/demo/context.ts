// What every demo step gets: the network, the deployment record, DEVNET-ONLY actors and printing helpers.
import type { ExecuteResult } from "@cosmjs/cosmwasm-stargate";
import type { Network } from "../deploy/config";
import type { Deployment } from "../deploy/context";
import type { Actor } from "../deploy/accounts";

export interface GasRow {
  what: string;
  gasUsed: number;
  txHash: string;
}

export class DemoContext {
  readonly gas: GasRow[] = [];
  constructor(
    readonly net: Network,
    readonly deployment: Deployment,
    readonly actors: Record<string, Actor>,
  ) {}

  section(title: string) {
    console.log(`\n=== ${title}`);
  }
  say(text: string) {
    console.log(`  ${text}`);
  }
  /** runs a transaction, prints what it did with gas and tx hash */
  async tx(what: string, run: () => Promise<ExecuteResult>): Promise<ExecuteResult> {
    const r = await run();
    this.gas.push({ what, gasUsed: Number(r.gasUsed), txHash: r.transactionHash });
    console.log(`  tx  ${what}\n      gas ${r.gasUsed}, height ${r.height}, tx ${r.transactionHash}`);
    return r;
  }
  /** a transaction that must be refused: prints the chain's error text */
  async refused(what: string, run: () => Promise<unknown>): Promise<string> {
    try {
      await run();
    } catch (e) {
      const msg = String((e as Error).message ?? e);
      const m = /execute wasm contract failed: (.*?)(?:: execute wasm contract failed)?(?:\s*\[|$)/.exec(msg) ?? /failed to execute message; message index: 0: (.*?)(?:\s*\[|$)/.exec(msg);
      const why = (m?.[1] ?? msg).trim();
      console.log(`  refused as expected: ${what}\n      chain says: ${why}`);
      return why;
    }
    throw new Error(`expected "${what}" to be refused, but it went through`);
  }
  contract(key: string): string | undefined {
    return this.deployment.contracts[key]?.address;
  }
  actor(name: string): Actor {
    const a = this.actors[name];
    if (!a) throw new Error(`no demo actor ${name}`);
    return a;
  }
}

export interface DemoStep {
  name: string;
  /** contract keys that must be deployed (deployment file) for the step to run */
  needs: string[];
  run(demo: DemoContext): Promise<void>;
}
