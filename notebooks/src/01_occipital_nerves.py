# ---
# jupyter:
#   kit:
#     title: The occipital nerves from C1-C2 to the vertex
#     overview: The greater, lesser and third occipital nerves carry sensation from the back of
#       the scalp. Where they pass between muscles and beside the occipital artery they can be compressed
#       or irritated, and occipital neuralgia is pain in their territory (ICHD-3 13.4). This notebook
#       follows each nerve on the kit's 3D head, layer by layer, with the published measurements
#       behind every position.
#     objectives:
#     - Trace the greater occipital nerve (GON) from the C1-C2 interval round obliquus capitis inferior,
#       through semispinalis capitis and the trapezius aponeurosis, to the vertex, naming each layer.
#     - Describe the courses of the lesser (LON) and third (TON) occipital nerves.
#     - 'Read a waypoint table: which positions are measured (mean ± SD, with the study) and which
#       the model derives.'
#     - Locate Janis's six GON compression points and the occipital artery crossing.
#     - Find the GON and LON block points on the EOP-mastoid line and judge how close they lie to
#       the nerves, given how much nerves vary between people.
#     goals:
#     - Trace the GON, layer by layer
#     - Follow the LON and the TON
#     - Tell measured from derived positions
#     - Locate the compression points
#     - Judge the block landmarks
#     minutes: 45
#     prerequisites:
#     - concept: Notebook 00 (the head model, landmarks, frame)
#       importance: Necessary
#       notes: inion (EOP), mastoid tip, tragus; millimetres, +x = subject's right
#     - concept: Muscles of the back of the neck
#       importance: Helpful
#       notes: trapezius, semispinalis capitis, splenius capitis, suboccipital muscles
#     - concept: Mean and standard deviation
#       importance: Helpful
#       notes: used for the variation section
#     references:
#     - statpearls_occipital_nerves
#     - kim2018
#     - nysora_gon
#     - greher2010
#     - mosser2004
#     - gon_depth_prospective
#     - bovim1991
#     - tubbs2014
#     - won2018
#     - shim2011
#     - janis2010a
#     - janis2010b
#     - tubbs2007
#     - kwon2018
#     - natsis2006
#     - loukas2006
#     - amirlak2020
#     - lee2013
#     - dash2005
#     - saglam2024
#     - brown_atlas2006
#     - kit_lon_block_marker
#     - ichd3_2018
#     - bartsch2002
#     - kit_nerve_model
#     - ta2_terminologia
#     - radiopaedia_arnold
#     - grays1918
# ---

# %% [markdown] part="header"

# %% [markdown] tags=["notes"]
# Start with the 3D figure on 'All layers', then step through stages 1-5 from the dropdown. The stage plate prints stages 1-4; its panel 1 is bones only, while the 3D stage 1 also shows the suboccipital muscles, all but obliquus capitis inferior. The waypoint tables are reference material: point out the *measured* / *derived* column rather than reading every number. Budget 10 minutes for the variation section: it is where students see why a landmark rule is a probability, not a promise.

# %% slideshow={"slide_type": "skip"}
# Set-up: the kit's package; figures are drawn by anatomy.viz.
import anatomy
from anatomy.nerves import nerve
from anatomy import nerves
from anatomy.viz import nerve_views
import pandas as pd
pd.set_option('display.max_colwidth', None)  # whole sources: measured or derived
from anatomy.viz.tables import fit_tables
fit_tables()  # tables wrap to fit the screen
from anatomy.viz.errors import short_errors
short_errors()  # a value the kit rejects: your line and the message
head = anatomy.load_head()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 1. Three nerves at a glance
#
# | Nerve | From | Skin of |
# |---|---|---|
# | **GON** | C2, dorsal ramus | back of the scalp to the vertex |
# | **LON** | C2, ventral ramus | behind the ear |
# | **TON** | C3, dorsal ramus | low occiput and upper neck |

