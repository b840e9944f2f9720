//! mesi-gallery: not implemented yet.
