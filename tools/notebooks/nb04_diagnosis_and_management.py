"""Source of notebooks/04_diagnosis_and_management.ipynb."""

from anatomy import headaches
from tools.nbtools import answer, code, exercise, md, notes, solution
from tools.notebooks.common import cite, cite_html, footer, header, setup_cell
from tools.quiz import quiz_cells

PATH = "notebooks/04_diagnosis_and_management.ipynb"
REFERENCES = ["do2019", "hunder1990", "ichd3_2018", "ichd2_2004", "on_clinic2021", "kim2018",
              "brown_atlas2006", "kit_lon_block_marker", "blumenfeld2013", "dougherty2014",
              "barmherzig2019", "cohen2015", "zhang2018", "tang2017", "velasquez2022",
              "mustafa2024", "kapural2007", "taylor2008", "weiner1999", "ducic2009",
              "austen2023", "gfrerer2020", "kuhn1997", "rasmussen1992", "lyrer2014",
              "dziewas2003", "rushton2023", "statpearls_occipital_nerves",
              "grays1918", "shim2011", "lambru2012", "choi2016",
              "ogince2007", "hall2010", "jull2002", "gon_depth_prospective", "greher2010",
              "dilli2015", "busch2007", "saper2011", "dodick2015", "chen2015_ons",
              "bartsch2002", "ambrosini2005"]


def red_flag_box(short: bool = False) -> str:
    """A clearly styled warning box listing the flags that need emergency care (from
    headaches.red_flags()); ``short`` gives one line per flag."""
    flags = headaches.red_flags()
    emergency = flags[flags["action"] == "emergency care"]
    if short:
        items = "".join(f"<li><b>{r.flag}</b></li>" for r in emergency.itertuples())
    else:
        items = "".join(f"<li><b>{r.flag}:</b> {r.look_for.rstrip('.')}.</li>"
                        for r in emergency.itertuples())
    return (
        '<div class="alert alert-block alert-danger" style="border: 3px solid #D55E00; '
        'padding: 10px 14px; border-radius: 6px;">\n'
        "<p><b>&#9888; RED FLAGS: get emergency care now</b> (call the local emergency "
        "number) if a headache comes with any of these. They can signal a serious "
        "secondary cause, not occipital neuralgia, migraine or tension-type headache.</p>\n"
        f"<ul>{items}</ul>\n"
        "<p>Other warning signs need prompt medical review. At any age: a new headache "
        "that began recently, or a change in pattern. A new headache at 50 or over. "
        "Headache worse lying down or on coughing; cancer or immunosuppression; "
        "pregnancy.</p>\n"
        "<p>Sources: most flags come from SNNOOP10, a published list of red and orange "
        "flags for secondary headache "
        f"({cite_html('do2019')}). The pupil and dissection flags are the kit's additions "
        f"({cite_html('lyrer2014', 'rushton2023')}). SNNOOP10 sets its age flag at onset after "
        "65; the kit uses 50, the age in the classification criteria for giant cell "
        f"arteritis ({cite_html('hunder1990')}). This kit is teaching material, not a "
        "diagnostic tool.</p>\n</div>")


