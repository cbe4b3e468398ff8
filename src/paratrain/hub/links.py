"""nbgitpuller links: one click puts (or updates) a curriculum repository in a trainee's server.

A link sends the trainee through the hub (``/hub/user-redirect/``) to their own server's
``git-pull`` page; nbgitpuller clones the repository the first time and afterwards merges
upstream changes without overwriting the trainee's edits (their changed files win). The
curriculum repository must never be force-pushed: nbgitpuller cannot merge a rewritten
history.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode


@dataclass(frozen=True)
class PullLink:
    """What to pull, and what to open afterwards."""

    repo: str
    branch: str = "main"
    target: str = ""
    open_path: str = ""

    @property
    def folder(self) -> str:
        """The folder in the trainee's home (nbgitpuller's default: the repository name)."""
        if self.target:
            return self.target
        name = self.repo.rstrip("/").rsplit("/", 1)[-1]
        return name.removesuffix(".git")

    def query(self, *, app: str = "lab") -> str:
        params = {"repo": self.repo, "branch": self.branch, "targetpath": self.folder}
        path = f"{self.folder}/{self.open_path}".rstrip("/")
        params["urlpath"] = f"{app}/tree/{path}" if app == "lab" else f"tree/{path}"
        return urlencode(params, quote_via=quote)


def pull_link(hub_url: str, link: PullLink, *, app: str = "lab") -> str:
    """The link to give trainees (any logged-in user; it opens their own server)."""
    return f"{hub_url.rstrip('/')}/hub/user-redirect/git-pull?{link.query(app=app)}"


def pull_api_url(server_url: str, link: PullLink) -> str:
    """The server-side endpoint the git-pull page streams from (for scripts and tests)."""
    return f"{server_url.rstrip('/')}/git-pull/api?{link.query()}"
