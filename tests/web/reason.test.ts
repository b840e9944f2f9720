// chainReason: the chain's refusal texts as the page shows them (no browser or chain needed). The inputs are
// the SDK's wrapping of the contracts' own error texts, as a broadcast or simulation returns them.
import assert from "node:assert/strict";
import { test } from "node:test";
import { chainReason } from "../../web/src/chain/tx";

const wrap = (contractText: string) =>
  new Error(`Query failed with (6): rpc error: code = Unknown desc = failed to execute message; message index: 0: ${contractText}: execute wasm contract failed [CosmWasm/wasmd@v0.61.14/x/wasm/keeper/keeper.go:440] With gas wanted: '0' and gas used: '91234' : unknown request`);

test("a plain transfer to the marketplace is explained with the way to list (issue 19 §3b)", () => {
  const r = chainReason(wrap("token art-1 cannot be moved to the marketplace with a plain transfer: list it with send_nft and an order message (list, auction or accept_offer)"));
  assert.match(r, /refuses a plain transfer to the marketplace/);
  assert.match(r, /Sell a gallery token/);
  assert.match(r, /Nothing changed/);
});

test("a burnt id explains why it stays burnt (issue 19 §1)", () => {
  const r = chainReason(wrap("token id art-1 was burnt and can never be minted again: choose another id"));
  assert.match(r, /^Token id art-1 was burnt and can never be minted again: choose another id\./);
  assert.match(r, /offers made on the burnt work can never be filled/);
});

test("amounts in base units read as MESI (existing rule kept)", () => {
  assert.equal(chainReason(wrap("Bid 5000000000 is above the tier limit 4000000000")), "Bid 5,000 is above the tier limit 4,000");
});