def _claims_table() -> str:
    rows = [
        ("Botulinum toxin is one of 'a set of three steroid injections'",
         "Botulinum toxin is a bacterial neurotoxin that blocks acetylcholine release; it is "
         "not a steroid. Steroid injections (with local anaesthetic) are a different "
         f"option. {cite('kapural2007', 'dougherty2014')}"),
        ("Occipital neuralgia is 'throbbing'",
         "ICHD-3 describes shooting, stabbing or sharp paroxysms; pulsating pain is a "
         f"migraine criterion. {cite('ichd3_2018')}"),
        ("'Sensitivity to light' is a symptom of occipital neuralgia",
         "Not an ICHD-3 feature of ON; photophobia with phonophobia is a migraine criterion. "
         "Visual disturbance was reported by 8 of 12 patients in one small emergency-room "
         "series, which took in people with one-sided aching pain, not ICHD-3 13.4 "
         f"patients. {cite('ichd3_2018', 'kuhn1997')}"),
        ("'There is no aura, distinguishing this headache from a migraine'",
         "Misleading: most migraine has no aura (1-year prevalence 6% without vs 4% with "
         f"aura). {cite('rasmussen1992')}"),
        ("Trapezius tension constricts the temporal artery and causes migraine",
         "No support in the sources; the superficial temporal artery runs in front of the "
         f"ear, away from the trapezius. {cite('grays1918')}"),
        ("'Spinal decompression': a chiropractor adjusts the cervical spine",
         "That is spinal manipulation, not occipital decompression (release) surgery, which "
         "is an operation that frees the occipital nerves from muscle, fascia or artery. "
         f"{cite('barmherzig2019', 'ducic2009')}"),
        ("The GON 'arises between C1 and C2 along with the LON'",
         "Half right. The GON, the medial branch of the dorsal ramus of C2, does run "
         "backward between C1 and C2. 'Along with the LON' is wrong: the LON comes from "
         "the ventral rami of C2 (and often C3) through the cervical plexus. "
         f"{cite('statpearls_occipital_nerves', 'grays1918')}"),
        ("Calcium/magnesium supplements help because they are 'anti-inflammatory'",
         "No source in the kit supports this for occipital neuralgia."),
        ("'Sleeping with a poor posture is a top cause'",
         "Unsupported: no study in the kit's sources ranks sleeping posture as a cause."),
        ("Heat, rest, massage and NSAIDs are 'the fastest way to cure' ON",
         "They are comfort and first-line measures; no trial shows they cure ON. "
         f"{cite('barmherzig2019', 'dougherty2014')}"),
    ]
    body = "\n".join(f"| {a} | {b} |" for a, b in rows)
    return "| Claim in a seed article | What the sources say |\n|---|---|\n" + body


