"""The content checks a volunteer author relies on: warnings that do not stop a build, and
errors that do, each reported against the notebook cell."""
from __future__ import annotations

import json
from pathlib import Path

from .conftest import run_cli

NOTEBOOK = Path("modules") / "00-sample" / "en.ipynb"


def _edit(project: Path, change) -> None:
    path = project / NOTEBOOK
    nb = json.loads(path.read_text(encoding="utf-8"))
    change(nb)
    path.write_text(json.dumps(nb), encoding="utf-8")


def _issues(project: Path, *args: str) -> tuple[int, list[dict]]:
    result = run_cli("check", "--format", "json", *args, root=project)
    return result.code, json.loads(result.out)["issues"]


def _rules(issues):
    return {(i["rule"], i["place"]) for i in issues}


def test_the_fixture_passes_clean(project):
    code, issues = _issues(project)
    assert code == 0 and issues == []


def test_stale_review_is_a_warning_with_a_configurable_age(project):
    (project / "curriculum.yml").write_text("title: T\n", encoding="utf-8")  # default 180 days
    code, issues = _issues(project, "--today", "2027-06-01")
    assert code == 0
    assert ("currency.stale", "metadata 'untangle.last_reviewed'") in _rules(issues)
    (project / "curriculum.yml").write_text("title: T\nmax_review_age_days: 400\n", encoding="utf-8")
    assert _issues(project, "--today", "2027-06-01")[1] == []


def test_review_marks_are_listed(project):
    _edit(project, lambda nb: nb["cells"][7].update(source="## What you can do\n\nAsk for help. {review}`check the phone number` {src}`agency`"))
    code, issues = _issues(project)
    assert code == 0
    assert [i["rule"] for i in issues] == ["currency.marked-for-review", "currency.review-unsearched"]
    assert issues[0]["message"] == "marked for review: check the phone number"
    _edit(project, lambda nb: nb["cells"][7].update(
        source="## What you can do\n\nAsk for help. {review}`check the phone number; searched the city site in Dec 2026` {src}`agency`"))
    assert [i["rule"] for i in _issues(project)[1]] == ["currency.marked-for-review"]


def test_dated_facts_warn_when_old_and_fail_when_in_the_future(project):
    def dated(when: str):
        _edit(project, lambda nb: nb["cells"][7].update(
            source=f"## What you can do\n\n{{asof}}`As of then <{when}>`, 40 groups help {{src}}`agency`."))

    dated("2026-03")
    code, issues = _issues(project, "--today", "2026-12-05")
    assert code == 0
    assert [(i["rule"], i["place"]) for i in issues] == [("currency.fact-age", "cell 8, line 3")]
    assert '2026-03 ("As of then") is 279 days old (over 120)' in issues[0]["message"]
    dated("2026-10-20")
    assert _issues(project, "--today", "2026-12-05")[1] == []
    dated("2027-01")
    code, issues = _issues(project, "--today", "2026-12-05")
    assert code == 1 and [i["rule"] for i in issues] == ["currency.future-date"]


def test_a_bad_asof_date_is_a_located_error(project):
    _edit(project, lambda nb: nb["cells"][7].update(source="## What you can do\n\n{asof}`soon` {src}`agency`"))
    result = run_cli("check", root=project)
    assert result.code == 1
    assert "cell 8, line 3: error [load.markup] {asof} needs a date YYYY-MM or YYYY-MM-DD, not 'soon'" in result.out


def test_term_variants_from_the_term_list_are_flagged(project):
    (project / "modules" / "terms.en.yml").write_text(
        "legal help:\n  use: a lawyer or a DOJ-accredited representative\n  avoid: [legal helper]\n", encoding="utf-8")
    _edit(project, lambda nb: nb["cells"][7].update(source="## What you can do\n\nAsk a Legal Helper. {src}`agency`"))
    code, issues = _issues(project)
    assert code == 0
    assert [(i["rule"], i["place"]) for i in issues] == [("language.term-variant", "cell 8, line 3")]
    assert "write 'a lawyer or a DOJ-accredited representative' (terms.en.yml, line 1)" in issues[0]["message"]


def test_hard_text_and_long_sentences_are_warnings(project):
    hard = ("Notwithstanding jurisdictional heterogeneity, intergovernmental informational interoperability "
            "fundamentally necessitates comprehensive administrative accountability mechanisms and "
            "institutionalized procedural safeguards across overlapping bureaucratic organizations everywhere, "
            "particularly wherever municipal, county, state and federal authorities simultaneously exchange "
            "personally identifiable information. {src}`agency`")
    _edit(project, lambda nb: nb["cells"][7].update(source="## What you can do\n\n" + hard))
    code, issues = _issues(project)
    assert code == 0
    rules = _rules(issues)
    assert ("language.reading-grade", "participant text") in rules
    assert ("language.long-sentence", "cell 8, line 3") in rules


def _warned(project, text: str, rule: str) -> list[dict]:
    """The `rule` warnings once cell 8 holds `text` under its heading (and nothing is an error)."""
    _edit(project, lambda nb: nb["cells"][7].update(source="## What you can do\n\n" + text))
    code, issues = _issues(project)
    assert code == 0
    return [i for i in issues if i["rule"] == rule]


def test_a_quote_left_straight_is_a_located_warning(project):
    straight = _warned(project, "Say \"no\" and don't sign. D.C.'s card is one. {src}`agency`", "language.straight-quote")
    assert [(i["place"], "D.C.'s" in i["message"]) for i in straight] == [("cell 8, line 3", True)]  # only the one it cannot turn


