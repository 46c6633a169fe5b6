"""The criteria of each condition as rules over validated findings (see checker.py)."""

from __future__ import annotations

import math

from anatomy.headaches.logic import _among, _and, _between, _Check, _custom, _has, _judge, _not, _or

__all__ = ["CHECKED_IDS", "RULES", "SUBTYPES"]


def _on(f: dict, t: dict) -> dict:
    return {
        "A": _judge([_has(f, "pain_in_occipital_nerve_distribution", label="occipital territory")]),
        "B": _judge([_has(f, "paroxysmal", label="paroxysms of seconds to minutes"),
                     _among(f, "intensity", t["b_severe"], "severe"),
                     _among(f, "quality", t["b_qualities"], "shooting/stabbing/sharp")],
                    t["b_min_features"]),
        "C": _judge([_has(f, "allodynia", label="(1) dysaesthesia/allodynia"),
                     _has(f, "nerve_tenderness", label="(2) nerve tenderness/trigger points")]),
        "D": _judge([_has(f, "relieved_by_nerve_block", label="eased by anaesthetic block")]),
    }


def _pulsating(f: dict) -> bool | None:
    if "pulsating" in f:
        return f["pulsating"]
    return f["quality"] == "pulsating" if "quality" in f else None


def _migraine_duration(f: dict, t: dict) -> tuple:
    if "duration_hours" not in f:
        return _judge([_custom("duration", None, ("duration_hours",))])
    h, age = f["duration_hours"], f.get("age_years")
    low, kid_low, high = t["min_hours"], t["min_hours_under_18"], t["max_hours"]
    text = f"duration_hours={h:g} (needs {low:g} to {high:g}; {kid_low:g} to {high:g} if age < " \
           f"{t['adult_age_years']})"
    if low <= h <= high or not kid_low <= h <= high:
        return _judge([_custom(text, low <= h <= high)])
    if age is None:
        return _judge([_custom(text + " - meets B only under 18", None, ("age_years",))])
    return _judge([_custom(f"{text}, age_years={age:g}", age < t["adult_age_years"])])


def _migraine(f: dict, t: dict) -> dict:
    pulsating = _pulsating(f)
    nausea = _or(None if "nausea" not in f else f["nausea"] != "none", f.get("vomiting"))
    missing_nv = tuple(k for k in ("nausea", "vomiting") if k not in f)
    light_sound = _judge([_has(f, "photophobia"), _has(f, "phonophobia")])
    return {
        "A": _judge([_custom(f"attacks={f.get('attacks')} (needs >= {t['min_attacks']})",
                             f["attacks"] >= t["min_attacks"] if "attacks" in f else None,
                             ("attacks",))]),
        "B": _migraine_duration(f, t),
        "C": _judge([_has(f, "unilateral", label="one-sided"),
                     _custom("pulsating" if pulsating is None else f"pulsating={pulsating}",
                             pulsating, ("pulsating",)),
                     _among(f, "intensity", t["c_intensities"], "moderate or severe"),
                     _has(f, "aggravated_by_activity", label="worse with routine activity")],
                    t["c_min_features"]),
        "D": _judge([_custom(f"nausea and/or vomiting (nausea={f.get('nausea')!r}, "
                             f"vomiting={f.get('vomiting')!r})", nausea, missing_nv),
                     _custom("photophobia and phonophobia", light_sound[0], light_sound[2])], 1),
    }


def _aura_duration(f: dict, t: dict) -> _Check:
    if "aura_duration_minutes" not in f:
        return _custom("(3) each symptom 5-60 min", None, ("aura_duration_minutes",))
    values = f["aura_duration_minutes"]
    values = values if isinstance(values, list) else [values]
    motor = "motor" in f.get("aura_symptoms", [])
    high = t["motor_aura_max_minutes"] if motor else t["aura_max_minutes"]
    ok = all(t["aura_min_minutes"] <= v <= high for v in values)
    return _custom(f"(3) each symptom {t['aura_min_minutes']:g}-{high:g} min: "
                   f"aura_duration_minutes={values}", ok)


