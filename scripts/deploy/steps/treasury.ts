// Treasury, first, without the token (it learns the token in the "treasury-set-token" step).
// Genesis vesting: one beneficiary per group (the contract refuses an address twice). On a public network every
// group's address comes from networks.json `roles` ("vesting-micro-pre-seed", "vesting-seed-a", ...); on the local
// devnet the community-incentives schedule goes to the `community` account and the other groups to fixed
// placeholder addresses derived from the group name (no keys: nobody claims them on the devnet).
// Budget pools: referral and validator-rewards caps are set by their own steps; the other four get the
// devnet caps below (config, changeable by the owner with update_config).
import { toBech32 } from "@cosmjs/encoding";
import { sha256 } from "@cosmjs/crypto";
import type { GenesisVesting, InstantiateMsg, PoolCap } from "../../../clients/src/MesiTreasury.types";
import type { DeployContext } from "../context";
import type { Step } from "./types";

const M = 1_000_000n;
/** Yearly caps (MESI base units) of the pools no other step configures. */
const POOL_CAPS: PoolCap[] = [
  { pool: "engagement_rewards", yearly_cap: (100_000_000n * M).toString() },
  { pool: "leaderboards", yearly_cap: (50_000_000n * M).toString() },
  { pool: "active_user_bonus", yearly_cap: (50_000_000n * M).toString() },
  { pool: "welcome_bonus", yearly_cap: (20_000_000n * M).toString() },
];

const GROUPS = [
  "micro_pre_seed",
  "seed_a",
  "seed_b",
  "community_incentives",
  "airdrop",
  "core_team",
  "strategic_partnerships",
  "advisors",
] as const;

function beneficiary(ctx: DeployContext, group: (typeof GROUPS)[number]): string {
  const role = `vesting-${group.replace(/_/g, "-")}`;
  if (ctx.net.roles[role]) return ctx.role(role);
  if (!ctx.net.local) return ctx.role(role); // throws a ConfigError naming the missing role
  if (group === "community_incentives") return ctx.role("community");
  return toBech32(ctx.net.prefix, sha256(new TextEncoder().encode(`mesi devnet vesting ${group}`)).slice(0, 20));
}

export const treasuryStep: Step = {
  name: "treasury",
  needs: ["treasury"],
  about: "treasury: reserve, vesting schedules, price feed, budget pools; the token's minter",
  async run(ctx) {
    await ctx.upload("treasury");
    const genesis = Object.fromEntries(GROUPS.map((g) => [g, beneficiary(ctx, g)])) as unknown as GenesisVesting;
    genesis.start = null; // the instantiate time
    const msg: InstantiateMsg = {
      owner: null,
      feeder: ctx.role("feeder"),
      operators: [ctx.role("operator")],
      max_price_age: null, // 3600 s
      max_batch: null, // 100
      month_seconds: null, // 30 days
      epoch_claim_seconds: null, // 365 days (31,536,000 s): after it anyone may close_epoch
      pool_caps: POOL_CAPS,
      genesis_vesting: genesis,
    };
    const rec = await ctx.instantiate({
      key: "treasury",
      contract: "treasury",
      label: "mesi-treasury",
      msg: msg as unknown as Record<string, unknown>,
    });
    if (rec.txHash && !ctx.record.info.vesting) {
      ctx.record.info.vesting = genesis;
      ctx.save();
    }
  },
};

export const treasurySetTokenStep: Step = {
  name: "treasury-set-token",
  needs: ["treasury", "token"],
  about: "tell the treasury which token it holds and mints",
  async run(ctx) {
    const treasury = ctx.address("treasury");
    const token = ctx.address("token");
    if (!treasury || !token) return ctx.skip("treasury set-token", "treasury or token not instantiated");
    await ctx.wire({
      key: "treasury.set-token",
      contract: treasury,
      msg: { set_token: { address: token } },
      done: async () => {
        const c = (await ctx.client.queryContractSmart(treasury, { config: {} })) as { token: string | null };
        return c.token === token;
      },
    });
    const acc = (await ctx.client.queryContractSmart(treasury, { accounting: {} })) as Record<string, string>;
    ctx.log(`    treasury books: reserve ${acc.reserve}, vesting outstanding ${acc.vesting_outstanding}, pools ${acc.pools}`);
  },
};
