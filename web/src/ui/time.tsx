// Live time on the page: a clock that ticks, a countdown to an end time, and the first end seen per item so an
// anti-sniping extension (a late bid moving the end) is visible. Shared by the slot auctions (Bid to meet) and the
// marketplace auctions.
import { useEffect, useRef, useState } from "react";
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
