//! cw-multi-test suites (the real mesi-token is the treasury's token).
mod adversarial;
mod invariants;
mod merkle;
mod rules;
mod suite;
mod vesting;
