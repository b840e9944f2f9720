// $MESI token: genesis allocations (SPEC §1) to the treasury, the community account and the liquidity account;
// the treasury is the minter. Without a treasury contract its share goes to the DEVNET stand-in account.
import type { InstantiateMsg } from "../../../clients/src/MesiToken.types";
import { fmtMesi, genesisRows, tokenAllocations } from "../genesis";
import type { Step } from "./types";

export const tokenStep: Step = {
  name: "token",
  needs: ["token"],
  about: "$MESI cw20 with genesis allocations, minter = treasury",
  async run(ctx) {
    await ctx.upload("token");
    const treasuryContract = ctx.address("treasury");
    const treasury = treasuryContract ?? ctx.role("treasury-standin");
    if (!treasuryContract) {
      ctx.log(`  note: no treasury contract yet: its genesis share and the minter role go to the stand-in account ${treasury}`);
    }
    const allocations = tokenAllocations({ treasury, community: ctx.role("community"), liquidity: ctx.role("liquidity") }, treasuryContract ? "treasury" : "treasury stand-in");
    const msg: InstantiateMsg = {
      name: "Mesi",
      symbol: "MESI",
      decimals: 6,
      allocations,
      mint: { minter: treasury },
      marketing: {
        project: "https://mesi.example/",
        description: "Mesi creator-economy token",
        marketing: ctx.sender,
        logo: null,
      },
      arbiter: ctx.role("arbiter"),
      treasury,
    };
    const rec = await ctx.instantiate({
      key: "token",
      contract: "token",
      label: "mesi-token",
      msg: msg as unknown as Record<string, unknown>,
      notes: { treasuryStandIn: !treasuryContract, minter: treasury },
    });
    if (rec.txHash && !ctx.record.info.genesis) {
      ctx.record.info.genesis = genesisRows().map((r) => ({
        group: r.group,
        amount: r.amount.toString(),
        mesi: fmtMesi(r.amount),
        to: r.to === "treasury" ? treasury : r.to === "community" ? ctx.role("community") : ctx.role("liquidity"),
      }));
      ctx.save();
    }
    for (const a of allocations) ctx.log(`    ${a.label}: ${fmtMesi(a.amount)} -> ${a.address}`);
  },
};
