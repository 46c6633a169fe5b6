"""Bones: atlas, axis, C3, C4-C7, the occipital bone, the mastoid processes and the mandible.

The builders live in ``vertebrae`` (C1-C3 from published morphometry, C4-C7 built like
C3) and ``skull`` (the vault from the skin and soft-tissue depths, mastoid, mandible);
this module keeps the names the assembly uses.
"""

from __future__ import annotations

from anatomy.structures import skull, vertebrae

__all__: list[str] = []  # internals of the package: nothing public of its own


def _atlas():
    """C1 mesh and named points."""
    mesh, pts, _ = vertebrae.atlas()
    return mesh, pts


def _axis():
    """C2 mesh and named points."""
    return vertebrae.axis()


def _c3():
    """C3 mesh and named points."""
    return vertebrae.c3()


def _lower_cervical():
    """C4-C7 mesh (one bone structure of four vertebrae) and named points."""
    return vertebrae.lower_cervical()


def _occipital_bone():
    """Occipital bone mesh, named points and the attachment grid ``bone``."""
    return skull.occipital_bone()


def _mastoid():
    """Right mastoid process mesh and named points."""
    return skull.mastoid()


def _mandible():
    """Mandible mesh and named points."""
    return skull.mandible()