# %% [markdown] slideshow={"slide_type": "skip"}
# | Nerve | Origin | Territory |
# |---|---|---|
# | **Greater occipital (GON)** | medial branch of the **dorsal** ramus of C2 | back of the scalp from the superior nuchal line to the vertex |
# | **Lesser occipital (LON)** | **ventral** ramus of C2 (often with C3), cervical plexus | scalp behind the ear, over the mastoid, upper back of the auricle |
# | **Third occipital (TON)** | superficial medial branch of the **dorsal** ramus of C3 | lower occiput near the midline and the upper neck |
#
# Sources: {cite}`statpearls_occipital_nerves, kim2018, grays1918`. Some web pages give the LON as a branch of the dorsal ramus of C3: that is wrong, it belongs to the cervical plexus (ventral rami).

# %% tags=["screen-only"] slideshow={"slide_type": "skip"}
gon = nerve('GON', 'right')
print(gon.label, '|', gon.latin)
print(f'{len(gon.waypoints)} waypoints, {gon.length():.0f} mm from origin to vertex')
list(gon.waypoints)  # the named waypoints, from the origin to the vertex

# %% [markdown] tags=["screen-only"] slideshow={"slide_type": "skip"}
# `nerve(name, side)` accepts `greater_occipital`, `lesser_occipital`, `third_occipital` or the abbreviations, and the subject's `left` or `right`; anything else raises an error that lists the valid choices. The path is a smooth polyline in millimetres from origin to terminal; the left nerve is the mirror image of the right.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 2. The greater occipital nerve, layer by layer
#
# Use the 3D figure like a dissection:
#
# - the **dropdown** steps along the nerve's course
# - the **buttons** show or hide each layer (grey: hidden)
# - **hover** for names and sources

# %% [markdown] slideshow={"slide_type": "skip"}
# The 3D figure shows the skin (see-through), the cervical vertebrae from the atlas and axis down to C7, the skull, nine neck muscles and the occipital and vertebral arteries. The face in front of the jaw joint is opaque, because the kit models no facial skeleton. The ears are opaque too, so you can see what lies behind them. It draws five nerves on each side: greater, lesser and third occipital, suboccipital and great auricular.

# %% [markdown] tags=["screen-only"] slideshow={"slide_type": "skip"}
# **Use it like a dissection:** the dropdown at the top left steps through the course, each stage with its own camera and with the outer layers hidden. The buttons beside it show or hide skin, muscles, bones, nerves and vessels; a grey button's layer is hidden. Hover any structure for its English and Latin names, a description and the source. It works without a running kernel, so it also works in the offline handout.

# %% slideshow={"slide_type": "subslide"}
fig = nerve_views.all_layers_figure()
fig

# %% [markdown] slideshow={"slide_type": "skip"}
# *Figure 1. Text summary:* the head with see-through skin over the cervical vertebrae, and the skull vault (from the brow over the top to the occipital bone). The face, in front of the jaw joint, and the ears are opaque. The clavicles and the tops of the shoulder blades lie at the base of the neck. At the sides, the temporal squama reaches down to the jaw joint and the mastoid. It also shows neck muscles (levator scapulae among them), the occipital artery, and the GON, LON and TON on both sides. The black crosses are the block landmarks. Figure 2 draws stages 1-4.

# %% [markdown] tags=["screen-only"] slideshow={"slide_type": "skip"}
# On screen, the dropdown stages are: all layers; 1 origin at C1-C2; 2 round obliquus capitis inferior; 3 through semispinalis; 4 trapezius and occipital artery; 5 under the skin to the vertex; LON; TON. Stages 1 and 2 show the right GON alone (stage 2 also leaves out the left suboccipital muscles) and name the bones it passes: C1's posterior arch and transverse process, C2's spinous process and lamina. Stage 1 draws only its first stretch, from the origin to below obliquus capitis inferior, and hides that muscle. After the overview, each stage marks the waypoints of the nerves it shows: yellow circles on the GON, blue squares on the LON, teal diamonds on the TON. The numbered open diamonds there are Janis's compression points, each from the stage that draws its muscle: 1 from stage 2, 2-3 from stage 3, 4-6 from stage 4. Stages 3 and 4 dash the GON where semispinalis, then the trapezius, hides it. Points 2 and 4 lie under their muscle; their numbers, marked "(deep)", point at the surface over them.

