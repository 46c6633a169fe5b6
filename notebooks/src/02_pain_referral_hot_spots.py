# ---
# jupyter:
#   kit:
#     title: 'Pain referral: hot spots, referral patterns and skin territories'
#     overview: 'People with occipital neuralgia often point to more than the back of the head:
#       the temple, the forehead, *behind the eye*. Neck-muscle trigger points send pain to many
#       of the same places. This notebook maps where each source sends pain, paints the skin territories
#       of the nerves involved, and explains why a nerve at the back of the head can hurt in front.
#       It starts from a claim to check: a web article''s list of seven ''hot spots'' of greater
#       occipital nerve pain.'
#     objectives:
#     - Locate the hot spots of occipital neuralgia and of upper trapezius, sternocleidomastoid
#       and suboccipital trigger points on a 3D head.
#     - 'Name the mechanism behind each spot: local tenderness, nerve territory, trigeminocervical
#       convergence or myofascial referral.'
#     - Describe the skin territories of the occipital, cervical-plexus and trigeminal nerves, the
#       vertex-ear-chin line, and where territories overlap.
#     - Explain with the experimental evidence why occipital pain can be felt at the forehead and
#       behind the eye.
#     - Judge which items of a published hot-spot list the literature supports, and match a patient's
#       pain drawing to a referral pattern.
#     goals:
#     - Locate the hot spots
#     - Name the mechanism of each
#     - Map the skin territories
#     - Explain pain behind the eye
#     - Check a published hot-spot list
#     minutes: 40
#     prerequisites:
#     - concept: 'Notebook 00: the head model and its landmarks'
#       importance: Necessary
#       notes: inion, mastoid, tragus, 10-20 positions
#     - concept: 'Notebook 01: the course of the GON, LON and TON'
#       importance: Helpful
#       notes: where each nerve pierces the muscles
#     - concept: What a dermatome and a referred pain are
#       importance: Helpful
#       notes: one-line definitions are given below
#     references:
#     - ichd3_2018
#     - kim2018
#     - kwon2018
#     - grays1918
#     - travell_simons1983
#     - fernandez2007
#     - fernandez2006
#     - ashwini2012
#     - suny_downstate
#     - natsis2006
#     - tubbs2007
#     - statpearls_occipital_nerves
#     - dartmouth_anatomy
#     - lee2008_dermatomes
#     - bartsch2002
#     - bartsch2003
#     - piovesan2001
#     - busch2007
#     - bogduk2009
#     - jasper1958
#     - kit_lon_block_marker
# ---

# %% [markdown] part="header"

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 1. The claim to check
#
# A web page lists seven unsourced "hot spots" of GON pain: occipital, supraorbital, temporal, jaw joint, jaw angle, sternocleidomastoid, supraclavicular.
#
# Is each **supported**? By which **mechanism**?
#
# - local tenderness (the source itself)
# - nerve territory
# - trigeminocervical convergence
# - myofascial referral (trigger point)

# %% [markdown] tags=["notes"]
# Ask the class which of the seven spots they believe before you go on; come back to the list in section 5. The 3D figure works without a kernel: use the menu to step through the patterns while you talk. Budget 10 minutes for the convergence schematic; students usually ask why the brain 'gets it wrong'.

# %% [markdown] slideshow={"slide_type": "skip"}
# A patient-education web page (the seed article of this kit) lists the *hot spots of pain due to the greater occipital nerve* as: occipital, supraorbital, temporal, temporomandibular, the angle of the jaw, sternocleidomastoid and supraclavicular. It cites no source for the list. The literature names other places as well: **behind the eye**, **behind the ear and over the mastoid**, the **vertex** and the **forehead**. We check each spot against sources and ask *by which mechanism* pain could be felt there:
#
# | Mechanism | Meaning |
# |---|---|
# | local tenderness | the source itself (a nerve where it emerges, or a trigger point) hurts when pressed |
# | nerve territory | pain is felt in the skin the irritated nerve supplies |
# | trigeminocervical convergence | pain is felt in trigeminal skin because cervical and trigeminal nerve fibres end on the same neurons of the trigeminocervical complex, in the lower brainstem and upper cervical cord (section 4) |
# | myofascial referral | a trigger point in a muscle sends pain to a distant, characteristic zone |
#
# The last two are kinds of **referred pain**: pain felt away from its source, as when a source in the neck is felt in the head ({cite}`bogduk2009`).

