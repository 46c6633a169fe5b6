"""Drawing: plotly 3D (``plotly3d``, the package that draws with plotly) and matplotlib 2D."""

__all__: list[str] = []  # the views are its submodules, each imported by name
