"""Tests for the bibliography registry (anatomy/data/references.toml) and its loader."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from anatomy import references
from anatomy.references import (
    EVIDENCE_LEVELS,
    REQUIRED_FIELDS,
    bibliography,
    check_keys,
    cite,
    get_reference,
    load_references,
)

DOI_RE = re.compile(r"^10\.\d{4,9}/\S+$")

# Keys that notebooks and data files are expected to use (from the project brief).
EXPECTED_KEYS = {
    "ichd3_2018", "ichd3_beta_2013", "danish_headache_2020", "kim2018", "mosser2004",
    "loukas2006", "tubbs2007", "tubbs2014", "shim2011", "greher2010",
    "won2018", "janis2010a", "janis2010b", "bovim1991", "natsis2006", "kwon2018",
    "gon_depth_prospective", "lee2013", "dash2005", "saglam2024",
    "bartsch2002", "bartsch2003", "piovesan2001", "busch2007", "bogduk2009",
    "travell_simons1983", "fernandez2006",
    "calandre2006", "chatchawan2019", "kelman2005", "rasmussen1992", "akershus2014",
    "on_clinic2021", "kuhn1997", "koopman2009",
    "statpearls_occipital_nerves", "nysora_gon", "brown_atlas2006",
    "grays1918", "dartmouth_anatomy",
    "ashwini2012", "okumus2022", "pheasant_bodyspace",
    "occ_c4_2020", "mne_standard1020", "makehuman_cc0",
    "jasper1958", "ta2_terminologia",
    # management and red flags
    "barmherzig2019", "dougherty2014", "blumenfeld2013", "kapural2007", "weiner1999",
    "do2019",
    # issue 17: trials, meta-analyses, dissection, dermatomes
    "cohen2015", "zhang2018", "tang2017", "mustafa2024", "velasquez2022", "lyrer2014",
    "dziewas2003", "rushton2023", "lee2008_dermatomes", "kit_lon_block_marker", "star1992",
    "choi2016", "jull2002", "amirlak2020",
}


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test sees the registry file it expects, not a cached one."""
    load_references.cache_clear()
    yield
    load_references.cache_clear()


@pytest.fixture
def registry_at(tmp_path, monkeypatch):
    """Write TOML text to a temporary registry and point the loader at it."""

    def _write(text: str):
        path = tmp_path / "references.toml"
        path.write_text(text, encoding="utf-8")
        monkeypatch.setattr(references, "REFERENCES_FILE", path)
        load_references.cache_clear()
        return path

    return _write


# --- the real registry ------------------------------------------------------


def test_registry_loads_with_all_expected_keys():
    refs = load_references()
    missing = EXPECTED_KEYS - set(refs)
    assert not missing, f"registry lacks {sorted(missing)}"
    assert all(key == ref.key for key, ref in refs.items())


@pytest.mark.parametrize("key", sorted(EXPECTED_KEYS))
def test_entry_basic_fields(key):
    ref = get_reference(key)
    assert isinstance(ref.year, int) and not isinstance(ref.year, bool)
    assert 1900 <= ref.year <= 2026, f"{key}: implausible year {ref.year}"
    assert ref.authors.strip(), f"{key}: empty authors"
    assert ref.title.strip(), f"{key}: empty title"
    assert ref.evidence in EVIDENCE_LEVELS


def test_every_entry_is_well_formed():
    for key, ref in load_references().items():
        assert re.fullmatch(r"[a-z][a-z0-9_]*", key), f"bad key {key!r}"
        assert 1900 <= ref.year <= 2026, key
        assert ref.authors.strip() and ref.title.strip(), key
        assert ref.evidence in EVIDENCE_LEVELS, key
        if ref.doi:
            assert DOI_RE.match(ref.doi), f"{key}: malformed DOI {ref.doi!r}"
        if ref.pmid:
            assert ref.pmid.isdigit(), f"{key}: PMID must be digits, got {ref.pmid!r}"
        if ref.url:
            assert ref.url.startswith(("https://", "http://")), key


def test_dois_are_unique():
    dois = [ref.doi.lower() for ref in load_references().values() if ref.doi]
    assert len(dois) == len(set(dois))


