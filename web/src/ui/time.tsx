// Live time on the page: a clock that ticks, the chain's clock (the latest block's time, which decides every "not
// before" / "not after" rule), a countdown to an end time, and the first end seen per item so an anti-sniping
// extension (a late bid moving the end) is visible. Shared by Account, Bid to meet and Marketplace.
import type { CosmWasmClient } from "@cosmjs/cosmwasm-stargate";
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { useSession } from "../chain/session";
import { duration, nowSeconds } from "./format";

/** the current unix time in seconds, re-rendering every `periodMs` */
export function useNow(periodMs = 1000) {
  const [now, setNow] = useState(nowSeconds());
  useEffect(() => {
    const id = setInterval(() => setNow(nowSeconds()), periodMs);
    return () => clearInterval(id);
  }, [periodMs]);
  return now;
}

/** how often the chain's clock asks for the latest block while some component needs it (ms) */
export const CHAIN_CLOCK_PERIOD_MS = 1500;

/** one poll of the latest block per query client, shared by every component that asks for the chain's time */
interface ChainClock {
  /** the latest block time seen (unix seconds); never ahead of the chain, since block times only grow */
  t?: number;
  listeners: Set<() => void>;
  /** components that need a fresh time now: the poll runs while this is above zero */
  active: number;
  timer?: ReturnType<typeof setInterval>;
}
const clocks = new WeakMap<CosmWasmClient, ChainClock>();

function clockOf(chain: CosmWasmClient): ChainClock {
  let c = clocks.get(chain);
  if (!c) clocks.set(chain, (c = { listeners: new Set(), active: 0 }));
  return c;
}

function pollChain(chain: CosmWasmClient, c: ChainClock) {
  chain.getBlock().then(
    (b) => {
      const t = Math.floor(new Date(b.header.time).getTime() / 1000);
      if (c.t === undefined || t > c.t) {
        c.t = t;
        for (const l of c.listeners) l();
      }
    },
    // an unreachable node leaves the last known time: decisions stay on the safe side (the chain's past)
    () => {},
  );
}

/**
 * The chain's time: the latest block's time in unix seconds, `undefined` until the first answer. Contracts decide
 * "after the deadline", "after the end", "after the compliance window", "after the unlock delay" by block time, which
 * trails the wall clock by a block or more (much more on an idle devnet), so a button that depends on such a rule
 * appears when the chain agrees, not when the page's clock does. While `active`, the latest block is polled every
 * CHAIN_CLOCK_PERIOD_MS; every component of the page shares one poll. When not active, the last time seen is
 * returned (possibly stale, never ahead of the chain).
 */
export function useChainNow(active = true): number | undefined {
  const { chain } = useSession();
  const c = clockOf(chain);
  useEffect(() => {
    if (!active) return;
    c.active += 1;
    if (!c.timer) {
      pollChain(chain, c);
      c.timer = setInterval(() => pollChain(chain, c), CHAIN_CLOCK_PERIOD_MS);
    }
    return () => {
      c.active -= 1;
      if (c.active === 0 && c.timer) {
        clearInterval(c.timer);
        c.timer = undefined;
      }
    };
  }, [active, chain, c]);
  return useSyncExternalStore(
    (on) => {
      c.listeners.add(on);
      return () => c.listeners.delete(on);
    },
    () => c.t,
  );
}

/** time left until `end` (unix seconds), "ended" after it; with the first end seen, an extension shows beside it */
export function Countdown({ end, firstSeenEnd, testid = "slot" }: { end: number; firstSeenEnd?: number; testid?: string }) {
  const now = useNow();
  const left = end - now;
  return (
    <span>
      <span className="countdown" data-testid={`${testid}-countdown`}>{left > 0 ? duration(left) : "ended"}</span>
      {firstSeenEnd !== undefined && end > firstSeenEnd && (
        <span className="extended" data-testid={`${testid}-extended`}> · extended by {duration(end - firstSeenEnd)} after a late bid</span>
      )}
    </span>
  );
}

/** remembers the first end time seen per item id, so an anti-sniping extension is visible */
export function useFirstSeen<T>(items: T[], id: (t: T) => number, end: (t: T) => number) {
  const seen = useRef(new Map<number, number>());
  for (const s of items) if (!seen.current.has(id(s))) seen.current.set(id(s), end(s));
  return seen.current;
}
