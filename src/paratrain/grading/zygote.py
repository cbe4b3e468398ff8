"""Fast kernel start for grading: fork kernels from a warm, single-threaded parent.

nbgrader spends most of its autograde time starting and stopping a fresh Python kernel for
every notebook (about 73 % on the reference machine), and our notebooks then spend more time
importing paratrain in it. A *zygote* process imports ipykernel and paratrain once; each
kernel is a ``fork()`` of it, so it starts with those modules already loaded but is still a
new process with a fresh namespace, its own working folder and environment, exactly what
nbgrader would start. Nothing else about grading changes.

``paratrain grade``'s workers share one zygote, forked by the grading fork server before it
imports nbgrader (:func:`fork_shared`, :mod:`paratrain.grading.zygote_preload`), so it holds
only what kernels use (about 68 MB instead of 130 MB) and each kernel copies fewer pages
(5,400 page faults per kernel instead of 7,700). A zygote forked by its caller
(:meth:`Zygote.start`) is the fallback, and what single-process grading uses.

The zygote speaks one JSON line per request on stdin (``{"argv", "cwd", "env"}``) and answers
``{"pid"}``; it reaps its children. The grading process drives kernels through
:class:`ForkingKernelManager` (an ``AsyncKernelManager`` whose provisioner asks the zygote
instead of calling ``Popen``), selected with ``Execute.kernel_manager_class``.

Three waits of jupyter_client's are shortened, none of which changes what a kernel runs or
returns: the zygote freezes its objects out of the garbage collector before it forks (so a
kernel's collections do not copy the parent's memory), a killed kernel is awaited every 2 ms
instead of every 100 ms, and after a kernel first answers, its start-up messages are drained
until 10 ms of quiet instead of 200 ms (:data:`QUIET_AFTER_START`).

Kernels talk over Unix sockets in a private folder (:func:`ipc_folder`) rather than TCP
ports on 127.0.0.1, so no other process can take a kernel's port while it starts.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import gc
import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from typing import Any

# Modules a grading kernel imports: its app, shell, debugger and comms, and what our
# notebooks import when they run under nbgrader. The grading fork server imports them before
# it forks the shared zygote (paratrain.grading.zygote_preload), so every kernel starts with
# them loaded; a zygote forked anywhere else imports them itself (_prepare).
WARM_MODULES = ("ipykernel.kernelapp", "paratrain.notebook")
# Where the grading fork server's shared zygote listens (paratrain.grading.zygote_preload):
# passed from the grading command to the fork server it starts, never set by a user.
SOCKET_ENV = "PARATRAIN_ZYGOTE_SOCKET"


@contextlib.contextmanager
def socket_in_environment(path: str) -> Any:
    """Put the shared zygote's socket path in this process's environment while the grading
    fork server starts (it inherits it and its preload reads it), then take it out again."""
    had = os.environ.get(SOCKET_ENV)
    os.environ[SOCKET_ENV] = path
    try:
        yield
    finally:
        if had is None:
            del os.environ[SOCKET_ENV]
        else:
            os.environ[SOCKET_ENV] = had


def socket_from_environment() -> str | None:
    """The shared zygote's socket path, in the grading fork server (see above)."""
    return os.environ.get(SOCKET_ENV) or None


KERNEL_MODULES = (
    "ipykernel.ipkernel",
    "ipykernel.zmqshell",
    "ipykernel.debugger",
    "ipykernel.comm",
    "IPython.core.completerlib",
    "IPython.core.debugger",
    "IPython.extensions.storemagic",
    "sqlite3",
    "psutil",
    "tornado.platform.asyncio",
    "tornado.queues",
    "tornado.locks",
    "ipywidgets",
    "paratrain.scenarios.widget",
    "paratrain.scenarios.quiz_widget",
)


def warm_kernel_modules() -> None:
    """Import :data:`KERNEL_MODULES`; cheap when they are loaded already."""
    import importlib

    # debugpy warns on stderr, when imported, that frozen modules may hide breakpoints
    quiet = "PYDEVD_DISABLE_FILE_VALIDATION"
    had = os.environ.get(quiet)
    os.environ[quiet] = "1"
    try:
        for name in KERNEL_MODULES:
            if name not in sys.modules:
                with contextlib.suppress(Exception):  # a kernel may not need it; loads later
                    importlib.import_module(name)
    finally:
        if had is None:
            del os.environ[quiet]
        else:
            os.environ[quiet] = had


