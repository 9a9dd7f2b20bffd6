"""Bayes' rule over the whole rival set, the posterior path and weights of evidence."""

from __future__ import annotations

import numpy as np


def update(prior: np.ndarray, likelihood: np.ndarray) -> np.ndarray:
    """Posterior over all hypotheses after one piece of evidence: prior x P(E|H), normalised.

    When P(E) = sum of prior x P(E|H) is 0 the evidence is impossible under every hypothesis
    still standing and the posterior is undefined (all NaN).

    >>> update(np.array([0.5, 0.5]), np.array([0.8, 0.2])).tolist()
    [0.8, 0.2]
    """
    joint = prior * likelihood
    total = joint.sum()
    if not total > 0:
        return np.full_like(prior, np.nan, dtype=float)
    return joint / total


def posterior_path(priors: np.ndarray, likelihoods: np.ndarray) -> np.ndarray:
    """Row 0 the priors, row i the posterior after the first i evidence rows.

    >>> posterior_path(np.array([0.5, 0.5]), np.array([[0.8, 0.2], [0.5, 0.5]]))[-1].tolist()
    [0.8, 0.2]
    """
    rows = [np.asarray(priors, dtype=float)]
    for likelihood in np.atleast_2d(likelihoods):
        rows.append(update(rows[-1], likelihood))
    return np.vstack(rows)


def weights_of_evidence(prior: np.ndarray, likelihood: np.ndarray) -> np.ndarray:
    """Decibans per hypothesis: 10 log10( P(E|H) / P(E|not H) ).

    P(E|not H) is the mixture of the rivals' likelihoods weighted by their current
    probabilities. +inf when no standing rival predicts E, -inf when P(E|H) = 0, NaN when
    both are 0 or when H has no standing rival.

    >>> weights_of_evidence(np.array([0.5, 0.25, 0.25]), np.array([0.9, 0.1, 0.1])).round(2)
    array([ 9.54, -8.02, -8.02])
    """
    weights = np.empty(len(prior), dtype=float)
    for h in range(len(prior)):
        rivals = np.arange(len(prior)) != h
        mass = prior[rivals].sum()
        with np.errstate(divide="ignore", invalid="ignore"):
            not_h = (prior[rivals] * likelihood[rivals]).sum() / mass if mass > 0 else np.nan
            weights[h] = 10 * np.log10(likelihood[h] / not_h)
    return weights
