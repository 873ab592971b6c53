"""The servers the HTTP benchmark starts, each on 127.0.0.1 only, each stopped on the way out.

Every function here is a context manager: the server is up inside the ``with``
block and stopped (and its files removed) when the block ends, on error too.
``wrk`` runs the load generator for a bounded time. Nothing listens on another
interface, and every wait has a deadline.
"""

import contextlib
import dataclasses
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parent.parent
LOOPBACK = "127.0.0.1"
START_TIMEOUT = 60


def exit_on_signals():
    """Make SIGTERM and SIGINT unwind like an exception, so that every server is stopped.

    SIGINT too: a process started in the background by a shell ignores it
    otherwise. Once one has come, both do nothing more, so that a second
    (Ctrl-C twice, or a parent passing it on) cannot cut the stopping short;
    each stop has a deadline of its own. (A Python handler that does nothing,
    not SIG_IGN: Python reports a signal already on its way to a handler
    since set to SIG_IGN.)
    """

    def leave(signum, frame):
        for name in (signal.SIGTERM, signal.SIGINT):
            signal.signal(name, lambda signum, frame: None)
        sys.exit(128 + signum)

    for name in (signal.SIGTERM, signal.SIGINT):
        signal.signal(name, leave)


def run_to_end(command, timeout=None, **options):
    """Run ``command`` and return its exit status; stopped with SIGTERM if this process is.

    Unlike ``subprocess.run``, which kills the child outright on an exception
    here, this gives it time to stop the servers it started.
    """
    process = subprocess.Popen(command, **options)
    try:
        return process.wait(timeout)
    except BaseException:
        # It may be stopping already, from the same Ctrl-C.
        with contextlib.suppress(OSError):
            process.terminate()
        try:
            process.wait(90)
        except subprocess.TimeoutExpired:
            process.kill()
        raise


def free_port():
    """A TCP port on the loopback interface that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


def wait_for(check, what, timeout=START_TIMEOUT, process=None):
    """Call ``check`` until it returns true, at most ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{what} exited with status {process.returncode} while starting")
        with contextlib.suppress(OSError):
            if check():
                return
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not start within {timeout} s")


def port_open(port):
    with socket.create_connection((LOOPBACK, port), timeout=1):
        return True


def stop(process, timeout=15):
    """SIGTERM to ``process``, then SIGKILL to its whole session if it is still there."""
    if process.poll() is not None:
        return
    with contextlib.suppress(OSError):  # it may have exited meanwhile
        process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(5)


@contextlib.contextmanager
def owned_tempdir(prefix, owner=None):
    """A temporary directory (chowned to ``owner`` where given), removed at the end."""
    directory = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        if owner:
            shutil.chown(directory, owner, owner)
        yield directory
    finally:
        shutil.rmtree(directory, ignore_errors=True)


@dataclasses.dataclass
class Server:
    """A running server: where it answers, and the session its processes belong to."""

    url: str
    session: int

    def cpu_seconds(self):
        """CPU time used so far by every process of the server's session, exited ones too.

        A process's children's time reaches its ``cutime`` once it has reaped
        them, so summing both over the live processes counts each only once.
        """
        ticks = 0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError):
                # The command name (field 2) may hold spaces: split after its ")".
                fields = stat.read_text().rsplit(")", 1)[1].split()
                if int(fields[3]) == self.session:
                    ticks += sum(int(value) for value in fields[11:15])
        return ticks / os.sysconf("SC_CLK_TCK")


# --- PostgreSQL ---------------------------------------------------------------------------


def postgres_bin():
    """The newest installed PostgreSQL's bin directory (Debian's layout)."""
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name)
    )
    if not found:
        raise RuntimeError("PostgreSQL is not installed: apt-get install postgresql")
    return found[-1].parent


@dataclasses.dataclass
class Postgres(Server):
    """A running PostgreSQL cluster, which a fault test may stop and start again."""

    pg_ctl: list
    start_options: list

    def stop(self, mode="fast"):
        """Stop the server (``fast``: roll back open transactions, disconnect every client)."""
        subprocess.run(
            [*self.pg_ctl, "-m", mode, "-w", "-t", "30", "stop"],
            check=True,
            stdout=subprocess.DEVNULL,
            timeout=60,
        )

    def start(self):
        """Start the stopped server again, on the same port; returns once it accepts connections."""
        subprocess.run(
            [*self.pg_ctl, *self.start_options, "-w", "-t", "60", "start"],
            check=True,
            stdout=subprocess.DEVNULL,
            timeout=90,
        )


