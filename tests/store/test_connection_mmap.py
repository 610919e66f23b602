"""Case files are read through a memory mapping, in every way they are opened."""

from negotiations_gui.domain import CaseData, ImportRecord, PartialDate, Party, Position, Stance
from negotiations_gui.store import CaseStore
from negotiations_gui.store.connection import MMAP_BYTES
from negotiations_gui.store.csv_import import insert_import


def mmap_size(store: CaseStore) -> int:
    return store.db.execute("PRAGMA mmap_size").fetchone()[0]


def test_a_case_opened_for_writing_and_read_only_maps_the_file(store, case_path):
    assert mmap_size(store) == MMAP_BYTES
    party = store.add_party(Party("Qatar"))
    store.close()
    with CaseStore.open(case_path, read_only=True) as reader:
        assert mmap_size(reader) == MMAP_BYTES
        assert reader.party(party.id) == party


def test_writes_through_one_connection_are_read_through_another_s_mapping(store, case_path):
    with CaseStore.open(case_path) as other:
        other.parties()  # maps the file before the write below
        party = store.add_party(Party("Egypt"))
        assert other.party(party.id) == party


def test_a_csv_import_writes_without_the_mapping_and_puts_it_back(store):
    party = Party("Qatar")
    seen = []
    data = CaseData(parties=(party,), positions=(Position(
        party.id, store.issues()[0].id, PartialDate.parse("2025-08"), Stance.OFFERS),))
    insert_import(store, data, ImportRecord("log-1", "f.csv", "0" * 64),
                  progress=lambda done, total: seen.append(mmap_size(store)) or True)
    assert seen and set(seen) == {0}
    assert mmap_size(store) == MMAP_BYTES
    assert store.party(party.id).name == "Qatar"
