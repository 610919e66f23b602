"""The tables and columns checked on open are written out (expected_schema.py) and
must stay those the migrations make."""

from __future__ import annotations

from negotiations_gui.store import expected_schema, validation, write_expected_schema
from negotiations_gui.store.schema import MIGRATION_NAMES


def test_the_written_schema_is_the_one_the_migrations_make():
    assert expected_schema.MIGRATIONS == MIGRATION_NAMES, (
        "a migration was added: run `python -m negotiations_gui.store.write_expected_schema`")
    assert validation.made_columns() == expected_schema.COLUMNS, (
        "run `python -m negotiations_gui.store.write_expected_schema`")
    assert write_expected_schema.text() == write_expected_schema.TARGET.read_text(
        encoding="utf-8"), "run `python -m negotiations_gui.store.write_expected_schema`"


def test_open_reads_the_written_schema_while_it_is_current(monkeypatch):
    validation.expected_columns.cache_clear()
    monkeypatch.setattr(validation, "made_columns", lambda: {"made": ("afresh",)})
    try:
        assert validation.expected_columns() is expected_schema.COLUMNS
        validation.expected_columns.cache_clear()
        # written for other migrations (a new one not yet written out): made afresh
        monkeypatch.setattr(expected_schema, "MIGRATIONS", MIGRATION_NAMES[:-1])
        assert validation.expected_columns() == {"made": ("afresh",)}
    finally:
        validation.expected_columns.cache_clear()
