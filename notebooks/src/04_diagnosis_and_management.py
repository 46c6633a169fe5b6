# ---
# jupyter:
#   kit:
#     title: Diagnosis, management and red flags in occipital neuralgia
#     overview: 'How is occipital neuralgia (ON) recognised, and what can be done for it? This notebook
#       follows a clinician''s route: first rule out a dangerous cause, then take the history, examine
#       the occipital nerves, use a diagnostic nerve block (ICHD-3 criterion D) and imaging where
#       it helps. Then come the treatments, from heat to surgery, with their evidence.'
#     objectives:
#     - Recognise the headache red flags that need emergency care.
#     - 'Describe the history and the examination for occipital neuralgia: tenderness over the nerve,
#       Tinel''s sign at the greater occipital nerve''s exit and reproduction of the pain.'
#     - Explain why relief after a local anaesthetic block is ICHD-3 criterion D, and what it does
#       and does not prove.
#     - Say when imaging helps and what it looks for.
#     - Summarise each management option with its evidence, and correct common errors in popular
#       articles.
#     goals:
#     - Recognise the red flags
#     - Examine for occipital neuralgia
#     - Say what a nerve block proves
#     - Know when imaging helps
#     - Weigh the treatments and their evidence
#     minutes: 40
#     prerequisites:
#     - concept: 'Notebook 03: headache comparison'
#       importance: Necessary
#       notes: the ICHD-3 criteria and the checker
#     - concept: 'Notebook 01: the occipital nerves'
#       importance: Helpful
#       notes: where the nerves run
#     references:
#     - do2019
#     - hunder1990
#     - mackie2020_bsr
#     - ichd3_2018
#     - ichd2_2004
#     - on_clinic2021
#     - kim2018
#     - brown_atlas2006
#     - kit_lon_block_marker
#     - blumenfeld2013
#     - dougherty2014
#     - barmherzig2019
#     - cohen2015
#     - zhang2018
#     - tang2017
#     - velasquez2022
#     - mustafa2024
#     - kapural2007
#     - marcolla2022
#     - kim2021_btx
#     - ryu2019
#     - weiner1999
#     - ducic2009
#     - austen2023
#     - gfrerer2020
#     - kuhn1997
#     - rasmussen1992
#     - lyrer2014
#     - dziewas2003
#     - rushton2023
#     - statpearls_occipital_nerves
#     - grays1918
#     - shim2011
#     - lambru2012
#     - choi2016
#     - ogince2007
#     - hall2010
#     - jull2002
#     - gon_depth_prospective
#     - greher2010
#     - dilli2015
#     - busch2007
#     - saper2011
#     - dodick2015
#     - chen2015_ons
#     - bartsch2002
#     - ambrosini2005
# ---

# %% [markdown] part="header"

# %% [markdown] slideshow={"slide_type": "subslide"}
# {kit}`red_flag_box`

# %% [markdown] tags=["notes"]
# Open with the red-flag box and ask the class which of the flags they would miss in a busy clinic. The management section is not treatment advice: it teaches how to read the strength of evidence.

# %% slideshow={"slide_type": "skip"}
# Set-up: the kit's package; figures are drawn by anatomy.viz.
import anatomy
import pandas as pd
from anatomy import headaches
from anatomy.viz import headache_views
pd.set_option('display.max_colwidth', None)
from anatomy.viz.tables import fit_tables
fit_tables()  # tables wrap to fit the screen
from anatomy.viz.errors import short_errors
short_errors()  # a value the kit rejects: your line and the message
head = anatomy.load_head()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 1. First: is this a dangerous headache?
#
# Before naming a headache, screen for a **dangerous cause**. For each red flag the kit's list says:
#
# - what to look for
# - what it may signal
# - what to do

# %% [markdown] slideshow={"slide_type": "skip"}
# Before naming a primary headache, a clinician screens for a secondary cause. The kit's list builds on the SNNOOP10 red and orange flags ({cite}`do2019`). It adds pupil and dissection flags ({cite}`lyrer2014, rushton2023`). Its age cut-off is 50 ({cite}`hunder1990`), where SNNOOP10 uses 65 and ICHD-3's comment on giant cell arteritis 60 ({cite}`ichd3_2018`). Each row says what to look for, what it may signal and what to do. The table below shows what to look for; in Exercise 1 you look up the rest.

