mod adversarial;
mod invariant;
mod o1;
mod rules;
mod suite;
mod sweep;
