"""The deployment workflow: valid for GitHub, pinned, least privilege, and lint-clean."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


def _tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).parent / name)
    assert Path(found).exists(), f"{name} is not installed: pip install -e '.[test]'"
    return found


def test_workflow_matches_github_schema():
    result = subprocess.run([_tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows",
                             str(WORKFLOW)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_passes_zizmor():
    result = subprocess.run([_tool("zizmor"), "--offline", "--min-severity", "low", str(WORKFLOW)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actions_are_pinned_by_commit_and_permissions_are_minimal():
    text = WORKFLOW.read_text("utf-8")
    for line in re.findall(r"uses:\s*(\S+.*)", text):
        assert re.match(r"[\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d", line), f"not pinned by SHA: {line}"
    flow = yaml.safe_load(text)
    assert flow["permissions"] == {}
    assert flow["jobs"]["build"]["permissions"] == {"contents": "read"}
    assert flow["jobs"]["test"]["permissions"] == {"contents": "read"}
    # Nothing is deployed unless the tests pass.
    assert flow["jobs"]["build"]["needs"] == "test" and flow["jobs"]["deploy"]["needs"] == "build"
    test_steps = " ".join(str(s.get("run", "")) for s in flow["jobs"]["test"]["steps"])
    assert "scripts/dev.sh test" in test_steps
    assert "--require-hashes -r requirements.lock" in " ".join(
        str(s.get("run", "")) for s in flow["jobs"]["build"]["steps"])
    assert flow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    steps = " ".join(str(s.get("uses", "")) + str(s.get("run", "")) for s in flow["jobs"]["build"]["steps"])
    assert "mkdocs build --strict" in steps and "actions/upload-pages-artifact@" in steps


def test_dependabot_watches_actions_and_python_packages():
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text("utf-8"))
    assert {u["package-ecosystem"] for u in config["updates"]} == {"github-actions", "pip"}


def test_the_lock_pins_every_dependency_with_hashes():
    """requirements.lock must cover pyproject.toml's dependencies (regenerate it when they change)."""
    import tomllib

    lock = (ROOT / "requirements.lock").read_text("utf-8")
    pinned = {m.lower().replace("_", "-") for m in re.findall(r"^([A-Za-z0-9_.-]+)==", lock, re.M)}
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    wanted = project["dependencies"] + project["optional-dependencies"]["test"]
    for requirement in wanted:
        name = re.match(r"[A-Za-z0-9_.-]+", requirement).group(0).lower().replace("_", "-")
        assert name in pinned, f"{name} is not in requirements.lock: see README (Updating dependencies)"
    assert lock.count("==") <= lock.count("--hash=sha256:")
    assert "file://" not in lock and "/opt/" not in lock
