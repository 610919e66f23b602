"""Issue 14 items 14-15 in the exports: issue rows read as names (codes only when
asked for, and then explained), and a reworded position is marked apart from a
change of stance."""

import pypdf
import pytest

from negotiations_gui.cli import main
from negotiations_gui.domain import PartialDate, Position, Stance
from negotiations_gui.domain.bidi import visible
from negotiations_gui.export.brief_content import BlockKind, build_brief
from negotiations_gui.export.brief_markdown import brief_markdown
from negotiations_gui.export.footnotes import SourceNumbers
from negotiations_gui.export.grid_cells import position_cell

D = PartialDate.parse


def pdf_text(path) -> str:
    return "".join("".join(p.extract_text().split()) for p in pypdf.PdfReader(path).pages)


@pytest.mark.parametrize("command", ["export-pdf", "export-brief"])
def test_issue_rows_show_names_and_codes_only_when_asked(case, tmp_path, command):
    codes = [i.pax_code for i in case.issues() if i.pax_code]
    assert "TjPrire" in codes  # the default issues carry PA-X codes
    path = case.path
    case.close()
    plain, coded = tmp_path / "plain.pdf", tmp_path / "coded.pdf"
    base = [command, str(path), "--as-of", "2025-08-20", "--since", "2025-08-05"]
    assert main([*base, "-o", str(plain)]) == 0
    assert main([*base, "-o", str(coded), "--pax-codes"]) == 0
    text = pdf_text(plain)
    assert "Prisoners" in text and "Disarmament" in text
    assert "TjPrire" not in text and "PA-X" not in text
    text = pdf_text(coded)
    assert "PA-X:TjPrire" in text and "PA-X:DdrDemil/SsrPsf" in text
    assert "PA-X:theissue'scodeinthePA-XPeaceAgreementsDatabase" in text


@pytest.fixture
def reworded(case):
    """Israel's stance on the first issue stays "Demands" and only its words change."""
    israel = next(p for p in case.parties() if p.short_name == "ISR")
    issue = case.issues()[2]
    case.add_position(Position(israel.id, issue.id, D("2025-08-02"), Stance.DEMANDS,
                               "Full withdrawal is out of the question"))
    case.add_position(Position(israel.id, issue.id, D("2025-08-14"), Stance.DEMANDS,
                               "Security control stays with Israel"))
    return case, israel, issue


def test_a_reworded_cell_is_marked_apart_in_the_pdf(reworded):
    case, israel, issue = reworded
    snapshot = case.grid_snapshot(D("2025-08-20"), D("2025-08-05"))
    cell = snapshot.cell(israel.id, issue.id)
    assert cell.changed
    content = position_cell(cell, snapshot.since, 200.0, SourceNumbers({}))
    text = " ".join(line.layout.text() for line in content.lines)
    assert "△ Reworded since 5 Aug 2025; same stance" in text and "▲" not in text
    assert not content.emphasis  # the heavy border is for changes of stance


def test_the_brief_folds_rewordings_into_one_line(reworded):
    case, _israel, issue = reworded
    brief = build_brief(case, D("2025-08-05"), D("2025-08-20"))
    blocks = [(b.kind, visible(b.text)) for b in brief.blocks]
    at = blocks.index((BlockKind.SUBHEADING, issue.name))
    assert (BlockKind.NOTE, "Reworded, stance unchanged: מדינת ישראל.") in blocks[at:]
    assert not [t for k, t in blocks if k is BlockKind.ITEM and "Demands, 2 Aug" in t]
    assert "△ reworded" in visible(brief_markdown(brief))
