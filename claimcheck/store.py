"""The only code that reads or writes a claims project's files.

`load(project)` returns every record and every problem found in reading them,
never raising for bad data, so one run reports everything (beancount's loader is
the model); `validate` checks what needs the whole project. Writes
go through `write_files`, which is atomic: every file is written to a temporary
file beside it, synced, and renamed into place only when all are ready.
"""

from __future__ import annotations

import collections
import contextlib
import difflib
import errno
import fcntl
import hashlib
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from pydantic import ValidationError

from . import safetext
from .models import (
    Claim,
    Corpus,
    Location,
    Problem,
    Record,
    Review,
    Settings,
    Source,
    Subject,
    forget_fields_set,
)

if TYPE_CHECKING:
    from . import yamlsafe

CLAIMS_DIR = "claims"
SOURCES_DIR = "sources"
SUBJECTS_FILE = f"{CLAIMS_DIR}/subjects.yaml"
REVIEWS_FILE = f"{CLAIMS_DIR}/reviews.yaml"
NOT_CLAIMS = {f"{CLAIMS_DIR}/{name}.{ext}" for name in ("subjects", "reviews") for ext in ("yaml", "yml")}
"""Files in claims/ that hold subjects and reviews rather than claims."""
STATE_DIR = ".claimcheck"
SETTINGS_FILE = "claimcheck.yaml"
YAML_SUFFIXES = (".yaml", ".yml")

R = TypeVar("R", bound=Record)


