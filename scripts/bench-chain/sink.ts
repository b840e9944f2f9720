// A receiver contract for the on-chain bench: accepts any execute (a cw20 `receive`, a cw721 `receive_nft`, ...) and
// answers an empty Response, so `send` and `send_nft` of our contracts and of the anchors pay for the same hook.
// (The suite's own receivers accept only the Mesi token, and cw20-base / cw721-base have none.)
// Written in WebAssembly text and assembled with binaryen (the pipeline's .tools/, installed by scripts/bench.sh):
// no Rust crate, no imports, CosmWasm interface_version_8 (allocate / deallocate / instantiate / execute).
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "../deploy/config";

const RESPONSE = JSON.stringify({ ok: { messages: [], attributes: [], events: [], data: null } });

/** The sink's WAT: a bump allocator (grows memory as needed) and a constant Ok response in a static region. */
export function sinkWat(): string {
  const json = RESPONSE.replace(/\\/g, "\\\\").replace(/"/g, '\\"');
  const n = Buffer.byteLength(RESPONSE);
  return `(module
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 4096))
  (data (i32.const 64) "${json}")
  (func (export "interface_version_8"))
  (func (export "allocate") (param $size i32) (result i32)
    (local $r i32) (local $end i32)
    (local.set $r (global.get $heap))
    (local.set $end (i32.add (i32.add (local.get $r) (i32.const 16)) (local.get $size)))
    (block $done
      (loop $grow
        (br_if $done (i32.le_u (local.get $end) (i32.shl (memory.size) (i32.const 16))))
        (if (i32.eq (memory.grow (i32.const 1)) (i32.const -1)) (then (unreachable)))
        (br $grow)))
    (i32.store (local.get $r) (i32.add (local.get $r) (i32.const 16)))
    (i32.store offset=4 (local.get $r) (local.get $size))
    (i32.store offset=8 (local.get $r) (i32.const 0))
    (global.set $heap (i32.and (i32.add (local.get $end) (i32.const 7)) (i32.const -8)))
    (local.get $r))
  (func (export "deallocate") (param i32))
  (func $ok (result i32)
    (i32.store (i32.const 16) (i32.const 64))
    (i32.store offset=4 (i32.const 16) (i32.const ${n}))
    (i32.store offset=8 (i32.const 16) (i32.const ${n}))
    (i32.const 16))
  (func (export "instantiate") (param i32 i32 i32) (result i32) (call $ok))
  (func (export "execute") (param i32 i32 i32) (result i32) (call $ok))
)`;
}

/** Assembles the sink with binaryen from .tools/ (run scripts/bench.sh once, or `npm i --prefix .tools binaryen@132.0.0`). */
export async function sinkWasm(): Promise<Uint8Array> {
  const entry = path.join(ROOT, ".tools", "node_modules", "binaryen", "index.js");
  if (!fs.existsSync(entry)) throw new Error(`binaryen not found at ${entry}: run scripts/bench.sh (it installs binaryen into .tools/)`);
  const binaryen = (await import(pathToFileURL(entry).href)).default;
  const mod = binaryen.parseText(sinkWat());
  try {
    if (!mod.validate()) throw new Error("the sink's wasm does not validate");
    return mod.emitBinary();
  } finally {
    mod.dispose();
  }
}
