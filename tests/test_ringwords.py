"""The ring model's words follow its numbers, in both languages; site names stay text."""

import copy
import json
import tempfile
from pathlib import Path

import pandas as pd
import pytest

from geo import i18n
from geo.domain.load import PROCESSED_DIR
from geo.domain.ringresults import RingModel
from geo.view import ringwords

RAW = json.loads((PROCESSED_DIR / "ring_model.json").read_text()) | {  # made-up numbers
    "sites": 13,
    "main": {
        "window_start": "resistance_start",
        "hr": 1.03,
        "ci_low": 0.86,
        "ci_high": 1.19,
        "model_ci_low": 0.9,
        "model_ci_high": 1.15,
    },
    "alternatives": [
        {
            "window_start": "2010-10-02",
            "label": "ICE's October 2010 memo",
            "label_es": "El memorando de ICE de octubre de 2010",
            "hr": 1.1,
            "ci_low": 0.8,
            "ci_high": 1.4,
        }
    ],
    "firm_dates_only": {"sites": 10, "hr": 1.09, "ci_low": 0.86, "ci_high": 1.31},
    "event_study": [
        {"half_year": -1, "hr": 1.2, "ci_low": 0.7, "ci_high": 1.9, "ring_counties": 40,
         "activated": 5},
        {"half_year": 0, "hr": 0.9, "ci_low": 0.6, "ci_high": 1.3, "ring_counties": 55,
         "activated": 20},
        {"half_year": 1, "hr": 1.0, "ci_low": 0.8, "ci_high": 1.2, "ring_counties": 35,
         "activated": 35},
    ],
    "placebo": {
        "min_population": 500000,
        "rings": 13,
        "hrs": [0.8, 1.0, 1.3, 1.6, 1.2] * 5,
        "share_at_least_real": 0.4,
        "as_strong_as_real": 10,
    },
    "bootstrap": {"draws": 1000, "states": 50},
    "phases": {"before": 27, "while": 106, "after": 46},
}  # fmt: skip


def raw(**changes) -> dict:
    """RAW with changes named part__key."""
    made = copy.deepcopy(RAW)
    for path, value in changes.items():
        part, key = path.split("__")
        made[part][key] = value
    return made


