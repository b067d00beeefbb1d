"""The machine's processes as /proc shows them, for tests that check what a run leaves running."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Process:
    pid: int
    parent: int
    group: int
    state: str  # `Z`: a zombie, gone but not yet reaped
    command: str


def processes() -> list[Process]:
    """Every process that can be read now (one may exit while it is read: it is left out)."""
    found = []
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat_file.read_text().rsplit(")", 1)[1].split()
            command = (stat_file.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            found.append(Process(int(stat_file.parent.name), int(fields[1]), int(fields[2]), fields[0], command))
        except (OSError, IndexError, ValueError):
            continue
    return found


def children(pid: int) -> dict[int, str]:
    """Processes whose parent is `pid`, with their command lines."""
    return {p.pid: p.command for p in processes() if p.parent == pid}


def descendants(pid: int) -> dict[int, str]:
    """Children of `pid`, their children and so on, with their command lines."""
    every = processes()
    found: dict[int, str] = {}
    frontier = [pid]
    while frontier:
        parent = frontier.pop()
        for p in every:
            if p.parent == parent and p.pid not in found:
                found[p.pid] = p.command
                frontier.append(p.pid)
    return found


def group(pgid: int) -> dict[int, str]:
    """Live processes of process group `pgid`, with their command lines."""
    return {p.pid: p.command for p in processes() if p.group == pgid and p.state != "Z"}


def alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie does not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False
