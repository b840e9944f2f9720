// validator-rewards: validator stake, whitelist and reward streams from the treasury's pool.
// PLACEHOLDER: the validator-rewards helper replaces the body (see scripts/deploy/README.md). Until then the step uploads the
// code when the artifact exists and says that instantiation is not written yet.
import type { Step } from "./types";

export const validatorRewardsStep: Step = {
  name: "validator-rewards",
  needs: ["validator-rewards", "token"],
  about: "validator stake, whitelist and reward streams from the treasury's pool",
  async run(ctx) {
    await ctx.upload("validator-rewards");
    ctx.skip("instantiate validator-rewards", "deploy step not written yet (scripts/deploy/steps/validator-rewards.ts)");
  },
};
