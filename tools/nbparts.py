"""Notebook text and cells made from the kit's data, placed by the notebook sources.

A source writes ``{kit}`name``` in markdown for a piece of text from ``TEXT_PARTS``, or a
cell ``# %% [markdown] part="name" ...`` for cells from ``CELL_PARTS`` (its other
metadata are the function's arguments). Text may hold ``{cite}`` / ``{cite_html}`` roles,
which ``tools.nbsource`` resolves. Generated, not typed: the red-flag box follows
``headaches.red_flags()``, the cases follow ``headaches.vignettes()``.
"""

from __future__ import annotations

from anatomy import headaches
from tools.nbtools import NOTEBOOKS, answer, code, exercise, md, verdict, write_in

# Condition labels in the case reasoning
SHORT_NAMES = {"occipital_neuralgia": "Occipital neuralgia (13.4)",
               "migraine_without_aura": "Migraine without aura (1.1)",
               "migraine_with_aura": "Migraine with aura (1.2)",
               "tension_type": "Tension-type (2.1-2.3)", "cervicogenic": "Cervicogenic (11.2.1)",
               "chronic_migraine": "Chronic migraine (1.3)",
               "primary_stabbing": "Primary stabbing headache (4.7)",
               "neck_tongue": "Neck-tongue syndrome (13.5)"}
VERDICT_WORDS = {True: "fulfilled", False: "not fulfilled", None: "undetermined"}


def notebook_list() -> str:
    """The kit's notebooks in order, one numbered line each (notebook 00)."""
    return "\n".join(f"{k}. **{title}** (`{name}`)" for k, (name, title) in enumerate(NOTEBOOKS))


def rami_alt() -> str:
    """The text alternative of the rami figure (``anatomy.viz.rami_views.ALT``)."""
    from anatomy.viz import rami_views

    return rami_views.ALT


def _other_flags(action: str) -> list[str]:
    """The flags whose action is ``action`` in a few words each (``in_short``): every flag
    below emergency care is in the box (its own list had left out trauma, systemic
    symptoms and painkiller overuse: student review 29b)."""
    flags = headaches.load_headaches()["red_flags"]
    records = [r for r in flags if r["action"] == action]
    if not records:
        raise ValueError(f"no red flag has the action {action!r}: choose one of "
                         f"{sorted({r['action'] for r in flags})}")
    missing = [r["flag"] for r in records if not r.get("in_short")]
    if missing:
        raise ValueError(f"red flags {missing} need an 'in_short' for the red-flag box")
    return [r["in_short"] for r in records]


def red_flag_box(short: bool = False) -> str:
    """A clearly styled warning box listing the flags that need emergency care (from
    headaches.red_flags()); ``short`` gives one line per flag."""
    flags = headaches.red_flags()
    emergency = flags[flags["action"] == "emergency care"]
    urgent = "".join(f"<li>{words}</li>" for words in _other_flags("urgent review"))
    clinician = "; ".join(_other_flags("clinician review"))
    if short:
        items = "".join(f"<li><b>{r.flag}</b></li>" for r in emergency.itertuples())
    else:
        # the colon outside the bold name: a slide shows the names alone (the rest of the
        # item is font-size 0), and each ended in a colon, as if text were missing
        items = "".join(f"<li><b>{r.flag}</b>: {r.look_for.rstrip('.')}.</li>"
                        for r in emergency.itertuples())
    return (
        '<div class="alert alert-block alert-danger" style="border: 3px solid #D55E00; '
        'padding: 10px 14px; border-radius: 6px;">\n'
        # a slide leaves out the emergency number's reminder (the presenter says it): with
        # the urgent flags as a list the box ran under a RISE slide's arrows
        "<p><b>&#9888; RED FLAGS: get emergency care now</b> <span class=\"kit-page-only\">"
        "(call the local emergency number)</span> if a headache comes with any of these. "
        "<span class=\"kit-page-only\">"
        "They can signal a serious secondary cause, not occipital neuralgia, migraine or "
        "tension-type headache.</span></p>\n"
        f"<ul>{items}</ul>\n"
        # the urgent flags as a list: run together as sentences ("Also a headache ...")
        # they were hard to parse (review 30)
        "<p>Other warning signs need <b>urgent review</b>: a headache</p>\n"
        f'<ul class="kit-flags-other">{urgent}</ul>\n'
        f'<p class="kit-flags-clinician">A clinician also reviews a headache {clinician}.</p>\n'
        "<p>Sources: most flags come from SNNOOP10, a published list of red and orange "
        "flags for secondary headache "
        "({cite_html}`do2019`). The pupil and dissection flags are the kit's additions "
        "({cite_html}`lyrer2014, rushton2023`). SNNOOP10 sets its age flag at onset after "
        "65, and ICHD-3 names 60 for giant cell arteritis ({cite_html}`ichd3_2018`). The "
        "kit uses 50, the age in the classification criteria for giant cell arteritis "
        "({cite_html}`hunder1990`). This kit is teaching material, not a "
        "diagnostic tool.</p>\n</div>")


# A case's red-flag screen: one sentence (so 'no flag' is said, not an empty table), then
# the flags present or not asked, as a table when there are any (an empty table with only
# its headers showed under a case with no flag), named by flag (row numbers 0, 1 meant
# nothing on a slide: review 18); the sentence is shown as text, not printed (a slide
# showed it in a code font: slide review 19)
SCREEN_CELL = ("from IPython.display import Markdown\n"
               "findings = cases.at['{case_id}', 'findings']\n"
               "display(Markdown(headaches.screen_summary(findings)))\n"
               "screen = headaches.red_flag_screen(findings)\n"
               "flagged = screen[screen['status'] != 'absent']\n"
               "if len(flagged):\n"
               "    display(flagged.set_index('flag')[['status', 'action']])")


