"""Start a real JupyterLab on 127.0.0.1 and drive it with Debian's headless chromium: the one
helper every browser test uses (start a lab, open a page, Run All until something shows,
answer JupyterLab's dialogs, save screenshots).

Screenshots go to ``build/screenshots/`` (git-ignored), so a test run leaves the work tree
clean; ``python -m tools.screenshots`` runs the screenshot tests and copies the pictures into
``docs/screenshots/``, the only way those change."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "build" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def require_chromium() -> None:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is not installed; test.sh installs it (apt-get install chromium)")
        pytest.skip("chromium is not installed (./test.sh installs it)")


def screenshot_path(name: str) -> str:
    """Where a test saves the screenshot ``name`` (``build/screenshots/<name>``)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return str(SCREENSHOTS / name)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Lab:
    url: str
    token: str
    root: Path
    proc: subprocess.Popen[bytes]

    def tree_url(self, path: str) -> str:
        return f"{self.url}/lab/tree/{path}?token={self.token}"


@contextlib.contextmanager
def jupyter_lab(root: Path, *, env: dict[str, str] | None = None) -> Iterator[Lab]:
    port = free_port()
    token = "paratrain-test"
    settings = root.parent / (root.name + "-lab-settings")
    (settings / "@jupyterlab" / "apputils-extension").mkdir(parents=True, exist_ok=True)
    # no news pop-up, no update check: nothing should cover the notebook in screenshots
    (
        settings / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    ).write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    run_env = {
        **os.environ,
        "JUPYTERLAB_SETTINGS_DIR": str(settings),
        "JUPYTER_CONFIG_DIR": str(root.parent / (root.name + "-jupyter-config")),
        **(env or {}),
    }
    log = (root.parent / (root.name + "-lab.log")).open("wb")
    proc = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "jupyter"),
            "lab",
            "--no-browser",
            "--allow-root",
            f"--port={port}",
            "--ip=127.0.0.1",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={root}",
            "--LabApp.news_url=",
            "--ServerApp.disable_check_xsrf=True",
            # kernels on Unix sockets beside their connection files: with TCP, jupyter_client
            # picks free ports and the kernel binds them a moment later, and a test running
            # beside this one can take a port in between (the kernel then dies at start and
            # JupyterLab asks for a kernel again and again)
            "--KernelManager.transport=ipc",
        ],
        cwd=root,
        env=run_env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2):
                    break
            except OSError:
                if proc.poll() is not None:
                    raise RuntimeError("jupyter lab exited early; see " + log.name) from None
                time.sleep(0.3)
        else:
            raise RuntimeError("jupyter lab did not start within 60 s")
        yield Lab(url, token, root, proc)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@contextlib.contextmanager
def browser_page(width: int = 1280, height: int = 900) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            # JupyterLab asks which kernel to start when Run All comes before the kernel
            # session is connected (a cold, busy machine); the dialog can open after the
            # notebook has run and block the next click. Answer it as a trainee would,
            # whenever it gets in the way.
            page.add_locator_handler(
                page.locator(".jp-Dialog", has_text="Select Kernel"), _accept_dialog
            )
            yield page
        finally:
            browser.close()


def _accept_dialog(dialog: object) -> None:
    DIALOGS.append(" ".join(dialog.inner_text().split())[:200])  # type: ignore[attr-defined]
    _choose_python_kernel(dialog)
    dialog.locator(".jp-Dialog-button.jp-mod-accept").first.click()  # type: ignore[attr-defined]


def _choose_python_kernel(dialog: object) -> None:
    """In a "Select Kernel" dialog, pick the Python 3 kernel by name: the dialog can open
    before JupyterLab has the kernel specs, with "No Kernel" preselected, and accepting that
    leaves the notebook without a kernel (so the next Run All asks again)."""
    select = dialog.locator("select")  # type: ignore[attr-defined]
    if not select.count():
        return
    labels = [o.inner_text() for o in select.first.locator("option").all()]
    python = next((label for label in labels if label.strip().startswith("Python 3")), None)
    if python is not None:
        select.first.select_option(label=python)


def run_all(page: object) -> None:
    """Run > Run All Cells, through the menu as a trainee would."""
    page.get_by_role("menuitem", name="Run", exact=True).click()  # type: ignore[attr-defined]
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()  # type: ignore[attr-defined]


def wait_kernel_idle(page: object, timeout: float = 60_000) -> None:
    page.wait_for_selector(".jp-Notebook", timeout=timeout)  # type: ignore[attr-defined]
    page.wait_for_function(  # type: ignore[attr-defined]
        "() => { const s = document.querySelector('.jp-Notebook-ExecutionIndicator');"
        " return s && s.getAttribute('data-status') === 'idle'; }",
        timeout=timeout,
    )


# A Run All that was taken: the kernel turns busy, and the cells it queued show "[*]:" then
# "[n]:" (in the input prompt, or only in the output prompt when the code is hidden).
STARTED = """() => {
  const s = document.querySelector('.jp-Notebook-ExecutionIndicator');
  return (s && s.getAttribute('data-status') === 'busy')
    || [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt, .jp-OutputPrompt')]
         .some(e => /\\[(\\*|\\d+)\\]/.test(e.textContent));
}"""

# The text of every JupyterLab dialog accepted during the run (a trainee would have met these
# too); the lesson screenshots print them with -s.
DIALOGS: list[str] = []


def run_all_until(
    page: object, selector: str, attempts: int = 4, timeout: float = 60_000, started: float = 15_000
) -> None:
    """Run All, then wait for ``selector``. JupyterLab can report 'idle' before the kernel
    session is connected, and a Run All in that moment is silently dropped (no cell is
    queued); a trainee would press it again, and so do we, once no cell has been queued for
    ``started`` ms (at most ``attempts`` times), answering any dialog first."""
    from playwright.sync_api import TimeoutError as PWTimeout

    for i in range(attempts):
        dismiss_dialog(page)
        run_all(page)
        try:
            if not page.locator(selector).count():  # type: ignore[attr-defined]
                page.wait_for_function(STARTED, timeout=started)  # type: ignore[attr-defined]
            page.wait_for_selector(selector, timeout=timeout)  # type: ignore[attr-defined]
            return
        except PWTimeout:
            if i == attempts - 1:
                raise


def dismiss_dialog(page: object) -> None:
    """Accept a modal JupyterLab dialog if one is open (on a cold, busy machine Run All can
    be pressed before the kernel connects, and JupyterLab then asks to select a kernel), as a
    person would by pressing the highlighted button; note its text in :data:`DIALOGS`."""
    from playwright.sync_api import TimeoutError as PWTimeout

    dialog = page.locator(".jp-Dialog")  # type: ignore[attr-defined]
    if not dialog.count():
        return
    try:
        DIALOGS.append(" ".join(dialog.first.inner_text(timeout=5_000).split())[:200])
        _choose_python_kernel(dialog.first)
        dialog.first.locator(".jp-Dialog-button.jp-mod-accept").first.click(timeout=5_000)
        dialog.first.wait_for(state="detached", timeout=10_000)
    except PWTimeout:  # a dialog that will not take "accept": close it as a person would
        page.keyboard.press("Escape")  # type: ignore[attr-defined]
