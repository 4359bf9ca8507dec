"""How pages name things in words: a kind of document, a section's place, a supplement.

Read by the templates (through `generator.render.renderer`) and by the search documents
(`generator.site.search_documents`), so a page and its search result say the same.
"""
from __future__ import annotations

from typing import Optional

from generator.model import Section

# A symbol's kind (generator.model.symbols.KINDS) in words.
KIND_NAMES = {"meeting": "meeting record", "resolution": "Security Council resolution",
              "prst": "statement by the President of the Security Council", "document": "document",
              "ga-resolution": "General Assembly resolution", "agenda": "agenda"}


def section_label(section: Section) -> str:
    """Where a section is: '2023 supplement, Part I, Peacekeeping'."""
    where = [supplement_label(section.supplement) if section.supplement else None,
             f"Part {section.part}" if section.part else None, section.group]
    return ", ".join(w for w in where if w)


def supplement_label(supplement: Optional[int]) -> str:
    return f"{supplement} supplement" if supplement else "undated supplement"