# %% slideshow={"slide_type": "skip"}
headaches.red_flags()[['flag', 'look_for']]

# %% [markdown] tags=["exercise"]
# ### Exercise 1
#
# Match each story to a flag in the red-flag box: which words of the story are the flag's signs, and what does it call for?
#
# 1. A student has a severe headache and feels hot and shivery (38.9 °C); bending her chin to her chest hurts too much.
# 2. A 58-year-old man has had a new kind of headache for two weeks. His scalp is sore when he brushes his hair, and his jaw aches when he chews. He has no fever, and his sight is normal.

# %% [markdown] tags=["screen-only"] slideshow={"slide_type": "skip"}
# Then, on screen, `headaches.red_flags()` gives the whole table: read what each flag may signal, and compare its action with yours.

# %% tags=["your-work"] slideshow={"slide_type": "skip"}
# Your work: for each story, the matching flag and what it calls for,
# then the flag's row in headaches.red_flags().
my_flags = ...

# %% tags=["solution"]
flags = headaches.red_flags()
flags[flags['flag'].str.contains('Fever|50 or over')][['flag', 'may_signal', 'action']]

# %% [markdown] tags=["answer"]
# 1. 38.9 °C is a fever, and pain on bending the chin to the chest is neck stiffness: *fever with neck stiffness* may signal meningitis or encephalitis, so **emergency care** ({cite}`do2019`). No occipital nerve block or checker belongs here.
# 2. A new headache at 58 is the flag *new headache at 50 or over* (the screen also flags a recent new headache). A sore scalp and jaw pain on chewing point to giant cell arteritis: both are items of the tree form of its 1990 classification criteria, with a raised ESR ({cite}`hunder1990`). A specialist sees him **the same day** if possible ({cite}`mackie2020_bsr`). A change in his sight would make it **emergency care**, because the disease can blind ({cite}`ichd3_2018`; notebook 05).

# %% [markdown] tags=["exercise"]
# ### Exercise 2
#
# A 38-year-old woman comes to a physiotherapy clinic with new pain in the left side of her neck and a left-sided headache. Both began three days ago after a heavy gym session. Her left upper eyelid droops a little, and her left pupil is smaller than the right. Write her findings as a dict (`new_headache`, `new_neck_pain`, `horner_syndrome`, `age_years`) and run `headaches.red_flag_screen`. What do you do?

# %% tags=["your-work"] slideshow={"slide_type": "skip"}
# Your work: her findings as a dict, then the screen
# (headaches.red_flag_screen).
my_findings = ...
my_screen = ...

# %% tags=["solution"]
findings = {'new_headache': True, 'new_neck_pain': True,
            'horner_syndrome': True, 'age_years': 38.0}
screen = headaches.red_flag_screen(findings)
screen[screen['status'] == 'present'][['flag', 'action']]

# %% [markdown] tags=["answer"]
# Three flags are present. Two call for **emergency care**: *possible cervical artery dissection* (new neck pain with a new headache) and *abnormal pupils, including Horner's syndrome* (a drooping eyelid with a small pupil on the same side). The third, *recent onset of a new headache*, asks only for urgent review, and the emergency covers it. No neck manipulation, massage or exercise: send her for **emergency care** ({cite}`rushton2023, lyrer2014`).

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### 1.1 Cervical artery dissection: the screen that matters before neck treatment
#
# A tear in a neck artery can start with **new neck pain and headache**, before a stroke.
#
# - Look for a small pupil and a drooping eyelid (Horner's syndrome)
# - **No neck manipulation**: send for emergency care

# %% [markdown] slideshow={"slide_type": "skip"}
# A tear in the wall of the carotid or vertebral artery often starts with new neck pain and headache, sometimes after a neck strain or manipulation, before any stroke. On the side of a carotid tear the pupil may be small with a drooping eyelid (**Horner's syndrome**). In 765 patients with dissection, Horner's syndrome was present in 38.5% of carotid and 13.4% of vertebral dissections ({cite}`lyrer2014`); vertebral dissections more often began with neck pain ({cite}`dziewas2003`). The framework of the International Federation of Orthopaedic Manipulative Physical Therapists (IFOMPT) asks physiotherapists and other clinicians to screen for it before any neck treatment ({cite}`rushton2023`). The kit's screen raises this flag for Horner's syndrome, or for a new headache together with new neck pain.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 2. History
#
# Ask:
#
# - **Where** is the pain? One side or both?
# - **What** is it like? **How long** does it last?
# - **What sets it off?** Combing, a pillow?
# - **What else** comes with it?
# - Any **red flags**?

