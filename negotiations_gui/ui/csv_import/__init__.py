"""File > Import > CSV…: the dialog and its parts, one module per part.

`dialog` assembles the window and follows the user's choices live;
`file_bar` is the file, format and mapping rows; `mapping_form` which column
feeds which field; `result_tabs` and `models` the Preview, File, Problems and
New parties tables; `running` the check-confirm-insert sequence; `work` the
worker thread and the undo command of an import.
"""

from .dialog import CsvImportDialog
from .work import CsvImportCommand, ImportWorker

__all__ = ["CsvImportCommand", "CsvImportDialog", "ImportWorker"]