class Project:
    """A claims project on disk, optionally seen through an overlay of pending writes."""

    def __init__(self, root: Path, overlay: dict[str, str] | None = None):
        self.root = Path(root)
        self.overlay = dict(overlay or {})
        self._texts: dict[str, str | None] = {}

    def files(self, folder: str, recursive: bool, walked: list[Path] | None = None) -> list[str]:
        """Relative posix paths of the YAML files in `folder`, sorted, pending writes included. `walked`:
        every file under `folder` (recursive), found already."""
        base = self.root / folder
        found = set()
        if walked is not None:
            found = {p.relative_to(self.root).as_posix() for p in walked if p.suffix in YAML_SUFFIXES}
        elif base.is_dir():
            found = {p.relative_to(self.root).as_posix() for p in base.glob("**/*" if recursive else "*")
                     if p.suffix in YAML_SUFFIXES and p.is_file()}
        for path in self.overlay:
            parent = path.rsplit("/", 1)[0]
            if path.endswith(YAML_SUFFIXES) and (parent == folder or (recursive and parent.startswith(folder + "/"))):
                found.add(path)
        return sorted(found)

    def text(self, path: str, problems: list[Problem]) -> str | None:
        """The text of a project file, or None with a problem when it cannot be read as UTF-8."""
        if path in self._texts:
            return self._texts[path]
        data = self.read(path)
        text = None
        if isinstance(data, Problem):
            problems.append(data)
        else:
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError as error:
                line = data[: error.start].count(b"\n") + 1
                problems.append(
                    Problem(Location(path, line), f"the file is not UTF-8 (byte 0x{data[error.start]:02x}); save it as UTF-8")
                )
        if path not in self.overlay:
            self._texts[path] = text
        return text

    def read(self, path: str) -> bytes | Problem:
        """The bytes of a project file (a pending write's included), or why they cannot be read."""
        if path in self.overlay:
            return self.overlay[path].encode("utf-8")
        if self.inside(path) is None:
            return Problem(Location(path), "the file links outside the project folder; copy it into the project instead")
        try:  # a pipe or device is refused before it is opened (a pipe would wait for a writer), and again once open
            if not stat.S_ISREG(os.stat(self.root / path).st_mode):
                return Problem(Location(path), "the file is not a regular file (a folder, a pipe or a device); name a file of text")
            descriptor = os.open(self.root / path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
            with open(descriptor, "rb") as stream:
                if not stat.S_ISREG(os.fstat(descriptor).st_mode):
                    return Problem(Location(path), "the file is not a regular file (a folder, a pipe or a device); name a file of text")
                return stream.read()
        except OSError as error:
            return Problem(Location(path), f"cannot read the file: {error.strerror}")

    def yaml(self, path: str, problems: list[Problem]) -> object:
        from . import yamlsafe  # the YAML reader: loaded by what reads a file, not by a run that finds nothing changed

        text = self.text(path, problems)
        if text is None:
            return None
        try:
            return yamlsafe.parse(text)
        except yamlsafe.YamlProblem as problem:
            problems.append(Problem(Location(path, problem.line), problem.message))
            return None

    def inside(self, relative: str) -> Path | None:
        """The real path of `relative` if it stays inside the project (links followed), else None."""
        if os.path.isabs(relative):
            return None
        root = self.root.resolve()
        target = (root / relative).resolve()
        return target if target.is_relative_to(root) else None


Progress = Callable[[int, int], None]


def load(project: Project | Path, progress: Progress | None = None) -> tuple[Corpus, list[Problem]]:
    """Every record of the project and the texts of the archives its claims name, with the problems
    of reading them (`validate` finds what needs the whole project)."""
    project = project if isinstance(project, Project) else Project(project)
    context, parts = load_context(project)
    problems = [problem for part in CONTEXT_PARTS for problem in parts[part]]
    claims: list[Claim] = []
    for _, (file_claims, file_problems) in load_claims(project, claims_files(project), progress):
        claims.extend(file_claims)
        problems.extend(file_problems)
    archives = read_archives(project, {claim.archive for claim in claims if claim.archive}, problems)
    return context.model_copy(update={"claims": claims, "archives": archives}), problems


CONTEXT_PARTS = ("sources", "subjects", "reviews", "settings")


def load_context(project: Project, parts: Iterable[str] = CONTEXT_PARTS,
                 previous: Corpus | None = None) -> tuple[Corpus, dict[str, list[Problem]]]:
    """Everything but the claims: sources, subjects, reviews and settings (only `parts` read, the
    others taken from `previous`), with the problems of each part read."""
    loaders = {"sources": lambda found: _load_sources(project, found),
               "subjects": lambda found: _load_optional(project, SUBJECTS_FILE, Subject, "subject", found),
               "reviews": lambda found: _load_optional(project, REVIEWS_FILE, Review, "review", found),
               "settings": lambda found: _load_settings(project, found)}
    read, problems = {}, {}
    for part in CONTEXT_PARTS:
        if part in parts:
            problems[part] = []
            read[part] = loaders[part](problems[part])
    return (previous or Corpus()).model_copy(update=read), problems


def context_part(path: str) -> str:
    """Which part of the context a file that is not a claims file holds: sources, subjects, reviews,
    settings, or (anything else) archives."""
    if path == SETTINGS_FILE:
        return "settings"
    if path in NOT_CLAIMS:
        return "subjects" if path.startswith(f"{CLAIMS_DIR}/subjects.") else "reviews"
    folder, _, name = path.rpartition("/")
    return "sources" if folder == SOURCES_DIR and name.endswith(YAML_SUFFIXES) else "archives"


def load_claims(project: Project, paths: list[str], progress: Progress | None = None, stage: Callable | None = None,
                inline: tuple = ()) -> Iterator[tuple[str, object]]:
    """Each file's path and its claims and the problems found in it alone (a pair), in the order of
    `paths`; with `stage`, what `stage(path, claims, problems)` makes of them instead, made where the
    file is parsed. Large projects are parsed on all cores, one file per task: `stage` (a module's
    function, or a partial of one) then runs in the worker and its result comes back; run here, it is
    given `inline` too. `progress(done, total)` follows the files."""
    if progress:
        progress(0, len(paths))
    size = sum(state[0] for path in paths if path not in project.overlay and (state := file_state(project, path)))
    workers = min(os.cpu_count() or 1, len(paths))
    if workers > 1 and size >= PARALLEL_BYTES and not project.overlay:
        import concurrent.futures  # only a large parse starts workers: a warm run never does
        import multiprocessing

        context = multiprocessing.get_context("fork")
        with concurrent.futures.ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            # A few files ahead of the caller, not all: parsed files waiting to be taken cost memory.
            pending = collections.deque()
            for done, path in enumerate([*paths, *[None] * (2 * workers)], start=-2 * workers + 1):
                if path is not None:
                    pending.append((path, pool.submit(_claims_file, str(project.root), path, stage)))
                if done < 1 or not pending:
                    continue
                path, future = pending.popleft()
                result = future.result()
                if stage is None:
                    _share_strings(result[0])  # across files: each worker's strings came back as copies
                if progress:
                    progress(done, len(paths))
                yield path, result
    else:
        for done, path in enumerate(paths, start=1):
            claims, problems = _claims_of(project, path)
            if progress:
                progress(done, len(paths))
            yield path, (claims, problems) if stage is None else stage(path, claims, problems, *inline)


def claims_files(project: Project) -> list[str]:
    return [path for path in project.files(CLAIMS_DIR, recursive=True) if path not in NOT_CLAIMS]


def context_files(project: Project) -> list[str]:
    """Every other file a check may read: under claims/ and sources/ (archives included), and the settings."""
    return project_files(project)[1]


def project_files(project: Project) -> tuple[list[str], list[str]]:
    """The claims files (`claims_files`) and every other file a check may read (`context_files`), from one
    walk of claims/ and sources/, not one for each."""
    root = project.root
    walked = {folder: [path for path in (root / folder).rglob("*") if path.is_file()] for folder in (CLAIMS_DIR, SOURCES_DIR)}
    claims = [path for path in project.files(CLAIMS_DIR, True, walked[CLAIMS_DIR]) if path not in NOT_CLAIMS]
    paths = {path.relative_to(root).as_posix() for found in walked.values() for path in found}
    paths.add(SETTINGS_FILE)
    paths |= {path for path in project.overlay if path.startswith((f"{CLAIMS_DIR}/", f"{SOURCES_DIR}/"))}
    return claims, sorted(paths - set(claims))


def file_state(project: Project, path: str) -> tuple[int, int] | None:
    """A file's size, and the later of its modification and change times in nanoseconds (a change of
    permissions moves the change time only); None when it does not exist."""
    try:
        state = os.stat(project.root / path)
    except OSError:
        return None
    return state.st_size, max(state.st_mtime_ns, state.st_ctime_ns)


def file_digest(project: Project, path: str) -> str:
    """A hash of where the file really is (links followed) and its bytes; a file that cannot be read
    gets a digest that matches nothing, so it is read again on the next run."""
    data = project.read(path)
    if isinstance(data, Problem):
        return f"unreadable {os.urandom(8).hex()}"
    return bytes_digest(project, path, data)


def bytes_digest(project: Project, path: str, data: bytes) -> str:
    """`file_digest` of a file that holds `data`."""
    digest = hashlib.blake2b(os.fsencode(str(project.inside(path))), digest_size=20)
    digest.update(data)
    return digest.hexdigest()


def read_archives(project: Project, paths: set[str], problems: list[Problem]) -> dict[str, tuple[str | None, str | None]]:
    """Each archive's text made comparable (`safetext.comparable`), or why a claim cannot be checked
    against it. Problems in an archive's own bytes (not UTF-8) go to `problems`."""
    archives = {}
    for path in sorted(paths):
        if path in project.overlay:  # an archive a pending write brings
            archives[path] = (safetext.comparable(project.overlay[path]), None)
            continue
        real = project.inside(path)
        if real is None:
            archives[path] = (None, f"archive {path!r} leaves the project folder; keep archived articles inside it, e.g. {SOURCES_DIR}/archive/")
        elif not real.exists():
            archives[path] = (None, f"archive {path!r} does not exist; give the path of the article's text relative to the project root")
        elif not real.is_file():  # a folder, a pipe (reading it would wait for a writer) or a device: never opened
            archives[path] = (None, f"archive {path} is not a regular file; give the path of the article's text")
        else:
            text = project.text(real.relative_to(project.root.resolve()).as_posix(), problems)
            archives[path] = (safetext.comparable(text) if text is not None else None, None)
    return archives


# --- reading records ---------------------------------------------------------


def _load_sources(project: Project, problems: list[Problem]) -> dict[str, Source]:
    from . import yamlsafe

    sources: dict[str, Source] = {}
    for path in project.files(SOURCES_DIR, recursive=False):
        data = project.yaml(path, problems)
        if data is None:
            if path not in {p.where.path for p in problems}:
                problems.append(Problem(Location(path, 1), "the file is empty; a source file holds one outlet: id, name, perspective"))
            continue
        if not isinstance(data, yamlsafe.Mapping):
            problems.append(Problem(Location(path, 1), "a source file holds one outlet as a mapping (id: ..., name: ..., perspective: ...), not a list or a value"))
            continue
        source = _validate(Source, data, path, "source", problems)
        if source is None:
            continue
        stem = Path(path).stem
        if source.id != stem:
            problems.append(Problem(source.at, f"source id {source.id!r} does not match its file name; rename the file to {SOURCES_DIR}/{source.id}.yaml or set id: {stem}"))
        if source.id in sources:
            first = sources[source.id].at
            problems.append(Problem(source.at, f"duplicate source id {source.id!r} (first defined at {first}); give each outlet its own id"))
            continue
        sources[source.id] = source
    return sources


def load_settings(root: Path) -> tuple[Settings, list[Problem]]:
    """The project's tolerances alone (for commands that read no claims), with their problems."""
    problems: list[Problem] = []
    return _load_settings(Project(root), problems), problems


def _load_settings(project: Project, problems: list[Problem]) -> Settings:
    from . import yamlsafe

    if SETTINGS_FILE not in project.overlay and not (project.root / SETTINGS_FILE).is_file():
        return Settings()
    data = project.yaml(SETTINGS_FILE, problems)
    if data is None:
        return Settings()
    if not isinstance(data, yamlsafe.Mapping):
        problems.append(Problem(Location(SETTINGS_FILE, 1), "settings are a mapping, e.g. 'about_tolerance: 0.05'"))
        return Settings()
    return _validate(Settings, data, SETTINGS_FILE, "settings", problems) or Settings()


PARALLEL_BYTES = 4 * 2**20
"""Below this many bytes of claims files to parse, starting worker processes costs more than it saves."""
SHARED_FIELDS = ("source", "via", "subject", "property", "period", "kind", "scope", "published", "as_of", "speaker")


def _claims_file(root: str, path: str, stage: Callable | None) -> object:
    """One claims file, loaded in a worker process (and what `stage` makes of it)."""
    claims, problems = _claims_of(Project(Path(root)), path)
    return (claims, problems) if stage is None else stage(path, claims, problems)


def _claims_of(project: Project, path: str) -> tuple[list[Claim], list[Problem]]:
    problems: list[Problem] = []
    claims = _load_list(project, path, Claim, "claim", problems)
    _share_strings(claims)
    return claims, problems


def _share_strings(claims: list[Claim]) -> None:
    """Trim a large corpus's memory: one string object for each repeated outlet, subject, period...,
    and no per-claim record of which fields were set (claims are frozen and never dumped by it)."""
    intern = sys.intern
    for claim in claims:
        fields = claim.__dict__
        for name in SHARED_FIELDS:
            value = fields[name]
            if value is not None:
                fields[name] = intern(value)
        forget_fields_set(claim)


def _load_list(project: Project, path: str, model: type[R], label: str, problems: list[Problem]) -> list[R]:
    from . import yamlsafe

    data = project.yaml(path, problems)
    if data is None:
        if path not in {p.where.path for p in problems}:
            problems.append(Problem(Location(path, 1), f"the file is empty; a {label}s file holds a list ('- id: ...'), or [] for none yet"))
        return []
    if not isinstance(data, list):
        line = getattr(data, "line", 1)
        problems.append(Problem(Location(path, line), f"a {label}s file holds a list of {label}s, each starting with '- '; this file holds a single {type(data).__name__ if not isinstance(data, dict) else 'mapping'}"))
        return []
    with yamlsafe.collector_paused():
        return _records(path, data, model, label, problems)


def _records(path: str, data: list, model: type[R], label: str, problems: list[Problem]) -> list[R]:
    from . import yamlsafe

    records = []
    for index, item in enumerate(data, start=1):
        if not isinstance(item, yamlsafe.Mapping):
            line = data.item_lines[index - 1] if isinstance(data, yamlsafe.Sequence) else None
            problems.append(Problem(Location(path, line), f"item {index} is not a {label} (a mapping of fields); write it as '- id: ...' with one field per line"))
            continue
        record = _validate(model, item, path, label, problems)
        if record is not None:
            records.append(record)
    return records


def _load_optional(project: Project, path: str, model: type[R], label: str, problems: list[Problem]) -> list[R]:
    for candidate in (path, path[:-4] + "yml"):
        if candidate in project.overlay or (project.root / candidate).is_file():
            return _load_list(project, candidate, model, label, problems)
    return []


def _validate(model: type[R], data: yamlsafe.Mapping, path: str, label: str, problems: list[Problem]) -> R | None:
    ident = data.get("id") if isinstance(data.get("id"), str) else None
    name = f"{label} {ident!r}" if ident else label
    _check_invisible(data, path, name, problems)
    try:
        record = model.model_validate(dict(data))
    except ValidationError as error:
        for detail in error.errors():
            field = str(detail["loc"][0]) if detail["loc"] else None
            line = data.key_lines.get(field, data.line) if field else data.line
            problems.append(Problem(Location(path, line), f"{name}: {_explain(model, detail, field)}"))
        return None
    return record.located(Location(path, data.line), data.key_lines)


def _check_invisible(data: yamlsafe.Mapping, path: str, name: str, problems: list[Problem]) -> None:
    """Any field of any record: an invisible character can make a text display as another one."""
    for field, value in data.items():
        text = value if type(value) is str else "\n".join(_texts(value))
        if text.isprintable():  # nearly every field: no control, format or unusual space at all
            continue
        for char in safetext.invisible(text):
            line = data.key_lines.get(field, data.line)
            problems.append(Problem(Location(path, line), f"{name}: field {field!r} holds an invisible control character {safetext.describe(char)}; remove it"))


def _texts(value: object) -> Iterator[str]:
    """Every text in a YAML value: itself, or the items of its lists and mappings."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, (dict, list)):
        for item in value.values() if isinstance(value, dict) else value:
            yield from _texts(item)


def _explain(model: type[Record], detail: dict, field: str | None) -> str:
    """A pydantic error in the user's words, with what would be right."""
    kind, given = detail["type"], detail.get("input")
    fields = list(model.model_fields)
    if kind == "extra_forbidden":
        close = difflib.get_close_matches(field or "", fields, n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        return f"unknown field {field!r}; {hint}the fields are: {', '.join(fields)}"
    if kind == "missing":
        description = model.model_fields[field].description if field in model.model_fields else None
        return f"missing required field {field!r}" + (f" ({description})" if description else "")
    if kind == "literal_error":
        return f"{field} {given!r} is not allowed; use one of: {detail['ctx']['expected']}"
    if kind == "string_too_short":
        spec = model.model_fields.get(field)
        if spec is not None and spec.is_required():
            return f"{field} is empty; it is required" + (f" ({spec.description})" if spec.description else "")
        return f"{field} is empty; write a value or remove the field"
    if kind in ("string_type", "list_type"):
        wanted = "a list, e.g. [a, b]" if kind == "list_type" else "a single text value"
        return f"{field} must be {wanted}, not {_describe(given)}"
    if kind == "bool_parsing" or kind == "bool_type":
        return f"{field} must be true or false, not {given!r}"
    message = detail["msg"].removeprefix("Value error, ")
    return f"{field}: {message}" if field else message


def _describe(value: object) -> str:
    return "a mapping" if isinstance(value, dict) else "a list" if isinstance(value, list) else repr(value)


# --- writing ---------------------------------------------------------------


class WriteError(OSError):
    """A write that failed for an ordinary reason (a read-only folder, a full disk, a folder named as
    the file), naming the file as the command was given it; nothing was changed."""

    def __str__(self) -> str:
        return f"cannot write {self.filename}: {self.strerror}"


def write_files(root: Path, texts: dict[str, str | Iterable[str]]) -> None:
    """Write several files all or nothing (each text whole, or in pieces as they are made, for a
    large output): each is staged and synced beside its target, then renamed
    into place; if any step fails, the files already replaced get their old contents back and the
    folders made for them go. A replaced file keeps its mode and owner, a new one follows the umask;
    a symlink is written through (it stays a link); a pipe or character device is written into,
    last, since that cannot be undone. Any OSError comes out as a WriteError naming the file."""
    staged: list[tuple[str, Path, Path]] = []
    streams: list[tuple[str, Path, str]] = []
    made: list[Path] = []
    replaced: list[tuple[Path, Path | None]] = []  # (target, backup of what it held, or None if it was new)
    current, failed = "", False
    try:
        for current, text in texts.items():
            target = Path(root) / current
            info = _stat(target)
            if info is not None and stat.S_ISDIR(info.st_mode):
                raise IsADirectoryError(errno.EISDIR, "it is a folder; name a file")
            if info is not None and (stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode)):
                streams.append((current, target, text))
                continue
            if info is not None and not stat.S_ISREG(info.st_mode):
                raise OSError(errno.EINVAL, "not a regular file, a pipe or a character device")
            target = Path(os.path.realpath(target))
            _make_folders(target.parent, made)
            handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
            staged.append((current, Path(temp), target))
            with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
                for piece in [text] if isinstance(text, str) else text:
                    stream.write(piece)
                stream.flush()
                _copy_mode(stream.fileno(), info)
                os.fsync(stream.fileno())
        for current, temp, target in staged:
            backup = None
            if target.exists():
                backup = Path(tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".bak")[1])
                shutil.copy2(target, backup)
            replaced.append((target, backup))
            os.replace(temp, target)
        _sync_folders({target.parent for _, _, target in staged} | {folder.parent for folder in made})
        for current, target, text in streams:
            with open(os.open(target, os.O_WRONLY), "wb") as stream:
                for piece in [text] if isinstance(text, str) else text:
                    stream.write(piece.encode("utf-8"))
    except BaseException as error:
        failed = True
        for target, backup in reversed(replaced):
            with contextlib.suppress(OSError):
                if backup is not None:
                    os.replace(backup, target)
                else:
                    target.unlink()
        if isinstance(error, OSError) and not isinstance(error, WriteError):
            raise WriteError(error.errno, error.strerror or str(error), current) from error
        raise
    finally:
        for left in [temp for _, temp, _ in staged] + [backup for _, backup in replaced if backup is not None]:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(left)
        for folder in reversed(made if failed else []):
            with contextlib.suppress(OSError):
                folder.rmdir()


