# ---
# jupyter:
#   kit:
#     title: Occipital neuralgia, migraine and tension-type headache side by side
#     overview: 'Occipital neuralgia is often mistaken for migraine or tension-type headache, and
#       pain from the neck (cervicogenic headache) can mimic all three. This notebook sets the four
#       side by side using the International Classification of Headache Disorders (ICHD-3): how
#       long an attack lasts, where it hurts, what it feels like and what comes with it. You will
#       then classify written cases with the kit''s criteria checker and compare your reasoning
#       with ours.'
#     objectives:
#     - State in your own words the ICHD-3 criteria for occipital neuralgia (13.4), migraine without
#       and with aura (1.1, 1.2), tension-type headache (2.1-2.3) and cervicogenic headache (11.2.1).
#     - Tell the conditions apart by attack duration, location, quality, intensity and associated
#       symptoms, and read the figures that show these.
#     - Explain why allodynia, nerve tenderness and relief after a nerve block are needed for occipital
#       neuralgia but do not prove it.
#     - Classify case vignettes with `check_criteria` / `check_all` and explain each verdict, including
#       a mixed picture.
#     - Spot where popular articles blur the differences.
#     goals:
#     - State the ICHD-3 criteria
#     - Tell the headaches apart
#     - What a block can and cannot prove
#     - Classify cases with the checker
#     - Spot blurred claims
#     minutes: 45
#     prerequisites:
#     - concept: 'Notebook 01: the occipital nerves'
#       importance: Helpful
#       notes: where the greater, lesser and third occipital nerves (GON, LON, TON) run
#     - concept: 'Notebook 02: pain-referral hot spots'
#       importance: Helpful
#       notes: why occipital pain can reach the eye
#     - concept: Running a Jupyter cell
#       importance: Necessary
#       notes: the code cells are one or two lines
#     references:
#     - ichd3_2018
#     - ichd3_beta_2013
#     - kelman2005
#     - kim2018
#     - kwon2018
#     - zhang2018
#     - tang2017
#     - mustafa2024
#     - on_clinic2021
#     - kuhn1997
#     - calandre2006
#     - travell_simons1983
#     - dougherty2014
#     - velasquez2022
#     - bogduk2009
#     - fernandez2006
#     - fernandez2007
#     - rasmussen1992
#     - do2019
#     - hunder1990
#     - lyrer2014
#     - rushton2023
#     - bartsch2002
#     - ambrosini2005
#     - grays1918
# ---

# %% [markdown] part="header"

# %% [markdown] slideshow={"slide_type": "subslide"}
# {kit}`red_flag_box_short`

# %% [markdown] tags=["notes"]
# Start with the duration timeline: its brief paroxysms point to occipital neuralgia before anyone mentions a criterion (criterion B still needs only two of three features), and it shows that migraine and tension-type headache overlap in time. Leave 20 minutes for the cases; students work in pairs, commit to an answer, then run the checker.

# %% slideshow={"slide_type": "skip"}
# Set-up: the kit's package; figures are drawn by anatomy.viz.
import anatomy
import pandas as pd
from IPython.display import Markdown
from anatomy import headaches, headache_maps
from anatomy.viz import headache_views
pd.set_option('display.max_colwidth', None)
from anatomy.viz.tables import fit_tables
fit_tables()  # tables wrap to fit the screen
from anatomy.viz.errors import short_errors
short_errors()  # a value the kit rejects: your line and the message
head = anatomy.load_head()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 1. The four conditions at a glance
#
# Four conditions, with their ICHD-3 codes:
#
# - **Occipital neuralgia** (13.4)
# - **Migraine** (1.1 without aura, 1.2 with aura)
# - **Tension-type headache** (2.1-2.3)
# - **Cervicogenic headache** (11.2.1)

# %% [markdown] slideshow={"slide_type": "skip"}
# The kit keeps the ICHD-3 criteria, paraphrased, in `anatomy/data/headaches.toml`; every cell carries its source. The table below lists the features that matter for telling the conditions apart ({cite}`ichd3_2018`). Migraine with aura is left out here: its criteria are about the aura, not the headache. The side of the head and where it hurts are left out too: section 3 shows where, and Exercise 1 asks you to predict the side. `headaches.comparison_table()` has every row and condition.

# %% slideshow={"slide_type": "skip"}
headache_views.comparison_view(
    rows=[r for r in headache_views.COMPARISON_ROWS
          if r not in ('laterality', 'typical_locations')])

# %% [markdown] slideshow={"slide_type": "skip"}
# Each cell has its references (`headaches.comparison_sources()`) and, where the kit had to read a vague phrase, a note (`headaches.comparison_notes()`). The criteria of one condition, paraphrased, with their source:

