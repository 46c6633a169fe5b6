# ---
# jupyter:
#   kit:
#     title: The differential diagnosis of occipital pain
#     overview: 'Pain at the back of the head is not always occipital neuralgia (ON). This notebook
#       lists the conditions a clinician must tell apart from it. They include brief primary headaches
#       and neck-tongue syndrome. They also include secondary causes, some dangerous, such as a
#       torn neck artery, giant cell arteritis (GCA) or lesions at the top of the neck. Pain from
#       neck joints is secondary too, though not urgent. Each entry gives its International
#       Classification of Headache Disorders (ICHD-3) code where one exists, and the features
#       that separate it. The order of thinking is always the same: screen
#       for red flags first, then classify.'
#     objectives:
#     - Screen a story for red flags before naming any primary headache.
#     - Name the conditions in the differential of occipital pain with their ICHD-3 codes.
#     - State the feature that separates each from occipital neuralgia.
#     - Use the checker on primary stabbing headache (4.7), neck-tongue syndrome (13.5) and chronic
#       migraine (1.3).
#     - Judge common web claims about occipital neuralgia against sources.
#     goals:
#     - Screen for red flags first
#     - Name the differential
#     - Find the feature that separates each
#     - Check stabbing and neck-tongue cases
#     - Judge web claims
#     minutes: 35
#     prerequisites:
#     - concept: 'Notebook 03: headache comparison'
#       importance: Necessary
#       notes: the ICHD-3 criteria and the checker
#     - concept: 'Notebook 04: diagnosis and red flags'
#       importance: Necessary
#       notes: the red-flag screen
#     references:
#     - jull2002
#     - ichd3_2018
#     - do2019
#     - hunder1990
#     - mackie2020_bsr
#     - lyrer2014
#     - dziewas2003
#     - rushton2023
#     - kelman2005
#     - on_clinic2021
#     - zhang2018
#     - kim2009_meningioma
#     - garza2007
#     - delen2015
#     - fratalia2021
#     - star1992
#     - bogduk2009
#     - ichd3_beta_2013
#     - fernandez2006
#     - bovim1991
#     - won2018
#     - tubbs2014
#     - statpearls_occipital_nerves
#     - grays1918
#     - ducic2009
#     - austen2023
#     - guyuron2009
#     - barmherzig2019
#     - cohen2015
# ---

# %% [markdown] part="header"

# %% [markdown] slideshow={"slide_type": "subslide"}
# {kit}`red_flag_box_short`

# %% [markdown] tags=["notes"]
# Open with the question: which of these could kill or blind the patient this week? Take the class's answers before showing the table (this note is in the students' notebooks too, so it names no answer). Then go through the table by group. Leave 10 minutes for the two cases.

# %% slideshow={"slide_type": "skip"}
# Set-up: the kit's package; figures are drawn by anatomy.viz.
import anatomy
import pandas as pd
from anatomy import headaches
pd.set_option('display.max_colwidth', None)
from anatomy.viz.tables import fit_tables
fit_tables()  # tables wrap to fit the screen
from anatomy.viz.errors import short_errors
short_errors()  # a value the kit rejects: your line and the message
head = anatomy.load_head()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 1. Screen first
#
# Screen for red flags **before** naming any headache.
#
# Two flags matter most for pain at the back of the head:
#
# - a **new headache with new neck pain**: a torn neck artery?
# - a **new headache at 50 or over** (sources vary: 50-65): giant cell arteritis?

# %% [markdown] slideshow={"slide_type": "skip"}
# The red-flag screen comes before any primary diagnosis ({cite}`do2019`). `headaches.red_flag_screen(findings)` marks each flag as *present*, *absent* or *not asked*; a flag you did not ask about stays open. Two flags matter most for occipital pain. The first is **a new headache with new neck pain** (possible cervical artery dissection). The second is **a new headache at 50 or over** (giant cell arteritis, tumour). Sources differ on the age. SNNOOP10 puts its cut-off at onset after 65. ICHD-3 says a recent persisting headache over 60 should suggest giant cell arteritis ({cite}`ichd3_2018`). The kit uses 50, the age in the giant cell arteritis criteria ({cite}`hunder1990`). A recent new headache is a flag at any age.

