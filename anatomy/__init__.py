"""anatomy: the occipital neuralgia teaching kit's model of the head, nerves and pain.

Units are millimetres; +x is the subject's right, +y anterior, +z superior (see
``anatomy.conventions``). Educational material only, not a diagnostic tool.
"""

from anatomy.conventions import DISCLAIMER, SIDES
from anatomy.head import HeadModel, load_head
from anatomy.references import cite, get_reference

__all__ = ["DISCLAIMER", "SIDES", "HeadModel", "load_head", "cite", "get_reference"]
__version__ = "0.1.0"
