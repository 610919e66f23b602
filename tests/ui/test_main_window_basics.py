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