# %% slideshow={"slide_type": "skip"}
headaches.red_flag_screen({'new_headache': True, 'new_neck_pain': True,
                           'age_years': 44.0})[['flag', 'status', 'action']].head(4)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 2. The differential at a glance
#
# Other causes of pain at the back of the head, in four groups:
#
# - **secondary**: find and treat, the dangerous first
# - **neuralgia**: nerve pains
# - **musculoskeletal**: the top of the neck
# - **primary**: headaches the checker knows

# %% [markdown] slideshow={"slide_type": "skip"}
# The kit keeps the differential in `anatomy/data/differential.toml`; every row has its sources, and its ICHD-3 code where one exists. Codes are from ICHD-3 ({cite}`ichd3_2018`). The table's `group` column files the rows in the four groups above. *Secondary* holds the causes to find and treat: the dangerous ones, shingles and nerve tumours at the top of the neck, and headache after a head injury or whiplash. The others are *neuralgia*, *musculoskeletal* (the C1-C2 joint and cervicogenic headache, which ICHD-3 also places with the secondary headaches, in chapter 11) and *primary*. `headaches.differential('primary')` gives one group.

# %% slideshow={"slide_type": "skip"}
diff = headaches.differential()
diff[['name', 'group', 'ichd3_code', 'urgency']]

# %% [markdown] slideshow={"slide_type": "skip"}
# What separates each from occipital neuralgia. The table shortens four terms: GON, greater occipital nerve; ESR and CRP, erythrocyte sedimentation rate and C-reactive protein (blood tests for inflammation); MRI, magnetic resonance imaging.

# %% slideshow={"slide_type": "skip"}
diff.set_index('name')[['separating']]

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### 2.1 The dangerous ones
#
# - **Cervical artery dissection**: new neck pain with a new headache
# - **Giant cell arteritis**: 50 or over, tender scalp, jaw pain on chewing; it can blind
# - **Lesions at the skull base**: an abnormal neurological examination is one alert

# %% [markdown] slideshow={"slide_type": "skip"}
# - **Cervical artery dissection** (6.5.1): new neck pain with a new headache. Horner's syndrome occurs in 38.5% of carotid and 13.4% of vertebral dissections ({cite}`lyrer2014`). Vertebral dissection more often has neck pain ({cite}`dziewas2003`). Screen before any neck treatment ({cite}`rushton2023`).
# - **Giant cell arteritis** (6.4.1): a new headache at 50 or over. Look for any of these: a tender scalp or temporal artery, jaw pain on chewing, a raised erythrocyte sedimentation rate (ESR). These are items of the American College of Rheumatology (ACR) classification criteria and their tree form ({cite}`hunder1990`). A specialist sees the person the same day if possible ({cite}`mackie2020_bsr`): it can cause blindness ({cite}`ichd3_2018`), so any new visual symptom needs emergency care.
# - **Posterior-fossa and craniocervical lesions** (7.7, 7.4): a foramen magnum meningioma has presented as occipital neuralgia alone ({cite}`kim2009_meningioma`); an abnormal neurological examination is an alert ({cite}`garza2007`).

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### 2.2 Look-alikes at the top of the neck
#
# - **Shingles at C2**: the pain can come before the rash
# - **A nerve tumour at C1-C2**: rare
# - **Pain from the C1-C2 joint**: refers to the back of the head

# %% [markdown] slideshow={"slide_type": "skip"}
# - **C2 herpes zoster**: the pain can come a week before the rash ({cite}`fratalia2021`).
# - **C1-C2 schwannoma**: rare; pain that steadily worsens, or neurological signs ({cite}`delen2015, do2019`).
# - **Lateral atlanto-axial joint pain**: ICHD-3 13.4 asks that referral from this joint be told apart from occipital neuralgia ({cite}`ichd3_2018, star1992`). A controlled joint block is the rigorous test ({cite}`bogduk2009`).

