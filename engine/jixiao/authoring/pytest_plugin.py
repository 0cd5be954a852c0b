"""Rule tests under pytest: `pytest rules/` runs every case of every rules/<family>/<id>.test.yaml.

One item per case, named by file, rule and case:
`rules/budget/budget-execution.test.yaml::budget-execution::<case name>`, so a file, a rule or
`-k <part of a case name>` selects cases. A failure reads as `jixiao test` prints it (rule ›
case, each difference between expected and found, the case's file:line); a test file that
does not load is one collection error listing its problems.

Registered for everyone who installs jixiao (pyproject.toml, entry-point group `pytest11`),
so a rules folder of one's own needs no conftest: a `*.test.yaml` belongs to the rules folder
two levels up, when that folder holds families.yaml, schemes/ and tables/; any other file of
that name is left alone. Each rules folder is loaded once per session. Cases are loaded, run
and compared by jixiao.authoring.ruletests, exactly as `jixiao test` does.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ..model.problems import InputError
from ..model.rules import TEST_SUFFIX

# jixiao's loaders and its engine are imported inside the functions that use them, not here:
# pytest loads this module in every run where jixiao is installed, most of which hold no rule
# tests, and importing them takes ~0.3 s.

_RULE_BOOKS = pytest.StashKey["RuleBooks"]()


def rules_folder_of(test_file: Path) -> Path | None:
    """The rules folder `rules/<family>/<id>.test.yaml` belongs to (its grandparent, when that
    holds families.yaml, schemes/ and tables/); None when it is not a rule test file."""
    folder = Path(test_file).parent.parent
    if (folder / "families.yaml").is_file() and (folder / "schemes").is_dir() and (folder / "tables").is_dir():
        return folder
    return None


def pytest_configure(config: pytest.Config) -> None:
    config.stash[_RULE_BOOKS] = RuleBooks()


def pytest_collect_file(file_path: Path, parent: pytest.Collector):
    if file_path.name.endswith(TEST_SUFFIX) and rules_folder_of(file_path) is not None:
        return RuleTestFile.from_parent(parent, path=file_path)
    return None


class NotCollected(Exception):
    """A test file that cannot be collected; the message lists why (file:line and problem)."""


class CaseFailed(Exception):
    """A case whose rule did not do what it expects; carries the ruletests Outcome."""

    def __init__(self, outcome) -> None:
        super().__init__(outcome)
        self.outcome = outcome


class RuleBooks:
    """The session's rule books, one per rules folder, each loaded once (a load takes ~0.3 s).
    A folder that does not load is reported in full by the first of its test files collected;
    the others refer to it."""

    def __init__(self) -> None:
        self._loaded: dict[Path, object] = {}
        self._first: dict[Path, str] = {}

    def get(self, folder: Path, test_file: str):
        """The RuleBook of `folder`; raises NotCollected when it does not load."""
        from ..check.rulebook import load_rulebook

        key = folder.resolve()
        if key not in self._loaded:
            try:
                self._loaded[key] = load_rulebook(_shown(folder))
            except InputError as exc:
                self._loaded[key] = exc
                self._first[key] = test_file
                count = len(exc.problems)
                raise NotCollected("\n".join([f"the rules folder {_shown(folder)}/ does not load "
                                              f"({count} problem{'s' if count != 1 else ''}):",
                                              *(f"  {p}" for p in exc.problems)])) from None
        loaded = self._loaded[key]
        if isinstance(loaded, InputError):
            raise NotCollected(f"the rules folder {_shown(folder)}/ does not load: its problems are listed "
                               f"under {self._first[key]}")
        return loaded


class RuleTestFile(pytest.File):
    """One rules/<family>/<id>.test.yaml: the rule's cases."""

    def collect(self):
        from .ruletests import load_test_file

        shown = _shown(self.path)
        rulebook = self.config.stash[_RULE_BOOKS].get(rules_folder_of(self.path), str(shown))
        try:
            cases = load_test_file(shown, rulebook)
        except InputError as exc:
            raise NotCollected("\n".join(str(p) for p in exc.problems)) from None
        yield RuleTests.from_parent(self, name=cases[0].rule, cases=cases, rulebook=rulebook)

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, NotCollected):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style)


class RuleTests(pytest.Collector):
    """A rule's cases (one file holds one rule's), under the rule's id."""

    def __init__(self, *, cases, rulebook, **kwargs) -> None:
        super().__init__(**kwargs)
        self.cases, self.rulebook = cases, rulebook

    def collect(self):
        for case in self.cases:
            yield RuleCaseItem.from_parent(self, name=case.name, case=case, rulebook=self.rulebook)


class RuleCaseItem(pytest.Item):
    """One case: its facts through the rule in durable-rules, compared with `expect`."""

    def __init__(self, *, case, rulebook, **kwargs) -> None:
        super().__init__(**kwargs)
        self.case, self.rulebook = case, rulebook

    def runtest(self) -> None:
        from .ruletests import run_case

        outcome = run_case(self.case, self.rulebook)
        if not outcome.passed:
            raise CaseFailed(outcome)

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, CaseFailed):
            from .ruletests import outcome_lines

            return "\n".join(outcome_lines(excinfo.value.outcome))
        return super().repr_failure(excinfo, style)

    def reportinfo(self):
        # pytest counts lines from 0; the case's line is counted from 1
        return self.path, (self.case.line or 1) - 1, f"{self.case.rule} › {self.case.name}"


def _shown(path: Path) -> Path:
    """`path` as pytest shows it: relative to the working folder when inside it, else absolute."""
    path, here = Path(path).absolute(), Path.cwd()
    return path.relative_to(here) if path.is_relative_to(here) else path
