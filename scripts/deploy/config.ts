// Network settings (networks/networks.json), the signer, and the checks that run before any transaction.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { fromBech32 } from "@cosmjs/encoding";
import { EnglishMnemonic } from "@cosmjs/crypto";
import { GasPrice } from "@cosmjs/stargate";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

export interface DevAccount {
  name: string;
  address: string;
  mnemonic: string;
}

export interface Network {
  name: string;
  chainId: string;
  rpc: string;
  rest?: string;
  prefix: string;
  gasPrice: GasPrice;
  gasPriceText: string;
  feeDenom: string;
  stableDenom: string;
  /** true for the local devnet: fixed DEVNET-ONLY accounts exist and may sign */
  local: boolean;
  signerEnv: string;
  mnemonic: string;
  /** where the deployment record lives: deployments/<chain-id>.json */
  deploymentFile: string;
  /** devnet accounts by name (devnet only) */
  accounts: Record<string, DevAccount>;
  /** role -> address (arbiter, liquidity, community, treasury-standin, ...); devnet: the devnet accounts */
  roles: Record<string, string>;
  /**
   * how the deploy pins the suite's codes by governance (issue 15, scripts/deploy/pin.ts): "vote" = propose and vote
   * with the devnet's validator keys (local only), "print" = print the proposal JSON for a governance participant,
   * "off". Unset: "vote" on a local network, "print" elsewhere.
   */
  pinCodes?: "vote" | "print" | "off";
  /** the networks file this came from (MESI_NETWORKS_FILE or networks/networks.json), for messages */
  networksFile: string;
}

/** networks/networks.json, or the file named by MESI_NETWORKS_FILE (tests describe a chain of their own) */
export const networksFile = () => (process.env.MESI_NETWORKS_FILE ? path.resolve(process.env.MESI_NETWORKS_FILE) : path.join(ROOT, "networks", "networks.json"));

export function loadDevAccounts(file = path.join(ROOT, "networks", "devnet-accounts.json")): Record<string, DevAccount> {
  const raw = JSON.parse(fs.readFileSync(file, "utf8")) as { accounts: DevAccount[] };
  return Object.fromEntries(raw.accounts.map((a) => [a.name, a]));
}

/** KEY=VALUE lines of a running devnet (scripts/devnet.sh writes $DEVNET_DIR/devnet.env). */
export function readDevnetEnv(dir = process.env.DEVNET_DIR ?? path.join(ROOT, ".devnet")): Record<string, string> | undefined {
  const f = path.join(dir, "devnet.env");
  if (!fs.existsSync(f)) return undefined;
  const out: Record<string, string> = {};
  for (const line of fs.readFileSync(f, "utf8").split("\n")) {
    const m = /^([A-Z_0-9]+)=(.*)$/.exec(line.trim());
    if (m) out[m[1]] = m[2];
  }
  return out;
}

function need<T>(v: T | undefined | null, what: string): T {
  if (v === undefined || v === null || (typeof v === "string" && v.trim() === "")) {
    throw new ConfigError(`${what} is missing`);
  }
  return v;
}

export function checkAddress(addr: string, prefix: string, what: string): string {
  let decoded;
  try {
    decoded = fromBech32(addr);
  } catch {
    throw new ConfigError(`${what}: "${addr}" is not a bech32 address`);
  }
  if (decoded.prefix !== prefix) throw new ConfigError(`${what}: "${addr}" has prefix "${decoded.prefix}", network expects "${prefix}"`);
  return addr;
}

/**
 * Roles a public network must name in networks.json `roles` (the devnet takes them from its accounts): the people
 * the steps configure, and one beneficiary per genesis vesting group (the treasury refuses an address twice).
 */
export const PUBLIC_ROLES = [
  "arbiter",
  "operator",
  "feeder",
  "liquidity",
  "community",
  ...["micro-pre-seed", "seed-a", "seed-b", "community-incentives", "airdrop", "core-team", "strategic-partnerships", "advisors"].map((g) => `vesting-${g}`),
];

