"""What keeps a batch of self-evaluation forms cheap (issue 14 item 5; benchmarks/forms.py
measures it), asserted on what is done, never timed: the workers of a batch share the workbook
readers their parent imported, instead of each importing openpyxl."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from jixiao.authoring.form_synth import synth_forms

from conftest import RULES

# Run as its own process (this test process has imported openpyxl long ago): every case a worker
# checks leaves a line saying whether openpyxl was imported when the worker came to it.
_RECORDING = textwrap.dedent("""
    import sys
    from jixiao.check import case as case_check
    from jixiao.cli.main import main
    seen, real = sys.argv[1], case_check.check_case

    def recording(folder, rulebook):
        with open(seen, "a") as record:
            record.write(f"{'openpyxl' in sys.modules}\\n")
        return real(folder, rulebook)

    case_check.check_case = recording  # (the workers look it up at each call)
    sys.exit(main(sys.argv[2:]))
""")


@pytest.mark.parametrize("out, shared", [(True, True), (False, False)], ids=["portfolio-written", "nothing-written"])
def test_workers_share_the_workbook_readers_when_the_parent_imports_them_anyway(tmp_path, out, shared):
    """A batch that writes its portfolio imports openpyxl in its own process for portfolio.xlsx:
    it imports the workbook readers before its workers fork, so no worker imports them again
    (a quarter of a second of CPU each). A batch that writes nothing leaves them to the workers."""
    forms = tmp_path / "forms"
    synth_forms(forms, 4, seed=3)
    seen = tmp_path / "seen"
    args = ["check", str(forms), "--jobs", "2", "--rules", str(RULES), "-q"]
    args += ["--summary-only", "--out", str(tmp_path / "out")] if out else ["--no-write"]
    done = subprocess.run([sys.executable, "-c", _RECORDING, str(seen), *args], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    lines = seen.read_text().splitlines()
    assert len(lines) == 4
    if shared:
        assert set(lines) == {"True"}
    else:  # each worker's first case found it not yet imported
        assert "False" in lines
