"""Load benchmark of the web app on loopback: operation pages under concurrent clients.

Starts ``bluehelmet serve`` (uvicorn, one process) on a free 127.0.0.1 port, visits every
operation page once (the server builds the pages' views in the background from start-up; a
first visit builds or waits for its page), then keeps N concurrent
keep-alive connections requesting the operation pages round-robin for S seconds and prints
latency percentiles and throughput, the server's CPU time per request, the load average and
the server's limits (head size, timeouts, connections: ``bluehelmet.web.limits.WebLimits``).
Target: p95 under 100 ms at 20 clients. Prints numbers, asserts none.

The load comes from ``wrk`` (Debian package ``wrk``; ``make bench`` installs it when it can),
a C load generator that costs far less CPU per request than the server. Without it, or with
``--client httpx``, the clients are httpx coroutines in this process; on a small machine they
then compete with the server for the cores and their own cost (printed) inflates the latencies.

Run: .venv/bin/python benchmarks/web_load.py [--clients 20] [--seconds 30] [--client wrk|httpx]
     [--cold]  (no first visits: the load starts as soon as the server answers)
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import httpx
import numpy as np

from bluehelmet.web.limits import WebLimits

SERVER = "from bluehelmet.web.server import serve; serve(port={port}, log_level='error')"

# wrk script: round-robin over the paths; at the end, percentiles (microseconds) as JSON.
WRK_SCRIPT = """\
paths = {{{paths}}}
i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RESULT {{"p50": %d, "p95": %d, "p99": %d, "requests": %d, "errors": %d}}\\n',
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    summary.requests, e.status + e.connect + e.read + e.write + e.timeout))
end
"""


@dataclass(frozen=True)
class LoadResult:
    """What one load run measured: latency percentiles in ms, request and error counts."""

    p50: float
    p95: float
    p99: float
    requests: int
    errors: int
    seconds: float
    client_cpu: float | None = None  # seconds of client CPU, when the clients run here


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time of a process so far (Linux /proc; NaN elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_memory_mb(pid: int) -> float:
    """Peak resident memory of a process so far in MB (Linux /proc VmHWM; NaN elsewhere)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return float("nan")
    kb = next((line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:")), "")
    return int(kb) / 1024 if kb.isdigit() else float("nan")


def wait_ready(base: str, process: subprocess.Popen[bytes], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited with code {process.returncode}")
        try:
            if httpx.get(base + "/api/versions", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    raise SystemExit("server did not start in time")


def first_visits(base: str, paths: list[str]) -> list[float]:
    """Seconds per first visit of each page (views built and cached), one client."""
    times = []
    with httpx.Client(base_url=base, timeout=30) as client:
        for path in paths:
            t0 = time.perf_counter()
            client.get(path).raise_for_status()
            times.append(time.perf_counter() - t0)
    return times


def run_wrk(base: str, paths: list[str], clients: int, seconds: float) -> LoadResult:
    """Load from ``wrk``: ``clients`` connections over up to one thread per core."""
    script = WRK_SCRIPT.format(paths=",".join(json.dumps(p) for p in paths))
    threads = max(1, min(clients, os.cpu_count() or 1))
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as handle:
        handle.write(script)
        handle.flush()
        command = ["wrk", f"-t{threads}", f"-c{clients}", f"-d{seconds:g}s", "-s", handle.name]
        started = time.perf_counter()
        out = subprocess.run([*command, base], capture_output=True, text=True, check=True)
        elapsed = time.perf_counter() - started
    line = next(x for x in out.stdout.splitlines() if x.startswith("RESULT "))
    found = json.loads(line.removeprefix("RESULT "))
    ms = {k: found[k] / 1000 for k in ("p50", "p95", "p99")}
    return LoadResult(**ms, requests=found["requests"], errors=found["errors"], seconds=elapsed)


async def _httpx_load(
    base: str, paths: list[str], clients: int, seconds: float
) -> tuple[list[float], int]:
    latencies: list[float] = []
    errors = 0
    order = itertools.cycle(paths)
    stop = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as client:

        async def worker() -> None:
            nonlocal errors
            while time.monotonic() < stop:
                path = next(order)
                t0 = time.perf_counter()
                response = await client.get(path)
                latencies.append(time.perf_counter() - t0)
                if response.status_code != 200:
                    errors += 1

        await asyncio.gather(*(worker() for _ in range(clients)))
    return latencies, errors


def run_httpx(base: str, paths: list[str], clients: int, seconds: float) -> LoadResult:
    """Load from ``clients`` httpx coroutines in this process."""
    cpu, started = time.process_time(), time.perf_counter()
    latencies, errors = asyncio.run(_httpx_load(base, paths, clients, seconds))
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    p50, p95, p99 = np.percentile(np.array(latencies) * 1000, [50, 95, 99])
    return LoadResult(p50, p95, p99, len(latencies), errors, elapsed, client_cpu=cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--client", choices=["wrk", "httpx"], default=None)
    parser.add_argument("--cold", action="store_true", help="start the load without first visits")
    args = parser.parse_args()
    client = args.client or ("wrk" if shutil.which("wrk") else "httpx")
    if client == "wrk" and not shutil.which("wrk"):
        raise SystemExit("wrk is not installed; apt-get install wrk, or use --client httpx")
    if client == "httpx" and args.client is None:
        print("wrk not found (apt-get install wrk); falling back to httpx clients in-process")

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    process = subprocess.Popen([sys.executable, "-c", SERVER.format(port=port)])
    try:
        wait_ready(base, process)
        acronyms = [o["acronym"] for o in httpx.get(base + "/api/operations").json()]
        paths = [f"/operations/{quote(a, safe='')}" for a in acronyms]
        if args.cold:
            print("cold start: the load begins while the server still builds the pages' views")
        else:
            cold = first_visits(base, paths)
            print(f"first visit of each of {len(paths)} operation pages (cached after it):")
            print(f"  median {statistics.median(cold) * 1000:.1f} ms, "
                  f"max {max(cold) * 1000:.1f} ms")  # fmt: skip
        load_average = os.getloadavg()[0]
        server_cpu = cpu_seconds(process.pid)
        run = run_wrk if client == "wrk" else run_httpx
        result = run(base, paths, args.clients, args.seconds)
        server_cpu = cpu_seconds(process.pid) - server_cpu
        server_memory = peak_memory_mb(process.pid)
    finally:
        process.terminate()
        process.wait(timeout=10)
    n = result.requests
    print(f"{args.clients} concurrent clients ({client}), {result.seconds:.1f} s, "
          "operation pages round-robin:")  # fmt: skip
    print(f"  requests {n}, errors {result.errors}, {n / result.seconds:.0f} requests/s")
    print(f"  latency p50 {result.p50:.1f} ms, p95 {result.p95:.1f} ms, p99 {result.p99:.1f} ms")
    print(f"  target p95 < 100 ms: {'met' if result.p95 < 100 else 'NOT met'}")
    print(f"  server CPU per request {server_cpu / n * 1000:.2f} ms "
          f"(one core could answer {n / server_cpu:.0f} requests/s)")  # fmt: skip
    if result.client_cpu is not None:
        print(f"  client (httpx) CPU per request {result.client_cpu / n * 1000:.2f} ms, "
              "on the same cores as the server")  # fmt: skip
    print(f"  server peak memory {server_memory:.0f} MB")
    print(f"  server limits (bluehelmet serve defaults): {WebLimits().describe()}")
    if args.clients > WebLimits().max_concurrency:
        print("  more clients than the connection limit: the excess get 503 (counted as errors)")
    print(f"  load average at the start (other work on this {os.cpu_count()}-core machine): "
          f"{load_average:.1f}")  # fmt: skip


if __name__ == "__main__":
    main()