# %% slideshow={"slide_type": "skip"}
# Set-up: the kit's package; figures are drawn by anatomy.viz.
import anatomy
import pandas as pd
from anatomy import pain
from anatomy.viz import pain_views
pd.set_option('display.max_colwidth', None)  # whole verdicts and sources
from anatomy.viz.tables import fit_tables
fit_tables()  # tables wrap to fit the screen
from anatomy.viz.errors import short_errors
short_errors()  # a value the kit rejects: your line and the message
head = anatomy.load_head()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 2. Referral patterns, one by one
#
# Seven patterns, each a list of zones with a mechanism and a source:
#
# - GON, LON and TON neuralgia
# - trigger points in the trapezius, sternocleidomastoid and suboccipital muscles
#
# Pick a pattern in the 3D figure's menu.

# %% [markdown] slideshow={"slide_type": "skip"}
# Each pattern is a list of zones, each with a mechanism and a source (`anatomy/data/hotspots.toml`). Each spot is placed at a landmark, a nerve's measured exit ({cite}`kim2018`) or a 10-20 electrode position ({cite}`jasper1958`). Where no source gives a point, the spot is an offset from a landmark, marked as derived in its note. The sources say *where* pain goes, not how strong it is there: the weights (1 = the source or core zone) are display choices. Each pattern is drawn for one side and fades out within about 1 cm across the midline (also a display choice).

# %% slideshow={"slide_type": "subslide"} paper="pattern_gallery"
fig = pain_views.heat_figure()
fig

# %% [markdown] slideshow={"slide_type": "skip"}
# *Figure 1. Text summary:* a 3D head, darker where pain is felt (colour bar 0-100 % of the peak; the colour follows the square root of the intensity, which gives weak zones more of the scale). It opens on greater occipital neuralgia on the right, seen from behind and to the side: dark over the occiput lateral to the inion and over the upper occiput. A third spot at the vertex, on the head's outline in this view, has weight 0.7 against the peak's 1.0, yet looks almost as dark: the colour shows the square root, about 0.84. By convergence it also reaches the forehead, the supraorbital region and behind the eye, on the far side of the head. That is a separate patch, not joined to the scalp zone: the convergence happens in the brainstem, not in the nerve's skin. Its markers show at the head's edge, and the anterior view shows them. Marker shapes give the mechanism (diamond: tender source; circle: nerve territory; square: trigeminocervical convergence; cross: myofascial referral); hover a marker for its source. The top menu switches between the seven patterns on each side; the menu under it turns the head. Pain behind the eye and in the ear is deep; it is drawn on the skin over it (upper eyelid, tragus).

# %% [markdown] slideshow={"slide_type": "skip"}
# **Why the pain spreads along the skin.** Each zone is drawn as a bump that halves at its radius, measured *along the skin* (shortest paths over the mesh), not straight through the head. Skin a few centimetres away in a straight line can be far away over the surface, under the jaw or across the ear, and stays dark only where the pattern puts pain.

# %% [markdown] tags=["exercise"]
# ### Exercise 1
#
# Predict first from the markers of the hot-spot figure: which **named hot spots** does the upper trapezius pattern on the **left** share with left greater occipital neuralgia? (Each left pattern mirrors the right one. Their shaded areas overlap beyond the named spots; the question is about the named spots.) By which mechanism does each pattern reach them?

# %% [markdown] tags=["screen-only"] slideshow={"slide_type": "skip"}
# Then use `pain.hotspots(...)` to list them.

# %% tags=["your-work"] slideshow={"slide_type": "skip"}
# Your work: your prediction first, then the zones the left
# upper trapezius and left GON patterns share (pain.hotspots).
my_prediction = ...
my_shared = ...

# %% tags=["solution"]
trap = pain.hotspots('upper_trapezius', 'left')
gon = pain.hotspots('gon_neuralgia', 'left')
shared = trap.merge(gon, on=['name', 'side'], suffixes=('_trapezius', '_gon'))
shared[['name', 'mechanism_trapezius', 'mechanism_gon']]

# %% [markdown] tags=["answer"]
# Only **behind the eye**: the trapezius trigger point reaches it by myofascial referral, GON neuralgia by trigeminocervical convergence. The same place can hurt for different reasons, which is why the location of pain alone does not make a diagnosis.

