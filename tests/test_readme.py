"""The README's Quick start and CI agree: CI runs the README's test command verbatim."""

import re
import subprocess

import pytest

from conftest import ROOT


def quick_start_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_quick_start_is_two_commands():
    commands = quick_start_commands()
    assert len(commands) == 2
    assert "jixiao check facts/shanghai-single-window/2017" in commands[0]
    assert commands[1].endswith("pytest")


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert quick_start_commands()[1] in ci.splitlines()


def _pins(path):
    """{(name, marker): version} of a lock file written by `uv pip compile --universal`."""
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        found = re.match(r"^([A-Za-z0-9_.-]+)==([^ ;\\]+)(?: ; ([^\\]+?))?\s*\\?$", line)
        if found:
            pins[(found[1].lower().replace("_", "-"), (found[3] or "").strip())] = found[2]
    return pins


def test_both_commands_install_the_pinned_set_with_hashes():
    install, test = quick_start_commands()
    for command, lock in ((install, "requirements/main.txt"), (test, "requirements/test.txt")):
        assert "--require-hashes -r requirements/build.txt" in command
        assert f"--require-hashes --no-build-isolation -r {lock}" in command
        assert "--no-deps --no-build-isolation -e ." in command  # jixiao itself adds nothing unpinned
    for name in ("build.txt", "main.txt", "test.txt"):
        text = (ROOT / "requirements" / name).read_text(encoding="utf-8")
        packages = [line for line in text.splitlines() if re.match(r"^[a-z0-9]", line, re.I)]
        assert packages and all("==" in line for line in packages), name
        assert text.count("--hash=sha256:") >= len(packages), f"{name}: every pin carries its hashes"


def test_the_pins_lie_within_pyproject_ranges():
    """A refresh that drifts from pyproject.toml (or a range changed without a refresh) fails here."""
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    from packaging.requirements import Requirement

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    for lock, requirements in (("main.txt", project["dependencies"]),
                               ("test.txt", project["dependencies"] + project["optional-dependencies"]["test"])):
        pins = _pins(ROOT / "requirements" / lock)
        for text in requirements:
            requirement = Requirement(text)
            name = requirement.name.lower().replace("_", "-")
            versions = [v for (pinned, _), v in pins.items() if pinned == name]
            assert versions, f"{lock} pins no {name}"
            assert all(requirement.specifier.contains(v, prereleases=True) for v in versions), \
                f"{lock}: {name} {versions} outside {requirement.specifier}"


def test_no_file_holds_a_merge_left_unresolved():
    """A merge committed with its conflict markers once cut a hundred lines out of this README."""
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    marked = []
    for name in tracked:
        path = ROOT / name
        if path.suffix in {".py", ".md", ".yaml", ".yml", ".toml", ".txt", ".csv", ".sh", ""} and path.is_file():
            lines = path.read_bytes().decode("utf-8", "replace").splitlines()
            marked += [f"{name}:{n}" for n, line in enumerate(lines, 1)
                       if line.startswith(("<<<<<<< ", ">>>>>>> ")) or line == "======="]
    assert marked == []


def test_the_readme_says_how_to_test_the_newest_releases_and_refresh_the_pins():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "**Against the newest releases**" in text and "pip install -q -U -e '.[test]'" in text
    assert "**Refreshing the pins**" in text and "requirements/refresh.sh" in text
    assert "## Usage" in text and "## How it works" in text and "## Layout" in text
