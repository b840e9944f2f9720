//! cw-multi-test suites. `suite.rs` is the builder; one file per family of rules.

mod adversarial;
mod cw721;
mod expiry;
mod invariants;
mod layout;
mod pledge;
mod rules;
mod suite;
mod sweep;
