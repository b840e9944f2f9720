//! Messages of the bid-to-meet contract.
