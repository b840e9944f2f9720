// Devnet only (imported by the demo and the e2e harness), two defaults for every SigningCosmWasmClient created in this
// process (a caller's own options win):
// - cosmjs polls for a transaction's inclusion every 3 s by default, which makes every devnet transaction (0.5 s
//   blocks) take >= 3 s: poll every 200 ms instead;
// - fee "auto" = simulate x 1.4, but cosmjs simulates with an empty fee, so the ante handler's fee transfer (about
//   19,700 SDK gas here) is not in the estimate. On a pinned contract (issue 15) a cheap call simulates at ~45,000:
//   1.4x of it is short and the transaction runs out of gas. AUTO_GAS_MULTIPLIER (1.6) covers it.
import { SigningCosmWasmClient } from "@cosmjs/cosmwasm-stargate";

/** the multiplier of fee "auto" on the devnet (cosmjs' default is 1.4) */
export const AUTO_GAS_MULTIPLIER = 1.6;

const FLAG = Symbol.for("mesi.fastPoll");
const cls = SigningCosmWasmClient as unknown as Record<string | symbol, unknown>;
if (!cls[FLAG]) {
  cls[FLAG] = true;
  const original = SigningCosmWasmClient.connectWithSigner.bind(SigningCosmWasmClient);
  SigningCosmWasmClient.connectWithSigner = async (endpoint, signer, options = {}) => {
    const client = await original(endpoint, signer, { broadcastPollIntervalMs: 200, ...options });
    (client as unknown as { defaultGasMultiplier: number }).defaultGasMultiplier = AUTO_GAS_MULTIPLIER;
    return client;
  };
}
export {};