# %% [markdown] slideshow={"slide_type": "slide"}
# ### The GON's course in five stages
#
# 1. Leaves the spine between C1 and C2
# 2. Winds round obliquus capitis inferior
# 3. Pierces semispinalis capitis
# 4. Passes through the trapezius, beside the occipital artery
# 5. Runs under the skin to the vertex

# %% [markdown] slideshow={"slide_type": "skip"}
# ### 2.1 Stage 1: origin between C1 and C2
#
# The GON is the medial branch of the dorsal ramus of C2. It leaves the spine between the posterior arch of the atlas and the lamina of the axis, behind the lateral atlanto-axial joint, deep to obliquus capitis inferior ({cite}`nysora_gon, statpearls_occipital_nerves`). No study gives coordinates for this point: the model places it in the gap between its C1 arch and C2 lamina, and labels it *derived*.
#
# ### 2.2 Stage 2: round obliquus capitis inferior
#
# The nerve winds round the **lower border of obliquus capitis inferior** and turns upward on the muscle's back. {cite}`kim2018` digitised this winding point in 60 sides: **30.2 ± 8.9 mm lateral** and **52.3 ± 11.7 mm below the EOP**. This is the site of ultrasound-guided blocks 'at C2' ({cite}`greher2010`). The 3D figure already marks Janis's compression **point 1** in this stage, on the stretch coming back up over the muscle (see 2.3).
#
# ### 2.3 Stage 3: between the muscles, then through semispinalis capitis
#
# It ascends between obliquus capitis inferior and semispinalis capitis (Janis **point 1**) and turns medially at the upper border of obliquus. It enters semispinalis (**point 2**) and leaves it (**point 3**) **13.1 ± 6.0 mm lateral, 27.7 ± 9.9 mm below the EOP** ({cite}`kim2018`). {cite}`mosser2004` put this zone 1.5 cm lateral and 3 cm below the protuberance, in agreement. Semispinalis is pierced in about 90% of specimens ({cite}`bovim1991`); in others the nerve passes through a tendinous band or round the muscle's medial edge ({cite}`tubbs2014`).
#
# ### 2.4 Stage 4: trapezius aponeurosis and the occipital artery
#
# Next it passes under and then through the trapezius (**points 4 and 5**), usually through its aponeurosis near the occipital attachment. {cite}`kim2018` found the exit **22.6 ± 7.4 mm lateral, 16.3 ± 5.9 mm below the EOP**. The muscle itself is pierced in 45% ({cite}`bovim1991`), 37.5% ({cite}`won2018`) or 16.7% ({cite}`tubbs2014`) of sides: the sources disagree. At the superior nuchal line the nerve lies **medial to the occipital artery**, 1-2 mm from it by ultrasound ({cite}`shim2011`). The two cross in 54% of sides, singly or by winding round each other ({cite}`janis2010b`), which is **point 6**.
#
# ### 2.5 Stage 5: under the skin to the vertex
#
# Now subcutaneous (the model lays it 3 mm under the skin), the GON divides into medial and lateral branches about 0.5 cm above the level of the EOP ({cite}`tubbs2007`). It fans out to the vertex, with dense lateral branches to the superolateral occiput ({cite}`kwon2018`). It joins the LON on the occiput in 80% ({cite}`natsis2006`).

# %% [markdown] slideshow={"slide_type": "skip"}
# The same stages in print, deep to superficial, each close-up adding the next layer of muscle:

# %% slideshow={"slide_type": "subslide"} paper="tall_in_a_column"
nerve_views.stage_plate()