# %% slideshow={"slide_type": "skip"}
headaches.criteria_table('occipital_neuralgia')[['text', 'reference']]

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 2. How long one attack lasts
#
# Durations span seconds to days: a log axis. Paroxysms of seconds to minutes point to occipital neuralgia, but its criterion B needs only two of three features (paroxysms, severe, stabbing). Migraine and tension-type headache overlap in time: other features tell them apart.

# %% slideshow={"slide_type": "subslide"} paper="duration_timeline"
headache_views.duration_timeline()

# %% [markdown] slideshow={"slide_type": "skip"}
# *Figure 1. Text summary:* on a log scale from 1 second to 30 days, occipital neuralgia paroxysms last seconds to minutes. ICHD-3 gives no exact bounds; the bar from 1 s to 10 min is the kit's reading. Each migraine aura symptom lasts 5-60 minutes. A migraine attack lasts 4-72 hours (2-72 hours under 18). An episode of episodic tension-type headache lasts 30 minutes to 7 days. Chronic tension-type headache lasts hours to days or never stops (a hatched bar from 1 hour, with an arrow); its faint stub from 30 minutes is the kit's reading. ICHD-3 gives no duration for cervicogenic headache ({cite}`ichd3_2018`).

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 3. Where it hurts
#
# - **Migraine**: eye, temple, forehead
# - **Occipital neuralgia**: back of the head to the crown
# - **Tension-type**: forehead, temples and back of the head
# - **Cervicogenic**: from the neck forwards

# %% [markdown] tags=["exercise"] slides="side_row" write_here=true
# ### Exercise 1
#
# The seed article for this kit says occipital neuralgia pain is 'normally felt on one side'. Before you read on, predict for each of the four conditions: mostly on one side, on either one side or both, or mostly on both sides? Then check your prediction against what follows (in the notebook, the reading below; on screen, also the side row of the comparison table). Which single criterion in ICHD-3 13.4 mentions the side?

# %% [markdown] tags=["screen-only"] slideshow={"slide_type": "skip"}
# To check, show the side row: `headache_views.comparison_view(rows=['laterality'])`.

# %% [markdown] slideshow={"slide_type": "skip"}
# For migraine there are published location frequencies. In 1283 patients of a tertiary clinic, pain involved the eyes in 67.1%, the temples in 58.0%, the forehead in 55.9%, the occiput in 39.8%, the neck in 39.7% and the vertex in 24.1%. Of these patients, 66.6% had one-sided pain ({cite}`kelman2005`). For the other conditions no such regional numbers were found. Their maps are drawn from the ICHD-3 text and labelled **qualitative**. Occipital neuralgia covers the territories of the greater, lesser and third occipital nerves (GON, LON, TON), with possible spread to the forehead and eye ({cite}`ichd3_2018`). Tension-type headache (TTH) is on both sides, pressing or tightening. ICHD-3 names no region, so the kit gives the forehead, temples and back of the head the same weight. Cervicogenic headache is usually on one side (side-locked), spreading from the neck forwards ({cite}`ichd3_beta_2013, bogduk2009`).

# %% slideshow={"slide_type": "subslide"} paper="pain_maps_across"
headache_views.pain_map_figure(view='posterolateral_right')

# %% [markdown] slideshow={"slide_type": "skip"}
# *Figure 2. Text summary:* four heads in a 2 × 2 grid, seen from behind and to the right (from the right side alone, the migraine and cervicogenic maps looked alike). A note beside the menu says the one-sided maps are drawn on the subject's right. **Occipital neuralgia** (qualitative; drawn on the right, though ICHD-3 allows either side or both): a strip from below the back of the head up to the crown (GON) and a patch behind the ear (LON). A short strip lies near the midline of the upper neck (TON), with a lighter spread (a third of the GON's weight) to the forehead and around the eye. **Migraine** (percent of patients): darkest around the eye (67%), then temple (58%) and forehead (56%); lighter over the occiput and neck (40% each) and the vertex (24%). The left side carries a third of the right side's weight, because two-thirds of patients have one-sided pain, so it shows clearly lighter. **Tension-type** (qualitative): a band round both sides of the head over forehead, temples and occiput. **Cervicogenic** (qualitative): right side only, darkest down the back of the neck on that side, fading forwards over the occiput and temple to forehead and eye. Drag to rotate; the menu turns all four heads.

