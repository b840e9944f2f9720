//! mesi-treasury: the $MESI treasury (SPEC §2).
//!
//! Price feed, instant earnings claims (operator batches and Merkle epochs), shortfall minting
//! with over-issuance accounting and burn-back, budget pools with yearly caps and registered
//! drawers, and vesting schedules (the genesis tokenomics table). See README.md.

pub mod contract;
pub mod error;
pub mod execute;
pub mod helpers;
pub mod query;
pub mod state;

#[cfg(test)]
mod tests;
