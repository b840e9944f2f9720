// Pinned codes (issue 15). wasmd 0.61 charges 60,000 SDK gas to load an unpinned contract on every call and 2,000
// for a pinned one (kept compiled in the node's memory). Pinning is a governance message (MsgPinCodes, authority =
// the gov module account), so the deploy:
//   - "vote"  (networks.json `pinCodes`, the devnet): submits ONE expedited proposal with MsgPinCodes (and/or
//             MsgUnpinCodes) for the codes not yet pinned, votes yes with every bonded DEVNET-ONLY validator key,
//             waits for it to pass, checks the chain's pinned list and records it in deployments/<chain-id>.json;
//   - "print" (the default for a public network): prints the proposal a governance participant would submit
//             (`wasmd tx gov submit-proposal proposal.json`), records it as pending, never fails;
//   - "off":  does nothing.
// Idempotent: a code the chain reports pinned is never proposed again.
import { toBech32 } from "@cosmjs/encoding";
import { sha256 } from "@cosmjs/crypto";
import { QueryClient, createProtobufRpcClient } from "@cosmjs/stargate";
import { connectComet } from "@cosmjs/tendermint-rpc";
import { MsgPinCodes, MsgUnpinCodes } from "cosmjs-types/cosmwasm/wasm/v1/tx";
import { QueryClientImpl as WasmQuery } from "cosmjs-types/cosmwasm/wasm/v1/query";
import { QueryClientImpl as GovQuery } from "cosmjs-types/cosmos/gov/v1/query";
import { ProposalStatus, VoteOption, proposalStatusToJSON } from "cosmjs-types/cosmos/gov/v1/gov";
import type { Coin } from "@cosmjs/amino";
import { ConfigError, type Network } from "./config";
import { actor, bondedValidatorAccounts } from "./accounts";
import type { DeployContext } from "./context";

/** How a network pins codes (networks.json `pinCodes`; default "vote" on a local network, "print" elsewhere). */
export type PinMode = "vote" | "print" | "off";

export interface GovProposalRecord {
  /** on-chain proposal id ("vote" mode) */
  id?: number;
  pin: number[];
  unpin: number[];
  status: "passed" | "pending" | "printed";
  txHash?: string;
  gasUsed?: number;
  /** the proposal JSON ("print" mode), as `wasmd tx gov submit-proposal` reads it */
  proposal?: unknown;
  at: string;
}

/** deployments/<chain-id>.json `pinning` */
export interface PinningRecord {
  mode: PinMode;
  /** code ids of this suite the chain reports pinned (after the last deploy / migrate) */
  pinned: number[];
  proposals: GovProposalRecord[];
  /**
   * SDK gas of the same token transaction (a 1-base-unit self transfer of the DEVNET `liquidity` account) before the
   * token's code was pinned and after: what pinning saves per call.
   */
  transferGas?: { unpinned: number; pinned: number; codeId: number; what: string };
}

export function pinMode(net: Network): PinMode {
  return net.pinCodes ?? (net.local ? "vote" : "print");
}

/** the gov module account (authority of MsgPinCodes): the first 20 bytes of sha256("gov") */
export const govAddress = (prefix: string) => toBech32(prefix, sha256(new TextEncoder().encode("gov")).slice(0, 20));

/** Read-only gRPC-over-RPC queries for pinning (wasm pinned codes, gov proposals and params). */
export async function chainQueries(rpc: string) {
  const comet = await connectComet(rpc);
  const qc = new QueryClient(comet);
  const prc = createProtobufRpcClient(qc);
  const wasm = new WasmQuery(prc);
  const gov = new GovQuery(prc);
  return {
    /** every pinned code id on the chain (paginated) */
    async pinned(): Promise<number[]> {
      const out: number[] = [];
      let key: Uint8Array | undefined;
      for (let page = 0; page < 1000; page++) {
        const r = await wasm.PinnedCodes({ pagination: key ? ({ key, offset: 0n, limit: 100n, countTotal: false, reverse: false } as any) : undefined });
        out.push(...r.codeIds.map(Number));
        key = r.pagination?.nextKey;
        if (!key || key.length === 0) break;
      }
      return out.sort((a, b) => a - b);
    },
    gov,
    disconnect: () => comet.disconnect(),
  };
}

