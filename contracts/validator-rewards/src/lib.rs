//! mesi-validator-rewards: not implemented yet.
