// bid-to-meet: bid-to-meet escrow and slot auctions.
// PLACEHOLDER: the bid-to-meet helper replaces the body (see scripts/deploy/README.md). Until then the step uploads the
// code when the artifact exists and says that instantiation is not written yet.
import type { Step } from "./types";

export const bidToMeetStep: Step = {
  name: "bid-to-meet",
  needs: ["bid-to-meet", "token"],
  about: "bid-to-meet escrow and slot auctions",
  async run(ctx) {
    await ctx.upload("bid-to-meet");
    ctx.skip("instantiate bid-to-meet", "deploy step not written yet (scripts/deploy/steps/bid-to-meet.ts)");
  },
};