def _prepare() -> None:  # pragma: no cover - runs in the zygote process
    """Make this process a zygote: reap its children, ignore Ctrl-C (its parent stops it),
    import what kernels import and freeze it all out of the garbage collector's reach."""

    def reap(_sig: int, _frame: object) -> None:
        while True:
            try:
                pid, _status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return

    signal.signal(signal.SIGCHLD, reap)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    import importlib

    for name in WARM_MODULES:  # loaded already in a shared zygote
        importlib.import_module(name)
    warm_kernel_modules()
    if sys.modules.get("rfc3987_syntax", False) is None:  # left out by the grading preload
        del sys.modules["rfc3987_syntax"]  # a kernel that imports it gets it
    # Every object so far is shared with the kernels forked from here; left to the cyclic
    # garbage collector, a kernel's first full collection would touch (and so copy) them all.
    gc.collect()
    gc.freeze()


def _serve(rfd: int, wfd: int) -> None:  # pragma: no cover - runs in the zygote process
    _prepare()
    with os.fdopen(rfd, "r") as requests, os.fdopen(wfd, "w") as answers:
        for line in requests:
            req = json.loads(line)
            pid = os.fork()
            if pid == 0:
                _become_kernel(req)
            answers.write(json.dumps({"pid": pid}) + "\n")
            answers.flush()
    os._exit(0)


def warm_keys(keys: Path) -> int:
    """Do once what grading each role-play and quiz starts with, in this process and so for
    every kernel forked from it: parse every key in a course's ``keys`` folder into the
    cache grading code reads keys from (:func:`paratrain.scenarios.keys.load_item`, by path
    and modification time), and for each role-play work out the highest score a trainee can
    reach and the structure hash of its released copy (both cached by the scenarios package
    per key). Without this every kernel does it again, cold. Returns how many keys were read."""
    from paratrain.scenarios import engine
    from paratrain.scenarios.assess import scaled
    from paratrain.scenarios.keys import load_item
    from paratrain.scenarios.loader import QUIZ_SUFFIX, SCENARIO_SUFFIX
    from paratrain.scenarios.model import Scenario
    from paratrain.scenarios.release import course_secret, released_hash

    if not keys.is_dir():
        return 0
    secret = course_secret(keys)
    n = 0
    for path in sorted(keys.glob("*/*.yaml")):
        kind = (
            "quiz"
            if path.name.endswith(QUIZ_SUFFIX)
            else "scenario"
            if path.name.endswith(SCENARIO_SUFFIX)
            else None
        )
        if kind is None:
            continue
        try:
            item = load_item(path, kind)
            if isinstance(item, Scenario) and item.has_key:
                scaled(item, engine.start(item), 1.0)
                if secret is not None:
                    released_hash(item, secret)
        except Exception:  # grading reports a broken key where it is used
            continue
        n += 1
    return n


def serve(path: str) -> None:  # pragma: no cover - runs in the shared zygote
    """Serve as the shared zygote: listen on the Unix socket ``path``; every grading worker
    connects and sends its requests there, one JSON line each: ``{"warm": KEYS}`` (read
    the keys in that folder here, once, for all kernels) or a kernel to fork (``{"argv", "cwd",
    "env"}``, answered with its ``{"pid"}``). Ends when the process that forked it does."""
    import selectors
    import socket

    parent = os.getppid()
    _prepare()
    with contextlib.suppress(FileNotFoundError):
        Path(path).unlink()  # left by a zygote before this one
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(64)
    sel = selectors.DefaultSelector()
    sel.register(listener, selectors.EVENT_READ, "accept")
    clients: dict[socket.socket, bytes] = {}
    while os.getppid() == parent:
        for key, _events in sel.select(timeout=0.5):
            if key.data == "accept":
                conn, _addr = listener.accept()
                sel.register(conn, selectors.EVENT_READ, "client")
                clients[conn] = b""
                continue
            conn = key.fileobj  # type: ignore[assignment]
            chunk = conn.recv(65536)
            if not chunk:
                sel.unregister(conn)
                conn.close()
                del clients[conn]
                continue
            buf = clients[conn] + chunk
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                req = json.loads(line)
                if "warm" in req:
                    try:
                        answer: dict[str, Any] = {"keys": warm_keys(Path(req["warm"]))}
                    except Exception as exc:  # the kernels read the keys themselves
                        answer = {"keys": 0, "problem": repr(exc)}
                    gc.freeze()
                    conn.sendall(json.dumps(answer).encode() + b"\n")
                    continue
                pid = os.fork()
                if pid == 0:
                    # the kernel keeps none of the zygote's connections
                    sel.close()
                    listener.close()
                    for c in clients:
                        c.close()
                    _become_kernel(req)
                conn.sendall(json.dumps({"pid": pid}).encode() + b"\n")
            clients[conn] = buf
    listener.close()
    Path(path).unlink(missing_ok=True)


