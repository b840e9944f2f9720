#!/usr/bin/env node
// Typed TypeScript clients from schema/<contract>/ (cosmwasm-schema output) with @cosmwasm/ts-codegen 0.35
// (cosmjs-based output). Writes clients/src/<Contract>.types.ts, <Contract>.client.ts and clients/src/index.ts.
//   node scripts/gen-clients.mjs          regenerate
//   node scripts/gen-clients.mjs --check  regenerate into a temp dir and fail when clients/src differs (drift)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const codegen = require("@cosmwasm/ts-codegen").default;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const check = process.argv.includes("--check");
const schemaRoot = process.env.MESI_SCHEMA_DIR ? path.resolve(process.env.MESI_SCHEMA_DIR) : path.join(root, "schema");
const finalOut = path.join(root, "clients", "src");
const outPath = check ? fs.mkdtempSync(path.join(os.tmpdir(), "mesi-clients-")) : finalOut;

// token -> MesiToken, bid-to-meet -> MesiBidToMeet
const pascal = (dir) => "Mesi" + dir.split(/[-_]/).map((w) => w[0].toUpperCase() + w.slice(1)).join("");
const dirs = fs.existsSync(schemaRoot)
  ? fs.readdirSync(schemaRoot).filter((d) => fs.statSync(path.join(schemaRoot, d)).isDirectory()).sort()
  : [];
// ts-codegen 0.35 cannot type an array whose items are an inline anyOf (Vec<Option<T>>): move such items into a
// named definition ("NullableUint128 = Uint128 | null") in a temporary copy of the schema.
const work = fs.mkdtempSync(path.join(os.tmpdir(), "mesi-schema-"));
process.on("exit", () => fs.rmSync(work, { recursive: true, force: true }));
function liftInlineItems(schema) {
  const defs = (schema.definitions ??= {});
  const walk = (node) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    if (node.items && typeof node.items === "object" && !Array.isArray(node.items) && !node.items.type && !node.items.$ref && node.items.anyOf) {
      const parts = node.items.anyOf.map((a) => (a.$ref ? a.$ref.split("/").pop() : a.type === "null" ? "Null" : String(a.type)));
      const name = parts.includes("Null") ? "Nullable" + parts.filter((p) => p !== "Null").join("Or") : parts.join("Or");
      defs[name] ??= { title: name, ...node.items };
      node.items = { $ref: `#/definitions/${name}` };
    }
    for (const v of Object.values(node)) walk(v);
  };
  walk(schema);
  if (Object.keys(defs).length === 0) delete schema.definitions;
  return schema;
}
// The `msg` payloads of a contract's hooks (cw20 `send`, cw721 `send_nft`), exported by its schema binary into
// schema/<contract>/hooks/: ts-codegen types every schema it is given (json-schema-to-typescript, unreferenced
// definitions are dropped), so each hook goes in beside the query responses under a key no query has; the client
// generator only looks responses up by query name. Result: e.g. MesiMarketplaceTypes.NftMsg, typed hook messages.
function addHooks(j, dir) {
  if (!fs.existsSync(dir)) return;
  const responses = (j.responses ??= {});
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
    const hook = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"));
    responses[`hook:${hook.title}`] = hook;
  }
}
function prepared(d) {
  const src = path.join(schemaRoot, d);
  const dst = path.join(work, d);
  fs.mkdirSync(dst, { recursive: true });
  for (const f of fs.readdirSync(src).filter((f) => f.endsWith(".json"))) {
    const j = JSON.parse(fs.readFileSync(path.join(src, f), "utf8"));
    addHooks(j, path.join(src, "hooks"));
    for (const k of ["instantiate", "execute", "query", "migrate", "sudo"]) if (j[k]) liftInlineItems(j[k]);
    // a response titled "X_for_Nullable_Empty" is typed XForNullable_Empty but referenced as XForNullableEmpty
    const pascalTitle = (t) => t.split("_").map((w) => (w ? w[0].toUpperCase() + w.slice(1) : w)).join("");
    for (const r of Object.values(j.responses ?? {})) {
      liftInlineItems(r);
      if (typeof r.title === "string" && r.title.includes("_")) r.title = pascalTitle(r.title);
    }
    fs.writeFileSync(path.join(dst, f), JSON.stringify(j));
  }
  return dst;
}
const contracts = dirs
  .filter((d) => fs.readdirSync(path.join(schemaRoot, d)).some((f) => f.endsWith(".json")))
  .map((d) => ({ name: pascal(d), dir: prepared(d), src: path.join(schemaRoot, d) }));
if (contracts.length === 0) console.log("[clients] no schema/<contract>/ yet: nothing to generate");

if (!check) {
  // remove stale generated files (a contract whose schema disappeared)
  fs.mkdirSync(finalOut, { recursive: true });
  for (const f of fs.readdirSync(finalOut)) if (/\.(types|client)\.ts$/.test(f)) fs.rmSync(path.join(finalOut, f));
}

const log = console.log;
console.log = () => {}; // ts-codegen is chatty
try {
  for (const c of contracts) {
    await codegen({
      contracts: [{ name: c.name, dir: c.dir }],
      outPath,
      options: {
        bundle: { enabled: false },
        types: { enabled: true, aliasExecuteMsg: false },
        // execExtendsQuery: false — the token has both an execute `lock {amount}` and a query `lock {address}`
        client: { enabled: true, execExtendsQuery: false },
        messageComposer: { enabled: false },
        reactQuery: { enabled: false },
        recoil: { enabled: false },
      },
    });
  }
} finally {
  console.log = log;
}
const header = "// Generated by scripts/gen-clients.mjs from schema/. Do not edit; run `make schema` or `make ts`.\n";
const index =
  header +
  contracts.map((c) => `export * as ${c.name} from "./${c.name}.client";\nexport * as ${c.name}Types from "./${c.name}.types";`).join("\n") +
  "\nexport {};\n";
fs.writeFileSync(path.join(outPath, "index.ts"), index);
for (const c of contracts) console.log(`[clients] ${path.relative(root, c.src)} -> clients/src/${c.name}.client.ts`);

if (check) {
  const list = (d) => (fs.existsSync(d) ? fs.readdirSync(d).filter((f) => f.endsWith(".ts")).sort() : []);
  const a = list(finalOut), b = list(outPath);
  const differ = a.join() !== b.join() || b.some((f) => fs.readFileSync(path.join(finalOut, f), "utf8") !== fs.readFileSync(path.join(outPath, f), "utf8"));
  fs.rmSync(outPath, { recursive: true, force: true });
  if (differ) {
    console.error("[clients] clients/src is out of date with schema/: run `make ts` (or `make schema`) and commit clients/src");
    process.exit(1);
  }
  console.log("[clients] clients/src is up to date");
}