def _stat(path: Path) -> os.stat_result | None:
    """What `path` is, links followed; None when nothing is there yet (a dangling link included)."""
    try:
        return os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None


def _make_folders(folder: Path, made: list[Path]) -> None:
    """Make `folder` and its missing parents, adding each to `made` (outermost first) as it is made."""
    missing = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        path.mkdir()
        made.append(path)


def _copy_mode(descriptor: int, old: os.stat_result | None) -> None:
    """Give a staged file the mode (and, where allowed, the owner) of the file it replaces, or for a
    new file what the umask lets a new file have, instead of mkstemp's private 0600."""
    if old is None:
        os.fchmod(descriptor, 0o666 & ~_umask())
        return
    own = os.fstat(descriptor)
    if (own.st_uid, own.st_gid) != (old.st_uid, old.st_gid):
        with contextlib.suppress(OSError):
            os.fchown(descriptor, old.st_uid, old.st_gid)
    os.fchmod(descriptor, stat.S_IMODE(old.st_mode))


def _umask() -> int:
    """The process's umask, read from /proc where it can be, so that no other thread sees it changed."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _sync_folders(folders: set[Path]) -> None:
    """Make the renames durable: fsync each folder that gained a file."""
    for folder in folders:
        with contextlib.suppress(OSError):
            descriptor = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(descriptor)
            finally:
                os.close(descriptor)


def state_folder(root: Path) -> Path:
    """The project's .claimcheck folder (lock, index), made if need be and kept out of git; OSError if it cannot be."""
    folder = Path(root) / STATE_DIR
    folder.mkdir(exist_ok=True)
    if not (folder / ".gitignore").exists():
        (folder / ".gitignore").write_text("*\n", encoding="utf-8")
    return folder