def fork_shared(path: str) -> None:
    """Fork the shared zygote from this process, which must be single-threaded, and go on.

    The grading fork server does this from its preload (:mod:`paratrain.grading.zygote_preload`),
    after importing what kernels need and before importing nbgrader, SQLAlchemy and
    nbconvert: the zygote holds about half the memory of one forked from a grading worker,
    so each kernel forked from it has fewer shared pages to touch and copy."""
    pid = os.fork()
    if pid:
        return
    try:  # pragma: no cover - the shared zygote
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.closerange(3, 1 << 16)  # the fork server's sockets and pipes are not ours
        serve(path)
    finally:
        os._exit(0)


def _become_kernel(req: dict[str, Any]) -> None:  # pragma: no cover - forked child
    try:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        os.setsid()
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(devnull, fd)
        os.chdir(req["cwd"])
        os.environ.clear()
        os.environ.update(req["env"])
        argv = list(req["argv"])
        # argv is the kernelspec command: [python, -m, ipykernel_launcher, -f, file, ...]
        args = (
            argv[argv.index("ipykernel_launcher") + 1 :]
            if "ipykernel_launcher" in argv
            else argv[1:]
        )
        sys.argv = ["ipykernel_launcher", *args]
        if sys.path and sys.path[0] != "":
            sys.path.insert(0, "")
        from ipykernel import kernelapp

        kernelapp.launch_new_instance(argv=args)
    finally:
        os._exit(0)


