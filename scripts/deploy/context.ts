// The deploy context every step module uses: idempotent upload / instantiate / execute, each printed with gas
// and tx hash and recorded in deployments/<chain-id>.json.
import fs from "node:fs";
import path from "node:path";
import { createHash } from "node:crypto";
import { SigningCosmWasmClient } from "@cosmjs/cosmwasm-stargate";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import type { Coin } from "@cosmjs/amino";
import { ConfigError, ROOT, clientOptions, type Network } from "./config";
import type { PinningRecord } from "./pin";

export interface CodeRecord {
  codeId: number;
  checksum: string;
  artifact: string;
  sizeBytes: number;
  txHash?: string;
  gasUsed?: number;
  height?: number;
  /** true when the same checksum was already on chain (no upload) */
  reused?: boolean;
  at: string;
}
export interface ContractRecord {
  address: string;
  codeId: number;
  checksum: string;
  label: string;
  admin: string;
  txHash: string;
  gasUsed: number;
  height: number;
  at: string;
  /** free notes, e.g. "treasury stand-in" */
  notes?: Record<string, unknown>;
}
export interface TxRecord {
  contract: string;
  txHash: string;
  gasUsed: number;
  height: number;
  at: string;
}
export interface MigrationRecord {
  contract: string;
  address: string;
  fromCodeId: number;
  toCodeId: number;
  checksum: string;
  txHash: string;
  gasUsed: number;
  height: number;
  at: string;
}
export interface Deployment {
  network: string;
  chainId: string;
  rpc: string;
  deployer: string;
  updatedAt: string;
  /** latest code per contract name (token, treasury, ...) */
  codes: Record<string, CodeRecord>;
  contracts: Record<string, ContractRecord>;
  /** wiring / configuration transactions by step key (e.g. "treasury.set-token") */
  wiring: Record<string, TxRecord>;
  migrations: MigrationRecord[];
  /** anything a step wants to publish (e.g. the genesis allocation table) */
  info: Record<string, unknown>;
  /** pinned codes and the governance proposals that pinned them (scripts/deploy/pin.ts, issue 15) */
  pinning?: PinningRecord;
}

/**
 * gas limit = simulated gas x this. cosmjs simulates with an empty fee, so the fee transfer (~20,000 SDK gas) is not in
 * the estimate: on a pinned contract a cheap call simulates at ~45,000 and 1.4x would run out of gas (issue 15).
 */
export const GAS_MULTIPLIER = 1.6;

export function artifactPath(contract: string): string {
  const dir = process.env.MESI_ARTIFACTS_DIR ? path.resolve(process.env.MESI_ARTIFACTS_DIR) : path.join(ROOT, "artifacts");
  return path.join(dir, `mesi_${contract.replace(/-/g, "_")}.wasm`);
}

export function readDeployment(file: string): Deployment | undefined {
  if (!fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, "utf8")) as Deployment;
}

const now = () => new Date().toISOString();
const short = (h: string) => h;

export class DeployContext {
  private constructor(
    readonly net: Network,
    readonly client: SigningCosmWasmClient,
    readonly sender: string,
    readonly record: Deployment,
  ) {}