@contextlib.contextmanager
def locked(root: Path, name: str = "lock") -> Iterator[None]:
    """Hold one of the project's locks (by default the write lock, so two writers at once both land)."""
    try:
        lock = open(state_folder(root) / name, "a+")
    except OSError as error:  # a read-only project folder: one plain line, not a traceback
        raise WriteError(error.errno, error.strerror, f"{STATE_DIR}/{name}") from None
    with lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def read_text(path: Path) -> str:
    """A user-named input file (not a project file); UnicodeDecodeError/OSError are the caller's to report."""
    return Path(path).read_bytes().decode("utf-8-sig")


class Changed(Exception):
    """A file changed on disk between reading it and writing its new text."""


def digest(root: Path, relative: str) -> str:
    """A project file's content digest ("" when it does not exist), to tell whether it changed."""
    text = existing_text(root, relative)
    return "" if text is None else hashlib.sha256(text.encode("utf-8")).hexdigest()


def existing_text(root: Path, relative: str) -> str | None:
    """A project file's text exactly as stored (line endings and a byte order mark kept), to append to."""
    target = Path(root) / relative
    if not target.is_file():
        return None
    try:
        return target.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise WriteError(errno.EILSEQ, "the file is not UTF-8; save it as UTF-8 first", relative) from None
    except OSError as error:
        raise WriteError(error.errno, error.strerror, relative) from None
