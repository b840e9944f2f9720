# Mesi contract suite. `make demo` and `make test` are the two commands of the README.
SHELL := /bin/bash
.DEFAULT_GOAL := help
CONTRACTS := token treasury gallery bid-to-meet referral validator-rewards marketplace influence
VALIDATORS ?= 1

.PHONY: help fmt fmt-check lint unit schema schema-check wasm bench bench-chain test test-stages demo devnet devnet-stop deploy ts e2e devnet-test wasmd mutants

help:
	@echo "make demo        build, start a local devnet, deploy the suite and walk through every feature"
	@echo "make test        everything CI checks (fmt, clippy, unit + multi-test, schema drift, wasm + VM check, devnet e2e + browser), timed per stage"
	@echo "make wasm        optimized contracts in artifacts/ (+ checksums, VM check)"
	@echo "make schema      JSON schemas into schema/ and TypeScript clients"
	@echo "make bench       VM gas and wasm size beside cw20-base / cw721-base, then make bench-chain"
	@echo "make mutants     cargo-mutants over escrow, custody and tier code (SCOPE=marketplace|token|gallery; slow)"
	@echo "make bench-chain on-chain SDK gas (unpinned and pinned) beside the anchors and a native send"
	@echo "make devnet      start a local wasmd devnet (VALIDATORS=4 for four validators)"
	@echo "make devnet-stop stop it (make devnet-reset wipes its chain data)"
	@echo "make deploy      upload, instantiate and wire the suite (NETWORK=devnet by default; see networks/)"
	@echo "make migrate     CONTRACT=token: upload new code and migrate that contract"
	@echo "make ts          check the generated TypeScript clients against schema/ and type-check"
	@echo "make e2e         devnet end-to-end tests (one deploy, a clone of it per file, free ports; E2E_JOBS=2 at a time)"
	@echo "make web         build the reference dApp into web/dist (make web-test: its browser tests on a devnet)"
	@echo "make devnet-test the e2e and browser tests in one runner (make test's devnet stage)"

fmt:
	cargo fmt --all

fmt-check:
	cargo fmt --all -- --check

lint:
	cargo clippy --workspace --all-targets -- -D warnings

unit:
	cargo test --workspace --locked

schema:
	bash scripts/schema.sh
	$(MAKE) --no-print-directory clients

schema-check:
	bash scripts/schema.sh --check

wasm:
	bash scripts/build-wasm.sh

bench: wasm node-deps
	bash scripts/bench.sh
	bash scripts/build-wasmd.sh >/dev/null
	$(TSX) scripts/bench-chain/chain.ts

# on-chain SDK gas, unpinned and pinned, beside the anchors and a native bank send (issue 15; a throw-away devnet)
bench-chain: wasm node-deps
	bash scripts/bench.sh --anchors-only
	bash scripts/build-wasmd.sh >/dev/null
	$(TSX) scripts/bench-chain/chain.ts

wasmd:
	bash scripts/build-wasmd.sh

# test strength (issue 19 §7): cargo-mutants over the escrow, custody and tier code; slow, not part of make test
mutants:
	bash scripts/mutants.sh $(SCOPE)

# make test: every check, one stage after the other, each timed: scripts/timing.sh prints the time per stage at the end
# (also when a stage fails). The stage/<name> markers only record when each stage starts.
TEST_STAGES := fmt-check lint unit schema-check wasm ts devnet-test
test:
	@bash scripts/timing.sh run "make test" -- $(MAKE) --no-print-directory test-stages
test-stages: $(foreach s,$(TEST_STAGES),stage/$(s) $(s)) stage/-
	@echo "make test: all checks passed"
stage/%:
	@bash scripts/timing.sh mark $*