# %% [markdown] slideshow={"slide_type": "skip"}
# The story carries most of the diagnosis. Ask:
#
# - **Where** is the pain, and does it follow the back of the scalp toward the vertex or behind the ear (greater, lesser or third occipital nerve territory)? One side or both?
# - **What is it like, and how long does it last?** ICHD-3 13.4 wants two of three: paroxysms of seconds to minutes, severe intensity, and a shooting, stabbing or sharp quality ({cite}`ichd3_2018`). ICHD-2 (2004) allowed paroxysms 'with or without persistent aching' between them, a wording kept from the first edition of 1988 ({cite}`ichd2_2004`). ICHD-3 no longer mentions a background ache. Ask about one anyway: a constant ache points to other causes too.
# - **What sets it off?** Light touch of the scalp or hair, combing, resting the head on a pillow (allodynia or dysaesthesia, criterion C, part 1).
# - **What else comes with it?** Nausea, light and sound sensitivity or an aura point toward migraine, and pressing or tightening pain on both sides toward tension-type headache. Neck stiffness with reduced movement and a neck injury toward cervicogenic headache (notebook 03).
# - **Red flags** (above), and which painkillers are taken on how many days.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 3. Examination
#
# On the painful side, look for:
#
# 1. **Tenderness** over the nerve
# 2. **Tinel's sign**: tapping gives tingling up the scalp
# 3. **Reproduction**: pressure brings on the usual pain

# %% [markdown] slideshow={"slide_type": "skip"}
# Three findings are sought on the painful side ({cite}`ichd3_2018`):
#
# 1. **Tenderness over the nerve.** Press along the greater occipital nerve (GON) where it leaves the neck muscles. Kim et al. measured its exit through the trapezius about 23 mm lateral and 16 mm below the external occipital protuberance ({cite}`kim2018`). Tenderness over the nerve branches, or trigger points at the GON's emergence or in the C2 territory, is criterion C, part 2.
# 2. **Tinel's sign.** Tapping over the nerve's exit produces tingling or pain running up the scalp. In one headache clinic it was positive in about 75% (146 of 195) of patients with occipital neuralgia ({cite}`on_clinic2021`); it is a supporting sign, not an ICHD-3 criterion.
# 3. **Reproduction of the pain.** Pressure at the trigger point brings on the patient's usual pain. Light stroking of the scalp tests for allodynia (criterion C, part 1); reduced or altered sensation in the territory may also be found.

# %% slideshow={"slide_type": "subslide"} paper="across_the_page"
headache_views.examination_figure('right')

# %% [markdown] slideshow={"slide_type": "skip"}
# *Figure 1. Text summary:* the back of the head with the occipital neuralgia map faintly shaded on the right. A dashed line joins the inion (external occipital protuberance, EOP) to the right mastoid tip. A star marks the greater occipital nerve's exit through the trapezius, about 23 mm lateral and 16 mm below the inion ({cite}`kim2018`); tenderness and Tinel's sign are sought there. A diamond one third of the way from the inion to the mastoid tip is the classic GON block point. The occipital artery (not drawn) is felt higher, on the superior nuchal line ({cite}`brown_atlas2006`), with the nerve just medial to it ({cite}`shim2011`). A square two thirds of the way is the lesser occipital nerve (LON) block point, a teaching rule that is only weakly supported ({cite}`kit_lon_block_marker`). On this model the star and the diamond lie within about a centimetre of each other. A box at the upper left shows the square around them three times larger, where the two stand apart.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 4. The diagnostic block: criterion D
#
# Relief after numbing the nerve is a **required** criterion (D). What does relief tell you, and what not?

