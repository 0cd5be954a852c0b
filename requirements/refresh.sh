#!/usr/bin/env bash
# Regenerate the pinned dependency set from pyproject.toml's ranges, with hashes, for every
# Python jixiao supports (3.10-3.12) at once. Run from anywhere; review the diff; run the tests.
#   requirements/build.txt  setuptools and wheel: what builds jixiao and durable-rules' sdist
#   requirements/main.txt   what `jixiao` needs to run
#   requirements/test.txt   main.txt plus the test extra (pytest, hypothesis, dask, zen-engine)
set -euo pipefail
cd "$(dirname "$0")"
UV="${UV:-uv}"   # if you have none: `pipx install uv`, or install it into a venv and set UV
common=(--generate-hashes --universal --python-version 3.10 --quiet)
printf 'setuptools\nwheel\n' | "$UV" pip compile "${common[@]}" --custom-compile-command "requirements/refresh.sh" - -o build.txt
"$UV" pip compile "${common[@]}" --custom-compile-command "requirements/refresh.sh" ../pyproject.toml -o main.txt
"$UV" pip compile "${common[@]}" --custom-compile-command "requirements/refresh.sh" --extra test ../pyproject.toml -o test.txt
