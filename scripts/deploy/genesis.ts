// SPEC §1: the genesis split of 100,000,000,000 MESI (6 decimals).
export const MESI = 1_000_000n;
export const GENESIS_SUPPLY = 100_000_000_000n * MESI;

/** per-mille of the genesis supply (9.5% = 95) */
export const SPLIT = {
  microPreSeed: 10n,
  seedA: 100n,
  seedB: 140n,
  treasury: 200n,
  communityIncentives: 95n,
  liquidity: 15n,
  airdrop: 100n,
  coreTeam: 250n,
  strategic: 50n,
  advisors: 40n,
} as const;

export interface GenesisRow {
  group: string;
  amount: bigint;
  /** who receives it at genesis */
  to: "treasury" | "community" | "liquidity";
}

/** Every row of the table with its receiver at genesis; sums to GENESIS_SUPPLY. */
export function genesisRows(total = GENESIS_SUPPLY): GenesisRow[] {
  const part = (pm: bigint) => (total * pm) / 1000n;
  const community = part(SPLIT.communityIncentives);
  const communityAtGenesis = (community * 5n) / 100n; // 5% of community incentives unlocked at genesis
  const rows: GenesisRow[] = [
    { group: "treasury reserve", amount: part(SPLIT.treasury), to: "treasury" },
    { group: "vesting: micro pre-seed", amount: part(SPLIT.microPreSeed), to: "treasury" },
    { group: "vesting: seed A", amount: part(SPLIT.seedA), to: "treasury" },
    { group: "vesting: seed B", amount: part(SPLIT.seedB), to: "treasury" },
    { group: "vesting: airdrop", amount: part(SPLIT.airdrop), to: "treasury" },
    { group: "vesting: core team", amount: part(SPLIT.coreTeam), to: "treasury" },
    { group: "vesting: strategic partnerships", amount: part(SPLIT.strategic), to: "treasury" },
    { group: "vesting: advisors", amount: part(SPLIT.advisors), to: "treasury" },
    { group: "vesting: community incentives (95%, 48 months)", amount: community - communityAtGenesis, to: "treasury" },
    { group: "community incentives at genesis (5%)", amount: communityAtGenesis, to: "community" },
    { group: "liquidity", amount: part(SPLIT.liquidity), to: "liquidity" },
  ];
  const sum = rows.reduce((s, r) => s + r.amount, 0n);
  if (sum !== total) throw new Error(`genesis split sums to ${sum}, expected ${total}`);
  return rows;
}

/** The token's `allocations`: one row per receiving address (the token refuses an address twice). */
export function tokenAllocations(addr: { treasury: string; community: string; liquidity: string }, treasuryLabel = "treasury") {
  const rows = genesisRows();
  const sum = (to: GenesisRow["to"]) => rows.filter((r) => r.to === to).reduce((s, r) => s + r.amount, 0n);
  return [
    { label: `${treasuryLabel} (reserve + vesting groups + 95% of community incentives)`, address: addr.treasury, amount: sum("treasury").toString() },
    { label: "community incentives (5% at genesis)", address: addr.community, amount: sum("community").toString() },
    { label: "liquidity", address: addr.liquidity, amount: sum("liquidity").toString() },
  ];
}

export const fmtMesi = (base: bigint | string) => {
  const v = BigInt(base);
  const whole = v / MESI;
  const frac = (v % MESI).toString().padStart(6, "0").replace(/0+$/, "");
  return `${whole.toLocaleString("en-US")}${frac ? "." + frac : ""} MESI`;
};
