"""What `make bench` runs: every ``benchmarks/bench_*.py`` module's ``main()``, in name order.

Names on the command line run those benchmarks only: ``run.py http`` runs
``bench_http.py`` (``make bench BENCH=http``). Each benchmark sets Django up
itself (on a throw-away database) and prints its own table; this runner only
finds and runs them, each in its own process so that one benchmark's database
and settings never touch another's.
"""

import os
import sys
from pathlib import Path

from servers import exit_on_signals, run_to_end

HERE = Path(__file__).resolve().parent


def main(names):
    # Ctrl-C reaches the benchmark too; it is given time to stop its servers.
    exit_on_signals()
    modules = sorted(HERE.glob("bench_*.py"))
    if names:
        modules = [module for module in modules if module.stem.removeprefix("bench_") in names]
        unknown = set(names) - {module.stem.removeprefix("bench_") for module in modules}
        if unknown:
            print(f"No such benchmark: {', '.join(sorted(unknown))}")
            return 2
    if not modules:
        print("No benchmarks yet.")
        return 0
    failed = 0
    for module in modules:
        print(f"\n## {module.stem}\n", flush=True)
        failed |= run_to_end(
            [sys.executable, str(module)],
            cwd=HERE.parent,
            # Each line as it comes, in CI's log too.
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