class Zygote:
    """A warm, single-threaded process that forks kernels on request, as this process sees it.

    Either forked from the caller (:meth:`start`), which must still be single-threaded, or
    a connection to the shared zygote of ``paratrain grade``'s fork server
    (:meth:`connect`, :func:`fork_shared`), which its workers use.
    """

    _instance: Zygote | None = None
    _lock = threading.Lock()

    def __init__(self) -> None:
        req_r, req_w = os.pipe()
        ans_r, ans_w = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the zygote
            os.close(req_w)
            os.close(ans_r)
            try:
                _serve(req_r, ans_w)
            finally:
                os._exit(0)
        os.close(req_r)
        os.close(ans_w)
        self.pid: int | None = pid
        self.sock: Any = None
        self.requests = os.fdopen(req_w, "w")
        self.answers = os.fdopen(ans_r, "r")
        atexit.register(self.close)
        # a multiprocessing worker leaves through os._exit, which skips atexit; its
        # finalizers still run, so the zygote is told to stop and is waited for either way
        from multiprocessing.util import Finalize

        Finalize(self, self.close, exitpriority=10)

    @classmethod
    def start(cls) -> Zygote:
        with cls._lock:
            if cls._instance is None:
                cls._instance = Zygote()
            return cls._instance

    @classmethod
    def connect(cls, path: str, keys: str | None = None, timeout: float = 10.0) -> Zygote:
        """Use the shared zygote listening at ``path`` (:func:`fork_shared`) and have it read
        the keys in the folder ``keys`` (:func:`warm_keys`); :class:`RuntimeError` if it is
        not there within ``timeout`` seconds (it binds its socket before the fork server has
        finished its preload, so before any worker exists)."""
        import socket

        with cls._lock:
            if cls._instance is not None:
                return cls._instance
            deadline = time.monotonic() + timeout
            while True:
                sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                try:
                    sock.connect(path)
                    break
                except (FileNotFoundError, ConnectionRefusedError) as exc:
                    sock.close()
                    if time.monotonic() > deadline:
                        raise RuntimeError(
                            f"the kernel zygote at {path} did not start within {timeout:g} s"
                        ) from exc
                    time.sleep(0.01)
            z = cls.__new__(cls)
            z.pid = None
            z.sock = sock
            z.requests = sock.makefile("w", encoding="utf-8")
            z.answers = sock.makefile("r", encoding="utf-8")
            if keys:
                z.requests.write(json.dumps({"warm": keys}) + "\n")
                z.requests.flush()
                if not z.answers.readline():
                    raise RuntimeError(f"the kernel zygote at {path} stopped")
            atexit.register(z.close)
            from multiprocessing.util import Finalize

            Finalize(z, z.close, exitpriority=10)
            cls._instance = z
            return z

    @classmethod
    def get(cls) -> Zygote:
        if cls._instance is None:
            raise RuntimeError("no kernel zygote in this process; call Zygote.start() first")
        return cls._instance

    def spawn(self, argv: list[str], cwd: str, env: dict[str, str]) -> int:
        with self._lock:
            self.requests.write(json.dumps({"argv": argv, "cwd": cwd, "env": env}) + "\n")
            self.requests.flush()
            answer = self.answers.readline()
        if not answer:
            raise RuntimeError("the kernel zygote stopped")
        return int(json.loads(answer)["pid"])

    def close(self) -> None:
        if self.requests.closed:
            return
        with contextlib.suppress(OSError):
            self.requests.close()
        if self.sock is not None:  # a connection to a shared zygote: it goes on serving
            with contextlib.suppress(OSError):
                self.answers.close()
                self.sock.close()
            return
        if self.pid is not None:
            with contextlib.suppress(ChildProcessError, OSError):
                os.waitpid(self.pid, 0)


def _running(pid: int) -> bool:
    """Whether ``pid`` is still running: not gone, and not a zombie waiting for the zygote
    to reap it (``kill(pid, 0)`` alone cannot tell a zombie from a live process)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True  # no /proc here: trust kill(pid, 0)
    return stat[stat.rindex(")") + 2 :][:1] not in ("Z", "X")


class ForkedProcess:
    """What jupyter_client needs of a ``Popen`` for a kernel forked by the zygote."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None and not _running(self.pid):
            self.returncode = 0
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(str(self.pid), timeout or 0)
            time.sleep(0.01)
        return self.returncode or 0

    def send_signal(self, signum: int) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


_IPC_FOLDER: tuple[int, Path] | None = None


def ipc_folder() -> Path:
    """A private folder (mode 0700) for this process's kernels' Unix sockets, removed when the
    process ends (a forked worker gets its own).

    Over TCP, jupyter_client picks five free ports by binding and releasing them, and the
    kernel binds them again a moment later; any other process that takes one of them in
    between (another grading run, a test, an outgoing connection) kills the kernel with
    "Address already in use" and the submission fails to grade through no fault of its own.
    Unix sockets named inside a folder only this process writes to cannot collide. The path
    is kept short: a socket's path may not be longer than about 100 bytes.
    """
    global _IPC_FOLDER
    if _IPC_FOLDER is None or _IPC_FOLDER[0] != os.getpid() or not _IPC_FOLDER[1].is_dir():
        import shutil
        import tempfile
        from multiprocessing.util import Finalize

        base = tempfile.gettempdir()
        if len(base) > 40 or not os.access(base, os.W_OK):
            base = "/tmp"
        folder = Path(tempfile.mkdtemp(prefix="pt-k-", dir=base))
        _IPC_FOLDER = (os.getpid(), folder)
        # atexit for a plain process; a multiprocessing worker leaves through os._exit,
        # which skips atexit but runs its finalizers
        atexit.register(shutil.rmtree, folder, True)
        Finalize(None, shutil.rmtree, args=(str(folder), True), exitpriority=5)
    return _IPC_FOLDER[1]


