// The first screen for a visitor without a wallet: what Mesi is (SPEC.md: galleries with trust pledges, tiers from
// holding or locking $MESI, bid to meet, the marketplace, earnings), a few live figures, the tier table as the
// contracts hold it (token `config` tiers; bid-to-meet, referral and marketplace limits per tier), what each view
// does, and how to connect. Every figure is a chain query made without a wallet; nothing is hard-coded.
import { useLive, useSession } from "../chain/session";
import { Card, Stat } from "../ui/bits";
import { ConnectButtons } from "../ui/Connect";
import { duration, fmtAmount, tierName } from "../ui/format";
import { NavIcon } from "../ui/icons";
import { VIEW_LIST } from "./list";

/** a query whose contract may be missing on this network (a partial deployment): `undefined` instead of a failure */
const maybe = <T,>(p: Promise<T>): Promise<T | undefined> => p.catch(() => undefined);

/** base units -> "100B" (whole MESI in compact notation; the exact figure goes in a tooltip) */
const compact = (base: string) => new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 2 }).format(BigInt(base) / 10n ** 6n);

/** the commission of meetings and of sales (bps) as one figure, or both when they differ */
function commission(btm?: number, market?: number): string {
  const pct = (bps: number) => `${bps / 100}%`;
  if (btm === undefined && market === undefined) return "—";
  if (btm === undefined || market === undefined || btm === market) return pct((btm ?? market)!);
  return `${pct(btm)} / ${pct(market)}`;
}

/** micro-USD (6 decimals) -> "USD 200" */
const usd = (micro: string) => `USD ${fmtAmount(micro, 0)}`;

export function Welcome() {
  const { q, net } = useSession();
  const live = useLive(async () => {
    // the tier table's own rows: without them the table cannot be shown, so this one may fail the load
    const token = await q.token.config();
    const [info, price, nfts, btm, referral, market, marketLimits] = await Promise.all([
      maybe(q.token.tokenInfo()),
      maybe(q.treasury.price()),
      maybe(q.gallery.numTokens()),
      maybe(q.btm.config()),
      maybe(q.referral.config()),
      maybe(q.market.config()),
      maybe(q.market.tierLimits()),
    ]);
    return { token, info, price, nfts, btm, referral, market, marketLimits: marketLimits?.tiers };
  }, []);
  const d = live.data;
  const stable = net.stableDenom.replace(/^u/, "").toUpperCase();
  const compliance = d?.market ? duration(d.market.compliance_window) : undefined;
  return (
    <>
      <section className="card hero" data-testid="welcome">
        <div className="hero-text">
          <div className="eyebrow">Welcome to Mesi</div>
          <h1>Creators share their work, fans back them and meet them, all with one token: $MESI.</h1>
          <p className="lede">
            Mesi is a platform where creators earn from their fans. Its money is <b>$MESI</b>, a token you keep in
            your own wallet. Everything below runs as contracts on the <b>{net.chainId}</b> chain: this page reads
            them, and sends only what you sign.
          </p>
          <ul className="facts" data-testid="welcome-facts">
            <li>
              <b>Galleries.</b> Every work a creator uploads is an NFT in the creator's gallery, with the file's
              fingerprint on chain. A <b>trust pledge</b> in {stable} backs a work: it can only grow, stays with the
              work when it is sold, and goes to the people harmed if the work turns out stolen or fake.
            </li>
            <li>
              <b>Tiers.</b> Fans hold or lock MESI to climb the tiers below. A higher tier lets you bid more to meet
              a creator and earns a larger referral reward; a creator's locked MESI sets how much it may sell.
            </li>
            <li>
              <b>Bid to meet.</b> Fans bid MESI for a meeting (in person, video, voice or text). The bid waits in
              escrow; the creator is paid when the fan scans the one-time code shown at the meeting.
            </li>
            <li>
              <b>Marketplace.</b> Gallery NFTs are sold at a fixed price, by auction or by private offer
              {compliance && <>; every sale waits out a {compliance} compliance window before it completes</>}.
            </li>
            <li>
              <b>Earnings.</b> What creators earn on the platform is credited in MESI at the current price and
              claimed whenever they like.
            </li>
          </ul>
        </div>
        <aside className="hero-connect" data-testid="welcome-connect">
          <h3>Take part</h3>
          <p className="small">
            Looking around needs no wallet: every view reads the chain live. To lock MESI, mint, bid or buy, connect
            a Keplr wallet.
          </p>
          <ol className="steps small">
            <li>Install the <a href="https://www.keplr.app/" target="_blank" rel="noreferrer">Keplr</a> browser extension.</li>
            {net.local && (
              <li data-testid="welcome-devnet">
                This is a local <b>test chain</b>. In Keplr, import a DEVNET-ONLY account (e.g. <i>alice</i>) by its
                recovery phrase from <code className="path">networks/devnet-accounts.json</code> in the Mesi repository:
                every one has test fees and {stable}. Never use those words on a real network.
              </li>
            )}
            <li>Press Connect: Keplr asks to add <b>{net.chainId}</b> and to connect this page.</li>
          </ol>
          <ConnectButtons testid="welcome-connect" big />
        </aside>
      </section>

      {!d ? (
        <Card>{live.error ? <p className="error">{live.error}</p> : <p className="muted">Reading the chain…</p>}</Card>
      ) : (
        <>
          <div className="grid stats" data-testid="welcome-figures">
            <Stat label="MESI in existence" value={d.info ? <span title={`${fmtAmount(d.info.total_supply)} MESI`}>{compact(d.info.total_supply)}</span> : "—"} unit="MESI" testid="welcome-supply" hint="total supply, from the token" />
            <Stat
              label="MESI price"
              value={d.price?.price ? `$${Number(d.price.price).toLocaleString("en-US", { maximumSignificantDigits: 6 })}` : "—"}
              testid="welcome-price"
              hint={!d.price ? "no price feed on this network" : d.price.price && d.price.fresh ? "posted by the price feeder" : "no fresh price right now"}
            />
            <Stat label="Works in galleries" value={d.nfts ? d.nfts.count.toLocaleString("en-US") : "—"} unit="NFTs" testid="welcome-nfts" hint="minted so far" />
            <Stat
              label="Platform commission"
              value={commission(d.btm?.commission_bps, d.market?.commission_bps)}
              testid="welcome-commission"
              hint={d.btm && d.market && d.btm.commission_bps !== d.market.commission_bps ? "of a meeting's bid / of a sale's price" : "of a meeting's bid or a sale's price"}
            />
          </div>
          <TierTable d={d} />
        </>
      )}

      <Card title="What you can do here" testid="welcome-views">
        <div className="view-list">
          {VIEW_LIST.map((v) => (
            <a key={v.id} href={`#${v.id}`} className="view-link" data-testid={`welcome-view-${v.id}`}>
              <span className="view-icon"><NavIcon id={v.id} /></span>
              <span>
                <b>{v.title}</b>
                <span className="muted small"> {v.does}</span>
              </span>
            </a>
          ))}
        </div>
      </Card>
    </>
  );
}