def test_slide_overflow_is_reported_against_the_cell(project):
    bullets = "\n".join(f"- Bullet number {n}" for n in range(9)) + "\n- " + "a very long bullet " * 12
    _edit(project, lambda nb: nb["cells"][3].update(source=bullets))
    code, issues = _issues(project)
    assert code == 0
    assert ("slides.too-many-bullets", "cell 4") in _rules(issues)
    assert ("slides.overflow", "cell 4") in _rules(issues)


def test_handout_text_too_long_for_two_pages_is_an_error(project):
    long = " ".join(["Words that go on paper."] * 140)
    _edit(project, lambda nb: nb["cells"][7].update(source=f"## What you can do\n\n{long} {{src}}`agency`"))
    code, issues = _issues(project)
    assert code == 1
    assert ("handout.too-long", "cells tagged 'handout'") in _rules(issues)


def test_unlinked_acronym_and_unused_glossary_term(project):
    glossary = project / "modules" / "glossary.en.yml"
    glossary.write_text(glossary.read_text() + "DMV:\n  definition: The motor vehicle office.\nZZZ:\n  definition: Unused.\n")
    _edit(project, lambda nb: nb["cells"][7].update(source="## What you can do\n\nAsk the DMV. {src}`agency`"))
    code, issues = _issues(project)
    assert code == 0
    rules = _rules(issues)
    assert ("glossary.unlinked-acronym", "cell 8, line 3") in rules
    assert any(rule == "glossary.unused-term" and "'ZZZ'" in i["message"] for i in issues for rule in [i["rule"]])
    assert not any("'DMV' is not used" in i["message"] for i in issues)


def test_unknown_glossary_link_is_an_error(project):
    _edit(project, lambda nb: nb["cells"][7].update(source="## What you can do\n\nAsk {term}`a lawyer <lawyer>`. {src}`agency`"))
    code, issues = _issues(project)
    assert code == 1 and ("glossary.unknown-term", "cell 8, line 3") in _rules(issues)


def test_future_review_date_is_an_error(project):
    _edit(project, lambda nb: nb["metadata"]["untangle"].update(last_reviewed="2099-01-01"))
    code, issues = _issues(project)
    assert code == 1 and ("currency.future-date", "metadata 'untangle.last_reviewed'") in _rules(issues)


def test_check_of_the_real_curriculum_passes():
    result = run_cli("check")
    assert result.code == 0, result.out[-3000:]
    assert result.out.strip().splitlines()[-1].startswith("check passed")


def test_json_lists_each_module_with_its_reading_level(project):
    result = run_cli("check", "--format", "json", root=project)
    rows = json.loads(result.out)["modules"]
    assert [r["module"] for r in rows] == ["00-sample"]
    assert rows[0]["readability"]["formula"] == "flesch-kincaid-grade" and 0 < rows[0]["readability"]["score"] < 8
    assert rows[0]["minutes"] == 25 and rows[0]["sources"] == 2


def test_a_figure_without_a_citation_is_a_warning(project):
    flagged = _warned(project, "About 1,595 places took part.\n\nIn 2014 it ended on November 20. {src}`agency`",
                      "citations.uncited-figure")
    assert [i["place"] for i in flagged] == ["cell 8, line 3"]  # the year and the date are not counts


def test_a_translation_that_drifts_from_the_english_is_flagged(project):
    import shutil

    folder = project / "modules" / "00-sample"
    nb = json.loads((folder / "en.ipynb").read_text(encoding="utf-8"))
    nb["metadata"]["untangle"].update(lang="es", last_reviewed="2026-10-01")
    nb["cells"][8]["metadata"]["untangle"]["minutes"] = 12
    (folder / "es.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    shutil.copyfile(project / "modules" / "glossary.en.yml", project / "modules" / "glossary.es.yml")
    code, issues = _issues(project)
    assert code == 0
    flagged = {(i["file"], i["rule"], i["place"]) for i in issues if i["rule"].startswith("translation.")}
    es = "modules/00-sample/es.ipynb"
    assert flagged == {(es, "translation.behind", "metadata 'untangle.last_reviewed'"),
                       (es, "translation.cell", "cell 9")}


def test_a_source_described_two_ways_is_flagged(project):
    import shutil

    second = project / "modules" / "01-second"
    shutil.copytree(project / "modules" / "00-sample", second)
    nb = json.loads((second / "en.ipynb").read_text(encoding="utf-8"))
    nb["metadata"]["untangle"]["id"] = "01-second"
    nb["metadata"]["untangle"]["sources"][0]["date"] = "2018"
    (second / "en.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    code, issues = _issues(project)
    assert code == 0
    flagged = [i for i in issues if i["rule"] == "citations.inconsistent-source"]
    assert [(i["file"], i["place"]) for i in flagged] == [("modules/01-second/en.ipynb", "metadata 'untangle.sources[1]'")]
    assert "in 00-sample" in flagged[0]["message"]


def test_a_picture_no_notebook_uses_is_a_warning(project):
    import shutil

    images = project / "modules" / "00-sample" / "images"
    shutil.copyfile(images / "flow.png", images / "spare.png")
    code, issues = _issues(project)
    assert code == 0
    assert ("images.unused", "images/spare.png") in _rules(issues)
    assert ("images.unused", "images/flow.png") not in _rules(issues)