# %% [markdown] slideshow={"slide_type": "skip"}
# *Figure 2. Text summary:* four posterior close-ups of the right suboccipital region. 1: bones only, and only the GON's first stretch, from between atlas and axis (labelled GON origin) down to where obliquus capitis inferior lies. 2: the suboccipital muscles added (obliquus capitis inferior and superior, rectus capitis posterior major and minor); the nerve winds round the lower border of obliquus capitis inferior. 3: semispinalis added; the nerve passes through it. 4: splenius capitis, the trapezius and the occipital artery added; the nerve leaves through the trapezius aponeurosis medial to the artery. From panel 3 the TON (teal) shows near the midline, where it pierces semispinalis. The current stage is indigo; a dashed line shows the course hidden by muscle or bone. A label names most of what each stage adds: C1 and C2, OCS, OCI and RCP major, semispinalis, then splenius capitis, the trapezius and the occipital artery. A name with no room on its structure stands beside it on a leader line. In panel 2 the GON covers most of the right RCP major, so its leader goes to the left one, the mirror image.

# %% [markdown] slideshow={"slide_type": "skip"}
# A print plate of the whole course, with the layers named: a posterior close-up of the neck and occiput with the trapezius, splenius and sternocleidomastoid removed, and a right lateral view with all muscles.

# %% slideshow={"slide_type": "subslide"} paper="across_the_page"
nerve_views.course_plate()

# %% [markdown] slideshow={"slide_type": "skip"}
# *Figure 3. Text summary:* posterior close-up of the neck and occiput, with trapezius, splenius and SCM removed. The GON (yellow) leaves the spine between atlas and axis, winds round obliquus capitis inferior, pierces semispinalis capitis and the trapezius, and runs up the back of the head. The lateral view follows it to the vertex. The TON (teal) runs close to the midline to the lower occiput; the LON (blue) climbs the side of the neck. Thin straight twigs join each GON to its TON above the EOP and the two TONs across the midline (see the TON paragraph). The navy suboccipital nerve lies in the suboccipital triangle; the violet great auricular nerve runs up the side of the neck. Labels name the atlas, axis, obliquus capitis inferior, semispinalis capitis, the mastoid process, the occipital artery and the EOP. Right lateral view: the LON appears at the posterior border of sternocleidomastoid, leaves the fascia and ends on the scalp behind and above the ear. Dashed lines are deep to muscle.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 3. The numbers behind the course
#
# Each waypoint is millimetres from a landmark: the EOP, or the line between the ear canals.
#
# - **measured**: a published mean ± SD
# - **partly measured**: one coordinate published
# - **derived**: placed by the kit
#
# The full tables follow in the notebook.

# %% [markdown] slideshow={"slide_type": "skip"}
# Every waypoint is defined relative to a landmark: millimetres lateral to the midline and above (+) or below (-) the EOP. For the LON the reference is the line joining the external acoustic meatuses (EAM), which the kit converts with the head's tragus landmarks (on this head the EOP is 10 mm above that line). `origin` names each row's own reference; a negative `lateral_mm` lies medial to it. A few rows start from another landmark, such as the vertex, and `origin` names it. `status` says whether the position is **measured** (both coordinates a published mean ± SD), **partly measured** (one of them published) or **derived** by the kit. A derived position can still have a published depth. `published_depth_mm` and `model_depth_mm` differ because the model's neck is slimmer than the living patients of {cite}`gon_depth_prospective`, so deep points sit on the modelled muscle surfaces instead.

# %% slideshow={"slide_type": "skip"}
nerves.waypoint_table('GON')[['lateral_mm', 'vertical_mm', 'origin', 'published_depth_mm', 'model_depth_mm', 'status', 'sources']]

# %% [markdown] slideshow={"slide_type": "skip"}
# **Where sources disagree.** The GON's distance from the midline depends on the level. It is 13 mm where it leaves semispinalis and 23 mm at the trapezius ({cite}`kim2018`). It is 15 mm in Mosser's zone and 20-23 mm by ultrasound at the nuchal line ({cite}`shim2011`), 38 mm (range 15-75) in {cite}`loukas2006` with the level unstated. It is 40 mm at the occiput in {cite}`tubbs2007`. The model uses Kim's means and keeps the others as alternatives in `anatomy/data/nerves.toml`.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 4. The lesser and third occipital nerves
#
# - **LON**: climbs along the back edge of sternocleidomastoid to the scalp behind the ear
# - **TON**: stays near the midline, to the low occiput
#
# Choose **LON** or **TON** in the 3D figure's dropdown (section 2).

