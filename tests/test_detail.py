"""Drawn borders stay within a pixel of the Census 500k borders in every view the app opens,
on the 1366 x 768 screen and in the 2,000-px PNG (scripts/check_detail.py measures them)."""

from scripts.check_detail import errors


def test_every_view_is_drawn_within_a_pixel_of_the_census_borders():
    found = errors()
    for kind, by_medium in found.items():
        for medium, (error, where) in by_medium.items():
            print(f"{kind:9} {medium:7} worst {error:.2f} px ({where})")
    assert {kind: set(by_medium) for kind, by_medium in found.items()} == {
        kind: {"screen", "png"} for kind in ("national", "state", "site")
    }
    worst = {
        (kind, medium): error
        for kind, by_medium in found.items()
        for medium, (error, _) in by_medium.items()
    }
    assert max(worst.values()) < 1.0, worst
