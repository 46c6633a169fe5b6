"""Students turn a case story into findings themselves, then compare with the kit's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from anatomy import headaches

ROOT = Path(__file__).resolve().parents[1]
CASES = list(headaches.vignettes().index)


def _run(src: str) -> dict:
    namespace: dict = {}
    exec(compile(src, "<template>", "exec"), namespace)  # noqa: S102 - the kit's own source
    return namespace["my_findings"]


@pytest.mark.parametrize("case_id", CASES)
def test_blank_names_every_key_of_the_case_but_no_value(case_id):
    kit = headaches.vignettes().at[case_id, "findings"]
    blank = _run(headaches.findings_template(case_id))
    assert set(blank) == set(kit)
    assert all(v is Ellipsis for v in blank.values())
    check = headaches.compare_findings(blank, case_id)
    assert check["agree"].isna().all() and (check["yours"] == headaches.practice.NOT_FILLED).all()


@pytest.mark.parametrize("case_id", CASES)
def test_filled_template_agrees_with_the_kit_and_a_change_is_caught(case_id):
    filled = _run(headaches.findings_template(case_id, filled=True))
    assert headaches.compare_findings(filled, case_id)["agree"].all()
    key = next(k for k, v in filled.items() if isinstance(v, bool))
    filled[key] = not filled[key]
    check = headaches.compare_findings(filled, case_id)
    assert check.loc[key, "agree"] is False or check.loc[key, "agree"] == False  # noqa: E712
    assert check["agree"].sum() == len(check) - 1


def test_choice_lists_compare_without_order():
    case_id = next((c for c in CASES if isinstance(
        headaches.vignettes().at[c, "findings"].get("aura_symptoms"), list)), None)
    if case_id is None:
        pytest.skip("no case lists aura symptoms")
    filled = _run(headaches.findings_template(case_id, filled=True))
    filled["aura_symptoms"] = list(reversed(filled["aura_symptoms"]))
    assert headaches.compare_findings(filled, case_id)["agree"].all()


def test_bad_input_names_the_value_and_the_choices():
    with pytest.raises(ValueError, match="Unknown finding 'agee'.*age_years"):
        headaches.compare_findings({"agee": 40}, CASES[0])
    with pytest.raises(ValueError, match="Unknown case 'case_99'.*case_01"):
        headaches.compare_findings({}, "case_99")
    with pytest.raises(ValueError, match="intensity"):
        headaches.compare_findings({"intensity": "awful"}, CASES[0])
    with pytest.raises(ValueError, match="dict"):
        headaches.compare_findings(["age_years"], CASES[0])


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def test_notebook_03_cases_ask_for_findings_before_the_checker():
    student = _cells(ROOT / "notebooks" / "03_headache_comparison.ipynb")
    teacher = _cells(ROOT / "notebooks" / "instructor" / "03_headache_comparison.ipynb")
    blanks = [k for k, c in enumerate(student) if "findings-template" in
              c["metadata"].get("tags", [])]
    assert len(blanks) == 6
    for k in blanks:
        case_id = student[k]["metadata"]["kit_case"]
        assert "...," in "".join(student[k]["source"])
        # the screen has a slide of its own: its prompt, then the screen
        compare, prompt, screen = student[k + 1], student[k + 2], student[k + 3]
        assert "*Screen first:*" in "".join(prompt["source"])
        assert f"compare_findings(my_findings, '{case_id}')" in "".join(compare["source"])
        assert not compare.get("outputs"), "the comparison shows the kit's values: unrun"
        assert "red_flag_screen" in "".join(screen["source"])
        checker = next(c for c in student[k:] if "check_all" in "".join(c["source"]))
        assert not checker.get("outputs")
        filled = "".join(teacher[k]["source"])
        assert "...," not in filled and _run(filled) == _run(
            headaches.findings_template(case_id, filled=True))
        out = "".join(teacher[k + 1]["outputs"][0]["text"])
        assert out.startswith(f"{len(_run(filled))} of {len(_run(filled))} findings agree")