# %% [markdown] slideshow={"slide_type": "skip"}
# **LON.** From the cervical plexus it hooks round the spinal accessory nerve and climbs along the posterior border of sternocleidomastoid. {cite}`lee2013` found it at that border **64 ± 14 mm lateral** and **75 ± 9 mm below the EAM line**. {cite}`dash2005` found its emergence zone **65 ± 12 mm lateral, 53 ± 16 mm below** the line. The two probably measured different points (the deep appearance at the muscle border and the fascial exit), so the model uses both in order. Deep to it, on the floor of the posterior triangle, lies levator scapulae, running from the transverse processes of C1-C4 down to the scapula ({cite}`grays1918`). The LON met the occipital artery on 55% of sides ({cite}`lee2013`). Because this model's neck is only about 45-55 mm wide on each side, the LON's lateral distances are laid along the skin from the posterior midline (a kit assumption).
#
# **TON.** The superficial medial branch of the C3 dorsal ramus curves round the C2-C3 facet joint and pierces semispinalis, splenius and trapezius ({cite}`saglam2024`) close to the midline. {cite}`kim2018` measured its trapezius exit **12.9 ± 9.3 mm lateral, 44.2 ± 21.4 mm below the EOP**. In contrast, {cite}`tubbs2007` reports about 3 mm lateral and subcutaneous about 6 cm below. The same dissections found a small twig from the GON joining the TON about 1 cm above the EOP level on most sides, and twigs crossing the midline between the two TONs on most sides. The figures draw both as thin straight twigs, their paths derived.

# %% [markdown] tags=["screen-only"] slideshow={"slide_type": "skip"}
# The waypoints: first the LON's (from the EAM line), then the TON's (from the EOP).

# %% tags=["screen-only"] slideshow={"slide_type": "skip"}
nerves.waypoint_table('LON')[['lateral_mm', 'vertical_mm', 'origin', 'status', 'sources']]

# %% tags=["screen-only"] slideshow={"slide_type": "skip"}
nerves.waypoint_table('TON')[['lateral_mm', 'vertical_mm', 'origin', 'status', 'sources']]

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 5. Compression points
#
# Six places where the GON can be squeezed (Janis):
#
# - **1-3**: between and through the deep neck muscles
# - **4-5**: into and out of the trapezius
# - **6**: where it crosses the occipital artery

# %% [markdown] slideshow={"slide_type": "skip"}
# In 25 fresh heads {cite}`janis2010a` described six places where the GON can be compressed. They are (1) between semispinalis and obliquus capitis inferior, (2) entry into and (3) exit from semispinalis, and (4) entry into the trapezius. The last two are (5) exit through the trapezial fascia, which they place at the muscle's insertion on the nuchal line, and (6) the crossing with the occipital artery. Their coordinates were not available to the kit, so the model places each on its modelled course and marks it **derived**. The model keeps the occipital artery lateral to the nerve, so point 6 marks where the two come closest rather than a crossing. Point 5 sits where {cite}`kim2018` measured the nerve coming through the trapezius. On this head that is more than a centimetre below the nuchal line: the two sources disagree on its height.

# %% slideshow={"slide_type": "skip"}
nerves.compression_table('right')

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 6. Block landmarks
#
# Draw a line from the EOP to the mastoid tip.
#
# - **GON** block point: one third of the way from the EOP, measured along the skin
# - **LON** point: two thirds (weakly supported)

# %% [markdown] slideshow={"slide_type": "skip"}
# The classic **GON block** follows the occipital artery. Brown's atlas finds the artery on the superior nuchal line, about a third of the way from the EOP to the mastoid. The nerve surfaces beside it, just below the line ({cite}`brown_atlas2006`). By ultrasound the nerve lies just medial to the artery ({cite}`shim2011`). The kit draws the rule as a straight skin line from the EOP to the mastoid **tip**. That line runs below the curved nuchal line, so its one-third point lies lower than Brown's, close to where the nerve comes through the trapezius (next paragraph). The **LON** point is drawn two thirds of the way along the same line; that rule is **weakly supported** (the kit found it only on practice web pages, not in a book or paper). The fractions here are measured from the **EOP**, along the skin over the curve of the occiput: on a flat picture the one-third point looks nearer halfway, because the line bends away from you.