# ---- devnet, clients, deploy, e2e, demo (issue 3) ----------------------------------------------------------
NETWORK ?= devnet
CONTRACT ?=
TSX := node --import tsx
# the devnet test files in the order the runner starts them, E2E_JOBS at a time: first those with a chain of their own
# (four validators, the public-network path: they run while the runner's one deploy is made), then the longest
E2E ?= tests/e2e/validator-rewards.test.ts tests/e2e/pos-fault.test.ts tests/e2e/public-deploy.test.ts \
  tests/e2e/marketplace.test.ts tests/e2e/revenue.test.ts tests/e2e/bid-to-meet.test.ts tests/e2e/treasury.test.ts tests/e2e/token.test.ts \
  tests/e2e/pinning.test.ts tests/e2e/gallery.test.ts tests/e2e/referral.test.ts tests/e2e/influence.test.ts
WEB_TEST := tests/web/web.test.ts
E2E_JOBS ?= 2

.PHONY: node-deps clients devnet-reset devnet-status migrate

# npm ci only when package-lock.json changed (node_modules/.package-lock.json is npm's own stamp)
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@
node-deps: node_modules/.package-lock.json

clients: node-deps
	node scripts/gen-clients.mjs

# typed clients are current with schema/ and everything TypeScript type-checks
ts: node-deps
	node scripts/gen-clients.mjs --check
	npx --no-install tsc -p tsconfig.json
	$(TSX) --test --test-reporter=spec tests/web/reason.test.ts scripts/revenue/leaves.test.ts
	@echo "[ts] type-check passed"

# VALIDATORS=4 for four validators; DEVNET_*_PORT to move ports (see scripts/devnet.sh)
devnet:
	VALIDATORS=$(VALIDATORS) VALIDATORS_FROM_CLI="$(filter-out file default,$(origin VALIDATORS))" bash scripts/devnet.sh start
devnet-stop:
	-bash web/serve.sh stop
	bash scripts/devnet.sh stop
devnet-reset:
	-bash web/serve.sh stop
	bash scripts/devnet.sh reset
devnet-status:
	bash scripts/devnet.sh status

deploy: node-deps
	$(TSX) scripts/deploy/deploy.ts --network $(NETWORK)

migrate: node-deps
	@test -n "$(CONTRACT)" || { echo "usage: make migrate CONTRACT=token [NETWORK=devnet]"; exit 1; }
	$(TSX) scripts/deploy/migrate.ts --contract $(CONTRACT) --network $(NETWORK)

# end-to-end tests on throw-away devnets (free ports), one file per contract + the PoS fault test: tests/e2e/run.ts
# deploys the suite once and gives each file that calls deployedDevnet() its own clone of that chain (tests/e2e/README.md)
e2e: node-deps wasm
	bash scripts/build-wasmd.sh >/dev/null
	$(TSX) tests/e2e/run.ts --jobs $(E2E_JOBS) $(E2E)

# make test's devnet stage: the e2e files and the browser tests in one runner (one deploy for all of them)
devnet-test: node-deps wasm
	bash scripts/build-wasmd.sh >/dev/null
	$(TSX) tests/e2e/run.ts --jobs $(E2E_JOBS) $(WEB_TEST) $(E2E)

demo: wasm node-deps web
	bash scripts/build-wasmd.sh >/dev/null
	bash scripts/devnet.sh start
	$(TSX) scripts/deploy/deploy.ts --network devnet
	$(TSX) scripts/demo/demo.ts
	bash web/serve.sh start

# ---- reference dApp (issue 11) ------------------------------------------------------------------------------
.PHONY: web web-test
# type-check and build the production bundle (Keplr only; no test signer) into web/dist
web: node-deps
	npx --no-install tsc -p web/tsconfig.json
	npx --no-install tsc -p tests/web/tsconfig.json
	npx --no-install vite build web --logLevel warn
	@echo "[web] built web/dist ($$(du -sh web/dist | cut -f1))"

# browser tests: headless Debian chromium (playwright-core) against a devnet started by the test, suite deployed
web-test: node-deps wasm
	bash scripts/build-wasmd.sh >/dev/null
	$(TSX) tests/e2e/run.ts $(WEB_TEST)
