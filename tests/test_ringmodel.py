"""The ring model: the Cox fit against statsmodels, planted effects found on synthetic
rollouts (and none found where none is planted), and the results file the page reads."""

import hashlib
import json
import shutil
import subprocess
import sys
import time
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from statsmodels.duration.hazard_regression import PHReg
from streamlit.testing.v1 import AppTest

from geo.common import PROCESSED_DIR, event_day
from geo.domain import cox, ringmodel
from geo.domain.load import data_dir
from geo.domain.ringresults import RingModel
from geo.domain.rings import site_members
from geo.exports.downloads import Source
from geo.exports.route import export_job
from geo.exports.worker import ExportCache
from geo.view.selection import Selection
from tests.test_app import DASHBOARD, TIMEOUT
from tests.test_app_lists import dated_list, upload

STATES, COUNTIES, RING = 24, 30, 10  # per state: counties, of which the first RING ring a site


def rollout(seed: int, while_hr: float) -> tuple[ringmodel.Rollout, ringmodel.Rings]:
    """A synthetic rollout: in each state a constant daily hazard of its own, a site that
    resists from day `start` until it is switched on 300 days later, RING ring counties whose
    hazard is `while_hr` times higher in that window, one control that matters, and a
    statewide batch on day start + 600 that switches on every county still left."""
    rng = np.random.default_rng(seed)
    n = STATES * COUNTIES
    state = np.repeat(np.arange(STATES), COUNTIES)
    control = rng.normal(size=n)
    base = rng.uniform(1 / 900, 1 / 250, size=STATES)[state] * np.exp(0.5 * control)
    start = rng.uniform(200, 500, size=STATES).round()[state]
    active = start + 300
    in_ring = np.tile(np.arange(COUNTIES) < RING, STATES)
    rate_while = np.where(in_ring, base * while_hr, base)
    # cumulative hazard: base until start, rate_while until active, base after
    draw = rng.exponential(size=n)
    before, during = base * start, rate_while * (active - start)
    days = np.where(
        draw <= before,
        draw / base,
        np.where(
            draw <= before + during,
            start + (draw - before) / rate_while,
            active + (draw - before - during) / base,
        ),
    )
    days = np.minimum(np.ceil(days), start + 600)
    ring_index = np.flatnonzero(in_ring)
    rings = ringmodel.Rings(
        ring_index, state[ring_index].astype(str), start[ring_index], active[ring_index]
    )
    fips = np.array([f"{i:05d}" for i in range(n)])
    return ringmodel.Rollout(fips, days, state.astype(str), control[:, None]), rings


def while_interval(seed: int, while_hr: float, draws: int) -> dict[str, float]:
    data, rings = rollout(seed, while_hr)
    eps = ringmodel.episodes(data, ringmodel.phase_cuts(rings))
    boot = ringmodel.bootstrap(data, [(eps, 3)], draws, seed)[0]
    return ringmodel.interval(boot[:, 1])


