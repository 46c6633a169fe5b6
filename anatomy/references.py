"""The bibliography registry: every fact in ``anatomy/data`` carries one of these keys."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache

from anatomy.conventions import REFERENCES_FILE, check_choice

__all__ = [
    "EVIDENCE_LEVELS", "REQUIRED_FIELDS", "Reference", "bibliography", "check_keys",
    "cite", "get_reference", "load_references",
]

EVIDENCE_LEVELS = {
    "S": "checked against the primary source or its official abstract/page",
    "S2": "taken from a secondary source (review, textbook, guideline table)",
    "D": "derived in this kit from cited numbers (see the note)",
}
REQUIRED_FIELDS = ("authors", "year", "title", "evidence")


@dataclass(frozen=True)
class Reference:
    """One bibliography entry."""

    key: str
    authors: str
    year: int
    title: str
    evidence: str
    journal: str = ""
    volume_pages: str = ""
    doi: str = ""
    pmid: str = ""
    url: str = ""
    isbn: str = ""
    accessed: str = ""  # web pages: when the page was consulted, e.g. "November 2026"
    note: str = ""
    label: str = ""  # optional in-text label for organisations/undated pages, e.g. "ICHD-3 2018"

    @property
    def short(self) -> str:
        """In-text label: ``label`` if given, else author-year, e.g. 'Kim et al. 2018'."""
        if self.label:
            return self.label
        names = [a.strip() for a in self.authors.replace(" and ", ", ").split(",") if a.strip()]
        surnames = [n.split()[0] for n in names]
        if len(surnames) == 2 and "et al" not in self.authors:
            return f"{surnames[0]} & {surnames[1]} {self.year}"
        return f"{surnames[0]}{' et al.' if len(surnames) > 1 else ''} {self.year}"

    @property
    def anchor(self) -> str:
        """The HTML id of the entry in a notebook's reference list, e.g. 'ref-kim2018'."""
        return f"ref-{self.key}"

    @property
    def link(self) -> str:
        """The best link for the entry (DOI first), or ''."""
        if self.doi:
            return f"https://doi.org/{self.doi}"
        if self.pmid:
            return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/"
        return self.url

    def formatted(self) -> str:
        """A one-line citation in a Vancouver-like style.

        Returns
        -------
        str
            Authors, title, journal with year and volume/pages (or the year alone), then the
            ISBN, link and access date when the entry has them.
        """
        def sentence(text: str) -> str:
            return text if text.endswith((".", "?", "!")) else f"{text}."

        parts = [sentence(self.authors), sentence(self.title)]
        if self.journal:
            pages = f";{self.volume_pages}" if self.volume_pages else ""
            parts.append(f"{self.journal} {self.year}{pages}.")
        else:
            parts.append(f"{self.year}.")
        if self.isbn:
            parts.append(f"ISBN {self.isbn}.")
        if self.link:
            parts.append(self.link)
        if self.accessed:
            parts.append(f"Accessed {self.accessed}.")
        return " ".join(parts)


@lru_cache(maxsize=1)
def load_references() -> dict[str, Reference]:
    """Read the registry; a malformed entry raises ValueError naming the key and field."""
    try:
        raw = tomllib.loads(REFERENCES_FILE.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise FileNotFoundError(f"Reference registry missing: {REFERENCES_FILE}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"Reference registry {REFERENCES_FILE} is not valid TOML: {exc}") from exc
    refs = {}
    for key, entry in raw.items():
        missing = [f for f in REQUIRED_FIELDS if f not in entry]
        if missing:
            raise ValueError(f"Reference {key!r} in {REFERENCES_FILE.name} lacks {missing}")
        if entry["evidence"] not in EVIDENCE_LEVELS:
            raise ValueError(
                f"Reference {key!r} has evidence {entry['evidence']!r}; "
                f"valid: {', '.join(EVIDENCE_LEVELS)}"
            )
        unknown = sorted(set(entry) - set(Reference.__dataclass_fields__) - {"key"})
        if unknown:
            raise ValueError(f"Reference {key!r} in {REFERENCES_FILE.name} has unknown fields "
                             f"{unknown}; valid: {', '.join(Reference.__dataclass_fields__)}")
        refs[key] = Reference(key=key, **entry)
    return refs


def get_reference(key: str) -> Reference:
    """Return one entry; an unknown key raises ValueError with close matches.

    Parameters
    ----------
    key : str
        A key of references.toml.

    Returns
    -------
    Reference
        The registry entry (authors, title, year, source and links).

    Raises
    ------
    ValueError
        If ``key`` is not in the registry.
    """
    refs = load_references()
    return refs[check_choice(key, refs, "reference key")]


def cite(*keys: str, link: bool = False) -> str:
    """Short in-text citation for one or more keys.

    Parameters
    ----------
    *keys : str
        Registry keys, e.g. ``"kim2018"``; an unknown key raises ValueError with close
        matches.
    link : bool, optional
        If True, each label is a Markdown link to the entry's anchor in the reference
        list that :func:`bibliography` writes (``[Kim et al. 2018](#ref-kim2018)``), for
        notebook text. Leave False for plain text (hover labels, figure captions).

    Returns
    -------
    str
        The labels joined by '; ', e.g. 'Kim et al. 2018; Won et al. 2018'.
    """
    refs = [get_reference(k) for k in keys]
    if link:
        return "; ".join(f"[{r.short}](#{r.anchor})" for r in refs)
    return "; ".join(r.short for r in refs)


def check_keys(keys, where: str) -> None:
    """Raise ValueError if any key is unknown, naming the record it came from.

    Parameters
    ----------
    keys : str or iterable of str
        One reference key or several.
    where : str
        The record the keys came from, put at the start of the error message.

    Raises
    ------
    ValueError
        If a key is not in references.toml; the message names ``where``, the key and
        close matches.
    """
    refs = load_references()
    for key in [keys] if isinstance(keys, str) else keys:
        if key not in refs:
            try:
                check_choice(key, refs, "reference key")
            except ValueError as exc:
                raise ValueError(f"{where}: {exc}") from None


def bibliography(keys) -> str:
    """Markdown list of full references for the given keys, each key once, in order.

    Each item starts with an empty ``<a id="ref-<key>">`` anchor, the target of the links
    that ``cite(..., link=True)`` writes. JupyterLab's HTML sanitiser keeps ``id`` on any
    element, and nbconvert's HTML and slides keep raw HTML, so the links work in the
    notebook, the handouts and the slides.

    Parameters
    ----------
    keys : iterable of str
        Reference keys of references.toml; repeats are listed once, first order kept.

    Returns
    -------
    str
        One Markdown list item per reference: anchor, bold short citation, full citation.

    Raises
    ------
    ValueError
        If a key is not in the registry (the message suggests close matches).
    """
    seen = list(dict.fromkeys(keys))
    refs = [get_reference(k) for k in seen]
    return "\n".join(f'- <a id="{r.anchor}"></a>**{r.short}.** {r.formatted()}'
                     for r in refs)
