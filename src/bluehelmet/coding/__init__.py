"""Mandate coder: rules, taxonomy, evidence spans, evaluation."""
