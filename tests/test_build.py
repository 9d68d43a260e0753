"""The build command: reproducible output, clear errors, and no harm done on failure."""

import shutil
from pathlib import Path

import pytest

from geo.build import pipeline
from geo.build.sources import CURATED_DIR, RAW_DIR
from geo.domain import load

SHIPPED = pipeline.PROCESSED_DIR


@pytest.fixture
def previous(tmp_path):
    """A stand-in for an earlier good build, which a failed build must leave alone."""
    target = tmp_path / "processed"
    target.mkdir()
    (target / "manifest.json").write_text("earlier build")
    return target


def copy_of_raw(tmp_path) -> Path:
    raw = tmp_path / "raw"
    shutil.copytree(RAW_DIR, raw)
    return raw


def test_missing_raw_folder_names_the_file_and_leaves_output_intact(tmp_path, previous, capsys):
    code = pipeline.main(["--out", str(previous), "--raw", str(tmp_path / "nowhere")])
    err = capsys.readouterr().err
    assert code == 1
    assert "securecommunities.dta" in err
    assert "../shared" in err
    assert (previous / "manifest.json").read_text() == "earlier build"


@pytest.mark.data  # copies the raw sources in ../shared
def test_unreadable_activation_file_is_reported(tmp_path, previous, capsys):
    raw = copy_of_raw(tmp_path)
    dta = raw / "vargasnunez_pnas" / "securecommunities.dta"
    dta.chmod(0o644)
    dta.write_bytes(b"not a stata file")
    assert pipeline.main(["--out", str(previous), "--raw", str(raw)]) == 1
    err = capsys.readouterr().err
    assert f"Could not read {dta}" in err
    assert (previous / "manifest.json").read_text() == "earlier build"


@pytest.mark.data  # the build checks the raw sources in ../shared
def test_missing_shape_package_says_how_to_install_it(tmp_path, previous):
    with pytest.raises(pipeline.InputError, match="plotly-geo"):
        pipeline.build(previous, shape_dir=tmp_path)
    assert (previous / "manifest.json").read_text() == "earlier build"


@pytest.mark.data  # builds from the raw sources in ../shared
def test_bad_curated_event_stops_the_build_before_writing(tmp_path, previous, monkeypatch):
    curated = tmp_path / "curated"
    shutil.copytree(CURATED_DIR, curated)
    events = curated / "resistance_events.csv"
    lines = events.read_text().splitlines()
    lines[1] = lines[1].replace("https://", "ftp://", 1).replace("http://", "ftp://", 1)
    events.write_text("\n".join(lines) + "\n")

    def geometry_work(*args):
        raise AssertionError("the curated tables are checked before the geometry work")

    monkeypatch.setattr(pipeline, "clean_coverage", geometry_work)
    with pytest.raises(ValueError, match=r"line 2: source_url must be an http\(s\) address"):
        pipeline.build(previous, curated_dir=curated)
    assert (previous / "manifest.json").read_text() == "earlier build"


@pytest.mark.build
@pytest.mark.data
def test_build_reproduces_the_shipped_files_byte_for_byte(tmp_path):
    pipeline.build(tmp_path / "first")
    pipeline.build(tmp_path / "second")
    names = sorted(p.name for p in SHIPPED.iterdir())
    for name in names:
        shipped = (SHIPPED / name).read_bytes()
        assert (tmp_path / "first" / name).read_bytes() == shipped, name
        assert (tmp_path / "second" / name).read_bytes() == shipped, name


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda f: (f / "counties.parquet").unlink(), "counties.parquet is missing"),
        (lambda f: (f / "adjacency.csv").write_text("fips\n"), "adjacency.csv is damaged"),
        (lambda f: (f / "manifest.json").unlink(), "manifest.json is missing or unreadable"),
    ],
    ids=["missing file", "altered file", "no manifest"],
)
def test_loading_damaged_data_names_the_file_and_the_rebuild_command(tmp_path, damage, message):
    folder = tmp_path / "processed"
    shutil.copytree(SHIPPED, folder)
    damage(folder)
    with pytest.raises(load.DataError, match=message) as error:
        load.load(folder)
    assert "python -m geo.build" in str(error.value)
