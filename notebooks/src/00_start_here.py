# ---
# jupyter:
#   kit:
#     title: 'Start here: an occipital neuralgia teaching kit'
#     overview: Occipital neuralgia is a paroxysmal shooting or stabbing pain at the back of the
#       head, in the territory of the greater, lesser or third occipital nerve ({cite}`ichd3_2018`,
#       code 13.4). This kit follows those nerves
#       on a 3D model of the head, neck and shoulders, maps where the pain is felt and why, and
#       compares occipital neuralgia with migraine and tension-type headache. This first notebook
#       introduces the head model, its landmarks and how to use the kit in class.
#     objectives:
#     - Name the kit's notebooks and the order to take them in.
#     - Rotate, zoom and hover the 3D head, and switch between anatomical views.
#     - Find the skin landmarks the other notebooks use (inion, mastoid, tragus ...) and say how
#       each is defined.
#     - Read positions in the kit's frame (millimetres, +x the subject's right, +y anterior, +z
#       superior).
#     - Locate scalp sites by the 10-20 system, and check the model's size against adult measurements.
#     goals:
#     - Find your way through the kit
#     - Turn, zoom and read the 3D head
#     - Find the skin landmarks
#     - Read positions in millimetres
#     - Place the 10-20 positions
#     minutes: 20
#     prerequisites:
#     - concept: Surface anatomy of the head and neck
#       importance: Helpful
#       notes: the bony landmarks you can feel
#     - concept: Running a Jupyter cell (Shift-Enter)
#       importance: Necessary
#       notes: no coding beyond that
#     - concept: Python
#       importance: Helpful
#       notes: cells are short calls into the `anatomy` package
#     references:
#     - makehuman_cc0
#     - grays1918
#     - mne_standard1020
#     - jasper1958
#     - pheasant_bodyspace
#     - okumus2022
#     - kim2018
#     - brown_atlas2006
#     - ashwini2012
#     - ichd3_2018
# ---

# %% [markdown] part="header"

# %% [markdown] tags=["notes"]
# Present this notebook as slides (see *How to present* below) or scroll through it. Budget 5 minutes for the 3D head: let students rotate it on their own screens before you name the landmarks.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 1. What is in the kit
#
# Six notebooks. Take them in order:
#
# 0. Start here: the head model
# 1. The occipital nerves
# 2. Where pain is felt
# 3. Headaches compared
# 4. Diagnosis and management
# 5. Telling headaches apart

# %% [markdown] slideshow={"slide_type": "skip"}
# Take the notebooks in this order; each builds on the ones before it.
#
# {kit}`notebook_list`
#
# Every notebook has objectives, exercises, a summary and its references. The full notebook lets you reveal each answer; a class copy keeps them back. Positions and clinical statements come from the sources listed at the end of each notebook (registry: `anatomy/data/references.toml`).

# %% slideshow={"slide_type": "skip"}
# Set-up: the kit's package; figures are drawn by anatomy.viz.
import anatomy
from anatomy.viz import head_views
from anatomy.viz.tables import fit_tables
fit_tables()  # tables wrap to fit the screen
from anatomy.viz.errors import short_errors
short_errors()  # a value the kit rejects: your line and the message
head = anatomy.load_head()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 2. The head model in 3D
#
# An adult head, neck and shoulders, in millimetres. Blue markers are skin landmarks.
#
# - **Drag** to rotate, **scroll** to zoom
# - **Hover** a dot to read what it is
# - The **menu** switches views

# %% [markdown] slideshow={"slide_type": "skip"}
# The skin is the MakeHuman base mesh (released CC0; {cite}`makehuman_cc0`), converted to millimetres and cut below the clavicles. The neck and shoulders are included, so pain over the trapezius, the sternocleidomastoid and above the clavicle sits on real skin. The blue markers are landmarks: circles on the midline, filled squares on the right side and open squares on the left.
#
# **How to use the 3D view.** Drag to rotate, scroll to zoom and right-drag to pan. Hover a dot to read its definition, and click a legend entry to hide it. The menu at the top right switches between anterior, posterior, lateral and superior views. The figure works without a running kernel, so it also works on a projector and in the offline handouts.
#
# **On a small screen** (a laptop, or a projector at 1024 × 768), hide the file browser with **Ctrl+B** (**Cmd+B** on a Mac; *View ▸ Appearance ▸ Show Left Sidebar*). The notebook then gets the whole width: the 3D figures widen, and the drawings and their labels grow by about 40 %. The same keys bring the file browser back.

# %% slideshow={"slide_type": "subslide"} paper="across_the_page"
fig = head_views.head_figure(head, view='posterolateral_right')
fig