# %% [markdown] slideshow={"slide_type": "skip"}
# **How to read the colour.** On the migraine map a value is the share of patients with pain there; on the qualitative maps, 1 marks where ICHD-3 puts the pain. So compare where each map is dark, not how dark the maps are: the dark band does not mean tension-type headache hurts more. The posterior views show where occipital neuralgia and cervicogenic headache differ from migraine. How the migraine map was built: each region's weight is Kelman's percentage. The other side gets the same regions scaled by 1 - 0.666, because two-thirds of patients had one-sided pain. That scaling is the kit's reading, not a number from the paper; the region shapes are drawn on 10-20 positions and landmarks.

# %% [markdown] tags=["answer"] slideshow={"slide_type": "subslide"}
# - **Mostly one side:** cervicogenic headache. Side-locked pain is among the features that the ICHD-3 comment says tend to set it apart. Migraine too, in about two-thirds of patients: one-sidedness is one of the four pain features of its criterion C, of which two are needed.
# - **Either:** occipital neuralgia. It is often one-sided, but criterion A, the only criterion that mentions the side, allows one **or both** sides, so the side never decides the diagnosis.
# - **Mostly both sides:** tension-type headache. Both sides is one of the four pain features of its criterion C, again two needed.
#
# Sources: {cite}`ichd3_2018, ichd3_beta_2013, kelman2005`.

# %% slideshow={"slide_type": "skip"}
headache_maps.region_weights('migraine_without_aura')[
    ['weight', 'contralateral_weight', 'basis']]

# %% [markdown] tags=["screen-only"] slideshow={"slide_type": "skip"}
# For print, the same maps as a plate (right lateral and posterior views), with the regions named in text so the figure reads without colour:

# %% tags=["screen-only"] slideshow={"slide_type": "skip"}
headache_views.pain_map_plate(views=('right', 'posterior'), panel_inches=2.6, by_condition=True)

# %% [markdown] tags=["screen-only"] slideshow={"slide_type": "skip"}
# *Figure 3. Text summary:* the four maps of Figure 2, one row each, in two columns (right lateral and posterior). Each region is named once, in the view it faces most. The lateral view names LON and the spread to the forehead and eye for occipital neuralgia, and frontal 56%, temporal 58% and eyes 67% for migraine. The eye region faces forward, so it is named beside the eye. It names band and temporal for tension-type, and the spread regions for cervicogenic headache. The posterior view names GON and TON; vertex 24% (at the crown, which faces upward), occipital 40% and neck 40%; occipital; and occipital and neck. L and R mark the subject's sides in the posterior view.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 4. What distinguishes them
#
# - **Occipital neuralgia**: shooting pain, a tender nerve, relief after a block
# - **Migraine**: nausea, or light and sound sensitivity
# - **Tension-type**: pressing, both sides, no nausea
# - **Cervicogenic**: brought on by neck movement

# %% [markdown] slideshow={"slide_type": "skip"}
# The feature matrix is a table: every cell has words and a symbol for its place in the criteria, so it does not depend on colour (the fill is a third cue). For print, `headache_views.feature_matrix()` draws the same matrix as a figure (`figures/headache_features.png`).

# %% slideshow={"slide_type": "skip"}
headache_views.feature_table()

# %% [markdown] slideshow={"slide_type": "skip"}
# *In words:* rows are quality, intensity, laterality, associated symptoms, aggravation by activity and nerve-block response; columns are occipital neuralgia, migraine, tension-type and cervicogenic headache. Occipital neuralgia **requires** allodynia or dysaesthesia with nerve tenderness (C) and relief after a local anaesthetic block (D); its shooting or stabbing quality and severe intensity are two of three options in B. Migraine **requires** nausea/vomiting or photophobia with phonophobia (D); pulsating, moderate-severe, one-sided and worse with activity are options (2 of 4). Tension-type is pressing, mild-moderate, bilateral and not worse with activity (2 of 4), and nausea **must be absent** (mild allowed only in chronic TTH). Cervicogenic headache needs 2 of 4 causation items, including provocation by neck movement and abolition by a cervical block.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### 4.1 Features that are not specific
#
# Three features of occipital neuralgia that other headaches share:
#
# - nerve tenderness or trigger points (required, criterion C)
# - relief after a nerve block (required, criterion D)
# - pain reaching the eye (allowed, not required)

