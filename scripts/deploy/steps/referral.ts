// referral: referral codes and rewards from the treasury's referral pool (contracts/referral/README.md).
// Instantiates the referral contract (operator = the platform's fraud-check operator), registers it as the
// treasury's drawer of the "referral" pool, gives that pool a yearly cap when it has none and funds it from the
// reserve when it is empty. Every transaction is idempotent (recorded, or checked on chain first).
import type { InstantiateMsg } from "../../../clients/src/MesiReferral.types";
import { wirePoolDrawer } from "./pool-drawer";
import type { Step } from "./types";

/** Referral budget on networks deployed by this script (MESI base units, 6 decimals). */
const REFERRAL_YEARLY_CAP = (10_000_000n * 1_000_000n).toString(); // 10,000,000 MESI per year
const REFERRAL_FUNDING = (1_000_000n * 1_000_000n).toString(); // 1,000,000 MESI moved from the reserve


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
    await wirePoolDrawer(ctx, {
      treasury,
      drawer: referral,
      name: "referral",
      pool: "referral",
      yearlyCap: REFERRAL_YEARLY_CAP,
      funding: REFERRAL_FUNDING,
    });
  },
};
