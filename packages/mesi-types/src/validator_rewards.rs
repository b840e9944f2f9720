//! Messages of the validator-rewards contract.
