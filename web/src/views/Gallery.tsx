// Gallery (issue 11, SPEC §3): a creator's gallery with media-kind / year / tag filters and pagination; mint with the
// sha256 of a file the user picks (computed here, in the browser, with WebCrypto) and the rights confirmation;
// trust pledges in the stablecoin and their totals.
import { useMemo, useState } from "react";
import type { GalleryFilter, GalleryItem, MediaKind } from "../../../clients/src/MesiGallery.types";
import { useLive, useSession } from "../chain/session";
import { Card, Empty, NeedWallet, Stat, ViewHead } from "../ui/bits";
import { fmtAmount, parseAmount, shortAddr } from "../ui/format";
import { KIND_BG, KindIcon } from "../ui/icons";
import { TxProgress, useTx } from "../ui/Tx";
import { BackCreator } from "./Influence";

const PAGE = 6;
type FilterKind = "all" | "media_kind" | "year" | "tag";

/** sha256 of a file as 64 lower-case hex characters, in the browser (the file never leaves the device) */
export async function sha256File(file: Blob): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", await file.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

export function GalleryView() {
  const { address, net } = useSession();
  const initial = new URLSearchParams(location.search).get("creator") ?? "";
  const [creatorInput, setCreatorInput] = useState(initial);
  const creator = creatorInput.trim() || address || "";
  const stable = net.stableDenom.replace(/^u/, "").toUpperCase();
  return (
    <>
      <ViewHead title="Gallery" sub="Every upload is one NFT in its creator's gallery. Its fingerprint (sha256) is on chain; the file stays with you. A trust pledge in stablecoin backs it and moves with it when it is sold." />
      <Card>
        <div className="row">
          <label className="field grow">
            Creator
            <input placeholder={address ? "your gallery (or paste a creator's address)" : "paste a creator's address"} value={creatorInput} onChange={(e) => setCreatorInput(e.target.value)} data-testid="gallery-creator" />
          </label>
        </div>
      </Card>
      {creator ? <GalleryOf creator={creator} stable={stable} /> : <Card><NeedWallet what="see your own gallery" /></Card>}
      {creator && creator !== address && net.contracts.influence && <BackCreator creator={creator} />}
      <MintCard />
    </>
  );
}

function GalleryOf({ creator, stable }: { creator: string; stable: string }) {
  const { q, address } = useSession();
  const [fk, setFk] = useState<FilterKind>("all");
  const [fv, setFv] = useState("");
  const [cursors, setCursors] = useState<string[]>([]); // start_after of each page after the first
  const filter: GalleryFilter | undefined = useMemo(() => {
    if (fk === "media_kind" && fv) return { media_kind: fv as MediaKind };
    if (fk === "year" && /^\d{4}$/.test(fv)) return { year: Number(fv) };
    if (fk === "tag" && fv.trim()) return { tag: fv.trim().toLowerCase() };
    return undefined;
  }, [fk, fv]);
  const startAfter = cursors[cursors.length - 1];
  const page = useLive(async () => {
    const [g, totals] = await Promise.all([
      q.gallery.gallery({ creator, filter, limit: PAGE, startAfter }),
      q.gallery.creatorPledges({ creator }),
    ]);
    return { items: g.items, totals };
  }, [creator, filter, startAfter]);
  const setFilter = (k: FilterKind, v = "") => {
    setFk(k);
    setFv(v);
    setCursors([]);
  };
  const items = page.data?.items ?? [];
  return (
    <Card
      testid="gallery"
      title={creator === address ? "Your gallery" : <>Gallery of <span className="mono">{shortAddr(creator)}</span></>}
      actions={
        <Stat label="Pledged in total" value={fmtAmount(page.data?.totals.total ?? "0")} unit={stable} testid="creator-pledges" />
      }
    >
      <div className="row" style={{ marginBottom: 12 }}>
        <div className="seg">
          {(["all", "media_kind", "year", "tag"] as const).map((k) => (
            <button key={k} className={fk === k ? "on" : ""} onClick={() => setFilter(k, k === "media_kind" ? "photo" : k === "year" ? String(new Date().getFullYear()) : "")} data-testid={`filter-${k}`}>
              {{ all: "All", media_kind: "Kind", year: "Year", tag: "Tag" }[k]}
            </button>
          ))}
        </div>
        {fk === "media_kind" && (
          <select value={fv} onChange={(e) => setFilter("media_kind", e.target.value)} data-testid="filter-kind-value">
            <option value="photo">Photos</option>
            <option value="video">Videos</option>
            <option value="audio">Audio</option>
          </select>
        )}
        {fk === "year" && <input className="amount" value={fv} onChange={(e) => setFilter("year", e.target.value)} placeholder="2025" data-testid="filter-year-value" />}
        {fk === "tag" && <input className="amount" value={fv} onChange={(e) => setFilter("tag", e.target.value)} placeholder="tag" data-testid="filter-tag-value" />}
      </div>
      {page.error && <p className="error">{page.error}</p>}
      {!page.data && !page.error ? (
        <p className="muted">Loading…</p>
      ) : items.length === 0 ? (
        <Empty>{cursors.length > 0 ? "No more items." : filter ? "Nothing in this gallery matches the filter." : "This gallery is empty so far."}</Empty>
      ) : (
        <div className="tiles" data-testid="gallery-items">
          {items.map((it) => (
            <Tile key={it.token_id} item={it} stable={stable} />
          ))}
        </div>
      )}
      {(cursors.length > 0 || items.length === PAGE) && (
        <div className="pager">
          <button className="ghost small" disabled={cursors.length === 0} onClick={() => setCursors((c) => c.slice(0, -1))} data-testid="page-prev">← Previous</button>
          <span className="muted small">page {cursors.length + 1}</span>
          <button className="ghost small" disabled={items.length < PAGE} onClick={() => setCursors((c) => [...c, items[items.length - 1].token_id])} data-testid="page-next">Next →</button>
        </div>
      )}
    </Card>
  );
}