def _migraine_with_aura(f: dict, t: dict) -> dict:
    if f.get("aura") is False:
        b = _judge([_has(f, "aura", label="aura present")])
    else:
        kinds = f.get("aura_symptoms")
        b = _judge([_has(f, "aura", label="aura present"),
                    _custom(f"at least {t['b_min_symptoms']} aura symptom: aura_symptoms={kinds}",
                            None if kinds is None else len(kinds) >= t["b_min_symptoms"],
                            ("aura_symptoms",)),
                    _has(f, "aura_fully_reversible", label="fully reversible")])
    return {
        "A": _judge([_custom(f"attacks={f.get('attacks')} (needs >= {t['min_attacks']})",
                             f["attacks"] >= t["min_attacks"] if "attacks" in f else None,
                             ("attacks",))]),
        "B": b,
        "C": _judge([_has(f, "aura_spreads_over_5_min", label="(1) spreads over >= 5 min"),
                     _has(f, "aura_symptoms_in_succession", label="(2) in succession"),
                     _aura_duration(f, t),
                     _has(f, "aura_unilateral", label="(4) one-sided"),
                     _has(f, "aura_positive", label="(5) positive"),
                     _has(f, "headache_within_60_min_of_aura", label="(6) headache within 60 min")],
                    t["c_min_features"]),
    }


def _tth_band(f: dict, t: dict) -> str | None:
    if "days_per_month" not in f:
        return None
    d = f["days_per_month"]
    return ("infrequent" if d < t["infrequent_below_days"]
            else "chronic" if d >= t["chronic_from_days"] else "frequent")


def _tth_rules(f: dict, t: dict, band: str) -> dict:
    months = t["history_more_than_months"]
    checks = [] if band == "chronic" else [
        _custom(f"attacks={f.get('attacks')} (needs >= {t['min_episodes']})",
                f["attacks"] >= t["min_episodes"] if "attacks" in f else None, ("attacks",))]
    d = f["days_per_month"]
    band_text = {"infrequent": f"< {t['infrequent_below_days']:g}",
                 "frequent": f"{t['infrequent_below_days']:g} to < {t['chronic_from_days']:g}",
                 "chronic": f">= {t['chronic_from_days']:g}"}[band]
    checks.append(_custom(f"{band} band: days_per_month={d:g} ({band_text})", True))
    if band != "infrequent":
        checks.append(_custom(f"months={f.get('months')} (needs > {months:g})",
                              f["months"] > months if "months" in f else None, ("months",)))
    return {"A": _judge(checks), **_tth_bd(f, t, band)}


def _tth_bd(f: dict, t: dict, band: str) -> dict:
    low = t["min_minutes"] / 60
    high = math.inf if band == "chronic" else t["episodic_max_minutes"] / 60
    nausea = f.get("nausea")
    if band == "chronic":
        count = [f.get("photophobia"), f.get("phonophobia"),
                 None if nausea is None else nausea == "mild"]
        known = sum(v is True for v in count)
        ok = False if known > 1 else True if known + count.count(None) <= 1 else None
        miss = tuple(k for k, v in zip(("photophobia", "phonophobia", "nausea"), count)
                     if v is None)
        d = _judge([_custom("(1) at most one of photophobia, phonophobia, mild nausea", ok, miss),
                    _custom(f"(2) no moderate/severe nausea, no vomiting (nausea={nausea!r}, "
                            f"vomiting={f.get('vomiting')!r})",
                            _and(None if nausea is None else nausea in ("none", "mild"),
                                 _not(f.get("vomiting"))),
                            tuple(k for k in ("nausea", "vomiting") if k not in f))])
    else:
        d = _judge([_custom(f"(1) no nausea or vomiting (nausea={nausea!r}, "
                            f"vomiting={f.get('vomiting')!r})",
                            _and(None if nausea is None else nausea == "none",
                                 _not(f.get("vomiting"))),
                            tuple(k for k in ("nausea", "vomiting") if k not in f)),
                    _custom("(2) not both photophobia and phonophobia",
                            _not(_and(f.get("photophobia"), f.get("phonophobia"))),
                            tuple(k for k in ("photophobia", "phonophobia") if k not in f))])
    pulsating = _pulsating(f)
    quality = f.get("quality")
    pressing = None if quality is None else (quality in t["c_qualities"] and pulsating is not True)
    return {
        "B": _judge([_between(f, "duration_hours", low, high, f"{band} duration")]),
        "C": _judge([_both_sides(f),
                     _custom(f"pressing/tightening, not pulsating: quality={quality!r}", pressing,
                             ("quality",)),
                     _among(f, "intensity", t["c_intensities"], "mild or moderate"),
                     _has(f, "aggravated_by_activity", False, "not worse with activity")],
                    t["c_min_features"]),
        "D": d,
    }


