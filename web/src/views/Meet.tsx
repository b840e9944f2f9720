// Bid to meet (issue 11, SPEC §4). Creators enable meetings, see bids, accept with a one-time code shown as a QR
// code (only its sha256 goes on chain), open timed slot auctions and settle them. Fans see their tier's USD limit
// before they sign, bid (MESI escrowed through the token's Send), raise, withdraw, consent to KYF, release with the
// code (typed or scanned from a picture of the QR), reclaim after the deadline, and pull refunds.
import { toBinary } from "@cosmjs/cosmwasm-stargate";
import { useEffect, useState } from "react";
import type { BidResponse, Format, ReceiveMsg, SlotResponse } from "../../../clients/src/MesiBidToMeet.types";
import { useLive, useSession } from "../chain/session";
import { Card, Empty, NeedWallet, ViewHead } from "../ui/bits";
import { duration, fmtAmount, nowSeconds, parseAmount, shortAddr } from "../ui/format";
import { Countdown, useChainNow, useFirstSeen, useNow } from "../ui/time";
import { TxProgress, useTx, type TxRunner } from "../ui/Tx";

const FORMATS: { id: Format; name: string }[] = [
  { id: "in_person", name: "In person" },
  { id: "virtual_video", name: "Video call" },
  { id: "virtual_voice", name: "Voice call" },
  { id: "virtual_text", name: "Text chat" },
];
const formatName = (f: Format) => FORMATS.find((x) => x.id === f)?.name ?? f;
const STATUS_TEXT: Record<string, string> = {
  open: "open",
  outbid: "outbid",
  awaiting_kyf: "waiting for KYF consent",
  accepted: "accepted",
  disputed: "disputed",
  released: "met · paid",
  withdrawn: "withdrawn",
  kyf_cancelled: "cancelled (no KYF)",
  reclaimed: "reclaimed",
  resolved: "resolved",
};

