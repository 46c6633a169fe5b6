"""Short error reports in a notebook.

The kit rejects a bad value with a ValueError (a bad name looked up in one of its tables
of named things, ``anatomy.conventions.Choices``: a KeyError) whose message names the value
and the valid choices. IPython shows it under every frame of the kit that it passed through, so the
message a student needs sits at the bottom of a screen of code they did not write.
``short_errors()`` shows such an error at the student's own line, with the message and a
note naming the kit function the caller called. Every other error keeps its full traceback:
a ValueError or KeyError raised outside the kit (numpy, pandas, the student's own code), and every
other kind of exception.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["short_errors"]

KIT = Path(__file__).resolve().parents[1]  # the anatomy package


def _in_kit(tb) -> bool:
    return Path(tb.tb_frame.f_code.co_filename).resolve().is_relative_to(KIT)


def _shorten(tb):
    """(The traceback up to the kit, the first frame inside the kit) when the error was
    raised in the kit; else None."""
    entries = []
    while tb is not None:
        entries.append(tb)
        tb = tb.tb_next
    if not entries or not _in_kit(entries[-1]):
        return None
    first = next(k for k, e in enumerate(entries) if _in_kit(e))
    if first == 0:  # nothing of the caller's to show
        return None
    entries[first - 1].tb_next = None
    return entries[0], entries[first].tb_frame


def _handler(shell, etype, value, tb, tb_offset=None):
    short = _shorten(tb)
    if short is None:
        shell.showtraceback((etype, value, tb), tb_offset=tb_offset)
        return None
    head, frame = short
    module = frame.f_globals.get("__name__", "anatomy")
    value.add_note(f"(Raised by {module}.{frame.f_code.co_name}; the kit's own lines are "
                   "not shown. The message above says what to change.)")
    shell.showtraceback((etype, value, head), tb_offset=tb_offset)
    return None


def short_errors(shell=None) -> bool:
    """Show a value the kit rejects at the caller's line, without the kit's inner frames.

    Parameters
    ----------
    shell : IPython.core.interactiveshell.InteractiveShell, optional
        The shell to set up; by default the running one.

    Returns
    -------
    bool
        True if a shell was set up, False outside IPython (plain Python is left as it
        is).
    """
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:
            return False
        shell = get_ipython()
        if shell is None:
            return False
    shell.set_custom_exc((ValueError, KeyError), _handler)
    return True
