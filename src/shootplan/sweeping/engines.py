"""Where the scenarios run: child Pythons on this machine, any ``concurrent.futures`` executor,
a Dask cluster or a Ray cluster. Each engine yields ``(index, outcome)`` as tasks finish.

Dask and Ray are optional extras (``pip install 'shootplan[dask]'`` or ``'shootplan[ray]'``),
imported only when asked for. Each task declares the cores it uses (``workers_per_solve``): Ray
as ``num_cpus``, Dask as the ``CPU`` resource when the cluster's workers declare one (start them
with ``--resources CPU=N``; without it Dask runs one task per worker thread). A task whose worker
dies is run once more, then reported as failed; a cluster that cannot be reached is one
:class:`ClusterError`. Stopping the loop (Ctrl-C) cancels what has not finished.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import threading
from collections.abc import Callable, Generator, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ThreadPoolExecutor, wait
from typing import Any

from shootplan.child_python import module_command, module_environment
from shootplan.errors import ShootplanError
from shootplan.sweeping.task import run_task

__all__ = ["ClusterError", "Outcomes", "engine_for"]

Outcomes = Generator[tuple[int, dict[str, Any]], None, None]
Engine = Callable[[Sequence[dict[str, Any]]], Outcomes]

# A worker that dies is tried once more.
_ATTEMPTS = 2
# How long a scheduler's port may take to answer before the sweep gives up on it: a refused port
# fails at once; only a host that drops the packets waits this long.
_REACH_SECONDS = 5.0


class ClusterError(ShootplanError):
    """A Dask or Ray cluster that cannot be reached or used (the address is in the message)."""


def engine_for(executor: Any, *, workers_per_solve: int, processes: int | None) -> Engine:
    """The engine for ``executor``: None (local), an Executor, a Dask Client, ``"dask://..."``,
    ``"ray"`` or ``"ray://..."``."""
    if executor is None or executor == "local":
        slots = processes or max(1, (os.cpu_count() or 1) // workers_per_solve)
        return lambda payloads: _local(payloads, slots)
    if isinstance(executor, Executor):
        return lambda payloads: _futures(executor, payloads)
    if isinstance(executor, str) and executor.startswith(("dask://", "tcp://")):
        address = "tcp://" + executor.split("://", 1)[1]
        return lambda payloads: _dask(_dask_client(address), payloads, workers_per_solve, own=True)
    if isinstance(executor, str) and (executor == "ray" or executor.startswith("ray://")):
        return lambda payloads: _ray(executor, payloads, workers_per_solve)
    if type(executor).__module__.startswith("distributed"):
        return lambda payloads: _dask(executor, payloads, workers_per_solve, own=False)
    raise ClusterError(
        f"executor {executor!r}: expected None (this machine), a concurrent.futures Executor, a"
        ' distributed.Client, "dask://host:8786", "ray" or "ray://host:10001"'
    )


def failed(payload: dict[str, Any], reason: str) -> dict[str, Any]:
    """The outcome of a task that did not come back."""
    name = json.loads(payload["scenario"])["name"]
    return {"scenario": name, "status": "failed", "reasons": [reason], "metrics": {}, "schedule": None}


# --- this machine: one child Python per scenario ------------------------------------------------


def _local(payloads: Sequence[dict[str, Any]], slots: int) -> Outcomes:
    children: set[subprocess.Popen[bytes]] = set()
    # Set when the sweep stops (Ctrl-C): a child killed then is not a worker that died, and is
    # not started again (the pool's shutdown would otherwise wait for the retried solves).
    stopped = threading.Event()
    with ThreadPoolExecutor(max_workers=slots, thread_name_prefix="shootplan-sweep") as pool:
        futures = {pool.submit(_child, payload, children, stopped): n for n, payload in enumerate(payloads)}
        try:
            yield from _as_completed(futures)
        finally:
            stopped.set()
            for future in futures:
                future.cancel()
            for child in list(children):
                child.kill()


def _child(
    payload: dict[str, Any], children: set[subprocess.Popen[bytes]], stopped: threading.Event
) -> dict[str, Any]:
    reason = ""
    for _ in range(_ATTEMPTS):
        if stopped.is_set():
            return failed(payload, "the sweep was stopped")
        # A session of its own: the terminal's Ctrl-C goes to the sweep, which stops the children.
        child = subprocess.Popen(
            module_command("shootplan.sweeping.task"),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=module_environment(),
            start_new_session=True,
        )
        children.add(child)
        try:
            out, err = child.communicate(json.dumps(payload).encode())
        finally:
            children.discard(child)
        if child.returncode == 0:
            outcome: dict[str, Any] = json.loads(out)
            return outcome
        reason = _death(child.returncode, err)
    return failed(payload, f"{reason}; tried {_ATTEMPTS} times")


def _death(returncode: int, err: bytes) -> str:
    """Why a child Python ended without an outcome, in words (its last line of errors, if any)."""
    last = err.decode(errors="replace").strip().splitlines()[-1:]
    if returncode < 0:
        try:
            how = f"killed by {signal.Signals(-returncode).name}"
        except ValueError:
            how = f"killed by signal {-returncode}"
        # SIGKILL from outside is most often the system's out-of-memory killer.
        if returncode == -signal.SIGKILL:
            how += " (out of memory?)"
    else:
        how = f"exit code {returncode}"
    return f"the worker process died ({how})" + (f": {last[0]}" if last else "")


# --- any concurrent.futures executor ------------------------------------------------------------


def _futures(executor: Executor, payloads: Sequence[dict[str, Any]]) -> Outcomes:
    futures = {executor.submit(run_task, payload): n for n, payload in enumerate(payloads)}
    try:
        for future, n in _completed(futures):
            error = future.exception()
            if error is None:
                yield n, future.result()
                continue
            try:  # once more, then reported
                yield n, executor.submit(run_task, payloads[n]).result()
            except Exception as again:
                yield n, failed(payloads[n], f"the worker failed twice: {again!r}")
    finally:
        for future in futures:
            future.cancel()


def _as_completed(futures: dict[Future[dict[str, Any]], int]) -> Outcomes:
    for future, n in _completed(futures):
        yield n, future.result()


def _completed(futures: dict[Future[dict[str, Any]], int]) -> Iterator[tuple[Future[dict[str, Any]], int]]:
    # wait() with a timeout, not as_completed(): the main thread wakes up for Ctrl-C.
    pending = set(futures)
    while pending:
        done, pending = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
        for future in sorted(done, key=futures.__getitem__):
            yield future, futures[future]


# --- Dask ----------------------------------------------------------------------------------------


def _reach(address: str, what: str, default_port: int) -> None:
    """Fail at once, as one ClusterError, when nothing answers at ``address`` (``tcp://host:port``):
    the engines' own clients retry for 10 s to a minute before they give up."""
    location = address.split("://", 1)[-1].rstrip("/")
    host, _, port = location.rpartition(":") if ":" in location else (location, "", "")
    try:
        with socket.create_connection((host.strip("[]"), int(port or default_port)), _REACH_SECONDS):
            pass
    except (OSError, ValueError) as error:
        raise ClusterError(f"cannot reach the {what} at {address}: {error}") from None


def _dask_client(address: str) -> Any:
    try:
        from distributed import Client
    except ImportError as error:
        raise ClusterError(f"sweeping on Dask ({address}) needs: pip install 'shootplan[dask]'") from error
    _reach(address, "Dask scheduler", 8786)
    try:
        return Client(address, timeout="10s")  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError) as error:
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {error}") from None
    except Exception as error:  # something answers there, but it does not speak Dask
        raise ClusterError(f"no Dask scheduler answers at {address}: {error!r}") from None