# %% slideshow={"slide_type": "subslide"}
nerve_views.block_landmark_figure()

# %% [markdown] slideshow={"slide_type": "skip"}
# *Figure 4. Text summary:* posterior view with the skin line from the EOP to each mastoid tip. Crosses mark the GON point one third and the LON point two thirds of the way from the EOP; the occipital artery is dotted red, lateral to the GON at the nuchal line. The note under the key gives how far each point lies from the modelled nerve.

# %% tags=["screen-only"] slideshow={"slide_type": "skip"}
pd.DataFrame(nerves.block_landmark_distances('right'))[['nerve', 'to_path_mm', 'to_fascial_exit_mm']]

# %% [markdown] slideshow={"slide_type": "skip"}
# On this model the one-third point lies about 6 mm from the modelled GON and about 5 mm from where it pierces the trapezius. The two-thirds point lies over the modelled LON, which runs about 9 mm deep to it there. It is far from the LON's fascial exit, lower in the neck: the LON point works because the nerve climbs across that line.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 7. Variation between people
#
# The positions above are averages. The kit draws 300 plausible nerves from the published means and spreads.
#
# A landmark rule finds **most** nerves, not all.

# %% [markdown] slideshow={"slide_type": "skip"}
# `nerves.sample_variants(name, side, n, seed)` draws these plausible nerves. Each published coordinate comes from a normal distribution with the study's mean and SD (cut at 2 SD). Neighbouring points move together (an assumed correlation of 0.5), and each nerve keeps rising to the scalp.

# %% slideshow={"slide_type": "subslide"}
nerve_views.variation_figure(n=300, seed=1)

# %% [markdown] slideshow={"slide_type": "skip"}
# *Figure 5. Text summary:* the right occiput in millimetres from the EOP with 300 sampled GONs. Clouds show where each winds round obliquus capitis inferior, leaves semispinalis and pierces the trapezius. The plot adds one-SD ellipses from {cite}`kim2018`, Mosser's 1.5 cm zone, the superior nuchal line and a 2 cm circle round the one-third block point. The title gives the share of sampled trapezius exits inside the circle. Each coordinate is cut at 2 SD, so the clouds have straight edges.

# %% tags=["screen-only"] slideshow={"slide_type": "skip"}
share = nerves.share_within('GON', 'right', radius_mm=20, n=300, seed=1)
print(f'Sampled GONs piercing the fascia within 2 cm of the one-third point: {share:.0%}')
print('Won et al. 2018, 56 half-heads: 85.7% (occipital artery: 98.2%)')

# %% [markdown] slideshow={"slide_type": "skip"}
# The model's share is higher than Won's 85.7%. Two reasons: Kim's SDs describe Korean cadavers and may be narrower than the spread in other populations, and real nerves split, loop or take the variant routes the normal model leaves out. Either way, the lesson holds: a landmark rule finds most nerves, not all, which is one reason ultrasound guidance is used.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 8. Clinical relevance: why compression hurts
#
# **Occipital neuralgia:** brief shooting or stabbing pain where the GON, LON or TON supply the skin.
#
# - Each compression point can irritate the nerve
# - Pain can spread to the forehead and eye: C2 and the trigeminal nerve share neurons

# %% [markdown] slideshow={"slide_type": "skip"}
# Occipital neuralgia (ICHD-3 13.4) is paroxysmal shooting or stabbing pain in the distribution of the GON, LON and/or TON, with dysaesthesia or allodynia and tenderness over the nerve. A local anaesthetic block of the nerve eases it for a while. Each compression point in section 5 is a place where muscle, fascia or the artery can press on or kink the nerve. The nerve and the occipital artery cross in about half of sides ({cite}`janis2010b`). Pain can spread to the forehead and eye because C2 afferents and trigeminal afferents converge on the same neurons of the trigeminocervical complex ({cite}`bartsch2002`).
#
# > This is teaching material about anatomy, not a guide to diagnosis or treatment.