# %% [markdown] slideshow={"slide_type": "skip"}
# ICHD-3 13.4 requires the first two (criteria C and D) and mentions the third in its comments: the pain *may* reach the forehead and eye. All three also turn up in other headaches, so finding them does not prove occipital neuralgia:
#
# - **Tenderness and trigger points.** A trigger point is a tender spot in a taut band of muscle: pressing it hurts and can send pain to a distant area ({cite}`travell_simons1983`). Trigger points, mostly temporal and suboccipital, were found in 94% of 98 migraine patients ({cite}`calandre2006`). They are common in tension-type headache too ({cite}`fernandez2006, fernandez2007`).
# - **The diagnoses overlap in practice.** A retrospective chart review looked at one community-hospital headache clinic. Of 800 patients seen for headache, 195 had been *diagnosed with* occipital neuralgia (ON). Most had another headache too, and the odds of an ON diagnosis were about twice as high with chronic as with episodic migraine ({cite}`on_clinic2021`). A chart review counts diagnoses that clinicians made; it does not re-check them against the criteria.
# - **Relief after an occipital nerve block.** Blocks also help migraine ({cite}`dougherty2014, zhang2018, velasquez2022`). In a placebo-controlled trial, a steroid injection at the greater occipital nerve made most people with cluster headache attack-free, although cluster pain sits around the eye ({cite}`ambrosini2005`). The nerve's input meets the trigeminal nerve's in the trigeminocervical complex (next item; {cite}`bartsch2002`), so a block may act there too. So relief under criterion D is consistent with an occipital-nerve source, but it does not prove one.
# - **Pain reaching the eye or forehead.** Neurons in the upper cervical dorsal horn receive input from both the greater occipital nerve and the trigeminal nerve (the trigeminocervical complex; {cite}`bartsch2002`). ICHD-3 says occipital neuralgia pain may reach the fronto-orbital area this way ({cite}`ichd3_2018`).

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### 4.2 Where popular articles blur the picture
#
# Four claims from web articles, checked:
#
# - Occipital neuralgia is not "throbbing"
# - Light sensitivity is a migraine sign
# - Most migraine has **no** aura
# - The trapezius does not squeeze the temporal artery

# %% [markdown] slideshow={"slide_type": "skip"}
# The web articles this kit started from (`seeds/`) mix correct and wrong statements. Checked against the sources:
#
# | Claim in a seed article | What the sources say |
# |---|---|
# | Occipital neuralgia is 'throbbing' | ICHD-3 describes shooting, stabbing or sharp paroxysms; pulsating pain is a migraine feature (1.1, criterion C, item 2). {cite}`ichd3_2018` |
# | 'Sensitivity to light' is a symptom of occipital neuralgia | Photophobia is not in the ON criteria; with phonophobia it is a migraine criterion (1.1 D). Visual disturbance was reported by 8 of 12 patients in a small emergency-room series, not a general feature. That series took in people with one-sided aching pain, not ICHD-3 13.4 patients. {cite}`ichd3_2018, kuhn1997` |
# | 'There is no aura, distinguishing this headache from a migraine' | Misleading: most migraine has no aura (1-year prevalence 6% without aura vs 4% with aura in a Danish population). Absence of aura cannot separate ON from migraine. {cite}`rasmussen1992` |
# | Trapezius tension constricts the temporal artery and causes migraine | No support found in the sources; the superficial temporal artery runs in front of the ear, away from the trapezius, and ICHD-3 lists no such mechanism. {cite}`grays1918, ichd3_2018` |

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 5. The criteria checker
#
# `headaches.check_all(findings)` checks a story against each condition's criteria.
#
# - A missing finding stays **unknown**
# - The last criterion always needs a clinician
#
# **It teaches the criteria; it does not diagnose.**

# %% [markdown] slideshow={"slide_type": "skip"}
# `headaches.check_criteria(condition, findings)` says which criteria a set of findings meets; `headaches.check_all(findings)` does it for every condition. Findings use a fixed vocabulary; a missing finding leaves a criterion *not assessed*, and the verdict is then *undetermined* unless another criterion already fails. The last criterion of each set (no better ICHD-3 diagnosis) always needs a clinician.

# %% slideshow={"slide_type": "skip"}
vocabulary = headaches.findings_vocabulary()
vocabulary[['type', 'allowed']].head(12)

# %% [markdown] slideshow={"slide_type": "skip"}
# The `meaning` column says what each finding means. The screen's red-flag findings come last; read their meanings before you fill in a case. `new_headache`, for one, depends on whether a clinician has already worked the headache up.

# %% slideshow={"slide_type": "skip"}
vocabulary.loc['thunderclap_onset':, ['meaning']]

# %% [markdown] slideshow={"slide_type": "skip"}
# The cases below were written for the kit; the people are invented. Read each story, decide, then run the cell and reveal the reasoning.

# %% slideshow={"slide_type": "skip"}
cases = headaches.vignettes(answers=False)  # the cases, without their verdicts
cases[['title']].sort_index()

