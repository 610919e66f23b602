"""Lossless JSON export and import of a whole case (format: docs/json-format.md).

Export writes every record with its id and timestamps, in a fixed order, so
export → import → export gives identical text. Import validates the whole
document before writing anything; the first problem is reported with the
path of the field ("positions[3].stance") and nothing is imported. The new
case is built under a temporary name and renamed into place only when
complete, so a failed import leaves no file behind.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..domain import (
    CREDIBILITY,
    RELIABILITY,
    Assessment,
    CaseData,
    CaseInfo,
    Event,
    Gap,
    ImportRecord,
    Issue,
    PartialDate,
    Party,
    PartyRole,
    Position,
    Proposal,
    ProposalStatus,
    Source,
    Stance,
    palette,
)
from .case_lock import CaseLock
from .errors import CaseFileError, ImportFormatError, ReadOnlyError
from .json_reader import MAX_DEPTH, FieldReader, depth_problem, kind_of_value, parse_int
from .safe_write import replacing, write_file

FORMAT_NAME = "negotiations-case"
FORMAT_VERSION = 1


# -- export -----------------------------------------------------------------------

def _stamps(r) -> dict:
    return {"created_at": r.created_at, "updated_at": r.updated_at}


def _d(date: PartialDate | None) -> str | None:
    return str(date) if date is not None else None


def case_to_dict(data: CaseData) -> dict:
    info = data.info or CaseInfo()
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "case": {"title": info.title, "description": info.description,
                 "marking": info.marking, "created_at": info.created_at},
        "parties": [{"id": p.id, "name": p.name, "short_name": p.short_name,
                     "role": p.role.value, "colour": p.colour, "sort_order": p.sort_order,
                     **_stamps(p)} for p in data.parties],
        "issues": [{"id": i.id, "name": i.name, "description": i.description,
                    "pax_code": i.pax_code, "sort_order": i.sort_order, **_stamps(i)}
                   for i in data.issues],
        "sources": [{"id": s.id, "title": s.title, "outlet": s.outlet, "date": _d(s.date),
                     "location": s.location, "reliability": s.reliability,
                     "credibility": s.credibility, "notes": s.notes, **_stamps(s)}
                    for s in data.sources],
        "events": [{"id": e.id, "date": _d(e.date), "end": _d(e.end), "kind": e.kind,
                    "title": e.title, "description": e.description,
                    "parties": list(e.party_ids), "issues": list(e.issue_ids),
                    "tags": list(e.tags), "sources": list(e.source_ids), **_stamps(e)}
                   for e in data.events],
        "proposals": [{"id": p.id, "date": _d(p.date), "title": p.title,
                       "status": p.status.value, "summary": p.summary,
                       "proposers": list(p.proposer_ids), "addressees": list(p.addressee_ids),
                       "terms": dict(sorted(p.terms.items())), "sources": list(p.source_ids),
                       **_stamps(p)} for p in data.proposals],
        "positions": [{"id": p.id, "party": p.party_id, "issue": p.issue_id,
                       "date": _d(p.date), "stance": p.stance.value, "summary": p.summary,
                       "detail": p.detail, "sources": list(p.source_ids),
                       "proposal": p.proposal_id, "event": p.event_id, **_stamps(p)}
                      for p in data.positions],
        "assessments": [{"id": a.id, "issue": a.issue_id, "date": _d(a.date),
                         "gap": a.gap.value, "note": a.note, **_stamps(a)}
                        for a in data.assessments],
        "imports": [{"id": r.id, "file_name": r.file_name, "file_sha256": r.file_sha256,
                     "mapping_json": r.mapping_json, "imported_at": r.imported_at,
                     "row_count": r.row_count, "record_count": r.record_count}
                    for r in data.imports],
    }


def dump_case(data: CaseData) -> str:
    """The case as JSON text (UTF-8, indented, stable order)."""
    return json.dumps(case_to_dict(data), ensure_ascii=False, indent=2) + "\n"


def write_json(text: str, path: str | Path) -> None:
    """Write the export whole through the one safe-write helper: never a half-written file."""
    write_file(path, text)


# -- import ---------------------------------------------------------------------

_STAMP_FIELDS = {"id", "created_at", "updated_at"}
# the ids of the records read so far, by CaseData field ("parties" -> the party ids),
# for the references of those read after them
Ids = dict[str, set[str]]


def _records(source: Path | None, doc: dict, key: str, fields: set[str],
             build: Callable[[FieldReader, Ids], Any], ids: Ids) -> tuple:
    items = doc.get(key, [])
    if not isinstance(items, list):
        raise ImportFormatError(source, key, f"expected a list, found {kind_of_value(items)}")
    seen: set[str] = set()
    out = []
    for n, obj in enumerate(items):
        reader = FieldReader(source, obj, f"{key}[{n}]", fields | _STAMP_FIELDS)
        record = build(reader, ids)
        if record.id in seen:
            reader.fail("id", f"'{record.id}' appears twice in {key}")
        seen.add(record.id)
        out.append(record)
    return tuple(out)


# The record kinds in the order they are read (what a record refers to is read
# before it): (CaseData field, the fields it may hold, its reader).

def _party(r: FieldReader, ids: Ids) -> Party:
    return Party(r.text("name", required=True), r.text("short_name", ""),
                 r.choice("role", PartyRole), r.colour("colour", palette.PARTY_DEFAULT),
                 r.integer("sort_order", 0), r.ident(), **r.stamps())


def _issue(r: FieldReader, ids: Ids) -> Issue:
    return Issue(r.text("name", required=True), r.text("description", ""),
                 r.text("pax_code", ""), r.integer("sort_order", 0), r.ident(), **r.stamps())


def _source(r: FieldReader, ids: Ids) -> Source:
    reliability = r.text("reliability", "F")
    if reliability not in RELIABILITY:
        r.fail("reliability", f"'{reliability}' is not an Admiralty reliability grade (A–F)")
    credibility = r.integer("credibility", 6)
    if credibility not in CREDIBILITY:
        r.fail("credibility", f"{credibility} is not an Admiralty credibility grade (1–6)")
    return Source(r.text("title", required=True), r.text("outlet", ""),
                  r.optional_date("date"), r.text("location", ""), reliability,
                  credibility, r.text("notes", ""), r.ident(), **r.stamps())


def _event(r: FieldReader, ids: Ids) -> Event:
    start, end = r.date("date"), r.optional_date("end")
    if end is not None and end.end() < start.start():
        r.fail("end", f"{end} is before the start date {start}")
    return Event(start, r.text("title", required=True), r.text("kind", "other"), end,
                 r.text("description", ""), r.refs("parties", ids["parties"], "party"),
                 r.refs("issues", ids["issues"], "issue"), r.strings("tags"),
                 r.refs("sources", ids["sources"], "source"), r.ident(), **r.stamps())


def _proposal(r: FieldReader, ids: Ids) -> Proposal:
    terms = r.obj.get("terms", {})
    if not isinstance(terms, dict):
        r.fail("terms", f"expected an object of issue id → text, found {kind_of_value(terms)}")
    for issue_id, text in terms.items():
        if issue_id not in ids["issues"]:
            r.fail(f"terms.{issue_id}", "is not an issue in the file")
        if not isinstance(text, str):
            r.fail(f"terms.{issue_id}", f"expected text, found {kind_of_value(text)}")
    return Proposal(r.date("date"), r.text("title", required=True),
                    r.choice("status", ProposalStatus), r.text("summary", ""),
                    r.refs("proposers", ids["parties"], "party"),
                    r.refs("addressees", ids["parties"], "party"),
                    {k: v for k, v in sorted(terms.items()) if v.strip()},
                    r.refs("sources", ids["sources"], "source"), r.ident(), **r.stamps())


def _position(r: FieldReader, ids: Ids) -> Position:
    return Position(r.ref("party", ids["parties"], "party"),
                    r.ref("issue", ids["issues"], "issue"),
                    r.date("date"), r.choice("stance", Stance), r.text("summary", ""),
                    r.text("detail", ""), r.refs("sources", ids["sources"], "source"),
                    r.optional_ref("proposal", ids["proposals"], "proposal"),
                    r.optional_ref("event", ids["events"], "event"),
                    r.ident(), **r.stamps())


def _assessment(r: FieldReader, ids: Ids) -> Assessment:
    return Assessment(r.ref("issue", ids["issues"], "issue"), r.date("date"),
                      r.choice("gap", Gap), r.text("note", ""), r.ident(), **r.stamps())


def _import(r: FieldReader, ids: Ids) -> ImportRecord:
    return ImportRecord(r.ident(), r.text("file_name", required=True),
                        r.text("file_sha256", required=True), r.text("mapping_json", "{}"),
                        r.timestamp("imported_at", nullable=False) or "",
                        r.integer("row_count", 0), r.integer("record_count", 0))


_READERS: tuple[tuple[str, set[str], Callable[[FieldReader, Ids], Any]], ...] = (
    ("parties", {"name", "short_name", "role", "colour", "sort_order"}, _party),
    ("issues", {"name", "description", "pax_code", "sort_order"}, _issue),
    ("sources", {"title", "outlet", "date", "location", "reliability", "credibility",
                 "notes"}, _source),
    ("events", {"date", "end", "kind", "title", "description", "parties", "issues", "tags",
                "sources"}, _event),
    ("proposals", {"date", "title", "status", "summary", "proposers", "addressees", "terms",
                   "sources"}, _proposal),
    ("positions", {"party", "issue", "date", "stance", "summary", "detail", "sources",
                   "proposal", "event"}, _position),
    ("assessments", {"issue", "date", "gap", "note"}, _assessment),
    ("imports", {"file_name", "file_sha256", "mapping_json", "imported_at", "row_count",
                 "record_count"}, _import),
)


def _check_format(doc: Any, source: Path | None) -> None:
    top = FieldReader(source, doc, "", {"format", "format_version", "case",
                                        *(key for key, _, _ in _READERS)})
    if doc.get("format") != FORMAT_NAME:
        top.fail("format", f"expected '{FORMAT_NAME}'; this is not a case exported by this app")
    version = top.integer("format_version", 0)
    if version > FORMAT_VERSION:
        top.fail("format_version", f"{version} is newer than this version reads "
                 f"({FORMAT_VERSION}); use a newer version of the app")
    if version < 1:
        top.fail("format_version", f"{version} is not a valid format version")


def case_from_dict(doc: Any, source: Path | None = None) -> CaseData:
    """Validate a parsed JSON document and build the case; raises ImportFormatError."""
    _check_format(doc, source)
    c = FieldReader(source, doc.get("case", {}), "case",
                    {"title", "description", "marking", "created_at"})
    info = CaseInfo(c.text("title", "Untitled case"), c.text("description", ""),
                    c.text("marking", ""), c.timestamp("created_at"))
    ids: Ids = {}
    records: dict[str, tuple] = {}
    for key, fields, build in _READERS:
        records[key] = _records(source, doc, key, fields, build, ids)
        ids[key] = {record.id for record in records[key]}
    return CaseData(info, **records)


def load_case_json(path: str | Path) -> CaseData:
    """Read and validate a JSON export; raises ImportFormatError / CaseFileError."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CaseFileError(path, f"the file could not be read ({exc.strerror or exc}).") \
            from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFormatError(path, "", f"not a UTF-8 text file (byte {exc.start} is "
                                "not valid UTF-8); it is not a JSON export") from None
    try:
        doc = json.loads(text, parse_int=parse_int)
    except json.JSONDecodeError as exc:
        raise ImportFormatError(path, "", f"not valid JSON (line {exc.lineno}, column "
                                f"{exc.colno}: {exc.msg})") from None
    except RecursionError:
        where = depth_problem(text)  # only now: a scan in Python costs a second per 10 MB
        raise ImportFormatError(path, "", f"nested more than {MAX_DEPTH} levels deep (at "
                                f"{where}); a case export has four levels, so this is not one") \
            from None
    return case_from_dict(doc, path)


