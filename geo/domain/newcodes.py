"""County codes the Census Bureau made after 2010, and the 2010 county each stands for.

A list of counties from recent data (the ACS since 2022, say) uses them; the map draws
the Census 2010 counties. Every change is listed by the Census Bureau in "Substantial
Changes to Counties and County Equivalent Entities: 1970-Present"
(https://www.census.gov/programs-surveys/geography/technical-documentation/county-changes.html);
Connecticut's in the Bureau's notice "Change to County Equivalents in the State of
Connecticut", Federal Register, 6 June 2022, document 2022-12063
(https://www.federalregister.gov/documents/2022/06/06/2022-12063/change-to-county-equivalents-in-the-state-of-connecticut).
"""

from __future__ import annotations

from dataclasses import dataclass

from geo.common import RENAMED_COUNTIES

VALDEZ_CORDOVA = "02261"


@dataclass(frozen=True)
class NewCode:
    """A county code made after 2010: its state, its name, the year it was made, and the
    2010 county it stands for (None where it follows no 2010 county)."""

    state: str
    name: str
    year: int
    county_2010: str | None


NEW_CODES = {
    # Renamed with a new code, one to one (geo.common.RENAMED_COUNTIES).
    "02158": NewCode("AK", "Kusilvak Census Area", 2015, RENAMED_COUNTIES["02158"][0]),
    "46102": NewCode("SD", "Oglala Lakota County", 2015, RENAMED_COUNTIES["46102"][0]),
    # Valdez-Cordova Census Area (02261) split in two in 2019: both parts lie within it.
    "02063": NewCode("AK", "Chugach Census Area", 2019, VALDEZ_CORDOVA),
    "02066": NewCode("AK", "Copper River Census Area", 2019, VALDEZ_CORDOVA),
    # Connecticut's nine planning regions replaced its eight counties as county
    # equivalents in 2022; their borders follow towns, not the old counties.
    **{
        code: NewCode("CT", f"{region} Planning Region", 2022, None)
        for code, region in {
            "09110": "Capitol",
            "09120": "Greater Bridgeport",
            "09130": "Lower Connecticut River Valley",
            "09140": "Naugatuck Valley",
            "09150": "Northeastern Connecticut",
            "09160": "Northwest Hills",
            "09170": "South Central Connecticut",
            "09180": "Southeastern Connecticut",
            "09190": "Western Connecticut",
        }.items()
    },
}


def split(code: str) -> bool:
    """Whether the 2010 county that `code` stands for was split among several new codes."""
    county = NEW_CODES[code].county_2010
    return sum(new.county_2010 == county for new in NEW_CODES.values()) > 1