# %% [markdown] slideshow={"slide_type": "skip"}
# *Figure 1. Text summary:* the model of an adult head, neck and shoulders seen from behind and to the right, with 21 skin landmarks (section 3's table lists them). Seven are on the midline (circles) and seven on each side (filled squares on the right, open squares on the left).

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 3. The frame and the landmarks
#
# - Units: **millimetres**
# - Origin: midway between the two ears
# - **+x** to the subject's right, **+y** forward, **+z** up
# - Left and right are always the **subject's**
# - *Derived* landmarks are placed by a rule

# %% [markdown] slideshow={"slide_type": "skip"}
# All positions are in **millimetres**. The origin is midway between the two tragi; **+x** points to the subject's right, **+y** forward (anterior) and **+z** up (superior); x = 0 is the midsagittal plane. *Left* and *right* are always the subject's. Each landmark has a definition and a rule that finds it on the mesh; the rules marked *derived* place the point from cited typical offsets rather than from a shape the mesh shows.

# %% slideshow={"slide_type": "skip"}
table = head_views.landmark_table(head)
table[['x_mm', 'y_mm', 'z_mm', 'derived', 'references']]

# %% slideshow={"slide_type": "skip"}
head.describe('inion')

# %% [markdown] slideshow={"slide_type": "skip"}
# For print, the same landmarks in shaded orthographic drawings (posterior and right lateral views):

# %% slideshow={"slide_type": "subslide"} paper="across_the_page"
head_views.head_plate(head)

# %% [markdown] slideshow={"slide_type": "skip"}
# *Figure 2. Text summary:* two shaded drawings of the model. In the posterior view the inion sits on the midline at the back of the skull, and the mastoid tips below and behind each ear. C7 is at the base of the neck and the acromia are at the shoulder tips. In the right lateral view the tragus is just in front of the ear canal, the temporomandibular joint a little in front of it, and the angle of the jaw below it.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 4. Is the model the size of an adult?
#
# The kit measures its model and compares it with published adult sizes.
#
# - Head length and breadth: **inside** adult ranges
# - Shoulders: **narrow**, a slim build
# - Across the mastoids: bone plus soft tissue

# %% [markdown] slideshow={"slide_type": "skip"}
# A teaching model should have adult proportions. The kit measures it; compare with published adult values. Head length is about 180-195 mm and head breadth about 145-155 mm (British adults, women and men, 50th centile; {cite}`pheasant_bodyspace`). Shoulder breadth between the acromia is 355 mm (women) and 400 mm (men) at the 50th centile, with the men's 5th centile at 365 mm ({cite}`pheasant_bodyspace`). Bony bimastoid breadth is 106 ± 6 mm ({cite}`okumus2022`; the skin value is larger by the soft tissue). The nasion-inion arc is roughly 34-37 cm over the scalp (typical adults, derived from the 10-20 template and scaled).

# %% slideshow={"slide_type": "subslide"}
from anatomy.eeg import sagittal_arc
from anatomy.surface import arc_length

dims = head.dimensions()
dims['nasion_inion_arc'] = arc_length(sagittal_arc(head.vertices, head.faces, head.landmarks))
for name, mm in dims.items():
    print(f'{name:24s} {mm:6.0f} mm')

# %% [markdown] slideshow={"slide_type": "skip"}
# Head length (192 mm) and head breadth (150 mm) fall inside Pheasant's adult ranges. The biacromial breadth (359 mm) is close to the median for British women but below the 5th centile for men. The model has a slim, narrow-shouldered build; this matters only for how far the neck and shoulder pain spots sit from the midline. The skin bimastoid breadth (117 mm) is the bony 106 ± 6 mm plus the soft tissue over both mastoids. Two values have no survey to check against yet. The nasion-inion arc (355 mm) is only checked for consistency: it lies in the 34-37 cm that the kit's authors derived from the same 10-20 template, so this is not an independent check. Bitragion breadth (147 mm) is printed for comparison only: the kit's references registry holds no survey table for it.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 5. Scalp sites by the 10-20 system
#
# The **10-20 system** names places on the scalp. Sites sit at 10 % or 20 % steps along arcs from nasion to inion and from ear to ear.
#
# - **Cz** is at the top of the head
# - **Oz** lies above the inion

# %% [markdown] slideshow={"slide_type": "skip"}
# Clinicians and electroencephalography (EEG) technicians name scalp sites by the international 10-20 system ({cite}`jasper1958`). Distances are 10 % or 20 % of arcs over the head from nasion to inion and from one preauricular point to the other. The kit computes them on the mesh (with the tragi as preauricular points); `Cz` lies halfway along the nasion-inion arc, at the top of the head. The kit uses today's names, as MNE's standard montage does: T7, T8, P7 and P8 are Jasper's T3, T4, T5 and T6 ({cite}`mne_standard1020`). On this model Cz sits about 2 cm behind the kit's vertex landmark, the highest point of the skin. Later notebooks use them to name places on the scalp, for example `Oz` above the inion.