def _both_sides(f: dict) -> _Check:
    """Tension-type C(1), bilateral location: a spot that wanders is not both sides."""
    if f.get("pain_site_varies"):
        return _custom("both sides: pain_site_varies=True (a wandering spot)", False)
    return _has(f, "unilateral", False, "both sides")


def _tension_type(f: dict, t: dict) -> dict:
    band = _tth_band(f, t)
    if band is not None:
        return _tth_rules(f, t, band)
    # Band unknown: A cannot be judged; B-D keep a status only if both rule sets agree.
    episodic, chronic = _tth_bd(f, t, "frequent"), _tth_bd(f, t, "chronic")
    out = {"A": _judge([_custom("frequency band", None, ("days_per_month",))])}
    for key in ("B", "C", "D"):
        same = episodic[key][0] == chronic[key][0]
        out[key] = episodic[key] if same else (
            None, "episodic and chronic rules differ here; " + episodic[key][1],
            ("days_per_month",))
    return out


def _cervicogenic(f: dict, t: dict) -> dict:
    c = _judge([_has(f, "temporal_relation_to_cervical_disorder", label="(1) onset in time"),
                _has(f, "improves_with_cervical_disorder", label="(2) improves in parallel"),
                _has(f, "reduced_neck_rom_and_provocation", label="(3) reduced ROM, provocation"),
                _has(f, "abolished_by_cervical_block", label="(4) abolished by cervical block")],
               t["c_min_features"])
    a = (c[0], "any headache fulfilling C: follows criterion C", c[2])
    return {"A": a, "B": _judge([_has(f, "cervical_lesion_evidence", label="neck disorder")]),
            "C": c}


def _chronic_migraine(f: dict, t: dict) -> dict:
    months = t["history_more_than_months"]
    history = _custom(f"months={f.get('months')} (needs > {months:g})",
                      f["months"] > months if "months" in f else None, ("months",))
    days = f.get("days_per_month")
    mdays = f.get("migraine_days_per_month")
    past = f.get("past_migraine_attacks")
    return {
        "A": _judge([_custom(f"days_per_month={days} (needs >= {t['min_headache_days']:g})",
                             None if days is None else days >= t["min_headache_days"],
                             ("days_per_month",)), history]),
        "B": _judge([_custom(f"past_migraine_attacks={past} (needs >= "
                             f"{t['min_past_migraine_attacks']})",
                             None if past is None else past >= t["min_past_migraine_attacks"],
                             ("past_migraine_attacks",))]),
        "C": _judge([_custom(f"migraine_days_per_month={mdays} (needs >= "
                             f"{t['min_migraine_days']:g})",
                             None if mdays is None else mdays >= t["min_migraine_days"],
                             ("migraine_days_per_month",)), history]),
    }