def test_in_text_labels_are_unique():
    """Two entries must never print the same citation (e.g. Janis 2010a vs 2010b)."""
    shorts = [ref.short for ref in load_references().values()]
    dupes = {s for s in shorts if shorts.count(s) > 1}
    assert not dupes, f"ambiguous labels: {sorted(dupes)}"


def test_unverified_entries_say_so():
    """Secondary and derived entries must explain themselves."""
    for key, ref in load_references().items():
        if ref.evidence in ("S2", "D"):
            assert ref.note.strip(), f"{key}: evidence {ref.evidence} needs a note"


def test_cite_author_year_and_organisation_labels():
    assert cite("kim2018") == "Kim et al. 2018"
    assert cite("kelman2005") == "Kelman 2005"  # single author: no "et al."
    assert cite("ichd3_2018") == "ICHD-3 2018"  # organisation: label, not "Headache 2018"
    assert cite("kim2018", "won2018") == "Kim et al. 2018; Won et al. 2018"


def test_ichd3_and_snnoop10_citations():
    ichd = get_reference("ichd3_2018")
    assert ichd.doi == "10.1177/0333102417738202"
    assert ichd.volume_pages == "38(1):1-211"
    assert ichd.link == "https://doi.org/10.1177/0333102417738202"
    assert "SNNOOP10" in get_reference("do2019").title


def test_tubbs2014_flags_unverified_journal():
    assert "not confirmed" in get_reference("tubbs2014").note.lower()


def test_unknown_key_suggests_close_match():
    with pytest.raises(ValueError) as err:
        get_reference("kim2019")
    assert "kim2019" in str(err.value)
    assert "kim2018" in str(err.value)


def test_check_keys_names_the_record():
    check_keys(["kim2018", "lee2013"], "gon_path.csv row 3")  # known keys pass
    with pytest.raises(ValueError, match=r"gon_path\.csv row 3.*'dash2006'.*'dash2005'"):
        check_keys("dash2006", "gon_path.csv row 3")


def test_bibliography_lists_each_key_once_in_order():
    text = bibliography(["lee2013", "kim2018", "lee2013"])
    lines = text.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith('- <a id="ref-lee2013"></a>**Lee et al. 2013.**')
    assert "https://doi.org/10.1038/s41598-018-19249-6" in lines[1]


# --- the loader's error handling --------------------------------------------

GOOD_ENTRY = '''
[org2020]
authors = "Some Committee of Some Society"
label = "SC 2020"
year = 2020
title = "A title"
evidence = "S"

[solo1999]
authors = "Solo AB"
year = 1999
title = "Another title"
evidence = "S2"
'''


def test_label_used_only_when_given(registry_at):
    registry_at(GOOD_ENTRY)
    assert cite("org2020") == "SC 2020"
    assert cite("solo1999") == "Solo 1999"


def test_malformed_toml_names_the_file(registry_at):
    path = registry_at('[broken]\nauthors = "unterminated\nyear = 2020\n')
    with pytest.raises(ValueError, match="not valid TOML") as err:
        load_references()
    assert str(path) in str(err.value)


@pytest.mark.parametrize("field", REQUIRED_FIELDS)
def test_missing_required_field_names_key_and_field(registry_at, field):
    org_part, solo_part = GOOD_ENTRY.split("[solo1999]")
    solo_part = "\n".join(
        line for line in solo_part.splitlines() if not line.startswith(f"{field} =")
    )
    registry_at(org_part + "[solo1999]" + solo_part)  # org2020 stays valid
    with pytest.raises(ValueError) as err:
        load_references()
    assert "'solo1999'" in str(err.value)
    assert field in str(err.value)


def test_invalid_evidence_rejected(registry_at):
    registry_at(GOOD_ENTRY.replace('evidence = "S2"', 'evidence = "M"'))
    with pytest.raises(ValueError, match=r"'solo1999'.*'M'"):
        load_references()


def test_missing_registry_file(tmp_path, monkeypatch):
    monkeypatch.setattr(references, "REFERENCES_FILE", tmp_path / "nope.toml")
    with pytest.raises(FileNotFoundError, match="nope.toml"):
        load_references()


