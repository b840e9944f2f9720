//! One module per contract. A module exposes `pub fn run(ctx: &Ctx) -> Result<Vec<GasRow>>` and is listed in
//! [`BENCHES`]; see tools/vm/README.md for how to add a row.

use std::path::PathBuf;

use crate::harness::{Gas, Result};

pub mod bid_to_meet;
pub mod gallery;
pub mod marketplace;
pub mod influence;
pub mod referral;
pub mod token;
pub mod treasury;
pub mod validator_rewards;

/// A contract's bench: which artifact, which anchor (if any), and the function that measures it.
pub struct Bench {
    /// Artifact stem in artifacts/, e.g. "mesi_token".
    pub contract: &'static str,
    /// Anchor artifact stem in artifacts/anchors/, e.g. "cw20_base".
    pub anchor: Option<&'static str>,
    pub run: fn(&Ctx) -> Result<Vec<GasRow>>,
}

/// Every bench `make bench` runs, in table order. Add yours here.
pub const BENCHES: &[Bench] = &[
    Bench { contract: "mesi_token", anchor: Some("cw20_base"), run: token::run },
    Bench { contract: "mesi_treasury", anchor: None, run: treasury::run },
    Bench { contract: "mesi_referral", anchor: None, run: referral::run },
    Bench { contract: "mesi_bid_to_meet", anchor: None, run: bid_to_meet::run },
    Bench { contract: "mesi_validator_rewards", anchor: None, run: validator_rewards::run },
    Bench { contract: "mesi_gallery", anchor: Some("cw721_base"), run: gallery::run },
    Bench { contract: "mesi_marketplace", anchor: None, run: marketplace::run },
    Bench { contract: "mesi_influence", anchor: None, run: influence::run },
];

static FAILED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// For a bench that reports what it could measure but hit an error on the way: prints it and makes
/// `mesi-vm bench` exit non-zero.
pub fn report_failure(contract: &str, error: &str) {
    eprintln!("[bench] {contract}: FAILED: {error}");
    FAILED.store(true, std::sync::atomic::Ordering::Relaxed);
}

pub fn any_failed() -> bool {
    FAILED.load(std::sync::atomic::Ordering::Relaxed)
}

/// Anchor of each artifact for the size table (artifacts without one get null).
pub fn size_anchor(contract: &str) -> Option<&'static str> {
    match contract {
        "mesi_token" => Some("cw20_base"),
        "mesi_gallery" => Some("cw721_base"),
        _ => None,
    }
}

/// One line of the gas table.
#[derive(Clone, Debug)]
pub struct GasRow {
    pub contract: String,
    pub operation: String,
    pub gas: Gas,
    pub anchor: Option<String>,
    pub anchor_gas: Option<Gas>,
}

impl GasRow {
    /// A row with no anchor operation (anchor and anchor_gas null).
    pub fn solo(contract: &str, operation: &str, gas: Gas) -> GasRow {
        GasRow { contract: contract.into(), operation: operation.into(), gas, anchor: None, anchor_gas: None }
    }

    /// A row beside the anchor's same operation.
    pub fn versus(contract: &str, operation: &str, gas: Gas, anchor: &str, anchor_gas: Gas) -> GasRow {
        GasRow {
            contract: contract.into(),
            operation: operation.into(),
            gas,
            anchor: Some(anchor.into()),
            anchor_gas: Some(anchor_gas),
        }
    }
}

/// Where the artifacts are.
pub struct Ctx {
    pub artifacts: PathBuf,
}

impl Ctx {
    /// artifacts/<stem>.wasm
    pub fn artifact(&self, stem: &str) -> PathBuf {
        self.artifacts.join(format!("{stem}.wasm"))
    }

    /// artifacts/anchors/<stem>.wasm
    pub fn anchor(&self, stem: &str) -> PathBuf {
        self.artifacts.join("anchors").join(format!("{stem}.wasm"))
    }
}