  /** Connects, then checks chain id and signer funds: every wrong setting fails here, before any transaction. */
  static async connect(net: Network): Promise<DeployContext> {
    const wallet = await DirectSecp256k1HdWallet.fromMnemonic(net.mnemonic, { prefix: net.prefix });
    const [{ address: sender }] = await wallet.getAccounts();
    let client: SigningCosmWasmClient;
    try {
      client = await SigningCosmWasmClient.connectWithSigner(net.rpc, wallet, clientOptions(net));
    } catch (e) {
      const hint = net.local ? " (is the devnet running? make devnet)" : "";
      throw new ConfigError(`cannot reach ${net.name} at ${net.rpc}${hint}: ${(e as Error).message}`);
    }
    const chainId = await client.getChainId();
    if (chainId !== net.chainId) {
      throw new ConfigError(`${net.rpc} serves chain "${chainId}", ${net.networksFile} says "${net.chainId}" for ${net.name}: wrong rpc or wrong chainId, nothing was sent`);
    }
    const bal = await client.getBalance(sender, net.feeDenom);
    if (BigInt(bal.amount) === 0n) {
      throw new ConfigError(`signer ${sender} has no ${net.feeDenom} on ${net.chainId} to pay fees (set ${net.signerEnv} to a funded account); nothing was sent`);
    }
    for (const [r, a] of Object.entries(net.roles)) if (a === "$signer") net.roles[r] = sender;
    const previous = readDeployment(net.deploymentFile);
    if (previous && previous.deployer !== sender && Object.keys(previous.contracts).length > 0) {
      throw new ConfigError(
        `${path.relative(ROOT, net.deploymentFile)} was deployed by ${previous.deployer} (admin of its contracts), the signer is ${sender}: ` +
          `set ${net.signerEnv} to the deployer's mnemonic, or move the record away to deploy a new suite`,
      );
    }
    const record: Deployment = previous ?? {
      network: net.name,
      chainId: net.chainId,
      rpc: net.rpc,
      deployer: sender,
      updatedAt: now(),
      codes: {},
      contracts: {},
      wiring: {},
      migrations: [],
      info: {},
    };
    record.rpc = net.rpc;
    record.info ??= {};
    record.wiring ??= {};
    record.migrations ??= [];
    return new DeployContext(net, client, sender, record);
  }

  log(msg: string) {
    console.log(msg);
  }
  step(title: string) {
    console.log(`\n== ${title}`);
  }
  save() {
    this.record.updatedAt = now();
    fs.mkdirSync(path.dirname(this.net.deploymentFile), { recursive: true });
    fs.writeFileSync(this.net.deploymentFile, JSON.stringify(this.record, null, 2) + "\n");
  }

  hasArtifact(contract: string): boolean {
    return fs.existsSync(artifactPath(contract));
  }
  role(name: string): string {
    const a = this.net.roles[name];
    if (!a) throw new ConfigError(`network ${this.net.name} has no address for role "${name}" (${this.net.networksFile} roles.${name})`);
    return a;
  }
  /** address of a contract deployed in this run or earlier (undefined when not deployed) */
  address(key: string): string | undefined {
    return this.record.contracts[key]?.address;
  }

  /** Uploads artifacts/mesi_<contract>.wasm unless a code with the same checksum is already on chain. */
  async upload(contract: string): Promise<CodeRecord> {
    const file = artifactPath(contract);
    const wasm = fs.readFileSync(file);
    const checksum = createHash("sha256").update(wasm).digest("hex");
    const rel = path.relative(ROOT, file);
    const known = this.record.codes[contract];
    if (known?.checksum === checksum) {
      const onChain = await this.client.getCodeDetails(known.codeId).catch(() => undefined);
      if (onChain && onChain.checksum.toLowerCase() === checksum) {
        this.log(`  upload ${contract}: unchanged, code ${known.codeId} (sha256 ${checksum.slice(0, 16)}...) already on chain`);
        return known;
      }
    }
    const codes = await this.client.getCodes();
    const same = codes.filter((c) => c.checksum.toLowerCase() === checksum).sort((a, b) => a.id - b.id)[0];
    let rec: CodeRecord;
    if (same) {
      rec = { codeId: same.id, checksum, artifact: rel, sizeBytes: wasm.length, reused: true, at: now() };
      this.log(`  upload ${contract}: checksum already on chain as code ${same.id}, no upload`);
    } else {
      this.log(`  upload ${contract}: ${rel} (${(wasm.length / 1024).toFixed(1)} KiB, sha256 ${checksum.slice(0, 16)}...)`);
      const r = await this.client.upload(this.sender, wasm, GAS_MULTIPLIER, `mesi ${contract}`);
      rec = { codeId: r.codeId, checksum, artifact: rel, sizeBytes: wasm.length, txHash: r.transactionHash, gasUsed: Number(r.gasUsed), height: r.height, at: now() };
      this.log(`    -> code ${r.codeId}, gas ${r.gasUsed}, tx ${short(r.transactionHash)}`);
    }
    this.record.codes[contract] = rec;
    this.save();
    return rec;
  }

