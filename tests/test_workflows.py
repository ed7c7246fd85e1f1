"""The GitHub files: workflows and issue forms are valid, and CI builds pull requests safely.

GitHub is not reachable from CI, so everything here is offline: check-jsonschema validates with
the schemas it bundles (``--builtin-schema``), zizmor runs with ``--offline``, and the policy of
docs/security.md ("How CI must build pull requests") is asserted on the parsed YAML.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from support import REPO

BIN = Path(sys.executable).parent  # the virtual environment's bin/, where the test extras live
GITHUB = REPO / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
ISSUE_FORMS = sorted(p for p in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml")
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")
VERSION_COMMENT = re.compile(r"uses:\s*(\S+)\s+#\s*v\d+(\.\d+)*\s*$")


def _tool(name: str) -> str:
    path = BIN / name
    if not path.exists():
        pytest.fail(f"{path} is missing: it is in the test extra of pyproject.toml; run `make test` to install it")
    return str(path)


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), cwd=REPO, capture_output=True, text=True, timeout=300, check=False)


def _load(path: Path) -> dict[Any, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), path
    return data


def _triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    on = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return dict.fromkeys(on)
    assert isinstance(on, dict)
    return on


def _steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_the_expected_files_exist() -> None:
    assert [p.name for p in WORKFLOWS] == ["deploy.yml", "pull-request.yml"]
    assert [p.name for p in ISSUE_FORMS] == ["report-an-error.yml", "suggest-a-source.yml"]


@pytest.mark.parametrize("schema", ["vendor.github-workflows", "custom.github-workflows-require-timeout"])
def test_workflows_match_the_schema(schema: str) -> None:
    result = _run(_tool("check-jsonschema"), "--builtin-schema", schema, *map(str, WORKFLOWS))
    assert result.returncode == 0, result.stdout + result.stderr


def test_issue_forms_match_the_schema() -> None:
    result = _run(_tool("check-jsonschema"), "--builtin-schema", "vendor.github-issue-forms", *map(str, ISSUE_FORMS))
    assert result.returncode == 0, result.stdout + result.stderr
    config = GITHUB / "ISSUE_TEMPLATE" / "config.yml"
    result = _run(_tool("check-jsonschema"), "--builtin-schema", "vendor.github-issue-config", str(config))
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing_of_medium_severity_or_above() -> None:
    # The pedantic persona: every regular audit plus code smells (auditor adds known false positives).
    result = _run(_tool("zizmor"), "--offline", "--persona", "pedantic", "--format", "json", "--no-exit-codes",
                  str(GITHUB / "workflows"))
    assert result.returncode == 0, result.stderr
    findings = json.loads(result.stdout)
    serious = [f"{f['ident']} ({f['determinations']['severity']}): {f['desc']} at "
               + ", ".join(f"{loc['symbolic']['key']['Local']['verbatim_path']}:"
                           f"{loc['concrete']['location']['start_point']['row'] + 1}" for loc in f["locations"])
               for f in findings
               if not f.get("ignored") and f["determinations"]["severity"] in ("Medium", "High")]
    assert not serious, "\n".join(serious)


# docs/security.md, "How CI must build pull requests", one rule per test.

def test_no_workflow_runs_on_pull_request_target() -> None:
    for path in WORKFLOWS:
        # workflow_run is the same trap: it runs with write access after an untrusted run.
        assert not {"pull_request_target", "workflow_run"} & set(_triggers(_load(path))), path.name


def test_pull_requests_are_built_with_a_read_only_token() -> None:
    workflow = _load(GITHUB / "workflows" / "pull-request.yml")
    assert "pull_request" in _triggers(workflow)
    assert workflow["permissions"] == {"contents": "read"}
    for job in workflow["jobs"].values():
        assert job.get("permissions", {"contents": "read"}) == {"contents": "read"}


def test_no_secret_is_used_and_no_checkout_keeps_credentials() -> None:
    for path in WORKFLOWS:
        assert "secrets." not in path.read_text(encoding="utf-8"), path.name
        for step in _steps(_load(path)):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False, path.name


def test_every_action_is_pinned_to_a_commit_with_its_version_in_a_comment() -> None:
    for path in WORKFLOWS:
        for step in _steps(_load(path)):
            if "uses" in step:
                assert PINNED.match(step["uses"]), f"{path.name}: {step['uses']} is not pinned to a full commit SHA"
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip().startswith(("uses:", "- uses:")):
                assert VERSION_COMMENT.search(line), f"{path.name}: `{line.strip()}` needs `# vX.Y.Z` after the SHA"


def test_only_the_deploy_job_may_write_and_only_from_main() -> None:
    workflow = _load(GITHUB / "workflows" / "deploy.yml")
    triggers = _triggers(workflow)
    assert set(triggers) == {"push", "workflow_dispatch"}
    assert triggers["push"] == {"branches": ["main"]}
    assert workflow["permissions"] in ({}, {"contents": "read"})
    jobs = workflow["jobs"]
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["deploy"]["environment"]["name"] == "github-pages"
    assert jobs["deploy"]["needs"] == "build"
    for name, job in jobs.items():
        if name != "deploy":
            assert set(job.get("permissions", {}).values()) <= {"read"}, name


def test_pull_request_annotations_come_first_then_tests_then_the_preview() -> None:
    runs = [step.get("run", "") or step.get("uses", "") for step in _steps(_load(GITHUB / "workflows" / "pull-request.yml"))]
    check = next(i for i, r in enumerate(runs) if "--format github" in r)
    tests = runs.index("bash .ci/run")
    site = runs.index("make site")
    upload = next(i for i, r in enumerate(runs) if r.startswith("actions/upload-artifact@"))
    assert "make install" in runs[check - 1], "pizhu check --format github must be the first step after the install"
    assert check < tests < site < upload
