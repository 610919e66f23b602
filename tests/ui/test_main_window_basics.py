from negotiations_gui.ui.main_window import MainWindow


def test_window_with_case_shows_panes_and_title(window, case_path):
    assert window.store is not None and window.state is not None
    assert "Test case" in window.windowTitle() and case_path.name in window.windowTitle()
    assert window.splitter.count() == 2
    assert window.timeline_pane is window.splitter.widget(0)
    assert window.grid_pane is window.splitter.widget(1)
    assert "6 issues" in window.counts_label.text()
    assert window.window_actions.new_event.isEnabled()


def test_no_case_shows_welcome(make_window):
    w = make_window()
    assert w.store is None and w.splitter is None
    assert not w.window_actions.new_event.isEnabled()
    assert not w.window_actions.close_case.isEnabled()
    assert w.window_actions.open_case.isEnabled()
    assert isinstance(w, MainWindow)


def test_case_changed_is_emitted_when_a_case_opens_or_closes(qtbot, window, tmp_path):
    """Parts that follow the open case listen to caseChanged, not to the window title:
    a second case of the same title in a file of the same name still says it changed."""
    from negotiations_gui.domain import CaseInfo

    other = tmp_path / "other" / window.store.path.name
    other.parent.mkdir()
    seen = []
    window.caseChanged.connect(lambda: seen.append(window.store))
    assert window.create_case(other, CaseInfo("Test case", marking="TEST"))
    assert seen == [window.store] and window.store.path == other
    with qtbot.waitSignal(window.caseChanged):
        window.close_case()
    assert seen[-1] is None
