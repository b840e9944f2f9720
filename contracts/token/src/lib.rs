//! mesi-token: not implemented yet.
