"""docs/csv-import.md keeps up with the code: every key, every encoding, both examples read."""

import re
from pathlib import Path

from negotiations_gui.importing import ColumnMapping
from negotiations_gui.importing.csv_file import ENCODINGS
from negotiations_gui.importing.mapping import _KEYS, EVENT_FIELDS, POSITION_FIELDS

DOC = (Path(__file__).parents[2] / "docs" / "csv-import.md").read_text("utf-8")


def test_every_key_field_and_encoding_is_documented():
    table = DOC[DOC.index("### Every key"):]
    for key in _KEYS:
        assert f"`{key}`" in table, key
    for field_name in {**EVENT_FIELDS, **POSITION_FIELDS}:
        assert f"`{field_name}`" in table, field_name
    for encoding in ENCODINGS:
        assert f"`{encoding}`" in DOC, encoding


def test_both_example_mappings_read():
    blocks = re.findall(r"```json\n(.*?)```", DOC, re.DOTALL)
    names = [ColumnMapping.from_json(block).name for block in blocks]
    assert names == ["PA-X agreements", "ACLED events"]
