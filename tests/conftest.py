"""Shared fixtures. Qt runs offscreen so the suite needs no display."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from hypothesis import settings

from negotiations_gui.domain import CaseInfo
from negotiations_gui.export.fonts import register_bundled_fonts
from negotiations_gui.store import CaseStore

# The suite must give the same result on every run and on a loaded 2-core CI
# machine: a fixed seed per test, and no per-example time limit (speed is
# measured in benchmarks/, never asserted in tests).
settings.register_profile("deterministic", derandomize=True, deadline=None,
                          database=None, print_blob=True)
settings.load_profile("deterministic")


@pytest.fixture(scope="session", autouse=True)
def bundled_fonts(qapp):
    """The app's fonts, registered once as the app and the CLI do at start-up."""
    return register_bundled_fonts()


@pytest.fixture(autouse=True)
def user_folders(tmp_path_factory, monkeypatch):
    """Each test's own data and Documents folders (the demo's copy, exports): never the
    real user's. Qt reads these variables whenever it is asked for a folder."""
    home = tmp_path_factory.mktemp("user")
    documents = home / "Documents"
    documents.mkdir()
    (home / "config").mkdir()
    (home / "config" / "user-dirs.dirs").write_text(f'XDG_DOCUMENTS_DIR="{documents}"\n')
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    return home


@pytest.fixture(autouse=True)
def session_author():
    """Each test starts with no analyst name set for the process (see store/revisions.py)."""
    from negotiations_gui.store.revisions import set_session_author

    set_session_author("")
    yield
    set_session_author("")


@pytest.fixture
def case_path(tmp_path):
    """Where a new case file may be created."""
    return tmp_path / "case.nego"


@pytest.fixture
def store(case_path):
    """A new, empty case (with the six default issues), closed after the test."""
    s = CaseStore.create(case_path, CaseInfo("Test case", marking="TEST"))
    yield s
    s.close()
