"""Which names are States: the UN's 193 Member States and its 2 observer States.

Membership is the UN's list, kept here as ISO 3166-1 alpha-3 codes; names come
from pycountry (the maintained ISO 3166 data: short, official and common
names) plus the short names the UN itself prints where they differ
("Bolivia (Plurinational State of)", "Republic of Korea", "United Republic of
Tanzania" ...). The Repertoire writes "United Kingdom" and "United States", so
those are the names pages carry; "United States of America" and "United Kingdom
of Great Britain and Northern Ireland" are the same States.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

import pycountry

# The 193 Member States of the United Nations, by ISO 3166-1 alpha-3 code.
MEMBER_STATES = frozenset("""
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA BRN
BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP CZE PRK COD DNK DJI DMA
DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND
HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU
LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER
NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR MDA ROU RUS RWA KNA LCA VCT WSM SMR STP
SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK THA TLS TGO TON TTO
TUN TUR TKM TUV UGA UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB ZWE
""".split())
# Non-member observer States.
OBSERVER_STATES = frozenset({"VAT", "PSE"})

# The name a page carries where it is not ISO's short name: the UN's short name,
# except for the two States the Repertoire names in short.
UN_NAMES = {
    "BOL": "Bolivia (Plurinational State of)",
    "COD": "Democratic Republic of the Congo",
    "FSM": "Micronesia (Federated States of)",
    "GBR": "United Kingdom",
    "IRN": "Iran (Islamic Republic of)",
    "KOR": "Republic of Korea",
    "MDA": "Republic of Moldova",
    "NLD": "Netherlands",
    "PRK": "Democratic People's Republic of Korea",
    "PSE": "State of Palestine",
    "TZA": "United Republic of Tanzania",
    "USA": "United States",
    "VAT": "Holy See",
    "VEN": "Venezuela (Bolivarian Republic of)",
}
# Other spellings met in UN documents, beyond pycountry's names.
EXTRA_ALIASES = {
    "CIV": ["Cote d'Ivoire", "Côte d’Ivoire"],
    "CZE": ["Czech Republic"],
    "GBR": ["United Kingdom of Great Britain and Northern Ireland"],
    "LAO": ["Lao People’s Democratic Republic"],
    "MKD": ["The former Yugoslav Republic of Macedonia"],
    "NLD": ["Netherlands (Kingdom of the)", "Kingdom of the Netherlands"],
    "PRK": ["Democratic People’s Republic of Korea"],
    "PSE": ["Palestine"],
    "SWZ": ["Swaziland"],
    "TUR": ["Turkey"],
    "USA": ["United States of America"],
    "VNM": ["Viet Nam"],
}


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166-1 alpha-3
    name: str  # as pages show it
    official_name: Optional[str] = None
    observer: bool = False
    aliases: tuple[str, ...] = field(default=())  # every accepted spelling, `name` included


def _key(name: str) -> str:
    """Spelling differences that never distinguish two States: case, apostrophes, spaces, a leading 'the'."""
    name = re.sub(r"\s+", " ", name.replace("’", "'")).strip().lower()
    return name[4:] if name.startswith("the ") else name


@lru_cache(maxsize=1)
def _states() -> tuple[dict[str, Country], dict[str, str]]:
    by_code: dict[str, Country] = {}
    by_name: dict[str, str] = {}
    for code in sorted(MEMBER_STATES | OBSERVER_STATES):
        record = pycountry.countries.get(alpha_3=code)
        iso_names = [getattr(record, attr, None) for attr in ("name", "official_name", "common_name")]
        name = UN_NAMES.get(code, record.name)
        official = getattr(record, "official_name", None)
        spellings = [name] + [n for n in iso_names if n] + EXTRA_ALIASES.get(code, [])
        # ISO's inverted forms ("Korea, Republic of") are never printed in running text.
        aliases = tuple(dict.fromkeys(re.sub(r"^the ", "", n) for n in spellings if ", " not in n))
        country = Country(code, name, re.sub(r"^the ", "", official) if official else None,
                          code in OBSERVER_STATES, aliases)
        by_code[code] = country
        for alias in aliases:
            by_name.setdefault(_key(alias), code)
    return by_code, by_name


def lookup(name: str) -> Optional[Country]:
    """The State a name denotes, or None if it is no Member or observer State."""
    by_code, by_name = _states()
    code = by_name.get(_key(name))
    return by_code[code] if code else None


def by_code(code: str) -> Country:
    return _states()[0][code]


def all_states() -> list[Country]:
    return list(_states()[0].values())
