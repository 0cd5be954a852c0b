"""One mistake is one problem: nothing else is reported because of it (a misnamed file, a misspelt
column, a value that does not parse)."""

from jixiao.cli.main import main

from conftest import RULES


def run(capsys, folder, *extra):
    code = main(["check", str(folder), "--rules", str(RULES), *extra])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _known_tables() -> str:
    """The observed tables as the unknown-table message lists them (computed: a new table
    schema must not break this file)."""
    from jixiao import load_rulebook
    from jixiao.load.titles import sheet_title
    schemas = load_rulebook(RULES).schemas.tables
    return ", ".join(f"{sheet_title(schema)} ({name})" for name, schema in sorted(schemas.items()) if not schema.derived)


KNOWN_TABLES = _known_tables()


def problems_of(err):
    return [line.strip() for line in err.splitlines() if line.startswith("  ")]


def test_a_misnamed_table_file_is_one_problem(capsys, case_copy):
    (case_copy / "budget.csv").rename(case_copy / "budjet.csv")
    code, _, err = run(capsys, case_copy, "--no-write")
    assert code == 2
    assert problems_of(err) == [
        f"budjet.csv: unknown fact table 'budjet' (did you mean 预算构成 (budget)?); allowed: {KNOWN_TABLES}"]


def test_a_misspelt_key_in_every_yaml_record_is_one_problem(capsys, case_copy):
    path = case_copy / "observations.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  answer:", "  answr:"), encoding="utf-8")
    code, _, err = run(capsys, case_copy, "--no-write")
    assert code == 2
    assert problems_of(err) == ["observations.yaml:5 [answr]: records 1–12: unknown column (did you mean 'answer'?); "
                                "allowed: id, question, answer, evidence"]  # not also 'answer' missing, 12 times


def test_unparsable_keys_do_not_make_false_duplicates(capsys, case_copy):
    path = case_copy / "budget.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = "一" + lines[1][1:]
    lines[2] = "二" + lines[2][1:]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, _, err = run(capsys, case_copy, "--no-write")
    assert code == 2
    assert [p.split(";")[0] for p in problems_of(err)] == [
        "budget.csv:2 [序号（no）]: whole number expected", "budget.csv:3 [序号（no）]: whole number expected"]