def test_formatted_citations_have_no_doubled_full_stops():
    refs = load_references()
    doubled = [k for k, r in refs.items() if ".." in r.formatted().replace("...", "")]
    assert not doubled, doubled
    assert refs["pheasant_bodyspace"].formatted().startswith(
        "Pheasant S. Bodyspace: Anthropometry, Ergonomics and the Design of Work. 2nd ed. London")


# --- journal standard (issue 17) ---------------------------------------------

BANNED_PHRASES = ("authors not verified", "year unverified", "(exact title not verified)",
                  "institution not identified", "n.d.")
MIRROR_OR_PRACTICE_SITES = ("clinicalgate", "aneskey", "fpnotebook", "nerveblock.app",
                            "dallastmjdr", "wikidoc", "droracle", "worldtrichology",
                            # commercial clinical summaries and therapists' or teaching
                            # sites the trigger-point maps and cervical plexus once rested on
                            "medlink", "myofascialtherapy", "namtpt",
                            "trigger point therapists", "ultrasound for regional anesthesia")
LOOKUP_WORDS = ("/work", "search tool", "with search", "facts file", "project brief",
                "clinical-anatomy-facts", "research notes")
# Known gaps, listed so that they stay visible and cannot grow unnoticed. Each needs an
# identifier (DOI, PMID, ISBN or URL) or author names that could not be confirmed.
AUTHORS_MISSING = {"on_clinic2021"}
NO_IDENTIFIER = {
    "loukas2006", "tubbs2007",
    "brown_atlas2006",
}
# The kit's own derivations: no identifier exists; they must say they are the kit's.
KIT_DERIVED = {"kit_mni_derived", "kit_nerve_model", "kit_lon_block_marker"}
# What a note must name when an identifier is missing.
MISSING_ID_RE = re.compile(r"\b(no|not|missing)\b.*\b(DOI|PMID|ISBN|URL)\b|"
                           r"\b(DOI|PMID|ISBN|URL)\b.*\b(missing|not (shown|given|confirmed))\b",
                           re.IGNORECASE)


def _all_text(ref):
    return " ".join(str(getattr(ref, f)) for f in ref.__dataclass_fields__)


def test_no_banned_phrases_anywhere():
    for key, ref in load_references().items():
        text = _all_text(ref).lower()
        for phrase in BANNED_PHRASES:
            assert phrase not in text, f"{key}: contains {phrase!r}"


def test_banned_phrase_check_catches_them(registry_at):
    registry_at(GOOD_ENTRY.replace('label = "SC 2020"', 'label = "SC, n.d."'))
    text = " ".join(_all_text(r).lower() for r in load_references().values())
    assert "n.d." in text  # the check above would fail on this registry


def test_no_double_full_stops_in_any_field():
    for key, ref in load_references().items():
        for field in ("authors", "title", "journal", "volume_pages", "note", "label"):
            value = getattr(ref, field).replace("...", "")
            assert ".." not in value, f"{key}.{field} has a double full stop"
        assert ".." not in ref.formatted().replace("...", ""), key


def test_no_mirror_or_practice_sites():
    for key, ref in load_references().items():
        text = " ".join((key, ref.authors, ref.title, ref.url, ref.label)).lower()
        for site in MIRROR_OR_PRACTICE_SITES:
            assert site not in text, f"{key}: cites {site}"


def test_mirror_site_check_catches_them(registry_at):
    registry_at(GOOD_ENTRY.replace('title = "A title"', 'title = "A title"\nurl = "https://www.medlink.com/"'))
    ref = load_references()["org2020"]
    text = " ".join((ref.key, ref.authors, ref.title, ref.url, ref.label)).lower()
    assert any(site in text for site in MIRROR_OR_PRACTICE_SITES)


def test_notes_speak_of_sources_not_lookups():
    for key, ref in load_references().items():
        for word in LOOKUP_WORDS:
            assert word not in ref.note.lower(), f"{key}: note mentions {word!r}"


