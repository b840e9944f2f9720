// Treasury, first, without the token (it learns the token in the "treasury-set-token" step).
// DRAFT written against packages/mesi-types/src/treasury.rs at the time of the deploy framework: the treasury
// helper owns this file and adjusts the message to the final schema (clients/src/MesiTreasury.types.ts).
import type { Step } from "./types";

export const treasuryStep: Step = {
  name: "treasury",
  needs: ["treasury"],
  about: "treasury: reserve, vesting schedules, price feed, budget pools; the token's minter",
  async run(ctx) {
    await ctx.upload("treasury");
    const deployer = ctx.sender;
    await ctx.instantiate({
      key: "treasury",
      contract: "treasury",
      label: "mesi-treasury",
      msg: {
        owner: null,
        feeder: ctx.role("feeder"),
        operators: [ctx.role("operator")],
        max_price_age: null,
        max_batch: null,
        month_seconds: null,
        pool_caps: [],
        // vesting beneficiaries: on the devnet the deployer stands for every group
        genesis_vesting: {
          start: null,
          micro_pre_seed: deployer,
          seed_a: deployer,
          seed_b: deployer,
          community_incentives: ctx.role("community"),
          airdrop: deployer,
          core_team: deployer,
          strategic_partnerships: deployer,
          advisors: deployer,
        },
      },
    });
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
    await ctx.wire({ key: "treasury.set-token", contract: treasury, msg: { set_token: { address: token } } });
  },
};
