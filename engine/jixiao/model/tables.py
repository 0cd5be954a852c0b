"""Fact table schemas (rules/tables/*.yaml) as data: columns, types, units, keys, checks.

Loading them is jixiao.load.table_schemas; turning typed cells into values is jixiao.load.cells.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from decimal import Decimal

from .values import ANSWERS
from .vocabulary import RATIO_UNIT

TYPES = ("text", "integer", "number", "date", "answer")


RESERVED_COLUMNS = {"weight", "count", "deduction", "labels", "labels_brief", "label", "check_year", "prior_year"}


# RATIO_UNIT (比例): what the schemas call a ratio, from the input vocabulary


DATE_YEARS = (-15, 5)  # a date's plausible years around the case year, unless its column says otherwise


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    title: str = ""
    unit: str = ""
    required: bool = False
    allowed: tuple = ()
    min: Decimal | None = None  # plausible bounds of a number (jixiao.check.plausibility)
    max: Decimal | None = None
    years: tuple = DATE_YEARS  # a date's plausible years, relative to the case year
    description: str = ""  # what the column holds, for the people who fill it in
    words: tuple = ()  # ((code, 中文), …): the Chinese word people type for each allowed code
    unit_in: str = ""  # a number whose unit differs by row: the (text) column naming each row's unit

    @property
    def word_of(self) -> dict:
        """Each allowed code's Chinese word (those the schema gives): output -> 产出."""
        return dict(self.words)

    @property
    def label(self) -> str:
        """How messages name the column: its Chinese title and its name, e.g. 实际拨付金额（paid_amount）."""
        return f"{self.title}（{self.name}）" if self.title else self.name

    @property
    def kind(self) -> FieldKind:
        """How conditions may compare this column."""
        if self.type in ("integer", "number"):
            return FieldKind("number", self.allowed)
        if self.type == "date":
            return FieldKind("date")
        allowed = ANSWERS if self.type == "answer" else self.allowed
        return FieldKind("text", tuple(allowed))


@dataclass(frozen=True)
class TableSchema:
    name: str
    title: str
    columns: dict[str, Column]
    key: tuple[str, ...] = ()
    label: str | None = None
    derived: bool = False
    file: str = ""
    checks: tuple = ()  # integrity checks (jixiao.check.integrity), as data
    date: str | None = None  # the column that dates each fact: which version of a rule judges it
    inputs: tuple = ()  # a derived table's observed tables; a tuple inside: one of these
    gives: tuple = ()  # ((column, code), …): the code its rows give a derived table (system_availability)
    caption: str | None = None  # a text column that says in words what a row is (a question, an indicator's name), for readers
    former_titles: tuple = ()  # titles it had before: a file or sheet named by one is still read as this table

    def caption_of(self, values: dict) -> str:
        """The row's caption (its `caption` column's text), or "" when the table has none or the row leaves it empty."""
        text = values.get(self.caption) if self.caption else None
        return str(text).strip() if text not in (None, "") else ""

    def missing_inputs(self, present) -> list[str]:
        """The observed tables this table needs and `present` lacks ("a or b" for alternatives):
        a derived table its inputs, an observed one itself."""
        missing = []
        for needed in self.inputs if self.derived else (self.name,):
            options = needed if isinstance(needed, tuple) else (needed,)
            if not any(option in present for option in options):
                missing.append(" or ".join(options))
        return missing

    @property
    def field_kinds(self) -> dict[str, FieldKind]:
        return {name: col.kind for name, col in self.columns.items()}

    @functools.cached_property
    def required(self) -> tuple[Column, ...]:
        return tuple(column for column in self.columns.values() if column.required)


@dataclass
class TableSchemas:
    """Every fact table jixiao knows, observed and derived."""

    tables: dict[str, TableSchema] = field(default_factory=dict)
    # the layouts of the self-evaluation form (jixiao.model.forms.FormLayout): how a form's sheet
    # maps into form_header, form_funds and form_indicators
    layouts: tuple = ()

    def get(self, name: str) -> TableSchema | None:
        return self.tables.get(name)


@dataclass(frozen=True)
class FieldKind:
    """What a condition may compare a field with: 'number', 'text' or 'date'; allowed values."""

    kind: str
    allowed: tuple = ()
