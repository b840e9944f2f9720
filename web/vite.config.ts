// Vite build of the reference dApp (issue 11).
//   vite build                 production bundle in web/dist: Keplr only, no test signer
//   vite build --mode e2e      end-to-end bundle: adds the test signer (signatures come from the Node test process
//                              through the browser driver; the page never holds a key)
// The clients (clients/src) and networks (networks/networks.json) are imported from the repo, never copied.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig(({ mode }) => {
  const e2e = mode === "e2e";
  return {
    root: here,
    base: "./",
    // JSX through Vite's built-in Oxc transform (React automatic runtime); no Fast Refresh plugin needed
    oxc: { jsx: { runtime: "automatic", importSource: "react" } },
    define: { __MESI_E2E__: JSON.stringify(e2e) },
    resolve: {
      alias: {
        // production: the test wallet module is replaced by a stub that refuses (tests/web checks the bundle)
        ...(e2e ? {} : { "./testSigner": path.join(here, "src/chain/testSigner.disabled.ts") }),
        // the page never derives keys from words: leave the BIP39 word list that @cosmjs/crypto requires out
        "@scure/bip39/wordlists/english": path.join(here, "src/chain/no-wordlist.ts"),
      },
    },
    server: { host: "127.0.0.1", fs: { allow: [path.join(here, "..")] } },
    preview: { host: "127.0.0.1" },
    build: {
      outDir: process.env.MESI_WEB_OUT ? path.resolve(process.env.MESI_WEB_OUT) : path.join(here, "dist"),
      emptyOutDir: true,
      target: "es2022",
      // cosmjs (CommonJS) brings the protobuf registry of every SDK module: main chunk ~2.0 MB raw, ~0.4 MB gzip
      chunkSizeWarningLimit: 2600,
    },
  };
});
