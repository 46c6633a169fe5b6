"""Style that many parts of a figure share, moved once into the figure's template.

A figure whose menus hold many sets of notes, or that draws many meshes, repeats the same
style in each; plotly fills it from ``layout.template`` instead, so the figure's JSON stays
smaller (the notebook and figure budgets in ``make bench``).
"""

from __future__ import annotations

import copy
import json

from anatomy.viz.plotly3d.traces import merge

__all__ = ["share_mesh_style", "share_note_style"]


def share_note_style(fig: dict, notes, style: dict | None = None) -> None:
    """Move the style the scene annotations ``notes`` share into the figure's template.

    The shared style goes to ``layout.template.layout.scene.annotationdefaults`` and out
    of the notes, which plotly fills from there (also for notes a menu sets later): a
    figure whose menus hold many sets of notes stays smaller.

    Parameters
    ----------
    fig : dict
        A figure dict; its template is changed in place.
    notes : iterable of dict
        The ``layout.scene.annotations`` entries, changed in place (every one the figure
        can show must be among them: the defaults apply to all).
    style : dict, optional
        The shared style; by default every key with one value in every note (arrow,
        colours, font). Given, it applies to every note: a note loses the keys (and, in
        a nested dict such as ``font``, the subkeys) equal to it, and a note that lacked
        one takes it from the template.
    """
    notes = list(notes)
    if not notes:
        return
    first = notes[0]
    shared = style if style is not None else {
        k: v for k, v in first.items() if k not in ("x", "y", "z", "text")
        and all(k in n and n[k] == v for n in notes[1:])}
    for n in notes:
        for k, v in shared.items():
            if isinstance(v, dict) and isinstance(n.get(k), dict):
                n[k] = {sk: sv for sk, sv in n[k].items() if v.get(sk) != sv}
                if not n[k]:
                    del n[k]
            elif k in n and n[k] == v:
                del n[k]
    # a copy: figures share the kit's TEMPLATE dict
    template = copy.deepcopy(fig["layout"].get("template", {}))
    merge(template, {"layout": {"scene": {"annotationdefaults": shared}}})
    fig["layout"]["template"] = template


def share_mesh_style(fig: dict, keys=("lighting", "lightposition", "flatshading", "hoverinfo",
                                      "opacity")) -> None:
    """Move the surface style most mesh traces share into the figure's template.

    For each of ``keys``, the value most ``mesh3d`` traces carry goes to
    ``layout.template.data.mesh3d`` and out of those traces, which plotly fills from there;
    a trace with another value keeps its own. A figure of many meshes stays smaller.

    Parameters
    ----------
    fig : dict
        A figure dict; its traces and template are changed in place.
    keys : sequence of str
        The trace attributes to share.
    """
    meshes = [t for t in fig["data"] if t.get("type") == "mesh3d"]
    shared = {}
    for key in keys:
        values = [json.dumps(t[key], sort_keys=True) for t in meshes if key in t]
        if values:
            common = max(sorted(set(values)), key=values.count)
            if values.count(common) > 1:
                shared[key] = json.loads(common)
    if not shared:
        return
    for t in meshes:
        for key, v in shared.items():
            if key in t and json.dumps(t[key], sort_keys=True) == json.dumps(v, sort_keys=True):
                del t[key]
    # a copy: figures share the kit's TEMPLATE dict
    template = copy.deepcopy(fig["layout"].get("template", {}))
    template.setdefault("data", {})["mesh3d"] = [{**shared, "type": "mesh3d"}]
    fig["layout"]["template"] = template
