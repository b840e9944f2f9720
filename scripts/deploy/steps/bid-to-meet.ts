// bid-to-meet: escrowed MESI bids for meetings with creators, slot auctions, KYF window, QR-code release
// (contracts/bid-to-meet/README.md). Instantiates with the whitepaper defaults (10% commission to the treasury,
// BtM limits 200/400/800/1,600 USD by tier, tier 5 unlimited, 48 h KYF window, 30-day meeting deadline, 5 min /
// 15 min anti-sniping). The platform operator sets KYC flags; the arbiter resolves disputes. Nothing to wire: bids
// arrive through the token's Send, prices come from the treasury's UsdToMesi query, and the commission is a plain
// cw20 Transfer to the treasury.
import type { InstantiateMsg } from "../../../clients/src/MesiBidToMeet.types";
import type { Step } from "./types";

export const bidToMeetStep: Step = {
  name: "bid-to-meet",
  needs: ["bid-to-meet", "token", "treasury"],
  about: "bid-to-meet escrow and slot auctions",
  async run(ctx) {
    await ctx.upload("bid-to-meet");
    const token = ctx.address("token");
    const treasury = ctx.address("treasury");
    if (!token || !treasury) return ctx.skip("instantiate bid-to-meet", "token or treasury not instantiated");
    const msg: InstantiateMsg = {
      owner: null,
      token,
      treasury,
      operator: ctx.role("operator"),
      arbiter: ctx.role("arbiter"),
      commission_bps: null,
      tier_limits_usd: null,
      kyf_window: null,
      meeting_window: null,
      anti_snipe_window: null,
      anti_snipe_extension: null,
      max_slot_duration: null,
      slot_settle_window: null,
    };
    await ctx.instantiate({
      key: "bid-to-meet",
      contract: "bid-to-meet",
      label: "mesi-bid-to-meet",
      msg: msg as unknown as Record<string, unknown>,
    });
  },
};