# %% slideshow={"slide_type": "subslide"} paper="across_the_page"
fig = head_views.head_figure(head, view='left', landmarks=['inion', 'nasion', 'tragus_left'], eeg=True)
fig

# %% [markdown] slideshow={"slide_type": "skip"}
# *Figure 3. Text summary:* the head from the left with 23 positions of the 10-20 system (green diamonds), Nz and Iz included. They run from Nz at the nasion over Fpz, Fz, Cz, Pz and Oz to Iz at the inion, with the lateral chains Fp1-F7-T7-P7-O1 around the head.

# %% [markdown] tags=["exercise"]
# ### Exercise 1
#
# The greater occipital nerve block is often aimed about one third of the way from the inion to the mastoid, along the superior nuchal line, where the nerve runs with the occipital artery ({cite}`brown_atlas2006`). Use `head.landmark(...)` to compute that point on the right, simplified to a straight line from the inion to the mastoid tip. Print how far it lies lateral to the midline and below the inion, in mm.

# %% tags=["your-work"] slideshow={"slide_type": "skip"}
# Your work: the point one third of the way from the inion to the
# right mastoid tip.
point = ...

# %% tags=["solution"]
inion = head.landmark('inion')
mastoid = head.landmark('mastoid_right')
point = inion + (mastoid - inion) / 3
print(f'lateral {point[0]:.0f} mm, below the inion {inion[2] - point[2]:.0f} mm')

# %% [markdown] tags=["answer"]
# About 20 mm lateral and 10 mm below the inion on this model. Notebook 01 compares it with where cadaver studies found the nerve. {cite}`kim2018` measured the greater occipital nerve (GON) piercing the trapezius about 23 mm lateral and 16 mm below the protuberance. So the simplified rule lands close to the nerve.

# %% [markdown] tags=["exercise"]
# ### Exercise 2
#
# Ask for a landmark that does not exist, such as `head.landmark('mastoid')`. What does the kit tell you, and why is it better than a silent guess?

# %% tags=["your-work"] slideshow={"slide_type": "skip"}
# Your work: replace ... with head.landmark('mastoid'), run the cell
# and read the message.
my_try = ...

# %% [markdown] tags=["answer"]
# It raises a `ValueError` naming the unknown value, suggesting close matches (`'mastoid_left'`, `'mastoid_right'`) and listing the valid names. A wrong side or a typo is caught at once instead of quietly drawing the wrong point.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 6. How to present and how to work
#
# - **Present:** RISE in JupyterLab, or `make slides` offline
# - **Print:** `make handouts`
# - **Students:** run the cells from the top; try each exercise before you look at the answer

# %% [markdown] slideshow={"slide_type": "skip"}
# **Instructors.** Each notebook is also a slide deck: cells carry slide metadata. Live in JupyterLab, open the notebook and start the slideshow with the RISE extension (`jupyterlab-rise`, included): the 3D figures stay interactive on the slides. Offline, `make slides` builds reveal.js slides in `build/slides/`, `make handouts` builds self-contained HTML pages in `build/handouts/` that open from disk with no network, and `make figures` regenerates the print figures in `figures/`. Instructor notes are in cells marked *Instructor notes* (the slide notes view). Projecting a notebook itself at 1024 × 768, hide JupyterLab's file browser first (Ctrl+B), or the drawings shrink to two thirds of their size.
#
# **Students.** Run the cells from the top (Shift-Enter). Try each exercise before you look at the answer. In the full notebook, click the collapsed cell or the *Show the answer* line; a class copy keeps the answers back. `make student` writes copies without solutions to `build/student/`.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## Take-home points
#
# - An adult head in millimetres: +x right, +y forward, +z up
# - Landmarks follow written rules; derived ones are labelled
# - 10-20 positions name scalp sites; Cz is at the top of the head

# %% [markdown] slideshow={"slide_type": "skip"}
# ## Summary
#
# - The kit's model is an adult head, neck and shoulders in millimetres, with +x to the subject's right, +y anterior and +z up.
# - Skin landmarks are found by written rules; the derived ones are labelled.
# - The head's length and breadth fall inside adult ranges; its shoulders are narrow for a man (section 4).
# - 10-20 positions name places on the scalp; Cz is at the top of the head, halfway along the nasion-inion arc.

# %% [markdown] part="quiz"

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### What's next?
#
# Go on to **01 The occipital nerves**: the greater, lesser and third occipital nerves from C1-C2 to the vertex, layer by layer.

# %% [markdown] part="footer"