type Loaded = {
  token: Awaited<ReturnType<ReturnType<typeof useSession>["q"]["token"]["config"]>>;
  btm?: Awaited<ReturnType<ReturnType<typeof useSession>["q"]["btm"]["config"]>>;
  referral?: Awaited<ReturnType<ReturnType<typeof useSession>["q"]["referral"]["config"]>>;
  marketLimits?: Awaited<ReturnType<ReturnType<typeof useSession>["q"]["market"]["tierLimits"]>>["tiers"];
};

/**
 * Tier 0 and one row per row of the token's tier table (row i is tier i + 1). Beside the token's thresholds: the
 * bid-to-meet USD limit (`tier_limits_usd[tier - 1]`, a tier above the table uses its last row), the referral reward
 * (`bonus_usd` x `multipliers[tier - 1]`), and the marketplace's selling limits (`tier_limits[tier]`, by creator
 * tier). A column whose contract this network lacks is left out.
 */
function TierTable({ d }: { d: Loaded }) {
  const rows = d.token.tiers;
  const tiers = [0, ...rows.map((_, i) => i + 1)];
  const pick = <T,>(list: T[] | undefined, i: number) => (list && list.length > 0 ? list[Math.min(i, list.length - 1)] : undefined);
  const market = d.marketLimits;
  return (
    <Card title="Tiers: what holding or locking MESI gives you" testid="welcome-tiers">
      <p className="muted small">
        Your tier is the higher of two: as a <b>fan</b>, your influence points (your average MESI balance over the last
        7 days plus your locked MESI) reach the row; as a <b>creator</b>, your locked MESI alone does. Locking is
        instant, unlocking waits {duration(d.token.unlock_delay)}; locked MESI stays in your wallet.
      </p>
      <div className="table-scroll">
        <table className="list tiers">
          <thead>
            <tr>
              <th>Tier</th>
              <th>Fan: points</th>
              <th>or creator: locked</th>
              {d.btm && <th>Bid to meet: up to</th>}
              {d.referral && <th>Referral reward</th>}
              {market && <th>Selling NFTs (creator tier)</th>}
            </tr>
          </thead>
          <tbody>
            {tiers.map((t) => {
              const row = t > 0 ? rows[t - 1] : undefined;
              const limit = t > 0 ? pick(d.btm?.tier_limits_usd, t - 1) : undefined;
              const mult = t > 0 ? pick(d.referral?.multipliers, t - 1) : undefined;
              const sell = pick(market, t);
              return (
                <tr key={t} data-testid="welcome-tier" data-tier={t}>
                  <td>
                    <span className={`tier-dot t${t}`}>{t}</span> <b>{tierName(t)}</b>
                  </td>
                  <td data-testid="tier-fan-hold">{row ? <>{fmtAmount(row.fan_hold, 0)}</> : <span className="muted">below {fmtAmount(rows[0]?.fan_hold, 0)}</span>}</td>
                  <td data-testid="tier-creator-locked">{row ? <>{fmtAmount(row.creator_locked, 0)}</> : <span className="muted">below {fmtAmount(rows[0]?.creator_locked, 0)}</span>}</td>
                  {d.btm && (
                    <td data-testid="tier-btm-limit">{t === 0 ? <span className="muted">bidding starts at tier 1</span> : limit ? usd(limit) : "no limit"}</td>
                  )}
                  {d.referral && (
                    <td data-testid="tier-referral">
                      {t === 0 || mult === undefined ? <span className="muted">codes from tier 1</span> : <>{usd((BigInt(d.referral.bonus_usd) * BigInt(mult)).toString())} <span className="muted small">({mult}×)</span></>}
                    </td>
                  )}
                  {market && (
                    <td className="wrap" data-testid="tier-selling">
                      {sell ? (
                        <>
                          {sell.max_orders == null ? "any number of" : sell.max_orders} orders {sell.max_price_usd == null ? "at any price" : <>up to {usd(sell.max_price_usd)} each</>}, auctions up to {sell.max_auction_days} days
                        </>
                      ) : "—"}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="muted small">Read live from the token{d.btm ? ", bid-to-meet" : ""}{d.referral ? ", referral" : ""}{market ? " and marketplace" : ""} contracts. USD amounts are paid in MESI at the current price.</p>
    </Card>
  );
}