def cells():
    return [
        *header(
            "Diagnosis, management and red flags in occipital neuralgia",
            "How is occipital neuralgia (ON) recognised, and what can be done for it? This "
            "notebook follows a clinician's route: first rule out a dangerous cause, then "
            "take the history, examine the occipital nerves, use a diagnostic nerve block "
            "(ICHD-3 criterion D) and imaging where it helps. It then sets out the treatment "
            "options the sources describe, from heat and physiotherapy to surgery, each with "
            "what it is, who it is for and how good the evidence is.",
            ["Recognise the headache red flags that need emergency care.",
             "Describe the history and the examination for occipital neuralgia: tenderness "
             "over the nerve, Tinel's sign at the greater occipital nerve's exit and "
             "reproduction of the pain.",
             "Explain why relief after a local anaesthetic block is ICHD-3 criterion D, and "
             "what it does and does not prove.",
             "Say when imaging helps and what it looks for.",
             "Summarise each management option with its evidence, and correct common errors "
             "in popular articles."],
            40,
            [("Notebook 03: headache comparison", "Necessary",
              "the ICHD-3 criteria and the checker"),
             ("Notebook 01: the occipital nerves", "Helpful", "where the nerves run")]),
        md(red_flag_box(), slide="subslide"),
        notes("Open with the red-flag box and ask the class which of the flags they would "
              "miss in a busy clinic. The management section is not treatment advice: it "
              "teaches how to read the strength of evidence."),
        setup_cell("import pandas as pd\n"
                   "from anatomy import headaches\n"
                   "from anatomy.viz import headache_views\n"
                   "pd.set_option('display.max_colwidth', None)"),
        md("## 1. First: is this a dangerous headache?\n\nBefore naming a primary headache, "
           "a clinician screens for a secondary cause. The kit's list builds on the SNNOOP10 "
           f"red and orange flags ({cite('do2019')}). It adds pupil and dissection flags "
           f"({cite('lyrer2014', 'rushton2023')}) and uses 50, not 65, as its age cut-off "
           f"({cite('hunder1990')}). Each row says what to look for, what it may signal and "
           "what to do.", slide="slide"),
        code("headaches.red_flags()[['flag', 'look_for', 'action']]", slide="subslide"),
        exercise("### Exercise 1\n\nA student with a severe headache also has a fever and a "
                 "stiff neck. Filter `headaches.red_flags()` for the matching flag and read "
                 "the action."),
        solution("flags = headaches.red_flags()\n"
                 "flags[flags['flag'].str.contains('Fever')][['flag', 'may_signal', 'action']]"),
        answer("*Fever with neck stiffness* may signal meningitis or encephalitis: **emergency "
               f"care** ({cite('do2019')}). No occipital nerve block or checker belongs here."),
        md("### 1.1 Cervical artery dissection: the screen that matters before neck "
           "treatment\n\nA tear in the wall of the carotid or vertebral artery often "
           "starts with new neck pain and headache, sometimes after a neck strain or "
           "manipulation, before any stroke. On the side of a carotid tear the pupil may be "
           "small with a drooping eyelid (**Horner's syndrome**). In 765 patients with "
           "dissection, Horner's syndrome was present in 38.5% of carotid and 13.4% of "
           f"vertebral dissections ({cite('lyrer2014')}); vertebral dissections more often "
           f"began with neck pain ({cite('dziewas2003')}). The framework of the International "
           "Federation of Orthopaedic Manipulative Physical Therapists (IFOMPT) asks "
           "physiotherapists and other clinicians to screen for it before any neck "
           f"treatment ({cite('rushton2023')}). The kit's screen raises this flag for "
           "Horner's syndrome, or for a new headache together with new neck pain.",
           slide="subslide"),
        exercise("### Exercise 2\n\nA 38-year-old woman comes to a physiotherapy clinic "
                 "with new pain in the left side of her neck and a left-sided headache. Both "
                 "began three days ago after a heavy gym session. Her left upper eyelid "
                 "droops a little. Write her findings as a dict (`new_headache`, "
                 "`new_neck_pain`, `horner_syndrome`, `age_years`) and run "
                 "`headaches.red_flag_screen`. What do you do?"),
        solution("findings = {'new_headache': True, 'new_neck_pain': True,\n"
                 "            'horner_syndrome': True, 'age_years': 38.0}\n"
                 "screen = headaches.red_flag_screen(findings)\n"
                 "screen[screen['status'] == 'present'][['flag', 'action']]"),
        answer("Two flags are present: *possible cervical artery dissection* and *abnormal "
               "pupils, including Horner's syndrome*. Both call for **emergency care**. No "
               "neck manipulation, massage or exercise: send her for **emergency care** "
               f"({cite('rushton2023', 'lyrer2014')})."),
        md("## 2. History\n\nThe story carries most of the diagnosis. Ask:\n\n"
           "- **Where** is the pain, and does it follow the back of the scalp toward the "
           "vertex or behind the ear (greater, lesser or third occipital nerve territory)? "
           "One side or both?\n"
           "- **What is it like, and how long does it last?** ICHD-3 13.4 wants at least "
           "two of: paroxysms of a few seconds to minutes, severe intensity, shooting, "
           f"stabbing or sharp quality ({cite('ichd3_2018')}). ICHD-2 (2004) allowed "
           "paroxysms 'with or without persistent aching' between them, a wording kept from "
           f"the first edition of 1988 ({cite('ichd2_2004')}). ICHD-3 no longer mentions a "
           "background ache. Ask about one anyway: a constant ache points to other "
           "causes too.\n"
           "- **What sets it off?** Light touch of the scalp or hair, combing, resting the "
           "head on a pillow (allodynia or dysaesthesia, criterion C, part 1).\n"
           "- **What else comes with it?** Nausea, light and sound sensitivity or an aura "
           "point toward migraine; a pressing band toward tension-type headache; neck "
           "stiffness with reduced movement and a neck injury toward cervicogenic headache "
           "(notebook 03).\n"
           "- **Red flags** (above), and which painkillers are taken on how many days.",
           slide="slide"),
        md("## 3. Examination\n\nThree findings are sought on the painful side "
           f"({cite('ichd3_2018')}):\n\n"
           "1. **Tenderness over the nerve.** Press along the greater occipital nerve (GON) where "
           "it leaves the neck muscles; Kim et al. measured its exit through the trapezius "
           "about 23 mm lateral and 16 mm below the external occipital protuberance "
           f"({cite('kim2018')}). Tenderness over the nerve branches, or trigger points at "
           "the GON's emergence or in the C2 territory, is criterion C, part 2.\n"
           "2. **Tinel's sign.** Tapping over the nerve's exit produces tingling or pain "
           "running up the scalp. In one headache clinic it was positive in about 75% "
           f"(146 of 195) of patients with occipital neuralgia ({cite('on_clinic2021')}); it "
           "is a supporting sign, not an ICHD-3 criterion.\n"
           "3. **Reproduction of the pain.** Pressure at the trigger point brings on the "
           "patient's usual pain. Light stroking of the scalp tests for allodynia "
           "(criterion C, part 1); reduced or altered sensation in the territory may also be "
           "found.", slide="slide"),
        code("headache_views.examination_figure('right')", slide="subslide"),
        md("*Figure 1. Text summary:* the back of the head with the occipital neuralgia map "
           "faintly shaded on the right. A dashed line joins the inion (external occipital "
           "protuberance, EOP) to the right mastoid tip. A star marks the greater occipital "
           "nerve's exit through the trapezius, about 23 mm lateral and 16 mm below the "
           f"inion ({cite('kim2018')}); tenderness and Tinel's sign are sought there. A diamond one "
           "third of the way from the inion to the mastoid is the classic GON block point, "
           f"just medial to the occipital artery ({cite('brown_atlas2006')}). A square two "
           "thirds of the way is the lesser occipital nerve (LON) block point, a teaching rule that is only weakly "
           f"supported ({cite('kit_lon_block_marker')}). On this model the star and the "
           "diamond lie within about a centimetre of each other.", slide="fragment"),
        md("## 4. The diagnostic block: criterion D\n\nICHD-3 makes relief after a local "
           "anaesthetic block of the affected nerve a **required** criterion "
           f"({cite('ichd3_2018')}). Relief after numbing one nerve is consistent with pain "
           "carried by that nerve, but it does not prove it. Blocks act partly through the "
           "trigeminocervical complex, where occipital and trigeminal input meet in the "
           f"upper neck ({cite('bartsch2002')}). In a placebo-controlled trial, a steroid "
           "injection at the greater occipital nerve made most people with cluster headache "
           "attack-free, although their pain is around the eye "
           f"({cite('ambrosini2005')}). Practical points from an expert "
           f"consensus on technique ({cite('blumenfeld2013')}) and reviews "
           f"({cite('dougherty2014', 'barmherzig2019')}):\n\n"
           "- The greater occipital nerve is blocked near the superior nuchal line, medial "
           "to the palpable occipital artery; the lesser occipital nerve further lateral.\n"
           "- Relief is temporary (the anaesthetic wears off); longer relief, when it "
           "happens, is a bonus, not a criterion.\n"
           "- **A block supports the diagnosis; it proves neither the pathway nor the "
           "disease.** Occipital nerve blocks also "
           "relieve migraine, so relief does not prove occipital neuralgia on its own. "
           "Meta-analyses of randomised trials in migraine found that a GON block lowered "
           "pain intensity by about 1.2 points more than placebo "
           f"({cite('zhang2018')}) and reduced headache days ({cite('tang2017')}). In "
           "chronic migraine, three pooled trials showed about 4.5 fewer headache days in "
           "the first month, with low certainty of evidence "
           f"({cite('velasquez2022')}; similar in {cite('mustafa2024')}).\n\n"
           "The checker shows the effect of criterion D on Case 1 of notebook 03:", slide="slide"),
        code("findings = headaches.vignettes().at['case_01', 'findings']\n"
             "without_block = dict(findings, relieved_by_nerve_block=None)  # not yet tried\n"
             "for f in (findings, without_block):\n"
             "    print(headaches.check_criteria('occipital_neuralgia', f).verdict)",
             slide="subslide"),
        md("### 4.1 The block in numbers\n\nHow deep is the nerve, and how much is "
           "injected? The kit keeps the published values with their sources in "
           "`anatomy/data/headaches.toml`; they describe what studies measured or "
           "recommended, not a protocol to follow.", slide="subslide"),
        code("headaches.block_technique()[['item', 'value', 'source_kind', 'reference']]",
             slide="fragment"),
        md("At the classic site the nerve lies only about 7 mm under the skin by "
           f"ultrasound ({cite('shim2011')}), so the needle stays shallow; at surgery it "
           "lay about 2 cm deep where it leaves semispinalis and 3 cm where it enters it "
           f"({cite('gon_depth_prospective')}); blocks of that deeper course, over obliquus "
           f"capitis inferior at C2, have been guided by ultrasound ({cite('greher2010')}). "
           "The volumes are small: a few millilitres per nerve in "
           f"the expert consensus ({cite('blumenfeld2013')}) and in a randomised trial "
           f"({cite('dilli2015')}), 5 mL in a physiology study ({cite('busch2007')}).",
           slide="fragment"),
        exercise("### Exercise 3\n\nA patient with chronic migraine gets three days of relief "
                 "from a greater occipital nerve block. Does that make the diagnosis "
                 "occipital neuralgia? Which other criteria would you check?"),
        answer("No. Criterion D is met, but blocks also help migraine. Occipital neuralgia "
               "also needs pain in the occipital nerve territory (A), at least two of "
               "paroxysms/severe/shooting (B) and both allodynia and nerve tenderness (C), "
               "and no better explanation (E). The two can coexist: occipital neuralgia was "
               "about twice as likely in chronic migraine in one clinic "
               f"({cite('on_clinic2021')})."),
        md("## 5. When imaging helps\n\nImaging does not show occipital neuralgia itself. "
           "It is used to look for a **structural cause**: when the picture is atypical, "
           "when there are neurological signs or a red flag, or before invasive treatment. "
           "Lesions of the upper cervical spine, the craniocervical junction or the "
           "posterior fossa can produce occipital pain. Magnetic resonance imaging (MRI) is "
           "the usual choice because it "
           "shows the spinal cord, nerve roots and soft tissue "
           f"({cite('barmherzig2019', 'dougherty2014', 'do2019')}).", slide="slide"),
        md(red_flag_box(short=True), slide="slide"),
        md("## 6. Management\n\nThe sources describe a stepped approach: conservative care "
           "first, then nerve blocks, and only for severe pain that resists everything "
           f"else, neuromodulation or surgery ({cite('barmherzig2019', 'dougherty2014')}). "
           "The table lists each option with what it is, who it is for and an evidence note. "
           "**This is teaching material, not treatment advice.**", slide="slide"),
        code("options = headaches.management_options()\n"
             "options[['option', 'what_it_is', 'who_it_is_for']]", slide="subslide"),
        code("options[['option', 'evidence_note', 'reference']]", slide="subslide"),
        md("### 6.1 Reading the evidence\n\n"
           "- **Heat, rest, massage of tight neck muscles, non-steroidal anti-inflammatory "
           "drugs (NSAIDs), physiotherapy and "
           "exercises** are the usual first steps. Reviews recommend conservative care "
           "first, but we found no trial of these measures in occipital neuralgia itself "
           f"({cite('barmherzig2019', 'dougherty2014')}). Massage should be gentle: pressing "
           "a sensitised nerve can provoke pain.\n"
           "- **Nerve blocks with local anaesthetic, with or without a steroid,** both "
           "support the diagnosis and relieve pain for days to weeks; the technique has an "
           f"expert consensus ({cite('blumenfeld2013')}), but evidence in ON is mostly "
           "observational.\n"
           "- **Pulsed radiofrequency** has one multicentre double-blind randomised trial in "
           "81 people with occipital neuralgia, or migraine with occipital nerve "
           "tenderness. Pulsed radiofrequency plus local anaesthetic lowered average "
           "occipital pain more than a local anaesthetic-steroid block at 6 weeks (by 2.7 "
           "versus 1.4 points on a 0-10 scale), and the difference lasted to 6 months "
           f"({cite('cohen2015')}). The steroid block was the active comparator. The trial "
           "had no placebo arm, so it does not test the steroid block against placebo. One "
           "trial is a start, not proof.\n"
           "- **Botulinum toxin** (not a steroid) rests on small series. In a "
           "retrospective series, 5 of 6 patients had less pain at 4 weeks, and relief "
           "lasted about 16 weeks versus about 2 after bupivacaine "
           f"({cite('kapural2007')}). In a 6-patient pilot study only the sharp, shooting "
           "pain and headache-related quality of life improved; the dull, aching pain and "
           f"the pins and needles did not improve significantly ({cite('taylor2008')}). "
           "No large randomised trial exists.\n"
           "- **Occipital nerve stimulation** uses implanted leads; the first series in "
           "occipital neuralgia reported good relief in 12 of 13 patients "
           f"({cite('weiner1999')}), and in ON the evidence is still case series. The randomised trials are in chronic "
           "migraine: in a feasibility trial, 39% responded to adjustable stimulation at 3 "
           "months against 6% with preset stimulation and none with medicines alone, and "
           f"leads moved in about a quarter of those implanted ({cite('saper2011')}). The "
           "largest sham-controlled trial (157 people) missed its main end point at 12 weeks; "
           "in its open-label year about half reported half as many headache days, and 70% "
           f"had an adverse event ({cite('dodick2015')}). Pooling three "
           "sham-controlled trials gave about 2.6 fewer days a month of long, moderate-to-"
           "severe headache; lead migration and infection were common and often needed "
           f"another operation ({cite('chen2015_ons')}).\n"
           "- **Occipital release (decompression) surgery** frees the nerve from muscle, "
           "fascia or the occipital artery. Evidence comes from retrospective and small "
           f"prospective series ({cite('ducic2009', 'austen2023', 'gfrerer2020')}); reviews "
           f"keep it as a last step after all else has failed ({cite('barmherzig2019')}).",
           slide="subslide"),
        md("### 6.2 Procedures: what can go wrong\n\n"
           "- **Nerve block.** At the classic site the occipital artery lies only about "
           f"1-1.5 mm from the nerve ({cite('shim2011')}), so the needle can enter the "
           "artery: aspirate before injecting. A steroid in this superficial site can thin "
           f"the skin and cause a bald patch ({cite('lambru2012')}).\n"
           "- **Destructive procedures** (neurectomy, C2 ganglionectomy, rhizotomy, "
           "radiofrequency lesioning) are now rarely used: pain often returns, numbness "
           f"is permanent and a destroyed nerve cannot be restored ({cite('choi2016')}).",
           slide="subslide"),
        md("### 6.3 Physiotherapy\n\nFor physiotherapy students: what to examine, what "
           "to screen and what the evidence says. The flexion-rotation test and the "
           "exercise trial are about **cervicogenic headache**, not occipital neuralgia; "
           "they help to tell the two apart.", slide="subslide"),
        code("headaches.physiotherapy()[['item', 'evidence', 'reference']]", slide="fragment"),
        md("In numbers: with experienced examiners, the flexion-rotation test had a "
           "sensitivity of 91% and a specificity of 90%. The study had 58 people: 23 with "
           "cervicogenic headache and C1-C2 dysfunction, 23 without headache and 12 with "
           f"migraine with aura ({cite('ogince2007')}). Comparing clear cases with people "
           "who have no symptoms makes a test look more accurate than it will be in a "
           "clinic. With a 30-degree cut-off it classified 85% of 60 people with headache "
           f"correctly ({cite('hall2010')}). In a trial of 200 people "
           "with cervicogenic headache, manipulative therapy and low-load exercise each "
           f"reduced headache frequency and intensity at 12 months ({cite('jull2002')}). "
           "No such trial exists in occipital neuralgia.", slide="fragment"),
        exercise("### Exercise 4\n\nWhich of the options in `options` rest on a randomised "
                 "controlled trial **in occipital neuralgia**, according to the evidence "
                 "notes? Search the `evidence_note` column for the word 'randomised'."),
        solution("notes = options.set_index('option')['evidence_note']\n"
                 "notes[notes.str.contains('randomised')].to_frame()"),
        answer(f"Only **pulsed radiofrequency**. {cite('cohen2015')} randomised 81 people with "
               "occipital neuralgia or migraine with occipital nerve tenderness, double-blind, "
               "in several centres. Pulsed radiofrequency beat a local anaesthetic-steroid "
               "block at 6 weeks, and the difference lasted to 6 months "
               f"({cite('cohen2015')}). The steroid block was the active comparator: the "
               "trial did not test it against placebo. The other notes say "
               "there is no randomised trial in ON (botulinum toxin, stimulation, surgery) "
               "or rest on expert opinion. Nerve blocks also have meta-analyses of trials in "
               f"migraine ({cite('zhang2018', 'velasquez2022')})."),
        md("## 7. Where the popular articles go wrong\n\nThe seed articles mix sound advice "
           "with errors. Each row below was checked against the sources; where no source "
           "supports a claim, the table says so.\n\n" + _claims_table(), slide="slide"),
        exercise("### Exercise 5\n\nOne seed article says: *'a set of three steroid "
                 "injections such as botulinum toxin to calm down the inflamed nerves'*. "
                 "Name two problems with this sentence."),
        answer("(1) Botulinum toxin is not a steroid: it is a bacterial neurotoxin that "
               "blocks acetylcholine release at nerve endings. (2) 'A set of three' is not a "
               "rule found in any of the kit's sources; steroid injections (usually with a "
               "local anaesthetic, as a nerve block) and botulinum toxin are separate options "
               f"({cite('kapural2007', 'dougherty2014')})."),
        *quiz_cells(PATH),
        *footer(
            ["Screen for red flags first: sudden severe headache, neurological deficit, "
             "abnormal pupils and fever with neck stiffness need emergency care.",
             "Examination looks for tenderness over the nerve, Tinel's sign at the GON's "
             "exit and reproduction of the pain.",
             "Relief after a local anaesthetic block is ICHD-3 criterion D. It is "
             "consistent with an occipital-nerve source but does not prove one: blocks help "
             "migraine and cluster headache too.",
             "MRI looks for structural causes; it does not show occipital neuralgia.",
             "Conservative care comes first; blocks, botulinum toxin, stimulation and "
             "surgery rest on observational evidence and are kept for refractory pain.",
             "Botulinum toxin is not a steroid; the GON (dorsal ramus of C2) and LON "
             "(ventral rami C2-C3) have different origins."],
            "Go back to **03 headache comparison** to classify the cases again with what "
            "you now know about the examination and the block, or to **01 the occipital "
            "nerves** to see where the block points lie on the nerve's course.",
            REFERENCES),
    ]
