"""The server's log of its own work says what each run of the page did for its reader."""

import datetime as dt
import json

from geo.exports import runlog
from tests.test_app import open_page


def test_each_run_is_logged_as_an_opening_a_view_change_or_the_same_view(tmp_path, monkeypatch):
    log = tmp_path / "runs.jsonl"
    monkeypatch.setattr(runlog, "RUN_LOG", str(log))
    page = open_page(as_of="2011-02-17")
    page.run()
    page.slider(key="as_of").set_value(dt.date(2011, 3, 1)).run()
    page.selectbox(key="state").set_value("CA").run()
    runs = [json.loads(line) for line in log.read_text().splitlines()]
    assert [run["kind"] for run in runs] == ["open", "same", "view", "view"]
    assert [run["view"]["as_of"] for run in runs] == ["2011-02-17"] * 2 + ["2011-03-01"] * 2
    assert runs[-1]["view"]["state"] == "CA"
    assert all(run["seconds"] > 0 and run["cpu"] > 0 for run in runs)