const anyPin = (authority: string, codeIds: number[]) => ({
  typeUrl: "/cosmwasm.wasm.v1.MsgPinCodes",
  value: MsgPinCodes.encode(MsgPinCodes.fromPartial({ authority, codeIds: codeIds.map(BigInt) })).finish(),
});
const anyUnpin = (authority: string, codeIds: number[]) => ({
  typeUrl: "/cosmwasm.wasm.v1.MsgUnpinCodes",
  value: MsgUnpinCodes.encode(MsgUnpinCodes.fromPartial({ authority, codeIds: codeIds.map(BigInt) })).finish(),
});

const uniq = (xs: number[]) => [...new Set(xs)].sort((a, b) => a - b);
const coinsText = (cs: Coin[]) => cs.map((c) => `${c.amount}${c.denom}`).join(",");
const seconds = (d?: { seconds: bigint; nanos: number }) => (d ? Number(d.seconds) + d.nanos / 1e9 : 0);

/** The code ids the recorded contracts run (what pinning should cover). */
export function suiteCodeIds(ctx: DeployContext): number[] {
  return uniq(Object.values(ctx.record.contracts).map((c) => c.codeId));
}

/**
 * Pins `pin` and unpins `unpin` (code ids) by one governance proposal, following the network's mode. Codes already
 * pinned are dropped from `pin`, codes not pinned from `unpin`; nothing left = no proposal. Never throws in "print"
 * mode. Returns the code ids pinned on chain afterwards (of `pin`).
 */
export async function changePins(
  ctx: DeployContext,
  want: { pin: number[]; unpin?: number[]; why: string },
  hooks: { beforeVote?: (pin: number[]) => Promise<void>; afterPass?: (pin: number[]) => Promise<void> } = {},
): Promise<number[]> {
  if (pinMode(ctx.net) !== "print") return changePinsNow(ctx, want, hooks);
  try {
    return await changePinsNow(ctx, want, hooks);
  } catch (e) {
    // a public network's deploy never fails because it cannot pin
    ctx.log(`  pinning: could not prepare the proposal (${(e as Error).message}); the deployment itself is complete`);
    return [];
  }
}

