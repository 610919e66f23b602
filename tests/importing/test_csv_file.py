"""Reading CSV files as they come: encodings, dialects, line endings, odd files."""

import codecs

import pytest

from negotiations_gui.importing import CsvFileError, read_csv, sniff_format
from negotiations_gui.importing.csv_file import CsvFormat, detect_encoding

ROWS = [["Date", "Title", "Parties"],
        ["2025-08-12", "Talks in Cairo", "Egypt, Qatar"],
        ["2025-08-13", "Café statement", "Israel"]]


def _write(tmp_path, data: bytes, name="in.csv"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _csv(rows, delimiter=",", newline="\r\n") -> str:
    def cell(text):
        if any(ch in text for ch in (delimiter, '"', "\n", "\r")):
            return '"' + text.replace('"', '""') + '"'
        return text
    return "".join(delimiter.join(cell(c) for c in row) + newline for row in rows)


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiter_is_sniffed(tmp_path, delimiter):
    table = read_csv(_write(tmp_path, _csv(ROWS, delimiter).encode()))
    assert table.format.delimiter == delimiter
    assert table.header == tuple(ROWS[0])
    assert table.rows == tuple(tuple(r) for r in ROWS[1:])


def test_utf8_byte_order_mark_is_not_part_of_the_first_column(tmp_path):
    table = read_csv(_write(tmp_path, codecs.BOM_UTF8 + _csv(ROWS).encode()))
    assert table.format.encoding == "utf-8-sig"
    assert table.header[0] == "Date"
    assert table.column_index("Date") == 0
    assert table.rows[1][1] == "Café statement"


def test_windows_1252_is_recognised_and_reported(tmp_path):
    rows = ROWS + [["2025-08-14", "“Smart quotes” – and €", "Türkiye"]]
    table = read_csv(_write(tmp_path, _csv(rows).encode("cp1252")))
    assert table.format.encoding == "cp1252"
    assert "Windows-1252" in table.format.description
    assert table.rows[2][1] == "“Smart quotes” – and €"
    assert table.rows[1][1] == "Café statement"


def test_utf16_with_bom(tmp_path):
    table = read_csv(_write(tmp_path, _csv(ROWS).encode("utf-16")))
    assert table.format.encoding == "utf-16"
    assert table.rows[1][1] == "Café statement"


def test_mixed_line_endings_and_multiline_quoted_fields(tmp_path):
    text = ('Date,Title,Description\r\n'
            '2025-08-12,"Talks","line one\r\nline two\nline three"\n'
            '2025-08-13,Second,"quoted ""inner"" text"\r\n'
            '2025-08-14,Third,plain\n')
    table = read_csv(_write(tmp_path, text.encode()))
    assert table.format.line_endings == "mixed"
    assert len(table.rows) == 3
    assert table.rows[0][2] == "line one\r\nline two\nline three"
    assert table.rows[1][2] == 'quoted "inner" text'
    assert table.rows[2] == ("2025-08-14", "Third", "plain")


def test_blank_lines_are_skipped_and_rows_keep_their_raggedness(tmp_path):
    text = "A,B,C\n1,2,3\n\n4,5\n6,7,8,9\n,,\n"
    table = read_csv(_write(tmp_path, text.encode()))
    assert table.rows == (("1", "2", "3"), ("4", "5"), ("6", "7", "8", "9"))


def test_empty_file_is_refused(tmp_path):
    with pytest.raises(CsvFileError, match="empty"):
        read_csv(_write(tmp_path, b""))
    with pytest.raises(CsvFileError, match="empty"):
        read_csv(_write(tmp_path, b"\r\n\n  \n", "blank.csv"))


def test_header_only_file_has_no_rows(tmp_path):
    table = read_csv(_write(tmp_path, b"Date,Title\n"))
    assert table.header == ("Date", "Title") and table.rows == ()


@pytest.mark.parametrize("data", [
    b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + bytes(range(256)) * 4,  # xlsx
    b"SQLite format 3\x00" + bytes(200),
    bytes(range(1, 32)) * 40,
])
def test_binary_file_given_as_csv_is_refused(tmp_path, data):
    with pytest.raises(CsvFileError, match="not a text file"):
        read_csv(_write(tmp_path, data))


def test_folder_and_missing_file_are_refused(tmp_path):
    with pytest.raises(CsvFileError, match="folder"):
        read_csv(tmp_path)
    with pytest.raises(CsvFileError, match="could not be read"):
        read_csv(tmp_path / "absent.csv")


def test_a_wrong_encoding_override_says_so(tmp_path):
    path = _write(tmp_path, _csv(ROWS).encode("cp1252"))
    fmt = CsvFormat(encoding="utf-8")
    with pytest.raises(CsvFileError, match="not valid utf-8"):
        read_csv(path, fmt)


def test_encoding_detection_order():
    assert detect_encoding(b"plain") == "utf-8"
    assert detect_encoding("é".encode()) == "utf-8"
    assert detect_encoding("é".encode("cp1252")) == "cp1252"
    assert detect_encoding(b"\x81 undefined in cp1252") == "latin-1"


def test_single_column_file_defaults_to_comma(tmp_path):
    fmt = sniff_format(b"Title\nOne\nTwo\n")
    assert fmt.delimiter == ","


def test_hash_identifies_the_file_bytes(tmp_path):
    a = read_csv(_write(tmp_path, _csv(ROWS).encode(), "a.csv"))
    b = read_csv(_write(tmp_path, _csv(ROWS).encode(), "b.csv"))
    c = read_csv(_write(tmp_path, _csv(ROWS[:2]).encode(), "c.csv"))
    assert a.sha256 == b.sha256 != c.sha256


def test_row_numbers_are_spreadsheet_rows():
    from negotiations_gui.importing import CsvTable
    assert CsvTable.row_number(0) == 2


def test_line_breaks_inside_quotes_do_not_count_as_row_endings(tmp_path):
    text = 'A,B\r\n1,"two\nlines"\r\n2,"x"\r\n'
    assert read_csv(_write(tmp_path, text.encode())).format.line_endings == "CRLF"