# %% [markdown] slideshow={"slide_type": "skip"}
# **What the sources say**, pattern by pattern: the zones, their mechanism and where each comes from.
#
# - **Greater occipital neuralgia** (the commonest form). Tender where the GON pierces the trapezius aponeurosis, about 23 mm lateral and 16 mm below the inion ({cite}`kim2018`; ICHD-3 criterion C2, {cite}`ichd3_2018`). Pain covers the posterior scalp to the vertex, densest over the superolateral occiput ({cite}`kwon2018`). It may reach the fronto-orbital area (ICHD-3 comment): forehead, supraorbital region, behind the eye.
# - **Lesser occipital neuralgia**: lateral occiput, behind the ear and over the mastoid ({cite}`grays1918`), and faintly behind the eye by convergence ({cite}`ichd3_2018`). Sources differ on how high its skin reaches. Kwon found most of it below the superior nuchal line ({cite}`kwon2018`); Gray's continues it up the side of the head behind the ear ({cite}`grays1918`). The kit draws that upper zone lighter; the territory map below includes it. The block point lies two thirds of the way from the inion to the mastoid, a teaching rule that is only weakly supported ({cite}`kit_lon_block_marker`).
# - **Third occipital neuralgia** (rare): lower occiput near the midline, where the TON pierces the trapezius about 13 mm lateral and 44 mm below the inion ({cite}`kim2018, grays1918`).
# - **Upper trapezius trigger point**: the *question-mark* pattern. Pain runs up the back and side of the neck to the mastoid, then round the side of the head to the temple and behind the eye ({cite}`travell_simons1983`). In chronic tension-type headache, pressing it sent pain up the neck in patients and in healthy controls, and on to the temple in most patients but in no control ({cite}`fernandez2007`). Some summaries add the angle of the jaw; the book's figure caption does not, so the kit does not draw it.
# - **Sternocleidomastoid, sternal division**: vertex, occiput, cheek, over the eye, throat and sternum; **clavicular division**: forehead, deep in the ear and behind the ear, sometimes with postural dizziness ({cite}`travell_simons1983`). The figure draws the throat and sternum as one zone, "throat", just above the sternum.
# - **Suboccipital trigger points**: a deep band over the occipital and temporal bones, usually on both sides ({cite}`fernandez2006`). Like every pattern, the figure draws one side at a time, and the band as two zones (the occiput; above the ear to the temple). Spread to the orbit is claimed only on chiropractic and massage web pages, so it is weakly supported and not drawn.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 3. Skin territories of the nerves
#
# - A **dermatome**: the skin of one spinal root
# - A **nerve territory**: the skin of one named nerve
#
# Behind the vertex-ear-chin line the skin is **cervical**; in front of it, **trigeminal**. Territories overlap.

# %% [markdown] slideshow={"slide_type": "skip"}
# **Two words, two maps.** A **dermatome** is the skin supplied by one spinal nerve root (through both its dorsal and ventral rami). A **peripheral-nerve territory** is the skin supplied by one named cutaneous nerve, which may carry fibres from several roots. Dermatomes overlap and vary, and textbook maps disagree ({cite}`lee2008_dermatomes`). The maps below are nerve territories. A cutaneous nerve supplies a patch of skin. Behind the **vertex-ear-chin line** the skin is cervical (C2-C4: greater, lesser and third occipital, great auricular, transverse cervical, supraclavicular). In front of it the skin is trigeminal (here the supraorbital and supratrochlear branches of V1, the zygomaticotemporal of V2 and the auriculotemporal of V3) ({cite}`dartmouth_anatomy`). Neighbouring territories **overlap**: the GON joins the LON in most people ({cite}`natsis2006`) and TON branches cross the midline ({cite}`tubbs2007`). The kit draws each territory as a band around anchor points placed from the cited descriptions (derived, not traced from dissections), with a fade where it meets its neighbours.

# %% slideshow={"slide_type": "skip"}
atlas = pain.territories()
right_side = atlas.table[atlas.table.side == 'right'].reset_index(drop=True)
right_side[['label', 'root', 'division', 'description', 'references']]

# %% slideshow={"slide_type": "subslide"} paper="territory_plate"
pain_views.territory_plate('right')

