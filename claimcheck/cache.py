"""A cache of what loading produced, in the project's `.claimcheck/cache/` (git-ignored, safe to delete).

Entries are named by a hash of the content they were made from, so an edited
file is never served stale. They are pickles, and unpickling runs code, so
every entry is signed with HMAC-SHA256 under a key kept outside the project
(in the user's cache folder): an entry that a project archive or another user
planted fails the check and is ignored, as is any entry that is corrupt or
from another version. A cache that cannot be used is simply not used.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import hmac
import os
import pickle
import sys
import tempfile
from importlib import metadata, resources
from pathlib import Path

from . import __version__
from .yamlsafe import collector_paused

def _versions() -> str:
    """What a cached result depends on besides the files: our code, Python, and the data packages."""
    installed = []
    for package in ("pydantic", "pyyaml", "pint", "currencyconverter"):
        try:
            installed.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            installed.append(f"{package} ?")
    vocabulary = hashlib.sha256()
    for name in ("phrases.txt", "units.txt"):  # the figure reader's vocabulary: an edit reads figures anew
        vocabulary.update((resources.files("claimcheck") / "data" / name).read_bytes())
    installed.append(f"vocabulary {vocabulary.hexdigest()[:16]}")
    return f"claimcheck {__version__}; python {sys.version_info[0]}.{sys.version_info[1]}; " + "; ".join(installed)


FORMAT = 6
"""Bump when what the cache holds changes shape, so older entries become misses."""
VERSION = f"cache format {FORMAT}; {_versions()}"
DISABLE = "CLAIMCHECK_NO_CACHE"


def key_of(*parts: bytes | str) -> str:
    """A cache entry name for content: the hash of the version and the given parts."""
    digest = hashlib.sha256(VERSION.encode())
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def _signing_key() -> bytes | None:
    """This user's signing key, made on first use; None where it cannot be kept."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "claimcheck"
    path = base / "signing-key"
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    except OSError:
        return None
    try:
        base.mkdir(parents=True, exist_ok=True, mode=0o700)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(os.urandom(32))
    except FileExistsError:
        pass  # another run made it first
    except OSError:
        return None
    try:
        return path.read_bytes()
    except OSError:
        return None


class Cache:
    def __init__(self, root: Path):
        self.folder = Path(root) / ".claimcheck" / "cache"
        self.key = None if os.environ.get(DISABLE) else _signing_key()
        self.used: set[str] = set()

    @property
    def enabled(self) -> bool:
        return self.key is not None

    def get(self, name: str) -> object | None:
        if not self.enabled:
            return None
        try:
            data = (self.folder / name).read_bytes()
            signature, payload = data[:32], data[32:]
            if not hmac.compare_digest(signature, hmac.new(self.key, payload, hashlib.sha256).digest()):
                return None
            with collector_paused():
                value = pickle.loads(payload)
                # What an entry holds lives for the run and makes no reference cycles: the collector
                # need not walk it again each time the run allocates more.
                gc.freeze()
        except Exception:  # noqa: BLE001 - any unreadable entry is a miss, rebuilt from the files
            return None
        self.used.add(name)
        return value

    def put(self, name: str, value: object) -> None:
        if not self.enabled:
            return
        try:
            payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
            self.folder.mkdir(parents=True, exist_ok=True)
            ignore = self.folder.parent / ".gitignore"
            if not ignore.exists():
                ignore.write_text("*\n", encoding="utf-8")
            handle, temp = tempfile.mkstemp(dir=self.folder, prefix=".entry.", suffix=".tmp")
            with os.fdopen(handle, "wb") as stream:
                stream.write(hmac.new(self.key, payload, hashlib.sha256).digest() + payload)
            os.replace(temp, self.folder / name)
            self.used.add(name)
        except Exception:  # noqa: BLE001 - a cache that cannot be written costs speed, never a result
            with contextlib.suppress(Exception):
                os.unlink(temp)

    def prune(self, prefix: str) -> None:
        """Delete entries with this prefix that this run did not use: they describe content that is gone."""
        if not self.enabled or not self.folder.is_dir():
            return
        for entry in self.folder.glob(prefix + "*"):
            if entry.name not in self.used:
                with contextlib.suppress(OSError):
                    entry.unlink()
