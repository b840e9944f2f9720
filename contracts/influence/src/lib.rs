//! Mesi influence allocation (SPEC §1 "Influence allocation", issue 13): a user gives shares (bps)
//! of its live influence points, read from the token's `tier` query, to creators' galleries;
//! reallocating and withdrawing are free and immediate; every change is an event for the indexer
//! that computes a gallery's live points.

pub mod contract;
pub mod error;
pub mod execute;
pub mod external;
pub mod query;
pub mod state;

#[cfg(test)]
mod tests;
