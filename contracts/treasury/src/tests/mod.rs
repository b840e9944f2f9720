//! cw-multi-test suites.
