"""Printable activity cards (issue 11): a `{cards}` list in an activity becomes a cut-out card
sheet (tagged PDF, one per lesson that has cards, in the lesson's language), the lesson plan and
the workshop run of show tell the trainer to print it, the workshop packet leaves it out, and a
broken list is a located `check` error."""
from __future__ import annotations

import json
import math
import subprocess
from pathlib import Path

import pytest

from curriculum.languages import words
from curriculum.load import load_curriculum
from curriculum.model import Cards, plain_text, walk_blocks

from . import pdfs
from .conftest import ROOT, run_cli

#: The lessons whose activities hand out cards, and how many cards each set holds (01 hands out six
#: step cards and four "change one fact" slips).
WITH_CARDS = {"01-secure-communities": (6, 4), "03-ncic-and-nlets": (6,), "05-mobile-biometrics": (8,)}
CARDS_A_PAGE = 8


def _activity(project: Path, text: str, tags=("activity",)) -> None:
    """Replace the fixture lesson's activity cell (cell 9) with `text`."""
    path = project / "modules" / "00-sample" / "en.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["cells"][8]["source"] = text
    nb["cells"][8]["metadata"]["tags"] = list(tags)
    path.write_text(json.dumps(nb, indent=1), encoding="utf-8")


@pytest.mark.parametrize("cards, rule, message", [
    (":::{cards}\n:::", "load.markup", "the cards list is empty"),
    (":::{cards}\nHand out the cards.\n:::", "load.markup", "the cards hold one list and nothing else"),
    (":::{cards}\n- Jail\n  - the jail's answer\n:::", "load.markup", "a card is one line"),
    (":::{cards} Six steps\n- Jail\n:::", "load.markup", "takes nothing after it"),
    (":::{card}\n- Jail\n:::", "structure.unknown-directive", "unknown box '{card}'"),
])
def test_a_broken_cards_list_is_a_located_error(project, cards, rule, message):
    _activity(project, f"### Activity: Follow the prints\n\nSort the cards.\n\n{cards}\n\n**Debrief:** Who saw the data?")
    result = run_cli("check", "--format", "json", root=project)
    assert result.code == 1
    found = [i for i in json.loads(result.out)["issues"] if i["rule"] == rule]
    assert found, result.out
    assert found[0]["place"] == "cell 9, line 5" and message in found[0]["message"], found[0]
    assert found[0]["file"] == "modules/00-sample/en.ipynb"


def test_a_second_set_of_cards_needs_a_title(project):
    slips = ":::{cards}\n- Rosa has a green card.\n- Rosa is a U.S. citizen.\n:::"
    steps = ":::{cards}\n:order: mixed\n- **Jail.** Prints are taken.\n- FBI\n:::"
    _activity(project, f"### Activity: Follow the prints\n\nSort the cards.\n\n{steps}\n\nChange one fact.\n\n{slips}")
    result = run_cli("check", "--format", "json", root=project)
    issues = [i for i in json.loads(result.out)["issues"] if i["rule"] == "structure.cards-place"]
    assert result.code == 1 and issues and ":title:" in issues[0]["message"], result.out
    _activity(project, f"### Activity: Follow the prints\n\nSort the cards.\n\n{steps}\n\nChange one fact.\n\n"
                       + slips.replace("{cards}\n", "{cards}\n:title: Change one fact\n"))
    assert run_cli("build", "cards", "guides", root=project).code == 0
    sheet = pdfs.pages(project / "build" / "cards" / "00-sample.en.pdf")
    assert len(sheet) == 2 and "Change one fact" not in sheet[0] and "Change one fact" in sheet[1]
    assert "Card 2 of 2" in sheet[0] and "Rosa has a green card." in sheet[1] and "Card 2 of 2" in sheet[1]
    plan = " ".join(" ".join(pdfs.pages(project / "build" / "guides" / "00-sample.en.pdf")).split())
    assert "Print the card sheet (4 cards" in plan and plan.count("Answer key, by card number") == 1


def test_cards_outside_an_activity_are_a_located_error(project):
    _activity(project, "### Activity: Follow the prints\n\nSort the cards.", ("activity",))
    path = project / "modules" / "00-sample" / "en.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["cells"][7]["source"] += "\n\n:::{cards}\n- Jail\n- FBI\n:::"
    path.write_text(json.dumps(nb, indent=1), encoding="utf-8")
    result = run_cli("check", "--format", "json", root=project)
    issues = [i for i in json.loads(result.out)["issues"] if i["rule"] == "structure.cards-place"]
    assert result.code == 1 and issues and issues[0]["place"].startswith("cell 8, line ")


