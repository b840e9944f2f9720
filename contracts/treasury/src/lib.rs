//! mesi-treasury: not implemented yet.