def _isbn_ok(isbn: str) -> bool:
    """ISBN-10 or ISBN-13 check digit (hyphens and spaces ignored)."""
    s = isbn.replace("-", "").replace(" ", "").upper()
    if len(s) == 10 and s[:9].isdigit() and (s[9].isdigit() or s[9] == "X"):
        digits = [int(c) for c in s[:9]] + [10 if s[9] == "X" else int(s[9])]
        return sum((10 - i) * d for i, d in enumerate(digits)) % 11 == 0
    if len(s) == 13 and s.isdigit():
        return sum((3 if i % 2 else 1) * int(c) for i, c in enumerate(s)) % 10 == 0
    return False


def test_isbns_and_pmids_are_well_formed():
    for key, ref in load_references().items():
        if ref.isbn:
            assert _isbn_ok(ref.isbn), f"{key}: ISBN {ref.isbn} fails its check digit"
        if ref.pmid:
            assert ref.pmid.isdigit() and 6 <= len(ref.pmid) <= 9, f"{key}: PMID {ref.pmid}"
        if ref.doi:
            assert ref.doi.startswith("10.") and "/" in ref.doi, f"{key}: DOI {ref.doi}"


def test_isbn_check_catches_a_typo():
    assert _isbn_ok("068308366X") and _isbn_ok("978-0-306-40615-7")
    assert not _isbn_ok("0683083661") and not _isbn_ok("978-0-306-40615-8")


def test_every_entry_has_authors_year_title_venue():
    for key, ref in load_references().items():
        assert ref.authors.strip() and ref.title.strip() and ref.year, key
        assert ref.journal.strip(), f"{key}: no venue (journal, publisher or web site)"
        if key in AUTHORS_MISSING:
            assert "must be added" in ref.note, key


def test_every_entry_has_an_identifier_or_is_a_listed_gap():
    refs = load_references()
    assert NO_IDENTIFIER <= set(refs), sorted(NO_IDENTIFIER - set(refs))
    assert KIT_DERIVED <= set(refs), sorted(KIT_DERIVED - set(refs))
    for key, ref in refs.items():
        has_id = bool(ref.doi or ref.pmid or ref.isbn or ref.url)
        if key in NO_IDENTIFIER:
            assert not has_id, f"{key} now has an identifier: remove it from NO_IDENTIFIER"
        elif key not in KIT_DERIVED:
            assert has_id, f"{key}: needs a DOI, PMID, ISBN or URL"


@pytest.mark.parametrize("key", sorted(NO_IDENTIFIER))
def test_missing_identifier_is_explained(key):
    """A listed gap says which identifier is missing and what was checked."""
    note = get_reference(key).note
    assert MISSING_ID_RE.search(note), f"{key}: note does not say which identifier is missing"
    assert re.search(r"\b(checked|read|taken|used for)\b", note, re.IGNORECASE), key


def test_missing_identifier_check_catches_a_bare_note():
    assert not MISSING_ID_RE.search("Checked against the abstract.")
    assert MISSING_ID_RE.search("No DOI or PMID was shown on the records consulted.")


def test_kit_derivations_are_labelled_as_the_kits_own():
    refs = load_references()
    derived = {k for k, r in refs.items() if r.evidence == "D"}
    assert derived == KIT_DERIVED, sorted(derived ^ KIT_DERIVED)
    for key in KIT_DERIVED:
        ref = refs[key]
        assert ref.authors == "This teaching kit", key
        assert re.search(r"\b(this kit|derived)\b", ref.label), key
        assert ref.journal == "Occipital neuralgia teaching kit", key
        assert re.search(r"\b(derived|placed by the kit|teaching rule)\b", ref.note,
                         re.IGNORECASE), key
        assert not (ref.doi or ref.pmid or ref.isbn or ref.url), key
        assert not re.search(r"[\w.-]+/[\w./-]+\.(toml|py|csv|json|npz)\b", ref.note), (
            f"{key}: note names a file path")


def test_journal_articles_give_volume_or_say_it_is_missing():
    """A journal article (it has a DOI) gives its volume and pages, or the note says so."""
    for key, ref in load_references().items():
        if ref.doi and not ref.volume_pages and not ref.journal.startswith("In:"):
            assert "volume" in ref.note.lower(), f"{key}: no volume/pages and no note on it"


def test_unconfirmed_journals_are_flagged():
    for key in ("tubbs2014", "bovim1991"):
        assert "not confirmed" in get_reference(key).note.lower(), key