# %% [markdown] tags=["exercise"] slides="secondary_causes"
# ### Exercise 1
#
# Filter the table for the rows whose `group` is **secondary**. Which of them can a person have with a normal neurological examination? For those, which clue in the history or on the skin would you look for instead?

# %% tags=["your-work"] slideshow={"slide_type": "skip"}
# Your work: the secondary causes in the table
# (headaches.differential).
my_secondary = ...

# %% tags=["solution"]
headaches.differential('secondary')[['name', 'urgency']]

# %% [markdown] tags=["answer"]
# All six: a normal examination rules none out. A foramen magnum tumour has presented as occipital neuralgia alone ({cite}`kim2009_meningioma`). Clues to look for instead:
#
# - **Dissection**: new, unusual neck pain with a new headache; most have no Horner's syndrome ({cite}`lyrer2014`).
# - **Giant cell arteritis**: onset at 50 or over, a tender scalp or temporal artery, jaw pain on chewing ({cite}`hunder1990`).
# - **Posterior-fossa lesion or Chiari I**: headache set off by cough, strain or posture ({cite}`ichd3_2018, do2019`).
# - **C2 zoster**: look again at the skin; the rash can follow the pain by days ({cite}`fratalia2021`).
# - **Schwannoma**: pain that steadily worsens, a red flag of its own ({cite}`do2019`).
# - **Post-traumatic**: onset within 7 days of a head injury or whiplash ({cite}`ichd3_2018`).

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 3. Cases the checker can test
#
# Three more conditions for the checker:
#
# - primary stabbing headache (4.7)
# - neck-tongue syndrome (13.5)
# - chronic migraine (1.3)
#
# The people in the cases are invented.

# %% [markdown] slideshow={"slide_type": "skip"}
# The checker knows primary stabbing headache (4.7), neck-tongue syndrome (13.5) and chronic migraine (1.3) as well as the five conditions of notebook 03. `check_all(findings, conditions='all')` runs all of them. The people are invented.

# %% slideshow={"slide_type": "skip"}
cases = headaches.vignettes(answers=False)  # the cases, without their verdicts

# %% [markdown] part="differential_cases" cases=["case_10", "case_11"]

# %% [markdown] slideshow={"slide_type": "skip"}
# ICHD-3's criteria for chronic migraine (1.3), as the checker holds them ({cite}`ichd3_2018`):

# %% slideshow={"slide_type": "skip"}
headaches.criteria_table('chronic_migraine')[['text']]

# %% [markdown] tags=["exercise"] slides="chronic_migraine_criteria"
# ### Exercise 2
#
# A 40-year-old has had headache on 20 days a month for 6 months. Only 6 of those days have migraine features, and no other day is relieved by a triptan or an ergot. She has had dozens of migraine attacks in the past. From the criteria above, predict: does she meet chronic migraine (1.3)? Then write the findings and check.

# %% [markdown] tags=["screen-only"] slideshow={"slide_type": "skip"}
# The keys you need are in `headaches.findings_vocabulary()`: look for the ones about headache days, months and migraine. `headaches.check_criteria('chronic_migraine', findings).to_frame()` shows each criterion as a row of a table.

# %% tags=["your-work"] slideshow={"slide_type": "skip"}
# Your work: her findings as a dict, then chronic migraine
# checked with headaches.check_criteria.
my_findings = ...
my_result = ...

# %% tags=["solution"]
findings = {'days_per_month': 20.0, 'months': 6.0,
            'past_migraine_attacks': 40, 'migraine_days_per_month': 6.0}
headaches.check_criteria('chronic_migraine', findings).to_frame()[['status', 'reason']]

