"""Run a fixed subset of Wagtail's own tests twice, with i18n on and then with rengo_wagtail
installed as well, and fail if a test fails only with our app.

    python scripts/wagtail_suite.py [--wheel dist/rengo_wagtail-*.whl] [--parallel N] [LABEL ...]

The virtual environment (``.venv-wagtail-suite``) has the versions of the ``newest``
version leg, with Wagtail installed from its sdist, which ships its tests and
``wagtail.test.settings``, and what Wagtail's ``testing`` extra needs to run them
(not its linters). ``compat/wagtail_suite/`` holds the two settings modules, the
list of test labels (``tests.txt``) and the allow-list of differences that come
with any app that has page models (``allowlist.txt``, one reason each). Each
run's output goes to ``var/wagtail-suite/<run>.log``. LABELs replace the list,
to look at a few tests.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from email.parser import Parser
from pathlib import Path

from packaging.requirements import Requirement
from version_leg import LEGS, REPO, build_wheel, find_python

COMPAT = REPO / "compat"
SUITE = COMPAT / "wagtail_suite"
ENV_DIR = REPO / ".venv-wagtail-suite"
OUT_DIR = REPO / "var" / "wagtail-suite"
VERSIONS = LEGS["newest"]

# Wagtail's ``testing`` extra also installs its linters, which no test imports.
LINTERS = {"coverage", "curlylint", "django-stubs", "djhtml", "doc8", "ruff", "semgrep", "ty"}
# soupsieve 4 finds nothing inside <template>: Wagtail 8.0.1's admin tests that look there
# fail in every configuration (28 of them in issue 24).
EXTRA_PINS = ["soupsieve<4"]

RUNS = {
    "i18n": "wagtail_suite.settings_i18n",
    "rengo": "wagtail_suite.settings_rengo",
}


def read_list(path):
    """The non-blank lines of ``path`` without ``#`` comments."""
    lines = (line.split("#", 1)[0].strip() for line in path.read_text().splitlines())
    return [line for line in lines if line]


def read_allowlist():
    """``{test id: reason}``; every entry must give its reason after ``#``."""
    allowed, path = {}, SUITE / "allowlist.txt"
    for number, line in enumerate(path.read_text().splitlines(), 1):
        test_id, _, reason = line.partition("#")
        if not test_id.strip():
            continue
        if not reason.strip():
            sys.exit(f"{path}:{number}: give the reason for {test_id.strip()} after '#'.")
        allowed[test_id.strip()] = reason.strip()
    return allowed


def testing_requirements(sdist):
    """What the sdist's ``testing`` extra installs, less the linters."""
    with tarfile.open(sdist) as archive:
        pkg_info = archive.extractfile(f"{sdist.name.removesuffix('.tar.gz')}/PKG-INFO")
        metadata = Parser().parsestr(pkg_info.read().decode())
    requirements = []
    for line in metadata.get_all("Requires-Dist"):
        requirement = Requirement(line)
        marker = requirement.marker
        if marker and marker.evaluate({"extra": "testing"}) and requirement.name not in LINTERS:
            requirement.marker = None
            requirements.append(str(requirement))
    return requirements


def make_env(wheel):
    """The leg's environment: our wheel, the leg's versions, Wagtail from its sdist."""
    python = ENV_DIR / "bin" / "python"
    if not python.exists():
        subprocess.run([find_python(VERSIONS["python"]), "-m", "venv", str(ENV_DIR)], check=True)
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, "--force-reinstall", "--no-deps", str(wheel)], check=True)
    subprocess.run([*pip, str(wheel), *VERSIONS["pins"]], check=True)

    wagtail = "import importlib.metadata as m; wagtail = m.distribution('wagtail')"
    version = python_output(python, f"{wagtail}; print(wagtail.version)")
    sdist = OUT_DIR / f"wagtail-{version}.tar.gz"
    if not sdist.exists():
        download = ["download", "--quiet", "--no-binary", ":all:", "--no-deps"]
        subprocess.run(
            [str(python), "-m", "pip", *download, "--dest", str(OUT_DIR), f"wagtail=={version}"],
            check=True,
        )
    origin = python_output(python, f"{wagtail}; print(wagtail.read_text('direct_url.json'))")
    if sdist.name not in origin:  # installed from PyPI's wheel, not yet from the sdist
        subprocess.run([*pip, "--force-reinstall", "--no-deps", str(sdist)], check=True)
    subprocess.run([*pip, *testing_requirements(sdist), *EXTRA_PINS], check=True)

    versions = (
        "import sys, django, wagtail, soupsieve; print('Python', sys.version.split()[0], "
        "'Django', django.get_version(), 'Wagtail', wagtail.__version__, 'from', "
        f"{str(sdist.name)!r}, 'soupsieve', soupsieve.__version__)"
    )
    print(python_output(python, versions), flush=True)
    return python


