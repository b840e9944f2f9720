// The reference dApp (web/, issue 11) in headless Chromium (Debian's /usr/bin/chromium driven by playwright-core)
// against a throw-away devnet with the suite deployed. Every flow is asserted twice: on the page and by a direct
// query of the chain. Any console error or uncaught page exception fails the test. A screenshot per flow lands in
// artifacts/web/ (git-ignored). The production bundle is checked for the test signer and for mnemonics.
// Needs artifacts/mesi_{token,treasury,gallery,bid_to_meet}.wasm (make wasm) and wasmd (scripts/build-wasmd.sh).
import { after, afterEach, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { toBinary } from "@cosmjs/cosmwasm-stargate";
import { fromBase64, toBase64 } from "@cosmjs/encoding";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { build, preview, type PreviewServer } from "vite";
import { MesiBidToMeetQueryClient } from "../../clients/src/MesiBidToMeet.client";
import { MesiGalleryQueryClient } from "../../clients/src/MesiGallery.client";
import { MesiTokenClient, MesiTokenQueryClient } from "../../clients/src/MesiToken.client";
import { MesiTreasuryClient } from "../../clients/src/MesiTreasury.client";
import { MesiBidToMeetClient } from "../../clients/src/MesiBidToMeet.client";
import { actors, type Actor } from "../../scripts/deploy/accounts";
import { loadDevAccounts, loadNetwork } from "../../scripts/deploy/config";
import { MESI } from "../../scripts/deploy/genesis";
import { buildTree } from "../../scripts/merkle/merkle.mjs";
import { MesiTreasuryQueryClient } from "../../clients/src/MesiTreasury.client";
import { MesiReferralQueryClient } from "../../clients/src/MesiReferral.client";
import { MesiGalleryClient } from "../../clients/src/MesiGallery.client";
import { MesiInfluenceQueryClient } from "../../clients/src/MesiInfluence.client";
import { MesiRevenueQueryClient } from "../../clients/src/MesiRevenue.client";
import { MesiMarketplaceQueryClient } from "../../clients/src/MesiMarketplace.client";
import { MesiValidatorRewardsClient, MesiValidatorRewardsQueryClient } from "../../clients/src/MesiValidatorRewards.client";
import { QueryClient, setupStakingExtension } from "@cosmjs/stargate";
import { connectComet } from "@cosmjs/tendermint-rpc";
import { ROOT, deployedDevnet, type Devnet } from "../e2e/devnet";

const CHROMIUM = process.env.MESI_CHROMIUM ?? "/usr/bin/chromium";
const WEB = path.join(ROOT, "web");
const SHOTS = path.join(ROOT, "artifacts", "web");
// MESI_ARTIFACTS_DIR (as for scripts/deploy) takes the artifacts from elsewhere
const ARTIFACTS_DIR = process.env.MESI_ARTIFACTS_DIR ? path.resolve(process.env.MESI_ARTIFACTS_DIR) : path.join(ROOT, "artifacts");
const ARTIFACTS = ["mesi_token", "mesi_treasury", "mesi_gallery", "mesi_bid_to_meet"].map((a) => path.join(ARTIFACTS_DIR, `${a}.wasm`));
const missing = ARTIFACTS.filter((a) => !fs.existsSync(a)).map((a) => path.basename(a));
const noBrowser = !fs.existsSync(CHROMIUM) && `${CHROMIUM} missing (apt-get install chromium; .ci/run does it)`;
const sha256 = (b: string | Buffer) => createHash("sha256").update(b).digest("hex");
const m = (whole: number) => (BigInt(whole) * MESI).toString();
/** base units (6 decimals) as the page shows them: "90", "1,234.5" */
const fmtWhole = (base: bigint) => `${(base / MESI).toLocaleString("en-US")}${base % MESI ? "." + (base % MESI).toString().padStart(6, "0").slice(0, 2).replace(/0+$/, "") : ""}`;

/** a Keplr-compatible window.keplr whose signer is the Node test process (through the exposed functions) */
const FAKE_KEPLR = `
(() => {
  const b64 = (u) => btoa(String.fromCharCode(...u));
  const bytes = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
  window.keplr = {
    async experimentalSuggestChain(info) { window.__suggestedChain = info; },
    async enable(chainId) { window.__enabledChain = chainId; },
    async getKey() { throw new Error("not used"); },
    getOfflineSigner(chainId) {
      return {
        async getAccounts() {
          const a = await window.mesiTestSignerAccounts(chainId);
          return a.map((x) => ({ address: x.address, algo: "secp256k1", pubkey: bytes(x.pubkey) }));
        },
        async signDirect(address, doc) {
          const r = await window.mesiTestSignerSignDirect(address, { bodyBytes: b64(doc.bodyBytes), authInfoBytes: b64(doc.authInfoBytes), chainId: doc.chainId, accountNumber: doc.accountNumber.toString() });
          return {
            signed: { bodyBytes: bytes(r.signed.bodyBytes), authInfoBytes: bytes(r.signed.authInfoBytes), chainId: r.signed.chainId, accountNumber: BigInt(r.signed.accountNumber) },
            signature: r.signature,
          };
        },
      };
    },
  };
})();
`;

/** the launch flags that keep Debian's chromium quiet and quick on a closed network */
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** vite build of web/ into `outDir` (mode "e2e" compiles the test signer in; "production" is what `make web` ships) */
async function buildWeb(mode: "e2e" | "production", outDir: string) {
  const prev = process.env.MESI_WEB_OUT;
  process.env.MESI_WEB_OUT = outDir;
  try {
    await build({ configFile: path.join(WEB, "vite.config.ts"), mode, logLevel: "error" });
  } finally {
    if (prev === undefined) delete process.env.MESI_WEB_OUT;
    else process.env.MESI_WEB_OUT = prev;
  }
}

/**
 * The two bundles, built once per run and shared by both describes (each build takes a vite run): "production" (what
 * `make web` ships: Keplr only) and "e2e" (the test signer compiled in). The browser tests serve them with the
 * devnet's deployment.json written beside them.
 */
const BUNDLES = fs.mkdtempSync(path.join(os.tmpdir(), "mesi-web-bundles-"));
process.once("exit", () => fs.rmSync(BUNDLES, { recursive: true, force: true }));
let built: Promise<{ prod: string; e2e: string; seconds: number }> | undefined;
const bundles = () =>
  (built ??= (async () => {
    const t0 = Date.now();
    const prod = path.join(BUNDLES, "prod");
    const e2e = path.join(BUNDLES, "e2e");
    await buildWeb("production", prod);
    await buildWeb("e2e", e2e);
    return { prod, e2e, seconds: (Date.now() - t0) / 1000 };
  })());

function bundleText(dir: string): string {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(fs.readFileSync(p, "latin1"));
    }
  };
  walk(dir);
  return out.join("\n");
}

describe("production bundle", () => {
  test("the production bundle contains no test signer, no devnet mnemonic and no BIP39 word list", async () => {
    const { prod, e2e, seconds } = await bundles();
    const prodText = bundleText(prod);
    const e2eText = bundleText(e2e);
    const js = fs.readdirSync(path.join(prod, "assets")).filter((f) => f.endsWith(".js"));
    const bytes = js.reduce((n, f) => n + fs.statSync(path.join(prod, "assets", f)).size, 0);
    console.log(`# production bundle: ${js.length} js file(s), ${(bytes / 1024).toFixed(0)} KiB; two builds in ${seconds.toFixed(1)} s`);
    // the markers exist in the e2e bundle, so their absence from production means something
    for (const marker of ["MESI_TEST_SIGNER", "mesiTestSigner"]) {
      assert.ok(e2eText.includes(marker), `e2e bundle should contain ${marker}`);
      assert.ok(!prodText.includes(marker), `production bundle contains ${marker}`);
    }
    for (const text of [prodText, e2eText]) {
      for (const acc of Object.values(loadDevAccounts())) {
        const words = acc.mnemonic.split(" ");
        assert.ok(!text.includes(acc.mnemonic), `a bundle contains the devnet mnemonic of ${acc.name}`);
        assert.ok(!text.includes(words.slice(0, 4).join(" ")), `a bundle contains the start of ${acc.name}'s mnemonic`);
      }
      // the BIP39 English list starts abandon, ability, able, about (any separator)
      assert.doesNotMatch(text, /abandon\W{1,6}ability\W{1,6}able\W{1,6}about/, "a bundle contains the BIP39 word list");
    }
  });
});

