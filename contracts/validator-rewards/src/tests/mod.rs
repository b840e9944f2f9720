mod admin;
mod adversarial;
mod hardening;
mod invariants;
mod o1;
mod rules;
mod suite;
