"""Were a resistant site's neighbours switched on faster while the site resisted? A Cox model
of each county's time to activation, fitted at build time, and to a user's dated list in the
export worker (geo.domain.cox; the page only reads its results, geo.domain.ringresults).

One baseline hazard per state (strata: state agreements and statewide batches), Efron ties,
controls for size, density, noncitizen share and distance to Mexico, and a time-varying phase
for counties in a site's ring: before the site's first resistance, while it resists and is
not yet active, after its activation. Intervals from a bootstrap that resamples states.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from geo.common import event_day
from geo.domain import cox
from geo.domain.rings import dated_sites, ring, site_members

ORIGIN = pd.Timestamp("2008-10-01")
SEED = 20
DRAWS = 200
PLACEBOS = 100
LIST_DRAWS, LIST_PLACEBOS = 100, 50  # a user's list, fitted in the export worker within a minute
Z95 = 1.959964
HALF_YEAR = 365.25 / 2
EVENT_HALF_YEARS = range(-3, 4)  # the first and last pool every half-year beyond them
PLACEBO_POPULATION = 500_000
PHASES = ("before", "while", "after")
CONTROLS = ("log_population", "log_density", "noncitizen_share", "log_border_km")
# Other days the resisting window may open (never before the site's own first act): ICE's
# internal memo "Secure Communities - Mandatory in 2013", and the public release of the
# FOIA documents (both dated, with sources, in data/curated/resistance_events.csv).
ALTERNATIVES = (
    (
        "2010-10-02",
        "From ICE's internal memo making the program mandatory (2 Oct 2010)",
        "Desde el memorando interno de ICE que hacía obligatorio el programa (2 oct 2010)",
    ),
    (
        "2011-02-17",
        "From the release of the FOIA documents (17 Feb 2011)",
        "Desde la publicación de los documentos obtenidos por la FOIA (17 feb 2011)",
    ),
)
INPUTS = ("counties.parquet", "adjacency.csv", "resistance_starts.csv", "resistant_sites.csv")
RESULTS = "ring_model.json"


@dataclass(frozen=True)
class Rollout:
    """Counties in the model: days from ORIGIN to activation, state, controls."""

    fips: np.ndarray
    days: np.ndarray
    state: np.ndarray
    controls: np.ndarray  # one column per CONTROLS

    @classmethod
    def of(cls, counties: pd.DataFrame) -> Rollout:
        pop = counties["population_2010"].astype(float)
        controls = np.column_stack(
            [
                np.log(pop),
                np.log(pop / counties["land_area_sqmi"].astype(float)),
                counties["noncitizens"] / pop,
                np.log(counties["mexico_border_km"].astype(float)),
            ]
        )
        controls = (controls - controls.mean(axis=0)) / controls.std(axis=0)
        return cls(
            counties["fips"].to_numpy(),
            _days_of(counties),
            counties["state_fips"].to_numpy(),
            controls,
        )


@dataclass(frozen=True)
class Episodes:
    """Counting-process rows: (entry, exit] with an activation at exit or not, the row's
    county (index into the Rollout) and its label (-1: not in a ring)."""

    county: np.ndarray
    entry: np.ndarray
    exit: np.ndarray
    event: np.ndarray
    label: np.ndarray


def episodes(rollout: Rollout, cuts: dict[int, list[float]]) -> Episodes:
    """Split each ring county's time at its cuts: row j of county i covers (cut j-1, cut j]
    and has label j; counties without cuts keep one row with label -1."""
    rows = []
    for i, days in enumerate(rollout.days):
        if i not in cuts:
            rows.append((i, 0.0, days, 1, -1))
            continue
        bounds = [0.0, *cuts[i], np.inf]
        for j in range(len(bounds) - 1):
            low, high = max(bounds[j], 0.0), bounds[j + 1]
            if low >= days:
                break
            if high > low:
                rows.append((i, low, min(high, days), int(days <= high), j))
    county, entry, exit_, event, label = map(np.array, zip(*rows, strict=True))
    return Episodes(county, entry, exit_, event, label)


def fit(rollout: Rollout, eps: Episodes, labels: int, take=None):
    """Log hazard ratios of labels 0..labels-1 against counties outside every ring, and their
    model standard errors (NaN for a label no row has). `take` (bootstrap) lists (row
    indices, stratum) to stack."""
    if take is None:
        take = [(np.arange(len(eps.county)), rollout.state[eps.county])]
    index = np.concatenate([rows for rows, _ in take])
    strata = np.concatenate([np.broadcast_to(s, len(r)) for r, s in take])
    dummies = (eps.label[index, None] == np.arange(labels)).astype(float)
    present = dummies.any(axis=0)
    exog = np.column_stack([dummies[:, present], rollout.controls[eps.county[index]]])
    beta, se = cox.fit(eps.entry[index], eps.exit[index], eps.event[index], exog, strata)
    coef, coef_se = np.full(labels, np.nan), np.full(labels, np.nan)
    coef[present], coef_se[present] = beta[: present.sum()], se[: present.sum()]
    return coef, coef_se


class Site(NamedTuple):
    """A site (real or placebo): its counties, first resistance and activation (days from
    ORIGIN; a site is active when its last county is)."""

    site_id: str
    members: set[str]
    start: float
    active: float


@dataclass(frozen=True)
class Rings:
    """Ring counties (index into the Rollout) with their site's first resistance and
    activation, in days from ORIGIN."""

    county: np.ndarray
    site: np.ndarray
    start: np.ndarray
    site_active: np.ndarray

    @classmethod
    def around(cls, rollout: Rollout, adjacency: pd.DataFrame, sites: list[Site]) -> Rings:
        """The sites' rings: a county in two rings belongs to the site that began to resist
        first (ties: the lower site_id)."""
        where = {f: i for i, f in enumerate(rollout.fips)}
        found: dict[int, tuple[str, float, float]] = {}
        for site in sorted(sites, key=lambda s: (s.start, s.site_id)):
            for f in ring(adjacency, site.members):
                if f in where and where[f] not in found:
                    found[where[f]] = (site.site_id, site.start, site.active)
        county = np.array(sorted(found), dtype=int)
        site, start, active = (np.array(v) for v in zip(*(found[i] for i in county), strict=True))
        return cls(county, site, start, active)


def real_sites(counties: pd.DataFrame, starts: pd.DataFrame) -> list[Site]:
    """Every site with its first dated act of resistance (the first day of its month for a
    month-precise date)."""
    days = dict(zip(counties["fips"], _days_of(counties), strict=True))
    out = []
    for site_id, start in zip(starts["site_id"], starts["resistance_start"], strict=True):
        members = site_members(counties, site_id)
        out.append(Site(site_id, members, _days(event_day(start)), max(days[f] for f in members)))
    return out


def _days(day: pd.Timestamp) -> float:
    return float((day - ORIGIN).days)


def phase_cuts(rings: Rings, opens: float = 0.0) -> dict[int, list[float]]:
    """Cuts giving labels 0 before, 1 while, 2 after. An activation on the day of the first
    act counts before it; one on the site's own day counts after it (so the window is
    (start, site_active - 1/2]). `opens` delays the window's start to that day."""
    cuts = {}
    for i, start, active in zip(rings.county, rings.start, rings.site_active, strict=True):
        start = max(start, opens)
        end = active - 0.5
        cuts[int(i)] = [start, end] if start < end else [end, end]
    return cuts