def python_output(python, code):
    return subprocess.run(
        [str(python), "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()


def run(python, name, labels, parallel):
    """Run the labels with one settings module; return ``{"ran": n, "failed": {id: traceback}}``."""
    log = OUT_DIR / f"{name}.log"
    result = OUT_DIR / f"{name}.json"
    result.unlink(missing_ok=True)
    env = {
        **os.environ,
        "PYTHONPATH": str(COMPAT),
        "DJANGO_SETTINGS_MODULE": RUNS[name],
        "WAGTAIL_SUITE_RESULT": str(result),
    }
    env["PYTHONHASHSEED"] = "0"  # sets in failure messages print in the same order each run
    env.pop("ELASTICSEARCH_URL", None)  # as Wagtail's runtests.py: no Elasticsearch tests
    command = [str(python), "-m", "django", "test", "--noinput", "--timing"]
    command += [f"--parallel={parallel}", "--testrunner=wagtail_suite.runner.RecordingRunner"]
    # Files a run uploads would rename the next run's uploads.
    test_files = "from wagtail.test import settings as s; print(s.MEDIA_ROOT, s.STATIC_ROOT)"
    test_files = python_output(python, test_files).split()
    for path in test_files:
        shutil.rmtree(path, ignore_errors=True)
    # A neutral working directory: the checkout's rengo_wagtail/ must not shadow the wheel.
    with tempfile.TemporaryDirectory(prefix="rengo-wagtail-suite-") as cwd, log.open("w") as out:
        subprocess.run([*command, *labels], cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
    for path in test_files:
        shutil.rmtree(path, ignore_errors=True)  # as Wagtail's runtests.py does
    if not result.exists():
        print(log.read_text()[-4000:])
        sys.exit(f"The {name} run stopped before its tests ran: see {log}.")
    return json.loads(result.read_text())


def summary(traceback):
    """A traceback's last lines without unittest's own frames, each line cut short."""
    lines, in_unittest = [], False
    for line in traceback.splitlines():
        if line.lstrip().startswith('File "') or not line.startswith(" "):
            in_unittest = f"{os.sep}unittest{os.sep}" in line
        if not in_unittest and line.strip(" ^~"):
            lines.append(f"  {line[:300]}")
    return "\n".join(lines[-10:])


def headline(traceback):
    """The first line of a traceback's last exception: ``AssertionError: 44 != 42 : ...``."""
    last = traceback.rpartition("Traceback (most recent call last):")[2]
    return next((line for line in last.splitlines() if line[:1] not in ("", " ")), "")


def compare(baseline, with_app, allowed):
    """Print the tests that fail only with the app, or fail otherwise with it; return their ids.

    A test that fails in both runs (a query count that assumes i18n off) still
    tells something when it fails differently (the app adds a query).
    """
    differences = []
    for test, traceback in sorted(with_app.items()):
        if test not in baseline:
            print(f"fails only with rengo_wagtail: {test}")
        elif headline(traceback) != headline(baseline[test]):
            print(f"fails otherwise with rengo_wagtail: {test}")
            print(f"  without it: {headline(baseline[test])[:300]}")
        else:
            continue
        differences.append(test)
        print(f"  allowed: {allowed[test]}" if test in allowed else summary(traceback))
    return differences


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", help="a built wheel; built into dist/ when omitted")
    parser.add_argument("--parallel", default="2", help="Django's --parallel (default 2)")
    parser.add_argument("labels", nargs="*", help="test labels instead of tests.txt")
    args = parser.parse_args()
    labels = args.labels or read_list(SUITE / "tests.txt")
    allowed = read_allowlist()
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    python = make_env(Path(args.wheel) if args.wheel else build_wheel())

    results = {}
    for name in RUNS:
        results[name] = run(python, name, labels, args.parallel)
        print(f"{name}: {results[name]['ran']} tests, {len(results[name]['failed'])} failed")
    baseline, with_app = results["i18n"], results["rengo"]
    if baseline["ran"] != with_app["ran"] or not baseline["ran"]:
        sys.exit("The two runs did not run the same tests: see var/wagtail-suite/*.log.")
    for test in sorted(set(baseline["failed"]) - set(with_app["failed"])):
        print(f"fails only without rengo_wagtail: {test}")
    differences = compare(baseline["failed"], with_app["failed"], allowed)
    unexplained = [test for test in differences if test not in allowed]
    # With labels of one's own, allow-listed tests may not have run.
    stale = [test for test in allowed if test not in differences and not args.labels]
    for test in stale:
        print(f"allow-listed, but rengo_wagtail does not change it: {test} (remove it)")
    if unexplained or stale:
        sys.exit(f"{len(unexplained)} unexplained differences with rengo_wagtail installed.")
    print(f"No unexplained difference with rengo_wagtail ({len(differences)} allow-listed).")


if __name__ == "__main__":
    main()