function Tile({ item, stable }: { item: GalleryItem; stable: string }) {
  const { address, exec, net } = useSession();
  const [open, setOpen] = useState(false);
  const [amount, setAmount] = useState("");
  const tx = useTx();
  const canPledge = !!address && (address === item.owner || address === item.info.creator);
  const rev = item.info.ad_revenue;
  const revText = rev === "royalty" ? "royalty: creator 100%" : rev === "ownership" ? "ownership: owner 100%" : `hybrid: creator ${(rev.hybrid.creator_bps / 100).toFixed(0)}%`;
  const pledge = async () => {
    let base: string;
    try {
      base = parseAmount(amount, "pledge");
    } catch (e) {
      tx.refuse("Pledge", (e as Error).message);
      return;
    }
    const ok = await tx.run(`Pledge ${amount} ${stable} to ${item.token_id}`, () =>
      exec!.gallery.pledge({ tokenId: item.token_id }, "auto", undefined, [{ denom: net.stableDenom, amount: base }]),
    );
    if (ok) {
      setAmount("");
      setOpen(false);
    }
  };
  return (
    <div className="tile" data-testid="gallery-item" data-token-id={item.token_id} data-hash={item.info.content_hash}>
      <div className="tile-art" style={{ background: KIND_BG[item.info.media_kind] }}>
        <div className="badges">
          {item.sold && <span className="pill sold">sold</span>}
          {item.info.pay_per_view && <span className="pill">pay-per-view</span>}
        </div>
        <KindIcon kind={item.info.media_kind} />
      </div>
      <div className="tile-body">
        <div className="tile-title">{item.token_id}</div>
        <div className="muted small">
          {item.info.media_kind} · {item.info.year} · {revText}
        </div>
        <div>{item.info.tags.map((t) => <span className="tag" key={t}>#{t}</span>)}</div>
        <div className="hash" title="sha256 of the file" data-testid="item-hash">sha256 {item.info.content_hash}</div>
        <div className="row">
          <span>
            Pledge <b data-testid="item-pledge">{fmtAmount(item.info.pledge)}</b> {stable}
          </span>
          <div className="grow" />
          {canPledge && !open && <button className="ghost small" onClick={() => setOpen(true)} data-testid="pledge-open">Pledge</button>}
        </div>
        {open && (
          <div className="row">
            <input className="amount" style={{ width: 110 }} placeholder={stable} value={amount} onChange={(e) => setAmount(e.target.value)} data-testid="pledge-amount" />
            <button className="primary small" disabled={tx.busy} onClick={pledge} data-testid="pledge-submit">Add</button>
            <button className="link small" onClick={() => setOpen(false)}>Close</button>
          </div>
        )}
        <TxProgress tx={tx} />
      </div>
    </div>
  );
}

const slug = (s: string) => s.toLowerCase().replace(/\.[^.]*$/, "").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40) || "upload";

function MintCard() {
  const { address, exec } = useSession();
  const tx = useTx();
  const [file, setFile] = useState<File>();
  const [hash, setHash] = useState("");
  const [tokenId, setTokenId] = useState("");
  const [kind, setKind] = useState<MediaKind>("photo");
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [tags, setTags] = useState("");
  const [uri, setUri] = useState("");
  const [model, setModel] = useState<"royalty" | "ownership" | "hybrid">("royalty");
  const [creatorPct, setCreatorPct] = useState("70");
  const [ppv, setPpv] = useState(false);
  const [rights, setRights] = useState(false);
  const [fileKey, setFileKey] = useState(0); // remounts the file input after a mint (clears the picked file)
  const pick = async (f?: File) => {
    setFile(f);
    setHash("");
    if (!f) return;
    if (f.type.startsWith("video/")) setKind("video");
    else if (f.type.startsWith("audio/")) setKind("audio");
    else setKind("photo");
    setTokenId(`${year}-${slug(f.name)}`);
    setHash(await sha256File(f));
  };
  const mint = async () => {
    if (!hash) return tx.refuse("Mint", "Pick the file first: its sha256 fingerprint is what goes on chain.");
    const tagList = tags.split(/[,\s]+/).map((t) => t.trim()).filter(Boolean);
    const ad_revenue = model === "hybrid" ? { hybrid: { creator_bps: Math.round(Number(creatorPct) * 100) } } : model;
    const ok = await tx.run(`Mint ${tokenId}`, () =>
      exec!.gallery.mint({
        tokenId: tokenId.trim(),
        owner: address!,
        tokenUri: uri.trim() || undefined,
        extension: { content_hash: hash, media_kind: kind, year: Number(year), tags: tagList, ad_revenue, pay_per_view: ppv, rights_confirmed: rights },
      }),
    );
    if (ok) {
      setFile(undefined);
      setHash("");
      setTokenId("");
      setTags("");
      setRights(false);
      setFileKey((k) => k + 1);
    }
  };
  return (
    <Card title="Add to your gallery" testid="mint-card">
      {!address ? (
        <NeedWallet what="mint into your gallery" />
      ) : (
        <>
          <div className="dropzone">
            <input key={fileKey} type="file" accept="image/*,video/*,audio/*" onChange={(e) => pick(e.target.files?.[0])} data-testid="mint-file" />
            <div className="grow small">
              {file ? (
                hash ? (
                  <>
                    <b>{file.name}</b> · {(file.size / 1024).toFixed(1)} KB
                    <div className="hash" data-testid="mint-hash">sha256 {hash}</div>
                  </>
                ) : (
                  <span className="muted">Computing the fingerprint…</span>
                )
              ) : (
                <span className="muted">Pick a photo, video or audio file. Only its fingerprint is published; the file stays on your device.</span>
              )}
            </div>
          </div>
          <div className="form" style={{ marginTop: 12 }}>
            <label className="field">Token id<input value={tokenId} onChange={(e) => setTokenId(e.target.value)} placeholder={`${new Date().getFullYear()}-sunset-01`} data-testid="mint-token-id" /></label>
            <label className="field">Kind
              <select value={kind} onChange={(e) => setKind(e.target.value as MediaKind)} data-testid="mint-kind">
                <option value="photo">Photo</option>
                <option value="video">Video</option>
                <option value="audio">Audio</option>
              </select>
            </label>
            <label className="field">Year<input value={year} onChange={(e) => setYear(e.target.value)} data-testid="mint-year" /></label>
            <label className="field">Tags<input value={tags} onChange={(e) => setTags(e.target.value)} placeholder="sunset, beach" data-testid="mint-tags" /></label>
            <label className="field">Ad revenue
              <select value={model} onChange={(e) => setModel(e.target.value as typeof model)} data-testid="mint-model">
                <option value="royalty">Royalty: creator keeps 100%</option>
                <option value="ownership">Ownership: owner gets 100%</option>
                <option value="hybrid">Hybrid: split</option>
              </select>
            </label>
            {model === "hybrid" && <label className="field">Creator share %<input value={creatorPct} onChange={(e) => setCreatorPct(e.target.value)} /></label>}
            <label className="field">Link (optional)<input value={uri} onChange={(e) => setUri(e.target.value)} placeholder="ipfs://…" data-testid="mint-uri" /></label>
          </div>
          <div className="row" style={{ marginTop: 12 }}>
            <label className="check"><input type="checkbox" checked={ppv} onChange={(e) => setPpv(e.target.checked)} /> Pay-per-view</label>
          </div>
          <label className="check" style={{ marginTop: 8 }}>
            <input type="checkbox" checked={rights} onChange={(e) => setRights(e.target.checked)} data-testid="mint-rights" />
            <span>I confirm I created this content or hold the rights to publish it. The ad-revenue model cannot be changed after minting.</span>
          </label>
          <div className="row" style={{ marginTop: 12 }}>
            <button className="primary" disabled={tx.busy || !hash || !tokenId} onClick={mint} data-testid="mint-submit">Mint</button>
          </div>
          <TxProgress tx={tx} />
        </>
      )}
    </Card>
  );
}