def _sources(case) -> str:
    return "{cite}`" + case["reference"] + "`"


def findings_cell(case_id: str, among: list[str]):
    """The blank a student fills in: the finding keys of every case in ``among`` (the
    notebook's), so that the keys do not hint at the diagnosis, every value ``...``.

    The instructor version fills it with the kit's values (tools.nbtools.instructor_cell).
    """
    # students fill it in at their own screens; on a slide its 20-odd lines would overflow
    cell = code(headaches.findings_template(case_id, among=among), slide="skip",
                tags=["findings-template"])
    cell.metadata["kit_case"] = case_id
    cell.metadata["kit_cases"] = list(among)
    return cell


def findings_check(src: str, slide: str):
    """The verdict that compares a student's findings with the kit's, tagged
    'findings-check' too: a handout, which cannot run it, leaves it out
    (tools/classroom.blank_findings)."""
    cell = verdict(src, slide=slide)
    cell.metadata["tags"].append("findings-check")
    return cell


def case_vignettes(cases: list[str]) -> list:
    """Notebook 03's cases: screen, decide, run the checker, reveal the reasoning."""
    out = []
    for k, case_id in enumerate(cases, 1):
        case = headaches.vignettes().loc[case_id]
        reasoning = "\n".join(
            f"- **{SHORT_NAMES[c]}: {VERDICT_WORDS[case['expected'][c]]}.** "
            f"{case['reasoning'][c]}" for c in headaches.CONDITIONS)
        screen = SCREEN_CELL.format(case_id=case_id)
        # the case's own findings again: a student may run the checker before the screen
        src = (f"findings = cases.at['{case_id}', 'findings']\n"
               "verdicts = headaches.check_all(findings)\n"
               "verdicts[['verdict', 'not_met', 'missing']]")  # fits 1024 px
        # in RISE the story stands alone (a long story fills it; with the screen's prompt
        # it ran 140-300 px past the foot); the screen and the decision follow on slides of
        # their own (a reveal.js deck, with smaller type, moves the screen's prompt under
        # the story: tools/slide_answers), the fill-in task is for students' screens
        out += [
            exercise(f"### Case {k}: {case['title']}\n\n{case['story']}"),
            md("Turn the story into findings: in the next cell replace each `...` the story "
               "answers with a value and leave the rest. \"Every other red-flag question was "
               "no\" answers the red-flag findings still left: set them to `False`. Run it "
               "and compare with the kit's findings.", slide="skip",
               tags=["screen-only"]),  # on paper the steps below ask the same
            findings_cell(case_id, cases),
            # the findings to read again; none shown as a sentence, not an empty table
            findings_check(f"check = headaches.compare_findings(my_findings, '{case_id}')\n"
                    "print(headaches.comparison_summary(check))\n"
                    "# what differs, or was given where the kit has none\n"
                    "read_again = check[check['status'].isin(headaches.TO_READ_AGAIN)]\n"
                    "if len(read_again):\n"
                    "    display(read_again.drop(columns='agree'))  # to read again\n"
                    "else:\n"
                    "    print('None of the findings you filled in differs.')",
                    slide="skip"),
            md("*Screen first:* does the story raise a red flag? Decide, then run the screen "
               "and reveal the reasoning.", slide="subslide"),
            write_in(),
            verdict(screen),
            answer(f"{case['screen']}\n\n*Sources:* {{cite}}`do2019`.",
                   summary="Show the screening reasoning"),
            md("*Now decide:* which ICHD-3 diagnosis fits? For each of the others, which "
               "criteria fail? Then run the checker (`not_met` lists them) and reveal the "
               "reasoning.", slide="subslide"),
            write_in(),
            verdict(src),
            answer(f"{reasoning}\n\n*Sources:* {_sources(case)}.",
                   summary="Show the reasoning"),
        ]
    return out


def differential_cases(cases: list[str]) -> list:
    """Notebook 05's cases: screen, then the checker on every condition it knows."""
    out = []
    for k, case_id in enumerate(cases, 1):
        case = headaches.vignettes().loc[case_id]
        reasoning = "\n".join(f"- **{SHORT_NAMES[c]}: {VERDICT_WORDS[v]}.** "
                              f"{case['reasoning'][c]}" for c, v in case["expected"].items())
        out += [
            exercise(f"### Case {k}: {case['title']}\n\n{case['story']}\n\n*Screen first,* "
                     "then name the diagnosis you expect and the feature that decides it."),
            write_in(),
            verdict(SCREEN_CELL.format(case_id=case_id)),
            answer(case["screen"], summary="Show the screening reasoning"),
            verdict(f"findings = cases.at['{case_id}', 'findings']\n"
                    "verdicts = headaches.check_all(findings, conditions='all')\n"
                    "verdicts[['ichd3_code', 'verdict', 'not_met']]"),
            answer(f"{reasoning}\n\n*Sources:* {_sources(case)}.",
                   summary="Show the reasoning"),
        ]
    return out


TEXT_PARTS = {"notebook_list": notebook_list, "rami_alt": rami_alt,
              "red_flag_box": red_flag_box,
              "red_flag_box_short": lambda: red_flag_box(short=True)}
CELL_PARTS = {"case_vignettes": case_vignettes, "differential_cases": differential_cases}
