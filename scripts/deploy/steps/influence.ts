// influence: fans give shares of their influence points (the token's tier query) to creators' galleries
// (contracts/influence/README.md, issue 13). Instantiates the influence contract with the token and the gallery;
// no wiring: neither contract calls it, it only queries them.
import type { InstantiateMsg } from "../../../clients/src/MesiInfluence.types";
import type { Step } from "./types";

export const influenceStep: Step = {
  name: "influence",
  needs: ["influence", "token", "gallery"],
  about: "influence allocation: shares of a user's influence points given to creators' galleries",
  async run(ctx) {
    await ctx.upload("influence");
    const token = ctx.address("token");
    const gallery = ctx.address("gallery");
    if (!token || !gallery) return ctx.skip("instantiate influence", "token or gallery not instantiated");
    const msg: InstantiateMsg = {
      token,
      gallery,
      max_galleries: null, // 10
      owner: null,
    };
    await ctx.instantiate({
      key: "influence",
      contract: "influence",
      label: "mesi-influence",
      msg: msg as unknown as Record<string, unknown>,
      notes: { token, gallery },
    });
  },
};