# %% [markdown] tags=["answer"]
# No. She meets A (headache on 20 days a month, for more than 3 months) and B (at least five past migraine attacks). C fails: it needs at least 8 days a month with migraine features, and she has 6 ({cite}`ichd3_2018`). D is a clinician's judgement, which the checker leaves out. A clinician would also ask about painkiller use. ICHD-3 notes that medication overuse is the commonest reason for a chronic-migraine-like picture ({cite}`ichd3_2018`, comment on 1.3).

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 4. Claims from the seed articles
#
# Six claims from web articles, checked. Three of them:
#
# - The greater occipital nerve pierces the trapezius near the skull, not over the shoulder
# - Diabetes and gout: **no source** links them to occipital neuralgia
# - "Better in a week": **no study** says so

# %% [markdown] slideshow={"slide_type": "skip"}
# Each claim below was checked against the kit's sources.
#
# | Claim in a seed article | Verdict and source |
# |---|---|
# | Tension in the upper trapezius compresses the greater occipital nerve (GON) | Partly. The GON pierces the trapezius near its attachment to the skull, usually through the aponeurosis; the muscle itself is pierced in 17-45% of sides. It does not run through the trapezius over the shoulder. {cite}`bovim1991, won2018, tubbs2014` |
# | The GON is 'the thickest' cutaneous nerve in the body | Overstated and unverified. StatPearls calls the GON the biggest purely afferent nerve arising from the C2 dorsal ramus. That is a claim about C2, not the whole body; no source in the kit compares it with every cutaneous nerve. Gray's also describes muscular branches to semispinalis capitis. {cite}`statpearls_occipital_nerves, grays1918` |
# | Most people improve in a week to 10 days | Unsupported: no study in the kit's sources reports this course. ICHD-3 gives no time course, and trials treat long-standing pain. {cite}`ichd3_2018, cohen2015` |
# | Diabetes and gout cause occipital neuralgia | Unsupported: no source in the kit links them to occipital neuralgia. Arthritis of the upper neck joints is a named source of occipital pain (a case series of nine, read as its abstract). {cite}`star1992` |
# | A chin tuck trains 'the occipital muscles' | Wrong name. Pressing the back of the head into the table to make a double chin flexes the upper neck; the muscles that do this lie in front of the spine (longus capitis, rectus capitis anterior). The occipital belly of occipitofrontalis moves the scalp. In cervicogenic headache one randomised trial of a low-load exercise programme (deep neck flexors tested by craniocervical flexion) reduced headache at 12 months; no trial in occipital neuralgia was found. {cite}`grays1918, jull2002` |
# | 'Nerve decompression surgery for migraines' with full recovery in one or two weeks | Surgery for migraine has one sham-controlled trial, in migraine with a trigger site, run by the surgeons' own group. In occipital neuralgia the evidence is case series. Reviews keep surgery as a last step. No source gives a recovery time. {cite}`guyuron2009, ducic2009, austen2023, barmherzig2019` |

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Take-home points
#
# - Screen for red flags before naming a primary headache
# - Stabbing headache: moving stabs, no tender nerve
# - Neck-tongue: set off by turning, tongue symptoms
# - Arteritis, dissection and posterior-fossa lesions are the dangerous mimics

# %% [markdown] slideshow={"slide_type": "skip"}
# ## Summary
#
# - Screen for red flags before naming any primary headache; a new headache with new neck pain can be a cervical artery dissection.
# - Primary stabbing headache (4.7): spontaneous stabs of seconds that move about, with no tender nerve; neck-tongue syndrome (13.5): set off by turning, with tongue symptoms.
# - Giant cell arteritis, dissection and posterior-fossa lesions are the dangerous mimics; an abnormal examination calls for imaging.
# - Chronic migraine needs at least 8 days a month with migraine features.

# %% [markdown] part="quiz"

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### What's next?
#
# Go back to **03** and **04** to run the red-flag screen on every case, or to **01** to see where the C2 root and the lateral atlanto-axial joint lie.

# %% [markdown] part="footer"