# %% [markdown] slideshow={"slide_type": "skip"}
# ICHD-3 makes relief after a local anaesthetic block of the affected nerve a **required** criterion ({cite}`ichd3_2018`). Relief after numbing one nerve is consistent with pain carried by that nerve, but it does not prove it. Occipital and trigeminal input meet in the trigeminocervical complex of the upper neck ({cite}`bartsch2002`), so a block may act there too, on pain that is not the nerve's own. In a placebo-controlled trial, a steroid injection at the greater occipital nerve made most people with cluster headache attack-free, although their pain is around the eye ({cite}`ambrosini2005`). Practical points from an expert consensus on technique ({cite}`blumenfeld2013`) and reviews ({cite}`dougherty2014, barmherzig2019`):
#
# - The greater occipital nerve is blocked near the superior nuchal line, medial to the palpable occipital artery; the lesser occipital nerve further lateral.
# - Relief is temporary (the anaesthetic wears off); longer relief, when it happens, is a bonus, not a criterion.
# - **A block supports the diagnosis; it proves neither the pathway nor the disease.** Occipital nerve blocks also relieve migraine. Meta-analyses of randomised trials in migraine found that a GON block lowered pain intensity by about 1.2 points more than placebo ({cite}`zhang2018`) and reduced headache days ({cite}`tang2017`). In chronic migraine, three pooled trials showed about 4.5 fewer headache days in the first month, with low certainty of evidence ({cite}`velasquez2022`; similar in {cite}`mustafa2024`).
#
# The checker shows the effect of criterion D on Case 1 of notebook 03:

# %% slideshow={"slide_type": "skip"}
findings = headaches.vignettes().at['case_01', 'findings']
without_block = dict(findings, relieved_by_nerve_block=None)  # not yet tried
for label, f in (('block relieved the pain', findings),
                 ('no block tried yet', without_block)):
    verdict = headaches.check_criteria('occipital_neuralgia', f).verdict
    print(f'{label}: 13.4 {verdict}')

# %% [markdown] tags=["exercise"] slides="on_criteria"
# ### Exercise 3
#
# A woman with chronic migraine has throbbing one-sided attacks of about 12 hours, with nausea. A greater occipital nerve block gave her three days of relief. Does the relief make the diagnosis occipital neuralgia? Which ICHD-3 13.4 criteria fail on what you know, and which would you still check?

# %% [markdown] tags=["answer"]
# No. Criterion D is met, but blocks also relieve migraine ({cite}`zhang2018`). B fails: 12-hour attacks are not paroxysms of seconds to minutes, and throbbing is not shooting, stabbing or sharp, so at most one of its three features fits ({cite}`ichd3_2018`). Still to check: pain in an occipital nerve territory (A), allodynia and nerve tenderness (C). E fails while migraine, another ICHD-3 diagnosis, explains the picture better. The two can coexist: occipital neuralgia was about twice as likely in chronic migraine in one clinic ({cite}`on_clinic2021`).

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### 4.1 The block in numbers
#
# - At the classic site the nerve lies **shallow**: about 7 mm deep
# - The injected volumes are **small**: a few mL
#
# These are what studies measured, not a protocol.

# %% [markdown] slideshow={"slide_type": "skip"}
# How deep is the nerve, and how much is injected? The kit keeps the published values with their sources in `anatomy/data/headaches.toml`; they describe what studies measured or recommended, not a protocol to follow.

# %% slideshow={"slide_type": "skip"}
headaches.block_technique()[['item', 'value', 'source_kind', 'reference']]

# %% [markdown] slideshow={"slide_type": "skip"}
# At the classic site the nerve lies only about 7 mm under the skin by ultrasound ({cite}`shim2011`), so the needle stays shallow. At surgery it lay about 2 cm deep where it leaves semispinalis and 3 cm where it enters it ({cite}`gon_depth_prospective`). Blocks of that deeper course, over obliquus capitis inferior at C2, have been guided by ultrasound ({cite}`greher2010`). The volumes reported are small. The expert consensus ({cite}`blumenfeld2013`) and a randomised trial ({cite}`dilli2015`) used a few millilitres per nerve, a physiology study 5 mL ({cite}`busch2007`).

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 5. When imaging helps
#
# Imaging does **not** show occipital neuralgia. MRI looks for a **structural cause**:
#
# - when the picture is atypical
# - with neurological signs or red flags
# - before invasive treatment

# %% [markdown] slideshow={"slide_type": "skip"}
# Imaging does not show occipital neuralgia itself. It is used to look for a **structural cause**: when the picture is atypical, when there are neurological signs or a red flag, or before invasive treatment. Lesions of the upper cervical spine, the craniocervical junction or the posterior fossa can produce occipital pain. Magnetic resonance imaging (MRI) is the usual choice because it shows the spinal cord, nerve roots and soft tissue ({cite}`barmherzig2019, dougherty2014, do2019`).

# %% [markdown] slideshow={"slide_type": "skip"}
# Before any treatment, screen again: the red flags from the top of this notebook, in short.

