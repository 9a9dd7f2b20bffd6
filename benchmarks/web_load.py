"""Load benchmark of the web app on loopback: operation pages under concurrent clients.

Starts ``bluehelmet serve`` (uvicorn, one process) on a free 127.0.0.1 port, visits every
operation page once (first visits build and cache each page's view), then runs N async
clients (httpx) requesting operation pages round-robin for S seconds and prints latency
percentiles and throughput, with the CPU time the server and the clients spent per request
(which, unlike latency, does not depend on what else the machine is running) and the load
average. Target: p95 under 100 ms at 20 clients. Prints numbers, asserts none.

Run: .venv/bin/python benchmarks/web_load.py [--clients 20] [--seconds 30]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import httpx
import numpy as np

SERVER = "from bluehelmet.web.server import serve; serve(port={port}, log_level='error')"


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


async def load(
    base: str, paths: list[str], clients: int, seconds: float
) -> tuple[list[float], int]:
    """Latencies (s) of every request by ``clients`` concurrent clients, and the error count."""
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    args = parser.parse_args()

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    process = subprocess.Popen([sys.executable, "-c", SERVER.format(port=port)])
    try:
        wait_ready(base, process)
        acronyms = [o["acronym"] for o in httpx.get(base + "/api/operations").json()]
        paths = [f"/operations/{quote(a, safe='')}" for a in acronyms]
        cold = first_visits(base, paths)
        print(f"first visit of each of {len(paths)} operation pages (builds the cached view):")
        print(f"  median {statistics.median(cold) * 1000:.1f} ms, max {max(cold) * 1000:.1f} ms")
        load_average = os.getloadavg()[0]
        server_cpu, client_cpu = cpu_seconds(process.pid), time.process_time()
        started = time.perf_counter()
        latencies, errors = asyncio.run(load(base, paths, args.clients, args.seconds))
        elapsed = time.perf_counter() - started
        server_cpu = cpu_seconds(process.pid) - server_cpu
        client_cpu = time.process_time() - client_cpu
    finally:
        process.terminate()
        process.wait(timeout=10)
    ms = np.percentile(np.array(latencies) * 1000, [50, 95, 99])
    print(f"{args.clients} concurrent clients, {elapsed:.1f} s, operation pages round-robin:")
    rate = len(latencies) / elapsed
    print(f"  requests {len(latencies)}, errors {errors}, {rate:.0f} requests/s")
    print(f"  latency p50 {ms[0]:.1f} ms, p95 {ms[1]:.1f} ms, p99 {ms[2]:.1f} ms")
    print(f"  target p95 < 100 ms: {'met' if ms[1] < 100 else 'NOT met'}")
    n = len(latencies)
    print(f"  CPU per request: server {server_cpu / n * 1000:.2f} ms, clients (httpx) "
          f"{client_cpu / n * 1000:.2f} ms; server alone could answer "
          f"{n / server_cpu:.0f} requests/s per core")  # fmt: skip
    print(f"  load average at the start (other work on this {os.cpu_count()}-core machine): "
          f"{load_average:.1f}")  # fmt: skip


if __name__ == "__main__":
    main()