# %% [markdown] part="case_vignettes" cases=["case_01", "case_02", "case_03", "case_04", "case_05", "case_06"]

# %% [markdown] slideshow={"slide_type": "skip"}
# The checker can also print its full criterion-by-criterion report. Try it on a case whose reasoning you have not seen: Case 7 is in the list above but not among the cases you revealed. Read its story first.

# %% slideshow={"slide_type": "skip"}
Markdown(cases.at['case_07', 'story'])

# %% [markdown] slideshow={"slide_type": "skip"}
# *Before you run the report:* which of criteria A to D do you expect Case 7 to fail for occipital neuralgia? Which can the checker not judge from this story, and why?

# %% tags=["verdict"] slideshow={"slide_type": "skip"}
findings = cases.at['case_07', 'findings']
print(headaches.check_criteria('occipital_neuralgia', findings))

# %% [markdown] tags=["exercise"] slides="migraine_criteria"
# ### Exercise 2
#
# Case 8 in the list (`cases.at['case_08', 'findings']`) describes 2.5-hour attacks in a 15-year-old. Copy the findings, change `age_years` to 25 and check migraine without aura again. What changes, and why?

# %% tags=["your-work"] slideshow={"slide_type": "skip"}
# Your work: Case 8's findings with age_years=25.0, then check
# migraine without aura with headaches.check_criteria.
# print(my_result) reads by criterion; my_result.to_frame() is a table.
my_findings = ...
my_result = ...

# %% tags=["solution"]
findings = dict(cases.at['case_08', 'findings'], age_years=25.0)
result = headaches.check_criteria('migraine_without_aura', findings)
result.to_frame()[['status', 'reason']]

# %% [markdown] tags=["answer"]
# Criterion B now fails: at 25 an attack must last 4-72 hours, and 2.5 hours is too short. Under 18, ICHD-3 accepts 2-72 hours, so the same story is migraine in a 15-year-old ({cite}`ichd3_2018`). At 25 a clinician would think of probable migraine (1.5) or look again at the history.

# %% [markdown] tags=["exercise"]
# ### Exercise 3
#
# In Case 6 the verdict for occipital neuralgia is *undetermined*. Which finding would settle it? What would you record, and what would the verdict become, if a block of the left greater occipital nerve stopped the jolts for a day? And if the block did not help at all?

# %% tags=["your-work"] slideshow={"slide_type": "skip"}
# Your work: the finding that settles it, then Case 6's findings
# with the block recorded.
my_finding = ...
my_findings = ...

# %% tags=["solution"]
findings = dict(cases.at['case_06', 'findings'],
                relieved_by_nerve_block=True)
headaches.check_criteria('occipital_neuralgia', findings).verdict

# %% [markdown] tags=["answer"]
# `relieved_by_nerve_block` (criterion D). With a block that eased the pain, criteria A-D are all met and the verdict becomes *fulfilled*. A block that did not help is recorded as `False`: D fails and the verdict becomes *not fulfilled* ({cite}`ichd3_2018`). The block supports the diagnosis but does not prove it on its own ({cite}`dougherty2014`). Criterion E (no better explanation) still needs a clinician.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Take-home points
#
# - **Duration**: seconds (ON), 4-72 hours (migraine), 30 minutes to 7 days (tension-type)
# - **Place**: nerve territory, eye and temple, a band, or neck forwards
# - Tenderness and block relief support ON but do not prove it
# - A clinician makes the diagnosis

# %% [markdown] slideshow={"slide_type": "skip"}
# ## Summary
#
# - Paroxysms of seconds to minutes point to occipital neuralgia, though its criterion B needs only two of three features. Migraine (4-72 hours) and tension-type headache (30 minutes to 7 days, or unremitting) overlap, so quality, intensity and accompanying symptoms separate them.
# - Migraine pain is most often around the eye, temple and forehead ({cite}`kelman2005`). Occipital neuralgia follows the GON, LON and TON, and tension-type is a bilateral band; cervicogenic headache is usually side-locked and spreads from the neck forwards.
# - Occipital neuralgia needs allodynia or dysaesthesia, nerve tenderness and relief after an anaesthetic block, but each of these also occurs in migraine.
# - Aura, light sensitivity and throbbing do not belong to occipital neuralgia; most migraine has no aura.
# - The checker reports which criteria are met; criterion E and every diagnosis need a clinician.

# %% [markdown] part="quiz"

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### What's next?
#
# Go on to **04 Diagnosis, management and red flags**. It shows how a clinician examines the occipital nerves and why the diagnostic block is criterion D. It also covers when imaging helps, the treatments and how good their evidence is.

# %% [markdown] part="footer"
