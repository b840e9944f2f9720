// Transactions with visible progress: a SigningCosmWasmClient whose signAndBroadcast reports each stage
// (checking with the chain, signing in the wallet, broadcasting with the tx hash, included at height N with gas),
// and the chain's reason for a refused transaction in plain words.
import { SigningCosmWasmClient, type SigningCosmWasmClientOptions } from "@cosmjs/cosmwasm-stargate";
import { sha256 } from "@cosmjs/crypto";
import { toHex } from "@cosmjs/encoding";
import type { EncodeObject, OfflineSigner } from "@cosmjs/proto-signing";
import { calculateFee, type DeliverTxResponse, type GasPrice, type StdFee } from "@cosmjs/stargate";
import { connectComet } from "@cosmjs/tendermint-rpc";
import { TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";

export type TxStage =
  | { stage: "checking" }
  | { stage: "signing"; gasWanted: number }
  | { stage: "broadcasting"; hash: string }
  | { stage: "included"; hash: string; height: number; gasUsed: number; gasWanted: number }
  | { stage: "refused"; reason: string; hash?: string; height?: number; gasUsed?: number };

/**
 * Gas limit = simulated gas x GAS_MULTIPLIER + GAS_HEADROOM. cosmjs simulates with an empty fee, so the fee
 * deduction (~20,000 SDK gas) is missing from the estimate: a cheap call (enable: simulated 46k, delivered 65k)
 * would run out of gas with a multiplier alone (the deploy scripts saw the same, issue 15).
 */
export const GAS_MULTIPLIER = 1.4;
export const GAS_HEADROOM = 30_000;

export class TrackedClient extends SigningCosmWasmClient {
  /** set by the view that starts a transaction; every stage of it is reported here */
  onStage: (s: TxStage) => void = () => {};
  private gp: GasPrice;

  private constructor(comet: Awaited<ReturnType<typeof connectComet>>, signer: OfflineSigner, options: SigningCosmWasmClientOptions & { gasPrice: GasPrice }) {
    super(comet, signer, options);
    this.gp = options.gasPrice;
  }

  static async connectTracked(rpc: string, signer: OfflineSigner, gasPrice: GasPrice, local: boolean): Promise<TrackedClient> {
    const comet = await connectComet(rpc);
    return new TrackedClient(comet, signer, { gasPrice, broadcastPollIntervalMs: local ? 250 : 2000, broadcastTimeoutMs: 60_000 });
  }

  override async signAndBroadcast(
    signerAddress: string,
    messages: readonly EncodeObject[],
    fee: StdFee | "auto" | number,
    memo = "",
    timeoutHeight?: bigint,
  ): Promise<DeliverTxResponse> {
    let used: StdFee;
    if (fee === "auto" || typeof fee === "number") {
      // a transaction the contract refuses fails here, before anything is signed: nothing changes, no fee is paid
      this.onStage({ stage: "checking" });
      const gas = await this.simulate(signerAddress, messages, memo);
      used = calculateFee(Math.ceil(gas * (typeof fee === "number" ? fee : GAS_MULTIPLIER)) + GAS_HEADROOM, this.gp);
    } else {
      used = fee;
    }
    this.onStage({ stage: "signing", gasWanted: Number(used.gas) });
    const raw = await this.sign(signerAddress, messages, used, memo, undefined, timeoutHeight);
    const bytes = TxRaw.encode(raw).finish();
    const hash = toHex(sha256(bytes)).toUpperCase();
    this.onStage({ stage: "broadcasting", hash });
    const res = await this.broadcastTx(bytes, this.broadcastTimeoutMs, this.broadcastPollIntervalMs);
    if (res.code === 0) {
      this.onStage({ stage: "included", hash, height: res.height, gasUsed: Number(res.gasUsed), gasWanted: Number(res.gasWanted) });
    }
    return res;
  }
}

/**
 * The chain's reason for refusing a transaction, in plain words: the contract's own error text without the
 * SDK's wrapping ("failed to execute message; message index: 0: ... execute wasm contract failed [...]").
 */
export function chainReason(e: unknown): string {
  const text = String((e as Error)?.message ?? e);
  if (/Request rejected|rejected by the user|User denied/i.test(text)) return "You declined to sign in your wallet. Nothing was sent.";
  const gas = /out of gas[\s\S]*?gasWanted: (\d+), gasUsed: (\d+)/.exec(text);
  if (gas) return `The transaction ran out of gas: it needed more than its limit of ${Number(gas[1]).toLocaleString("en-US")}. Nothing changed; try again.`;
  const wasm = /message index: \d+: ([\s\S]+?): execute wasm contract failed/.exec(text);
  let reason = wasm?.[1];
  if (!reason) {
    const other = /message index: \d+: ([\s\S]+?)(?: \[|: invalid request|$)/.exec(text) ?? /desc = ([\s\S]+?)(?: \[|$)/.exec(text) ?? /Log: ([\s\S]+?)(?: \[|$)/.exec(text);
    reason = other?.[1] ?? text;
  }
  reason = reason.replace(/^(Generic error|Error parsing into type [^:]+): /, "").replace(/\s+With gas wanted:[\s\S]*$/, "").trim();
  // the gallery's custody rule (SPEC §3): a token enters the marketplace only with an order (issue 19 §3b)
  if (/cannot be moved to the marketplace with a plain transfer/.test(reason))
    return "The gallery refuses a plain transfer to the marketplace: the token would sit there with no listing. To sell it, use “Sell a gallery token” in the Marketplace view (it sends the token with its listing in one step). Nothing changed.";
  if (/was burnt and can never be minted again/.test(reason))
    return `${reason.charAt(0).toUpperCase()}${reason.slice(1)}. An id names one work for good, so offers made on the burnt work can never be filled by a new one.`;
  if (/insufficient funds/i.test(reason)) return `Not enough funds: ${reason.replace(/^.*insufficient funds:?\s*/i, "")}`.trim();
  if (/account .* not found/i.test(reason)) return "This account has no funds on the chain yet (it has never received tokens), so it cannot pay the fee.";
  if (/Failed to fetch|NetworkError|ECONNREFUSED/i.test(reason)) return "The chain cannot be reached right now. Check your connection and try again.";
  // the suite's amounts are base units with 6 decimals (MESI, uusdc): "Bid 5000000000 is above the tier limit
  // 4000000000" reads "Bid 5,000 is above the tier limit 4,000". Texts about times or heights keep their numbers.
  if (!/time|height|second|deadline|until|epoch|\bid\b|#/i.test(reason)) {
    reason = reason.replace(/\b\d{7,}\b/g, (n) => baseUnits(n));
  }
  // a block time in the contract's words ("open until 1796055188") reads as a date and time
  reason = reason.replace(/\b(until|after|before|at|since) (1\d{9})\b/g, (_, w: string, t: string) =>
    `${w} ${new Date(Number(t) * 1000).toLocaleString("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit" })}`,
  );
  return reason.charAt(0).toUpperCase() + reason.slice(1);
}

function baseUnits(n: string): string {
  const v = BigInt(n);
  const whole = (v / 1_000_000n).toLocaleString("en-US");
  const frac = (v % 1_000_000n).toString().padStart(6, "0").replace(/0+$/, "");
  return frac ? `${whole}.${frac}` : whole;
}
