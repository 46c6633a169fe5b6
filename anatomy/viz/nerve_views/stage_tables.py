"""What each stage of the GON's course shows and where its notes go: the layers and
nerves it hides, the bones it names and its caption's place (tables used by
``course_stages``)."""

from __future__ import annotations

from anatomy.structures.shoulder import SHOULDER_GIRDLE

__all__ = ["BONE_NOTES", "CAPTION_ANCHORS", "CAPTION_ARROWS", "CAPTION_OFFSETS",
           "STAGE_HIDDEN", "STAGE_OFF_COURSE"]

# where a stage leaves out the trapezius and the skin, the clavicle and the top of the
# scapula (cut by the scene's floor) would hang alone below the neck: they go too
_SHOULDER = SHOULDER_GIRDLE
# the GON's and TON's close-ups also leave out levator scapulae, lateral to their course
_DEEP = ("trapezius", "sternocleidomastoid", "splenius", "semispinalis", "skin",
         "great_auricular", "levator_scapulae", *_SHOULDER)
# Markers that crowd into a few centimetres (the six compression points, the waypoints)
# show in the close-up stages only, where they spread out.
_CROWDED = ("compression_points", "waypoints")
STAGE_HIDDEN = {  # what each stage hides (structure id prefixes, 'skin', 'vessel', markers)
    "All layers": _CROWDED,
    "1 Origin at C1-C2": _DEEP + ("occipital_artery", "obliquus_capitis_inferior"),
    "2 Round obliquus capitis inferior": _DEEP + ("occipital_artery",),
    # splenius, lateral and superficial to semispinalis, covered the pierced muscle and
    # the nerve below its exit: it comes back in stage 4
    # the great auricular nerve runs on sternocleidomastoid: where that muscle is left
    # out it goes too (it hung in empty space beside the jaw)
    "3 Through semispinalis": ("trapezius", "sternocleidomastoid", "skin", "splenius",
                               "occipital_artery", "levator_scapulae", "great_auricular",
                               *_SHOULDER),
    "4 Trapezius and occipital artery": ("sternocleidomastoid", "skin", "great_auricular"),
    "5 Under the skin to the vertex": ("compression_points",),
    "LON": ("trapezius", "compression_points"),
    "TON": ("trapezius", "skin", "sternocleidomastoid", "compression_points",
            "levator_scapulae", "great_auricular", *_SHOULDER),
}


# Nerves a stage leaves out (id prefixes; {other}: the side not followed). The first two
# close-ups follow one GON from its origin: the other side's GON and both sides' LON and
# TON (from the cervical plexus and C3, elsewhere) would only cross it. The LON's stage
# keeps the GON it joins on the occiput; the TON's keeps both sides' GON and TON.
STAGE_OFF_COURSE = {
    "1 Origin at C1-C2": ("lesser_occipital", "third_occipital", "greater_occipital_{other}"),
    # looking from the right and level with the winding point, the other side's
    # suboccipital muscles stood edge-on behind the course like a row of fingers hanging
    # from the skull (student review): this close-up is of one side, as the print plate is
    "2 Round obliquus capitis inferior": ("lesser_occipital", "third_occipital",
                                          "greater_occipital_{other}",
                                          "rectus_capitis_posterior_major_{other}",
                                          "rectus_capitis_posterior_minor_{other}",
                                          "obliquus_capitis_superior_{other}",
                                          "obliquus_capitis_inferior_{other}",
                                          "suboccipital_nerve_{other}",
                                          "vertebral_artery_{other}"),
    # stages 3 and 4 leave out sternocleidomastoid, along whose border the LON runs: alone
    # it hung in empty space beside the skull (it has a stage of its own)
    "3 Through semispinalis": ("lesser_occipital",),
    "4 Trapezius and occipital artery": ("lesser_occipital",),
    "LON": ("third_occipital", "greater_occipital_{other}", "lesser_occipital_{other}"),
    "TON": ("lesser_occipital",),
}
# The bones a close-up's course is told against, named where the stage shows them: (point
# of structure_points, the side left off a paired point's name; label; leader offset in
# px, x right, y down; optionally a shift in mm, x towards the side). Each point is one the
# stage's camera sees, not under a muscle (tests/test_nerve_figures.py).
BONE_NOTES = {
    # C1's label on two lines, 100 px left: on one line, 72 px left (at 90 it touched the
    # figure's left edge at 592 px, reviewer), its box lay over the axis (review 12)
    "1 Origin at C1-C2": (("c1_posterior_tubercle", "C1 (atlas):<br>posterior arch",
                           (-100, 95)),
                          # on two lines, 120 px left: on one line, 80 px left, its box
                          # lay over C3 (student review 28)
                          ("c2_spinous_tip", "C2 (axis):<br>spinous process", (-120, 70)),
                          # 3 mm lower and 1 mm medial: the named point is under OCI's edge;
                          # its name on the white right of the spine (at 50, 95 its box lay
                          # over C3 and C4: student review 28)
                          ("c2_lamina", "C2 lamina", (150, 110), (-1.0, 0.0, -3.0))),
    "2 Round obliquus capitis inferior": (
        ("c2_spinous_tip", "C2 spinous process", (-80, 70)),
        # 2 mm lateral and 3 mm forward: the named point is under OCI's domed end
        ("c1_transverse_process", "C1 transverse process", (90, -20), (2.0, 3.0, 0.0))),
}
# Where a stage's caption sits, in px from its target (default up and to the right). At
# stage 2 the up-right place is taken by compression point 2's number, and 60 px down its box
# lay over C2, C3 and the jaw (below them the scene is empty).
CAPTION_OFFSETS = {# right of the skull, on the white: up-right, its box lay over the skull
                   # vault (student review 28)
                   "All layers": (105, -25),
                   # down-right, on the white beside C2: up-right, its box lay over rectus
                   # capitis posterior major and the suboccipital nerve (student review)
                   "1 Origin at C1-C2": (140, 90),
                   "2 Round obliquus capitis inferior": (80, 90),
                   "3 Through semispinalis": (40, -105), "TON": (60, -60),
                   # left of the neck, its end at the line: up-right, its box lay across the
                   # LON's upper course; there, down and right, across sternocleidomastoid
                   # where the LON meets its border (student review 28)
                   "LON": (-90, 30),
                   # up-left over bare bone: up-right, its box lay across the GON's branches
                   # and the occipital artery (reviewer)
                   "4 Trapezius and occipital artery": (-70, -80)}
# A caption that starts at its line's end instead of centring on it: centred, the long
# captions of stage 3 and the TON covered the GON beside their targets
CAPTION_ANCHORS = {"All layers": "left", "3 Through semispinalis": "left", "TON": "left",
                   "LON": "right"}
# A caption arrow drawn light: the TON's runs over dark splenius, where the default dark
# grey arrow did not show (its caption sits 60 px up-right, so that the whole arrow lies on
# splenius: at 100 px up its upper half crossed the cream skull and faded, reviewer)
CAPTION_ARROWS = {"TON": {"arrowcolor": "white", "arrowwidth": 2}}