/** Reads and validates a network; throws ConfigError with a clear message before anything touches the chain. */
export function loadNetwork(name = process.env.NETWORK ?? "devnet"): Network {
  const file = networksFile();
  const shown = path.relative(ROOT, file).startsWith("..") ? file : path.relative(ROOT, file);
  if (!fs.existsSync(file)) throw new ConfigError(`missing ${file}`);
  let all: Record<string, any>;
  try {
    all = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, any>;
  } catch (e) {
    throw new ConfigError(`${shown} is not valid JSON: ${(e as Error).message}`);
  }
  const cfg = all[name];
  const known = Object.keys(all).filter((k) => !k.startsWith("_"));
  if (!cfg || name.startsWith("_")) throw new ConfigError(`unknown network "${name}" (known: ${known.join(", ")}) in ${shown}`);
  const where = `${shown}: ${name}`;
  const local = cfg.local === true;
  let chainId: string = need(cfg.chainId, `${where}.chainId`);
  let rpc: string = need(cfg.rpc, `${where}.rpc`);
  let rest: string | undefined = cfg.rest;
  if (local) {
    // a running devnet knows its own ports (tests use free ports)
    const env = readDevnetEnv();
    if (env?.DEVNET_RPC) rpc = env.DEVNET_RPC;
    if (env?.DEVNET_API) rest = env.DEVNET_API;
    if (env?.DEVNET_CHAIN_ID) chainId = env.DEVNET_CHAIN_ID;
  }
  if (process.env.MESI_RPC_URL) rpc = process.env.MESI_RPC_URL;
  try {
    const u = new URL(rpc);
    if (!/^https?:$/.test(u.protocol)) throw new Error();
  } catch {
    throw new ConfigError(`${where}.rpc: "${rpc}" is not an http(s) URL`);
  }
  const prefix: string = need(cfg.prefix, `${where}.prefix`);
  if (!/^[a-z][a-z0-9]*$/.test(prefix)) throw new ConfigError(`${where}.prefix: "${prefix}" is not a bech32 prefix`);
  const gasPriceText: string = need(cfg.gasPrice, `${where}.gasPrice`);
  let gasPrice: GasPrice;
  try {
    gasPrice = GasPrice.fromString(gasPriceText);
  } catch (e) {
    throw new ConfigError(`${where}.gasPrice: "${gasPriceText}" is not a gas price like "0.025ustake" (${(e as Error).message})`);
  }
  const feeDenom: string = cfg.feeDenom ?? gasPrice.denom;
  if (feeDenom !== gasPrice.denom) throw new ConfigError(`${where}: gasPrice denom ${gasPrice.denom} != feeDenom ${feeDenom}`);
  const signerEnv: string = need(cfg.signerEnv, `${where}.signerEnv`);
  const accounts = local ? loadDevAccounts(path.join(ROOT, cfg.devnetAccounts ?? "networks/devnet-accounts.json")) : {};
  let mnemonic = process.env[signerEnv]?.trim() ?? "";
  if (!mnemonic) {
    if (!local) throw new ConfigError(`the signer's mnemonic is missing: set ${signerEnv} (network ${name})`);
    mnemonic = need(accounts["deployer"]?.mnemonic, "devnet deployer account");
  }
  try {
    new EnglishMnemonic(mnemonic);
  } catch {
    throw new ConfigError(`${signerEnv} is not a valid BIP39 English mnemonic`);
  }
  const roles: Record<string, string> = {};
  if (local) {
    for (const r of ["arbiter", "operator", "feeder", "liquidity", "community", "treasury-standin"]) roles[r] = accounts[r].address;
  }
  for (const [r, a] of Object.entries((cfg.roles ?? {}) as Record<string, string>)) roles[r] = a;
  for (const [r, a] of Object.entries(roles)) if (a !== "$signer") checkAddress(a, prefix, `${where}.roles.${r}`);
  if (!local) {
    // every address the deploy steps ask for, checked here so a missing one fails before the first transaction
    const missing = PUBLIC_ROLES.filter((r) => !roles[r]);
    if (missing.length) throw new ConfigError(`${where}.roles: no address for role ${missing.map((r) => `"${r}"`).join(", ")} (an address or "$signer")`);
  }
  // MESI_PIN_CODES overrides the file (make bench-chain deploys unpinned, measures, then pins itself)
  const pinCodes = (process.env.MESI_PIN_CODES || cfg.pinCodes) as Network["pinCodes"];
  if (pinCodes !== undefined && !["vote", "print", "off"].includes(pinCodes)) {
    throw new ConfigError(`${where}.pinCodes: "${pinCodes}" is not one of "vote", "print", "off"`);
  }
  if (pinCodes === "vote" && !local) throw new ConfigError(`${where}.pinCodes: "vote" needs the devnet's validator keys (local: true); use "print"`);
  const dir = process.env.MESI_DEPLOYMENTS_DIR ? path.resolve(process.env.MESI_DEPLOYMENTS_DIR) : path.join(ROOT, "deployments");
  return {
    name,
    chainId,
    rpc,
    rest,
    prefix,
    gasPrice,
    gasPriceText,
    feeDenom,
    stableDenom: cfg.stableDenom ?? feeDenom,
    local,
    signerEnv,
    mnemonic,
    deploymentFile: path.join(dir, `${chainId}.json`),
    accounts,
    roles,
    pinCodes,
    networksFile: shown,
  };
}

/**
 * Options for SigningCosmWasmClient.connectWithSigner: the network's gas price, and on the devnet (0.5 s blocks)
 * a 200 ms inclusion poll instead of cosmjs' default 3 s (which would make every transaction take >= 3 s);
 * MESI_BROADCAST_POLL_MS overrides it (the public-network e2e test runs against a local chain).
 */
export function clientOptions(net: Network) {
  const poll = Number(process.env.MESI_BROADCAST_POLL_MS) || (net.local ? 200 : 3000); // tests of a non-local network on a local chain
  return { gasPrice: net.gasPrice, broadcastPollIntervalMs: poll };
}
