"""Which agenda items are one situation under several names: the State an item is about.

The Council's items on one country change name over the decades: "Complaint by the
Government of Cyprus" (1963-71), "The situation in Cyprus" (1972-93, 2015-22), "Cyprus"
(1994-2015). An item's subject is what is left of its name once a generic frame is taken
off ("The situation in", "The situation concerning", "The question of", "Complaint by the
Government of", "Items relating to" ...) and a closing parenthesis ("(Letter of 11 July
1960)") dropped; items whose subject is the same Member or observer State (by
`generator.link.countries.lookup`, so "the Democratic Republic of the Congo" = "Democratic
Republic of the Congo") are related. A subject that is no State ("the Middle East",
"Western Sahara", "Africa") links nothing: regions and themes are too loose a tie to link
on a name.
"""
from __future__ import annotations

import re
from typing import Optional

from generator.link.countries import lookup

_FRAME = re.compile(
    r"^(?:the\s+)?(?:situation\s+(?:in|concerning|relating\s+to)|question\s+(?:of|concerning|relating\s+to)"
    r"|complaints?\s+by(?:\s+the\s+government\s+of)?|items?\s+relating\s+to)\s+", re.I)
_CLOSING_NOTE = re.compile(r"\s*\([^()]*\)$")


def subject(name: str) -> Optional[str]:
    """The ISO code of the State an agenda item is about, or None."""
    rest = _CLOSING_NOTE.sub("", _FRAME.sub("", name.strip(), count=1)).strip(" .")
    state = lookup(rest)
    return state.code if state else None