# %% [markdown] slideshow={"slide_type": "slide"}
# {kit}`red_flag_box_short`

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 6. Management
#
# A stepped approach:
#
# 1. Conservative care
# 2. Nerve blocks
# 3. Only for severe pain that resists all else: stimulation or surgery
#
# **Teaching material, not treatment advice.**

# %% [markdown] slideshow={"slide_type": "skip"}
# The sources describe a stepped approach: conservative care first, then nerve blocks, and only for severe pain that resists everything else, neuromodulation or surgery ({cite}`barmherzig2019, dougherty2014`). The table lists each option with what it is, who it is for and an evidence note. **This is teaching material, not treatment advice.**

# %% slideshow={"slide_type": "skip"}
options = headaches.management_options()
options[['option', 'what_it_is', 'who_it_is_for']]

# %% slideshow={"slide_type": "skip"}
options[['option', 'evidence_note', 'reference']]

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### 6.1 Reading the evidence
#
# - Conservative care: recommended, but **no trial** in occipital neuralgia
# - Nerve blocks: expert consensus, mostly observational
# - Pulsed radiofrequency: **one randomised trial**
# - Botulinum toxin: small series; one small trial, wider group
# - Stimulation: series in ON; sham trials in migraine
# - Surgery: small series

# %% [markdown] slideshow={"slide_type": "skip"}
# - **Heat, rest, massage of tight neck muscles, non-steroidal anti-inflammatory drugs (NSAIDs), physiotherapy and exercises** are the usual first steps. Reviews recommend conservative care first, but we found no trial of these measures in occipital neuralgia itself ({cite}`barmherzig2019, dougherty2014`). Massage should be gentle: pressing a sensitised nerve can provoke pain.
# - **Nerve blocks with local anaesthetic, with or without a steroid,** both support the diagnosis and relieve pain for days to weeks. The technique has an expert consensus ({cite}`blumenfeld2013`), but evidence in ON is mostly observational.
# - **Pulsed radiofrequency** has one multicentre double-blind randomised trial in 81 people with occipital neuralgia, or migraine with occipital nerve tenderness. Pulsed radiofrequency plus local anaesthetic lowered average occipital pain more than a local anaesthetic-steroid block at 6 weeks (by 2.7 versus 1.4 points on a 0-10 scale). The difference lasted to 6 months ({cite}`cohen2015`).
# - **Botulinum toxin** rests on small studies. In a retrospective series, 5 of 6 patients had less pain at 4 weeks, and relief lasted about 16 weeks versus about 2 after bupivacaine ({cite}`kapural2007`). In an uncontrolled series of 29, average pain fell from about 9.8 to 3.7 out of 10 at 12 weeks ({cite}`marcolla2022`). A pilot study of 8 found the same direction ({cite}`kim2021_btx`). The one randomised trial, in 54 people with chronic occipital headache (not only ON), found a botulinum toxin block better than a bupivacaine block at 4, 8 and 24 weeks ({cite}`ryu2019`). No placebo-controlled trial in ON exists, and uncontrolled series overstate benefit.
# - **Occipital nerve stimulation** uses implanted leads; the first series in occipital neuralgia reported good relief in 12 of 13 patients ({cite}`weiner1999`), and in ON the evidence is still case series. The randomised trials are in chronic migraine. In a feasibility trial, 39% responded to adjustable stimulation at 3 months against 6% with preset stimulation and none with medicines alone. Leads moved in about a quarter of those implanted ({cite}`saper2011`). The largest sham-controlled trial (157 people) missed its main end point at 12 weeks. In its open-label year about half reported half as many headache days, and 70% had an adverse event ({cite}`dodick2015`). Pooling three sham-controlled trials gave about 2.6 fewer days a month of long, moderate-to-severe headache; lead migration and infection were common and often needed another operation ({cite}`chen2015_ons`).
# - **Occipital release (decompression) surgery** frees the nerve from muscle, fascia or the occipital artery. Evidence comes from retrospective and small prospective series ({cite}`ducic2009, austen2023, gfrerer2020`). Reviews keep it as a last step after all else has failed ({cite}`barmherzig2019`).

# %% [markdown] tags=["exercise"] slides="block_and_toxin"
# ### Exercise 4
#
# One seed article says: *'a set of three steroid injections such as botulinum toxin to calm down the inflamed nerves'*. Name two problems with this sentence, then rewrite it so that it is correct. The notebook's table of options (`options`) has what you need.

