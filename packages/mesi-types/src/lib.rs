//! Messages, responses and shared types of the Mesi contract suite.
//!
//! One module per contract. Contracts, cross-contract tests and the generated TypeScript
//! clients all use these definitions, so a message has exactly one shape everywhere.
//!
//! Units used throughout: amounts are `Uint128` base units ($MESI has 6 decimals), USD
//! amounts are micro-USD (`Uint128`, 6 decimals: USD 10 = `10_000_000`), time is block time
//! in seconds, percentages are basis points (10_000 = 100%), prices are `Decimal`.

pub mod bid_to_meet;
pub mod gallery;
pub mod influence;
pub mod marketplace;
pub mod referral;
pub mod revenue;
pub mod token;
pub mod treasury;
pub mod validator_rewards;

/// Basis points in 100%.
pub const BPS_DENOMINATOR: u16 = 10_000;
/// One whole $MESI in base units (6 decimals).
pub const MESI: u128 = 1_000_000;
/// One USD in micro-USD.
pub const USD: u128 = 1_000_000;
