//! mesi-bid-to-meet: not implemented yet.
