"""The one record loader: bad data names the file, the record, the key and the choices."""

from __future__ import annotations

import pytest

from anatomy import headache_maps as hm
from anatomy import pain
from anatomy.records import Field, check_record, load_table

SCHEMA = {"label": Field(str), "weight": Field(float), "note": Field(str, required=False),
          "references": Field(list, required=False, references=True)}


def test_a_good_record_passes_and_ints_become_floats():
    rec = check_record({"label": "x", "weight": 1}, SCHEMA, "t")
    assert rec["weight"] == 1.0 and isinstance(rec["weight"], float)


@pytest.mark.parametrize("record, message", [
    ({"label": "x"}, r"t: missing key 'weight' \(float\)"),
    ({"label": "x", "weight": "heavy"}, r"t: weight = 'heavy' is not a float"),
    ({"label": "x", "weight": True}, r"t: weight = True is not a float"),
    ({"label": "x", "weight": 1.0, "colour": "red"},
     r"t: unknown key\(s\) \['colour'\]; valid keys: label, weight, note, references"),
    ({"label": "x", "weight": 1.0, "references": ["kim2019"]},
     r"t.references: Unknown reference key 'kim2019'.*Did you mean 'kim2018'"),
])
def test_bad_records_say_what_and_where(record, message):
    with pytest.raises(ValueError, match=message):
        check_record(record, SCHEMA, "t")


def test_a_missing_table_names_the_file(tmp_path):
    path = tmp_path / "data.toml"
    path.write_text("[other.a]\nlabel = 'x'\n")
    with pytest.raises(ValueError, match=r"data.toml: no \[drawings\] table; found \['other'\]"):
        load_table(path, "drawings", SCHEMA)
    path.write_text("[drawings\n")
    with pytest.raises(ValueError, match="data.toml: not valid TOML"):
        load_table(path, "drawings", SCHEMA)


def test_published_numbers_come_from_the_data_files():
    # the maps and the drawings are data (maps.toml, hotspots.toml), not Python
    assert hm.MAP_SPECS["migraine_without_aura"]["regions"][0] == (
        "eyes", 0.671, "Kelman 2005: eyes 67.1%")
    assert hm.KELMAN_HEMICRANIAL == 0.666
    assert hm.MAP_SPECS["migraine_with_aura"] is hm.MAP_SPECS["migraine_without_aura"]
    assert pain.PAIN_DRAWINGS["D"]["answer"] == "lon_neuralgia"
    import inspect

    source = inspect.getsource(hm) + inspect.getsource(pain)
    for number in ("0.671", "0.666", "22.6", "16.3"):
        assert number not in source, f"{number} is typed in code; its home is a data file"


def test_the_feature_matrix_is_data_and_checked(tmp_path, monkeypatch):
    from anatomy.headaches import data

    matrix = data.feature_matrix()
    assert matrix["cells"]["occipital_neuralgia"][5][0] == "required"  # criterion D: block
    text = data.HEADACHES_FILE.read_text(encoding="utf-8").replace(
        '{ status = "required", text = "LA block', '{ status = "needed", text = "LA block')
    bad = tmp_path / "headaches.toml"
    bad.write_text(text, encoding="utf-8")
    monkeypatch.setattr(data, "HEADACHES_FILE", bad)
    data.feature_matrix.cache_clear()
    try:
        with pytest.raises(ValueError, match="Unknown status .*'needed'.*required, option"):
            data.feature_matrix()
    finally:
        monkeypatch.undo()
        data.feature_matrix.cache_clear()


def test_headaches_records_reject_unknown_keys(tmp_path, monkeypatch):
    from anatomy.headaches import data

    text = data.HEADACHES_FILE.read_text(encoding="utf-8").replace(
        "[[physiotherapy]]\n", "[[physiotherapy]]\ncolour = \"red\"\n", 1)
    bad = tmp_path / "headaches.toml"
    bad.write_text(text, encoding="utf-8")
    monkeypatch.setattr(data, "HEADACHES_FILE", bad)
    data.load_headaches.cache_clear()
    try:
        with pytest.raises(ValueError,
                           match=r"physiotherapy\]\[0\]: unknown key\(s\) \['colour'\]"):
            data.load_headaches()
    finally:
        monkeypatch.undo()
        data.load_headaches.cache_clear()


def test_a_name_in_another_spelling_gets_that_name_alone():
    """'Case 1' for 'case_1' suggested three cases (case_1, case_6, case_5); 'drawing_a' for
    drawing 'A' suggested nothing."""
    from anatomy.conventions import check_choice, close_match_hint

    cases = [f"case_{k}" for k in range(1, 7)]
    for typed in ("Case 1", "case1", "CASE-1"):
        assert close_match_hint(typed, cases) == " Did you mean 'case_1'?"
    with pytest.raises(ValueError, match=r"'drawing_a'\. Did you mean 'A'\? Valid choices: A, B"):
        check_choice("drawing_a", ["A", "B", "C", "D"], "pain drawing")
    assert close_match_hint("rigth", ["left", "right"]) == " Did you mean 'right'?"
    assert close_match_hint("zzz", ["left", "right"]) == ""


def test_a_bad_finding_value_names_the_finding_first():
    from anatomy import headaches

    with pytest.raises(ValueError, match=r"^Unknown quality value 'shootin'\. Did you mean "
                                         r"'shooting'"):
        headaches.validate_findings({"quality": "shootin"})
