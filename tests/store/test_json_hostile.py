"""Hostile or damaged JSON: a message naming the field, nothing written, never a traceback
(issue 12: nesting, huge numbers, lone surrogates, lists where ids belong, bad values)."""

import json
import subprocess
import sys
import uuid

import pytest

from negotiations_gui.store import ImportFormatError
from negotiations_gui.store.json_io import import_case_file


def _doc():
    party, issue = str(uuid.uuid4()), str(uuid.uuid4())
    return {
        "format": "negotiations-case", "format_version": 1, "case": {"title": "T"},
        "parties": [{"id": party, "name": "Israel", "role": "principal", "sort_order": 1}],
        "issues": [{"id": issue, "name": "Hostages"}],
        "events": [{"id": str(uuid.uuid4()), "date": "2025-08-12", "title": "Talks",
                    "parties": [party]}],
        "positions": [{"id": str(uuid.uuid4()), "party": party, "issue": issue,
                       "date": "2025-08", "stance": "demands"}],
    }


def _write(tmp_path, text):
    src = tmp_path / "in.json"
    src.write_text(text, encoding="utf-8", errors="surrogatepass")
    return src


def _refused(tmp_path, text, field, problem):
    with pytest.raises(ImportFormatError, match=problem) as caught:
        import_case_file(_write(tmp_path, text), tmp_path / "out.nego")
    assert caught.value.field_path == field
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.json"]  # nothing written


def _with(mutate):
    doc = _doc()
    mutate(doc)
    return json.dumps(doc, ensure_ascii=True)


def test_nesting_100k_deep(tmp_path):
    _refused(tmp_path, '{"format": ' + "[" * 100_000 + "]" * 100_000 + "}", "",
             r"nested more than 64 levels deep \(at line 1, column 75\)")


HOSTILE = [
    (lambda d: d["parties"][0].update(sort_order="BIG"), "parties[0].sort_order",
     "a number of 5000 digits is far too large"),
    (lambda d: d["parties"][0].update(sort_order=10 ** 30), "parties[0].sort_order",
     "a number of 31 digits is far too large"),
    (lambda d: d["parties"][0].update(sort_order=-(10 ** 17)), "parties[0].sort_order",
     "-1e\\+17 is too large"),
    (lambda d: d["parties"][0].update(name="Is\ud800rael"), "parties[0].name",
     "lone UTF-16 surrogate \\(\\\\ud800\\)"),
    (lambda d: d["parties"][0].update(name="Isr\x00ael"), "parties[0].name", "NUL character"),
    (lambda d: d["events"][0].update(parties=[[1, 2]]), "events[0].parties[0]",
     "expected an id \\(text\\), found a list"),
    (lambda d: d["events"][0].update(parties=[{"id": "x"}]), "events[0].parties[0]",
     "found an object"),
    (lambda d: d["positions"][0].update(party=["x"]), "positions[0].party", "found a list"),
    (lambda d: d["parties"][0].update(colour="javascript:alert(1)"), "parties[0].colour",
     "'javascript:alert\\(1\\)' is not a colour; expected #rrggbb"),
    (lambda d: d["parties"][0].update(created_at="yesterday"), "parties[0].created_at",
     "'yesterday' is not a date and time"),
    (lambda d: d["case"].update(created_at="yesterday"), "case.created_at", "not a date and time"),
    (lambda d: d["parties"][0].update(id=d["parties"][0]["id"].upper()), "parties[0].id",
     "not written as this app writes ids"),
    (lambda d: d["issues"][0].update(id="{" + d["issues"][0]["id"] + "}"), "issues[0].id",
     "not written as this app writes ids"),
]


@pytest.mark.parametrize("mutate, field, problem", HOSTILE)
def test_hostile_values_name_the_field(tmp_path, mutate, field, problem):
    text = _with(mutate).replace('"BIG"', "9" * 5000)
    _refused(tmp_path, text, field, problem)


def test_the_command_line_prints_one_line_for_each(tmp_path):
    src = _write(tmp_path, '{"format": ' + "[" * 100_000 + "]" * 100_000 + "}")
    done = subprocess.run([sys.executable, "-m", "negotiations_gui.cli", "import-json", str(src),
                           str(tmp_path / "out.nego")], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1 and "nested more than 64 levels" in done.stderr
