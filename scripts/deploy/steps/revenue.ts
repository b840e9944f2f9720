// revenue: creator payments and revenue sharing (contracts/revenue/README.md, SPEC §8, issue 21): tips, pay-per-view,
// subscriptions, contribution rates and gallery-pool Merkle epochs. Instantiated against the token (the only cw20 it
// takes), the gallery (who is a creator), the treasury (commission; pays engagement epochs), the distribution
// operator and the marketplace (the only sender of primary-sale proceeds). Then:
//   - registered as the treasury's drawer of the `engagement_rewards` pool (cap and funding when the pool has none),
//   - the marketplace's `revenue` set to it (a $MESI primary sale's net is sent there at finalize),
//   - the revenue contract's `marketplace` set when it was instantiated before the marketplace existed.
// Every transaction is idempotent (recorded, or checked on chain first).
// Devnet timing: the contract's shortest contribution period (1 h) and claim deadline (1 day); a subscription cycle
// is the product's fixed 30 days (mesi-types MONTH_SECONDS), so the devnet cannot reach a renewal by waiting.
import type { ConfigResponse, InstantiateMsg } from "../../../clients/src/MesiRevenue.types";
import { wirePoolDrawer } from "./pool-drawer";
import type { Step } from "./types";

/** Devnet contribution period: the contract's minimum, 1 h (product: 30 days). */
export const DEVNET_PERIOD_SECONDS = 3_600;
/** Devnet claim deadline of an epoch: the contract's minimum, 1 day (product: 365 days). */
export const DEVNET_CLAIM_SECONDS = 86_400;
/** Engagement-rewards budget on networks deployed by this script (MESI base units, 6 decimals). */
const ENGAGEMENT_YEARLY_CAP = (10_000_000n * 1_000_000n).toString(); // 10,000,000 MESI per year
const ENGAGEMENT_FUNDING = (1_000_000n * 1_000_000n).toString(); // 1,000,000 MESI moved from the reserve

export const revenueStep: Step = {
  name: "revenue",
  needs: ["revenue", "token", "gallery", "treasury"],
  about: "creator payments: tips, pay-per-view, subscriptions, contribution split, Merkle epochs",
  async run(ctx) {
    await ctx.upload("revenue");
    const token = ctx.address("token");
    const gallery = ctx.address("gallery");
    const treasury = ctx.address("treasury");
    if (!token || !gallery || !treasury) return ctx.skip("instantiate revenue", "token, gallery or treasury not instantiated");
    const marketplace = ctx.address("marketplace") ?? null;
    const local = ctx.net.local;
    const msg: InstantiateMsg = {
      owner: ctx.sender,
      token,
      gallery,
      treasury,
      operator: ctx.role("operator"),
      marketplace,
      commission_bps: null, // 10%
      min_tip: null, // 0.1 MESI
      period_seconds: local ? DEVNET_PERIOD_SECONDS : null,
      start: null,
      renew_window: null, // 3 days
      claim_seconds: local ? DEVNET_CLAIM_SECONDS : null,
    };
    const rec = await ctx.instantiate({
      key: "revenue",
      contract: "revenue",
      label: "mesi-revenue",
      msg: msg as unknown as Record<string, unknown>,
      notes: { shortenedForDevnet: local, periodSeconds: msg.period_seconds ?? 2_592_000, claimSeconds: msg.claim_seconds ?? 31_536_000 },
    });
    const revenue = rec.address;
    const config = () => ctx.client.queryContractSmart(revenue, { config: {} }) as Promise<ConfigResponse>;
    // engagement epochs draw from the treasury's engagement-rewards pool
    await wirePoolDrawer(ctx, {
      treasury,
      drawer: revenue,
      name: "revenue",
      pool: "engagement_rewards",
      yearlyCap: ENGAGEMENT_YEARLY_CAP,
      funding: ENGAGEMENT_FUNDING,
    });
    if (!marketplace) return ctx.skip("marketplace.set-revenue", "marketplace not instantiated");
    // a revenue contract instantiated before the marketplace learns it (the marketplace checks this before it accepts it)
    await ctx.wire({
      key: "revenue.set-marketplace",
      contract: revenue,
      msg: { update_config: { marketplace } },
      done: async () => (await config()).marketplace === marketplace,
    });
    // primary sales in $MESI go through the creator's split (issue 21)
    await ctx.wire({
      key: "marketplace.set-revenue",
      contract: marketplace,
      msg: { update_config: { revenue } },
      done: async () => (await ctx.client.queryContractSmart(marketplace, { config: {} })).revenue === revenue,
    });
    ctx.record.info.revenue = {
      engagementPool: "engagement_rewards",
      marketplace,
      periodSeconds: msg.period_seconds ?? 2_592_000,
      leafEncoding: "contracts/revenue/README.md#leaves",
    };
    ctx.save();
  },
};