def test_only_a_lesson_with_cards_gets_a_sheet_and_a_removed_list_takes_it_away(project):
    sheet = project / "build" / "cards" / "00-sample.en.pdf"
    page = project / "build" / "book" / "en" / "lessons" / "00-sample" / "index.html"
    assert run_cli("build", "cards", "book", root=project).code == 0
    assert not sheet.exists() and "cards.pdf" not in page.read_text(encoding="utf-8")
    notebook = project / "modules" / "00-sample" / "en.ipynb"
    without = notebook.read_text(encoding="utf-8")
    _activity(project, "### Activity: Follow the prints\n\nSort the cards.\n\n:::{cards}\n- **Jail.** Prints are taken.\n"
                       "- FBI\n:::\n\n**Debrief:** Who saw the data?")
    result = run_cli("build", "cards", "book", root=project)
    assert result.code == 0, result.err
    text = " ".join(pdfs.pages(sheet))
    assert "Jail" in text and "Prints are taken." in text and "FBI" in text and "Card 2 of 2" in text
    assert 'href="downloads/00-sample.en.cards.pdf"' in page.read_text(encoding="utf-8")
    assert (page.parent / "downloads" / "00-sample.en.cards.pdf").is_file()
    notebook.write_text(without, encoding="utf-8")  # the author takes the cards out again
    assert run_cli("build", "cards", "book", root=project).code == 0
    assert not sheet.exists() and "cards.pdf" not in page.read_text(encoding="utf-8")
    _activity(project, "### Activity: Sort\n\n:::{cards}\n- **One.** First.\n- **Two.** Second.\n:::\n")
    assert run_cli("build", "cards", "book", root=project).code == 0 and sheet.exists()
    notebook.write_text(without, encoding="utf-8")  # taken out again, and only the book rebuilt
    assert run_cli("build", "book", root=project).code == 0
    assert not sheet.exists() and "cards.pdf" not in page.read_text(encoding="utf-8")


def _sheets(build: Path) -> list[tuple[str, str, Path]]:
    return [(module_id, lang, build / "cards" / f"{module_id}.{lang}.pdf")
            for module_id in WITH_CARDS for lang in ("en", "es")]


def test_real_card_sheets_hold_every_card_in_large_type(real_build):
    curriculum = load_curriculum(ROOT)
    assert sorted(p.name for p in (real_build / "cards").glob("*.pdf")) == sorted(p.name for *_, p in _sheets(real_build))
    for module_id, lang, sheet in _sheets(real_build):
        module = next(m for m in curriculum.modules if (m.id, m.lang) == (module_id, lang))
        sets = [block for cell in module.card_activities for block in walk_blocks(cell.blocks) if isinstance(block, Cards)]
        cards = [card for block in sets for card in block.cards]
        assert tuple(len(b.cards) for b in sets) == WITH_CARDS[module_id], f"{module_id}.{lang}: as in English"
        pages = pdfs.pages(sheet)
        assert len(pages) == sum(math.ceil(len(b.cards) / CARDS_A_PAGE) for b in sets)  # a set starts a page
        text = " ".join(pages)
        label = words(lang)
        activity = module.card_activities[0].activity_name
        for card in cards:
            assert plain_text(card.title) in text, f"{module_id}.{lang}: card '{plain_text(card.title)}' missing"
        for block in sets:  # numbered, so a trainer can check a set is whole
            for n in range(1, len(block.cards) + 1):
                assert label.card_number.format(n=n, total=len(block.cards)) in text
        for page in pages:  # each page says what it is, small, at the top
            assert module.title in page and activity in page and label.one_set_per_group in page
        for block, page in zip(sets[1:], pages[1:]):  # a further set is named on its page
            assert block.title and block.title in page and plain_text(block.cards[0].title) in page
        assert "{src}" not in text and "[" not in text  # no citation marks on a cut-out card
        runs = pdfs.sized_text(sheet)
        title_sizes = [size for text_, size in runs if any(text_ == plain_text(c.title) for c in cards)]
        assert title_sizes and min(title_sizes) >= 16, f"{module_id}.{lang}: card titles at {title_sizes}"
        info = subprocess.run(["pdfinfo", str(sheet)], capture_output=True, text=True).stdout
        assert "Tagged:          yes" in info
    spanish = " ".join(pdfs.pages(real_build / "cards" / "01-secure-communities.es.pdf"))
    assert "Tarjeta 1 de 6" in spanish and "Arresto y fichaje" in spanish and "Card 1" not in spanish


def test_mixed_cards_are_not_printed_in_the_answer_order(real_build):
    """Module 01's cards are six steps to put in order: the sheet must not number them 1 to 6."""
    text = " ".join(pdfs.pages(real_build / "cards" / "01-secure-communities.en.pdf"))
    first = text.index("Card 1 of 6")
    assert text.index("Arrest and booking") > text.index("Card 2 of 6") > first