def half_year_cuts(rings: Rings) -> dict[int, list[float]]:
    """Cuts at every half-year from the site's first resistance: label 0 is the first
    half-year of EVENT_HALF_YEARS (and everything before), the last label everything after."""
    steps = np.array(EVENT_HALF_YEARS[1:])
    return {
        int(i): list(start + np.round(steps * HALF_YEAR))
        for i, start in zip(rings.county, rings.start, strict=True)
    }


def bootstrap(
    rollout: Rollout, designs: list[tuple[Episodes, int]], draws: int, seed: int, step=None
):
    """Per design, `draws` refits on states drawn with replacement (each copy its own
    stratum), as a (draws, labels) array of log hazard ratios; `step()` after each refit."""
    rng = np.random.default_rng(seed)
    states = np.unique(rollout.state)
    picks = rng.integers(0, len(states), size=(draws, len(states)))
    out = []
    for eps, labels in designs:
        rows = [np.flatnonzero(rollout.state[eps.county] == s) for s in states]
        coefs = []
        for p in picks:
            coefs.append(fit(rollout, eps, labels, [(rows[k], n) for n, k in enumerate(p)])[0])
            if step:
                step()
        out.append(np.array(coefs))
    return out


def placebo_hrs(
    counties: pd.DataFrame,
    adjacency: pd.DataFrame,
    sites: list[Site],
    draws: int,
    seed: int,
    step=None,
) -> tuple[int, list[float]]:
    """HRs while resisting of placebo sets: as many large counties as there are sites (no
    site, in no site's state or ring), each given a real site's lead (days from its first
    resistance to its activation; the sites in random order) before its own activation as
    a placebo resistance start, and fitted like the real sites (the placebo counties left
    out, as county sites are). A set whose windows hold no activation day has no HR, and
    there are none with fewer candidates than sites. `step()` after each set."""
    rng = np.random.default_rng(seed)
    real_rollout = _model_counties(counties, sites)
    taken = {real_rollout.fips[i] for i in Rings.around(real_rollout, adjacency, sites).county}
    in_sites = set().union(*(site.members for site in sites))
    states = {site.site_id for site in sites if len(site.site_id) == 2}
    candidates = counties[
        (counties["population_2010"] >= PLACEBO_POPULATION)
        & ~counties["fips"].isin(taken | in_sites)
        & ~counties["state_fips"].isin(states)
    ].sort_values("fips")
    days = dict(zip(counties["fips"], _days_of(counties), strict=True))
    leads = np.array([site.active - site.start for site in sites])
    hrs = []
    for _ in range(draws if len(candidates) >= len(sites) else 0):
        chosen = rng.choice(candidates["fips"].to_numpy(), size=len(sites), replace=False)
        fake = [
            Site(f, {f}, days[f] - lead, days[f])
            for f, lead in zip(chosen, rng.permutation(leads), strict=True)
        ]
        rollout = _model_counties(counties, sites, set(chosen))
        rings = Rings.around(rollout, adjacency, fake)
        hrs.append(float(np.exp(fit(rollout, episodes(rollout, phase_cuts(rings)), 3)[0][1])))
        if step:
            step()
    return len(candidates), [h for h in hrs if np.isfinite(h)]