def _provisioner_class() -> type[Any]:
    from jupyter_client.provisioning.local_provisioner import LocalProvisioner

    class ForkProvisioner(LocalProvisioner):
        async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> Any:
            env = {str(k): str(v) for k, v in (kwargs.get("env") or os.environ).items()}
            cwd = str(kwargs.get("cwd") or Path.cwd())
            pid = await asyncio.get_running_loop().run_in_executor(
                None, Zygote.get().spawn, cmd, cwd, env
            )
            self.process = ForkedProcess(pid)  # type: ignore[assignment]
            self.pid = pid
            self.pgid = pid  # the child called setsid()
            self.cwd = cwd
            return self.connection_info

        async def kill(self, restart: bool = False) -> None:
            # jupyter_client checks whether the kernel is gone every 0.1 s after a kill;
            # a killed kernel is gone within a few ms, so wait for that here, closely.
            await super().kill(restart=restart)
            process = self.process
            deadline = time.monotonic() + 2.0
            while process is not None and process.poll() is None and time.monotonic() < deadline:
                await asyncio.sleep(0.002)

        async def wait(self) -> int | None:
            if self.process:
                ret = self.process.wait(timeout=10)
                self.process = None
                return int(ret)
            return None

    return ForkProvisioner


# After the kernel answers ``kernel_info``, jupyter_client drains the kernel's broadcast
# channel until it has been quiet for 0.2 s, every time a kernel starts. nbclient matches
# every output to the request that caused it, so a message left over from start-up is
# ignored anyway; a short quiet period is enough.
QUIET_AFTER_START = 0.01

# The client connects to a kernel's sockets before the new kernel has bound them; ZeroMQ
# then tries again after its reconnect interval, 100 ms by default, which every kernel start
# paid. A kernel forked from the zygote binds within tens of milliseconds.
RECONNECT_MS = 2


def _client_class() -> type[Any]:
    from jupyter_client.asynchronous.client import AsyncKernelClient

    class QuickReadyClient(AsyncKernelClient):
        def _create_connected_socket(self, channel: str, identity: bytes | None = None) -> Any:
            import zmq

            self.context.setsockopt(zmq.RECONNECT_IVL, RECONNECT_MS)
            return super()._create_connected_socket(channel, identity)

        async def _quick_wait_for_ready(self, timeout: float | None = None) -> None:
            original = self.iopub_channel.get_msg

            async def get_msg(timeout: float | None = None) -> Any:
                return await original(timeout=QUIET_AFTER_START if timeout == 0.2 else timeout)

            self.iopub_channel.get_msg = get_msg
            try:
                await AsyncKernelClient.wait_for_ready(self, timeout=timeout)
            finally:
                del self.iopub_channel.get_msg

        wait_for_ready = _quick_wait_for_ready

    return QuickReadyClient


def _manager_class() -> type[Any]:
    from jupyter_client.asynchronous.client import AsyncKernelClient
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import Type

    provisioner = _provisioner_class()
    client = __getattr__("QuickReadyClient")

    class _Forking(AsyncKernelManager):
        client_class = "paratrain.grading.zygote.QuickReadyClient"
        client_factory = Type(client, klass=AsyncKernelClient)

        async def _async_pre_start_kernel(self, **kw: Any) -> Any:
            if self.provisioner is None:
                self.kernel_id = self.kernel_id or kw.pop("kernel_id", str(uuid.uuid4()))
                self.provisioner = provisioner(
                    kernel_id=self.kernel_id, kernel_spec=self.kernel_spec, parent=self
                )
            if self.transport == "tcp" and not self._connection_file_written:
                # Unix sockets in a folder of this process's own: nothing to race for.
                self.transport = "ipc"
                self.ip = str(ipc_folder() / self.kernel_id[:13])
            return await super()._async_pre_start_kernel(**kw)

    return _Forking


def __getattr__(name: str) -> Any:
    # ``Execute.kernel_manager_class = "paratrain.grading.zygote.ForkingKernelManager"``:
    # built on first use so that importing this module stays light.
    builders = {"ForkingKernelManager": _manager_class, "QuickReadyClient": _client_class}
    if name in builders:
        cls = builders[name]()
        globals()[name] = cls
        return cls
    raise AttributeError(name)
