"""`bluehelmet serve`: binds loopback by default, warns off loopback, refuses bad ports."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from typer.testing import CliRunner

from bluehelmet.cli import app
from bluehelmet.web import server

runner = CliRunner()


@pytest.fixture()
def runs(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Capture uvicorn.run's arguments instead of serving."""
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(server.uvicorn, "run", lambda a, **kw: calls.append({"app": a, **kw}))
    return calls


def _hosts(application: Any) -> list[str]:
    """The host names the app's TrustedHostMiddleware accepts."""
    middleware = next(m for m in application.user_middleware if "TrustedHost" in str(m.cls))
    return list(middleware.kwargs["allowed_hosts"])


def test_serve_binds_loopback_port_8000_by_default(runs: list[dict[str, Any]]) -> None:
    result = runner.invoke(app, ["serve"])
    assert result.exit_code == 0
    assert (runs[0]["host"], runs[0]["port"]) == ("127.0.0.1", 8000)
    assert _hosts(runs[0]["app"]) == ["127.0.0.1", "localhost", "[::1]"]
    assert "serving http://127.0.0.1:8000/" in result.stderr and "warning" not in result.stderr


def test_serve_stops_warming_views_when_the_server_stops(runs: list[dict[str, Any]]) -> None:
    assert runner.invoke(app, ["serve"]).exit_code == 0
    assert runs and server.WARM_THREAD not in {t.name for t in threading.enumerate()}


def test_serve_on_all_interfaces_warns(runs: list[dict[str, Any]]) -> None:
    result = runner.invoke(app, ["serve", "--host", "0.0.0.0", "--port", "8081"])
    assert result.exit_code == 0
    assert (runs[0]["host"], runs[0]["port"]) == ("0.0.0.0", 8081)
    assert _hosts(runs[0]["app"]) == ["*"]
    assert "warning: 0.0.0.0 is reachable from other machines" in result.stderr


def test_serve_refuses_a_bad_port(runs: list[dict[str, Any]]) -> None:
    result = runner.invoke(app, ["serve", "--port", "70000"])
    assert result.exit_code == 2
    assert "error: --port 70000 is not a port; use 1-65535" in result.stderr
    assert runs == []
