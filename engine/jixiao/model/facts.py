"""A case (one project, one year) and its facts: the rows of its tables, each remembering
where it was read or what it was derived from."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Mapping

if TYPE_CHECKING:  # for the annotation only
    from .messages import Message

CASE_FILE = "case.yaml"


_NO_LINES = MappingProxyType({})


@dataclass(frozen=True, eq=False, init=False)  # facts are compared by identity (a fact is where it was read)
class Fact:
    """One fact: a row of a table, with where it was read (or what it was derived from). Read
    only once made: `values` is a read-only mapping, so a result's evidence cannot change."""

    table: str
    index: int
    file: str
    line: int | None
    values: Mapping
    derived_from: tuple = ()  # the rows a derived fact comes from (its evidence)
    depends_on: tuple = ()  # further rows its values depend on (e.g. the tranches behind a total)
    lines: Mapping = field(default_factory=dict)  # a YAML record's line of each key (a CSV or sheet row: one line)
    # the cells a column's value was read from ("绩效目标表!B5"; see `cells_of`), for a record whose
    # values stand in cells of several rows (a form's header); of a derived fact, cells of the file
    # of its first source; () for a value read from no cell (the form's layout, case.yaml)
    cells: Mapping = field(default_factory=dict)

    def __init__(self, table: str, index: int, file: str, line: int | None, values: Mapping,
                 derived_from: tuple = (), depends_on: tuple = (), lines: Mapping = _NO_LINES,
                 cells: Mapping = _NO_LINES) -> None:
        # Every fact of every case is made here: its fields are set at once, not one frozen
        # setattr each (as the dataclass's own __init__ would). `values` and `lines` become
        # read-only mappings (type, not isinstance: a mappingproxy cannot be subclassed). The
        # fact's id, "<table>:<index>", is asked several times per fact and check (engine,
        # evidence, lookups): set here rather than as a cached_property, whose lock costs more.
        if type(values) is not MappingProxyType:
            values = MappingProxyType(dict(values))
        if type(lines) is not MappingProxyType:
            lines = MappingProxyType(dict(lines))
        if type(cells) is not MappingProxyType:
            cells = MappingProxyType(dict(cells))
        self.__dict__.update(table=table, index=index, file=file, line=line, values=values, derived_from=derived_from,
                             depends_on=depends_on, lines=lines, cells=cells, id=f"{table}:{index}")

    def evidence(self, column: str | None = None) -> dict:
        """Where this fact stands, for a finding's evidence: its file, row and line (the line of
        `column`'s key, in a YAML record, when one is named)."""
        place = {"file": self.file, "row": self.index}
        line = self.lines.get(column, self.line) if column is not None else self.line
        if line is not None:
            place["line"] = line
        return place

    def places(self, columns) -> list[dict]:
        """Where the values of `columns` stand, for evidence and working papers: the cells they
        were read from ({file, row, line, cell}, see `cell_evidence`) when this fact records a cell
        for each of them and one at least; else the observed rows it rests on (a derived fact's
        sources, or itself)."""
        if columns and all(c in self.cells for c in columns):
            cells = list(dict.fromkeys(cell for c in columns for cell in self.cells[c]))
            if cells:
                return [self.cell_evidence(cell) for cell in cells]
        return [s.evidence() for s in self.derived_from] if self.derived_from else [self.evidence()]

    def cell_evidence(self, cell: str) -> dict:
        """One of this fact's cells ("绩效目标表!B5") as evidence: the file as read, naming the
        sheet ("目标表.xlsx[绩效目标表]"), the fact's row, the cell's row as its line and its
        address ("B5")."""
        owner = self.derived_from[0] if self.derived_from else self
        file, address = cells_of(owner.file, cell)
        return {"file": file, "row": owner.index, "line": int(address.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")),
                "cell": address}


def cells_of(file: str, cell: str) -> tuple[str, str]:
    """A workbook's label ("目标表.xlsx[绩效目标表]", or "目标表.xlsx" for a workbook of several
    forms) and a cell as Excel names it ("绩效目标表!B5") as (the label naming the sheet, the
    address): ("目标表.xlsx[绩效目标表]", "B5")."""
    sheet, _, address = cell.rpartition("!")
    return (file if not sheet or file.endswith(f"[{sheet}]") else f"{file}[{sheet}]"), address


@dataclass
class Case:
    directory: Path
    case: str
    year: int
    scheme: str
    meta: dict
    tables: dict[str, list[Fact]] = field(default_factory=dict)
    columns: dict[str, tuple] = field(default_factory=dict)  # each table's declared columns
    attempted: set = field(default_factory=set)  # tables given in a file, even if it failed to load
    files: dict[str, str] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    digests: dict[str, str] = field(default_factory=dict)  # SHA-256 of each file read, by file name
    skipped: dict[str, Message] = field(default_factory=dict)  # files of the folder not read, by name: why
    opaque: bool = False  # a workbook could not be opened: which tables it holds is unknown
    unknown_tables: list = field(default_factory=list)  # files or sheets named after no table, as named
    reads_forms: bool = False  # its scheme is built from a form (a form folder): its workbooks must be forms
    placeholders: tuple = ()  # ((key, line, value), …): case.yaml's fields still holding a scaffold's placeholder

    @property
    def session_id(self) -> str:
        return f"{self.case}/{self.year}"


def observed_sources(row: Fact) -> list[Fact]:
    """The observed rows a fact rests on: itself when observed, else its sources and the rows
    its values depend on, recursively."""
    if not row.derived_from and not row.depends_on:
        return [row]
    found: list[Fact] = []
    for source in (*row.derived_from, *row.depends_on):
        found += observed_sources(source)
    return found
