"""Write a transcribed self-evaluation form (tests/forms/transcriptions/*.yaml, from
notes/forms/: values exactly as the published form prints them, with its source) as an .xlsx in
the template's layout, merged cells and all, the way units fill in the Excel template.

    python tests/forms/make_forms.py            # rewrites the bundled facts/<case>/<year>/form.xlsx

Every value goes into its cell as printed: text as text, a printed plain number as a number
(as Excel keeps what is typed into a General cell), blanks blank. Nothing is corrected:
the slips of the published form are the point. tests/test_forms.py checks that the bundled
workbooks are what this script writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from jixiao.authoring.form_writer import WRITERS

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
# transcription -> (case folder, layout)
BUNDLED = {
    "yn-yongde-2022-nutrition": ("facts/form-yongde-nutrition/2022", "yunnan-split"),
    "sx-jishan-2020-medical-insurance": ("facts/form-jishan-medical-insurance/2020", "national"),
    "ah-tianchang-2022-flood-drought": ("facts/form-tianchang-flood-drought/2022", "national"),
    "yn-shidian-2019-agri-entities": ("facts/form-shidian-agri-entities/2019", "hubei-execution-20"),
}


def transcription(name: str) -> dict:
    return yaml.safe_load((HERE / "transcriptions" / f"{name}.yaml").read_text(encoding="utf-8"))


def write(name: str, layout: str, path: Path) -> Path:
    data = transcription(name)
    WRITERS[layout](data["form"], data["source"]["title"]).save(path)
    return path


def main(argv: list[str]) -> int:
    for name, (folder, layout) in BUNDLED.items():
        print(write(name, layout, ROOT / folder / "form.xlsx"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
