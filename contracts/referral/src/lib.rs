//! mesi-referral: not implemented yet.