def test_lesson_plan_says_to_print_the_sheet(real_build):
    text = " ".join(" ".join(pdfs.pages(real_build / "guides" / "05-mobile-biometrics.es.pdf")).split()).replace("- ", "-")
    assert "Imprima la hoja de tarjetas (8 tarjetas, cards/05-mobile-biometrics.es.pdf)" in text
    plain = " ".join(pdfs.pages(real_build / "guides" / "02-287g.en.pdf"))
    assert "card sheet" not in plain


def test_lesson_plan_gives_the_answer_key_of_mixed_cards_by_printed_number(real_build):
    """01's step cards print out of order; its lesson plan lists the right order by the numbers
    printed on the sheet, so a trainer can check a group at a glance. 05's cards (printed in
    their written order) get no key."""
    import re

    sheet = " ".join(" ".join(pdfs.pages(real_build / "cards" / "01-secure-communities.es.pdf")).split())
    plan = " ".join(" ".join(pdfs.pages(real_build / "guides" / "01-secure-communities.es.pdf")).split())
    assert "Respuesta, por número de tarjeta:" in plan
    key = plan.split("Respuesta, por número de tarjeta:", 1)[1]
    pairs = re.findall(r"(\d) \(([^)]+)\)", key)[:6]
    assert [title for _, title in pairs][0] == "Arresto y fichaje" and pairs[-1][1] == "La cárcel responde"
    for number, title in pairs:  # on the sheet, a card's number is read right after its text
        after = sheet[sheet.index(title):]
        assert re.search(r"Tarjeta (\d) de 6", after).group(1) == number, title
    assert sorted(number for number, _ in pairs) == list("123456")
    assert [number for number, _ in pairs] != list("123456")
    assert "Answer key, by card number" not in " ".join(" ".join(pdfs.pages(real_build / "guides" / "05-mobile-biometrics.en.pdf")).split())


def test_run_of_show_lists_the_sheet_and_the_packet_leaves_it_out(real_build, tmp_path):
    root = tmp_path / "project"
    root.mkdir()
    (root / "modules").symlink_to(ROOT / "modules")
    (root / "workshops").mkdir()
    (root / "workshops" / "cards.yml").write_text('title: "Cards"\nstart: "18:30"\nlanguages: [en]\n'
                                                  "modules: [05-mobile-biometrics, 02-287g]\n", encoding="utf-8")
    result = run_cli("workshop", "cards", "--out", str(real_build), root=root)
    assert result.code == 0, result.err
    folder = real_build / "workshops" / "cards"
    run_of_show = " ".join(" ".join(pdfs.pages(folder / "run-of-show.pdf")).split()).replace("- ", "-")
    assert "Card sheet: Where does my face go?" in run_of_show
    assert "cards/05-mobile-biometrics.en.pdf" in run_of_show and "one set per group" in run_of_show
    assert "cards/02-287g" not in run_of_show
    packet = " ".join(pdfs.pages(folder / "packet.pdf"))
    assert "Card 1 of 8" not in packet  # the packet is read, the sheet is cut: it stays out


def test_the_activity_slide_names_the_cards_in_their_printed_order(real_build):
    """Where the line fits, the activity's slide names its cards, in the sheet's mixed order (the
    slide never shows the answer of an ordering activity)."""
    from pptx import Presentation

    module = next(m for m in load_curriculum(ROOT, ["03-ncic-and-nlets"]).modules if m.lang == "en")
    block = next(b for cell in module.card_activities for b in cell.blocks if hasattr(b, "printed"))
    printed = " · ".join(plain_text(c.title) for c in block.printed)
    written = " · ".join(plain_text(c.title) for c in block.cards)
    assert printed != written
    deck = Presentation(str(real_build / "slides" / "03-ncic-and-nlets.en.pptx"))
    texts = [" ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame) for slide in deck.slides]
    assert any(printed in text for text in texts)
    assert not any(written in text for text in texts)
    # A second set (01's "change one fact" slips) is named under the step that hands it out.
    deck = Presentation(str(real_build / "slides" / "01-secure-communities.en.pptx"))
    slips = next(b for cell in load_curriculum(ROOT, ["01-secure-communities"], "en").modules[0].card_activities
                 for b in walk_blocks(cell.blocks) if isinstance(b, Cards) and b.title)
    named = " · ".join(plain_text(c.title) for c in slips.printed)
    slide = next(s for s in deck.slides if any(sh.has_text_frame and named in sh.text_frame.text for sh in s.shapes))
    body = next(sh.text_frame for sh in slide.shapes if sh.has_text_frame and named in sh.text_frame.text)
    steps = [p for p in body.paragraphs if p.text.startswith("Now change one fact")]
    assert steps and next(p for p in body.paragraphs if p.text == named).level == steps[0].level + 1