  /**
   * Instantiates `contract` under `key` unless the record already holds an instance that exists on chain.
   * `msg` may be a function so it is only built when needed. Admin = the deployer (migrations).
   */
  async instantiate(opts: {
    key: string;
    contract: string;
    label: string;
    msg: Record<string, unknown> | (() => Record<string, unknown> | Promise<Record<string, unknown>>);
    funds?: Coin[];
    notes?: Record<string, unknown>;
  }): Promise<ContractRecord> {
    const existing = this.record.contracts[opts.key];
    if (existing) {
      const onChain = await this.client.getContract(existing.address).catch(() => undefined);
      if (onChain) {
        this.log(`  instantiate ${opts.key}: already at ${existing.address} (code ${onChain.codeId}), skipped`);
        const latest = this.record.codes[opts.contract];
        if (latest && latest.codeId !== onChain.codeId) {
          this.log(`    note: code ${latest.codeId} is newer than the instance's code ${onChain.codeId}: make migrate CONTRACT=${opts.key}`);
        }
        return existing;
      }
      this.log(`  instantiate ${opts.key}: recorded address ${existing.address} is not on this chain (devnet reset?), instantiating again`);
      delete this.record.contracts[opts.key];
      for (const k of Object.keys(this.record.wiring)) if (k.startsWith(`${opts.key}.`)) delete this.record.wiring[k];
    }
    const code = this.record.codes[opts.contract] ?? (await this.upload(opts.contract));
    const msg = typeof opts.msg === "function" ? await opts.msg() : opts.msg;
    const r = await this.client.instantiate(this.sender, code.codeId, msg, opts.label, GAS_MULTIPLIER, {
      admin: this.sender,
      funds: opts.funds,
    });
    const rec: ContractRecord = {
      address: r.contractAddress,
      codeId: code.codeId,
      checksum: code.checksum,
      label: opts.label,
      admin: this.sender,
      txHash: r.transactionHash,
      gasUsed: Number(r.gasUsed),
      height: r.height,
      at: now(),
      notes: opts.notes,
    };
    this.log(`  instantiate ${opts.key}: ${r.contractAddress} (code ${code.codeId}), gas ${r.gasUsed}, tx ${short(r.transactionHash)}`);
    this.record.contracts[opts.key] = rec;
    this.save();
    return rec;
  }

  /**
   * A wiring / configuration transaction, run once: recorded under `key` ("<contract>.<what>").
   * `done` may check on chain whether it is needed at all.
   */
  async wire(opts: {
    key: string;
    contract: string;
    msg: Record<string, unknown>;
    funds?: Coin[];
    done?: () => Promise<boolean>;
  }): Promise<void> {
    if (this.record.wiring[opts.key]) {
      this.log(`  wire ${opts.key}: done earlier (tx ${this.record.wiring[opts.key].txHash}), skipped`);
      return;
    }
    if (opts.done && (await opts.done())) {
      this.log(`  wire ${opts.key}: already in place on chain, skipped`);
      return;
    }
    const r = await this.client.execute(this.sender, opts.contract, opts.msg, GAS_MULTIPLIER, opts.key, opts.funds);
    this.record.wiring[opts.key] = { contract: opts.contract, txHash: r.transactionHash, gasUsed: Number(r.gasUsed), height: r.height, at: now() };
    this.log(`  wire ${opts.key}: gas ${r.gasUsed}, tx ${short(r.transactionHash)}`);
    this.save();
  }

  skip(what: string, why: string) {
    this.log(`  skip ${what}: ${why}`);
  }
}
