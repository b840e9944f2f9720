// referral: referral codes and rewards from the treasury's referral pool (contracts/referral/README.md).
// Instantiates the referral contract (operator = the platform's fraud-check operator), registers it as the
// treasury's drawer of the "referral" pool, gives that pool a yearly cap when it has none and funds it from the
// reserve when it is empty. Every transaction is idempotent (recorded, or checked on chain first).
import type { InstantiateMsg } from "../../../clients/src/MesiReferral.types";
import type { Step } from "./types";

/** Referral budget on networks deployed by this script (MESI base units, 6 decimals). */
const REFERRAL_YEARLY_CAP = (10_000_000n * 1_000_000n).toString(); // 10,000,000 MESI per year
const REFERRAL_FUNDING = (1_000_000n * 1_000_000n).toString(); // 1,000,000 MESI moved from the reserve

interface PoolResponse {
  balance: string;
  yearly_cap: string;
  available: string;
}
interface DrawerResponse {
  address: string;
  pool: string | null;
}

export const referralStep: Step = {
  name: "referral",
  needs: ["referral", "token", "treasury"],
  about: "referral codes and rewards from the treasury's referral pool",
  async run(ctx) {
    await ctx.upload("referral");
    const token = ctx.address("token");
    const treasury = ctx.address("treasury");
    if (!token || !treasury) return ctx.skip("instantiate referral", "token or treasury not instantiated");
    const msg: InstantiateMsg = {
      token,
      treasury,
      operator: ctx.role("operator"),
      bonus_usd: null, // USD 10
      multipliers: null, // 1, 2, 5, 10, 15
      owner: null,
    };
    const rec = await ctx.instantiate({
      key: "referral",
      contract: "referral",
      label: "mesi-referral",
      msg: msg as unknown as Record<string, unknown>,
    });
    const referral = rec.address;
    const pool = () =>
      ctx.client.queryContractSmart(treasury, { pool: { pool: "referral" } }) as Promise<PoolResponse>;

    await ctx.wire({
      key: "referral.register-drawer",
      contract: treasury,
      msg: { register_drawer: { contract: referral, pool: "referral" } },
      done: async () => {
        const d = (await ctx.client.queryContractSmart(treasury, { drawer: { address: referral } })) as DrawerResponse;
        return d.pool === "referral";
      },
    });
    await ctx.wire({
      key: "referral.pool-cap",
      contract: treasury,
      msg: {
        update_config: {
          feeder: null,
          operators: null,
          max_price_age: null,
          max_batch: null,
          month_seconds: null,
          pool_caps: [{ pool: "referral", yearly_cap: REFERRAL_YEARLY_CAP }],
        },
      },
      done: async () => BigInt((await pool()).yearly_cap) > 0n,
    });
    await ctx.wire({
      key: "referral.fund-pool",
      contract: treasury,
      msg: { fund_pool: { pool: "referral", amount: REFERRAL_FUNDING } },
      done: async () => BigInt((await pool()).balance) > 0n,
    });
    const p = await pool();
    ctx.log(`    referral pool: balance ${p.balance}, yearly cap ${p.yearly_cap}, available ${p.available}`);
  },
};
