"""A damaged case in the window (issue 12): the window says so in a banner, offers
Salvage… (the same salvage as `negotiations-gui recover`) and Save a Copy…, and the
salvaged case opens. Damage is bytes changed on disk; the file dialogs are answered
by the test (tests/ui/conftest.py)."""

import shutil

import pytest

from negotiations_gui.store import CaseStore, DamagedFileError, validation

from ..faults.helpers import case_document, damage_events_page, digest, run_cli, write_document

EVENTS = 2000


@pytest.fixture(scope="module")
def damaged_original(tmp_path_factory):
    folder = tmp_path_factory.mktemp("damaged")
    path = folder / "damaged.nego"
    done = run_cli("import-json", write_document(folder / "in.json",
                                                 case_document("Damaged", EVENTS)), path)
    assert done.returncode == 0, done.stderr
    damage_events_page(path)
    return path


@pytest.fixture
def damaged(damaged_original, tmp_path):
    """A case of 2,000 events with a page of them zeroed on disk (each test its own copy)."""
    path = tmp_path / "damaged.nego"
    shutil.copyfile(damaged_original, path)
    return path


def _salvaged_events(path):
    with CaseStore.open(path) as store:
        assert store.damage is None and not store.read_only
        return len(store.export_data().events)


def test_opening_a_damaged_case_offers_salvage_and_opens_the_copy(qtbot, make_window, answers,
                                                                  damaged, tmp_path):
    before = digest(damaged)
    target = tmp_path / "rescued.nego"
    answers.save_paths.append(str(target))
    window = make_window()
    assert window.open_case(damaged)
    qtbot.waitUntil(lambda: window.store.path == target)  # offered once the window is up
    offer, report = answers.asked[0], answers.asked[1]
    assert "damaged" in offer and "Salvage every readable record" in offer
    assert "Saved into" in report and "1 party" in report and "1 issue" in report
    assert "Lost:" in report and "damaged stretch" in report
    assert "Open the salvaged case?" in report
    # the salvaged case is open, sound and writable; the damaged file is as it was
    assert window.store.path == target and not window.read_only
    assert window.salvaging.banner.isHidden()
    assert 0.8 * EVENTS < _salvaged_events(target) < EVENTS
    assert digest(damaged) == before


def test_the_banner_and_the_file_menu_salvage_later(qtbot, make_window, answers, damaged,
                                                    tmp_path):
    answers.yes = False  # "Not now"
    window = make_window()
    assert window.open_case(damaged)
    qtbot.waitUntil(lambda: len(answers.asked) == 1)
    assert window.read_only and "(read-only)" in window.windowTitle()
    banner = window.salvaging.banner
    assert not banner.isHidden() and "damaged" in banner.message.text()
    # Save a Copy is still offered beside Salvage
    assert banner.copy_button.text() == "Save a &Copy…"
    target = tmp_path / "later.nego"
    answers.save_paths.append(str(target))
    window.window_actions.salvage.trigger()
    assert "Saved into" in answers.asked[-1]
    assert window.store.path == damaged, "not opened when the user says not now"
    assert _salvaged_events(target) > 0.8 * EVENTS
    # the banner's own button: a name that exists is refused, never replaced
    answers.save_paths.append(str(target))
    written = digest(target)
    banner.salvage_button.click()
    assert "already exists" in answers.warnings[-1]
    assert digest(target) == written


def test_damage_met_in_use_shows_the_banner_and_offers_salvage(qtbot, make_window, answers,
                                                               damaged, monkeypatch):
    monkeypatch.setattr(validation, "quick_check", lambda conn, budget: None)  # a large file
    answers.yes = False
    window = make_window()
    assert window.open_case(damaged)
    with pytest.raises(DamagedFileError):  # a read of every event meets the damaged page
        window.store.export_data()
    qtbot.waitUntil(lambda: any("Salvage every readable record" in text
                                for text in answers.asked))
    assert not window.salvaging.banner.isHidden()
    assert window.read_only and "(read-only)" in window.windowTitle()
    assert not window.window_actions.new_event.isEnabled()


def test_salvage_from_the_file_menu_with_no_damaged_case_open(window, answers, damaged,
                                                              tmp_path):
    target = tmp_path / "picked.nego"
    answers.open_paths.append(str(damaged))
    answers.save_paths.append(str(target))
    answers.yes = False
    window.window_actions.salvage.trigger()
    assert "Saved into" in answers.asked[-1] and target.exists()
    assert window.store.path != target


def test_a_sound_case_shows_no_damage_banner_after_the_first_layout(window, qtbot):
    window.show()
    qtbot.waitExposed(window)
    assert window.store.damage is None
    assert window.salvaging.banner.isHidden()


def test_reset_layout_shows_the_windows_toolbars_and_leaves_the_banner_to_salvage(
        window, qtbot):
    window.show()
    qtbot.waitExposed(window)
    main, dates = window.toolbar_rows.bars
    main.hide()  # the user hid both (right-click on a toolbar)
    dates.hide()
    window.window_actions.reset_layout.trigger()
    assert main.isVisible() and dates.isVisible()
    assert window.salvaging.banner.isHidden()  # nothing is damaged: it has nothing to say