async function changePinsNow(
  ctx: DeployContext,
  want: { pin: number[]; unpin?: number[]; why: string },
  hooks: { beforeVote?: (pin: number[]) => Promise<void>; afterPass?: (pin: number[]) => Promise<void> },
): Promise<number[]> {
  const mode = pinMode(ctx.net);
  const rec: PinningRecord = (ctx.record.pinning ??= { mode, pinned: [], proposals: [] });
  rec.mode = mode;
  if (mode === "off") {
    ctx.log(`  pinning off for ${ctx.net.name} (networks.json pinCodes = "off")`);
    return [];
  }
  let q: Awaited<ReturnType<typeof chainQueries>>;
  try {
    q = await chainQueries(ctx.net.rpc);
  } catch (e) {
    if (mode === "print") {
      ctx.log(`  pinning: cannot query ${ctx.net.rpc} for pinned codes (${(e as Error).message}); skipped`);
      return [];
    }
    throw e;
  }
  try {
    const before = new Set(await q.pinned());
    const pin = uniq(want.pin).filter((id) => !before.has(id));
    const unpin = uniq(want.unpin ?? []).filter((id) => before.has(id) && !want.pin.includes(id));
    const mine = (ids: Iterable<number>) => uniq([...ids].filter((id) => suiteCodeIds(ctx).includes(id)));
    if (!pin.length && !unpin.length) {
      ctx.log(`  pinning: nothing to do (pinned already: ${uniq(want.pin).filter((id) => before.has(id)).join(", ") || "none"})`);
      rec.pinned = mine(before);
      ctx.save();
      return uniq(want.pin).filter((id) => before.has(id));
    }
    const authority = govAddress(ctx.net.prefix);
    const messages = [...(pin.length ? [anyPin(authority, pin)] : []), ...(unpin.length ? [anyUnpin(authority, unpin)] : [])];
    const title = `Mesi: ${[pin.length ? `pin codes ${pin.join(", ")}` : "", unpin.length ? `unpin codes ${unpin.join(", ")}` : ""].filter(Boolean).join(", ")}`;
    const summary =
      `${want.why}. A pinned code stays compiled in every node's memory: a call loads it for 2,000 SDK gas instead of 60,000 ` +
      `(wasmd 0.61), and the nodes keep one module in memory per pinned code.`;
    const params = (await q.gov.Params({ paramsType: "" })).params;
    if (mode === "print") {
      const deposit = params?.minDeposit ?? [];
      const proposal = {
        messages: [
          ...(pin.length ? [{ "@type": "/cosmwasm.wasm.v1.MsgPinCodes", authority, code_ids: pin.map(String) }] : []),
          ...(unpin.length ? [{ "@type": "/cosmwasm.wasm.v1.MsgUnpinCodes", authority, code_ids: unpin.map(String) }] : []),
        ],
        metadata: "",
        deposit: coinsText(deposit),
        title,
        summary,
        expedited: false,
      };
      ctx.log(`  pinning on ${ctx.net.name} needs governance: this deploy does not vote. The proposal to submit`);
      ctx.log(`  (save as proposal.json, then: wasmd tx gov submit-proposal proposal.json --from <key> --chain-id ${ctx.net.chainId}):`);
      for (const line of JSON.stringify(proposal, null, 2).split("\n")) ctx.log(`    ${line}`);
      const same = rec.proposals.find((p) => p.status === "printed" && JSON.stringify(p.pin) === JSON.stringify(pin) && JSON.stringify(p.unpin) === JSON.stringify(unpin));
      if (!same) rec.proposals.push({ pin, unpin, status: "printed", proposal, at: new Date().toISOString() });
      rec.pinned = mine(before);
      ctx.save();
      return uniq(want.pin).filter((id) => before.has(id));
    }
    // "vote": the local devnet, whose validator keys are the DEVNET-ONLY ones in networks/devnet-accounts.json
    if (!ctx.net.local) throw new ConfigError(`networks.json ${ctx.net.name}.pinCodes = "vote" needs the devnet's validator keys (local: true)`);
    const voters = await bondedValidatorAccounts(ctx.net);
    if (!voters.length) throw new ConfigError(`no bonded validator of ${ctx.net.chainId} among the devnet accounts`);
    await hooks.beforeVote?.(pin);
    const deposit = (params?.expeditedMinDeposit ?? []).map((c) => ({ denom: c.denom, amount: c.amount }));
    const period = seconds(params?.expeditedVotingPeriod);
    ctx.log(`  pinning: expedited proposal "${title}" (deposit ${coinsText(deposit)}, voting ${period}s), ${voters.length} validator vote(s)`);
    const submit = await ctx.client.signAndBroadcast(
      ctx.sender,
      [
        {
          typeUrl: "/cosmos.gov.v1.MsgSubmitProposal",
          value: { messages, initialDeposit: deposit, proposer: ctx.sender, metadata: "", title, summary, expedited: true },
        },
      ],
      1.6,
      "mesi pin codes",
    );
    if (submit.code !== 0) throw new Error(`submit proposal failed (code ${submit.code}): ${submit.rawLog}`);
    const idAttr = submit.events.find((e) => e.type === "submit_proposal")?.attributes.find((a) => a.key === "proposal_id")?.value;
    if (!idAttr) throw new Error(`submit proposal ${submit.transactionHash}: no proposal_id in its events`);
    const id = Number(idAttr);
    ctx.log(`    proposal ${id}: gas ${submit.gasUsed}, tx ${submit.transactionHash}`);
    const p: GovProposalRecord = { id, pin, unpin, status: "pending", txHash: submit.transactionHash, gasUsed: Number(submit.gasUsed), at: new Date().toISOString() };
    rec.proposals.push(p);
    ctx.save();
    for (const v of voters) {
      const a = await actor(ctx.net, v.name);
      const r = await a.client.signAndBroadcast(
        a.address,
        [{ typeUrl: "/cosmos.gov.v1.MsgVote", value: { proposalId: BigInt(id), voter: a.address, option: VoteOption.VOTE_OPTION_YES, metadata: "" } }],
        1.6,
      );
      a.client.disconnect();
      if (r.code !== 0) throw new Error(`vote of ${v.name} on proposal ${id} failed: ${r.rawLog}`);
    }
    const t0 = Date.now();
    const limit = (period + 60) * 1000;
    for (;;) {
      const prop = (await q.gov.Proposal({ proposalId: BigInt(id) })).proposal;
      const st = prop?.status;
      if (st === ProposalStatus.PROPOSAL_STATUS_PASSED) break;
      if (st === ProposalStatus.PROPOSAL_STATUS_REJECTED || st === ProposalStatus.PROPOSAL_STATUS_FAILED) {
        throw new Error(`proposal ${id} ${proposalStatusToJSON(st)}${prop?.failedReason ? `: ${prop.failedReason}` : ""}`);
      }
      if (Date.now() - t0 > limit) throw new Error(`proposal ${id} still ${st === undefined ? "unknown" : proposalStatusToJSON(st)} after ${limit / 1000}s`);
      await new Promise((r) => setTimeout(r, 300));
    }
    const after = new Set(await q.pinned());
    const missing = pin.filter((c) => !after.has(c));
    const still = unpin.filter((c) => after.has(c));
    if (missing.length || still.length) throw new Error(`proposal ${id} passed but the chain reports pinned ${[...after].join(", ")} (wanted ${pin.join(", ")} pinned, ${unpin.join(", ")} unpinned)`);
    p.status = "passed";
    rec.pinned = mine(after);
    ctx.log(`    passed after ${((Date.now() - t0) / 1000).toFixed(1)}s of voting; the deployment's pinned codes now: ${rec.pinned.join(", ") || "none"}`);
    ctx.save();
    await hooks.afterPass?.(pin);
    return uniq(want.pin).filter((id) => after.has(id));
  } finally {
    q.disconnect();
  }
}