# %% [markdown] slideshow={"slide_type": "skip"}
# *Figure 2. Text summary:* three shaded views (anterior, right lateral, posterior), the skin coloured by the nerve that dominates it. Each territory is named in the views that show it well: the auriculotemporal and great auricular, at the side of the head, in the lateral view only. The supratrochlear covers the lower forehead near the midline, the supraorbital the rest of the forehead and the scalp back to the vertex; the zygomaticotemporal a small patch of the anterior temple. The auriculotemporal covers the skin in front of the ear and the temple, up towards the vertex. The greater occipital covers the back of the scalp from the nuchal line to the vertex and the side of the head behind the vertex-ear line. The lesser occipital covers the skin behind the ear and just above it. The third occipital covers the lower occiput and upper neck near the midline, and the great auricular the lower ear, the skin over the parotid in front of it and the angle of the jaw. The transverse cervical covers the front of the neck and the supraclavicular nerves the skin over the clavicle. Skin left in its own colour, on the lower face and the back of the neck, has nerves the kit does not draw. Black dots mark skin supplied by two or more nerves; the dashed line is the vertex-ear-chin line.

# %% [markdown] slideshow={"slide_type": "skip"}
# An interactive 3D version is `pain_views.territory_figure()`: each view names the territories it sees, each territory can be toggled from the legend, and the skin two or more nerves share is darker, between crossing outlines. It is not run here, to keep the notebook under 1 MB; type it into a new cell to explore it.

# %% [markdown] tags=["exercise"] slides="territory_side_back"
# ### Exercise 2
#
# **Predict** from the territory figure and its black dots:
#
# 1. Which pairs of right-side nerves share the most skin, and where?
# 2. Which pairs join a trigeminal nerve to a cervical one, and what does that tell you about the vertex-ear-chin line?
# 3. Whose dotted midline, where a nerve meets its partner from the other side, runs furthest? So which nerve shares most skin with its partner?

# %% [markdown] tags=["screen-only"] slideshow={"slide_type": "skip"}
# Then measure on the model. A vertex counts as in a territory where that territory's weight, 1 in its core and fading to 0 at its edge, is at least 0.5. How much skin lies in two or more territories? How much does each pair of right-side nerves share, and each nerve with its partner on the left? Measure area, not vertices: the model's vertices lie closer together round the ear than over the scalp.

# %% tags=["your-work"] slideshow={"slide_type": "skip"}
# Your work: the skin in two or more territories
# (atlas.overlap_count), then the skin two territories share:
# atlas.membership(0.5) gives each (nerve, side) a True/False array;
# & of two arrays marks the vertices they share, and
# atlas.area(array) gives the skin area (cm2) of those vertices.
my_area = ...
my_pairs = ...
my_midline = ...

# %% tags=["solution"]
overlap = atlas.overlap_count(0.5)
shared = atlas.area(overlap >= 2)
print(f'skin in 2+ territories: {shared:.0f} cm2, '
      f'{shared / atlas.area(overlap >= 0):.0%} of the model\'s skin')
members = atlas.membership(0.5)
nerves = sorted({name for name, _ in members})
right_pairs = {}
for i, a in enumerate(nerves):
    for b in nerves[i + 1:]:
        right_pairs[f'{a} + {b}'] = atlas.area(members[(a, 'right')] & members[(b, 'right')])
midline = {n: atlas.area(members[(n, 'right')] & members[(n, 'left')]) for n in nerves}
print('\nshared skin (cm2), right side:')
print(pd.Series(right_pairs).nlargest(9).round(1).to_string())
print('\nshared with the same nerve of the other side (cm2):')
print(pd.Series(midline).nlargest(5).round(1).to_string())

# %% [markdown] tags=["answer"]
# 1. Four pairs share 12-15 cm² each: the **greater and lesser occipital** on the side of the occiput, and the **greater and third occipital** below the inion. Then the **great auricular and lesser occipital** behind the ear, and the **auriculotemporal and supraorbital** above the temple. No other pair shares more than 4 cm²: the dotted ring round the supratrochlear patch on the forehead is as plain as those four, but it is a thin strip (4 cm² with the supraorbital). The dots show where skin is shared, not how much.
# 2. Smaller patches, 2-4 cm² each, join a trigeminal nerve to a cervical one. The **auriculotemporal** meets the great auricular in front of the ear and the lesser occipital above it. The **supraorbital and auriculotemporal** meet the greater occipital near the vertex. The vertex-ear-chin line is a border, not a wall: the branches of neighbours interleave across it.
# 3. The two **greater occipital nerves**: their dotted midline runs from below the inion up to the vertex, the longest. Measured, they share about 18 cm², more than twice any other nerve's. At the front, the supratrochlear and supraorbital lines join end to end, but each nerve's own part is shorter.
#
# In all, about 175 cm², 7 % of the model's skin, lies in two or more territories. Real territories overlap more than any map shows: block one nerve and the numb patch is smaller than its drawn territory.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 4. Why pain from the back of the head is felt behind the eye
#
# The GON (C2) and the trigeminal nerve (forehead, eye) end on the **same neurons**: the trigeminocervical complex, lower brainstem and upper cervical cord.
#
# The brain gets one signal and can place it in either map.

