"""Footnotes printed as "Ibid.": the document they cite is the previous footnote's."""
from __future__ import annotations

import re

IBID = re.compile(r"^\s*Ibid\b\.?", re.I)
