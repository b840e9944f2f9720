mod adversarial;
mod rules;
mod suite;
