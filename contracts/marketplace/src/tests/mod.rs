mod adversarial;
mod invariant;
mod model;
mod o1;
mod rules;
mod suite;
mod sweep;
