//! Multi-tests with the REAL mesi-token and mesi-treasury contracts.

mod adversarial;
mod hardening;
mod invariant;
mod rules;
mod suite;
