"""JSON export/import: lossless round trip, and bad files import nothing."""

import json
import uuid

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from negotiations_gui.domain import (
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
)
from negotiations_gui.store import CaseFileError, CaseStore, ImportFormatError
from negotiations_gui.store.json_io import dump_case, import_case_file, write_json

# Any text a user may type or paste: Arabic, Hebrew, markup, quotes, newlines, emoji.
texts = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                max_size=30)
names = texts.filter(lambda t: t.strip())
ids = st.uuids().map(str)


@st.composite
def dates(draw):
    d = draw(st.dates())
    return PartialDate.from_date(d, draw(st.booleans())).with_precision(
        draw(st.sampled_from([1, 2, 3])))


@st.composite
def cases(draw):
    parties = tuple(Party(draw(names), draw(texts), draw(st.sampled_from(list(PartyRole))),
                          "#123456", draw(st.integers(0, 9)), draw(ids))
                    for _ in range(draw(st.integers(1, 3))))
    issues = tuple(Issue(draw(names), draw(texts), draw(texts), n, draw(ids))
                   for n in range(draw(st.integers(1, 3))))
    sources = tuple(Source(draw(names), draw(texts), draw(st.none() | dates()), draw(texts),
                           draw(st.sampled_from("ABCDEF")), draw(st.integers(1, 6)),
                           draw(texts), draw(ids))
                    for _ in range(draw(st.integers(0, 2))))

    def some(records):
        return tuple(sorted({r.id for r in draw(st.lists(st.sampled_from(records)))}
                            if records else ()))

    events = []
    for _ in range(draw(st.integers(0, 3))):
        start = draw(dates())
        end = draw(st.none() | dates().filter(lambda e, s=start: e.end() >= s.start()))
        events.append(Event(start, draw(names), draw(names), end, draw(texts), some(parties),
                            some(issues), tuple(sorted(set(draw(st.lists(names, max_size=3))))),
                            some(sources), draw(ids)))
    proposals = tuple(
        Proposal(draw(dates()), draw(names), draw(st.sampled_from(list(ProposalStatus))),
                 draw(texts), some(parties), some(parties),
                 {i.id: draw(names) for i in issues if draw(st.booleans())}, some(sources),
                 draw(ids))
        for _ in range(draw(st.integers(0, 2))))
    positions = tuple(
        Position(draw(st.sampled_from(parties)).id, draw(st.sampled_from(issues)).id,
                 draw(dates()), draw(st.sampled_from(list(Stance))), draw(texts), draw(texts),
                 some(sources),
                 draw(st.sampled_from(proposals)).id if proposals and draw(
                     st.booleans()) else None,
                 draw(st.sampled_from(events)).id if events and draw(st.booleans()) else None,
                 draw(ids))
        for _ in range(draw(st.integers(0, 4))))
    assessments = tuple(Assessment(draw(st.sampled_from(issues)).id, draw(dates()),
                                   draw(st.sampled_from(list(Gap))), draw(texts), draw(ids))
                        for _ in range(draw(st.integers(0, 2))))
    imports = tuple(ImportRecord(draw(ids), draw(names), f"{draw(st.integers(0, 2**256 - 1)):064x}",
                                 draw(st.sampled_from(['{}', '{"date": "Date"}'])),
                                 f"2025-08-{n + 10}T10:00:00+00:00", draw(st.integers(0, 9)),
                                 draw(st.integers(0, 9)))
                    for n in range(draw(st.integers(0, 2))))
    info = CaseInfo(draw(names), draw(texts), draw(texts))
    return CaseData(info, parties, issues, sources, tuple(events), proposals, positions,
                    assessments, imports)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=cases())
