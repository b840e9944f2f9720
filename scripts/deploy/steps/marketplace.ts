// marketplace: escrowed buy-now listings, tier-limited auctions with anti-sniping, private offers and settlements
// held through the compliance window (contracts/marketplace/README.md, SPEC §3 "Selling"). Instantiated against
// the gallery (the only cw721 it takes; the gallery is told the marketplace's address so that its escrow counts as
// "listed", not "sold"), the token (the only cw20 it takes; creator tiers), the treasury (USD price,
// commission) and the network's native stablecoin. Product defaults everywhere except on a local devnet, where an
// auction "day" lasts DEVNET_DAY_SECONDS and the compliance window and anti-sniping are shortened as well, so the
// e2e test and `make demo` run a whole auction and settlement in about a minute.
import type { InstantiateMsg } from "../../../clients/src/MesiMarketplace.types";
import type { Step } from "./types";

/** Devnet timing: a 7-day auction lasts 7 x 6 s = 42 s. */
export const DEVNET_DAY_SECONDS = 6;
/** Devnet compliance window (product: 48 h). */
export const DEVNET_COMPLIANCE_WINDOW = 15;
/** Devnet anti-sniping: a bid in the last 15 s moves the end to 20 s after it (product: 5 min / 15 min). */
export const DEVNET_ANTI_SNIPE_WINDOW = 15;
export const DEVNET_ANTI_SNIPE_EXTENSION = 20;

export const marketplaceStep: Step = {
  name: "marketplace",
  needs: ["marketplace", "gallery", "token", "treasury"],
  about: "gallery marketplace: listings, auctions, offers, compliance window",
  async run(ctx) {
    await ctx.upload("marketplace");
    const gallery = ctx.address("gallery");
    const token = ctx.address("token");
    const treasury = ctx.address("treasury");
    if (!gallery || !token || !treasury) return ctx.skip("instantiate marketplace", "gallery, token or treasury not instantiated");
    const local = ctx.net.local;
    const msg: InstantiateMsg = {
      owner: ctx.sender,
      gallery,
      token,
      treasury,
      arbiter: ctx.role("arbiter"),
      native_denom: ctx.net.stableDenom,
      commission_bps: null,
      compliance_window: local ? DEVNET_COMPLIANCE_WINDOW : null,
      day_seconds: local ? DEVNET_DAY_SECONDS : null,
      min_auction_days: null,
      anti_snipe_window: local ? DEVNET_ANTI_SNIPE_WINDOW : null,
      anti_snipe_extension: local ? DEVNET_ANTI_SNIPE_EXTENSION : null,
      min_increment_bps: null,
      tier_limits: null,
    };
    await ctx.instantiate({
      key: "marketplace",
      contract: "marketplace",
      label: "mesi-marketplace",
      msg: msg as unknown as Record<string, unknown>,
      notes: { nativeDenom: msg.native_denom, shortenedForDevnet: local, daySeconds: msg.day_seconds ?? 86400 },
    });
    // The gallery counts the marketplace's escrow as "listed" by the seller, not "sold" (issue 14).
    const marketplace = ctx.address("marketplace");
    if (!marketplace) return;
    await ctx.wire({
      key: "gallery.set-marketplace",
      contract: gallery,
      msg: { update_config: { arbiter: null, pledge_denom: null, name: null, symbol: null, marketplace } },
      done: async () => (await ctx.client.queryContractSmart(gallery, { config: {} })).marketplace === marketplace,
    });
    // The token's `unlock` asks the marketplace whether the seller's live orders fit the lower creator tier (SPEC §3).
    await ctx.wire({
      key: "token.set-marketplace",
      contract: token,
      msg: { update_config: { arbiter: null, treasury: null, unlock_delay: null, tiers: null, marketplace } },
      done: async () => (await ctx.client.queryContractSmart(token, { config: {} })).marketplace === marketplace,
    });
  },
};
