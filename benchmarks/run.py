"""Benchmarks of openai-responses, reported as ratios: ``python benchmarks/run.py``.

What it measures (see docs/benchmarks.md for the figures and how to read them):

1. per call: a real SDK call answered by the mock, against the same call answered by a bare respx
   route that returns the same pre-serialized body, on the same client, in one process, rounds
   interleaved. Cases: ``chat.completions.create`` with the default answer, with a partial set,
   and a stateful ``vector_stores.create`` + ``retrieve`` pair. Every transport the installed SDK
   has (httpx2 on openai 3, httpx), sync and async.
2. set-up: creating, entering and leaving one ``OpenAIMock`` (what every test pays), with the
   whole route table and with a table cut to 10 rows (it must not grow with the endpoints).
3. import: ``import openai_responses`` on top of ``import openai``, in fresh subprocesses; the
   baseline processes never import openai_responses.
4. state at scale: listing one unfiltered page from a store of 100 objects and of 100,000.

It benchmarks the checkout it lives in (``src/`` goes first on ``sys.path``). Figures are medians
of interleaved repeats: on a busy machine rerun it; ``--quick`` gives rough figures in seconds.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
sys.path.insert(0, str(SRC))

import httpx  # noqa: E402
import openai  # noqa: E402
import respx  # noqa: E402
from respx.mocks import HTTPCoreMocker  # noqa: E402

import openai_responses  # noqa: E402
from openai_responses import OpenAIMock  # noqa: E402

HAS_HTTPX2 = int(openai.__version__.split(".")[0]) >= 3
MESSAGES = [{"role": "user", "content": "Hi"}]
PARTIAL = {"choices": [{"message": {"content": "Hello from a partial!"}}], "model": "gpt-4o-mini"}


# -- a bare respx route for httpx2 ------------------------------------------------------------------
#
# respx ships mockers for httpx and httpcore only. The default openai 3 client sends through httpcore2,
# so the bare baseline needs a mocker patching httpcore2's pools the way respx patches httpcore's:
# the same code path (respx's own), only the module differs. Its name is unique on purpose: respx
# refuses two mockers of one name, and ``pytest_httpx2`` registers one called ``httpcore2``.
if HAS_HTTPX2:
    import httpcore2

    class BenchHTTPCore2Mocker(HTTPCoreMocker):
        name = "openai_responses_benchmarks_httpcore2"
        targets = [
            "httpcore2._sync.connection.HTTPConnection",
            "httpcore2._sync.connection_pool.ConnectionPool",
            "httpcore2._sync.http_proxy.HTTPProxy",
            "httpcore2._async.connection.AsyncHTTPConnection",
            "httpcore2._async.connection_pool.AsyncConnectionPool",
            "httpcore2._async.http_proxy.AsyncHTTPProxy",
        ]

        @classmethod
        def from_sync_httpx_response(cls, httpx_response: Any, target: Any, **kwargs: Any) -> Any:
            return httpcore2.Response(
                status=httpx_response.status_code,
                headers=httpx_response.headers.raw,
                content=httpx_response.stream,
                extensions=httpx_response.extensions,
            )


def mocker_for(transport: str) -> str:
    return BenchHTTPCore2Mocker.name if transport == "httpx2" else "httpcore"


def make_client(transport: str, is_async: bool) -> Any:
    options: dict[str, Any] = {"api_key": "sk-bench", "max_retries": 0}
    if transport == "httpx":
        options["http_client"] = httpx.AsyncClient() if is_async else httpx.Client()
    return openai.AsyncOpenAI(**options) if is_async else openai.OpenAI(**options)


# -- per-call cases -------------------------------------------------------------------------------


@dataclass
class Case:
    name: str
    #: set the mock up for the case (a partial, say)
    configure: Callable[[OpenAIMock], None]
    #: one unit of work on a sync client; ``acall`` the same on an async one
    call: Callable[[Any], Any]
    acall: Callable[[Any], Any]
    #: route objects whose answers the bare routes replay: (sdk path on the mock, method, url)
    routes: list[tuple[str, str, str]]


def _chat(client: Any) -> Any:
    return client.chat.completions.create(model="gpt-4o", messages=MESSAGES)


async def _achat(client: Any) -> Any:
    return await client.chat.completions.create(model="gpt-4o", messages=MESSAGES)


def _store(client: Any) -> Any:
    created = client.vector_stores.create(name="docs")
    return client.vector_stores.retrieve(created.id)


async def _astore(client: Any) -> Any:
    created = await client.vector_stores.create(name="docs")
    return await client.vector_stores.retrieve(created.id)


def _set_partial(mock: OpenAIMock) -> None:
    mock.chat.completions.create.response = PARTIAL


CHAT_URL = "https://api.openai.com/v1/chat/completions"
CASES = [
    Case("chat default", lambda mock: None, _chat, _achat, [("chat.completions.create", "POST", CHAT_URL)]),
    Case("chat partial", _set_partial, _chat, _achat, [("chat.completions.create", "POST", CHAT_URL)]),
    Case(
        "vector store create+retrieve",
        lambda mock: None,
        _store,
        _astore,
        [
            ("vector_stores.create", "POST", "https://api.openai.com/v1/vector_stores"),
            # any id: the bare route answers the body the mock answered
            ("vector_stores.retrieve", "GET", r"https://api.openai.com/v1/vector_stores/vs_\w+"),
        ],
    ),
]


def recorded_bodies(case: Case, transport: str) -> list[tuple[str, str, bytes, list[tuple[str, str]]]]:
    """What the mock answers for the case, to be replayed byte for byte by the bare routes."""
    client = make_client(transport, False)
    with OpenAIMock() as mock:
        case.configure(mock)
        case.call(client)
        found = []
        for sdk_path, method, url in case.routes:
            response = getattr_path(mock, sdk_path).calls.last.response
            headers = [(k, v) for k, v in response.headers.items() if k != "content-length"]
            found.append((method, url, response.content, headers))
    return found


def getattr_path(root: Any, dotted: str) -> Any:
    for name in dotted.split("."):
        root = getattr(root, name)
    return root


def bare_router(transport: str, bodies: list[tuple[str, str, bytes, list[tuple[str, str]]]]) -> Any:
    router = respx.mock(assert_all_called=False, using=mocker_for(transport))
    for method, url, content, headers in bodies:
        pattern = {"url__regex": url} if "\\" in url else {"url": url}
        router.route(method=method, **pattern).mock(
            return_value=httpx.Response(200, content=content, headers=headers)
        )
    return router


def time_block(run: Callable[[], None], calls: int) -> float:
    gc.collect()
    start = time.perf_counter()
    run()
    return (time.perf_counter() - start) / calls


def per_call(case: Case, transport: str, is_async: bool, rounds: int, calls: int) -> dict[str, Any]:
    bodies = recorded_bodies(case, transport)
    client = make_client(transport, is_async)
    loop = asyncio.new_event_loop()

    def timed() -> float:
        # one warm-up call, then ``calls`` calls; the per-call mean of the block
        if is_async:

            async def run() -> float:
                await case.acall(client)
                gc.collect()
                start = time.perf_counter()
                for _ in range(calls):
                    await case.acall(client)
                return (time.perf_counter() - start) / calls

            return loop.run_until_complete(run())
        case.call(client)
        gc.collect()
        start = time.perf_counter()
        for _ in range(calls):
            case.call(client)
        return (time.perf_counter() - start) / calls

    def mocked() -> float:
        with OpenAIMock() as mock:
            case.configure(mock)
            return timed()

    def bare() -> float:
        with bare_router(transport, bodies):
            return timed()

    mock_times: list[float] = []
    bare_times: list[float] = []
    try:
        for index in range(rounds):
            # alternate which goes first, so drift in machine load hits both alike
            if index % 2 == 0:
                mock_times.append(mocked())
                bare_times.append(bare())
            else:
                bare_times.append(bare())
                mock_times.append(mocked())
    finally:
        loop.close()
    mock_median = statistics.median(mock_times)
    bare_median = statistics.median(bare_times)
    return {
        "case": case.name,
        "transport": transport,
        "client": "async" if is_async else "sync",
        "mock_us": mock_median * 1e6,
        "bare_us": bare_median * 1e6,
        "ratio": mock_median / bare_median,
    }


# -- set-up cost ----------------------------------------------------------------------------------


def setup_cost(rounds: int, per_round: int) -> dict[str, float]:
    """Median cost of ``with OpenAIMock(): pass``, and of also touching one route object."""

    def plain() -> None:
        for _ in range(per_round):
            with OpenAIMock():
                pass

    def touching() -> None:
        for _ in range(per_round):
            with OpenAIMock() as mock:
                mock.chat.completions.create.response = PARTIAL

    def bare() -> None:
        for _ in range(per_round):
            with respx.mock(using="httpcore"):
                pass

    with OpenAIMock() as mock:  # warm: the route index and the patches are built once per process
        mock.chat.completions.create.response = PARTIAL
    times: dict[str, list[float]] = {"mock": [], "mock_route": [], "respx": []}
    for _ in range(rounds):
        times["mock"].append(time_block(plain, per_round))
        times["mock_route"].append(time_block(touching, per_round))
        times["respx"].append(time_block(bare, per_round))
    return {name: statistics.median(values) * 1e6 for name, values in times.items()}


SETUP_WITH_TABLE = """
import statistics, sys, time
rows = int(sys.argv[1])
from openai_responses._routes import table
if rows:
    keep = [row for row in table.ROUTES if row.sdk_path == "models.list"]
    table.ROUTES = tuple(keep + [row for row in table.ROUTES if row not in keep][: rows - 1])