# %% [markdown] tags=["answer"]
# (1) Botulinum toxin is not a steroid: it is a bacterial neurotoxin that blocks acetylcholine release at nerve endings. (2) 'A set of three' is not a rule found in any of the kit's sources. Steroid injections (usually with a local anaesthetic, as a nerve block) and botulinum toxin are separate options ({cite}`kapural2007, dougherty2014`). A correct version: *'Nerve blocks with a local anaesthetic, often with a steroid, are one option; botulinum toxin injections are another, studied in small trials and series.'*

# %% [markdown] tags=["exercise"] slides="pulsed_rf_evidence"
# ### Exercise 5
#
# A clinic leaflet says: *'Pulsed radiofrequency is proven to cure occipital neuralgia.'* Search the `evidence_note` column of `options` for the word 'randomised'. Using the notes you find, give two ways in which the leaflet overstates the evidence.

# %% tags=["your-work"] slideshow={"slide_type": "skip"}
# Your work: the options whose evidence note says
# 'randomised'.
my_options = ...

# %% tags=["solution"]
notes = options.set_index('option')['evidence_note']
notes[notes.str.contains('randomised')].to_frame()

# %% [markdown] tags=["answer"]
# Four notes say 'randomised'. Pulsed radiofrequency rests on one of them, {cite}`cohen2015`, and the leaflet overstates it in at least three ways:
#
# - **One trial:** 81 people in several centres. One trial is a start, not proof.
# - **A wider group:** people with occipital neuralgia or migraine with occipital nerve tenderness, not only ICHD-3 13.4.
# - **No placebo, no cure:** it beat the active comparator, a local anaesthetic-steroid block, on pain scores at 6 weeks, a difference that lasted to 6 months. The trial had no placebo arm, and it did not measure a cure.
#
# The other notes: botulinum toxin's one small trial was in chronic occipital headache, not only ON ({cite}`ryu2019`). The nerve block's randomised trials are in migraine ({cite}`zhang2018, velasquez2022`), and so are stimulation's ({cite}`saper2011, chen2015_ons`).

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### 6.2 Procedures: what can go wrong
#
# - **Nerve block**: the occipital artery is close, so aspirate before injecting
# - **Destroying the nerve**: rarely done; pain often returns and the numbness is permanent

# %% [markdown] slideshow={"slide_type": "skip"}
# - **Nerve block.** At the classic site the occipital artery lies only about 1-1.5 mm from the nerve ({cite}`shim2011`), so the needle can enter the artery: aspirate before injecting. A steroid in this superficial site can thin the skin and cause a bald patch ({cite}`lambru2012`).
# - **Destructive procedures** (neurectomy, C2 ganglionectomy, rhizotomy, radiofrequency lesioning) are now rarely used: pain often returns, numbness is permanent and a destroyed nerve cannot be restored ({cite}`choi2016`).

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### 6.3 Physiotherapy
#
# The **flexion-rotation test** and neck exercises belong to **cervicogenic** headache, not occipital neuralgia. They help to tell the two apart.

# %% [markdown] slideshow={"slide_type": "skip"}
# For physiotherapy students: what to examine, what to screen and what the evidence says. The flexion-rotation test and the exercise trial are about **cervicogenic headache**, not occipital neuralgia; they help to tell the two apart.

# %% slideshow={"slide_type": "skip"}
headaches.physiotherapy()[['item', 'evidence', 'reference']]

# %% [markdown] slideshow={"slide_type": "skip"}
# In numbers: with experienced examiners, the flexion-rotation test had a sensitivity of 91% and a specificity of 90%. The study had 58 people: 23 with cervicogenic headache and C1-C2 dysfunction, 23 without headache and 12 with migraine with aura ({cite}`ogince2007`). Comparing clear cases with people who have no symptoms makes a test look more accurate than it will be in a clinic. With a 30-degree cut-off it classified 85% of 60 people with headache correctly ({cite}`hall2010`). In a trial of 200 people with cervicogenic headache, manipulative therapy and low-load exercise each reduced headache frequency and intensity at 12 months ({cite}`jull2002`). No such trial exists in occipital neuralgia.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 7. Where the popular articles go wrong
#
# Ten claims from web articles, checked (all ten: the notebook's last table). Three of them:
#
# - ON is **not** 'throbbing': that is migraine's word
# - The GON and the LON come from **different** rami
# - Heat and massage comfort; they do not **cure**

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Take-home points
#
# - Red flags first
# - Examine: nerve tenderness, Tinel's sign, the pain reproduced
# - Block relief is criterion D: support, not proof
# - MRI finds other causes, not ON
# - Conservative care first; one randomised trial favours pulsed radiofrequency

