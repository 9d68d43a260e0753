"""The ring model's results as the build wrote them (data/processed/ring_model.json, made by
geo.domain.ringmodel), for the page: plain numbers, no statistics library."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Estimate:
    """A hazard ratio (or a ratio of two) with its 95% state-bootstrap interval."""

    hr: float
    ci_low: float
    ci_high: float

    @property
    def excludes_one(self) -> bool:
        return self.ci_low > 1 or self.ci_high < 1


@dataclass(frozen=True)
class Window(Estimate):
    """The main estimate with the resisting window opening on another day."""

    window_start: str  # YYYY-MM-DD
    label: str
    label_es: str


@dataclass(frozen=True)
class HalfYear(Estimate):
    """Ring counties against non-ring counties of their state, k half-years from their
    site's first resistance (k = 0: the first half-year after it; the first and last k
    pool every half-year beyond)."""

    half_year: int
    ring_counties: int  # ring counties still to be activated at some time in it
    activated: int  # ring counties activated in it


@dataclass(frozen=True)
class RingCounty:
    """A county of a site's ring as the model counted it: for the site that began to resist
    first when it is in two rings, and the phase it was activated in."""

    fips: str
    site_id: str
    phase: str  # "before", "while" or "after"


@dataclass(frozen=True)
class RingModel:
    """What the build found: ring counties' hazard of activation while their site resisted
    (and was not yet active), against counties outside every ring in the same state."""

    main: Estimate
    model_ci: tuple[float, float]  # from the model's own standard errors (too narrow)
    while_vs_before: Estimate  # hr: the ratio "while resisting / before resisting"
    alternatives: tuple[Window, ...]
    firm_dates_only: Estimate  # the rings of the sites whose start date is firm, alone
    firm_sites: int
    event_study: tuple[HalfYear, ...]
    placebo_hrs: tuple[float, ...]  # one per placebo set of large non-resistant counties
    placebo_as_strong: int  # placebo sets whose HR is at least the real one
    placebo_min_population: int
    phases: dict[str, int]  # ring counties activated before / while / after
    ring: tuple[RingCounty, ...]
    counties: int
    sites: int
    ring_counties: int
    draws: int  # bootstrap draws (states resampled)
    raw: dict  # the whole file, for the download

    @classmethod
    def read(cls, path: Path) -> RingModel:
        return cls.of(json.loads(path.read_text()))

    @classmethod
    def of(cls, raw: dict) -> RingModel:
        """The results of a ring_model.json file, as parsed."""
        main, ratio, placebo = raw["main"], raw["while_vs_before"], raw["placebo"]
        firm = raw["firm_dates_only"]
        return cls(
            main=Estimate(main["hr"], main["ci_low"], main["ci_high"]),
            model_ci=(main["model_ci_low"], main["model_ci_high"]),
            while_vs_before=Estimate(ratio["ratio"], ratio["ci_low"], ratio["ci_high"]),
            alternatives=tuple(Window(**w) for w in raw["alternatives"]),
            firm_dates_only=Estimate(firm["hr"], firm["ci_low"], firm["ci_high"]),
            firm_sites=firm["sites"],
            event_study=tuple(HalfYear(**h) for h in raw["event_study"]),
            placebo_hrs=tuple(placebo["hrs"]),
            placebo_as_strong=placebo["as_strong_as_real"],
            placebo_min_population=placebo["min_population"],
            phases=dict(raw["phases"]),
            ring=tuple(RingCounty(**county) for county in raw["ring"]),
            counties=raw["counties"],
            sites=raw["sites"],
            ring_counties=raw["ring_counties"],
            draws=raw["bootstrap"]["draws"],
            raw=raw,
        )
