// Devnet only (imported by the demo and the e2e harness): cosmjs polls for a transaction's inclusion every 3 s by
// default, which makes every devnet transaction (0.5 s blocks) take >= 3 s. Default the poll to 200 ms for every
// SigningCosmWasmClient created in this process unless the caller sets broadcastPollIntervalMs itself.
import { SigningCosmWasmClient } from "@cosmjs/cosmwasm-stargate";

const FLAG = Symbol.for("mesi.fastPoll");
const cls = SigningCosmWasmClient as unknown as Record<string | symbol, unknown>;
if (!cls[FLAG]) {
  cls[FLAG] = true;
  const original = SigningCosmWasmClient.connectWithSigner.bind(SigningCosmWasmClient);
  SigningCosmWasmClient.connectWithSigner = (endpoint, signer, options = {}) =>
    original(endpoint, signer, { broadcastPollIntervalMs: 200, ...options });
}
export {};