@contextlib.contextmanager
def postgres(database="rengo"):
    """A throw-away PostgreSQL cluster on a free loopback port; yields it (a ``Postgres``:
    ``url`` is its DATABASE_URL).

    Run as the ``postgres`` user when this process is root (initdb refuses
    root), as the current user otherwise. Durability is off (``fsync``,
    ``synchronous_commit``): the data is thrown away, and only reads are
    measured. So is autovacuum, whose work would count against whatever is
    being measured when it starts: the caller runs ``VACUUM ANALYZE`` itself.
    """
    as_root = os.geteuid() == 0
    run_as = ["runuser", "-u", "postgres", "--"] if as_root else []
    bin_dir = postgres_bin()
    port = free_port()
    with owned_tempdir("rengo-bench-pg-", "postgres" if as_root else None) as directory:
        data = directory / "data"
        subprocess.run(
            [
                *(*run_as, bin_dir / "initdb", "-D", data, "-U", "postgres", "--auth=trust"),
                *("-E", "UTF8", "--locale=C.UTF-8"),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            timeout=120,
        )
        options = f"-h {LOOPBACK} -p {port} -k {directory} " + " ".join(
            f"-c {setting}=off" for setting in ("fsync", "synchronous_commit", "autovacuum")
        )
        pg_ctl = [*run_as, bin_dir / "pg_ctl", "-D", data]
        address = ("-h", LOOPBACK, "-p", str(port), "-U", "postgres")
        server = Postgres(
            f"postgres://postgres@{LOOPBACK}:{port}/{database}",
            0,
            pg_ctl,
            ["-l", directory / "log", "-o", options],
        )
        try:
            server.start()
            subprocess.run(
                [*run_as, bin_dir / "createdb", *address, database], check=True, timeout=60
            )
            postmaster = int((data / "postmaster.pid").read_text().split()[0])
            server.session = os.getsid(postmaster)
            yield server
        finally:
            subprocess.run(
                [*pg_ctl, "-m", "immediate", "-w", "-t", "30", "stop"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=60,
            )


# --- Redis, gunicorn, Varnish ---------------------------------------------------------


@contextlib.contextmanager
def redis():
    """A Redis server on a free loopback port, nothing saved to disk; yields it."""
    port = free_port()
    with owned_tempdir("rengo-bench-redis-") as directory:
        process = subprocess.Popen(
            [
                *("redis-server", "--bind", LOOPBACK, "--port", str(port), "--dir", directory),
                # Nothing written to disk: the data is thrown away.
                *("--save", "", "--appendonly", "no"),
            ],
            stdout=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            wait_for(lambda: port_open(port), "redis-server", process=process)
            yield Server(f"redis://{LOOPBACK}:{port}/0", process.pid)
        finally:
            stop(process)


@contextlib.contextmanager
def gunicorn(port, env, workers=2):
    """The example site's WSGI application under gunicorn on ``127.0.0.1:port``; yields it.

    Its log goes to a file, printed should it fail to start.
    """
    url = f"http://{LOOPBACK}:{port}"
    with owned_tempdir("rengo-bench-gunicorn-") as directory:
        log = directory / "error.log"
        process = subprocess.Popen(
            [
                *(sys.executable, "-m", "gunicorn", "--workers", str(workers)),
                *("--bind", f"{LOOPBACK}:{port}", "--error-logfile", log),
                *("--timeout", "30", "--graceful-timeout", "5"),
                # No control socket: two instances would share its one default path.
                "--no-control-socket",
                "example_site.wsgi:application",
            ],
            cwd=REPO,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            try:
                wait_for(lambda: http_status(url + "/en/") < 500, "gunicorn", process=process)
            except RuntimeError:
                print(log.read_text()[-3000:], file=sys.stderr)
                raise
            yield Server(url, process.pid)
        finally:
            stop(process)


@contextlib.contextmanager
def varnish(vcl, backend_port, port=None):
    """varnishd on ``127.0.0.1:port`` (a free port by default) in front of
    ``127.0.0.1:backend_port``; yields it.

    ``vcl`` is the configuration the docs ship; its backend's port is replaced
    by ``backend_port``. The admin interface listens on loopback too.
    """
    port, admin_port = port or free_port(), free_port()
    text = re.sub(r'(\.port\s*=\s*)"\d+"', rf'\g<1>"{backend_port}"', Path(vcl).read_text())
    with owned_tempdir("rengo-bench-varnish-") as directory:
        (directory / "default.vcl").write_text(text)
        with open(directory / "log", "wb") as log:
            process = subprocess.Popen(
                [
                    *("varnishd", "-F", "-j", "none", "-s", "malloc,64m"),
                    *("-n", directory / "state", "-f", directory / "default.vcl"),
                    *("-a", f"{LOOPBACK}:{port}", "-T", f"{LOOPBACK}:{admin_port}"),
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            wait_for(lambda: port_open(port), "varnishd", process=process)
            yield Server(f"http://{LOOPBACK}:{port}", process.pid)
        finally:
            stop(process)


# --- HTTP --------------------------------------------------------------------------------


def fetch(url, headers=None, method="GET", timeout=10, via=None):
    """``(status, headers, body)`` of one request; an HTTP error status is an answer too.

    ``via``: the address (``http://127.0.0.1:port``) to send the request to,
    with ``url``'s host in its ``Host`` header: a Site's domain, served on loopback.
    """
    headers = dict(headers or {})
    if via:
        parts = urlsplit(url)
        headers.setdefault("Host", parts.netloc)
        url = via + urlunsplit(("", "", parts.path, parts.query, ""))
    request = urllib.request.Request(url, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def http_status(url, headers=None):
    return fetch(url, headers)[0]


def wrk(url, seconds, connections=8, threads=2, headers=None):
    """``(requests per second, requests)`` that ``wrk`` reaches on ``url`` in ``seconds``.

    Raises on any error response or socket error, a response slower than 30 s
    included (on a busy machine, requests queued behind 8 connections may take
    several seconds; 30 means the server hangs).
    """
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    result = subprocess.run(
        [*command, url], capture_output=True, text=True, timeout=seconds + 30, check=True
    )
    rate = re.search(r"Requests/sec:\s*([\d.]+)", result.stdout)
    count = re.search(r"(\d+) requests in", result.stdout)
    problems = re.findall(r"(Non-2xx or 3xx responses: \d+|Socket errors: .*)", result.stdout)
    if rate is None or count is None or problems:
        raise RuntimeError(f"wrk {url}: {problems or result.stdout}")
    return float(rate.group(1)), int(count.group(1))
