// Shared wiring for a contract that draws from one of the treasury's budget pools (referral, validator-rewards):
// register it as the pool's drawer, give the pool a yearly cap when it has none, and fund it from the reserve
// when it is empty. Each transaction is idempotent (recorded, or checked on chain first).
import type { DrawerResponse, Pool, PoolResponse } from "../../../clients/src/MesiTreasury.types";
import type { DeployContext } from "../context";

export async function wirePoolDrawer(
  ctx: DeployContext,
  opts: { treasury: string; drawer: string; name: string; pool: Pool; yearlyCap: string; funding: string },
): Promise<void> {
  const { treasury, drawer, name, pool } = opts;
  const status = () => ctx.client.queryContractSmart(treasury, { pool: { pool } }) as Promise<PoolResponse>;

  await ctx.wire({
    key: `${name}.register-drawer`,
    contract: treasury,
    msg: { register_drawer: { contract: drawer, pool } },
    done: async () => {
      const d = (await ctx.client.queryContractSmart(treasury, { drawer: { address: drawer } })) as DrawerResponse;
      return d.pool === pool;
    },
  });
  await ctx.wire({
    key: `${name}.pool-cap`,
    contract: treasury,
    msg: {
      update_config: {
        feeder: null,
        operators: null,
        max_price_age: null,
        max_batch: null,
        month_seconds: null,
        pool_caps: [{ pool, yearly_cap: opts.yearlyCap }],
      },
    },
    done: async () => BigInt((await status()).yearly_cap) > 0n,
  });
  await ctx.wire({
    key: `${name}.fund-pool`,
    contract: treasury,
    msg: { fund_pool: { pool, amount: opts.funding } },
    done: async () => BigInt((await status()).balance) > 0n,
  });
  const p = await status();
  ctx.log(`    ${pool} pool: balance ${p.balance}, yearly cap ${p.yearly_cap}, available ${p.available}`);
}
