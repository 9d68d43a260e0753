"""The ring model's result, method and caveats in words, and its evidence as small tables.

Every number comes from the model fitted at build time (data/processed/ring_model.json).
The result may say that ring counties went faster only when the bootstrap interval of
the hazard ratio lies above 1 and the placebo sets do not match it. Site names come
from the curated tables and are escaped.
"""

from __future__ import annotations

import pandas as pd

from geo import i18n
from geo.domain.ringresults import RingModel
from geo.i18n import _
from geo.text import markdown_escape

PLACEBO_MATCH = 0.05  # placebos "match" the real sites when this share is at least as strong


def placebo_share(model: RingModel) -> float:
    """The share of placebo sets whose hazard ratio is at least the real sites' (NaN
    without placebo sets: a list may date too few large counties for them)."""
    return model.placebo_as_strong / len(model.placebo_hrs) if model.placebo_hrs else float("nan")


def faster(model: RingModel) -> bool:
    """Whether the data show ring counties switched on faster while their site resisted:
    the interval lies above 1 and few placebo sets look as strong."""
    return model.main.ci_low > 1 and placebo_share(model) < PLACEBO_MATCH


def result(model: RingModel) -> str:
    """The result sentence, as Markdown: when the ring counties were switched on, then
    whether they went faster while their site resisted."""
    numbers = {
        "hr": f"{model.main.hr:.2f}",
        "low": f"{model.main.ci_low:.2f}",
        "high": f"{model.main.ci_high:.2f}",
        "share": f"{placebo_share(model):.0%}",
        "placebos": f"{len(model.placebo_hrs):,}",
    }
    if not model.placebo_hrs:
        verdict = _(
            "While a site resisted and was not yet active, the counties around it had a hazard "
            "ratio of {hr} (95% interval {low} to {high}, from a bootstrap over states) "
            "against counties of the same state with similar population, density, noncitizen "
            "share and distance to the border. There are too few large counties that never "
            "resisted for placebo rings, so the data cannot confirm a ring pattern."
        )
    elif faster(model):
        verdict = _(
            "While a site resisted and was not yet active, the counties around it were "
            "switched on faster than counties of the same state with similar population, "
            "density, noncitizen share and distance to the border: hazard ratio {hr} (95% "
            "interval {low} to {high}, from a bootstrap over states). Only {share} of "
            "{placebos} placebo sets of rings, around large counties that never resisted, look "
            "as strong. The dates show when counties were switched on, not why."
        )
    else:
        verdict = _(
            "While a site resisted, the counties around it were not switched on detectably "
            "faster than counties of the same state with similar population, density, "
            "noncitizen share and distance to the border: hazard ratio {hr}, 95% interval "
            "{low} to {high} (a bootstrap over states); {share} of {placebos} placebo sets of "
            "rings, around large counties that never resisted, look at least as strong. The data "
            "do not confirm a ring pattern."
        )
    return _("**Result.** {phases} {verdict}").format(
        phases=_phases(model.phases), verdict=verdict.format(**numbers)
    )


def _phases(phases: dict) -> str:
    """When the ring counties were switched on, against their site's resistance."""
    total = sum(phases.values())
    if 2 * phases["before"] > total:
        return _(
            "Most ring counties ({before} of {total}) were switched on before their site "
            "began to resist, as the suburbs of large cities generally were."
        ).format(before=phases["before"], total=total)
    return _(
        "Of the {total} ring counties, {before} were switched on before their site began to "
        "resist, {during} while it resisted and {after} after the site itself."
    ).format(total=total, before=phases["before"], during=phases["while"], after=phases["after"])


def method(model: RingModel, sites: pd.DataFrame, starts: pd.DataFrame) -> str:
    """How the result was reached, and what it cannot show, as Markdown: two paragraphs."""
    weak = starts.loc[starts["date_quality"] == "weak", "site_id"]
    names = dict(zip(sites["site_id"], sites["name"], strict=True))
    weak_names = ", ".join(markdown_escape(names.get(site, site)) for site in weak)
    how = _(
        "**Method.** {sites} sites, {local} of them counties or a city. Each site's first "
        "dated act of resistance (a vote, a letter, a sheriff's announcement) comes from "
        "press reports. A survival model follows every county from 1 Oct 2008 to its "
        "activation, with one baseline per state, so that state agreements and statewide "
        "batches are compared only within their state; it controls for population, density, "
        "noncitizen share and distance to the Mexican border, and leaves out the counties "
        "that make up county and city sites. Its interval comes from {draws} bootstrap "
        "samples that redraw whole states, since the counties of a state moved together."
    ).format(
        sites=len(sites),
        local=int(sites["level"].isin(["county", "city"]).sum()),
        draws=f"{model.draws:,}",
    )
    caveats = _(
        "**Caveats.** Resistance dates are as the press reported them; the weak ones "
        "({weak}) are shown as such, and the table below gives the result with the window "
        "starting at other dates. ICE's own scheduling inputs, such as its field offices' "
        "workload and each jail's readiness, are not in the data. The February 2011 "
        "documents show a plan; activation dates alone cannot show whether it was carried "
        "out. Oregon stays on the list as in the reporting this project follows, with the "
        "evidence against its listing on its panel."
    ).format(weak=weak_names or _("none of them"))
    return f"{how}\n\n{caveats}"


