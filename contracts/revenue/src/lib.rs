//! Mesi creator payments and revenue sharing (SPEC §8, issue 21): tips, pay-per-view, subscriptions with
//! keeper renewals, the creator's contribution rate (12-period moving average) splitting every net payment
//! between the creator's claimable balance and its gallery pool, and Merkle distribution epochs paying
//! the pool (and engagement rewards, and ad revenue) to the gallery's NFT holders. See README.md.

pub mod config;
pub mod contract;
pub mod contribution;
pub mod distribution;
pub mod error;
pub mod external;
pub mod helpers;
pub mod payments;
pub mod query;
pub mod state;
pub mod subscriptions;

#[cfg(test)]
mod tests;

pub use crate::error::ContractError;
