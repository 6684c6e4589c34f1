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
    assert flow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    steps = " ".join(str(s.get("uses", "")) + str(s.get("run", "")) for s in flow["jobs"]["build"]["steps"])
    assert "mkdocs build --strict" in steps and "actions/upload-pages-artifact@" in steps