def _dask(client: Any, payloads: Sequence[dict[str, Any]], cpus: int, *, own: bool) -> Outcomes:
    from distributed import as_completed

    workers = client.scheduler_info().get("workers", {}).values()
    declared = any("CPU" in worker.get("resources", {}) for worker in workers)
    options: dict[str, Any] = {"resources": {"CPU": cpus}} if declared else {}
    futures = [
        client.submit(run_task, payload, pure=False, retries=_ATTEMPTS - 1, **options) for payload in payloads
    ]
    index = {future.key: n for n, future in enumerate(futures)}
    try:
        for future in as_completed(futures):  # type: ignore[no-untyped-call]
            n = index[future.key]
            if future.status == "finished":
                yield n, future.result()
            else:
                yield n, failed(payloads[n], f"the Dask worker failed twice: {future.exception()!r}")
    finally:
        client.cancel(futures)
        if own:
            client.close()


# --- Ray -----------------------------------------------------------------------------------------


def _ray(address: str, payloads: Sequence[dict[str, Any]], cpus: int) -> Outcomes:
    try:
        import ray
    except ImportError as error:
        raise ClusterError(f"sweeping on Ray ({address}) needs: pip install 'shootplan[ray]'") from error
    if not ray.is_initialized():
        if address != "ray":
            _reach(address, "Ray cluster", 10001)
        try:
            ray.init(
                address=None if address == "ray" else address, include_dashboard=False, log_to_driver=False
            )
        except (ConnectionError, RuntimeError, TimeoutError) as error:
            raise ClusterError(f"cannot reach the Ray cluster at {address}: {error}") from None
        except ValueError as error:  # a ray:// address without Ray's client installed
            raise ClusterError(
                f"sweeping on Ray ({address}) needs Ray's client: pip install 'shootplan[ray]' ({error})"
            ) from None
    remote = ray.remote(num_cpus=cpus, max_retries=_ATTEMPTS - 1)(run_task)
    refs = [remote.remote(payload) for payload in payloads]
    index = {ref: n for n, ref in enumerate(refs)}
    pending = list(refs)
    try:
        while pending:
            done, pending = ray.wait(pending, num_returns=1, timeout=0.5)
            for ref in done:
                n = index[ref]
                try:
                    yield n, ray.get(ref)
                except ray.exceptions.RayError as error:
                    yield n, failed(payloads[n], f"the Ray worker failed twice: {error}")
    finally:
        for ref in pending:
            ray.cancel(ref, force=True)