def test_cox_fit_is_statsmodels_phreg_with_strata_entry_and_efron_ties():
    data, rings = rollout(seed=1, while_hr=2.0)
    eps = ringmodel.episodes(data, ringmodel.phase_cuts(rings))
    x = np.column_stack([eps.label == 0, eps.label == 1, data.controls[eps.county]]).astype(float)
    strata = data.state[eps.county]
    beta, se = cox.fit(eps.entry, eps.exit, eps.event, x, strata)
    reference = PHReg(
        eps.exit, x, status=eps.event, entry=eps.entry, strata=strata, ties="efron"
    ).fit(disp=False)
    assert len(np.unique(eps.exit[eps.event == 1])) < 0.7 * eps.event.sum()  # many ties
    np.testing.assert_allclose(beta, reference.params, rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(se, reference.bse, rtol=1e-7)


def test_a_planted_ring_effect_is_found():
    ci = while_interval(seed=1, while_hr=2.0, draws=60)
    print(f"planted HR 2: 95% interval {ci['ci_low']:.2f} to {ci['ci_high']:.2f}")
    assert ci["ci_low"] > 1
    assert ci["ci_low"] < 2 < ci["ci_high"]


def test_no_effect_is_found_where_none_is_planted():
    covers_one = [
        ci["ci_low"] <= 1 <= ci["ci_high"]
        for ci in (while_interval(seed, 1.0, draws=30) for seed in range(20))
    ]
    print(f"no effect planted: the interval contains 1 in {sum(covers_one)} of 20 seeds")
    assert sum(covers_one) >= 16


def test_the_page_reads_the_results_without_a_statistics_library():
    code = (
        "import sys, geo.domain.load, geo.domain.ringresults; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'scipy', 'statsmodels'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_results_name_the_exact_files_they_were_fitted_to():
    raw = json.loads((PROCESSED_DIR / "ring_model.json").read_text())
    for name, digest in raw["inputs"].items():
        assert hashlib.sha256((PROCESSED_DIR / name).read_bytes()).hexdigest() == digest, name
    assert sorted(raw["inputs"]) == sorted(ringmodel.INPUTS)


def test_results_file_reads_and_adds_up():
    model = RingModel.read(PROCESSED_DIR / "ring_model.json")
    assert model.sites == 13
    assert sum(model.phases.values()) == model.ring_counties == len(model.ring)
    assert model.main.ci_low <= model.main.hr <= model.main.ci_high
    assert len(model.placebo_hrs) + model.raw["placebo"]["without_hr"] == 100
    assert [h.half_year for h in model.event_study] == list(ringmodel.EVENT_HALF_YEARS)


@pytest.mark.build
def test_the_results_reproduce_byte_for_byte(tmp_path):
    for name in ringmodel.INPUTS:
        shutil.copy(PROCESSED_DIR / name, tmp_path / name)
    ringmodel.write(tmp_path)
    shipped = PROCESSED_DIR / ringmodel.RESULTS
    assert (tmp_path / ringmodel.RESULTS).read_bytes() == shipped.read_bytes()


def test_each_ring_county_is_counted_in_the_phase_its_dates_say():
    model = RingModel.read(PROCESSED_DIR / "ring_model.json")
    counties = pd.read_parquet(PROCESSED_DIR / "counties.parquet").set_index("fips")
    dates = pd.to_datetime(counties["activation_date"])
    starts = pd.read_csv(PROCESSED_DIR / "resistance_starts.csv", dtype=str).set_index("site_id")
    for county in model.ring:
        start = event_day(starts.at[county.site_id, "resistance_start"])
        site = dates[sorted(site_members(counties.reset_index(), county.site_id))].max()
        day = dates[county.fips]
        expected = "after" if day >= site else "before" if day <= start else "while"
        assert county.phase == expected, county
    assert {c.phase for c in model.ring} == {"before", "while", "after"}


def test_a_users_list_does_not_carry_the_built_in_model(dataset):
    page = AppTest.from_file(DASHBOARD, default_timeout=TIMEOUT)
    page.run()
    assert dataset.ring_model is not None
    texas = dataset.counties[dataset.counties["state"] == "TX"].set_index("fips")
    upload(page, "texas.csv", dated_list(texas))
    assert page.session_state["user_data"].ring_model is None


def without_texas(dataset):
    """A user's list: the built-in dates of every county but Texas's."""
    counties = dataset.counties.assign(
        activation_date=dataset.counties["activation_date"].where(dataset.counties["state"] != "TX")
    )
    return replace(dataset, counties=counties, label="no-texas.csv", key="upload-no-texas")


def direct_hr(data) -> float:
    """The hazard ratio while resisting of a list, fitted here from its dated counties and the
    sites it dates in full (no bootstrap, no worker)."""
    dated = data.counties[data.counties["activation_date"].notna()].reset_index(drop=True)
    starts = data.sites.merge(data.starts, on="site_id")
    members = [site_members(data.counties, site) for site in starts["site_id"]]
    starts = starts[[m <= set(dated["fips"]) for m in members]]
    sites = ringmodel.real_sites(dated, starts)
    rollout = ringmodel._model_counties(dated, sites)
    rings = ringmodel.Rings.around(rollout, data.adjacency, sites)
    eps = ringmodel.episodes(rollout, ringmodel.phase_cuts(rings))
    return float(np.exp(ringmodel.fit(rollout, eps, 3)[0][1]))


def test_a_lists_fit_runs_in_the_worker_telling_its_progress(dataset):
    listed = without_texas(dataset)
    cache = ExportCache(budget=10**7)
    job = cache.start(*export_job("ring_model", Source.of(listed, data_dir()), Selection(), ""))
    raw = json.loads(cache.wait(job))
    total = ringmodel.LIST_DRAWS * 5 + ringmodel.LIST_PLACEBOS
    deadline = time.monotonic() + 5
    while (job.done, job.total) != (total, total) and time.monotonic() < deadline:
        time.sleep(0.05)  # the worker's progress arrives on its own thread
    assert (job.done, job.total) == (total, total)
    assert raw["main"]["hr"] == round(direct_hr(listed), 4) != dataset.ring_model.main.hr
    assert raw["bootstrap"]["draws"] == ringmodel.LIST_DRAWS
    assert raw["list"]["left_out"] == (dataset.counties["state"] == "TX").sum()
    assert raw["sites"] == 13  # Texas has none
    starts = ringmodel.site_starts(listed.sites, listed.starts)
    direct = ringmodel.list_results(listed.counties, listed.adjacency, starts)
    assert cache.wait(job) == ringmodel.to_json(direct).encode()