# %% [markdown] tags=["exercise"]
# ### Exercise 1
#
# The GON leaves semispinalis **13.1 mm lateral, 27.7 mm below the EOP** and pierces the trapezius **22.6 mm lateral, 16.3 mm below** it ({cite}`kim2018`). (1) Seen from behind, how far apart are the exits? (2) Which muscle lies between them, and which of Janis's points?

# %% [markdown] tags=["screen-only"] slideshow={"slide_type": "skip"}
# Then measure the straight line on the model: `nerve('GON', 'right').waypoints` holds both points (`'semispinalis_exit'` and `'trapezius_exit'`). Subtract them; `np.linalg.norm` gives the length of the difference. Is the model's distance longer or shorter than your estimate, and why?

# %% tags=["your-work"] slideshow={"slide_type": "skip"}
# Your work: the straight-line distance (mm) between the
# GON's semispinalis exit and trapezius exit waypoints.
import numpy as np
my_distance = ...

# %% tags=["solution"]
g = nerve('GON', 'right')
d = np.linalg.norm(g.waypoints['trapezius_exit'] - g.waypoints['semispinalis_exit'])
print(f'semispinalis exit to trapezius exit: {d:.0f} mm')

# %% [markdown] tags=["answer"]
# 1. About 15 mm seen from behind (9.5 mm further out, 11.4 mm higher). About 20 mm on the model in a straight line: the nerve also runs about 14 mm backwards, out through the trapezius.
# 2. From Janis's point 3 (exit from semispinalis) to point 5 (exit through the trapezius fascia). The nerve runs under and then through the trapezius, entering it at point 4.

# %% [markdown] tags=["exercise"]
# ### Exercise 2
#
# **Predict** the share of GONs piercing the fascia within **1.5 cm** of the one-third point (within 2 cm: 95 %, in the variation figure's title). What does it mean for a blind injection?

# %% [markdown] tags=["screen-only"] slideshow={"slide_type": "skip"}
# Then check: `nerves.share_within('GON', 'right', radius_mm=15, n=300, seed=1)` gives the share within 15 mm, for the same 300 sampled nerves as the figure.

# %% tags=["your-work"] slideshow={"slide_type": "skip"}
# Your work: the share of sampled GONs within 15 mm of the
# one-third point (nerves.share_within).
my_share = ...

# %% tags=["solution"]
print(f"{nerves.share_within('GON', 'right', radius_mm=15, n=300, seed=1):.0%}")

# %% [markdown] tags=["answer"]
# About four in five on this model, against 95 % within 2 cm: the nerves missed rise from about one in twenty to nearly one in five, more than three times as many. The closer you need to be, the less reliable a surface landmark is. Ultrasound can show the nerve beside the occipital artery, so an injection need not rely on the landmark alone ({cite}`shim2011`).

# %% [markdown] tags=["exercise"]
# ### Exercise 3
#
# A colleague says the GON block point is two thirds of the way along the line between the EOP and the mastoid. Are they wrong? Which point could they mean?

# %% [markdown] tags=["answer"]
# It depends on the end they measure from. From the **mastoid**, the GON point is two thirds of the way along; from the **EOP**, two thirds is the kit's **LON** point. So always name the end the line starts from.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 9. Anatomy you will be asked about
#
# - **C1** is mostly motor: no skin territory
# - **Dorsal rami** go back (GON, TON); **ventral rami** go forward (LON, great auricular)
# - "Arnold's nerve" is a branch of the vagus, not the GON

# %% [markdown] slideshow={"slide_type": "skip"}
# The figure below shows where the two rami part company, at a typical cervical level (C3 and below) seen from above. C2 differs: it leaves behind the lateral atlanto-axial joint (the list below).

# %% slideshow={"slide_type": "subslide"} paper="rami_schematic"
from anatomy.viz import rami_views
rami_views.rami_figure()