def import_case_file(json_path: str | Path, case_path: str | Path) -> int:
    """Create the case file `case_path` from a JSON export; returns the record count.

    All or nothing, and one importer at a time: the case's lock is held
    throughout (a second import to the same name is refused, naming the first);
    the case is built under a unique temporary name and linked into place only
    when every record is in and only if nothing is at `case_path` by then.
    """
    from .case_store import CaseStore
    from .connection import build_database, remove_orphaned_side_files

    case_path = Path(case_path)
    data = load_case_json(json_path)
    if case_path.parent.is_dir() and not os.access(case_path.parent, os.W_OK):
        raise ReadOnlyError(case_path, "the folder is read-only; choose another folder for "
                            "the imported case.")
    lock = CaseLock.acquire(case_path, "import-json")
    try:
        if case_path.exists():
            raise CaseFileError(case_path, "a file already exists here; choose a new name "
                                "for the imported case.")
        remove_orphaned_side_files(case_path)
        with replacing(case_path, exclusive=True, what="the case could not be created") as temp:
            build_database(temp)
            store = CaseStore.open(temp)
            try:
                with store.labelled("import", Path(json_path).name):
                    store.restore(data)
                # One file again before the rename: what is in the -wal moves in.
                store.db.execute("PRAGMA journal_mode = DELETE")
            finally:
                store.close()
    finally:
        if lock is not None:
            lock.release()
    return data.record_count