/** sha256 (hex) of the meeting code's UTF-8 bytes: what the contract compares at release */
async function sha256Hex(text: string): Promise<string> {
  const d = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(d), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** a one-time meeting code: 8 characters without look-alikes (0/O, 1/I/L), from the browser's CSPRNG */
function newMeetingCode(): string {
  const alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  const s = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
  return `${s.slice(0, 4)}-${s.slice(4)}`;
}

// the creator keeps the code on this device (it must be shown at the meeting); only its hash is on chain
const codeKey = (contract: string, bidId: number) => `mesi.meeting-code.${contract}.${bidId}`;

export function MeetView() {
  const { address } = useSession();
  const [side, setSide] = useState<"fan" | "creator">("fan");
  return (
    <>
      <ViewHead title="Bid to meet" sub="Fans bid MESI for a meeting with a creator. The bid waits in escrow; the creator is paid when the fan confirms the meeting with the one-time code." />
      <div className="seg" style={{ alignSelf: "flex-start" }}>
        <button className={side === "fan" ? "on" : ""} onClick={() => setSide("fan")} data-testid="meet-as-fan">I am a fan</button>
        <button className={side === "creator" ? "on" : ""} onClick={() => setSide("creator")} data-testid="meet-as-creator">I am a creator</button>
      </div>
      {!address ? <Card><NeedWallet what={side === "fan" ? "bid for a meeting" : "offer meetings"} /></Card> : side === "fan" ? <FanSide /> : <CreatorSide />}
    </>
  );
}

/* ------------------------------------------------------------------ creator ------------------------------------ */

function CreatorSide() {
  const { q, address, net } = useSession();
  const live = useLive(async () => {
    const [me, bids, slots, cfg] = await Promise.all([
      q.btm.creator({ address: address! }),
      q.btm.bidsByCreator({ creator: address!, limit: 50 }),
      q.btm.slotsByCreator({ creator: address!, limit: 20 }),
      q.btm.config(),
    ]);
    return { me, bids: bids.bids, slots: slots.slots, cfg };
  }, [address]);
  const d = live.data;
  if (!d) return <Card>{live.error ? <p className="error">{live.error}</p> : <p className="muted">Loading…</p>}</Card>;
  const contract = net.contracts["bid-to-meet"]!;
  const bids = [...d.bids].reverse();
  return (
    <>
      <EnableCard enabled={d.me.enabled} minBid={d.me.min_bid} formats={d.me.formats} />
      <Card title="Bids for you" testid="creator-bids">
        {bids.length === 0 ? <Empty>No bids yet. Share your page: fans find you by your address.</Empty> : (
          <div className="bids">{bids.map((b) => <CreatorBid key={b.id} bid={b} contract={contract} commissionBps={d.cfg.commission_bps} />)}</div>
        )}
      </Card>
      <SlotsCreator slots={d.slots} contract={contract} />
    </>
  );
}

function EnableCard({ enabled, minBid, formats }: { enabled: boolean; minBid: string; formats: Format[] }) {
  const { exec } = useSession();
  const tx = useTx();
  const [min, setMin] = useState(enabled ? fmtAmount(minBid, 6).replace(/,/g, "") : "100");
  const [fs, setFs] = useState<Format[]>(enabled ? formats : ["virtual_video"]);
  const save = async () => {
    let base: string;
    try {
      base = parseAmount(min, "minimum bid");
    } catch (e) {
      return tx.refuse("Offer meetings", (e as Error).message);
    }
    await tx.run(enabled ? "Update your meeting offer" : "Offer meetings", () => exec!.btm.enable({ minBid: base, formats: fs }));
  };
  return (
    <Card title={enabled ? "Your meeting offer" : "Offer meetings"} testid="enable-card" actions={enabled ? <span className="status released">open for bids</span> : <span className="status">off</span>}>
      <div className="row">
        <label className="field">Minimum bid (MESI)<input className="amount" value={min} onChange={(e) => setMin(e.target.value)} data-testid="enable-min" /></label>
        <div className="field">Formats
          <div className="row">
            {FORMATS.map((f) => (
              <label className="check" key={f.id}>
                <input type="checkbox" checked={fs.includes(f.id)} onChange={(e) => setFs((cur) => (e.target.checked ? [...cur, f.id] : cur.filter((x) => x !== f.id)))} data-testid={`enable-format-${f.id}`} />
                {f.name}
              </label>
            ))}
          </div>
        </div>
      </div>
      <div className="row" style={{ marginTop: 10 }}>
        <button className="primary" disabled={tx.busy} onClick={save} data-testid="enable-submit">{enabled ? "Save" : "Start taking bids"}</button>
        {enabled && <button className="ghost" disabled={tx.busy} onClick={() => tx.run("Stop taking bids", () => exec!.btm.disable())}>Stop taking bids</button>}
      </div>
      <TxProgress tx={tx} />
    </Card>
  );
}

function MeetingQr({ code }: { code: string }) {
  const [src, setSrc] = useState<string>();
  useEffect(() => {
    // the QR encoder (and the decoder below) load on first use: they stay out of the main bundle
    import("qrcode").then(({ default: QRCode }) => QRCode.toDataURL(code, { errorCorrectionLevel: "M", margin: 1, scale: 8, color: { dark: "#1d1b2c", light: "#ffffff" } })).then(setSrc);
  }, [code]);
  return (
    <div className="qr" data-testid="meeting-qr">
      {src && <img src={src} alt={`QR code of the meeting code ${code}`} data-testid="meeting-qr-img" />}
      <div>
        <div className="muted small">One-time meeting code</div>
        <div className="code" data-testid="meeting-code">{code}</div>
        <p className="small muted" style={{ maxWidth: 300 }}>
          Show this to your fan when you meet. They scan it (or type it) to release the payment to you. Only its
          fingerprint is on chain, so nobody else can use it. Keep it private until the meeting.
        </p>
      </div>
    </div>
  );
}

function CreatorBid({ bid, contract, commissionBps }: { bid: BidResponse; contract: string; commissionBps: number }) {
  const { exec } = useSession();
  const tx = useTx();
  const [kyf, setKyf] = useState(false);
  const [code, setCode] = useState<string | null>(() => localStorage.getItem(codeKey(contract, bid.id)));
  const [show, setShow] = useState(false);
  const accept = async () => {
    const c = newMeetingCode();
    const hash = await sha256Hex(c);
    localStorage.setItem(codeKey(contract, bid.id), c);
    const ok = await tx.run(`Accept bid #${bid.id}`, () => exec!.btm.accept({ bidId: bid.id, codeHash: hash, requestKyf: kyf }));
    if (ok) {
      setCode(c);
      setShow(true);
    } else {
      localStorage.removeItem(codeKey(contract, bid.id));
    }
  };
  const net = (BigInt(bid.amount) * BigInt(10_000 - commissionBps)) / 10_000n;
  const waiting = bid.status === "accepted" || bid.status === "awaiting_kyf";
  const chainNow = useChainNow(bid.status === "accepted");
  const beforeDeadline = bid.meeting_deadline != null && (chainNow === undefined || chainNow < bid.meeting_deadline);
  return (
    <div className="bid" data-testid="creator-bid" data-bid-id={bid.id} data-status={bid.status}>
      <div className="amt">{fmtAmount(bid.amount)} <span className="muted small">MESI</span></div>
      <div className="grow">
        <div>
          <b>{formatName(bid.format)}</b> with <span className="mono">{shortAddr(bid.fan)}</span>
          {bid.slot_id != null && <span className="muted small"> · slot #{bid.slot_id}</span>}
        </div>
        <div className="muted small">bid #{bid.id} · you receive ≈ {fmtAmount(net)} MESI after the {commissionBps / 100}% platform commission</div>
      </div>
      <span className={`status ${bid.status}`} data-testid="bid-status">{STATUS_TEXT[bid.status] ?? bid.status}</span>
      {bid.status === "open" && (
        <>
          <label className="check small"><input type="checkbox" checked={kyf} onChange={(e) => setKyf(e.target.checked)} data-testid="accept-kyf" /> ask for KYF consent</label>
          <button className="primary small" disabled={tx.busy} onClick={accept} data-testid="accept">Accept</button>
        </>
      )}
      {waiting && code && !show && <button className="ghost small" onClick={() => setShow(true)} data-testid="show-code">Show meeting code</button>}
      {bid.status === "accepted" && beforeDeadline && (
        <button className="link small" disabled={tx.busy} onClick={() => tx.run(`Dispute bid #${bid.id}`, () => exec!.btm.dispute({ bidId: bid.id }))}>Dispute</button>
      )}
      {waiting && code && show && <div style={{ flexBasis: "100%" }}><MeetingQr code={code} /></div>}
      <div style={{ flexBasis: "100%" }}><TxProgress tx={tx} /></div>
    </div>
  );
}

/** the first end time seen per slot (anti-sniping extensions show against it) */
const useFirstSeenSlots = (slots: SlotResponse[]) => useFirstSeen(slots, (s) => s.id, (s) => s.end_time);

function SlotsCreator({ slots, contract }: { slots: SlotResponse[]; contract: string }) {
  const { exec } = useSession();
  const tx = useTx();
  const [format, setFormat] = useState<Format>("virtual_video");
  const [minutes, setMinutes] = useState("60");
  const [min, setMin] = useState("100");
  const [inc, setInc] = useState("10");
  const first = useFirstSeenSlots(slots);
  const now = useNow();
  // settle_slot is refused before the slot's end in block time: the button waits for the chain, not this clock
  const chainNow = useChainNow(slots.some((s) => s.status === "open" && !s.ended && now >= s.end_time));
  const ended = (s: SlotResponse) => s.ended || (chainNow !== undefined && chainNow >= s.end_time);
  const open = async () => {
    let minBid: string, minIncrement: string;
    try {
      minBid = parseAmount(min, "minimum bid");
      minIncrement = parseAmount(inc, "minimum increment");
    } catch (e) {
      return tx.refuse("Open a slot", (e as Error).message);
    }
    const endTime = nowSeconds() + Math.round(Number(minutes) * 60);
    await tx.run(`Open a ${minutes}-minute slot auction`, () => exec!.btm.openSlot({ format, endTime, minBid, minIncrement }));
  };
  return (
    <Card title="Slot auctions" testid="creator-slots">
      <p className="muted small">Open a timed slot: the highest bid at the end wins the meeting. A bid in the last minutes extends the end, so nobody wins by sniping.</p>
      <div className="row">
        <select value={format} onChange={(e) => setFormat(e.target.value as Format)}>{FORMATS.map((f) => <option key={f.id} value={f.id}>{f.name}</option>)}</select>
        <label className="field">Runs (minutes)<input className="amount" value={minutes} onChange={(e) => setMinutes(e.target.value)} data-testid="slot-minutes" /></label>
        <label className="field">Minimum bid<input className="amount" value={min} onChange={(e) => setMin(e.target.value)} data-testid="slot-min" /></label>
        <label className="field">Minimum raise<input className="amount" value={inc} onChange={(e) => setInc(e.target.value)} /></label>
        <button className="primary" disabled={tx.busy} onClick={open} data-testid="slot-open">Open slot</button>
      </div>
      <TxProgress tx={tx} />
      {slots.length > 0 && (
        <table className="list" style={{ marginTop: 12 }}>
          <thead><tr><th>Slot</th><th>Format</th><th>Highest bid</th><th>Time left</th><th /></tr></thead>
          <tbody>
            {[...slots].reverse().map((s) => (
              <tr key={s.id} data-testid="creator-slot">
                <td>#{s.id} <span className={`status ${s.status}`}>{s.status}</span></td>
                <td>{formatName(s.format)}</td>
                <td>{s.highest_bidder ? <>{fmtAmount(s.highest_amount)} MESI <span className="muted small">by {shortAddr(s.highest_bidder)}</span></> : <span className="muted">no bids (min {fmtAmount(s.min_bid)})</span>}</td>
                <td>{s.status === "open" ? <Countdown end={s.end_time} firstSeenEnd={first.get(s.id)} /> : "—"}</td>
                <td>{s.status === "open" && ended(s) && s.highest_bidder && <SettleSlot slot={s} contract={contract} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}

function SettleSlot({ slot, contract }: { slot: SlotResponse; contract: string }) {
  const { exec } = useSession();
  const tx = useTx();
  const settle = async () => {
    const c = newMeetingCode();
    const hash = await sha256Hex(c);
    if (slot.highest_bid_id != null) localStorage.setItem(codeKey(contract, slot.highest_bid_id), c);
    await tx.run(`Settle slot #${slot.id}`, () => exec!.btm.settleSlot({ slotId: slot.id, codeHash: hash, requestKyf: false }));
  };
  return (
    <>
      <button className="primary small" disabled={tx.busy} onClick={settle} data-testid="slot-settle">Settle: meet the winner</button>
      <TxProgress tx={tx} />
    </>
  );
}

/* ------------------------------------------------------------------ fan ---------------------------------------- */

function FanSide() {
  const { q, address } = useSession();
  const [creatorInput, setCreatorInput] = useState(() => new URLSearchParams(location.search).get("creator") ?? localStorage.getItem("mesi.last-creator") ?? "");
  const creator = creatorInput.trim();
  useEffect(() => {
    if (creator) localStorage.setItem("mesi.last-creator", creator);
  }, [creator]);
  const mine = useLive(async () => {
    const [bids, refund, limit, kyc] = await Promise.all([
      q.btm.bidsByFan({ fan: address!, limit: 50 }),
      q.btm.refund({ address: address! }),
      q.btm.bidLimit({ address: address! }),
      q.btm.kyc({ address: address! }),
    ]);
    return { bids: bids.bids, refund: refund.amount, limit, kyc: kyc.completed };
  }, [address]);
  const d = mine.data;
  // owned here so that the card (and the withdrawal's progress) stays after the refund drops to zero
  const refundTx = useTx();
  return (
    <>
      <Card title="Find a creator">
        <label className="field">Creator's address<input value={creatorInput} onChange={(e) => setCreatorInput(e.target.value)} placeholder="wasm1…" data-testid="fan-creator" /></label>
        {d && <LimitNote limit={d.limit} kyc={d.kyc} />}
      </Card>
      {creator && d && <CreatorOffer creator={creator} limit={d.limit.limit_mesi} />}
      {d && (d.refund !== "0" || refundTx.state) && <RefundCard amount={d.refund} tx={refundTx} />}
      <Card title="Your bids" testid="fan-bids">
        {!d ? <p className="muted">Loading…</p> : d.bids.length === 0 ? <Empty>You have not bid yet.</Empty> : (
          <div className="bids">{[...d.bids].reverse().map((b) => <FanBid key={b.id} bid={b} limitMesi={d.limit.limit_mesi} />)}</div>
        )}
      </Card>
    </>
  );
}

function LimitNote({ limit, kyc }: { limit: { tier: number; has_access: boolean; limit_usd?: string | null; limit_mesi?: string | null }; kyc: boolean }) {
  return (
    <div className="limit" data-testid="bid-limit" style={{ marginTop: 10 }}>
      {!limit.has_access ? (
        <>Bidding starts at tier 1. Lock or hold MESI on the Account page to get there.</>
      ) : limit.limit_usd == null ? (
        <>Your tier {limit.tier} has <b>no bid limit</b>.</>
      ) : (
        <>
          Your tier {limit.tier} lets you bid up to <b data-testid="limit-usd">USD {fmtAmount(limit.limit_usd, 0)}</b>
          {limit.limit_mesi && <> ≈ <b data-testid="limit-mesi">{fmtAmount(limit.limit_mesi)} MESI</b> at today’s price</>} per meeting.
        </>
      )}
      {!kyc && <div className="small" style={{ marginTop: 4 }}>You also need the platform’s identity check (KYC) before you can bid.</div>}
    </div>
  );
}

function CreatorOffer({ creator, limit }: { creator: string; limit?: string | null }) {
  const { q, exec, net } = useSession();
  const tx = useTx();
  const [amount, setAmount] = useState("");
  const [format, setFormat] = useState<Format | "">("");
  const live = useLive(async () => {
    const [c, slots, cfg] = await Promise.all([q.btm.creator({ address: creator }), q.btm.slotsByCreator({ creator, limit: 20 }), q.btm.config()]);
    return { c, slots: slots.slots.filter((s) => s.status === "open"), cfg };
  }, [creator]);
  const d = live.data;
  if (live.error && !d) return <Card><p className="error">{/not a valid|bech32|Invalid|decoding/i.test(live.error) ? "That is not a valid address." : live.error}</p></Card>;
  if (!d) return <Card><p className="muted">Loading…</p></Card>;
  const fmt = (format || d.c.formats[0]) as Format;
  const bid = async () => {
    let base: string;
    try {
      base = parseAmount(amount, "bid");
    } catch (e) {
      return tx.refuse("Bid", (e as Error).message);
    }
    const ok = await tx.run(`Bid ${amount} MESI for a ${formatName(fmt).toLowerCase()}`, () =>
      exec!.token.send({ contract: net.contracts["bid-to-meet"]!, amount: base, msg: toBinary({ bid: { creator, format: fmt } } satisfies ReceiveMsg) }),
    );
    if (ok) setAmount("");
  };
  return (
    <>
      <Card title={<>Meet <span className="mono">{shortAddr(creator)}</span></>} testid="creator-offer">
        {!d.c.enabled ? (
          <Empty>This creator does not take bids right now.</Empty>
        ) : (
          <>
            <p className="muted">
              Formats: {d.c.formats.map(formatName).join(", ")} · minimum bid <b>{fmtAmount(d.c.min_bid)} MESI</b>
            </p>
            <div className="row">
              <select value={fmt} onChange={(e) => setFormat(e.target.value as Format)} data-testid="bid-format">
                {d.c.formats.map((f) => <option key={f} value={f}>{formatName(f)}</option>)}
              </select>
              <input className="amount" placeholder="Your bid in MESI" value={amount} onChange={(e) => setAmount(e.target.value)} data-testid="bid-amount" />
              <button className="primary" disabled={tx.busy} onClick={bid} data-testid="bid-submit">Place bid</button>
            </div>
            <p className="muted small">
              {limit ? <>Your limit: {fmtAmount(limit)} MESI. </> : null}The MESI leave your wallet into escrow now; you can withdraw until the creator accepts.
            </p>
          </>
        )}
        <TxProgress tx={tx} />
      </Card>
      {d.slots.length > 0 && (
        <Card title="Slot auctions" testid="fan-slots">
          <p className="muted small">
            A bid in the last {duration(d.cfg.anti_snipe_window)} extends the auction by {duration(d.cfg.anti_snipe_extension)}. If you are outbid, your MESI wait for you under “Refunds”.
          </p>
          <div className="bids">{d.slots.map((s) => <FanSlot key={s.id} slot={s} />)}</div>
        </Card>
      )}
    </>
  );
}

function FanSlot({ slot }: { slot: SlotResponse }) {
  const { exec, net, address } = useSession();
  const tx = useTx();
  const first = useFirstSeenSlots([slot]);
  const next = slot.highest_bidder ? BigInt(slot.highest_amount) + BigInt(slot.min_increment) : BigInt(slot.min_bid);
  const [amount, setAmount] = useState("");
  const bid = async () => {
    let base: string;
    try {
      base = parseAmount(amount || fmtAmount(next, 6).replace(/,/g, ""), "bid");
    } catch (e) {
      return tx.refuse("Slot bid", (e as Error).message);
    }
    const ok = await tx.run(`Bid on slot #${slot.id}`, () =>
      exec!.token.send({ contract: net.contracts["bid-to-meet"]!, amount: base, msg: toBinary({ slot_bid: { slot_id: slot.id } } satisfies ReceiveMsg) }),
    );
    if (ok) setAmount("");
  };
  return (
    <div className="bid" data-testid="fan-slot" data-slot-id={slot.id}>
      <div className="amt">{slot.highest_bidder ? fmtAmount(slot.highest_amount) : "—"} <span className="muted small">MESI</span></div>
      <div className="grow">
        <div><b>{formatName(slot.format)}</b> · slot #{slot.id} {slot.highest_bidder === address && <span className="status released">you lead</span>}</div>
        <Countdown end={slot.end_time} firstSeenEnd={first.get(slot.id)} />
      </div>
      <input className="amount" style={{ width: 130 }} placeholder={`≥ ${fmtAmount(next)}`} value={amount} onChange={(e) => setAmount(e.target.value)} data-testid="slot-bid-amount" />
      <button className="primary small" disabled={tx.busy || slot.ended} onClick={bid} data-testid="slot-bid">Bid</button>
      <div style={{ flexBasis: "100%" }}><TxProgress tx={tx} /></div>
    </div>
  );
}

function RefundCard({ amount, tx }: { amount: string; tx: TxRunner }) {
  const { exec } = useSession();
  return (
    <Card title="Refunds" testid="refunds">
      <div className="row">
        {amount === "0" ? (
          <span className="muted" data-testid="refund-none">Nothing waiting for you: your refunds are in your wallet.</span>
        ) : (
          <span><b data-testid="refund-amount">{fmtAmount(amount)}</b> MESI are waiting for you (outbid or cancelled meetings).</span>
        )}
        <div className="grow" />
        <button className="primary" disabled={tx.busy || amount === "0"} onClick={() => tx.run("Withdraw refunds", () => exec!.btm.withdrawRefunds())} data-testid="withdraw-refunds">Withdraw</button>
      </div>
      <TxProgress tx={tx} />
    </Card>
  );
}

/** decodes a QR code from a picture the user picks (a photo or screenshot of the creator's code) */
async function decodeQrImage(file: File): Promise<string | null> {
  const { default: jsQR } = await import("jsqr");
  const bmp = await createImageBitmap(file);
  const canvas = document.createElement("canvas");
  canvas.width = bmp.width;
  canvas.height = bmp.height;
  const ctx = canvas.getContext("2d");
  if (!ctx) return null;
  ctx.drawImage(bmp, 0, 0);
  const img = ctx.getImageData(0, 0, bmp.width, bmp.height);
  return jsQR(img.data, img.width, img.height)?.data ?? null;
}

function FanBid({ bid, limitMesi }: { bid: BidResponse; limitMesi?: string | null }) {
  const { exec, net } = useSession();
  const tx = useTx();
  const [raise, setRaise] = useState("");
  const [code, setCode] = useState("");
  const now = useNow(5000);
  // the meeting deadline and the KYF window are decided by block time: the buttons follow the chain's clock
  const chainNow = useChainNow(bid.status === "accepted" || bid.status === "awaiting_kyf");
  const t = chainNow ?? now;
  const send = (label: string, amount: string, msg: ReceiveMsg, t: TxRunner) =>
    t.run(label, () => exec!.token.send({ contract: net.contracts["bid-to-meet"]!, amount, msg: toBinary(msg) }));
  const doRaise = async () => {
    let base: string;
    try {
      base = parseAmount(raise, "raise");
    } catch (e) {
      return tx.refuse("Raise", (e as Error).message);
    }
    if (await send(`Raise bid #${bid.id} by ${raise} MESI`, base, { raise: { bid_id: bid.id } }, tx)) setRaise("");
  };
  const scan = async (f?: File) => {
    if (!f) return;
    const c = await decodeQrImage(f);
    if (c) setCode(c);
    else tx.refuse("Scan", "No QR code was found in that picture. Try a sharper photo, or type the code.");
  };
  const release = async () => {
    if (!code.trim()) return tx.refuse("Release", "Enter the code the creator shows you at the meeting.");
    await tx.run(`Confirm the meeting for bid #${bid.id}`, () => exec!.btm.release({ bidId: bid.id, code: code.trim() }));
  };
  // release / dispute while block time < meeting_deadline; reclaim from it on. Consent while block time < kyf_deadline;
  // cancel_kyf (the fan's refund credit) from it on. Before the first block time is known, nothing has passed.
  const deadlinePassed = chainNow !== undefined && bid.meeting_deadline != null && chainNow >= bid.meeting_deadline;
  const kyfClosed = chainNow !== undefined && bid.kyf_deadline != null && chainNow >= bid.kyf_deadline;
  return (
    <div className="bid" data-testid="fan-bid" data-bid-id={bid.id} data-status={bid.status} data-chain-now={chainNow}>
      <div className="amt">{fmtAmount(bid.amount)} <span className="muted small">MESI</span></div>
      <div className="grow">
        <div><b>{formatName(bid.format)}</b> with <span className="mono">{shortAddr(bid.creator)}</span></div>
        <div className="muted small">
          bid #{bid.id}
          {bid.kyf_deadline && bid.status === "awaiting_kyf" && !kyfClosed && <> · consent within {duration(bid.kyf_deadline - t)}</>}
          {bid.meeting_deadline && bid.status === "accepted" && !deadlinePassed && <> · meet within {duration(bid.meeting_deadline - t)}</>}
        </div>
      </div>
      <span className={`status ${bid.status}`} data-testid="bid-status">{STATUS_TEXT[bid.status] ?? bid.status}</span>
      {bid.status === "open" && bid.slot_id == null && (
        <div className="row" style={{ flexBasis: "100%" }}>
          <input className="amount" style={{ width: 130 }} placeholder="Raise by (MESI)" value={raise} onChange={(e) => setRaise(e.target.value)} data-testid="raise-amount" />
          <button className="ghost small" disabled={tx.busy} onClick={doRaise} data-testid="raise">Raise</button>
          {limitMesi && <span className="muted small">total stays within {fmtAmount(limitMesi)} MESI</span>}
          <div className="grow" />
          <button className="danger small" disabled={tx.busy} onClick={() => tx.run(`Withdraw bid #${bid.id}`, () => exec!.btm.withdraw({ bidId: bid.id }))} data-testid="withdraw">Withdraw</button>
        </div>
      )}
      {bid.status === "awaiting_kyf" && !kyfClosed && (
        <div className="row" style={{ flexBasis: "100%" }}>
          <span className="small">The creator asks you to share your identity check (KYF) before the meeting.</span>
          <button className="primary small" disabled={tx.busy} onClick={() => tx.run(`Consent to KYF for bid #${bid.id}`, () => exec!.btm.consentKyf({ bidId: bid.id }))} data-testid="consent-kyf">I consent</button>
        </div>
      )}
      {bid.status === "awaiting_kyf" && kyfClosed && !deadlinePassed && (
        <div className="row" style={{ flexBasis: "100%" }}>
          <span className="small">The KYF window has closed without your consent: cancel the meeting and your MESI wait for you under “Refunds”.</span>
          <button className="primary small" disabled={tx.busy} onClick={() => tx.run(`Cancel bid #${bid.id} (KYF window closed)`, () => exec!.btm.cancelKyf({ bidId: bid.id }))} data-testid="cancel-kyf">Cancel and refund</button>
        </div>
      )}
      {bid.status === "accepted" && !deadlinePassed && (
        <div className="row" style={{ flexBasis: "100%" }}>
          <input placeholder="Meeting code, e.g. ABCD-2345" value={code} onChange={(e) => setCode(e.target.value)} data-testid="release-code" style={{ width: 220 }} />
          <label className="ghost small button-like">
            <span className="link">Scan a picture of the QR code</span>
            <input type="file" accept="image/*" style={{ display: "none" }} onChange={(e) => scan(e.target.files?.[0])} data-testid="release-scan" />
          </label>
          <div className="grow" />
          <button className="primary small" disabled={tx.busy} onClick={release} data-testid="release">We met: release payment</button>
          <button className="link small" disabled={tx.busy} onClick={() => tx.run(`Dispute bid #${bid.id}`, () => exec!.btm.dispute({ bidId: bid.id }))}>Dispute</button>
        </div>
      )}
      {(bid.status === "accepted" || bid.status === "awaiting_kyf") && deadlinePassed && (
        <button className="primary small" disabled={tx.busy} onClick={() => tx.run(`Reclaim bid #${bid.id}`, () => exec!.btm.reclaim({ bidId: bid.id }))} data-testid="reclaim">The meeting did not happen: reclaim</button>
      )}
      <div style={{ flexBasis: "100%" }}><TxProgress tx={tx} /></div>
    </div>
  );
}