# %% [markdown] slideshow={"slide_type": "skip"}
# ## Summary
#
# - Screen for red flags first: sudden severe headache, neurological deficit, abnormal pupils and fever with neck stiffness need emergency care.
# - Examination looks for tenderness over the nerve, Tinel's sign at the GON's exit and reproduction of the pain.
# - Relief after a local anaesthetic block is ICHD-3 criterion D. It is consistent with an occipital-nerve source but does not prove one: blocks help migraine and cluster headache too.
# - MRI looks for structural causes; it does not show occipital neuralgia.
# - Conservative care comes first. Nerve blocks rest on expert consensus and mostly observational evidence. Pulsed radiofrequency has one randomised trial, in which it beat a local anaesthetic-steroid block ({cite}`cohen2015`). Botulinum toxin has small series and one small randomised trial against a bupivacaine block, in chronic occipital headache rather than ON alone ({cite}`ryu2019`). Stimulation and surgery rest on small series in ON and are kept for refractory pain.
# - Botulinum toxin is not a steroid; the GON (dorsal ramus of C2) and LON (ventral rami C2-C3) have different origins.

# %% [markdown] part="quiz"

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### What's next?
#
# Go back to **03 headache comparison** to classify the cases again with what you now know about the examination and the block. Or go to **01 the occipital nerves** to see where the block points lie on the nerve's course.

# %% [markdown] slideshow={"slide_type": "skip"}
# ## Reference: the seed articles' claims, checked
#
# For revision after Exercises 4 and 5, which it answers. The seed articles mix sound advice with errors. Each row below was checked against the sources; where no source supports a claim, the table says so.
#
# | Claim in a seed article | What the sources say |
# |---|---|
# | Botulinum toxin is one of 'a set of three steroid injections' | Botulinum toxin is a bacterial neurotoxin that blocks acetylcholine release; it is not a steroid. Steroid injections (with local anaesthetic) are a different option. {cite}`kapural2007, dougherty2014` |
# | Occipital neuralgia is 'throbbing' | ICHD-3 describes shooting, stabbing or sharp paroxysms; pulsating pain is a migraine criterion. {cite}`ichd3_2018` |
# | 'Sensitivity to light' is a symptom of occipital neuralgia | Not an ICHD-3 feature of ON; photophobia with phonophobia is a migraine criterion. Visual disturbance was reported by 8 of 12 patients in one small emergency-room series, which took in people with one-sided aching pain, not ICHD-3 13.4 patients. {cite}`ichd3_2018, kuhn1997` |
# | 'There is no aura, distinguishing this headache from a migraine' | Misleading: most migraine has no aura (1-year prevalence 6% without vs 4% with aura). {cite}`rasmussen1992` |
# | Trapezius tension constricts the temporal artery and causes migraine | No support in the sources; the superficial temporal artery runs in front of the ear, away from the trapezius. {cite}`grays1918` |
# | 'Spinal decompression': a chiropractor adjusts the cervical spine | That is spinal manipulation, not occipital decompression (release) surgery, which is an operation that frees the occipital nerves from muscle, fascia or artery. {cite}`barmherzig2019, ducic2009` |
# | The GON 'arises between C1 and C2 along with the LON' | Half right. The GON, the medial branch of the dorsal ramus of C2, does run backward between C1 and C2. 'Along with the LON' is wrong: the LON comes from the ventral rami of C2 (and often C3) through the cervical plexus. {cite}`statpearls_occipital_nerves, grays1918` |
# | Calcium/magnesium supplements help because they are 'anti-inflammatory' | No source in the kit supports this for occipital neuralgia. |
# | 'Sleeping with a poor posture is a top cause' | Unsupported: no study in the kit's sources ranks sleeping posture as a cause. |
# | Heat, rest, massage and NSAIDs are 'the fastest way to cure' ON | They are comfort and first-line measures; no trial shows they cure ON. {cite}`barmherzig2019, dougherty2014` |

# %% [markdown] part="footer"