def test_export_import_export_is_identical(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("roundtrip")
    with CaseStore.create(folder / "a.nego", data.info, default_issues=False) as store:
        store.restore(data)
        first = dump_case(store.export_data())
    write_json(first, folder / "a.json")
    import_case_file(folder / "a.json", folder / "b.nego")
    with CaseStore.open(folder / "b.nego") as again:
        second = dump_case(again.export_data())
        # nothing was lost on the way in either
        assert {p.id for p in again.positions()} == {p.id for p in data.positions}
        assert {e.id: e.tags for e in again.events()} == {e.id: e.tags for e in data.events}
        assert again.export_data().imports == data.imports  # the import log travels too
    assert second == first


def _valid_doc():
    party, issue = str(uuid.uuid4()), str(uuid.uuid4())
    return {
        "format": "negotiations-case", "format_version": 1,
        "case": {"title": "T"},
        "parties": [{"id": party, "name": "Israel", "role": "principal"}],
        "issues": [{"id": issue, "name": "Hostages"}],
        "positions": [{"id": str(uuid.uuid4()), "party": party, "issue": issue,
                       "date": "2025-08", "stance": "demands"}],
    }


def _import(tmp_path, doc):
    src = tmp_path / "in.json"
    src.write_text(json.dumps(doc) if not isinstance(doc, str) else doc, encoding="utf-8")
    return import_case_file(src, tmp_path / "out.nego")


def test_valid_minimal_document_imports(tmp_path):
    assert _import(tmp_path, _valid_doc()) == 3
    with CaseStore.open(tmp_path / "out.nego") as store:
        assert store.positions()[0].stance is Stance.DEMANDS


@pytest.mark.parametrize("mutate, field, problem", [
    (lambda d: d["positions"][0].update(stance="maybe"), "positions[0].stance",
     "'maybe' is not one of: demands"),
    (lambda d: d["positions"][0].update(date="Aug 2025"), "positions[0].date", "not a date"),
    (lambda d: d["positions"][0].update(party="nobody"), "positions[0].party",
     "not in the file"),
    (lambda d: d["parties"][0].pop("name"), "parties[0].name", "is missing"),
    (lambda d: d["parties"][0].update(id="x"), "parties[0].id", "not a UUID"),
    (lambda d: d["parties"][0].update(colour=3), "parties[0].colour", "expected text"),
    (lambda d: d["parties"].append(dict(d["parties"][0])), "parties[1].id", "appears twice"),
    (lambda d: d["issues"][0].update(weight=2), "issues[0].weight", "unknown field"),
    (lambda d: d.update(format_version=7), "format_version", "newer"),
    (lambda d: d.update(format="something-else"), "format", "not a case exported"),
    (lambda d: d.update(sources=[{"id": str(uuid.uuid4()), "title": "S",
                                  "reliability": "G"}]), "sources[0].reliability", "A–F"),
])
def test_bad_document_names_the_field_and_imports_nothing(tmp_path, mutate, field, problem):
    doc = _valid_doc()
    mutate(doc)
    with pytest.raises(ImportFormatError, match=problem) as caught:
        _import(tmp_path, doc)
    assert caught.value.field_path == field
    assert str(tmp_path / "in.json") in str(caught.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.json"]


@pytest.mark.parametrize("content, problem", [
    ("{not json", "not valid JSON.*line 1"),
    ("[1, 2]", "expected an object"),
])
def test_not_json_at_all(tmp_path, content, problem):
    with pytest.raises(ImportFormatError, match=problem):
        _import(tmp_path, content)
    assert not (tmp_path / "out.nego").exists()


def test_binary_file_given_as_json(tmp_path):
    src = tmp_path / "in.json"
    src.write_bytes(b"\xff\xfe\x00garbage\x89PNG")
    with pytest.raises(ImportFormatError, match="not a UTF-8 text file"):
        import_case_file(src, tmp_path / "out.nego")


def test_import_never_overwrites(tmp_path, store, case_path):
    src = tmp_path / "in.json"
    src.write_text(json.dumps(_valid_doc()))
    with pytest.raises(CaseFileError, match="already exists"):
        import_case_file(src, case_path)
    assert len(store.issues()) == 6


def test_failed_write_leaves_no_partial_file(tmp_path):
    with pytest.raises(CaseFileError, match="folder does not exist"):
        write_json("{}", tmp_path / "missing-folder" / "out.json")
    assert list(tmp_path.iterdir()) == []