def model(numbers: dict) -> RingModel:
    """The model as the page reads it, from a file with these numbers."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ring_model.json"
        path.write_text(json.dumps(numbers))
        return RingModel.read(path)


FASTER_RAW = raw(main__hr=1.9, main__ci_low=1.4, main__ci_high=2.6, placebo__as_strong_as_real=1)
MODEL, FASTER = model(RAW), model(FASTER_RAW)


def test_faster_only_when_the_interval_excludes_1_and_the_placebos_do_not_match():
    assert ringwords.faster(FASTER)
    assert not ringwords.faster(MODEL)  # the interval contains 1
    assert not ringwords.faster(model(raw(main__ci_low=1.2, placebo__as_strong_as_real=2)))
    assert not ringwords.faster(model(raw(main__ci_low=0.9, placebo__as_strong_as_real=0)))


def test_without_an_effect_the_sentence_says_what_the_data_show_with_the_interval():
    text = ringwords.result(MODEL)
    assert text.startswith(
        "**Result.** Of the 179 ring counties, 27 were switched on before their site began "
        "to resist, 106 while it resisted and 46 after the site itself."
    )
    assert "were not switched on detectably faster" in text
    assert "hazard ratio 1.03, 95% interval 0.86 to 1.19" in text
    assert "40% of 25 placebo sets of rings" in text
    assert "The data do not confirm a ring pattern." in text
    assert "were switched on faster" not in text


def test_most_before_the_resistance_is_said_only_when_it_is_most():
    text = ringwords.result(model(raw(phases__before=200)))
    assert "Most ring counties (200 of 352) were switched on before their site began" in text
    assert "suburbs of large cities" in text
    assert "suburbs" not in ringwords.result(MODEL)


def test_with_an_effect_the_sentence_says_faster_and_not_why():
    text = ringwords.result(FASTER)
    assert "were switched on faster than counties of the same state" in text
    assert "hazard ratio 1.90 (95% interval 1.40 to 2.60" in text
    assert "Only 4% of 25 placebo sets of rings" in text
    assert "not why" in text
    assert "not switched on detectably" not in text


@pytest.mark.parametrize(
    ("numbers", "words"),
    [(MODEL, "no se activaron de forma detectablemente más rápida"), (FASTER, "más rápido")],
)
def test_the_sentence_reads_in_spanish(numbers, words):
    with i18n.speaking("es"):
        text = ringwords.result(numbers)
    assert text.startswith("**Resultado.** ")
    assert words in text
    assert f"razón de riesgos {numbers.main.hr:.2f}" in text
    for english in ("**Result.**", "ring counties", "hazard ratio", "placebo rings"):
        assert english not in text


SITES = pd.DataFrame(
    {
        "site_id": ["06085", "08", "3651000"],
        "name": ["<img src=x onerror=alert(1)> *County*", "Colorado", "New York City"],
        "level": ["county", "state", "city"],
    }
)
STARTS = pd.DataFrame({"site_id": ["06085", "08"], "date_quality": ["weak", "firm"]})


def test_method_counts_the_sites_and_names_the_weak_dates_as_text():
    text = ringwords.method(MODEL, SITES, STARTS)
    assert "**Method.** 3 sites, 2 of them counties or a city." in text
    assert "1,000 bootstrap samples" in text
    assert r"(\<img src=x onerror=alert\(1\)\> \*County\*)" in text
    assert "(<img" not in text and "Colorado" not in text  # a firm date is not listed
    assert "activation dates alone cannot show whether it was carried out" in text


def test_method_and_caveats_read_in_spanish():
    with i18n.speaking("es"):
        text = ringwords.method(MODEL, SITES, STARTS.assign(date_quality="firm"))
    assert text.startswith("**Método.** 3 sitios, 2 de ellos condados o una ciudad.")
    assert "poco firmes (ninguna de ellas)" in text
    assert "Caveats" not in text


def test_the_evidence_tables_carry_the_model_numbers_in_the_readers_language():
    table = ringwords.alternatives(MODEL)
    assert table.to_dict("records")[1] == {
        "Window starts at": "ICE's October 2010 memo",
        "Date": "2010-10-02",
        "Hazard ratio": "1.10",
        "95% interval": "0.80 to 1.40",
    }
    assert table.to_dict("records")[2] == {
        "Window starts at": "The 10 sites whose date is firm, alone",
        "Date": "",
        "Hazard ratio": "1.09",
        "95% interval": "0.86 to 1.31",
    }
    with i18n.speaking("es"):
        spanish = ringwords.alternatives(MODEL)
        study = ringwords.event_study(MODEL)
    assert spanish.iloc[1]["La ventana empieza en"] == "El memorando de ICE de octubre de 2010"
    assert list(study.columns) == [
        "Semestres desde la primera resistencia",
        "Condados del anillo aún sin activar",
        "Activados en el semestre",
        "Razón de riesgos",
        "Intervalo del 95%",
    ]
    assert study["Razón de riesgos"].tolist() == ["1.20", "0.90", "1.00"]
    assert study["Semestres desde la primera resistencia"].tolist() == ["≤ -1", "0", "≥ 1"]


def test_the_placebo_line_sets_the_real_ratio_against_the_placebos():
    assert ringwords.placebos(MODEL) == (
        "**Placebos.** 25 sets of 13 counties of 500,000 people or more that never resisted, "
        "each given a placebo resistance date (a real site's lead before its own activation), "
        "fitted like the real sites: their hazard ratios run from 0.80 to 1.60 (median 1.20); "
        "40% are at least as strong as the real sites' 1.03."
    )
