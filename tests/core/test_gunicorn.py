"""Issue 19: gunicorn with the project's settings (config/gunicorn.conf.py) serves the site: the
application and OpenFisca are built once in the master (--preload), the health endpoint answers, and the
access log is JSON without the query string."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_gunicorn_serves_the_health_endpoint_with_a_json_access_log(tmp_path: Path) -> None:
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "ALLIANCES_VAR_DIR": str(tmp_path),
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
        "LOG_FORMAT": "json",
    }
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    log = tmp_path / "gunicorn.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi",
                "-c",
                "config/gunicorn.conf.py",
                "--bind",
                f"127.0.0.1:{port}",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 90
        status = 0
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/sante/?q=Martin", timeout=5) as answer:
                    status, body = answer.status, answer.read()
                break
            except urllib.error.HTTPError as error:  # 503: no consumer runs in this test
                status, body = error.code, error.read()
                break
            except OSError:
                time.sleep(0.5)
        assert status in {200, 503}, log.read_text()
        assert json.loads(body)["checks"]["database"]["ok"]
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    lines = log.read_text().splitlines()
    access = [json.loads(line) for line in lines if '"gunicorn.access"' in line]
    assert access and access[0]["path"] == "/sante/" and "Martin" not in log.read_text()
    assert len(access[0]["request_id"]) == 32
