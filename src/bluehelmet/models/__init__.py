"""Count models: negative binomial and Poisson with fixed effects, effects, tables."""
