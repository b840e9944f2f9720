// Marketplace (issue 11 + issue 14, SPEC §3 "Selling"; contracts/marketplace/README.md). Browse buy-now listings
// (cheapest first, paginated) and auctions (soonest end first, live countdown, anti-sniping extension shown); a
// seller lists a gallery token by `send_nft` with the typed `ReceiveNft` message (the marketplace holds it in
// escrow) after seeing their creator tier's limits; a buyer buys at the price they saw (`max_price`: a price changed
// since is refused), bids at least the minimum next bid, makes a private offer; fills wait out the compliance
// window, then anyone finalizes; what the marketplace owes is claimable per asset and withdrawn.
import { toBinary } from "@cosmjs/cosmwasm-stargate";
import { useMemo, useState, type ReactNode } from "react";
import type { GalleryNftExtension } from "../../../clients/src/MesiGallery.types";
// NftMsg / TokenMsg: the `msg` of the gallery's `send_nft` (the sender is the seller) and of the token's `send` (the
// amount sent is the payment in MESI base units), generated from the contract's hook schemas
import type { Asset, AuctionResponse, ConfigResponse, ListingResponse, NftMsg, OfferResponse, SettlementResponse, TierLimit, TokenMsg } from "../../../clients/src/MesiMarketplace.types";
import { useLive, useSession } from "../chain/session";
import { Card, Empty, NeedWallet, Stat, ViewHead } from "../ui/bits";
import { dateTime, duration, fmtAmount, parseAmount, shortAddr } from "../ui/format";
import { KIND_BG, KindIcon } from "../ui/icons";
import { Countdown, useChainNow, useFirstSeen, useNow } from "../ui/time";
import { TxProgress, useTx, type TxRunner } from "../ui/Tx";

const PAGE = 6;

/** "MESI" or the stablecoin's name ("USDC" for uusdc) */
function useAssetName() {
  const { net } = useSession();
  const stable = net.stableDenom.replace(/^u/, "").toUpperCase();
  return (a: Asset) => (a === "mesi" ? "MESI" : stable);
}

/**
 * Pays the marketplace `amount` of `asset` with the typed hook message: $MESI through the token's `Send` (the
 * amount sent is the payment), the stablecoin attached as exact funds to the native execute.
 */
function usePay() {
  const { exec, net } = useSession();
  return (asset: Asset, amount: string, mesiMsg: TokenMsg, native: (funds: { denom: string; amount: string }[]) => Promise<unknown>) =>
    asset === "mesi"
      ? exec!.token.send({ contract: net.contracts.marketplace!, amount, msg: toBinary(mesiMsg) })
      : native([{ denom: net.stableDenom, amount }]);
}

/** gallery info of tokens, by id (the marketplace holds them in escrow; the gallery still describes them) */
async function galleryInfo(q: ReturnType<typeof useSession>["q"], ids: string[]): Promise<Record<string, GalleryNftExtension | undefined>> {
  const out: Record<string, GalleryNftExtension | undefined> = {};
  await Promise.all(
    [...new Set(ids)].map(async (id) => {
      out[id] = await q.gallery.nftInfo({ tokenId: id }).then((r) => r.extension, () => undefined);
    }),
  );
  return out;
}

export function MarketplaceView() {
  const { net, q, address } = useSession();
  const cfg = useLive(async () => (net.contracts.marketplace ? q.market.config() : undefined), []);
  const c = cfg.data;
  return (
    <>
      <ViewHead
        title="Marketplace"
        sub="Buy-now listings, auctions with anti-sniping and private offers for gallery NFTs. A listed token waits in the marketplace's escrow, so a listing can never outlive a transfer; every sale waits out a compliance window before it completes."
      />
      {!net.contracts.marketplace ? (
        <Card testid="marketplace-missing"><p className="muted">The marketplace contract is not deployed on this network yet.</p></Card>
      ) : !c ? (
        <Card>{cfg.error ? <p className="error">{cfg.error}</p> : <p className="muted">Loading…</p>}</Card>
      ) : (
        <>
          <div className="grid stats">
            <Stat label="Commission" value={`${c.commission_bps / 100}%`} hint="frozen into each order when it is created" />
            <Stat label="Compliance window" value={duration(c.compliance_window)} hint="a sale completes after it; the arbiter may refund inside it" />
            <Stat label="Anti-sniping" value={duration(c.anti_snipe_extension)} hint={`a bid in the last ${duration(c.anti_snipe_window)} moves the end to this long after it`} />
          </div>
          <Listings cfg={c} />
          <Auctions cfg={c} />
          {address ? (
            <>
              <Settlements cfg={c} />
              <Claimable />
              <div className="grid two">
                <SellCard cfg={c} />
                <OfferCard />
              </div>
              <MyOffers />
            </>
          ) : (
            <Card><NeedWallet what="sell your gallery tokens, buy, bid, make offers and withdraw what you are owed" /></Card>
          )}
        </>
      )}
    </>
  );
}

