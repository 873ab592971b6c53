"""What `make demo` runs: migrate, build the demo content, then serve http://127.0.0.1:8000/."""

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PORT = os.environ.get("PORT", "8000")


def manage(*args):
    subprocess.run([sys.executable, str(REPO / "manage.py"), *args], cwd=REPO, check=True)


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_site.settings")
    manage("migrate", "--noinput")
    manage("setup_demo", "--port", PORT)
    print(f"Serving the example site on port {PORT}, at the Site URLs above (Ctrl-C stops it)")
    manage("runserver", f"127.0.0.1:{PORT}")


if __name__ == "__main__":
    main()
