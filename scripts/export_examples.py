"""Write the README's example exports into docs/: python -m scripts.export_examples."""

from __future__ import annotations

import datetime as dt

from geo.downloads import make
from geo.load import load
from geo.urlstate import Selection
from scripts.browser import ROOT

EXAMPLES = {
    "export-national.png": Selection(as_of=dt.date(2011, 2, 17), colour="status"),
    "export-national-waves.png": Selection(),
    "export-california.png": Selection(as_of=dt.date(2010, 9, 30), state="CA", colour="status"),
    "export-cook-county.png": Selection(as_of=dt.date(2011, 6, 1), site="17031"),
}


def main() -> None:
    data = load()
    for name, selection in EXAMPLES.items():
        (ROOT / "docs" / name).write_bytes(make("png", data, selection, link=""))
        print(f"wrote docs/{name}")


if __name__ == "__main__":
    main()