# %% [markdown] slideshow={"slide_type": "skip"}
# The greater occipital nerve (C2) is not trigeminal, yet GON pain can reach the forehead and the orbit. The explanation is **trigeminocervical convergence**: fibres from the C2 root and from the trigeminal nerve (V1: forehead, eye and the dura) end on the *same* second-order neurons in the trigeminocervical complex. This complex is the caudal trigeminal nucleus together with the dorsal horn of C1-C2. The brain receives one signal and can place it in either map.

# %% slideshow={"slide_type": "subslide"} paper="across_the_page"
pain_views.convergence_schematic(scale=0.9)

# %% [markdown] slideshow={"slide_type": "skip"}
# *Figure 3. Text summary:* a schematic. A green V1 afferent from the forehead, eye and dura and an orange GON afferent from the back of the head both end on one reddish-purple second-order neuron. It lies in the trigeminocervical complex (trigeminal nucleus caudalis and the C1-C2 dorsal horn). The neuron projects to the thalamus and cortex, so an irritated GON can be felt at the forehead and behind the eye. The evidence is listed along the bottom.

# %% [markdown] slideshow={"slide_type": "skip"}
# **The evidence.**
#
# - In rats, 67 neurons of the C2 dorsal horn that responded to the dura (V1) were recorded. Most also had receptive fields on the face and on C2 skin and muscle, and stimulating the GON increased their responses to the dura in 8 of 20 ({cite}`bartsch2002`).
# - The reverse: after the dura was irritated, 71 % of such neurons enlarged their cervical receptive fields ({cite}`bartsch2003`).
# - In humans, sterile water injected over the GON of 3 volunteers caused intense pain in 2, and the pain spread into trigeminal territory with trigeminal autonomic signs ({cite}`piovesan2001`). Blocking the GON with a local anaesthetic changed the trigeminal (nociceptive blink) reflex on the injected side only ({cite}`busch2007`).
# - The same convergence explains why neck disorders refer pain forward in cervicogenic headache ({cite}`bogduk2009`), and ICHD-3 names it in its comment on occipital neuralgia ({cite}`ichd3_2018`).
#
# Deep pain behind the eye has no skin of its own: the kit paints it on the upper eyelid, and the spot's description says so.

# %% [markdown] tags=["notes"]
# The rat numbers are small and the human studies had 3 and about 15 participants: present convergence as well supported in animals and consistent with human physiology, not as measured in patients with occipital neuralgia.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 5. Checking the seed article's list
#
# - **Supported** (GON): occipital, supraorbital
# - **Muscle pain**, not GON: temple, sternocleidomastoid
# - **Not confirmed**: angle of the jaw
# - **No source**: jaw joint, above the collarbone
# - **Missing**: behind the eye and ear, vertex, forehead
#
# Sources: {cite}`ichd3_2018, travell_simons1983`.

# %% [markdown] slideshow={"slide_type": "skip"}
# For each of the seven spots, what the registry's sources say, by which mechanism, and which sources (`verdict_reference`; for a spot no source supports, the sources searched):

# %% slideshow={"slide_type": "skip"}
spots = pain.spots()
spots[spots.in_seed_list].set_index('label')[['mechanisms', 'verdict', 'verdict_reference']]

# %% [markdown] slideshow={"slide_type": "skip"}
# **Verdict.** Occipital and supraorbital are supported for occipital neuralgia (the first as the tender nerve itself, the second by convergence) ({cite}`ichd3_2018, kim2018`). Neck-muscle trigger points can also refer pain to the occiput ({cite}`fernandez2006`). Temporal and the sternocleidomastoid are real pain sites, but of *neck-muscle trigger points* (myofascial referral or the trigger point itself), not of the GON ({cite}`travell_simons1983, fernandez2007`). The angle of the jaw is not confirmed: it comes from a web summary of the trigger-point book. The book's own figure caption for the upper trapezius does not list it ({cite}`travell_simons1983`). The temporomandibular joint and the supraclavicular area are not supported by any source in the registry: the skin above the clavicle belongs to the supraclavicular nerves (C3-C4) ({cite}`grays1918`). The list also misses places the sources do give: behind the eye, behind the ear, the vertex and the forehead. A list that mixes nerve pain with muscle pain without saying so can mislead a patient about the cause.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 6. Exercise: read the pain drawings
#
# Patients often shade where it hurts on a body outline. Four patients did so; each drawing comes with the patient's words.

