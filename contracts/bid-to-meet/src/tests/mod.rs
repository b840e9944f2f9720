//! Multi-tests with the REAL mesi-token and mesi-treasury contracts.

mod adversarial;
mod invariant;
mod rules;
mod suite;
