"""Run the suite (minus browser and wheel tests) against the built wheel at one end of the
supported version range, or with wagtail-localize.

    python scripts/version_leg.py oldest|newest|localize [--wheel dist/rengo_wagtail-*.whl]

Each leg has its own virtual environment (``.venv-<leg>``) with the wheel and
its extras installed, pinned to the leg's versions, and runs the tests from a
copy of the checkout without ``rengo_wagtail/``, so the installed wheel is
what is tested, in parallel as ``make test`` runs it (pytest-xdist, one worker
per core). Legs share pip's download cache and one built wheel. The
``localize`` leg runs the tests marked ``localize`` with wagtail-localize in
charge of translation (``tests.settings_localize``).
"""

import argparse
import glob
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYENV = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"

EVERYTHING = "not browser and not wheel and not checkout"
# As `make test` (its PARALLEL): one worker per core.
PARALLEL = ["-n", "auto"]

LEGS = {
    # Wagtail 7.4 LTS, Django 5.2 LTS, the oldest Python we support.
    "oldest": {"python": "3.11", "pins": ["wagtail==7.4.*", "Django==5.2.*"]},
    # The newest Wagtail with Django 6 (which needs Python 3.12 or later).
    "newest": {"python": "3.12", "pins": ["wagtail>=8,<9", "Django>=6,<7"]},
    # wagtail-localize instead of Wagtail's built-in translation apps.
    "localize": {
        "python": "3.11",
        "pins": [],
        "extras": "dev,localize",
        "pytest": ["--ds=tests.settings_localize", "-m", f"localize and {EVERYTHING}"],
    },
}


def find_python(version):
    candidates = sorted(glob.glob(str(PYENV / f"{version}.*" / "bin" / "python")))
    found = candidates[-1] if candidates else shutil.which(f"python{version}")
    if not found:
        sys.exit(f"Python {version} not found: install it (pyenv install {version}) and retry.")
    return found


def build_wheel():
    out = REPO / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out)],
        cwd=REPO,
        check=True,
    )
    return max(out.glob("rengo_wagtail-*.whl"), key=os.path.getmtime)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("leg", choices=sorted(LEGS))
    parser.add_argument("--wheel", help="a built wheel; built into dist/ when omitted")
    parser.add_argument("pytest_args", nargs="*", help="extra arguments for pytest")
    args = parser.parse_args()
    leg = LEGS[args.leg]
    wheel = Path(args.wheel) if args.wheel else build_wheel()

    env_dir = REPO / f".venv-{args.leg}"
    python = env_dir / "bin" / "python"
    if not python.exists():
        subprocess.run([find_python(leg["python"]), "-m", "venv", str(env_dir)], check=True)
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, "--force-reinstall", "--no-deps", str(wheel)], check=True)
    subprocess.run([*pip, f"{wheel}[{leg.get('extras', 'dev')}]", *leg["pins"]], check=True)
    versions = (
        "import sys, django, wagtail; print('Python', sys.version.split()[0], "
        "'Django', django.get_version(), 'Wagtail', wagtail.__version__)"
    )
    subprocess.run([str(python), "-c", versions], check=True)

    with tempfile.TemporaryDirectory(prefix=f"rengo-{args.leg}-") as workspace:
        shutil.copytree(
            REPO,
            workspace,
            dirs_exist_ok=True,
            ignore=shutil.ignore_patterns(
                ".git", ".venv*", "rengo_wagtail", "dist", "var", "*.sqlite3", "__pycache__"
            ),
        )
        command = [
            str(python),
            "-m",
            "pytest",
            *PARALLEL,
            *leg.get("pytest", ["-m", EVERYTHING]),
            *args.pytest_args,
        ]
        sys.exit(subprocess.run(command, cwd=workspace).returncode)


if __name__ == "__main__":
    main()
