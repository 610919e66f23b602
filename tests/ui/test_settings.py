"""Settings: one registry of keys, and a version with upgrade steps from earlier layouts."""

from PySide6.QtCore import QSettings

from negotiations_gui.ui import settings


def ini(path) -> QSettings:
    return QSettings(str(path), QSettings.Format.IniFormat)


def test_settings_of_the_unversioned_layout_are_upgraded_and_keep_the_users_paper(tmp_path):
    path = tmp_path / "settings.ini"
    old = ini(path)  # as the previous version wrote them
    old.setValue("preferences/export_paper", "letter")
    old.setValue("preferences/default_marking", "SECRET")
    old.sync()
    loaded = settings.Settings(ini(path))
    assert loaded.get(settings.EXPORT_PAPER) == "letter"
    assert loaded.get(settings.DEFAULT_MARKING) == "SECRET"
    assert loaded.get(settings.SETTINGS_VERSION) == settings.CURRENT_VERSION
    assert len(settings.UPGRADES) == settings.CURRENT_VERSION
    loaded.sync()
    again = ini(path)
    assert not again.contains("preferences/export_paper")
    assert again.value("ui_state/export_paper") == "letter"
    # opening again runs no step: the version says they are done
    assert settings.Settings(ini(path)).get(settings.EXPORT_PAPER) == "letter"


def test_each_step_runs_once_in_order_from_the_version_found(tmp_path, monkeypatch):
    ran = []
    steps = tuple(lambda q, n=n: ran.append(n) for n in range(3))
    monkeypatch.setattr(settings, "UPGRADES", steps)
    monkeypatch.setattr(settings, "CURRENT_VERSION", 3)
    path = tmp_path / "settings.ini"
    q = ini(path)
    q.setValue("settings_version", 1)
    q.sync()
    assert settings.Settings(ini(path)).get(settings.SETTINGS_VERSION) == 3
    assert ran == [1, 2]
    settings.Settings(ini(path))
    assert ran == [1, 2]


def test_settings_from_a_newer_version_are_left_as_they_are(tmp_path):
    path = tmp_path / "settings.ini"
    q = ini(path)
    q.setValue("settings_version", settings.CURRENT_VERSION + 5)
    q.setValue("preferences/export_paper", "letter")  # a key this version does not know
    q.sync()
    loaded = settings.Settings(ini(path))
    loaded.sync()
    assert loaded.get(settings.SETTINGS_VERSION) == settings.CURRENT_VERSION + 5
    assert ini(path).value("preferences/export_paper") == "letter"


def test_a_new_user_starts_at_the_current_version_with_the_defaults(tmp_path):
    loaded = settings.Settings(ini(tmp_path / "settings.ini"))
    assert loaded.get(settings.SETTINGS_VERSION) == settings.CURRENT_VERSION
    assert loaded.get(settings.EXPORT_PAPER) == "a4"
