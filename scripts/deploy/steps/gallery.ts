// gallery: gallery NFTs (cw721) with trust pledges in the native stablecoin.
// PLACEHOLDER: the gallery helper replaces the body (see scripts/deploy/README.md). Until then the step uploads the
// code when the artifact exists and says that instantiation is not written yet.
import type { Step } from "./types";

export const galleryStep: Step = {
  name: "gallery",
  needs: ["gallery", "token"],
  about: "gallery NFTs (cw721) with trust pledges in the native stablecoin",
  async run(ctx) {
    await ctx.upload("gallery");
    ctx.skip("instantiate gallery", "deploy step not written yet (scripts/deploy/steps/gallery.ts)");
  },
};
