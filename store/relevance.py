"""AI relevance through relations: a document that is not about AI by its own text but changes an act that is (it
amends, repeals, corrects, delays or re-enacts it, or proposes to amend it) is AI-related too, and says why in
``Document.ai_via`` ({"kind": "amends", "document_id": "eu/celex/32024R1689", "title": "…"}).

So Regulation (EU) 2026/1744, stored as a title and a CELEX number only, counts for AI-only searches and
subscriptions because the AI Act's notice says it is "amended by" it — whichever of the two was stored first.
Only acts that are AI-related by their own text (``ai_relevant`` without ``ai_via``) pass it on: an act amending
the amending act is not made AI-related by a chain. A document made AI-related this way is marked changed in the
change log (``store.changes``), so the indexer shows it to AI-only searches; it is no news for the alerts.

``store.crud`` calls :func:`refresh` after each write that can change the answer (a new relation, a document
stored or becoming AI-related); migration 0012 fills it in for stores that existed before.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import Session, col, or_, select

from store import changes
from store.models import Document, DocumentKey, Relation
from store.read import resolve_keys
from store.vocab import INVERSE, ChangeKind, RelationKind

#: Relations stated by the act that changes another one.
CHANGES = (RelationKind.AMENDS, RelationKind.REPEALS, RelationKind.CORRECTS, RelationKind.DELAYS,
           RelationKind.REENACTS, RelationKind.PROPOSES_AMENDMENT_TO)  # fmt: skip
#: The same, stated by the act that is changed (the AI Act's "amended by").
CHANGED_BY = {INVERSE[k]: k for k in CHANGES}


def _names(session: Session, doc_ids: set[str]) -> set[str]:
    """Every name a relation may cite these documents by: their ids and the keys that name them alone."""
    rows = session.exec(select(DocumentKey.key).where(col(DocumentKey.document_id).in_(sorted(doc_ids)))).all()
    return doc_ids | {k for k, target in resolve_keys(session=session, keys=rows).items() if target in doc_ids}


def refresh(*, session: Session, doc_ids: Iterable[str]) -> list[str]:
    """Give the documents changing an AI act among ``doc_ids`` and their related documents their reason; returns
    the ids of the documents made AI-related now."""
    ids = {d for d in doc_ids if d}
    if not ids:
        return []
    session.flush()
    names = _names(session, ids)
    kinds = [str(k) for k in (*CHANGES, *CHANGED_BY)]
    rels = session.exec(
        select(Relation).where(col(Relation.kind).in_(kinds),
                               or_(col(Relation.document_id).in_(sorted(ids)), col(Relation.target_id).in_(sorted(names))))
        .order_by(col(Relation.document_id), col(Relation.kind), col(Relation.target_id))
    ).all()  # fmt: skip
    resolved = resolve_keys(session=session, keys=[r.target_id for r in rels])
    made: list[str] = []
    for r in rels:
        other = resolved.get(r.target_id, r.target_id)  # cited by a key: the one document it names
        if other == r.document_id:
            continue
        if r.kind in {str(k) for k in CHANGES}:
            changer_id, changed_id, kind = r.document_id, other, r.kind
        else:
            changer_id, changed_id, kind = other, r.document_id, str(CHANGED_BY[RelationKind(r.kind)])
        changer, changed = session.get(Document, changer_id), session.get(Document, changed_id)
        if changer is None or changed is None or not changed.ai_relevant or changed.ai_via:
            continue  # the changed act is not about AI by its own text (or is not stored)
        if changer.ai_relevant:
            continue  # about AI already (by its own text, or through another relation)
        changer.ai_relevant = True
        changer.ai_via = {"kind": kind, "document_id": changed.id, "title": changed.title}
        session.add(changer)
        changes.mark(session, document_id=changer.id, kind=ChangeKind.DOCUMENT, detail={"ai_via": changer.ai_via})
        made.append(changer.id)
    return made