# %% slideshow={"slide_type": "subslide"} paper="across_the_page"
pain_views.drawing_plate(scale=0.9)

# %% [markdown] slideshow={"slide_type": "skip"}
# *Figure 4. Text summary:* four heads, each seen from the painful side where most of its shading shows, with the area the patient shaded in blue. A and D are seen from behind and to that side, B from the side and a little above, C from in front and to that side. A (right): one strip from the base of the skull up over the back of the head; the patch behind the eye is out of sight in this view. B (left): one strip from the top of the shoulder up the side of the neck, behind the ear and round to the temple. C (right): forehead and the ear; the patch behind the ear is out of sight. D (left): behind the ear and the side of the back of the head.

# %% [markdown] tags=["exercise"] slides="pain_drawings"
# ### Exercise 3
#
# Which referral pattern in the hot-spot figure fits each drawing best?

# %% [markdown] tags=["screen-only"] slideshow={"slide_type": "skip"}
# Decide by eye first. Then check with `pain.match_drawing('A')`, which compares the drawing with every pattern (cosine similarity of the two pain fields, 1 = identical).

# %% tags=["your-work"] slideshow={"slide_type": "skip"}
# Your work: your match for each drawing by eye, then
# pain.match_drawing for each.
my_matches = ...

# %% tags=["solution"]
# the three best matches of each drawing: pattern, side (similarity)
pd.DataFrame({name: [f'{pattern}, {side} ({score:.2f})'
                     for (pattern, side), score in pain.match_drawing(name).head(3).items()]
              for name in pain.PAIN_DRAWINGS})

# %% [markdown] tags=["answer"]
# **A**: right greater occipital neuralgia (occiput to vertex, convergence to the eye). **B**: left upper trapezius trigger point (the question mark: neck, mastoid, temple). **C**: right sternocleidomastoid, clavicular division (forehead and ear; postural dizziness fits it too). **D**: left lesser occipital neuralgia. A match is a hypothesis, not a diagnosis: occipital neuralgia needs the ICHD-3 criteria, including relief by a nerve block (notebook 03), and trigger points need palpation.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Take-home points
#
# - Occipital neuralgia: over the nerve and in its territory, sometimes the forehead and eye
# - Neck-muscle trigger points explain many hot spots
# - Convergence at C1-C2 links neck and forehead pain
# - Seed list: two spots fit the GON, two are muscle pain, three fail

# %% [markdown] slideshow={"slide_type": "skip"}
# ## Summary
#
# - Occipital neuralgia hurts over the nerve and in its territory (the GON's from the nuchal line to the vertex) and may reach the forehead and orbit.
# - Neck-muscle trigger points send pain to the temple, mastoid, forehead, ear and behind the eye: many of the seed list's spots are muscle pain, not nerve pain.
# - Behind the vertex-ear-chin line the skin is cervical, in front trigeminal; territories overlap.
# - Trigeminocervical convergence at C1-C2 explains frontal and retro-orbital pain from the GON (animal recordings, human physiology).
# - Of the seven seed hot spots, four are real pain sites but by different mechanisms: occipital and supraorbital fit the GON (the tender nerve itself, and convergence), temple and sternocleidomastoid are neck-muscle pain. The angle of the jaw is not confirmed, and the TMJ and supraclavicular spots are not supported.

# %% [markdown] part="quiz"

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### What's next?
#
# Go on to **03 Headache comparison**: occipital neuralgia, migraine and tension-type headache side by side, with where each one hurts.

# %% [markdown] slideshow={"slide_type": "skip"}
# ## Reference: every zone of every pattern
#
# Figure 1's information as a table: every zone of every pattern on the right side, with its mechanism, weight and source. Use it for revision after the exercises, since it answers part of Exercises 1 and 3.

# %% slideshow={"slide_type": "skip"}
table = pain.hotspots(side='right')
table[['pattern_label', 'label', 'mechanism', 'weight', 'reference']]

# %% [markdown] part="footer"