def test_web_pages_have_an_access_date():
    for key, ref in load_references().items():
        is_web = ref.url and not (ref.doi or ref.pmid or ref.volume_pages or ref.isbn)
        if is_web and ref.evidence != "D":
            assert ref.accessed, f"{key}: web page without an access date"
            assert f"Accessed {ref.accessed}." in ref.formatted()


# --- what the data rests on (issue 17) ----------------------------------------

# Clinical-summary services and anatomy apps: no map region, territory, hot spot, nerve
# course or structure may rest on them (cite the book or paper itself).
APP_OR_SUMMARY_PAGES = ("best practice", "bestpractice", "complete anatomy", "3d4medical")


def _keys_in(node, known: set[str]) -> set[str]:
    """Every registry key named anywhere in a parsed data file."""
    if isinstance(node, dict):
        return set().union(*(_keys_in(v, known) for v in node.values())) if node else set()
    if isinstance(node, list):
        return set().union(*(_keys_in(v, known) for v in node)) if node else set()
    return {node} if isinstance(node, str) and node in known else set()


def _data_keys() -> dict[str, set[str]]:
    import tomllib

    from anatomy.conventions import REFERENCES_FILE as registry

    known = set(load_references())
    return {path.name: _keys_in(tomllib.loads(path.read_text(encoding="utf-8")), known)
            for path in sorted(registry.parent.glob("*.toml")) if path != registry}


def _app_or_summary(ref) -> bool:
    text = " ".join((ref.key, ref.authors, ref.title, ref.journal, ref.url, ref.label)).lower()
    return any(marker in text for marker in APP_OR_SUMMARY_PAGES)


def test_data_does_not_rest_on_app_or_summary_pages():
    refs = load_references()
    used = _data_keys()
    assert used["maps.toml"] and used["nerves.toml"] and used["territories.toml"]
    for name, keys in used.items():
        bad = sorted(k for k in keys if _app_or_summary(refs[k]))
        assert not bad, f"{name} cites app or summary pages: {bad}"


def test_app_page_check_catches_them():
    refs = load_references()
    app = SimpleNamespace(key="some_app", authors="Elsevier", title="Complete Anatomy",
                          journal="", url="https://3d4medical.com/", label="")
    assert _app_or_summary(app)
    assert not _app_or_summary(refs["grays1918"]) and not _app_or_summary(refs["kim2018"])
    assert _keys_in({"zones": [["lower_occiput", 0.85, "x"]], "ref": "kim2018"},
                    set(refs)) == {"kim2018"}


def test_tension_type_map_rests_on_the_classification():
    import tomllib

    from anatomy.conventions import REFERENCES_FILE as registry

    maps = tomllib.loads((registry.parent / "maps.toml").read_text(encoding="utf-8"))
    tth = maps["conditions"]["tension_type"]
    assert tth["references"] == ["ichd3_2018"]
    for row in tth["regions"]:
        assert row["basis"].startswith("ICHD-3"), row
    assert "kit's drawing" in tth["caption"]


def _is_web_page(ref) -> bool:
    return bool(ref.url) and not (ref.doi or ref.pmid or ref.isbn or ref.volume_pages)


def test_trigger_point_maps_rest_on_papers_and_books():
    """Every zone of a myofascial pattern, and every pattern reference, is a paper or a book."""
    import tomllib

    from anatomy.conventions import REFERENCES_FILE as registry

    refs = load_references()
    data = tomllib.loads((registry.parent / "hotspots.toml").read_text(encoding="utf-8"))
    myofascial = {name: p for name, p in data["patterns"].items()
                  if "trigger point" in p["condition"]}
    assert {"upper_trapezius", "scm_sternal", "scm_clavicular", "suboccipital"} <= set(myofascial)
    for name, pattern in myofascial.items():
        keys = set(pattern["references"]) | {zone[3] for zone in pattern["zones"]}
        for key in keys:
            assert not _is_web_page(refs[key]), f"{name} rests on the web page {key}"
    assert _is_web_page(SimpleNamespace(url="https://x.org/", doi="", pmid="", isbn="",
                                        volume_pages=""))
