"""The window side of the exports: File > Export actions, the preview, printing.

`export/` renders documents from domain data (and runs from the command line
with no window); this package shows them, asks where to save and prints.
"""

from .actions import ExportActions, install_export_actions

__all__ = ["ExportActions", "install_export_actions"]
