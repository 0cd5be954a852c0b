"""suspects() skips walking derived rows that cannot inherit a suspect value (no note names a
cell; or no suspect column is one a derived table's derivation reads): what it finds is what
walking every derived row's observed sources finds, for any set of notes."""

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.check.derive import READS, derive
from jixiao.check.rulebook import load_rulebook
from jixiao.check.suspect import Suspect, suspects
from jixiao.load.case_folder import load_case
from jixiao.model.facts import observed_sources
from jixiao.model.messages import Message
from jixiao.model.problems import Problems
from jixiao.model.results import IntegrityNote

from conftest import FACTS, RULES

RULEBOOK = load_rulebook(RULES)


def _tables(folder):
    case = load_case(folder, RULEBOOK.schemas, Problems())
    return {**case.tables, **derive(case, RULEBOOK.schemas)}


TABLES = {name: _tables(FACTS / name / year) for name, year in (("shanghai-single-window", "2017"),
                                                                  ("dongguan-processing-trade", "2015"))}


def walked(notes, tables):
    """The Suspect of every row, every derived row's observed sources walked (the reference)."""
    columns, why = {}, {}
    for note in notes:
        for row, named in note.cells:
            found = columns.setdefault(id(row), frozenset())
            if row.derived_from or row.depends_on:
                columns[id(row)] = None
            elif found is not None:
                columns[id(row)] = found | frozenset(named)
            if note not in why.setdefault(id(row), []):
                why[id(row)].append(note)
    observed = {key: (columns[key], list(why[key])) for key in columns}
    for table, rows in tables.items():
        reads = READS.get(table, {})
        for row in rows:
            if not row.derived_from and not row.depends_on:
                continue
            inherited = []
            for source in observed_sources(row):
                entry = observed.get(id(source))
                if entry is None or not (entry[0] is None or entry[0] & reads.get(source.table, set())):
                    continue
                inherited += [n for n in entry[1] if n not in inherited]
            if inherited:
                columns[id(row)] = None
                known = why.setdefault(id(row), [])
                known += [n for n in inherited if n not in known]
    return {key: Suspect(columns[key], tuple(why[key])) for key in columns}


@st.composite
def notes_on(draw, tables):
    """Notes naming cells of observed and derived rows: some columns a derivation reads, some not."""
    rows = [row for table in sorted(tables) for row in tables[table]]
    notes = []
    for number in range(draw(st.integers(min_value=0, max_value=4))):
        cells = []
        for row in draw(st.lists(st.sampled_from(rows), max_size=3)):
            names = sorted(row.values)
            cells.append((row, tuple(draw(st.lists(st.sampled_from(names), max_size=3, unique=True))) if names else ()))
        notes.append(IntegrityNote("implausible", "t", Message("integrity.shares", {"n": number}), (), tuple(cells)))
    return notes


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_suspects_are_those_of_the_full_walk(data):
    case = data.draw(st.sampled_from(sorted(TABLES)))
    tables = TABLES[case]
    notes = data.draw(notes_on(tables))
    assert suspects(notes, tables) == walked(notes, tables)


def test_a_suspect_amount_reaches_the_derived_rows_that_read_it():
    """An instance: a budget amount in doubt makes budget_execution's row suspect; a column
    budget_execution does not read leaves it alone (and so does no note at all)."""
    tables = TABLES["shanghai-single-window"]
    budget, derived = tables["budget"][0], tables["budget_execution"][0]
    read = IntegrityNote("implausible", "budget", Message("integrity.shares", {}), (), ((budget, ("amount",)),))
    unread = IntegrityNote("implausible", "budget", Message("integrity.shares", {}), (), ((budget, ("item",)),))
    assert suspects([read], tables)[id(derived)] == Suspect(None, (read,))
    assert id(derived) not in suspects([unread], tables)
    assert suspects([], tables) == {}
