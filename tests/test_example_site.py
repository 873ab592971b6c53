"""The example site is a real host: it checks clean and `make demo`'s set-up builds the section."""

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def manage(tmp_path, *args):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "example_site.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'example.sqlite3'}",
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
    )


def test_the_app_never_imports_the_example_site():
    for source in (REPO / "rengo_wagtail").rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(), str(source))):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
                names += [alias.name for alias in node.names]
                assert not any(name.startswith("example_site") for name in names), source


def test_example_site_checks_clean_and_its_migrations_are_current(tmp_path):
    result = manage(tmp_path, "check", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    result = manage(tmp_path, "makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_demo_setup_builds_the_bilingual_section(tmp_path):
    for args in (("migrate", "--noinput"), ("setup_demo",)):
        result = manage(tmp_path, *args)
        assert result.returncode == 0, result.stdout + result.stderr
    assert "admin / rengo-demo" in result.stdout
    probe = (
        "from django.test import Client;"
        "c = Client(HTTP_HOST='127.0.0.1:8000');"
        "paths = ['/en/about-rengo/related-organizations/',"
        " '/ja/about-rengo/related-organizations/',"
        " '/ja/about-rengo/related-organizations/rengo-rials/'];"
        "print([c.get(p).status_code for p in paths]);"
        "print(c.get(paths[2]).content.decode())"
    )
    result = manage(tmp_path, "shell", "--verbosity", "0", "-c", probe)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "[200, 200, 200]"
    assert "連合総合生活開発研究所" in result.stdout
    # The header's language switcher only: the site turns ours off.
    assert result.stdout.count('class="rengo-language-switcher"') == 1
    # The search page finds Japanese by part of a word, in the index setup_demo built.
    probe = (
        "from django.test import Client;"
        "c = Client(HTTP_HOST='127.0.0.1:8000');"
        "print(c.get('/ja/search/', {'query': '共済'}).content.decode())"
    )
    result = manage(tmp_path, "shell", "--verbosity", "0", "-c", probe)
    assert result.returncode == 0, result.stderr
    assert "全国労働者<mark>共済</mark>生活協同組合連合会" in result.stdout
    # A second run changes nothing and still succeeds.
    result = manage(tmp_path, "setup_demo")
    assert result.returncode == 0, result.stdout + result.stderr
