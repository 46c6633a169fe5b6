"""Names and colours shared by the headache figures."""

from __future__ import annotations

from anatomy.viz import style

__all__ = ["OI", "SHORT"]

OI = style.OKABE_ITO
SHORT = {"occipital_neuralgia": "Occipital neuralgia", "migraine_without_aura": "Migraine",
         "migraine_with_aura": "Migraine with aura", "tension_type": "Tension-type",
         "cervicogenic": "Cervicogenic"}