# %% [markdown] slideshow={"slide_type": "skip"}
# *Figure 6. Text summary:* {kit}`rami_alt`

# %% [markdown] slideshow={"slide_type": "skip"}
# - **C1 and the suboccipital triangle.** The dorsal ramus of C1 (the suboccipital nerve) leaves above the posterior arch of the atlas, under the vertebral artery, and enters the suboccipital triangle. It supplies the muscles that bound the triangle (rectus capitis posterior major, obliquus capitis superior and inferior), as well as rectus capitis posterior minor and semispinalis capitis. It is mainly a motor nerve: {cite}`grays1918` describes only an occasional cutaneous twig. That is why the kit draws no C1 skin territory ({cite}`grays1918`).
# - **Dorsal and ventral rami.** Each spinal nerve splits into a dorsal ramus and a ventral ramus. The dorsal rami go to the back (the GON from C2, the TON from C3). The upper four ventral rami join as the cervical plexus, which gives the LON and the great auricular nerve ({cite}`grays1918`).
# - **C2 and the lateral atlanto-axial joint.** The C2 nerve leaves the spine behind the lateral atlanto-axial joint, between the arch of the atlas and the lamina of the axis ({cite}`nysora_gon`). Pain from that joint can be referred to the occiput, which ICHD-3 asks us to tell apart from occipital neuralgia ({cite}`ichd3_2018`).
# - **The GON is not purely sensory in its course.** It gives muscular branches to semispinalis capitis as it pierces it ({cite}`grays1918`).
# - **Great auricular nerve** (C2-C3, cervical plexus): it winds round the posterior border of sternocleidomastoid and supplies the skin over the parotid, the mastoid and the back of the ear ({cite}`grays1918`).
# - **"Arnold's nerve".** The eponym belongs to the auricular branch of the vagus. It was once also used for the GON, a historical misattribution, so 'Arnold's neuralgia' is best avoided ({cite}`radiopaedia_arnold`).
# - **Dermatome or nerve territory?** See notebook 02: a dermatome is one root's skin; a nerve territory is one named nerve's skin.

# %% [markdown] tags=["exercise"]
# ### Exercise 4
#
# A student says: *'Occipital neuralgia follows the C1 dermatome.'* Give two reasons why that is wrong: one from what C1's dorsal ramus supplies (this section), one from how ICHD-3 defines occipital neuralgia (section 8).

# %% [markdown] tags=["answer"]
# (1) C1 has essentially no skin territory: its dorsal ramus, the suboccipital nerve, is mainly motor to the suboccipital muscles ({cite}`grays1918`). (2) Occipital neuralgia follows the greater, lesser and third occipital **nerves** (C2 and C3 fibres), a peripheral-nerve distribution, not a dermatome ({cite}`ichd3_2018, grays1918`).

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Take-home points
#
# - **GON**: C1-C2, round obliquus capitis inferior, through semispinalis and the trapezius aponeurosis, medial to the occipital artery, to the vertex
# - **LON**: along sternocleidomastoid's back edge; **TON**: near the midline
# - Block landmarks find most nerves, not all

# %% [markdown] slideshow={"slide_type": "skip"}
# ## Summary
#
# - The GON leaves between C1 and C2, winds round obliquus capitis inferior ({cite}`kim2018`: 30 mm lateral, 52 mm below the EOP). It pierces semispinalis (13 mm, 28 mm) and the trapezius aponeurosis (23 mm, 16 mm), passes medial to the occipital artery at the nuchal line and reaches the vertex.
# - The LON climbs along the posterior border of sternocleidomastoid to the scalp behind the ear; the TON stays near the midline to the lower occiput.
# - Measured waypoints carry the study's mean and SD; derived ones are labelled, including Janis's six compression points.
# - The one-third (GON) and two-thirds (LON) points of the EOP-mastoid line lie within about 1 cm of the modelled nerves, but people vary: a landmark finds most nerves, not all.

# %% [markdown] part="quiz"

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### What's next?
#
# Go on to **02 Pain-referral hot spots**: where pain from these nerves and from the neck muscles is felt on the head.

# %% [markdown] part="footer"
