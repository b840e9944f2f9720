// validator-rewards: validator stake, whitelist and reward streams from the treasury's pool
// (contracts/validator-rewards/README.md). Instantiates the contract (token, treasury = slash destination,
// operator = the platform's work-report operator, SPEC defaults: 25 bps threshold, 21-day unbonding, 30-day
// stream), registers it as the treasury's drawer of the "validator_rewards" pool (so `pull_from_treasury` works),
// gives that pool a yearly cap when it has none and funds it from the reserve when it is empty. Every transaction
// is idempotent (recorded, or checked on chain first). Whitelisting validators is the owner's decision, not a
// deploy step: see the demo / e2e test.
import type { InstantiateMsg } from "../../../clients/src/MesiValidatorRewards.types";
import { wirePoolDrawer } from "./pool-drawer";
import type { Step } from "./types";

const M = 1_000_000n;
/** Validator-rewards budget on networks deployed by this script (MESI base units). */
const YEARLY_CAP = (50_000_000n * M).toString(); // 50,000,000 MESI per year
const FUNDING = (5_000_000n * M).toString(); // 5,000,000 MESI moved from the reserve


export const validatorRewardsStep: Step = {
  name: "validator-rewards",
  needs: ["validator-rewards", "token"],
  about: "validator stake, whitelist and reward streams from the treasury's pool",
  async run(ctx) {
    await ctx.upload("validator-rewards");
    const token = ctx.address("token");
    if (!token) return ctx.skip("instantiate validator-rewards", "token not instantiated");
    const treasury = ctx.address("treasury");
    const msg: InstantiateMsg = {
      token,
      treasury: treasury ?? ctx.role("treasury-standin"),
      operator: ctx.role("operator"),
      threshold_bps: null, // 25 bps of the current supply
      unbonding_period: null, // 21 days
      stream_period: null, // 30 days
      max_work_entries: null, // 50
      max_pending_unbondings: null, // 10
      claim_deadline: null, // 365 days after an epoch closes (issue 12 §7)
      owner: null,
    };
    const rec = await ctx.instantiate({
      key: "validator-rewards",
      contract: "validator-rewards",
      label: "mesi-validator-rewards",
      msg: msg as unknown as Record<string, unknown>,
    });
    if (!treasury) return ctx.skip("validator-rewards pool wiring", "no treasury contract");
    const contract = rec.address;
    await wirePoolDrawer(ctx, {
      treasury,
      drawer: contract,
      name: "validator-rewards",
      pool: "validator_rewards",
      yearlyCap: YEARLY_CAP,
      funding: FUNDING,
    });
  },
};
