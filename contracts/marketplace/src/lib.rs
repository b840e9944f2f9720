//! Mesi gallery marketplace (SPEC §3 "Selling", issue #14): escrowed buy-now listings, tier-limited
//! auctions with anti-sniping, private offers with versioned counters, settlements held through a
//! compliance window, pull-based claimable balances. See README.md.

pub mod auction;
pub mod config;
pub mod contract;
pub mod error;
pub mod helpers;
pub mod listing;
pub mod maintenance;
pub mod offer;
pub mod query;
pub mod settlement;
pub mod state;

#[cfg(test)]
mod tests;

pub use crate::error::ContractError;