def fitted_to_list(model: RingModel, sites: pd.DataFrame) -> str:
    """What a model fitted to a user's list is made of, as Markdown."""
    names = dict(zip(sites["site_id"], sites["name"], strict=True))
    kept = model.raw["list"]["sites"]
    return _(
        "**Fitted to your list.** Your list's activation dates with the built-in counties' "
        "population, land area, noncitizens and distance to the border. The {left_out:,} "
        "counties your list does not date are left out of the model, and so are the sites "
        "it does not date in full with some of their ring: {sites} sites remain ({names}). "
        "{draws:,} bootstrap draws and {placebos:,} placebo sets, fewer than the built-in "
        "model's, so that the fit takes less than a minute."
    ).format(
        left_out=model.raw["list"]["left_out"],
        sites=len(kept),
        names=", ".join(markdown_escape(names.get(site, site)) for site in kept),
        draws=model.draws,
        placebos=model.raw["placebo"]["draws"],
    )


def alternatives(model: RingModel) -> pd.DataFrame:
    """The hazard ratio with the resisting window opening on each date tried, and with the
    sites whose start date is firm alone."""
    main = {
        "window_start": "",
        **vars(model.main),
        "label": _("Each site's first resistance (main model)"),
    }
    others = i18n.curated(pd.DataFrame(map(vars, model.alternatives)), "label")
    firm = {
        "window_start": "",
        **vars(model.firm_dates_only),
        "label": _("The {sites} sites whose date is firm, alone").format(sites=model.firm_sites),
    }
    table = pd.concat([pd.DataFrame([main]), others, pd.DataFrame([firm])], ignore_index=True)
    return _ratios(table, {"label": _("Window starts at"), "window_start": _("Date")})


def event_study(model: RingModel) -> pd.DataFrame:
    """The hazard ratio of ring counties by half-year from their site's first resistance
    (the first and the last half-year pool every one beyond)."""
    table = pd.DataFrame(map(vars, model.event_study))
    first, last = table["half_year"].min(), table["half_year"].max()
    table["half_year"] = [
        f"≤ {k}" if k == first else f"≥ {k}" if k == last else str(k) for k in table["half_year"]
    ]
    return _ratios(
        table,
        {
            "half_year": _("Half-years from the first resistance"),
            "ring_counties": _("Ring counties not yet activated"),
            "activated": _("Activated in the half-year"),
        },
    )


def _ratios(table: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """`columns` renamed, then the hazard ratio and its interval in words."""
    interval = [
        _("{low} to {high}").format(low=f"{low:.2f}", high=f"{high:.2f}")
        for low, high in zip(table["ci_low"], table["ci_high"], strict=True)
    ]
    shown = table[list(columns)].rename(columns=columns)
    return shown.assign(
        **{_("Hazard ratio"): table["hr"].map("{:.2f}".format), _("95% interval"): interval}
    )


def placebos(model: RingModel) -> str:
    """The placebo sets' hazard ratios against the real one, in one line."""
    hrs = pd.Series(model.placebo_hrs)
    if hrs.empty:
        return _(
            "**Placebos.** None: too few counties of {population:,} people or more that never "
            "resisted, outside the sites' states and rings, for a placebo set."
        ).format(population=model.placebo_min_population)
    return _(
        "**Placebos.** {sets} sets of {sites} counties of {population:,} people or more that "
        "never resisted, each given a placebo resistance date (a real site's lead before its "
        "own activation), fitted like the real sites: their hazard ratios run from {low} to "
        "{high} (median {median}); {share} are at least as strong as the real sites' {hr}."
    ).format(
        sets=f"{len(hrs):,}",
        sites=model.sites,
        population=model.placebo_min_population,
        low=f"{hrs.min():.2f}",
        high=f"{hrs.max():.2f}",
        median=f"{hrs.median():.2f}",
        share=f"{placebo_share(model):.0%}",
        hr=f"{model.main.hr:.2f}",
    )
