"""What `make test` runs first: find the Chromium the browser tests drive, or install one.

In order: ``RENGO_CHROMIUM``; a system Chromium; Playwright's own Chromium,
downloaded by ``playwright install chromium`` where that is possible; Debian's
``chromium`` and ``fonts-noto-cjk`` through apt-get when running as root. Where
every way fails it stops before the suite, with the one command to run. The
lookup itself is ``tests/browser/chromium.py``, which the browser tests use too.

A Japanese font (``fonts-noto-cjk``) is installed the same way where it is
missing and apt-get can; without one, Japanese shows as boxes in screenshots.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.browser import chromium  # noqa: E402  (the checkout's tests, after the path)

# A real download takes a minute or two; without a network it fails in seconds.
PLAYWRIGHT_TIMEOUT = 300
APT_TIMEOUT = 900
APT_PACKAGES = ("chromium", "fonts-noto-cjk")


def run(command, timeout, **kwargs):
    """Run ``command``; return ``None`` on success, else the reason it failed, in one line."""
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, **kwargs)
    except subprocess.TimeoutExpired:
        return f"no answer in {timeout} s"
    except OSError as error:
        return str(error)
    if result.returncode == 0:
        return None
    lines = (result.stderr or result.stdout).strip().splitlines()
    errors = [line for line in lines if "error" in line.lower()]
    return (errors or lines or [f"exit status {result.returncode}"])[-1].strip()


def runs(executable):
    """Whether ``executable`` is a browser that starts (its libraries are all there)."""
    return run([executable, "--headless", "--version"], timeout=60) is None


def can_apt():
    return os.geteuid() == 0 and shutil.which("apt-get") is not None


def apt_install(packages):
    print(f"Installing {' '.join(packages)} with apt-get…", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    return run(["apt-get", "update", "-qq"], APT_TIMEOUT, env=env) or run(
        ["apt-get", "install", "-y", "-qq", *packages], APT_TIMEOUT, env=env
    )


def playwright_install():
    print("No Chromium found: trying Playwright's (playwright install chromium)…", flush=True)
    env = {"PLAYWRIGHT_DOWNLOAD_CONNECTION_TIMEOUT": "15000", **os.environ}
    command = [sys.executable, "-m", "playwright", "install", "chromium"]
    return run(command, PLAYWRIGHT_TIMEOUT, env=env)


def has_japanese_font():
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    result = subprocess.run([fc_list, ":lang=ja", "family"], capture_output=True, text=True)
    return bool(result.stdout.strip())


def install_command(packages=APT_PACKAGES):
    """The one command that installs ``packages`` (Chromium by default), for the user to run."""
    if shutil.which("apt-get"):
        sudo = "" if os.geteuid() == 0 else "sudo "
        return f"{sudo}apt-get install -y {' '.join(packages)}"
    return f"{sys.executable} -m playwright install --with-deps chromium"


def find_or_install():
    """Return the Chromium to drive, or stop with what to do."""
    if os.environ.get("RENGO_CHROMIUM"):
        executable = os.environ["RENGO_CHROMIUM"]
        if runs(executable):
            return executable
        sys.exit(
            f"RENGO_CHROMIUM={executable} does not start: set it to a Chromium executable, "
            "or unset it to let make test find or install one."
        )
    playwright_path = chromium.playwright_chromium_path()
    executable = chromium.find(playwright_path)
    if executable and runs(executable):
        return executable
    failures = []
    failure = playwright_install()
    if failure is None and runs(playwright_path):
        return playwright_path
    failures.append(f"Playwright's download: {failure or 'its Chromium does not start'}")
    if can_apt():
        failure = apt_install(APT_PACKAGES)
        executable = chromium.find(playwright_path)
        if failure is None and executable and runs(executable):
            return executable
        failures.append(f"apt-get: {failure or 'its chromium does not start'}")
    sys.exit(
        f"make test needs Chromium for the browser tests, and none could be installed "
        f"({'; '.join(failures)}). Run:\n\n    {install_command()}\n\n"
        "then make test again (or set RENGO_CHROMIUM to a Chromium executable)."
    )


def main():
    executable = find_or_install()
    print(f"Browser tests: {executable}")
    if not has_japanese_font():
        failure = apt_install(["fonts-noto-cjk"]) if can_apt() else "not root with apt-get"
        if failure:
            print(
                f"No Japanese font ({failure}): Japanese shows as boxes in screenshots. "
                f"To fix: {install_command(['fonts-noto-cjk'])}"
            )


if __name__ == "__main__":
    main()