/**
 * The deploy's last step: pin every code the suite's contracts run. On the devnet it also measures what pinning
 * saves: a 1-base-unit self transfer of the DEVNET `liquidity` account's $MESI before the proposal and after it passes
 * (record.pinning.transferGas; `make demo` prints it).
 */
export async function pinSuite(ctx: DeployContext): Promise<void> {
  const codes = suiteCodeIds(ctx);
  if (!codes.length) return ctx.skip("pinning", "no contract deployed");
  const token = ctx.record.contracts.token;
  let unpinned = 0;
  const liquidity = ctx.net.local ? ctx.net.accounts["liquidity"] : undefined;
  const selfTransfer = async () => {
    const a = await actor(ctx.net, "liquidity");
    const r = await a.client.execute(a.address, token.address, { transfer: { recipient: a.address, amount: "1" } }, 1.6, "pin gas probe");
    a.client.disconnect();
    return Number(r.gasUsed);
  };
  const probe = token && liquidity && pinMode(ctx.net) === "vote";
  await changePins(
    ctx,
    { pin: codes, why: `Pin the codes the Mesi suite's contracts run (${Object.keys(ctx.record.contracts).join(", ")})` },
    probe
      ? {
          beforeVote: async (pin) => {
            if (!pin.includes(token.codeId)) return;
            await selfTransfer(); // warm-up: the account's first transaction also stores its public key
            unpinned = await selfTransfer();
          },
          afterPass: async (pin) => {
            if (!unpinned || !pin.includes(token.codeId)) return;
            const pinned = await selfTransfer();
            ctx.record.pinning!.transferGas = { unpinned, pinned, codeId: token.codeId, what: "token transfer (1 base unit, liquidity -> itself)" };
            ctx.log(`    token transfer gas: ${unpinned} unpinned -> ${pinned} pinned (${unpinned - pinned} less)`);
            ctx.save();
          },
        }
      : {},
  );
}