describe("the dApp in a browser on the devnet", { skip: (missing.length > 0 && `${missing.join(", ")} not built (make wasm)`) || noBrowser }, () => {
  let dev: Devnet;
  let record: any;
  let server: PreviewServer, prodServer: PreviewServer;
  let url: string, prodUrl: string;
  let browser: Browser;
  let who: Record<"alice" | "bob" | "carol" | "deployer" | "feeder" | "liquidity" | "operator" | "validator0", Actor>;
  let tq: MesiTokenQueryClient, gq: MesiGalleryQueryClient, bq: MesiBidToMeetQueryClient;
  let token: string, treasury: string, gallery: string, btm: string;
  const contexts: BrowserContext[] = [];
  let errors: string[] = [];
  type Persona = "alice" | "bob" | "carol" | "dave" | "validator0";
  const pages: Partial<Record<Persona, Page>> = {};
  const balance = async (addr: string) => BigInt((await tq.balance({ address: addr })).balance);

  /** a browser context signed in as a devnet account: the page's test wallet asks this process to sign */
  /**
   * A page signed in as a devnet account. The e2e bundle's test wallet (default), or, with `keplr`, a Keplr-compatible
   * wallet injected into the page (window.keplr) on the bundle at `base` (the production bundle): it records the
   * chain the page suggests and signs through the same Node functions.
   */
  async function openAs(name: Persona, at = "#account", opts: { keplr?: boolean; base?: string } = {}): Promise<Page> {
    if (pages[name]) return pages[name]!;
    const base = opts.base ?? url;
    const acc = loadDevAccounts()[name];
    const page = await visit(name, opts);
    await page.goto(at.startsWith("#") ? `${base}${at}` : `${base}${at.replace(/^\//, "")}`);
    await page.getByTestId(opts.keplr ? "connect-keplr" : "connect-test").click();
    await page.getByTestId("address").waitFor();
    assert.equal(await page.getByTestId("address").getAttribute("title"), acc.address);
    pages[name] = page;
    return page;
  }

  /**
   * A fresh page whose test wallet (or, with `keplr`, an injected Keplr-compatible wallet) would sign as the devnet
   * account `name`, not yet connected and not yet navigated; its console errors and page exceptions fail the test.
   */
  async function visit(name: Persona, opts: { keplr?: boolean } = {}): Promise<Page> {
    const acc = loadDevAccounts()[name];
    const wallet = await DirectSecp256k1HdWallet.fromMnemonic(acc.mnemonic, { prefix: "wasm" });
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 860 }, deviceScaleFactor: 1 });
    contexts.push(ctx);
    await ctx.exposeFunction("mesiTestSignerAccounts", async () =>
      (await wallet.getAccounts()).map((a) => ({ address: a.address, pubkey: toBase64(a.pubkey) })),
    );
    await ctx.exposeFunction("mesiTestSignerSignDirect", async (address: string, doc: { bodyBytes: string; authInfoBytes: string; chainId: string; accountNumber: string }) => {
      const r = await wallet.signDirect(address, {
        bodyBytes: fromBase64(doc.bodyBytes),
        authInfoBytes: fromBase64(doc.authInfoBytes),
        chainId: doc.chainId,
        accountNumber: BigInt(doc.accountNumber),
      });
      return {
        signed: { bodyBytes: toBase64(r.signed.bodyBytes), authInfoBytes: toBase64(r.signed.authInfoBytes), chainId: r.signed.chainId, accountNumber: r.signed.accountNumber.toString() },
        signature: r.signature,
      };
    });
    if (opts.keplr) {
      // plain JavaScript (a string, so the TypeScript loader adds nothing the page lacks)
      await ctx.addInitScript(FAKE_KEPLR);
    }
    const page = await ctx.newPage();
    page.on("console", (msg) => {
      if (msg.type() === "error") errors.push(`[${name} console] ${msg.text()}`);
    });
    page.on("pageerror", (e) => errors.push(`[${name} page] ${e.message}`));
    return page;
  }

  /** waits for the transaction in `scope` to be included; returns its hash and height as the page shows them */
  async function included(scope: ReturnType<Page["locator"]>) {
    const status = scope.locator('[data-testid="tx-status"]').last();
    await status.waitFor();
    await scope.page().waitForFunction(
      (el) => el?.getAttribute("data-stage") === "included" || el?.getAttribute("data-stage") === "refused",
      await status.elementHandle(),
      { timeout: 60_000 },
    );
    const stage = await status.getAttribute("data-stage");
    if (stage !== "included") assert.fail(`transaction refused: ${await status.textContent()}`);
    const hash = (await status.locator('[data-testid="tx-hash"]').getAttribute("data-hash"))!;
    const height = Number((await status.locator('[data-testid="tx-height"]').textContent())!.replace(/,/g, ""));
    // the page's hash and height are the chain's
    const tx = await who.alice.client.getTx(hash);
    assert.ok(tx, `tx ${hash} not found on chain`);
    assert.equal(tx.height, height);
    assert.equal(tx.code, 0);
    return { hash, height };
  }

  /** the whole page as one picture (a viewport as tall as the page, so the sticky header stays on top) */
  const shot = async (page: Page, name: string) => {
    const vp = page.viewportSize()!;
    const h = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.setViewportSize({ width: vp.width, height: Math.min(Math.max(h, vp.height), 4000) });
    await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
    await page.setViewportSize(vp);
  };

  before(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    const t0 = Date.now();
    const d = await deployedDevnet();
    dev = d.dev;
    record = d.record;
    token = record.contracts.token.address;
    treasury = record.contracts.treasury.address;
    gallery = record.contracts.gallery.address;
    btm = record.contracts["bid-to-meet"].address;
    who = await actors(loadNetwork("devnet"), ["alice", "bob", "carol", "deployer", "feeder", "liquidity", "operator", "validator0"] as const);
    tq = new MesiTokenQueryClient(who.alice.client, token);
    gq = new MesiGalleryQueryClient(who.alice.client, gallery);
    bq = new MesiBidToMeetQueryClient(who.alice.client, btm);
    // the platform's side (back end): a fresh price, MESI for the fan and the creator, the fan's KYC
    await new MesiTreasuryClient(who.feeder.client, who.feeder.address, treasury).postPrice({ price: "0.05" });
    await new MesiTokenClient(who.liquidity.client, who.liquidity.address, token).transfer({ recipient: who.alice.address, amount: m(10_000) });
    await new MesiTokenClient(who.liquidity.client, who.liquidity.address, token).transfer({ recipient: who.carol.address, amount: m(10_000) });
    await new MesiTokenClient(who.liquidity.client, who.liquidity.address, token).transfer({ recipient: who.bob.address, amount: m(10_000) });
    await new MesiTokenClient(who.bob.client, who.bob.address, token).lock({ amount: m(150) });
    await new MesiBidToMeetClient(who.operator.client, who.operator.address, btm).setKyc({ address: who.alice.address, completed: true });
    await new MesiBidToMeetClient(who.operator.client, who.operator.address, btm).setKyc({ address: who.bob.address, completed: true });
    // the e2e bundle, served with this devnet's deployment record beside it
    const { e2e: out, prod: prodOut } = await bundles();
    fs.writeFileSync(path.join(out, "deployment.json"), JSON.stringify(record));
    const port = await freePort();
    server = await preview({ configFile: path.join(WEB, "vite.config.ts"), mode: "e2e", logLevel: "error", build: { outDir: out }, preview: { port, strictPort: true, host: "127.0.0.1" } });
    url = `http://127.0.0.1:${port}/`;
    // the production bundle too (Keplr only), for the wallet-port test
    fs.writeFileSync(path.join(prodOut, "deployment.json"), JSON.stringify(record));
    const prodPort = await freePort();
    prodServer = await preview({ configFile: path.join(WEB, "vite.config.ts"), logLevel: "error", build: { outDir: prodOut }, preview: { port: prodPort, strictPort: true, host: "127.0.0.1" } });
    prodUrl = `http://127.0.0.1:${prodPort}/`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      // playwright's launch() gives every browser a fresh temporary --user-data-dir of its own
      args: CHROMIUM_ARGS,
    });
    console.log(`# devnet + deploy + build + browser in ${((Date.now() - t0) / 1000).toFixed(1)} s (deploy ${d.seconds.toFixed(1)} s${d.cloned ? ", once, by the runner: this is a clone of its deployed chain" : ""})`);
  });

  afterEach(() => {
    const e = errors;
    errors = [];
    assert.deepEqual(e, [], "console errors or uncaught exceptions in the page");
  });

  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close().catch(() => {});
    await server?.close();
    await prodServer?.close();
    dev?.stop();
  });

  test("first screen without a wallet: it says what Mesi is, shows the tier table the contracts answer, and offers to connect", async () => {
    const page = await visit("dave");
    await page.goto(`${url}#account`);
    const welcome = page.getByTestId("welcome");
    await welcome.waitFor();
    // what Mesi is, part by part (SPEC.md), on the chain the page reads
    const text = (await welcome.textContent())!;
    for (const part of ["$MESI", "Galleries.", "trust pledge", "Tiers.", "Bid to meet.", "Marketplace.", "Earnings.", record.chainId]) {
      assert.ok(text.includes(part), `the first screen does not mention ${part}`);
    }
    // how to connect: Keplr, and on the devnet which accounts to import; the header keeps its own connect control
    assert.match((await page.getByTestId("welcome-devnet").textContent())!, /DEVNET-ONLY.*networks\/devnet-accounts\.json/);
    await page.getByTestId("welcome-connect-keplr").waitFor();
    assert.equal(await page.getByTestId("connect-keplr").count(), 1);
    // the tier table, row by row, as the token's config (and the limits of the other contracts) answer it
    const cfg = await tq.config();
    const btmCfg = await bq.config();
    const refCfg = record.contracts.referral ? await new MesiReferralQueryClient(who.alice.client, record.contracts.referral.address).config() : undefined;
    const sell = record.contracts.marketplace ? (await new MesiMarketplaceQueryClient(who.alice.client, record.contracts.marketplace.address).tierLimits()).tiers : undefined;
    await page.getByTestId("welcome-tiers").waitFor();
    const rows = page.getByTestId("welcome-tier");
    assert.equal(await rows.count(), cfg.tiers.length + 1, "tier 0 and one row per row of the token's table");
    const usd = (micro: string | bigint) => `USD ${fmtWhole(BigInt(micro))}`;
    const last = <T,>(list: T[], i: number) => list[Math.min(i, list.length - 1)];
    for (let t = 0; t <= cfg.tiers.length; t++) {
      const row = page.locator(`[data-testid="welcome-tier"][data-tier="${t}"]`);
      const cell = async (id: string) => (await row.getByTestId(id).textContent())!.trim();
      if (t === 0) {
        assert.equal(await cell("tier-fan-hold"), `below ${fmtWhole(BigInt(cfg.tiers[0].fan_hold))}`);
        assert.equal(await cell("tier-btm-limit"), "bidding starts at tier 1");
      } else {
        assert.equal(await cell("tier-fan-hold"), fmtWhole(BigInt(cfg.tiers[t - 1].fan_hold)), `tier ${t} fan hold`);
        assert.equal(await cell("tier-creator-locked"), fmtWhole(BigInt(cfg.tiers[t - 1].creator_locked)), `tier ${t} creator locked`);
        const limit = last(btmCfg.tier_limits_usd, t - 1);
        assert.equal(await cell("tier-btm-limit"), limit == null ? "no limit" : usd(limit), `tier ${t} bid-to-meet limit`);
        if (refCfg) assert.equal(await cell("tier-referral"), `${usd(BigInt(refCfg.bonus_usd) * BigInt(last(refCfg.multipliers, t - 1)))} (${last(refCfg.multipliers, t - 1)}×)`, `tier ${t} referral`);
      }
      if (sell) {
        const r = last(sell, t);
        const shown = await cell("tier-selling");
        assert.ok(shown.startsWith(r.max_orders == null ? "any number of orders" : `${r.max_orders} orders`), `tier ${t} live orders: ${shown}`);
        assert.ok(shown.includes(r.max_price_usd == null ? "at any price" : `up to ${usd(r.max_price_usd)} each`), `tier ${t} max price: ${shown}`);
        assert.ok(shown.endsWith(`auctions up to ${r.max_auction_days} days`), `tier ${t} auction days: ${shown}`);
      } else {
        assert.equal(await rows.first().getByTestId("tier-selling").count(), 0);
      }
    }
    // the live figures are the chain's
    const info = await tq.tokenInfo();
    assert.equal(await page.getByTestId("welcome-supply").locator("span[title]").getAttribute("title"), `${fmtWhole(BigInt(info.total_supply))} MESI`);
    assert.equal((await page.getByTestId("welcome-commission").textContent())!.trim(), `${btmCfg.commission_bps / 100}%`);
    // every view is explained and linked
    for (const id of ["account", "gallery", "influence", "meet", "earnings", "referral", "validators", "marketplace"]) {
      assert.equal(await page.getByTestId(`welcome-view-${id}`).getAttribute("href"), `#${id}`);
    }
    await shot(page, "0-welcome");
    // the first screen's connect button connects; the account view replaces the first screen
    await page.getByTestId("welcome-connect-test").click();
    await page.getByTestId("address").waitFor();
    await page.getByTestId("tier-card").waitFor();
    assert.equal(await page.getByTestId("welcome").count(), 0);
    await page.context().close();
  });

  test("lock: the tier changes on screen and on chain", async () => {
    const page = await openAs("alice");
    const tier = page.getByTestId("tier");
    await tier.waitFor();
    assert.equal(await tier.getAttribute("data-tier"), "0");
    assert.equal((await tq.tier({ address: who.alice.address })).tier, 0);
    assert.match((await page.getByTestId("next-tier").textContent())!, /Tier 1 needs 100 influence points/);
    await page.getByTestId("lock-amount").fill("150");
    await page.getByTestId("lock-submit").click();
    await included(page.getByTestId("lock-card"));
    await page.waitForFunction(() => document.querySelector('[data-testid="tier"]')?.getAttribute("data-tier") === "1");
    assert.equal(await page.getByTestId("locked").textContent(), "150 MESI");
    const chain = await tq.tier({ address: who.alice.address });
    assert.equal(chain.tier, 1);
    assert.equal(chain.locked, m(150));
    assert.match((await page.getByTestId("next-tier").textContent())!, /Tier 2 needs 200 influence points/);
    // unlock waits the unlock delay: the page shows what is pending and when it is released
    await page.getByTestId("lock-amount").fill("20");
    await page.getByTestId("unlock-submit").click();
    await included(page.getByTestId("lock-card"));
    const lock = await tq.lock({ address: who.alice.address });
    assert.equal(lock.pending_unlock, m(20));
    assert.ok(lock.release_at && lock.release_at > Date.now() / 1000 + 6 * 86_400);
    await page.getByTestId("pending-unlock").waitFor();
    assert.match((await page.getByTestId("pending-unlock").textContent())!, /^20 unlocking in (6 d 23 h|7 d)\b/);
    await shot(page, "1-account-lock");
  });

  const file = Buffer.from(`a sunset over the harbour, shot for the web test ${Date.now()}`);
  const fileHash = sha256(file);
  const tokenId = `${new Date().getFullYear()}-sunset-harbour`;

  test("mint: the page hashes the picked file, the gallery lists it with that sha256", async () => {
    const page = await openAs("carol");
    await page.getByTestId("nav-gallery").click();
    await page.getByTestId("mint-file").setInputFiles({ name: "sunset-harbour.jpg", mimeType: "image/jpeg", buffer: file });
    await page.getByTestId("mint-hash").waitFor();
    assert.equal(await page.getByTestId("mint-hash").textContent(), `sha256 ${fileHash}`);
    assert.equal(await page.getByTestId("mint-token-id").inputValue(), tokenId);
    await page.getByTestId("mint-tags").fill("sunset, harbour");
    // the rights confirmation is asked for; without it the chain refuses
    await page.getByTestId("mint-rights").check();
    await page.getByTestId("mint-submit").click();
    await included(page.getByTestId("mint-card"));
    const tile = page.locator(`[data-testid="gallery-item"][data-token-id="${tokenId}"]`);
    await tile.waitFor();
    assert.equal(await tile.getAttribute("data-hash"), fileHash);
    assert.equal(await tile.getByTestId("item-hash").textContent(), `sha256 ${fileHash}`);
    const nft = await gq.nftInfo({ tokenId });
    assert.equal(nft.extension.content_hash, fileHash);
    assert.equal(nft.extension.creator, who.carol.address);
    assert.deepEqual(nft.extension.tags, ["sunset", "harbour"]);
    // the filters: tag "harbour" lists it, kind "video" does not
    await page.getByTestId("filter-tag").click();
    await page.getByTestId("filter-tag-value").fill("harbour");
    await tile.waitFor();
    await page.getByTestId("filter-media_kind").click();
    await page.getByTestId("filter-kind-value").selectOption("video");
    await tile.waitFor({ state: "detached" });
    assert.equal((await gq.gallery({ creator: who.carol.address, filter: { media_kind: "video" } })).items.length, 0);
    await page.getByTestId("filter-all").click();
    await tile.waitFor();
    await shot(page, "2-gallery-mint");
  });

  test("pledge: the token's and the creator's pledge totals grow on screen and on chain", async () => {
    const page = await openAs("carol");
    const tile = page.locator(`[data-testid="gallery-item"][data-token-id="${tokenId}"]`);
    const usdc0 = BigInt((await who.carol.client.getBalance(who.carol.address, "uusdc")).amount);
    await tile.getByTestId("pledge-open").click();
    await tile.getByTestId("pledge-amount").fill("25");
    await tile.getByTestId("pledge-submit").click();
    await included(tile);
    await page.waitForFunction((id) => document.querySelector(`[data-token-id="${id}"] [data-testid="item-pledge"]`)?.textContent === "25", tokenId);
    await page.waitForFunction(() => document.querySelector('[data-testid="creator-pledges"]')?.textContent?.startsWith("25 "));
    assert.equal((await gq.pledge({ tokenId })).amount, "25000000");
    assert.equal((await gq.creatorPledges({ creator: who.carol.address })).total, "25000000");
    const usdc1 = BigInt((await who.carol.client.getBalance(who.carol.address, "uusdc")).amount);
    assert.equal(usdc0 - usdc1, 25_000_000n);
    await shot(page, "3-gallery-pledge");
  });

  test("gallery pages: a gallery longer than a page is paged with start_after", async () => {
    const page = await openAs("carol");
    const g = new MesiGalleryClient(who.carol.client, who.carol.address, gallery);
    const year = new Date().getFullYear();
    for (let i = 1; i <= 6; i++) {
      await g.mint({
        tokenId: `${year}-a-${String(i).padStart(2, "0")}`,
        owner: who.carol.address,
        extension: { content_hash: sha256(`item ${i}`), media_kind: i % 2 ? "audio" : "video", year, tags: ["series"], ad_revenue: "royalty", pay_per_view: false, rights_confirmed: true },
      });
    }
    const first = (await gq.gallery({ creator: who.carol.address, limit: 6 })).items.map((i) => i.token_id);
    assert.equal(first.length, 6);
    assert.ok(!first.includes(tokenId));
    const items = page.locator('[data-testid="gallery-item"]');
    // the page refreshes while the mints land: wait for the chain's first page, not for any six tiles
    await page.waitForFunction(
      (want) => JSON.stringify(Array.from(document.querySelectorAll('[data-testid="gallery-item"]'), (e) => e.getAttribute("data-token-id"))) === want,
      JSON.stringify(first),
      { timeout: 15_000 },
    );
    assert.deepEqual(await items.evaluateAll((els) => els.map((e) => e.getAttribute("data-token-id"))), first);
    await page.getByTestId("page-next").click();
    await page.locator(`[data-testid="gallery-item"][data-token-id="${tokenId}"]`).waitFor();
    assert.equal(await items.count(), 1);
    await page.getByTestId("page-prev").click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="gallery-item"]').length === 6);
    await shot(page, "3b-gallery-pages");
  });

  let bidId = 0;
  test("influence: a fan backs a creator from its gallery (40%), the split view shows it; the chain agrees", async (t) => {
    if (!record.contracts.influence) return t.skip("influence not deployed (make wasm)");
    const influence = record.contracts.influence.address as string;
    const iq = new MesiInfluenceQueryClient(who.alice.client, influence);
    const page = await openAs("alice");
    await page.getByTestId("nav-gallery").click();
    await page.getByTestId("gallery-creator").fill(who.carol.address);
    const card = page.getByTestId("back-creator");
    await card.waitFor();
    const before = (await iq.galleryStats({ creator: who.carol.address })).supporters;
    await card.getByTestId("back-percent").fill("40");
    await card.getByTestId("back-submit").click();
    await included(card);
    await page.waitForFunction(() => document.querySelector('[data-testid="creator-my-share"]')?.textContent?.startsWith("40%"));
    const a = await iq.allocation({ user: who.alice.address });
    const row = a.galleries.find((g) => g.creator === who.carol.address);
    assert.equal(row?.share_bps, 4000);
    assert.equal(BigInt(row!.points), (BigInt(a.influence_points) * 4000n) / 10_000n);
    assert.equal((await iq.galleryStats({ creator: who.carol.address })).supporters, before + 1);
    // the split view lists the gallery with its share; withdrawing all frees it
    await page.getByTestId("nav-influence").click();
    const split = page.getByTestId("influence-split");
    await split.getByTestId("influence-row").first().waitFor();
    assert.equal(await split.getByTestId("influence-share").first().inputValue(), "40");
    await shot(page, "influence-split");
    await split.getByTestId("influence-withdraw-all").click();
    await included(split);
    assert.equal((await iq.allocation({ user: who.alice.address })).galleries.length, 0);
  });

  test("bid to meet: bid within the tier limit, accept shows a QR code, the scanned code releases, balances move", async () => {
    const creator = await openAs("carol");
    const fan = await openAs("alice");
    // the creator opens for bids
    await creator.getByTestId("nav-meet").click();
    await creator.getByTestId("meet-as-creator").click();
    await creator.getByTestId("enable-min").fill("100");
    await creator.getByTestId("enable-submit").click();
    await included(creator.getByTestId("enable-card"));
    const offer = await bq.creator({ address: who.carol.address });
    assert.equal(offer.enabled, true);
    assert.equal(offer.min_bid, m(100));
    // the fan sees the tier's USD limit before signing (tier 1: USD 200 = 4,000 MESI at USD 0.05)
    await fan.getByTestId("nav-meet").click();
    await fan.getByTestId("fan-creator").fill(who.carol.address);
    await fan.getByTestId("limit-usd").waitFor();
    assert.equal(await fan.getByTestId("limit-usd").textContent(), "USD 200");
    assert.equal(await fan.getByTestId("limit-mesi").textContent(), "4,000 MESI");
    assert.equal((await bq.bidLimit({ address: who.alice.address })).limit_mesi, m(4_000));
    const a0 = await balance(who.alice.address);
    await fan.getByTestId("bid-amount").fill("1000");
    await fan.getByTestId("bid-submit").click();
    await included(fan.getByTestId("creator-offer"));
    const bids = (await bq.bidsByFan({ fan: who.alice.address })).bids;
    bidId = bids[bids.length - 1].id;
    assert.equal(bids[bids.length - 1].amount, m(1_000));
    assert.equal(await balance(who.alice.address), a0 - 1_000n * MESI);
    await fan.locator(`[data-testid="fan-bid"][data-bid-id="${bidId}"][data-status="open"]`).waitFor();
    // the creator accepts: the page shows the one-time code as a QR code and puts only its sha256 on chain
    const row = creator.locator(`[data-testid="creator-bid"][data-bid-id="${bidId}"]`);
    await row.waitFor({ timeout: 15_000 });
    await row.getByTestId("accept").click();
    await included(row);
    const qr = row.getByTestId("meeting-qr-img");
    await qr.waitFor();
    const code = (await row.getByTestId("meeting-code").textContent())!;
    assert.match(code, /^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const onChain = await bq.bid({ bidId });
    assert.equal(onChain.status, "accepted");
    assert.equal(onChain.code_hash, sha256(code));
    await shot(creator, "4-meet-creator-qr");
    // the fan scans a picture of the QR code: the page decodes it into the code field
    const picture = await qr.screenshot();
    const fanRow = fan.locator(`[data-testid="fan-bid"][data-bid-id="${bidId}"]`);
    await fan.locator(`[data-testid="fan-bid"][data-bid-id="${bidId}"][data-status="accepted"]`).waitFor({ timeout: 15_000 });
    await fanRow.getByTestId("release-scan").setInputFiles({ name: "qr.png", mimeType: "image/png", buffer: picture });
    await fan.waitForFunction((c) => (document.querySelector('[data-testid="release-code"]') as HTMLInputElement | null)?.value === c, code);
    const [c0, t0] = [await balance(who.carol.address), await balance(treasury)];
    await fanRow.getByTestId("release").click();
    await included(fanRow);
    // creator 90%, treasury 10%
    assert.equal(await balance(who.carol.address), c0 + 900n * MESI);
    assert.equal(await balance(treasury), t0 + 100n * MESI);
    assert.equal((await bq.bid({ bidId })).status, "released");
    await fan.locator(`[data-testid="fan-bid"][data-bid-id="${bidId}"][data-status="released"]`).waitFor();
    await shot(fan, "5-meet-fan-released");
  });

  test("bid to meet: raise and withdraw an open bid; a KYF request waits for the fan's consent", async () => {
    const creator = await openAs("carol");
    const fan = await openAs("alice");
    const lastBid = async () => (await bq.bidsByFan({ fan: who.alice.address })).bids.at(-1)!;
    const a0 = await balance(who.alice.address);
    await fan.getByTestId("bid-amount").fill("200");
    await fan.getByTestId("bid-submit").click();
    await included(fan.getByTestId("creator-offer"));
    const id = (await lastBid()).id;
    const row = fan.locator(`[data-testid="fan-bid"][data-bid-id="${id}"]`);
    await row.waitFor({ timeout: 15_000 });
    await row.getByTestId("raise-amount").fill("50");
    await row.getByTestId("raise").click();
    await included(row);
    assert.equal((await bq.bid({ bidId: id })).amount, m(250));
    await fan.waitForFunction((i) => document.querySelector(`[data-testid="fan-bid"][data-bid-id="${i}"] .amt`)?.textContent?.startsWith("250"), id);
    assert.equal(await balance(who.alice.address), a0 - 250n * MESI);
    await row.getByTestId("withdraw").click();
    await included(row);
    assert.equal((await bq.bid({ bidId: id })).status, "withdrawn");
    assert.equal(await balance(who.alice.address), a0);
    await fan.locator(`[data-testid="fan-bid"][data-bid-id="${id}"][data-status="withdrawn"]`).waitFor({ timeout: 15_000 });
    // a new bid, accepted with a KYF request: the fan consents on the page
    await fan.getByTestId("bid-amount").fill("300");
    await fan.getByTestId("bid-submit").click();
    await included(fan.getByTestId("creator-offer"));
    const id2 = (await lastBid()).id;
    const crow = creator.locator(`[data-testid="creator-bid"][data-bid-id="${id2}"]`);
    await crow.waitFor({ timeout: 15_000 });
    await crow.getByTestId("accept-kyf").check();
    await crow.getByTestId("accept").click();
    await included(crow);
    assert.equal((await bq.bid({ bidId: id2 })).status, "awaiting_kyf");
    const frow = fan.locator(`[data-testid="fan-bid"][data-bid-id="${id2}"][data-status="awaiting_kyf"]`);
    await frow.waitFor({ timeout: 15_000 });
    await frow.getByTestId("consent-kyf").click();
    await included(fan.locator(`[data-testid="fan-bid"][data-bid-id="${id2}"]`));
    const b = await bq.bid({ bidId: id2 });
    assert.equal(b.status, "accepted");
    assert.equal(b.kyf_consented, true);
    await fan.locator(`[data-testid="fan-bid"][data-bid-id="${id2}"][data-status="accepted"]`).waitFor({ timeout: 15_000 });
    await shot(fan, "5b-meet-raise-withdraw-kyf");
  });

  test("slot auction: a live countdown, a late bid's anti-sniping extension is shown, the outbid refund is withdrawn", async () => {
    const creator = await openAs("carol");
    const fan = await openAs("alice");
    const cfg = await bq.config();
    // the creator opens a 3-minute slot: every bid falls in the anti-sniping window (5 minutes by default)
    await creator.getByTestId("slot-minutes").fill("3");
    await creator.getByTestId("slot-min").fill("100");
    await creator.getByTestId("slot-open").click();
    await included(creator.getByTestId("creator-slots"));
    const slots = (await bq.slotsByCreator({ creator: who.carol.address })).slots;
    const slot = slots[slots.length - 1];
    assert.equal(slot.status, "open");
    // the fan's page shows the slot with a countdown that runs
    const row = fan.locator(`[data-testid="fan-slot"][data-slot-id="${slot.id}"]`);
    await row.waitFor({ timeout: 15_000 });
    const t1 = await row.getByTestId("slot-countdown").textContent();
    await fan.waitForTimeout(1100);
    assert.notEqual(await row.getByTestId("slot-countdown").textContent(), t1, "the countdown does not run");
    // a bid at the minimum, inside the window: the chain extends the end, both pages show it
    await row.getByTestId("slot-bid").click();
    await included(row);
    const after = await bq.slot({ slotId: slot.id });
    assert.equal(after.end_time, slot.end_time + cfg.anti_snipe_extension);
    assert.equal(after.highest_bidder, who.alice.address);
    await row.getByTestId("slot-extended").waitFor({ timeout: 15_000 });
    assert.match((await row.getByTestId("slot-extended").textContent())!, /extended by 15 min after a late bid/);
    await creator.locator('[data-testid="creator-slot"] [data-testid="slot-extended"]').first().waitFor({ timeout: 15_000 });
    await shot(fan, "7-slot-extended");
    // bob outbids (from his own wallet, here the test process); alice's page offers the refund, she pulls it
    await new MesiTokenClient(who.bob.client, who.bob.address, token).send({ contract: btm, amount: m(110), msg: toBinary({ slot_bid: { slot_id: slot.id } }) });
    assert.equal((await bq.refund({ address: who.alice.address })).amount, m(100));
    await fan.getByTestId("refund-amount").waitFor({ timeout: 15_000 });
    assert.equal(await fan.getByTestId("refund-amount").textContent(), "100");
    const a0 = await balance(who.alice.address);
    await fan.getByTestId("withdraw-refunds").click();
    await included(fan.getByTestId("refunds"));
    assert.equal(await balance(who.alice.address), a0 + 100n * MESI);
    assert.equal((await bq.refund({ address: who.alice.address })).amount, "0");
    await fan.getByTestId("refund-none").waitFor({ timeout: 15_000 });
    await shot(fan, "8-slot-refund");
  });

  test("earnings: the Merkle proof file the platform hands out claims the epoch once; owed earnings and vested MESI are claimed", async () => {
    const tre = new MesiTreasuryQueryClient(who.alice.client, treasury);
    const tree = buildTree([
      { address: who.alice.address, amount: m(12) },
      { address: who.bob.address, amount: m(30) },
    ]);
    await new MesiTreasuryClient(who.operator.client, who.operator.address, treasury).postEpoch({ root: tree.root, total: tree.total });
    const epoch = (await tre.epochs({ limit: 100 })).epochs.at(-1)!.epoch;
    const fan = await openAs("alice");
    await fan.getByTestId("nav-earnings").click();
    await fan.getByTestId("epoch-file").setInputFiles({ name: "epoch.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(tree)) });
    await fan.getByTestId("epoch-amount").waitFor();
    assert.equal(await fan.getByTestId("epoch-amount").textContent(), "12");
    const a0 = await balance(who.alice.address);
    await fan.getByTestId("claim-epoch").click();
    await included(fan.getByTestId("epoch-card"));
    assert.equal(await balance(who.alice.address), a0 + 12n * MESI);
    assert.equal((await tre.epochClaimed({ address: who.alice.address, epoch })).claimed, true);
    await fan.waitForFunction(() => (document.querySelector('[data-testid="claim-epoch"]') as HTMLButtonElement | null)?.disabled === true);
    // earnings credited by the platform's operator are owed, and claimed at once
    await new MesiTreasuryClient(who.operator.client, who.operator.address, treasury).creditEarnings({ currency: "mesi", credits: [{ address: who.alice.address, amount: m(7) }] });
    await fan.waitForFunction(() => document.querySelector('[data-testid="owed"]')?.textContent?.startsWith("7 "), undefined, { timeout: 15_000 });
    const a1 = await balance(who.alice.address);
    await fan.getByTestId("claim-owed").click();
    await included(fan.getByTestId("owed-card"));
    assert.equal(await balance(who.alice.address), a1 + 7n * MESI);
    assert.equal((await tre.owed({ address: who.alice.address })).owed, "0");
    // a vesting schedule that started three 30-day months ago (no cliff, 10 monthly steps): 3/10 is claimable
    const month = (await tre.config()).month_seconds;
    await new MesiTreasuryClient(who.deployer.client, who.deployer.address, treasury).createVesting({
      beneficiary: who.alice.address, cliffMonths: 0, periods: 10, start: Math.floor(Date.now() / 1000) - 3 * month - 60, total: m(1_000),
    });
    await fan.waitForFunction(() => document.querySelector('[data-testid="vesting-claimable"]')?.textContent?.startsWith("300 "), undefined, { timeout: 15_000 });
    assert.equal((await tre.vesting({ address: who.alice.address })).claimable, m(300));
    const a2 = await balance(who.alice.address);
    await fan.getByTestId("claim-vested").click();
    await included(fan.getByTestId("vesting-card"));
    assert.equal(await balance(who.alice.address), a2 + 300n * MESI);
    assert.equal((await tre.vesting({ address: who.alice.address })).claimed, m(300));
    await shot(fan, "9-earnings-epoch");
  });

  test("referral: a registered code's share link pre-fills the referral of a new user", async (t) => {
    if (!record.contracts.referral) return t.skip("referral not deployed (artifact missing)");
    const rq = new MesiReferralQueryClient(who.alice.client, record.contracts.referral.address);
    const fan = await openAs("alice");
    await fan.getByTestId("nav-referral").click();
    await fan.getByTestId("register-code").fill("alice-fan");
    await fan.getByTestId("register-submit").click();
    await included(fan.getByTestId("my-code"));
    assert.equal((await rq.codeOf({ address: who.alice.address })).code, "alice-fan");
    const link = await fan.getByTestId("share-link").inputValue();
    assert.equal(link, `${url}?ref=alice-fan#referral`);
    await shot(fan, "10-referral-code");
    // a new user opens the link: the code is filled in, one click names alice
    const dave = await openAs("dave", link.slice(url.length));
    assert.equal(await dave.getByTestId("refer-code").inputValue(), "alice-fan");
    await dave.getByTestId("refer-submit").click();
    await included(dave.getByTestId("referred-by"));
    assert.equal((await rq.referrerOf({ address: loadDevAccounts().dave.address })).referral?.referrer, who.alice.address);
  });

  test("validators: the whitelisted validator's stake and rewards on screen; its claim pays", async (t) => {
    if (!record.contracts["validator-rewards"]) return t.skip("validator-rewards not deployed (artifact missing)");
    const vr = record.contracts["validator-rewards"].address;
    const vq = new MesiValidatorRewardsQueryClient(who.alice.client, vr);
    const comet = await connectComet(dev.rpc(0));
    const { validators } = await QueryClient.withExtensions(comet, setupStakingExtension).staking.validators("BOND_STATUS_BONDED");
    comet.disconnect();
    const valoper = validators[0].operatorAddress;
    // the validator's own account applies with the threshold stake; the owner whitelists; a short funded stream
    const stake = (await vq.threshold()).threshold;
    await new MesiTokenClient(who.liquidity.client, who.liquidity.address, token).transfer({ recipient: who.validator0.address, amount: stake });
    await new MesiTokenClient(who.validator0.client, who.validator0.address, token).send({ contract: vr, amount: stake, msg: toBinary({ apply: { validator: valoper } }) });
    await new MesiValidatorRewardsClient(who.deployer.client, who.deployer.address, vr).whitelist({ validator: valoper });
    await new MesiValidatorRewardsClient(who.deployer.client, who.deployer.address, vr).updateConfig({ streamPeriod: 20 });
    await new MesiValidatorRewardsClient(who.operator.client, who.operator.address, vr).pullFromTreasury({ amount: m(1_000) });
    const page = await openAs("validator0", "#validators");
    await page.getByTestId("validators").getByText(valoper.slice(0, 10)).waitFor({ timeout: 15_000 });
    await page.getByTestId("my-validator").waitFor({ timeout: 15_000 });
    await page.waitForFunction(() => !(document.querySelector('[data-testid="claim-validator"]') as HTMLButtonElement | null)?.disabled, undefined, { timeout: 30_000 });
    const b0 = await balance(who.validator0.address);
    await page.getByTestId("claim-validator").click();
    await included(page.getByTestId("my-validator"));
    assert.ok((await balance(who.validator0.address)) > b0, "the claim paid nothing");
    assert.equal((await vq.validator({ validator: valoper })).status, "whitelisted");
    await shot(page, "11-validators");
  });

  test("production bundle + a Keplr-compatible wallet: the page suggests the devnet, then signs a lock", async () => {
    const page = await openAs("bob", "#account", { keplr: true, base: prodUrl });
    assert.equal(await page.getByTestId("connect-test").count(), 0, "the production page offers no test wallet");
    const info = (await page.evaluate(() => (window as any).__suggestedChain)) as any;
    assert.equal(info.chainId, record.chainId);
    assert.equal(info.rpc, record.rpc);
    assert.equal(info.bech32Config.bech32PrefixAccAddr, "wasm");
    assert.equal(info.bech32Config.bech32PrefixValAddr, "wasmvaloper");
    assert.equal(info.feeCurrencies[0].coinMinimalDenom, "ustake");
    assert.deepEqual(info.feeCurrencies[0].gasPriceStep, { low: 0.025, average: 0.0375, high: 0.05 });
    assert.ok(info.features.includes("cosmwasm"));
    assert.equal(await page.evaluate(() => (window as any).__enabledChain), record.chainId);
    const l0 = BigInt((await tq.lock({ address: who.bob.address })).locked);
    await page.getByTestId("lock-amount").fill("10");
    await page.getByTestId("lock-submit").click();
    await included(page.getByTestId("lock-card"));
    assert.equal(BigInt((await tq.lock({ address: who.bob.address })).locked), l0 + 10n * MESI);
    await shot(page, "12-keplr-production");
  });

  test("a refused transaction shows the chain's reason and changes nothing", async () => {
    const fan = await openAs("alice");
    await fan.getByTestId("nav-meet").click();
    await fan.getByTestId("fan-creator").fill(who.carol.address);
    await fan.getByTestId("bid-amount").waitFor();
    const [a0, n0] = [await balance(who.alice.address), (await bq.bidsByFan({ fan: who.alice.address })).bids.length];
    const fee0 = (await who.alice.client.getBalance(who.alice.address, "ustake")).amount;
    // above the tier's limit (4,000 MESI): the chain refuses it
    await fan.getByTestId("bid-amount").fill("5000");
    await fan.getByTestId("bid-submit").click();
    const status = fan.getByTestId("creator-offer").getByTestId("tx-status");
    await fan.waitForFunction(() => document.querySelector('[data-testid="creator-offer"] [data-testid="tx-status"]')?.getAttribute("data-stage") === "refused");
    const reason = (await status.getByTestId("tx-reason").textContent())!;
    assert.match(reason, /5,000 is above the tier limit 4,000/i);
    assert.doesNotMatch(reason, /execute wasm contract failed|message index|rpc error/);
    assert.match((await status.textContent())!, /Nothing was sent and nothing changed/);
    // nothing changed on chain: the balance, the bids, not even a fee
    assert.equal(await balance(who.alice.address), a0);
    assert.equal((await bq.bidsByFan({ fan: who.alice.address })).bids.length, n0);
    assert.equal((await who.alice.client.getBalance(who.alice.address, "ustake")).amount, fee0);
    await shot(fan, "6-refused-bid");
  });

  test("marketplace: a buy-now sale from the page: list, buy at the price seen, the compliance window, finalize, the seller withdraws", async (t) => {
    if (!record.contracts.marketplace) return t.skip("marketplace not deployed (artifact missing)");
    const mp = record.contracts.marketplace.address;
    const mq = new MesiMarketplaceQueryClient(who.alice.client, mp);
    const cfg = await mq.config();
    // the platform keeps the MESI price fresh (a listing's USD maximum is checked through it)
    await new MesiTreasuryClient(who.feeder.client, who.feeder.address, treasury).postPrice({ price: "0.05" });
    // carol's new gallery token (the gallery page's mint is tested above)
    const tid = `${new Date().getFullYear()}-market-dawn`;
    await new MesiGalleryClient(who.carol.client, who.carol.address, gallery).mint({
      tokenId: tid,
      owner: who.carol.address,
      extension: { content_hash: sha256(`dawn ${Date.now()}`), media_kind: "photo", year: new Date().getFullYear(), tags: ["dawn"], ad_revenue: "royalty", pay_per_view: false, rights_confirmed: true },
    });
    // the seller sees her creator tier's limits before she signs, then lists for 100 MESI
    const seller = await openAs("carol");
    await seller.getByTestId("nav-marketplace").click();
    const limits = seller.getByTestId("sell-limits");
    await limits.waitFor();
    const tier = await tq.tier({ address: who.carol.address });
    assert.equal(await limits.getAttribute("data-creator-tier"), String(tier.creator_tier ?? 0));
    assert.match((await limits.textContent())!, /live listings and auctions, a price up to USD [\d,]+ ≈ [\d,.]+ MESI at today’s price, and auctions of up to \d+ days/);
    await seller.getByTestId("sell-token").selectOption(tid);
    await seller.getByTestId("sell-price").fill("100");
    // the sell card says why a plain transfer to the marketplace is refused (issue 19 §3b)
    assert.match((await seller.getByTestId("sell-custody-note").textContent())!, /refuses a plain transfer to the marketplace/);
    await seller.getByTestId("sell-submit").click();
    await included(seller.getByTestId("sell-card"));
    const esc = (await mq.escrow({ tokenId: tid })).order;
    assert.ok(esc && "listing" in esc, "the token is not held by a listing");
    const listingId = esc.listing.listing_id;
    assert.equal((await gq.ownerOf({ tokenId: tid })).owner, mp);
    assert.equal((await mq.listing({ listingId })).price, m(100));
    // the buyer sees it among the MESI listings with its gallery info, and buys at that price
    const buyer = await openAs("alice");
    await buyer.getByTestId("nav-marketplace").click();
    const tile = buyer.locator(`[data-testid="listing"][data-token-id="${tid}"]`);
    await tile.waitFor({ timeout: 15_000 });
    assert.equal(await tile.getByTestId("listing-price").textContent(), "100");
    assert.match((await tile.textContent())!, /photo · \d{4} · by wasm1.*#dawn/);
    await shot(buyer, "13a-market-listing");
    const a0 = await balance(who.alice.address);
    await tile.getByTestId("buy").click();
    const { height } = await included(buyer.getByTestId("listings"));
    await tile.waitFor({ state: "detached", timeout: 15_000 });
    const filledAt = Math.floor(new Date((await who.alice.client.getBlock(height)).header.time).getTime() / 1000);
    assert.equal(await balance(who.alice.address), a0 - 100n * MESI);
    const [settlement] = (await mq.settlementsByBuyer({ buyer: who.alice.address })).settlements.filter((s) => s.token_id === tid);
    assert.ok(settlement, "no settlement on chain");
    assert.equal(settlement.price, m(100));
    assert.equal(settlement.seller, who.carol.address);
    // the settlement shows the compliance window and when it ends; the token is still in escrow
    const row = buyer.locator(`[data-testid="settlement"][data-settlement-id="${settlement.settlement_id}"]`);
    await row.waitFor({ timeout: 15_000 });
    assert.equal(settlement.release_at, filledAt + cfg.compliance_window);
    assert.equal(await row.getAttribute("data-due"), "false");
    assert.match((await row.getByTestId("settlement-window").textContent())!, /In the compliance window until .+ · \d+ s/);
    await shot(buyer, "13-market-settlement-window");
    assert.equal((await gq.ownerOf({ tokenId: tid })).owner, mp);
    // after the (devnet-shortened) window the page offers finalize
    await row.getByTestId("finalize").waitFor({ timeout: (cfg.compliance_window + 30) * 1000 });
    await row.getByTestId("finalize").click();
    await included(buyer.getByTestId("settlements"));
    assert.equal((await gq.ownerOf({ tokenId: tid })).owner, who.alice.address);
    const proceeds = 100n * MESI - BigInt(settlement.fee);
    assert.equal(BigInt(settlement.fee), (100n * MESI * BigInt(settlement.commission_bps) + 9_999n) / 10_000n);
    // carol sold her own work: a primary sale, so the net goes through her contribution split in the revenue
    // contract (SPEC §8; no rate set = all of it hers), not to the marketplace's claimable balance
    assert.equal((await mq.claimable({ address: who.carol.address })).mesi, "0");
    assert.ok(record.contracts.revenue, "revenue not deployed");
    const rq = new MesiRevenueQueryClient(who.carol.client, record.contracts.revenue.address);
    const r0 = BigInt((await rq.balance({ creator: who.carol.address })).amount);
    assert.ok(r0 >= proceeds, `revenue balance ${r0} < proceeds ${proceeds}`);
    // the seller withdraws her earnings from the page
    await seller.waitForFunction((want) => document.querySelector('[data-testid="revenue-balance"]')?.textContent === want, fmtWhole(r0), { timeout: 15_000 });
    const c0 = await balance(who.carol.address);
    await seller.getByTestId("withdraw-revenue").click();
    await included(seller.getByTestId("claimable"));
    assert.equal(await balance(who.carol.address), c0 + r0);
    assert.equal((await rq.balance({ creator: who.carol.address })).amount, "0");
    await seller.waitForFunction(() => document.querySelector('[data-testid="revenue-balance"]')?.textContent === "0", undefined, { timeout: 15_000 });
    await shot(seller, "14-market-seller-withdrawn");
  });

  test("marketplace: an auction from the page: a live countdown, the minimum next bid, a late bid's anti-sniping extension, settle", async (t) => {
    if (!record.contracts.marketplace) return t.skip("marketplace not deployed (artifact missing)");
    const mq = new MesiMarketplaceQueryClient(who.alice.client, record.contracts.marketplace.address);
    const cfg = await mq.config();
    await new MesiTreasuryClient(who.feeder.client, who.feeder.address, treasury).postPrice({ price: "0.05" });
    const tid = `${new Date().getFullYear()}-market-dusk`;
    await new MesiGalleryClient(who.carol.client, who.carol.address, gallery).mint({
      tokenId: tid,
      owner: who.carol.address,
      extension: { content_hash: sha256(`dusk ${Date.now()}`), media_kind: "video", year: new Date().getFullYear(), tags: ["dusk"], ad_revenue: "ownership", pay_per_view: false, rights_confirmed: true },
    });
    // the seller starts a 7-day auction (7 x day_seconds on the devnet) with a 50 MESI reserve
    const seller = await openAs("carol");
    await seller.getByTestId("nav-marketplace").click();
    await seller.getByTestId("sell-mode-auction").click();
    await seller.getByTestId("sell-token").selectOption(tid);
    assert.equal(await seller.getByTestId("sell-days").inputValue(), String(cfg.min_auction_days));
    await seller.getByTestId("sell-price").fill("50");
    await seller.getByTestId("sell-submit").click();
    await included(seller.getByTestId("sell-card"));
    const esc = (await mq.escrow({ tokenId: tid })).order;
    assert.ok(esc && "auction" in esc, "the token is not held by an auction");
    const auctionId = esc.auction.auction_id;
    const a0 = await mq.auction({ auctionId });
    assert.equal(a0.end - a0.start, cfg.min_auction_days * cfg.day_seconds);
    // the bidder's page: a countdown that runs, the reserve as the minimum next bid
    const fan = await openAs("alice");
    await fan.getByTestId("nav-marketplace").click();
    const row = fan.locator(`[data-testid="auction"][data-auction-id="${auctionId}"]`);
    await row.waitFor({ timeout: 15_000 });
    assert.equal(await row.getByTestId("min-next-bid").textContent(), "50");
    const c1 = await row.getByTestId("auction-countdown").textContent();
    await fan.waitForTimeout(1100);
    assert.notEqual(await row.getByTestId("auction-countdown").textContent(), c1, "the countdown does not run");
    // a bid at the minimum inside the anti-sniping window moves the end; both pages show the extension
    await fan.waitForTimeout(Math.max(0, (a0.end - cfg.anti_snipe_window + 3) * 1000 - Date.now()));
    await row.getByTestId("auction-bid").click();
    const { height } = await included(fan.getByTestId("auctions"));
    const bidAt = Math.floor(new Date((await who.alice.client.getBlock(height)).header.time).getTime() / 1000);
    const a1 = await mq.auction({ auctionId });
    assert.equal(a1.highest_bidder, who.alice.address);
    assert.equal(a1.highest_bid, m(50));
    assert.equal(a1.end, bidAt + cfg.anti_snipe_extension);
    assert.ok(a1.end > a0.end, "the late bid did not move the end");
    await row.getByTestId("auction-extended").waitFor({ timeout: 15_000 });
    assert.match((await row.getByTestId("auction-extended").textContent())!, /extended by \d+ s after a late bid/);
    assert.equal(await row.getByTestId("min-next-bid").textContent(), fmtWhole(BigInt(a1.min_next_bid)));
    await seller.locator(`[data-testid="auction"][data-auction-id="${auctionId}"] [data-testid="auction-extended"]`).waitFor({ timeout: 15_000 });
    await shot(fan, "15-market-auction-extended");
    // after the end anyone settles: the sale enters its compliance window
    await row.getByTestId("settle-auction").waitFor({ timeout: (a1.end - Math.floor(Date.now() / 1000) + 30) * 1000 });
    await row.getByTestId("settle-auction").click();
    await included(fan.getByTestId("auctions"));
    const [s] = (await mq.settlementsByBuyer({ buyer: who.alice.address })).settlements.filter((x) => x.token_id === tid);
    assert.ok(s, "no settlement on chain");
    assert.equal(s.kind, "auction");
    assert.equal(s.price, m(50));
    await fan.locator(`[data-testid="settlement"][data-settlement-id="${s.settlement_id}"]`).waitFor({ timeout: 15_000 });
  });

  test("marketplace: a private offer from the page: the owner counters, the offerer tops up to the counter, the owner accepts into settlement", async (t) => {
    if (!record.contracts.marketplace) return t.skip("marketplace not deployed (artifact missing)");
    const mq = new MesiMarketplaceQueryClient(who.alice.client, record.contracts.marketplace.address);
    const tid = `${new Date().getFullYear()}-market-noon`;
    await new MesiGalleryClient(who.carol.client, who.carol.address, gallery).mint({
      tokenId: tid,
      owner: who.carol.address,
      extension: { content_hash: sha256(`noon ${Date.now()}`), media_kind: "audio", year: new Date().getFullYear(), tags: ["noon"], ad_revenue: "royalty", pay_per_view: false, rights_confirmed: true },
    });
    const fan = await openAs("alice");
    const owner = await openAs("carol");
    await fan.getByTestId("nav-marketplace").click();
    await owner.getByTestId("nav-marketplace").click();
    const a0 = await balance(who.alice.address);
    await fan.getByTestId("offer-token").fill(tid);
    await fan.getByTestId("offer-amount").fill("30");
    await fan.getByTestId("offer-submit").click();
    await included(fan.getByTestId("offer-card"));
    const [offer] = (await mq.offersByToken({ tokenId: tid })).offers;
    assert.equal(offer.amount, m(30));
    assert.equal(offer.offerer, who.alice.address);
    assert.equal(await balance(who.alice.address), a0 - 30n * MESI);
    // the owner sees it and counters with 40
    const orow = owner.locator(`[data-testid="offer"][data-offer-id="${offer.offer_id}"][data-side="owner"]`);
    await orow.waitFor({ timeout: 15_000 });
    await orow.getByTestId("offer-counter-amount").fill("40");
    await orow.getByTestId("offer-counter").click();
    await included(owner.getByTestId("offers"));
    const countered = await mq.offer({ offerId: offer.offer_id });
    assert.equal(countered.counter, m(40));
    assert.equal(countered.version, 1);
    // the offerer sees the counter and accepts it, topping up 10 MESI through the token's Send
    const frow = fan.locator(`[data-testid="offer"][data-offer-id="${offer.offer_id}"][data-side="offerer"]`);
    await frow.getByText(/Counter \(version 1\): 40 MESI · accepting adds 10/).waitFor({ timeout: 15_000 });
    await shot(fan, "16-market-offer-counter");
    await frow.getByTestId("offer-accept-counter").click();
    await included(fan.getByTestId("offers"));
    assert.equal((await mq.offer({ offerId: offer.offer_id })).amount, m(40));
    assert.equal(await balance(who.alice.address), a0 - 40n * MESI);
    // the owner accepts the (unlisted) token's offer: send_nft with accept_offer opens a settlement
    await owner.waitForFunction((id) => document.querySelector(`[data-testid="offer"][data-offer-id="${id}"][data-side="owner"] .amt`)?.textContent?.startsWith("40"), offer.offer_id, { timeout: 15_000 });
    await orow.getByTestId("offer-accept").click();
    await included(owner.getByTestId("offers"));
    const esc = (await mq.escrow({ tokenId: tid })).order;
    assert.ok(esc && "settlement" in esc, "the accepted offer opened no settlement");
    const s = await mq.settlement({ settlementId: esc.settlement.settlement_id });
    assert.equal(s.kind, "offer");
    assert.equal(s.price, m(40));
    assert.equal(s.buyer, who.alice.address);
    await owner.locator(`[data-testid="settlement"][data-settlement-id="${s.settlement_id}"]`).waitFor({ timeout: 15_000 });
  });

  test("bid to meet by the chain's clock: a page whose clock runs an hour ahead offers the KYF cancel and the reclaim only once the chain's block time passes the window and the deadline", async () => {
    // short windows for this test (the contract's owner; restored at the end): KYF 15 s, meeting 35 s
    const owner = new MesiBidToMeetClient(who.deployer.client, who.deployer.address, btm);
    const before = await bq.config();
    await owner.updateConfig({ kyfWindow: 15, meetingWindow: 35 });
    const blockTime = async () => Math.floor(new Date((await who.alice.client.getBlock()).header.time).getTime() / 1000);
    try {
      const creator = new MesiBidToMeetClient(who.carol.client, who.carol.address, btm);
      const offer = await bq.creator({ address: who.carol.address });
      if (!offer.enabled) await creator.enable({ minBid: m(100), formats: ["virtual_video"] });
      const amount = (await bq.creator({ address: who.carol.address })).min_bid;
      const fanToken = new MesiTokenClient(who.bob.client, who.bob.address, token);
      const bidNow = async () => {
        await fanToken.send({ contract: btm, amount, msg: toBinary({ bid: { creator: who.carol.address, format: (await bq.creator({ address: who.carol.address })).formats[0] } }) });
        return (await bq.bidsByFan({ fan: who.bob.address })).bids.at(-1)!.id;
      };
      const kyfBid = await bidNow();
      const meetBid = await bidNow();
      await creator.accept({ bidId: kyfBid, codeHash: sha256("KYF-CODE"), requestKyf: true });
      await creator.accept({ bidId: meetBid, codeHash: sha256("MEET-CODE"), requestKyf: false });
      const kyfDeadline = (await bq.bid({ bidId: kyfBid })).kyf_deadline!;
      const meetDeadline = (await bq.bid({ bidId: meetBid })).meeting_deadline!;
      // the fan's page, its clock an hour ahead of the chain (the devnet's block time trails the wall clock)
      const page = await visit("bob");
      await page.addInitScript(() => {
        const real = Date.now.bind(Date);
        Date.now = () => real() + 3_600_000;
      });
      await page.goto(`${url}#meet`);
      await page.getByTestId("connect-test").click();
      await page.getByTestId("address").waitFor();
      const rowOf = (id: number) => page.locator(`[data-testid="fan-bid"][data-bid-id="${id}"]`);
      const kyfRow = rowOf(kyfBid), meetRow = rowOf(meetBid);
      // once the page knows the chain's time, and while that is before the window's end: consent, no cancel
      await page.locator(`[data-testid="fan-bid"][data-bid-id="${kyfBid}"][data-chain-now]`).waitFor({ timeout: 15_000 });
      await kyfRow.getByTestId("consent-kyf").waitFor();
      await meetRow.getByTestId("release-code").waitFor();
      const pageSeen = Number(await kyfRow.getAttribute("data-chain-now"));
      assert.ok(pageSeen < kyfDeadline, `the test came too late: block time ${pageSeen} >= KYF deadline ${kyfDeadline}`);
      assert.ok((await page.evaluate(() => Date.now())) / 1000 > meetDeadline, "the page's clock is past both deadlines");
      assert.equal(await kyfRow.getByTestId("cancel-kyf").count(), 0);
      assert.equal(await kyfRow.getByTestId("reclaim").count(), 0);
      assert.equal(await meetRow.getByTestId("reclaim").count(), 0);
      await shot(page, "17-meet-chain-clock-before");
      // the KYF window closes in block time: the consent goes, the cancel comes, and the chain takes it
      await kyfRow.getByTestId("cancel-kyf").waitFor({ timeout: 45_000 });
      assert.ok((await blockTime()) >= kyfDeadline, "the cancel showed before the chain's KYF deadline");
      assert.equal(await kyfRow.getByTestId("consent-kyf").count(), 0);
      const refund0 = BigInt((await bq.refund({ address: who.bob.address })).amount);
      await kyfRow.getByTestId("cancel-kyf").click();
      await included(kyfRow);
      assert.equal((await bq.bid({ bidId: kyfBid })).status, "kyf_cancelled");
      assert.equal(BigInt((await bq.refund({ address: who.bob.address })).amount), refund0 + BigInt(amount));
      // the meeting deadline passes in block time: the release form goes, the reclaim comes, and the chain takes it
      await meetRow.getByTestId("reclaim").waitFor({ timeout: 60_000 });
      assert.ok((await blockTime()) >= meetDeadline, "the reclaim showed before the chain's meeting deadline");
      assert.equal(await meetRow.getByTestId("release-code").count(), 0);
      const b0 = await balance(who.bob.address);
      await meetRow.getByTestId("reclaim").click();
      await included(meetRow);
      assert.equal((await bq.bid({ bidId: meetBid })).status, "reclaimed");
      assert.equal(await balance(who.bob.address), b0 + BigInt(amount));
      await page.context().close();
    } finally {
      await owner.updateConfig({ kyfWindow: before.kyf_window, meetingWindow: before.meeting_window });
    }
  });

  test("account by the chain's clock: on a page whose clock runs an hour ahead, a pending unlock counts down to the chain's release, not the page's", async () => {
    // a short unlock delay for this test (the token's owner; restored at the end): 12 s
    const owner = new MesiTokenClient(who.deployer.client, who.deployer.address, token);
    const before = (await tq.config()).unlock_delay;
    await owner.updateConfig({ unlockDelay: 12 });
    const blockTime = async () => Math.floor(new Date((await who.alice.client.getBlock()).header.time).getTime() / 1000);
    try {
      const { dave } = await actors(loadNetwork("devnet"), ["dave"] as const);
      await new MesiTokenClient(who.liquidity.client, who.liquidity.address, token).transfer({ recipient: dave.address, amount: m(50) });
      const daveToken = new MesiTokenClient(dave.client, dave.address, token);
      const locked0 = BigInt((await tq.lock({ address: dave.address })).locked);
      await daveToken.lock({ amount: m(30) });
      await daveToken.unlock({ amount: m(10) });
      const releaseAt = (await tq.lock({ address: dave.address })).release_at!;
      const page = await visit("dave");
      await page.addInitScript(() => {
        const real = Date.now.bind(Date);
        Date.now = () => real() + 3_600_000;
      });
      await page.goto(`${url}#account`);
      await page.getByTestId("connect-test").click();
      await page.getByTestId("address").waitFor();
      // by the page's clock the release is an hour past; by the chain's it is seconds away, and the page says so
      const pending = page.getByTestId("pending-unlock");
      await page.waitForFunction(() => /^10 unlocking in \d+ s/.test(document.querySelector('[data-testid="pending-unlock"]')?.textContent ?? ""), undefined, { timeout: 15_000 });
      assert.equal(await pending.getAttribute("data-released"), "false");
      await shot(page, "18-account-unlock-by-chain-time");
      // when the chain reaches the release, the pending unlock is free (then the chain's lock answer drops it)
      await page.waitForFunction(() => {
        const el = document.querySelector('[data-testid="pending-unlock"]');
        return !el || el.getAttribute("data-released") === "true";
      }, undefined, { timeout: 45_000 });
      assert.ok((await blockTime()) >= releaseAt, "the page called the unlock free before the chain's release time");
      const lock = await tq.lock({ address: dave.address });
      assert.equal(lock.pending_unlock, "0");
      assert.equal(BigInt(lock.locked), locked0 + 20n * MESI);
      await page.context().close();
    } finally {
      await owner.updateConfig({ unlockDelay: before });
    }
  });
});
