"""The case file: the only code that runs SQL."""

from .case_store import CaseStore
from .errors import (
    CaseFileError,
    DamagedFileError,
    DiskFullError,
    ImportFormatError,
    LockedError,
    NewerVersionError,
    NotACaseFile,
    ReadOnlyError,
)
from .file_inspection import CASE_SUFFIX
from .record_writes import RecordNotFound
from .schema import SCHEMA_VERSION

__all__ = [
    "CASE_SUFFIX", "SCHEMA_VERSION", "CaseFileError", "CaseStore", "DamagedFileError",
    "DiskFullError", "ImportFormatError", "LockedError", "NewerVersionError", "NotACaseFile",
    "ReadOnlyError", "RecordNotFound",
]
