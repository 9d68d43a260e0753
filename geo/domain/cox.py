"""Stratified Cox regression with entry times and Efron ties, by Newton's method on sparse
risk sets: the model of statsmodels' PHReg (tests compare the two), fast enough to refit a
few hundred times in a state bootstrap at build time."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse

MAX_STEP = 2.0  # at most this much change in any coefficient per Newton step


@dataclass(frozen=True)
class RiskSets:
    """Who is at risk at each activation day of each stratum, and who is activated then."""

    at_risk: sparse.csr_matrix  # (groups, rows): entry < day <= exit, same stratum
    activated: sparse.csr_matrix  # (groups, rows): activated on that day
    pair_group: np.ndarray  # Efron's terms: one per activation, its group ...
    pair_share: np.ndarray  # ... and l / d (l-th of the group's d activations)
    event: np.ndarray

    @classmethod
    def of(cls, entry, exit_, event, strata) -> RiskSets:
        event = np.asarray(event, bool)
        strata = np.unique(strata, return_inverse=True)[1]
        keys, group = np.unique(
            np.rec.fromarrays([strata[event], exit_[event]]), return_inverse=True
        )
        dead = np.flatnonzero(event)
        risk_rows, risk_groups = [], []
        for s in np.unique(keys.f0):
            mine = np.flatnonzero(keys.f0 == s)
            rows = np.flatnonzero(strata == s)
            day = keys.f1[mine]
            inside = (entry[rows, None] < day) & (day <= exit_[rows, None])
            r, g = np.nonzero(inside)
            risk_rows.append(rows[r])
            risk_groups.append(mine[g])
        shape = (len(keys), len(exit_))
        rows, groups = np.concatenate(risk_rows), np.concatenate(risk_groups)
        at_risk = sparse.csr_matrix((np.ones(len(rows)), (groups, rows)), shape=shape)
        activated = sparse.csr_matrix((np.ones(len(dead)), (group, dead)), shape=shape)
        size = np.bincount(group, minlength=len(keys))
        pair_group = np.repeat(np.arange(len(keys)), size)
        rank = np.arange(len(pair_group)) - np.repeat(np.cumsum(size) - size, size)
        return cls(at_risk, activated, pair_group, rank / size[pair_group], event)


def _terms(sets: RiskSets, x: np.ndarray, beta: np.ndarray):
    """Efron's log partial likelihood, its gradient and its (negative) Hessian. The Hessian's
    second moments are summed per row (weights c), never per risk set."""
    eta = x @ beta
    eta = eta - eta.max()  # the likelihood does not change: one term per activation each side
    w = np.exp(eta)
    first = np.column_stack([w, w[:, None] * x])
    risk, dead = sets.at_risk @ first, sets.activated @ first
    g, f = sets.pair_group, sets.pair_share
    m = risk[g] - f[:, None] * dead[g]
    s0, mean = m[:, 0], m[:, 1:] / m[:, :1]
    loglik = eta[sets.event].sum() - np.log(s0).sum()
    grad = x[sets.event].sum(axis=0) - mean.sum(axis=0)
    groups = sets.at_risk.shape[0]
    a = np.bincount(g, 1 / s0, minlength=groups)
    b = np.bincount(g, f / s0, minlength=groups)
    c = w * (sets.at_risk.T @ a - sets.activated.T @ b)
    info = (x * c[:, None]).T @ x - mean.T @ mean
    return loglik, grad, info


def fit(entry, exit_, event, x, strata, iterations: int = 60):
    """Coefficients and their standard errors (inverse information) of the stratified Cox
    model with entry times and Efron ties."""
    sets = RiskSets.of(
        np.asarray(entry, float), np.asarray(exit_, float), event, np.asarray(strata)
    )
    x = np.asarray(x, float)
    beta = np.zeros(x.shape[1])
    loglik, grad, info = _terms(sets, x, beta)
    for _ in range(iterations):
        step = np.linalg.lstsq(info, grad)[0]
        step *= min(1.0, MAX_STEP / np.abs(step).max(initial=MAX_STEP))
        for _ in range(30):  # halve the step until the likelihood does not fall
            new = _terms(sets, x, beta + step)
            if new[0] >= loglik - 1e-12:
                break
            step /= 2
        beta = beta + step
        done = abs(new[0] - loglik) < 1e-10
        loglik, grad, info = new
        if done:
            break
    informed = np.diag(info) > 0  # a column never at risk on an activation day: no estimate
    beta[~informed] = np.nan
    se = np.full(len(beta), np.nan)
    se[informed] = np.sqrt(np.diag(np.linalg.inv(info[np.ix_(informed, informed)])))
    return beta, se
