"""anatomy: the occipital neuralgia teaching kit's model of the head, nerves and pain.

Units are millimetres; +x is the subject's right, +y anterior, +z superior (see
``anatomy.conventions``). Educational material only, not a diagnostic tool.

Heavier modules (nerves, structures, pain, headaches) load on first use, so
``import anatomy`` stays fast.
"""

from anatomy.conventions import DISCLAIMER, SIDES
from anatomy.head import HeadModel, load_head
from anatomy.references import cite, get_reference

__all__ = ["DISCLAIMER", "SIDES", "HeadModel", "load_head", "cite", "get_reference",
           "nerve", "hotspots", "pain_field", "territories", "check_criteria",
           "comparison_table"]
__version__ = "0.1.0"

_LAZY = {"nerve": "anatomy.nerves", "hotspots": "anatomy.pain",
         "pain_field": "anatomy.pain", "territories": "anatomy.pain",
         "check_criteria": "anatomy.headaches", "comparison_table": "anatomy.headaches"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'anatomy' has no attribute {name!r}")
