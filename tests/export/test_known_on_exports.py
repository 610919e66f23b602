"""A brief exported with --known-on K equals, text for text, the brief exported at K."""

import dataclasses
import re

import pypdf

from negotiations_gui.cli import main
from negotiations_gui.domain import Event, PartialDate, Stance
from negotiations_gui.store import CaseStore


def _pdf_text(path) -> str:
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(path).pages).replace("\t", " ")


def _exact_moment(pdf_path) -> str:
    """The moment the PDF is as known on, exactly, from its metadata (its pages print
    it to the minute)."""
    keywords = pypdf.PdfReader(pdf_path).xmp_metadata.pdf_keywords
    assert keywords.startswith("as known on ")
    return keywords.removeprefix("as known on ")


def _export(case_path, out, *extra) -> str:
    command = "export-pdf" if out.name.startswith("grid") else "export-brief"
    argv = [command, str(case_path), "--as-of", "2025-08-20", "--since", "2025-08-05",
            "-o", str(out), *extra]
    assert main(argv) == 0
    return out.read_text(encoding="utf-8") if out.suffix == ".md" else _pdf_text(out)


def _edit_the_case(case_path) -> None:
    with CaseStore.open(case_path) as store:
        changed = store.positions()[0]
        store.update_position(dataclasses.replace(
            changed, stance=Stance.REJECTS, summary="Rewritten after the brief went out"))
        store.add_event(Event(PartialDate.parse("2025-08-10"), "Recorded after the brief"))
        store.delete_position(store.positions()[-1].id)


def test_an_earlier_brief_is_regenerated_text_for_text(case, tmp_path):
    case.close()
    names = ("brief.md", "brief.pdf", "grid.pdf")
    then = {name: _export(case.path, tmp_path / f"then-{name}") for name in names}
    stamp = _exact_moment(tmp_path / "then-grid.pdf")
    assert re.search(r"As known on \d+ \w{3} \d{4}, \d\d:\d\d UTC", then["grid.pdf"])
    assert f"<!-- as known on {stamp} -->" in then["brief.md"]
    assert _exact_moment(tmp_path / "then-brief.pdf") == stamp
    _edit_the_case(case.path)
    for name in names:
        now = _export(case.path, tmp_path / f"now-{name}")
        assert now != then[name]  # the edits show in today's export
        if name.startswith("brief"):
            assert "Recorded after the brief" in now
        assert "Recorded after the brief" not in then[name]
        again = _export(case.path, tmp_path / f"again-{name}", "--known-on", stamp)
        assert again == then[name]
        if name.endswith(".pdf"):
            assert _exact_moment(tmp_path / f"again-{name}") == stamp