/* ------------------------------------------------------------------ browse ------------------------------------- */

function TokenArt({ info, badge }: { info?: GalleryNftExtension; badge?: ReactNode }) {
  return (
    <div className="tile-art" style={{ background: info ? KIND_BG[info.media_kind] : "#9d98b8", height: 96 }}>
      <div className="badges">{badge}</div>
      {info && <KindIcon kind={info.media_kind} size={36} />}
    </div>
  );
}

function TokenLine({ info }: { info?: GalleryNftExtension }) {
  if (!info) return null;
  return (
    <>
      <div className="muted small">
        {info.media_kind} · {info.year} · by <span className="mono" title={info.creator}>{shortAddr(info.creator)}</span>
      </div>
      {info.tags.length > 0 && <div>{info.tags.map((t) => <span className="tag" key={t}>#{t}</span>)}</div>}
    </>
  );
}

function Listings({ cfg }: { cfg: ConfigResponse }) {
  const { q } = useSession();
  // one progress for the card: a bought or cancelled listing leaves the list, its outcome stays visible here
  const tx = useTx();
  const name = useAssetName();
  const [asset, setAsset] = useState<Asset>("mesi");
  const [cursors, setCursors] = useState<[string, number][]>([]);
  const startAfter = cursors[cursors.length - 1];
  const page = useLive(async () => {
    const { listings } = await q.market.listingsByPrice({ asset, limit: PAGE, startAfter: startAfter as unknown as string[][] });
    return { listings, info: await galleryInfo(q, listings.map((l) => l.token_id)) };
  }, [asset, startAfter]);
  const items = page.data?.listings ?? [];
  const pick = (a: Asset) => {
    setAsset(a);
    setCursors([]);
  };
  return (
    <Card
      title="Buy now"
      testid="listings"
      actions={
        <div className="seg">
          {(["mesi", "native"] as const).map((a) => (
            <button key={a} className={asset === a ? "on" : ""} onClick={() => pick(a)} data-testid={`listings-${a}`}>{name(a)}</button>
          ))}
        </div>
      }
    >
      <p className="muted small">Cheapest first. You pay exactly the price you see: if the seller changes it meanwhile, the chain refuses the purchase and nothing moves.</p>
      {page.error && <p className="error">{page.error}</p>}
      {!page.data && !page.error ? (
        <p className="muted">Loading…</p>
      ) : items.length === 0 ? (
        <Empty>{cursors.length > 0 ? "No more listings." : `Nothing is listed in ${name(asset)} right now.`}</Empty>
      ) : (
        <div className="tiles">
          {items.map((l) => <ListingTile key={l.listing_id} l={l} info={page.data?.info[l.token_id]} cfg={cfg} tx={tx} />)}
        </div>
      )}
      {(cursors.length > 0 || items.length === PAGE) && (
        <div className="pager">
          <button className="ghost small" disabled={cursors.length === 0} onClick={() => setCursors((c) => c.slice(0, -1))} data-testid="listings-prev">← Cheaper</button>
          <span className="muted small">page {cursors.length + 1}</span>
          <button className="ghost small" disabled={items.length < PAGE} onClick={() => setCursors((c) => [...c, [items[items.length - 1].price, items[items.length - 1].listing_id]])} data-testid="listings-next">Pricier →</button>
        </div>
      )}
      <TxProgress tx={tx} />
    </Card>
  );
}

function ListingTile({ l, info, cfg, tx }: { l: ListingResponse; info?: GalleryNftExtension; cfg: ConfigResponse; tx: TxRunner }) {
  const { address, exec } = useSession();
  const name = useAssetName();
  const pay = usePay();
  const now = useNow(5000);
  const mine = address === l.seller;
  const reservedElse = !!l.reserved_for && l.reserved_for !== address;
  // the price on screen is the buyer's max_price: a later change by the seller is refused by the chain
  const buy = () =>
    tx.run(`Buy ${l.token_id} for ${fmtAmount(l.price)} ${name(l.asset)}`, () =>
      pay(l.asset, l.price, { buy: { listing_id: l.listing_id, max_price: l.price } }, (funds) =>
        exec!.market.buy({ listingId: l.listing_id, maxPrice: l.price }, "auto", undefined, funds),
      ),
    );
  return (
    <div className="tile" data-testid="listing" data-listing-id={l.listing_id} data-token-id={l.token_id}>
      <TokenArt info={info} badge={<>{l.reserved_for && <span className="pill">private</span>}{mine && <span className="pill">yours</span>}</>} />
      <div className="tile-body">
        <div className="tile-title">{l.token_id}</div>
        <TokenLine info={info} />
        <div className="row">
          <span className="price"><b data-testid="listing-price">{fmtAmount(l.price)}</b> {name(l.asset)}</span>
          <div className="grow" />
          {!mine && address && (
            <button className="primary small" disabled={tx.busy || reservedElse || l.expired} onClick={buy} data-testid="buy">Buy</button>
          )}
          {mine && (
            <button className="ghost small" disabled={tx.busy} onClick={() => tx.run(`Cancel the listing of ${l.token_id}`, () => exec!.market.cancelListing({ listingId: l.listing_id }))} data-testid="cancel-listing">Cancel</button>
          )}
        </div>
        <div className="muted small">
          seller <span className="mono" title={l.seller}>{shortAddr(l.seller)}</span>
          {l.expires ? <> · {l.expires > now ? <>ends in {duration(l.expires - now)}</> : "expired"}</> : null}
          {l.reserved_for && <> · reserved for {l.reserved_for === address ? "you" : shortAddr(l.reserved_for)}</>}
        </div>
        {!mine && <div className="muted small">yours after a {duration(cfg.compliance_window)} compliance window in escrow · the seller pays {l.commission_bps / 100}% commission</div>}
      </div>
    </div>
  );
}

function Auctions({ cfg }: { cfg: ConfigResponse }) {
  const { q } = useSession();
  // one progress for the card: a settled or cancelled auction leaves the list, its outcome stays visible here
  const tx = useTx();
  const [cursors, setCursors] = useState<[number, number][]>([]);
  const startAfter = cursors[cursors.length - 1];
  const page = useLive(async () => {
    const { auctions } = await q.market.auctionsByEnd({ limit: PAGE, startAfter: startAfter as unknown as number[][] });
    return { auctions, info: await galleryInfo(q, auctions.map((a) => a.token_id)) };
  }, [startAfter]);
  const items = page.data?.auctions ?? [];
  const first = useFirstSeen(items, (a) => a.auction_id, (a) => a.end);
  return (
    <Card title="Auctions" testid="auctions">
      <p className="muted small">
        Soonest end first. A bid in the last {duration(cfg.anti_snipe_window)} moves the end to {duration(cfg.anti_snipe_extension)} after it, so nobody wins by sniping. An outbid bid becomes claimable below.
      </p>
      {page.error && <p className="error">{page.error}</p>}
      {!page.data && !page.error ? (
        <p className="muted">Loading…</p>
      ) : items.length === 0 ? (
        <Empty>{cursors.length > 0 ? "No more auctions." : "No auction is running right now."}</Empty>
      ) : (
        <div className="bids">{items.map((a) => <AuctionRow key={a.auction_id} a={a} info={page.data?.info[a.token_id]} firstSeenEnd={first.get(a.auction_id)} tx={tx} />)}</div>
      )}
      {(cursors.length > 0 || items.length === PAGE) && (
        <div className="pager">
          <button className="ghost small" disabled={cursors.length === 0} onClick={() => setCursors((c) => c.slice(0, -1))}>← Sooner</button>
          <span className="muted small">page {cursors.length + 1}</span>
          <button className="ghost small" disabled={items.length < PAGE} onClick={() => setCursors((c) => [...c, [items[items.length - 1].end, items[items.length - 1].auction_id]])}>Later →</button>
        </div>
      )}
      <TxProgress tx={tx} />
    </Card>
  );
}

function AuctionRow({ a, info, firstSeenEnd, tx }: { a: AuctionResponse; info?: GalleryNftExtension; firstSeenEnd?: number; tx: TxRunner }) {
  const { address, exec } = useSession();
  const name = useAssetName();
  const pay = usePay();
  const now = useNow();
  const [amount, setAmount] = useState("");
  const mine = address === a.seller;
  const chainNow = useChainNow(!a.ended && now >= a.end);
  const ended = a.ended || (chainNow !== undefined && chainNow >= a.end);
  const bid = async () => {
    let base: string;
    try {
      base = parseAmount(amount || fmtAmount(a.min_next_bid, 6).replace(/,/g, ""), "bid");
    } catch (e) {
      return tx.refuse("Bid", (e as Error).message);
    }
    const ok = await tx.run(`Bid ${fmtAmount(base)} ${name(a.asset)} on ${a.token_id}`, () =>
      pay(a.asset, base, { bid: { auction_id: a.auction_id } }, (funds) => exec!.market.bid({ auctionId: a.auction_id }, "auto", undefined, funds)),
    );
    if (ok) setAmount("");
  };
  return (
    <div className="bid" data-testid="auction" data-auction-id={a.auction_id} data-token-id={a.token_id}>
      <div className="mini-art" style={{ background: info ? KIND_BG[info.media_kind] : "#9d98b8" }}>{info && <KindIcon kind={info.media_kind} size={26} />}</div>
      <div className="amt">
        {a.highest_bidder ? fmtAmount(a.highest_bid) : "—"} <span className="muted small">{name(a.asset)}</span>
        <div className="muted small" style={{ fontWeight: 500 }}>{a.highest_bidder ? <>highest bid{a.highest_bidder === address && <> · <span className="ok">yours</span></>}</> : <>reserve {fmtAmount(a.reserve)}</>}</div>
      </div>
      <div className="grow">
        <div><b>{a.token_id}</b> <span className="muted small">· seller <span className="mono" title={a.seller}>{shortAddr(a.seller)}</span>{info && <> · {info.media_kind} · {info.year}</>}</span></div>
        <Countdown end={a.end} firstSeenEnd={firstSeenEnd} testid="auction" />
        {!ended && <div className="muted small">min next bid <b data-testid="min-next-bid">{fmtAmount(a.min_next_bid)}</b> {name(a.asset)} (+{a.min_increment_bps / 100}% over the highest)</div>}
      </div>
      {!ended && !mine && address && (
        <>
          <input className="amount" style={{ width: 130 }} placeholder={`≥ ${fmtAmount(a.min_next_bid)}`} value={amount} onChange={(e) => setAmount(e.target.value)} data-testid="auction-bid-amount" />
          <button className="primary small" disabled={tx.busy} onClick={bid} data-testid="auction-bid">Bid</button>
        </>
      )}
      {!ended && mine && !a.highest_bidder && (
        <button className="ghost small" disabled={tx.busy} onClick={() => tx.run(`Cancel the auction of ${a.token_id}`, () => exec!.market.cancelAuction({ auctionId: a.auction_id }))} data-testid="cancel-auction">Cancel</button>
      )}
      {ended && address && (
        <button className="primary small" disabled={tx.busy} onClick={() => tx.run(`Settle the auction of ${a.token_id}`, () => exec!.market.settleAuction({ auctionId: a.auction_id }))} data-testid="settle-auction">
          {a.highest_bidder ? "Settle" : "Return to seller"}
        </button>
      )}
    </div>
  );
}

/* ------------------------------------------------------------------ settlements / claimable -------------------- */

function Settlements({ cfg }: { cfg: ConfigResponse }) {
  const { q, address } = useSession();
  // one progress for the card: a finalized or refunded settlement leaves the list, its outcome stays here
  const tx = useTx();
  const data = useLive(async () => {
    const [b, s] = await Promise.all([
      q.market.settlementsByBuyer({ buyer: address!, limit: 20 }),
      q.market.settlementsBySeller({ seller: address!, limit: 20 }),
    ]);
    const all = new Map<number, SettlementResponse>();
    for (const x of [...b.settlements, ...s.settlements]) all.set(x.settlement_id, x);
    return [...all.values()].sort((x, y) => x.release_at - y.release_at);
  }, [address]);
  const list = data.data ?? [];
  return (
    <Card title="Your sales and purchases in settlement" testid="settlements">
      <p className="muted small">
        A sale holds the token and the price in escrow for the {duration(cfg.compliance_window)} compliance window; the arbiter may refund inside it. After it anyone may finalize: the token goes to the buyer, the commission to the treasury, the rest becomes claimable by the seller.
      </p>
      {data.error && <p className="error">{data.error}</p>}
      {list.length === 0 ? <Empty>No sale of yours is waiting for its compliance window.</Empty> : <div className="bids">{list.map((s) => <SettlementRow key={s.settlement_id} s={s} cfg={cfg} tx={tx} />)}</div>}
      <TxProgress tx={tx} />
    </Card>
  );
}

function SettlementRow({ s, cfg, tx }: { s: SettlementResponse; cfg: ConfigResponse; tx: TxRunner }) {
  const { address, exec } = useSession();
  const name = useAssetName();
  const now = useNow();
  const chainNow = useChainNow(now >= s.release_at);
  const due = chainNow !== undefined && chainNow >= s.release_at;
  const role = s.seller === address ? "sold" : "bought";
  const net = (BigInt(s.price) - BigInt(s.fee)).toString();
  return (
    <div className="bid" data-testid="settlement" data-settlement-id={s.settlement_id} data-token-id={s.token_id} data-due={due}>
      <div className="amt">{fmtAmount(s.price)} <span className="muted small">{name(s.asset)}</span></div>
      <div className="grow">
        <div>
          <b>{s.token_id}</b> <span className={`status ${due ? "settled" : "accepted"}`}>{role}</span>{" "}
          <span className="muted small">
            {s.kind === "buy_now" ? "buy now" : s.kind} · {role === "sold" ? <>buyer {shortAddr(s.buyer)} · you receive {fmtAmount(net)} after {s.commission_bps / 100}% commission</> : <>seller {shortAddr(s.seller)}</>}
          </span>
        </div>
        <div className="small" data-testid="settlement-window">
          {due ? (
            <>Compliance window over since {dateTime(s.release_at)}: ready to finalize.</>
          ) : now >= s.release_at ? (
            <>Compliance window over; waiting for the chain’s next block to finalize…</>
          ) : (
            <>In the compliance window until <b>{dateTime(s.release_at)}</b> · <Countdown end={s.release_at} testid="settlement" /></>
          )}
        </div>
      </div>
      {due && <button className="primary small" disabled={tx.busy} onClick={() => tx.run(`Finalize the sale of ${s.token_id}`, () => exec!.market.finalize({ settlementId: s.settlement_id }))} data-testid="finalize">Finalize</button>}
      {!due && address === cfg.arbiter && (
        <button className="danger small" disabled={tx.busy} onClick={() => tx.run(`Refund the sale of ${s.token_id}`, () => exec!.market.refund({ settlementId: s.settlement_id }))} data-testid="refund">Refund (arbiter)</button>
      )}
    </div>
  );
}

function Claimable() {
  const { q, address, exec } = useSession();
  const name = useAssetName();
  const tx = useTx();
  const c = useLive(() => q.market.claimable({ address: address! }), [address]);
  const rows = c.data ? ([["mesi", c.data.mesi], ["native", c.data.native]] as [Asset, string][]) : [];
  return (
    <Card title="Claimable" testid="claimable">
      <p className="muted small">What the marketplace owes you: proceeds of resales, outbid bids, rejected or expired offers, refunds. It waits here until you withdraw it. A sale of your own work pays through your creator earnings below.</p>
      <div className="row">
        {rows.map(([a, amt]) => (
          <div className="row claim" key={a}>
            <span><b data-testid={`claimable-${a}`}>{fmtAmount(amt)}</b> {name(a)}</span>
            <button className="primary small" disabled={tx.busy || amt === "0"} onClick={() => tx.run(`Withdraw ${fmtAmount(amt)} ${name(a)}`, () => exec!.market.withdraw({ asset: a }))} data-testid={`withdraw-${a}`}>Withdraw</button>
          </div>
        ))}
      </div>
      <CreatorEarnings tx={tx} />
      <TxProgress tx={tx} />
    </Card>
  );
}

/**
 * A creator's own sales (primary sales in MESI) do not wait here: when the revenue contract is deployed their
 * proceeds go through the creator's contribution split (SPEC §8) into the revenue contract, withdrawn from there.
 */
function CreatorEarnings({ tx }: { tx: ReturnType<typeof useTx> }) {
  const { q, address, exec, net } = useSession();
  const deployed = Boolean(net.contracts.revenue);
  const b = useLive(() => (deployed ? q.revenue.balance({ creator: address! }) : Promise.resolve(null)), [address, deployed]);
  if (!deployed) return null;
  const amt = b.data?.amount ?? "0";
  return (
    <div className="row claim" data-testid="revenue-earnings">
      <span>
        <b data-testid="revenue-balance">{fmtAmount(amt)}</b> MESI of your own works’ sales and tips (your share after your contribution to your gallery’s pool), held by the revenue contract
      </span>
      <button className="primary small" disabled={tx.busy || amt === "0"} onClick={() => tx.run(`Withdraw ${fmtAmount(amt)} MESI of earnings`, () => exec!.revenue.withdraw())} data-testid="withdraw-revenue">Withdraw</button>
    </div>
  );
}

/* ------------------------------------------------------------------ sell --------------------------------------- */

function SellCard({ cfg }: { cfg: ConfigResponse }) {
  const { q, address, exec, net } = useSession();
  const name = useAssetName();
  const tx = useTx();
  const d = useLive(async () => {
    const [tokens, tier, limits, seller] = await Promise.all([
      q.gallery.tokens({ owner: address!, limit: 30 }),
      q.token.tier({ address: address! }),
      q.market.tierLimits(),
      q.market.seller({ seller: address! }),
    ]);
    // while an unlock is pending, new orders follow the tier of the lock that remains (SPEC §3, issue 19)
    const creatorTier = Math.min(tier.creator_tier ?? 0, tier.creator_tier_after_unlock ?? 0);
    const row: TierLimit = limits.tiers[Math.min(creatorTier, limits.tiers.length - 1)];
    // the USD maximum in MESI at today's price (a stale price: the chain refuses MESI listings until it is fresh)
    const maxMesi = row.max_price_usd ? await q.treasury.usdToMesi({ usd: row.max_price_usd }).then((r) => r.mesi, () => null) : undefined;
    return { tokens: tokens.tokens, creatorTier, row, maxMesi, live: seller.live_orders };
  }, [address]);
  const [mode, setMode] = useState<"list" | "auction">("list");
  const [tokenId, setTokenId] = useState("");
  const [asset, setAsset] = useState<Asset>("mesi");
  const [price, setPrice] = useState("");
  const [hours, setHours] = useState("");
  const [reserved, setReserved] = useState("");
  const [days, setDays] = useState(String(cfg.min_auction_days));
  const v = d.data;
  const token = tokenId || v?.tokens[0] || "";
  const dayOptions = useMemo(() => {
    const max = v?.row.max_auction_days ?? cfg.min_auction_days;
    return Array.from({ length: Math.max(0, max - cfg.min_auction_days + 1) }, (_, i) => cfg.min_auction_days + i);
  }, [v?.row.max_auction_days, cfg.min_auction_days]);
  const sell = async () => {
    const label = mode === "list" ? `List ${token}` : `Auction ${token}`;
    if (!token) return tx.refuse(label, "You hold no gallery token to sell.");
    let amount: string;
    try {
      amount = parseAmount(price, mode === "list" ? "price" : "reserve");
    } catch (e) {
      return tx.refuse(label, (e as Error).message);
    }
    let msg: NftMsg;
    if (mode === "list") {
      const h = hours.trim() ? Number(hours) : undefined;
      if (h !== undefined && !(h > 0)) return tx.refuse(label, "Enter the expiry as a number of hours, or leave it empty.");
      const expires = h ? Math.floor(Date.now() / 1000) + Math.round(h * 3600) : null;
      msg = { list: { price: amount, asset, expires, reserved_for: reserved.trim() || null } };
    } else {
      msg = { auction: { reserve: amount, asset, days: Number(days) } };
    }
    const ok = await tx.run(`${label} for ${fmtAmount(amount)} ${name(asset)}`, () => exec!.gallery.sendNft({ contract: net.contracts.marketplace!, tokenId: token, msg: toBinary(msg) }));
    if (ok) {
      setPrice("");
      setTokenId("");
    }
  };
  const realDay = cfg.day_seconds !== 86400;
  return (
    <Card title="Sell a gallery token" testid="sell-card">
      {!v ? (
        d.error ? <p className="error">{d.error}</p> : <p className="muted">Loading…</p>
      ) : (
        <>
          <div className="limit" data-testid="sell-limits" data-creator-tier={v.creatorTier}>
            Your creator tier <b>{v.creatorTier}</b> allows{" "}
            <b data-testid="limit-orders">{v.row.max_orders == null ? "any number of" : `${v.live} of ${v.row.max_orders}`}</b> live listings and auctions,
            a price up to{" "}
            <b data-testid="limit-usd">{v.row.max_price_usd == null ? "no limit" : `USD ${fmtAmount(v.row.max_price_usd, 0)}`}</b>
            {v.maxMesi ? <> ≈ {fmtAmount(v.maxMesi)} MESI at today’s price</> : v.maxMesi === null ? <> (no fresh MESI price: MESI listings wait for one)</> : null}
            , and auctions of up to <b data-testid="limit-days">{v.row.max_auction_days} days</b>
            {realDay && <span className="muted"> (a day lasts {duration(cfg.day_seconds)} on this network)</span>}.
          </div>
          <div className="row" style={{ margin: "12px 0" }}>
            <div className="seg">
              <button className={mode === "list" ? "on" : ""} onClick={() => setMode("list")} data-testid="sell-mode-list">Buy now</button>
              <button className={mode === "auction" ? "on" : ""} onClick={() => setMode("auction")} data-testid="sell-mode-auction">Auction</button>
            </div>
          </div>
          {v.tokens.length === 0 ? (
            <Empty>You hold no gallery token. Mint one in the <a href="#gallery">Gallery</a> first.</Empty>
          ) : (
            <>
              <div className="form">
                <label className="field">Token
                  <select value={token} onChange={(e) => setTokenId(e.target.value)} data-testid="sell-token">{v.tokens.map((t) => <option key={t} value={t}>{t}</option>)}</select>
                </label>
                <label className="field">Paid in
                  <select value={asset} onChange={(e) => setAsset(e.target.value as Asset)} data-testid="sell-asset">
                    <option value="mesi">MESI</option>
                    <option value="native">{name("native")}</option>
                  </select>
                </label>
                <label className="field">{mode === "list" ? "Price" : "Reserve (lowest first bid)"}
                  <input inputMode="decimal" placeholder={name(asset)} value={price} onChange={(e) => setPrice(e.target.value)} data-testid="sell-price" />
                </label>
                {mode === "list" ? (
                  <>
                    <label className="field">Ends in hours (optional)<input inputMode="decimal" placeholder="never" value={hours} onChange={(e) => setHours(e.target.value)} data-testid="sell-expiry" /></label>
                    <label className="field">Only for (optional)<input placeholder="wasm1… (private sale)" value={reserved} onChange={(e) => setReserved(e.target.value)} data-testid="sell-reserved" /></label>
                  </>
                ) : (
                  <label className="field">Runs
                    <select value={days} onChange={(e) => setDays(e.target.value)} data-testid="sell-days">{dayOptions.map((n) => <option key={n} value={n}>{n} days</option>)}</select>
                  </label>
                )}
              </div>
              <p className="muted small" style={{ marginTop: 10 }}>
                The token moves into the marketplace’s escrow until it sells or you cancel. On a sale you receive the price less {cfg.commission_bps / 100}% commission, claimable after the {duration(cfg.compliance_window)} compliance window.
              </p>
              <p className="muted small" data-testid="sell-custody-note">
                List from here (or any wallet’s “send NFT” with a listing message): the gallery refuses a plain transfer to the marketplace’s address, because the token would sit there with no listing and nobody could sell or return it.
              </p>
              <button className="primary" disabled={tx.busy} onClick={sell} data-testid="sell-submit">{mode === "list" ? "List for sale" : "Start the auction"}</button>
            </>
          )}
          <TxProgress tx={tx} />
        </>
      )}
    </Card>
  );
}

/* ------------------------------------------------------------------ offers ------------------------------------- */

function OfferCard() {
  const { exec } = useSession();
  const name = useAssetName();
  const pay = usePay();
  const tx = useTx();
  const [tokenId, setTokenId] = useState("");
  const [asset, setAsset] = useState<Asset>("mesi");
  const [amount, setAmount] = useState("");
  const [hours, setHours] = useState("24");
  const offer = async () => {
    let base: string;
    try {
      base = parseAmount(amount, "offer");
    } catch (e) {
      return tx.refuse("Offer", (e as Error).message);
    }
    const h = Number(hours);
    if (!tokenId.trim()) return tx.refuse("Offer", "Enter the token id you want to make an offer for.");
    if (!(h > 0)) return tx.refuse("Offer", "Enter how many hours the offer stays open.");
    const expires = Math.floor(Date.now() / 1000) + Math.round(h * 3600);
    const id = tokenId.trim();
    const ok = await tx.run(`Offer ${fmtAmount(base)} ${name(asset)} for ${id}`, () =>
      pay(asset, base, { offer: { token_id: id, expires } }, (funds) => exec!.market.offer({ tokenId: id, expires }, "auto", undefined, funds)),
    );
    if (ok) setAmount("");
  };
  return (
    <Card title="Make a private offer" testid="offer-card">
      <p className="muted small">On any gallery token, listed or not. Your offer is held in escrow until the owner accepts, rejects or counters it, or it expires; then it becomes claimable again.</p>
      <div className="form">
        <label className="field">Token id<input value={tokenId} onChange={(e) => setTokenId(e.target.value)} placeholder="2026-sunset-01" data-testid="offer-token" /></label>
        <label className="field">Paid in
          <select value={asset} onChange={(e) => setAsset(e.target.value as Asset)} data-testid="offer-asset">
            <option value="mesi">MESI</option>
            <option value="native">{name("native")}</option>
          </select>
        </label>
        <label className="field">Amount<input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} placeholder={name(asset)} data-testid="offer-amount" /></label>
        <label className="field">Open for hours<input inputMode="decimal" value={hours} onChange={(e) => setHours(e.target.value)} data-testid="offer-hours" /></label>
      </div>
      <button className="primary" style={{ marginTop: 12 }} disabled={tx.busy} onClick={offer} data-testid="offer-submit">Make the offer</button>
      <TxProgress tx={tx} />
    </Card>
  );
}

/** offers you made, and offers on the tokens you own or have listed (first 30 tokens) */
function MyOffers() {
  const { q, address } = useSession();
  const d = useLive(async () => {
    const [made, owned, listed] = await Promise.all([
      q.market.offersByOfferer({ offerer: address!, limit: 30 }),
      q.gallery.tokens({ owner: address!, limit: 30 }),
      q.market.listingsBySeller({ seller: address!, limit: 30 }),
    ]);
    const listedIds = new Map(listed.listings.map((l) => [l.token_id, l.listing_id]));
    const ids = [...new Set([...owned.tokens, ...listedIds.keys()])].slice(0, 30);
    const received = (await Promise.all(ids.map((id) => q.market.offersByToken({ tokenId: id, limit: 10 })))).flatMap((r) => r.offers);
    return { made: made.offers, received, listedIds };
  }, [address]);
  const v = d.data;
  // one progress for the card: an accepted, rejected or cancelled offer leaves the list, its outcome stays here
  const tx = useTx();
  if (!v || (v.made.length === 0 && v.received.length === 0 && !tx.state)) return null;
  return (
    <Card title="Private offers" testid="offers">
      <div className="bids">
        {v.received.map((o) => <OfferRow key={`r${o.offer_id}`} o={o} side="owner" listed={v.listedIds.has(o.token_id)} tx={tx} />)}
        {v.made.map((o) => <OfferRow key={`m${o.offer_id}`} o={o} side="offerer" listed={false} tx={tx} />)}
      </div>
      <TxProgress tx={tx} />
    </Card>
  );
}

function OfferRow({ o, side, listed, tx }: { o: OfferResponse; side: "owner" | "offerer"; listed: boolean; tx: TxRunner }) {
  const { exec, net } = useSession();
  const name = useAssetName();
  const pay = usePay();
  const now = useNow(5000);
  const [counter, setCounter] = useState("");
  const accept = () =>
    tx.run(`Accept the offer on ${o.token_id}`, () =>
      listed
        ? exec!.market.acceptOffer({ offerId: o.offer_id })
        : exec!.gallery.sendNft({ contract: net.contracts.marketplace!, tokenId: o.token_id, msg: toBinary({ accept_offer: { offer_id: o.offer_id } } satisfies NftMsg) }),
    );
  const doCounter = async () => {
    let base: string;
    try {
      base = parseAmount(counter, "counter offer");
    } catch (e) {
      return tx.refuse("Counter", (e as Error).message);
    }
    if (await tx.run(`Counter with ${fmtAmount(base)} ${name(o.asset)}`, () => exec!.market.counterOffer({ offerId: o.offer_id, amount: base }))) setCounter("");
  };
  // the offerer accepts counter `version`: a higher counter is topped up (MESI by Send, the stablecoin as funds)
  const acceptCounter = () => {
    const top = o.counter ? BigInt(o.counter) - BigInt(o.amount) : 0n;
    return tx.run(`Accept the counter of ${fmtAmount(o.counter)} ${name(o.asset)}`, () =>
      top > 0n
        ? pay(o.asset, top.toString(), { accept_counter: { offer_id: o.offer_id, version: o.version } }, (funds) => exec!.market.acceptCounter({ offerId: o.offer_id, version: o.version }, "auto", undefined, funds))
        : exec!.market.acceptCounter({ offerId: o.offer_id, version: o.version }),
    );
  };
  return (
    <div className="bid" data-testid="offer" data-offer-id={o.offer_id} data-side={side}>
      <div className="amt">{fmtAmount(o.amount)} <span className="muted small">{name(o.asset)}</span></div>
      <div className="grow">
        <div>
          <b>{o.token_id}</b> <span className="status open">{side === "owner" ? "offer to you" : "your offer"}</span>{" "}
          <span className="muted small">{side === "owner" ? <>from {shortAddr(o.offerer)}</> : null} · {o.expired ? "expired" : <>open for {duration(o.expires - now)}</>}</span>
        </div>
        {o.counter && (
          <div className="small">
            Counter (version {o.version}): <b>{fmtAmount(o.counter)}</b> {name(o.asset)}
            {side === "offerer" && (
              <span className="muted">
                {" "}· accepting {BigInt(o.counter) > BigInt(o.amount) ? <>adds {fmtAmount(BigInt(o.counter) - BigInt(o.amount))}</> : <>returns {fmtAmount(BigInt(o.amount) - BigInt(o.counter))} to your claimable balance</>}
              </span>
            )}
          </div>
        )}
      </div>
      {side === "owner" && !o.expired && (
        <>
          <button className="primary small" disabled={tx.busy} onClick={accept} data-testid="offer-accept">Accept</button>
          <input className="amount" style={{ width: 110 }} placeholder="counter" value={counter} onChange={(e) => setCounter(e.target.value)} data-testid="offer-counter-amount" />
          <button className="ghost small" disabled={tx.busy} onClick={doCounter} data-testid="offer-counter">Counter</button>
          <button className="danger small" disabled={tx.busy} onClick={() => tx.run(`Reject the offer on ${o.token_id}`, () => exec!.market.rejectOffer({ offerId: o.offer_id }))} data-testid="offer-reject">Reject</button>
        </>
      )}
      {side === "offerer" && (
        <>
          {o.counter && !o.expired && <button className="primary small" disabled={tx.busy} onClick={acceptCounter} data-testid="offer-accept-counter">Accept counter</button>}
          <button className="ghost small" disabled={tx.busy} onClick={() => tx.run(`Cancel the offer on ${o.token_id}`, () => exec!.market.cancelOffer({ offerId: o.offer_id }))} data-testid="offer-cancel">Cancel</button>
        </>
      )}
    </div>
  );
}
