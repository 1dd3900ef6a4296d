"""A US state bill as every source describes it (the state's site, Open States, LegiScan): one id, one set of
identifiers and aliases, its state as the document's subdivision."""

from __future__ import annotations

from typing import Any

from store.identifiers import state_bill_aliases, state_bill_doc_id, us_subdivision
from store.items import DocumentItem
from store.vocab import DocType


def state_bill_document(
    state: str, session: str, number: str, title: str, *, source: str, **fields: Any
) -> DocumentItem:
    """``us/{state}/{session}/{number}`` with the state's ways of writing it; ``fields`` add what the source knows
    (``identifiers`` and ``aliases`` are merged with the common ones).

    >>> state_bill_document("CO", "2024A", "SB24-205", "Consumer Protections for AI", source="x").identifiers
    {'bill_number': 'SB24-205', 'session': '2024A', 'state': 'CO'}
    """
    identifiers = {"bill_number": number, "session": session, "state": state, **fields.pop("identifiers", {})}
    aliases = state_bill_aliases(state, number)
    aliases += [a for a in fields.pop("aliases", []) if a not in aliases]
    return DocumentItem(doc_id=state_bill_doc_id(state, session, number), source=source, jurisdiction="US",
                        subdivision=us_subdivision(state), doc_type=DocType.BILL, title=title, language="en",
                        identifiers=identifiers, aliases=aliases, **fields)  # fmt: skip
