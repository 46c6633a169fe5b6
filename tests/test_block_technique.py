"""Occipital nerve block volumes and depths (headaches.block_technique) as published."""

from __future__ import annotations

import re

from anatomy import headaches
from anatomy.references import load_references


def _first_number(text: str) -> float:
    return float(re.search(r"\d+(?:\.\d+)?", text).group())


def test_every_row_has_a_value_with_a_unit_and_registered_sources():
    table = headaches.block_technique()
    assert len(table) >= 6
    refs = load_references()
    for row in table.itertuples():
        assert re.search(r"\d\s*(mm|mL)\b", row.value), row.item
        assert row.source_kind.strip(), row.item
        for key in row.reference.split(", "):
            assert key in refs, (row.item, key)


def test_depths_increase_from_the_block_site_to_deep_in_the_neck():
    """Subcutaneous at the nuchal line, 2 cm where it leaves and 3 cm where it enters
    semispinalis: each deeper point of the course lies deeper."""
    table = headaches.block_technique().set_index("item")
    depth = table[table.index.str.startswith("GON depth")]["value"].map(_first_number)
    classic, leaves, enters = (depth[[i for i in depth.index if word in i][0]]
                               for word in ("classic", "leaves", "enters"))
    assert classic < leaves < enters
    assert (classic, leaves, enters) == (6.8, 20.0, 30.0)


def test_volumes_are_a_few_millilitres_and_secondary_numbers_say_so():
    table = headaches.block_technique()
    volumes = table[table["item"].str.startswith("Volume")]
    assert len(volumes) >= 3
    for row in volumes.itertuples():
        assert 0 < _first_number(row.value) <= 5, row.value
    consensus = table[table["reference"] == "blumenfeld2013"].iloc[0]
    assert "summary" in consensus["note"]


def test_block_rows_feed_the_reference_check():
    pairs = headaches.reference_keys()
    assert any(where.startswith("block_technique[") for where, _ in pairs)
