// The influence rows of `make bench-chain` (issue 13), following tests/e2e/influence.test.ts: dave (MESI locked, so
// points > 0) backs alice's and bob's galleries. Per run: "allocate" (1 new gallery: the token's tier query + one
// gallery query), "allocate (2 new galleries)", "reallocate (raise 1, lower 1)", "lower (no cross-contract query)",
// "withdraw_all (2 galleries)". Raising a share reads two other contracts, so unpinned it pays their instance loads
// too; lowering and withdrawing read none. No anchor: nothing standard does this.
import type { Bench, Group, Sample } from "./chain";

const HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
const MESI = 1_000_000n;

export function influenceGroup(b: Bench): Group | undefined {
  const c = b.record.contracts;
  if (!c.influence || !c.gallery || !c.token) return undefined;
  const inf = c.influence.address as string, gallery = c.gallery.address as string, token = c.token.address as string;
  const { alice, bob, dave, liquidity } = b.who;
  const ext = { media_kind: "photo", content_hash: HASH, tags: ["influence"], year: 2026, ad_revenue: "ownership", pay_per_view: false, rights_confirmed: true };
  const share = (who: typeof alice, bps: number) => ({ creator: who.address, share_bps: bps });
  return {
    name: "influence",
    async setup() {
      await b.exec(alice, gallery, { mint: { token_id: "influence-bench-alice", owner: alice.address, extension: ext } });
      await b.exec(bob, gallery, { mint: { token_id: "influence-bench-bob", owner: bob.address, extension: ext } });
      await b.exec(liquidity, token, { transfer: { recipient: dave.address, amount: (1_000n * MESI).toString() } });
      await b.exec(dave, token, { lock: { amount: (100n * MESI).toString() } });
    },
    async run() {
      const row = (operation: string, gas: number): Sample => ({ contract: "mesi_influence", operation, gas });
      const one = await b.exec(dave, inf, { allocate: { shares: [share(alice, 4000)] } });
      await b.exec(dave, inf, { withdraw_all: {} });
      const two = await b.exec(dave, inf, { allocate: { shares: [share(alice, 4000), share(bob, 6000)] } });
      const re = await b.exec(dave, inf, { allocate: { shares: [share(alice, 7000), share(bob, 3000)] } });
      const lower = await b.exec(dave, inf, { allocate: { shares: [share(alice, 4000)] } });
      const all = await b.exec(dave, inf, { withdraw_all: {} });
      return [
        row("allocate (1 new gallery)", one),
        row("allocate (2 new galleries)", two),
        row("reallocate (raise 1, lower 1)", re),
        row("lower (no cross-contract query)", lower),
        row("withdraw_all (2 galleries)", all),
      ];
    },
  };
}
