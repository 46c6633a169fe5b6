"""Load cited data records from TOML with one validator.

A data file holds tables of records. ``load_table`` checks each record against a schema
(``Field`` per key: its type, whether it is required, and for reference keys that they
exist in the registry) and raises one error that names the file, the record, the bad
key or value and the valid choices. Nothing unknown is silently ignored.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Field", "load_table", "read"]


@dataclass(frozen=True)
class Field:
    """One key of a record: its Python type(s), whether it must be there, and whether its
    value is a list of reference keys to check against the registry."""

    kind: type | tuple[type, ...]
    required: bool = True
    references: bool = False


def read(path: Path) -> dict:
    """A TOML file as a dict; a syntax error names the file.

    Parameters
    ----------
    path : pathlib.Path
        The TOML file (read as UTF-8).

    Returns
    -------
    dict
        The parsed file.

    Raises
    ------
    ValueError
        If the file is not valid TOML.
    """
    try:
        return tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{Path(path).name}: not valid TOML ({exc})") from exc


def _type_name(kind) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(k.__name__ for k in kinds)


def check_record(record: dict, schema: dict[str, Field], where: str) -> dict:
    """Validate one record (a dict) against ``schema``; return it unchanged."""
    if not isinstance(record, dict):
        raise ValueError(f"{where}: expected a table of keys, got {record!r}")
    unknown = sorted(set(record) - set(schema))
    if unknown:
        raise ValueError(f"{where}: unknown key(s) {unknown}; valid keys: {', '.join(schema)}")
    for key, spec in schema.items():
        if key not in record:
            if spec.required:
                raise ValueError(f"{where}: missing key {key!r} ({_type_name(spec.kind)})")
            continue
        value = record[key]
        kinds = spec.kind if isinstance(spec.kind, tuple) else (spec.kind,)
        if float in kinds and isinstance(value, int) and not isinstance(value, bool):
            value = record[key] = float(value)
        if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
            raise ValueError(f"{where}: {key} = {value!r} is not a {_type_name(spec.kind)}")
        if spec.references:
            from anatomy.references import check_keys

            check_keys(value, f"{where}.{key}")
    return record


def load_table(path: Path, table: str, schema: dict[str, Field]) -> dict[str, dict]:
    """The records of ``[table.<name>]`` in a TOML file, each validated by ``schema``.

    Parameters
    ----------
    path : pathlib.Path
        The TOML file.
    table : str
        The top-level table whose sub-tables are the records.
    schema : dict[str, Field]
        Allowed keys of a record and their types (see ``check_record``).

    Returns
    -------
    dict[str, dict]
        Record name -> record, as in the file.

    Raises
    ------
    ValueError
        If the file is not valid TOML, has no ``[table]``, or a record breaks the schema
        (the message names the file, the record and the key).
    """
    data = read(path)
    if table not in data:
        raise ValueError(f"{Path(path).name}: no [{table}] table; found {sorted(data)}")
    return {name: check_record(rec, schema, f"{Path(path).name} [{table}.{name}]")
            for name, rec in data[table].items()}