from openai_responses import OpenAIMock
assert not rows or len(table.ROUTES) == rows
start = time.perf_counter()
with OpenAIMock() as mock:  # the first mock of a process also builds the route index
    mock.models.list.response = {}
first = time.perf_counter() - start
samples = []
for _ in range(ROUNDS):
    start = time.perf_counter()
    for _ in range(PER_ROUND):
        with OpenAIMock() as mock:
            mock.models.list.response = {}
    samples.append((time.perf_counter() - start) / PER_ROUND)
print(statistics.median(samples) * 1e6, first * 1e6)
"""


def setup_by_table_size(rounds: int, per_round: int) -> dict[str, float]:
    """The same set-up (plus one route object) with the full route table and with 10 rows."""
    code = SETUP_WITH_TABLE.replace("ROUNDS", str(rounds)).replace("PER_ROUND", str(per_round))
    results: dict[str, list[float]] = {"full": [], "10 rows": [], "first full": [], "first 10 rows": []}
    for _ in range(3):
        for label, rows in (("full", 0), ("10 rows", 10)):
            out = subprocess.run(
                [sys.executable, "-c", code, str(rows)],
                capture_output=True,
                text=True,
                check=True,
                env=_env(),
            )
            steady, first = map(float, out.stdout.split())
            results[label].append(steady)
            results[f"first {label}"].append(first)
    return {label: statistics.median(values) for label, values in results.items()}


# -- import time ----------------------------------------------------------------------------------

IMPORT_BASE = "import time; t = time.perf_counter(); import openai; print(time.perf_counter() - t, 0.0)"
IMPORT_WITH = (
    "import time; t = time.perf_counter(); import openai; u = time.perf_counter(); "
    "import openai_responses; print(u - t, time.perf_counter() - u)"
)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH", "")]))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def import_cost(repeats: int) -> dict[str, float]:
    """Fresh interpreters, interleaved: whole-process wall time and the in-process import deltas."""
    env = _env()
    walls: dict[str, list[float]] = {"base": [], "with": []}
    extra: list[float] = []
    openai_alone: list[float] = []
    for code in (IMPORT_BASE, IMPORT_WITH):  # warm the bytecode caches once
        subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)
    for index in range(repeats):
        order = [("base", IMPORT_BASE), ("with", IMPORT_WITH)]
        for label, code in order if index % 2 == 0 else reversed(order):
            start = time.perf_counter()
            out = subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)
            walls[label].append(time.perf_counter() - start)
            first, second = map(float, out.stdout.split())
            if label == "with":
                extra.append(second)
            else:
                openai_alone.append(first)
    return {
        "openai_ms": statistics.median(openai_alone) * 1e3,
        "extra_in_process_ms": statistics.median(extra) * 1e3,
        "wall_base_ms": statistics.median(walls["base"]) * 1e3,
        "wall_with_ms": statistics.median(walls["with"]) * 1e3,
        "wall_extra_ms": (statistics.median(walls["with"]) - statistics.median(walls["base"])) * 1e3,
    }


# -- state at scale -------------------------------------------------------------------------------


def list_at_scale(sizes: tuple[int, ...], rounds: int, calls: int) -> dict[int, dict[str, float]]:
    """Per-call cost of ``vector_stores.list()`` (one page of 20, newest first) by store size."""
    from openai.types import VectorStore

    from openai_responses import StateStore

    template = {
        "id": "",
        "object": "vector_store",
        "created_at": 1_700_000_000,
        "name": "docs",
        "usage_bytes": 0,
        "file_counts": {"in_progress": 0, "completed": 0, "failed": 0, "cancelled": 0, "total": 0},
        "status": "completed",
        "last_active_at": None,
        "metadata": None,
    }
    states: dict[int, tuple[Any, str]] = {}
    for size in sizes:
        state = StateStore()
        store = state.vector_stores
        for number in range(size):
            store.put(VectorStore.construct(**{**template, "id": f"vs_{number:08d}"}))
        states[size] = (state, f"vs_{size // 2:08d}")
    client = make_client("httpx2" if HAS_HTTPX2 else "httpx", False)
    times: dict[int, dict[str, list[float]]] = {size: {"first": [], "after": []} for size in sizes}
    for _ in range(rounds):
        for size in sizes:
            state, middle = states[size]
            with OpenAIMock(state=state):
                assert len(client.vector_stores.list().data) == 20  # warm
                for name, options in (("first", {}), ("after", {"after": middle})):
                    gc.collect()
                    start = time.perf_counter()
                    for _ in range(calls):
                        client.vector_stores.list(**options)
                    times[size][name].append((time.perf_counter() - start) / calls)
    return {
        size: {name: statistics.median(values) * 1e6 for name, values in by_name.items()}
        for size, by_name in times.items()
    }


# -- report ---------------------------------------------------------------------------------------


def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ""
    if hasattr(os, "getloadavg"):
        load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    return {
        "python": platform.python_version(),
        "openai": openai.__version__,
        "openai_responses": openai_responses.__version__,
        "respx": respx.__version__ if hasattr(respx, "__version__") else "?",
        "platform": platform.platform(),
        "cpu": f"{cpu} ({os.cpu_count()} cores)",
        "load average at start": load,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats: rough figures in seconds")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument(
        "--only", choices=["calls", "setup", "import", "state"], action="append", help="run only these parts"
    )
    args = parser.parse_args()
    parts = set(args.only or ["calls", "setup", "import", "state"])
    rounds, calls = (5, 30) if args.quick else (15, 100)
    results: dict[str, Any] = {"machine": machine(), "command": " ".join(["python", *sys.argv])}
    for key, value in results["machine"].items():
        print(f"{key:>22}: {value}")

    if "calls" in parts:
        print("\nPer call: mock vs bare respx route (same client, same body), median of interleaved rounds")
        print(f"{'case':<30} {'transport':<7} {'client':<6} {'mock µs':>9} {'bare µs':>9} {'ratio':>6}")
        transports = ["httpx2", "httpx"] if HAS_HTTPX2 else ["httpx"]
        rows = []
        for case in CASES:
            for transport in transports:
                for is_async in (False, True):
                    row = per_call(case, transport, is_async, rounds, calls)
                    rows.append(row)
                    print(
                        f"{row['case']:<30} {row['transport']:<7} {row['client']:<6} "
                        f"{row['mock_us']:>9.0f} {row['bare_us']:>9.0f} {row['ratio']:>6.2f}"
                    )
        results["per_call"] = rows

    if "setup" in parts:
        setup = setup_cost(rounds, 200 if not args.quick else 50)
        by_size = setup_by_table_size(rounds, 200 if not args.quick else 50)
        results["setup_us"] = setup
        results["setup_by_table_us"] = by_size
        print("\nSet-up: create + enter + exit one mock (µs, median)")
        print(f"  OpenAIMock                         {setup['mock']:8.1f}")
        print(f"  OpenAIMock + set one route         {setup['mock_route']:8.1f}")
        print(f"  respx.mock() (for comparison)      {setup['respx']:8.1f}")
        print(f"  + one route, full route table      {by_size['full']:8.1f}  (fresh process)")
        print(f"  + one route, table cut to 10 rows  {by_size['10 rows']:8.1f}  (fresh process)")
        print(
            f"  the first mock of a process (builds the route index once): {by_size['first full']:.0f} "
            f"(full table), {by_size['first 10 rows']:.0f} (10 rows)"
        )

    if "import" in parts:
        imports = import_cost(7 if args.quick else 21)
        results["import_ms"] = imports
        print("\nImport (ms, median of fresh processes, interleaved)")
        print(f"  import openai (baseline process)              {imports['openai_ms']:7.1f}")
        print(f"  import openai_responses after openai          {imports['extra_in_process_ms']:7.1f}")
        base, with_it, extra = imports["wall_base_ms"], imports["wall_with_ms"], imports["wall_extra_ms"]
        print(f"  whole process: {base:.0f} ms without, {with_it:.0f} ms with (+{extra:.1f})")

    if "state" in parts:
        scale = list_at_scale((100, 100_000), rounds, calls)
        results["list_us"] = {str(size): value for size, value in scale.items()}
        print("\nState at scale: vector_stores.list(), one page of 20 (µs per call, median)")
        for size, value in scale.items():
            first_page, after_middle = value["first"], value["after"]
            print(f"  {size:>7} objects: first page {first_page:7.0f}   after the middle {after_middle:7.0f}")
        first = scale[100_000]["first"] / scale[100]["first"]
        after = scale[100_000]["after"] / scale[100]["after"]
        print(f"  ratio 100,000 / 100: {first:.2f} (first page), {after:.2f} (after the middle)")

    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
