"""A long listing worded on two cores: the second half of its items in a forked process while this one
words the first half and writes it. Wording 16,716 conflicts of 100,000 claims takes some 0.4 s of one
core, most of a warm check; the items are read before the fork, so the forked process touches neither the
index nor a project's file, and hands back only text (in an unnamed temporary file)."""

from __future__ import annotations

import atexit
import os
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence

AT_LEAST = 2000
"""Items below which a listing is worded here alone: forking costs a few milliseconds."""


def texts(items: Sequence, word: Callable[[object], str], sep: str, encoded: bool = False) -> Iterator[str | bytes]:
    """`word(item)` for each item, in order, as texts that the caller joins with `sep`. For a long listing on
    a machine of several cores, the second half comes last as one text, its items joined with `sep`, made
    meanwhile by a forked process; `encoded`: that text as UTF-8 bytes, for a long output written as it is
    (`cli._print`: the 21 MB of half the conflicts in JSON are never decoded and encoded again). Where that
    process fails, the second half is worded here (a mistake in the wording is then raised here, as it would
    be without the fork)."""
    if len(items) < max(AT_LEAST, 2) or not _can_fork():
        yield from map(word, items)
        return
    half = len(items) // 2
    try:
        made = tempfile.TemporaryFile()  # unnamed: gone with the last descriptor, whatever happens
    except OSError:  # no writable folder for it: worded here alone
        yield from map(word, items)
        return
    with made:
        child = os.fork()
        if child == 0:
            _word_and_exit(items[half:], word, sep, made.fileno())
        _LIVE.add(child)
        try:
            yield from map(word, items[:half])
            _, status = os.waitpid(child, 0)
            _LIVE.discard(child)
            child = 0
        finally:
            if child:  # the listing was left early (a closed pipe, an interruption): the child is not left behind
                _end(child)
        if os.waitstatus_to_exitcode(status) == 0:
            made.seek(0)  # the child's writes moved the offset it shares with this process
            text = made.read()
            yield text if encoded else text.decode("utf-8")
            return
    yield from map(word, items[half:])


def _can_fork() -> bool:
    """Forking is safe with no other thread running (a thread holding a lock would leave it held in the
    child), and worth it with a second core this process may use."""
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return False
    cores = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else range(os.cpu_count() or 1)
    return len(cores) > 1


def _word_and_exit(items: Sequence, word: Callable[[object], str], sep: str, made: int) -> None:
    """The forked process: its items worded and written to the file `made` some 64 KB at a time, then gone
    without running the parent's exit handlers or flushing its buffers (os._exit); any failure is only its
    exit status. A file rather than a pipe: the child never waits for this process to read."""
    status = 1
    try:
        pending, size = [], 0
        for n, item in enumerate(items):
            text = word(item) if n == 0 else sep + word(item)
            pending.append(text)
            size += len(text)
            if size > 1 << 16:
                _write_all(made, "".join(pending))
                pending, size = [], 0
        _write_all(made, "".join(pending))
        status = 0
    finally:
        os._exit(status)


def _write_all(made: int, text: str) -> None:
    view = memoryview(text.encode("utf-8"))
    while view:
        view = view[os.write(made, view):]


_LIVE: set[int] = set()
"""The forked processes still wording: where a listing is left early and the process exits before the listing's
generator is closed (`cli._leave` ends without freeing objects), the exit handler below ends them."""


def _end(child: int) -> None:
    import signal

    _LIVE.discard(child)
    try:
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)
    except (ProcessLookupError, ChildProcessError):
        pass


@atexit.register
def _end_all() -> None:
    for child in list(_LIVE):
        _end(child)
