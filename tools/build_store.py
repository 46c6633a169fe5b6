"""Build the geometry store: compute every stored call the notebooks and figures need.

    python tools/build_store.py               build it for the current sources
    python tools/build_store.py --if-missing  only when no current store is found
    python tools/build_store.py --dest DIR    into DIR (default: see ``default_dest``)

``make venv`` runs it with ``--if-missing`` (so does Binder's ``postBuild``); the store
is then found by ``anatomy.store`` without any network. The list of calls lives here, in
the build tool, and not in the kit: the store module stays a leaf of the package.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from anatomy import store  # noqa: E402


def warm_up_anatomy() -> None:
    """Stored calls of the skin, the structures, the nerves and the pain fields."""
    from anatomy import SIDES, face, nerves, pain, shell, structures

    for max_edge in (shell.DISPLAY_MAX_EDGE_MM, shell.SEE_THROUGH_MAX_EDGE_MM):
        shell.display_skin(max_edge)
    face.face_mask()  # built with fast-simplification, which figures never import
    face.auricles()  # the same
    structures.load_structures()
    nerves.all_nerves()
    pain.territories()
    for side in SIDES:
        for key in nerves.NAMES:
            nerves.waypoint_table(key, side)
        nerves.compression_table(side)
        for key in nerves.block_landmarks(side):
            nerves.share_within(key, side)
        for radius in (20, 15):  # notebook 01 and its exercise
            nerves.share_within("greater_occipital", side, radius, n=300, seed=1)
        pain.boundary_line(side)
        for pattern in pain.patterns():
            pain.pain_field(pattern, side)
        for name in pain.spot_names():
            pain.spot_position(name, side)
    for drawing in pain.PAIN_DRAWINGS:
        pain.drawing_field(drawing)


def warm_up_maps() -> None:
    """Stored calls of the headache maps (notebook 03)."""
    from anatomy import SIDES, headache_maps

    headache_maps.figure_mesh()  # built with fast-simplification, which figures never import
    for side in SIDES:
        for region in headache_maps.REGIONS:
            headache_maps.region_field(region, side)


PARTS = (warm_up_anatomy, warm_up_maps)  # about equal halves of the work, run side by side


def warm_up() -> None:
    """Make every stored call the notebooks and figures need."""
    for part in PARTS:
        part()


def _recorded(part: int) -> dict:
    """The stored calls one part of the warm-up computes afresh (in a worker process)."""
    store.reset()
    store.recording = {}
    try:
        PARTS[part]()
        return store.recording
    finally:
        store.recording = None


def default_dest() -> Path:
    """$ANATOMY_KIT_DATA if set, else the environment's own folder if it can be written,
    else the user cache (the last entry of ``store.search_path()``)."""
    if os.environ.get(store.ENV_DIR):
        return Path(os.environ[store.ENV_DIR])
    env_dir = Path(sys.prefix, "share", "anatomy-kit")
    probe = env_dir if env_dir.exists() else env_dir.parent
    while not probe.exists():
        probe = probe.parent
    return env_dir if os.access(probe, os.W_OK) else store.search_path()[-1]


def build(dest: Path) -> tuple[Path, dict[str, int], float]:
    """Record every warm-up call computed afresh and write the store into ``dest``."""
    t = time.perf_counter()
    if (os.cpu_count() or 1) > 1 and "fork" in multiprocessing.get_all_start_methods():
        # the two parts side by side (about 35 s instead of 60 on 2 cores); a call both
        # need is computed in each, the same, and kept once
        with multiprocessing.get_context("fork").Pool(len(PARTS)) as pool:
            parts = pool.map(_recorded, range(len(PARTS)))
    else:
        parts = [_recorded(k) for k in range(len(PARTS))]
    recorded = {}
    for part in parts:
        recorded.update(part)
    path = Path(dest) / store.file_name(store.inputs_key())
    counts = store.write(path, recorded)
    return path, counts, time.perf_counter() - t


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dest", type=Path, default=None, help="folder to write the store to")
    parser.add_argument("--if-missing", action="store_true",
                        help="do nothing when a store for the current sources is found")
    args = parser.parse_args(argv)
    if args.if_missing and store.find() is not None:
        print(f"geometry store is current: {store.find()}")
        return 0
    path, counts, seconds = build(args.dest or default_dest())
    print(f"geometry store: {path} ({len(counts)} calls, {sum(counts.values())} arrays, "
          f"{path.stat().st_size / 1024:.0f} KB, built in {seconds:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
