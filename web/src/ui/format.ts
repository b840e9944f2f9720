// Amounts (base units, 6 decimals), addresses and times for people.

export const DECIMALS = 6;
const ONE = 10n ** BigInt(DECIMALS);

/** "1234567" base units -> "1.234567" -> shown as "1.23" with at most `max` decimals and thousands separators */
export function fmtAmount(base: string | bigint | number | null | undefined, max = 2): string {
  if (base === null || base === undefined || base === "") return "—";
  const v = BigInt(base);
  const neg = v < 0n;
  const a = neg ? -v : v;
  const whole = (a / ONE).toLocaleString("en-US");
  let frac = (a % ONE).toString().padStart(DECIMALS, "0").slice(0, max).replace(/0+$/, "");
  if (frac === "" && a % ONE !== 0n && max > 0 && a < ONE) frac = (a % ONE).toString().padStart(DECIMALS, "0").replace(/0+$/, "");
  return `${neg ? "-" : ""}${whole}${frac ? "." + frac : ""}`;
}

/** "12.5" -> "12500000" base units; throws a plain-words error for anything that is not a positive amount */
export function parseAmount(text: string, what = "amount"): string {
  const t = text.trim().replace(/,/g, "");
  if (!/^\d+(\.\d{0,6})?$/.test(t)) throw new Error(`Enter the ${what} as a number, e.g. 150 or 12.5 (at most 6 decimals).`);
  const [w, f = ""] = t.split(".");
  const v = BigInt(w) * ONE + BigInt(f.padEnd(DECIMALS, "0"));
  if (v === 0n) throw new Error(`The ${what} must be more than zero.`);
  return v.toString();
}

export const shortAddr = (a?: string | null) => (a ? `${a.slice(0, 10)}…${a.slice(-6)}` : "—");
export const shortHash = (h: string) => `${h.slice(0, 8)}…${h.slice(-6)}`;

/** seconds -> "6 d 23 h", "14 min 3 s" */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
  if (d > 0) return h ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return m ? `${h} h ${m} min` : `${h} h`;
  if (m > 0) return r ? `${m} min ${r} s` : `${m} min`;
  return `${r} s`;
}

export const dateTime = (unixSeconds: number) =>
  new Date(unixSeconds * 1000).toLocaleString("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" });

export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** the names of the tiers (SPEC §1 tier table; tier 0 is below its first row) */
export const TIER_NAMES = ["Newcomer", "Supporter", "Patron", "Champion", "Luminary", "Legend"];
export const tierName = (tier: number) => TIER_NAMES[tier] ?? `Tier ${tier}`;
