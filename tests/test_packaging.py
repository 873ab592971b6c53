"""The built wheel works in a fresh virtual environment outside the checkout."""

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

# One worker builds the wheel once for both tests (make test: --dist loadgroup).
pytestmark = [pytest.mark.wheel, pytest.mark.xdist_group("wheel")]

REPO = Path(__file__).resolve().parent.parent
HOST = Path(__file__).resolve().parent / "wheel_host"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (built,) = out.glob("rengo_wagtail-*.whl")
    return built


def test_wheel_carries_templates_static_migrations_catalogs_and_content(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "rengo_wagtail/templates/rengo_wagtail/organization_page.html",
        "rengo_wagtail/static/rengo_wagtail/rengo_wagtail.css",
        "rengo_wagtail/migrations/0001_initial.py",
        "rengo_wagtail/locale/ja/LC_MESSAGES/django.po",
        "rengo_wagtail/locale/ja/LC_MESSAGES/django.mo",
        "rengo_wagtail/fixtures/organizations.json",
        "rengo_wagtail/fixtures/ja.json",
    ):
        assert required in names, required
    assert not any(name.startswith(("tests/", "example_site/")) for name in names)


def test_installed_wheel_renders_japanese_without_the_checkout(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", str(wheel)],
        check=True,
        capture_output=True,
    )
    host = tmp_path / "host"
    subprocess.run(["cp", "-r", str(HOST), str(host)], check=True)
    result = subprocess.run(
        [str(python), str(host / "check_installed.py")],
        cwd=host,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "installed app OK" in result.stdout