def _as_time(hours: float) -> str:
    """A duration in hours written in the unit a reader expects: seconds, minutes or hours."""
    seconds = hours * 3600
    if seconds < 60:
        return f"{seconds:.3g} s"
    if seconds < 3600:
        return f"{seconds / 60:.3g} min"
    return f"{hours:.3g} h"


def _primary_stabbing(f: dict, t: dict) -> dict:
    limit = t["stab_max_seconds"]
    secs = None if "duration_hours" not in f else f["duration_hours"] * 3600
    return {
        "A": _judge([_has(f, "spontaneous_stabs", label="spontaneous single stab or series")]),
        "B": _judge([_custom("each stab up to a few seconds"
                             + ("" if secs is None else f": duration_hours={f['duration_hours']:g}"
                                f" = {_as_time(f['duration_hours'])}")
                             + f" (kit's reading: <= {limit:g} s)",
                             None if secs is None else secs <= limit, ("duration_hours",))]),
        "C": _judge([_has(f, "irregular_frequency", label="irregular, one to many a day")]),
        "D": _judge([_has(f, "cranial_autonomic_symptoms", False, "no cranial autonomic "
                          "symptoms")]),
    }


def _neck_tongue(f: dict, t: dict) -> dict:
    low, high = t["min_seconds"] / 3600, t["max_minutes"] / 60
    hours = f.get("duration_hours")
    duration = _custom(
        "seconds to several minutes"
        + ("" if hours is None else f": duration_hours={hours:g} = {_as_time(hours)}")
        + f" (needs {t['min_seconds']:g} s to {t['max_minutes']:g} min)",
        None if hours is None else low <= hours <= high, ("duration_hours",))
    return {
        "A": _judge([_custom(f"attacks={f.get('attacks')} (needs >= {t['min_attacks']})",
                             f["attacks"] >= t["min_attacks"] if "attacks" in f else None,
                             ("attacks",))]),
        "B": _judge([_has(f, "unilateral", label="one-sided"),
                     _among(f, "quality", t["b_qualities"], "sharp or stabbing"),
                     _has(f, "occipital_or_upper_neck_pain", label="upper neck/occiput"),
                     _has(f, "tongue_symptoms", label="ipsilateral tongue sensation/posture")]),
        "C": _judge([_has(f, "triggered_by_neck_turn", label="set off by a sudden neck turn")]),
        "D": _judge([duration]),
    }


CHECKED_IDS = {
    "occipital_neuralgia": ("A", "B", "C", "D"),
    "migraine_without_aura": ("A", "B", "C", "D"),
    "migraine_with_aura": ("A", "B", "C"),
    "tension_type": ("A", "B", "C", "D"),
    "cervicogenic": ("A", "B", "C"),
    "chronic_migraine": ("A", "B", "C"),
    "primary_stabbing": ("A", "B", "C", "D"),
    "neck_tongue": ("A", "B", "C", "D"),
}
RULES = {"occipital_neuralgia": _on, "migraine_without_aura": _migraine,
         "migraine_with_aura": _migraine_with_aura, "tension_type": _tension_type,
         "cervicogenic": _cervicogenic, "chronic_migraine": _chronic_migraine,
         "primary_stabbing": _primary_stabbing, "neck_tongue": _neck_tongue}


def _tth_subtype(f: dict, t: dict) -> str | None:
    band = _tth_band(f, t)
    if band is None:
        return None
    code = {"infrequent": "2.1", "frequent": "2.2", "chronic": "2.3"}[band]
    name = f"{band} episodic" if band != "chronic" else "chronic"
    if "pericranial_tenderness" not in f:
        return f"{code} {name} tension-type headache (pericranial tenderness not assessed)"
    tender = f["pericranial_tenderness"]
    return (f"{code}.{1 if tender else 2} {name} tension-type headache "
            f"{'with' if tender else 'without'} pericranial tenderness")




SUBTYPES = {"tension_type": _tth_subtype}
