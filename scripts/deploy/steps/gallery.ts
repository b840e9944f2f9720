// gallery: the platform's cw721 collection (gallery NFTs) with trust pledges in the network's native stablecoin
// (networks.json `stableDenom`, uusdc on the devnet). The arbiter role rules on disputed content. No wiring: the
// gallery calls no other contract.
import type { InstantiateMsg } from "../../../clients/src/MesiGallery.types";
import type { Step } from "./types";

export const galleryStep: Step = {
  name: "gallery",
  needs: ["gallery"],
  about: "gallery NFTs (cw721) with trust pledges in the native stablecoin",
  async run(ctx) {
    await ctx.upload("gallery");
    const msg: InstantiateMsg = {
      name: "Mesi Gallery",
      symbol: "MESIG",
      arbiter: ctx.role("arbiter"),
      pledge_denom: ctx.net.stableDenom,
      owner: ctx.sender,
    };
    await ctx.instantiate({
      key: "gallery",
      contract: "gallery",
      label: "mesi-gallery",
      msg: msg as unknown as Record<string, unknown>,
      notes: { pledgeDenom: ctx.net.stableDenom, arbiter: msg.arbiter },
    });
  },
};