def _days_of(counties: pd.DataFrame) -> np.ndarray:
    return (pd.to_datetime(counties["activation_date"]) - ORIGIN).dt.days.to_numpy(float)


def _model_counties(counties: pd.DataFrame, sites: list[Site], also=frozenset()) -> Rollout:
    """The counties in the model: all but those that make up county and city sites (and
    `also`)."""
    dropped = set(also).union(*(s.members for s in sites if len(s.site_id) != 2))
    return Rollout.of(counties[~counties["fips"].isin(dropped)].reset_index(drop=True))


def results(
    folder: Path, draws: int = DRAWS, placebos: int = PLACEBOS, seed: int = SEED
) -> tuple[dict, float]:
    """The model fitted to the processed files in `folder`: the results (ring_model.json)
    and the seconds its bootstrap took."""
    text = {"dtype": str, "keep_default_na": False}
    counties = pd.read_parquet(folder / "counties.parquet")
    adjacency = pd.read_csv(folder / "adjacency.csv", **text)
    starts = site_starts(
        pd.read_csv(folder / "resistant_sites.csv", **text),
        pd.read_csv(folder / "resistance_starts.csv", **text),
    )
    model, seconds = fitted(counties, adjacency, starts, draws, placebos, seed)
    return {"inputs": {name: _sha256(folder / name) for name in INPUTS}, **model}, seconds


def list_results(
    counties: pd.DataFrame,
    adjacency: pd.DataFrame,
    starts: pd.DataFrame,
    progress: Callable[[int, int], None] | None = None,
) -> dict:
    """The model fitted to a user's list (`counties` with the list's activation dates, the
    built-in covariates): the counties it dates, and the sites it dates in full with some
    of their ring (geo.domain.rings.dated_sites); the others are left out. LIST_DRAWS bootstrap
    draws and LIST_PLACEBOS placebo sets; `progress(done, total)` as they are fitted."""
    kept = dated_sites(counties, adjacency, starts["site_id"])
    if not kept:
        raise ValueError("The list dates too few states, or no site with some of its ring")
    dated = counties[counties["activation_date"].notna()].reset_index(drop=True)
    model, _seconds = fitted(
        dated,
        adjacency,
        starts[starts["site_id"].isin(kept)].reset_index(drop=True),
        LIST_DRAWS,
        LIST_PLACEBOS,
        SEED,
        progress,
    )
    return {"list": {"sites": kept, "left_out": len(counties) - len(dated)}, **model}


def site_starts(sites: pd.DataFrame, starts: pd.DataFrame) -> pd.DataFrame:
    """The resistant sites with their first dated act of resistance."""
    return sites.merge(starts, on="site_id", validate="1:1")


