"""Write the README's example exports into docs/: python -m scripts.export_examples."""

from __future__ import annotations

import datetime as dt

from geo.load import load
from geo.mapview import Shapes
from geo.picture import draw
from geo.urlstate import ViewState
from geo.views import build_view, source_line, title
from scripts.browser import ROOT

EXAMPLES = {
    "export-national.png": ViewState(as_of=dt.date(2011, 2, 17)),
    "export-california.png": ViewState(as_of=dt.date(2010, 9, 30), state="CA"),
    "export-cook-county.png": ViewState(as_of=dt.date(2011, 6, 1), site="17031"),
}


def main() -> None:
    data = load()
    shapes = Shapes.encode(data.counties, data.states).in_detail()
    for name, state in EXAMPLES.items():
        picture = draw(
            build_view(data, state, shapes),
            title(data, state),
            f"As of {state.as_of:%d %B %Y}",
            source_line(data),
        )
        (ROOT / "docs" / name).write_bytes(picture.save("png"))
        print(f"wrote docs/{name}")


if __name__ == "__main__":
    main()