def fitted(
    counties: pd.DataFrame,
    adjacency: pd.DataFrame,
    starts: pd.DataFrame,
    draws: int,
    placebos: int,
    seed: int,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[dict, float]:
    """The model fitted to `counties` (every one dated) and the sites of `starts`: its
    results and the seconds its bootstrap took; `progress(done, total)` after each refit
    of the bootstrap and each placebo set."""
    sites = real_sites(counties, starts)
    rollout = _model_counties(counties, sites)
    rings = Rings.around(rollout, adjacency, sites)
    firm = [s for s, q in zip(sites, starts["date_quality"], strict=True) if q == "firm"]
    main = episodes(rollout, phase_cuts(rings))
    designs = [
        main,
        *(episodes(rollout, phase_cuts(rings, _days(pd.Timestamp(a[0])))) for a in ALTERNATIVES),
        episodes(rollout, phase_cuts(Rings.around(rollout, adjacency, firm))),
    ]
    study = episodes(rollout, half_year_cuts(rings))
    sizes = [len(PHASES)] * len(designs) + [len(EVENT_HALF_YEARS)]
    fits = [fit(rollout, eps, n) for eps, n in zip([*designs, study], sizes, strict=True)]
    total, done = draws * len(sizes) + placebos, itertools.count(1)
    step = (lambda: progress(next(done), total)) if progress else None
    clock = time.perf_counter()
    boot = bootstrap(rollout, list(zip([*designs, study], sizes, strict=True)), draws, seed, step)
    seconds = time.perf_counter() - clock
    candidates, placebo = placebo_hrs(counties, adjacency, sites, placebos, seed, step)

    (coef, se), hr = fits[0], float(np.exp(fits[0][0][1]))
    activated = main.label[(main.event == 1) & (main.label >= 0)]
    phase = dict(zip(main.county[main.event == 1], main.label[main.event == 1], strict=True))
    return {
        "seed": seed,
        "origin": ORIGIN.date().isoformat(),
        "controls": list(CONTROLS),
        "counties": len(rollout.fips),
        "sites": len(sites),
        "ring_counties": len(rings.county),
        "main": {
            "window_start": "resistance_start",
            "hr": _r(hr),
            **interval(boot[0][:, 1]),
            "model_ci_low": _r(np.exp(coef[1] - Z95 * se[1])),
            "model_ci_high": _r(np.exp(coef[1] + Z95 * se[1])),
        },
        "while_vs_before": {
            "ratio": _r(np.exp(coef[1] - coef[0])),
            **interval(boot[0][:, 1] - boot[0][:, 0]),
        },
        "alternatives": [
            {
                "window_start": day,
                "label": label,
                "label_es": label_es,
                "hr": _r(np.exp(fits[k][0][1])),
                **interval(boot[k][:, 1]),
            }
            for k, (day, label, label_es) in enumerate(ALTERNATIVES, start=1)
        ],
        "firm_dates_only": {
            "sites": len(firm),
            "hr": _r(np.exp(fits[len(ALTERNATIVES) + 1][0][1])),
            **interval(boot[len(ALTERNATIVES) + 1][:, 1]),
        },
        "event_study": [
            {
                "half_year": k,
                "hr": _r(np.exp(fits[-1][0][j])),
                **interval(boot[-1][:, j]),
                "ring_counties": len(np.unique(study.county[study.label == j])),
                "activated": int(((study.label == j) & (study.event == 1)).sum()),
            }
            for j, k in enumerate(EVENT_HALF_YEARS)
        ],
        "placebo": {
            "min_population": PLACEBO_POPULATION,
            "candidates": candidates,
            "rings": len(sites),
            "draws": placebos,
            "without_hr": placebos - len(placebo),
            "hrs": [_r(h) for h in placebo],
            "share_at_least_real": _r(np.mean(np.array(placebo) >= hr)) if placebo else None,
            "as_strong_as_real": int(np.sum(np.array(placebo) >= hr)),
        },
        "bootstrap": {"draws": draws, "states": len(np.unique(rollout.state))},
        "phases": {p: int((activated == j).sum()) for j, p in enumerate(PHASES)},
        "ring": [
            {"fips": rollout.fips[i], "site_id": site, "phase": PHASES[phase[i]]}
            for i, site in zip(rings.county, rings.site, strict=True)
        ],
    }, seconds


def write(folder: Path) -> float:
    """Fit the model to the processed files in `folder` and write its results there, beside
    them; returns the seconds the bootstrap took."""
    model, seconds = results(folder)
    (folder / RESULTS).write_text(to_json(model))
    return seconds


def to_json(model: dict) -> str:
    """The results as their file holds them."""
    return json.dumps(model, indent=1, allow_nan=False) + "\n"


def interval(draws: np.ndarray) -> dict[str, float]:
    """The 95% percentile interval of hazard ratios from log-HR draws (NaN draws left out)."""
    low, high = np.nanpercentile(np.exp(draws), [2.5, 97.5])
    return {"ci_low": _r(low), "ci_high": _r(high)}


def _r(value: float) -> float:
    """Rounded for the file: 3 decimals are all a reader sees."""
    return round(float(value), 4)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
