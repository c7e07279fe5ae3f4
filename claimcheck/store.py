"""The only code that reads or writes a claims project's files.

`load(root)` returns the corpus and every problem found, never raising for bad
data, so one run reports everything (beancount's loader is the model). Writes
go through `write_files`, which is atomic: every file is written to a temporary
file beside it, synced, and renamed into place only when all are ready.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import difflib
import errno
import fcntl
import multiprocessing
import os
import shutil
import stat
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from pydantic import ValidationError

from . import safetext, yamlsafe
from .cache import Cache
from .cache import key_of as cache_key
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
    is_web_address,
)

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

    def files(self, folder: str, recursive: bool) -> list[str]:
        """Relative posix paths of the YAML files in `folder`, sorted, pending writes included."""
        base = self.root / folder
        found = set()
        if base.is_dir():
            pattern = "**/*" if recursive else "*"
            found = {
                p.relative_to(self.root).as_posix()
                for p in base.glob(pattern)
                if p.suffix in YAML_SUFFIXES and p.is_file()
            }
        for path in self.overlay:
            parent = path.rsplit("/", 1)[0]
            if path.endswith(YAML_SUFFIXES) and (parent == folder or (recursive and parent.startswith(folder + "/"))):
                found.add(path)
        return sorted(found)

    def raw(self, path: str) -> bytes | None:
        """The bytes of a project file; None when it cannot be read or links outside the project."""
        data = self._read(path)
        return data if isinstance(data, bytes) else None

    def text(self, path: str, problems: list[Problem]) -> str | None:
        """The text of a project file, or None with a problem when it cannot be read as UTF-8."""
        if path in self._texts:
            return self._texts[path]
        data = self._read(path)
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

    def _read(self, path: str) -> bytes | Problem:
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


def load(root: Path, overlay: dict[str, str] | None = None) -> tuple[Corpus, list[Problem]]:
    """Read every source, claim, subject and review of the project at `root`, with all problems found.
    (`pipeline.analyse` loads through the cache, parsing only the claims files that changed.)"""
    project = Project(root, overlay)
    context, problems = load_context(project)
    claims: list[Claim] = []
    for file_claims, file_problems in load_claims(project, context, claims_files(project)).values():
        claims.extend(file_claims)
        problems.extend(file_problems)
    problems += claims_problems(context, [claim.id for claim in claims], lambda n: claims[n].at)
    problems.sort(key=Problem.order)
    return context.model_copy(update={"claims": claims}), problems


def load_context(project: Project) -> tuple[Corpus, list[Problem]]:
    """Everything but the claims: sources, subjects, reviews and settings, with their problems."""
    problems: list[Problem] = []
    sources = _load_sources(project, problems)
    subjects = _load_optional(project, SUBJECTS_FILE, Subject, "subject", problems)
    reviews = _load_optional(project, REVIEWS_FILE, Review, "review", problems)
    settings = _load_settings(project, problems)
    corpus = Corpus(settings=settings, sources=sources, subjects=subjects, reviews=reviews)
    _check_subjects(corpus, problems)
    for review in corpus.reviews:
        if review.preferred and review.status != "resolved":
            problems.append(Problem(review.at, f"review of {review.conflict!r}: preferred claims go with status 'resolved', not {review.status!r}"))
    return corpus, problems


def load_claims(project: Project, context: Corpus, paths: list[str], cache: Cache | None = None,
                progress: Progress | None = None, digests: dict[str, str] | None = None,
                ) -> dict[str, tuple[list[Claim], list[Problem]]]:
    """The claims of each file in `paths`, with the problems found in it alone (what it takes of
    other files is its outlets in `context` and its archives); `claims_problems` finds the rest.

    With a cache, a claims file whose content was loaded before is not parsed again; large
    projects are parsed on all cores, one file per task. `progress(done, total)` follows the files.
    `digests` (from `digests(root)`) spares hashing the files again for their cache entries."""
    loaded = _load_claim_files(project, paths, cache, progress, digests)
    archives: dict[str, str | None] = {}
    result = {}
    for path in paths:
        claims, problems = loaded[path]
        problems = list(problems)  # the cached list stays as it was
        _check_claims(project, context, claims, archives, problems)
        result[path] = (claims, problems)
    return result


def claims_problems(context: Corpus, ids: list[str], at: Callable[[int], Location]) -> list[Problem]:
    """What no single claims file shows: an id used twice, and reviews preferring claims that do not
    exist. `ids` are every claim's id in project order; `at(n)` is where the n-th claim is written."""
    problems = []
    first_seen: dict[str, int] = {}
    for n, claim_id in enumerate(ids):
        if claim_id in first_seen:
            problems.append(Problem(at(n), f"duplicate claim id {claim_id!r} (first defined at {at(first_seen[claim_id])}); give each claim its own id"))
        else:
            first_seen[claim_id] = n
    for review in context.reviews:
        for claim_id in review.preferred:
            if claim_id not in first_seen:
                problems.append(Problem(review.at, f"review of {review.conflict!r}: preferred claim {claim_id!r} does not exist; list ids of claims in the conflict"))
    return problems


def claims_files(project: Project) -> list[str]:
    return [path for path in project.files(CLAIMS_DIR, recursive=True) if path not in NOT_CLAIMS]


def digests(root: Path) -> dict[str, str]:
    """A hash of each file a check reads, by path: every file under claims/ and sources/ (archives
    included) and the settings. A claims file's hash is also the name of its cache entry."""
    root = Path(root)
    found = {}
    paths = [path for folder in (CLAIMS_DIR, SOURCES_DIR) for path in sorted((root / folder).rglob("*"))]
    for path in [*paths, root / SETTINGS_FILE]:
        if path.is_file():
            relative = path.relative_to(root).as_posix()
            with contextlib.suppress(OSError):
                found[relative] = _digest(relative, path.resolve(), path.read_bytes())
    return found


def _digest(relative: str, real: Path | None, data: bytes) -> str:
    """A file's relative path, where it really is (links followed) and its bytes, hashed."""
    return cache_key(relative, str(real), data)


def strict_problems(corpus: Corpus) -> list[Problem]:
    """What `validate --strict` asks beyond the schema: a date, a way to check, a quote that holds the
    figure as written, and web addresses that are http(s)."""
    problems = []
    for claim in corpus.claims:
        missing = []
        if not claim.published:
            missing.append("published (the date of the article)")
        if not claim.url and not claim.archive:
            missing.append("url (or an archive copy, when the article has no known address)")
        source = corpus.sources.get(claim.source)
        if not claim.quote and not (source and source.reference):
            missing.append("quote (the sentence, verbatim)")
        if missing:
            problems.append(Problem(claim.at, f"claim {claim.id!r} has no {', no '.join(missing)}"))
        if claim.url and not is_web_address(claim.url):
            problems.append(Problem(claim.at, f"claim {claim.id!r}: url {claim.url!r} is not a web address; write it as https://..."))
        if claim.quote and fold_whitespace(claim.figure).lower() not in fold_whitespace(claim.quote).lower():
            problems.append(Problem(claim.field_at("figure"), f"claim {claim.id!r}: figure {claim.figure!r} does not occur in its quote; write the figure exactly as the quote has it"))
    for source in corpus.sources.values():
        if source.url and not is_web_address(source.url):
            problems.append(Problem(source.at, f"source {source.id!r}: url {source.url!r} is not a web address; write it as https://..."))
    for review in corpus.reviews:
        if review.claims is None:
            problems.append(Problem(review.at, f"review of {review.conflict!r} does not list the claims it covered; "
                                               f"add 'claims: [...]', or record it with 'claimcheck review'"))
    return problems


# --- reading records ---------------------------------------------------------


def _load_sources(project: Project, problems: list[Problem]) -> dict[str, Source]:
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


def _load_claim_files(project: Project, paths: list[str], cache: Cache | None, progress: Progress | None,
                      digests: dict[str, str] | None) -> dict[str, tuple[list[Claim], list[Problem]]]:
    results: dict[str, tuple[list[Claim], list[Problem]]] = {}
    todo: list[tuple[str, str | None]] = []
    for path in paths:
        key = None
        if cache is not None and cache.enabled:
            key = claims_file_key(project, path, digests)
            found = _file_entry(cache.get(key)) if key else None
            if found is not None:
                results[path] = found
                continue
        todo.append((path, key))
    done = len(results)
    if progress:
        progress(done, len(paths))
    size = sum((project.root / path).stat().st_size for path, _ in todo if path not in project.overlay)
    workers = min(os.cpu_count() or 1, len(todo))
    if workers > 1 and size >= PARALLEL_BYTES and not project.overlay:
        context = multiprocessing.get_context("fork")
        with concurrent.futures.ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            parsed = pool.map(_claims_file, [cache] * len(todo), [str(project.root)] * len(todo), todo)
            for (path, key), result in zip(todo, parsed):
                results[path] = result
                _share_strings(result[0])  # across files: each worker's strings came back as copies
                if key is not None:
                    cache.used.add(key)  # the worker wrote it; keep it when this run prunes
                done += 1
                if progress:
                    progress(done, len(paths))
    else:
        for path, key in todo:
            results[path] = _claims_of(project, path, cache, key)
            done += 1
            if progress:
                progress(done, len(paths))
    return results


def claims_file_key(project: Project, path: str, digests: dict[str, str] | None = None) -> str | None:
    """The cache entry name for a claims file as it is now: its path, where it really is, its bytes."""
    if digests is not None and path in digests and path not in project.overlay:
        return "file-" + digests[path]
    data = project.raw(path)
    return None if data is None else "file-" + _digest(path, project.inside(path), data)


def cached_claims(root: Path, cache: Cache, digests: dict[str, str] | None = None) -> list[Claim] | None:
    """Every claim, from cache entries alone, or None if any claims file has none."""
    project = Project(root)
    claims: list[Claim] = []
    for path in claims_files(project):
        key = claims_file_key(project, path, digests)
        found = _file_entry(cache.get(key)) if key else None
        if found is None:
            return None
        claims.extend(found[0])
    return claims


def _file_entry(found: object) -> tuple[list[Claim], list[Problem]] | None:
    """A cached claims file's (claims, problems), or None for an entry of any other shape."""
    if (isinstance(found, tuple) and len(found) == 2 and isinstance(found[0], list) and isinstance(found[1], list)
            and all(type(claim) is Claim for claim in found[0]) and all(isinstance(p, Problem) for p in found[1])):
        return found
    return None


def _claims_file(cache: Cache | None, root: str, task: tuple[str, str | None]) -> tuple[list[Claim], list[Problem]]:
    """One claims file, loaded (and cached) in a worker process."""
    path, key = task
    return _claims_of(Project(Path(root)), path, cache, key)


def _claims_of(project: Project, path: str, cache: Cache | None, key: str | None) -> tuple[list[Claim], list[Problem]]:
    problems: list[Problem] = []
    claims = _load_list(project, path, Claim, "claim", problems)
    _share_strings(claims)
    return _remember(cache, key, (claims, problems))


def _remember(cache: Cache | None, key: str | None, result: tuple) -> tuple:
    if cache is not None and key is not None:
        cache.put(key, result)
    return result


def _share_strings(claims: list[Claim]) -> None:
    """Trim a large corpus's memory: one string object for each repeated outlet, subject, period...,
    and no per-claim record of which fields were set (claims are frozen and never dumped by it).
    Claims from the cache come with their file's strings already shared by pickle."""
    intern = sys.intern
    for claim in claims:
        fields = claim.__dict__
        for name in SHARED_FIELDS:
            value = fields[name]
            if value is not None:
                fields[name] = intern(value)
        forget_fields_set(claim)


def _load_list(project: Project, path: str, model: type[R], label: str, problems: list[Problem]) -> list[R]:
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
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
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
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)


# --- checks across records -------------------------------------------------


def fold_whitespace(text: str) -> str:
    return " ".join(text.split())


def _check_claims(project: Project, context: Corpus, claims: list[Claim], archives: dict[str, str | None],
                  problems: list[Problem]) -> None:
    """Each claim's outlets exist and its quote is in its archive; `archives` keeps the texts read."""
    for claim in claims:
        for field in ("source", "via"):
            outlet = getattr(claim, field)
            if outlet and outlet not in context.sources:
                close = difflib.get_close_matches(outlet, list(context.sources), n=1)
                hint = f"did you mean {close[0]!r}, or" if close else "add"
                hint += f" add {SOURCES_DIR}/{outlet}.yaml" if close else f" {SOURCES_DIR}/{outlet}.yaml for it"
                problems.append(Problem(claim.at, f"claim {claim.id!r}: unknown {field} {outlet!r}; {hint}"))
        if claim.archive:
            _check_archive(project, claim, archives, problems)


def _check_archive(project: Project, claim: Claim, archives: dict[str, str | None], problems: list[Problem]) -> None:
    name = f"claim {claim.id!r}"
    if claim.archive not in archives and claim.archive in project.overlay:  # an archive a pending write brings
        archives[claim.archive] = safetext.comparable(project.overlay[claim.archive])
    if claim.archive not in archives:
        real = project.inside(claim.archive)
        if real is None:
            problems.append(Problem(claim.at, f"{name}: archive {claim.archive!r} leaves the project folder; keep archived articles inside it, e.g. {SOURCES_DIR}/archive/"))
            archives[claim.archive] = None
            return
        if not real.exists():
            problems.append(Problem(claim.at, f"{name}: archive {claim.archive!r} does not exist; give the path of the article's text relative to the project root"))
            archives[claim.archive] = None
            return
        if not real.is_file():  # a folder, a pipe (reading it would wait for a writer) or a device: never opened
            problems.append(Problem(claim.at, f"{name}: archive {claim.archive} is not a regular file; give the path of the article's text"))
            archives[claim.archive] = None
            return
        archive_problems: list[Problem] = []
        text = project.text(real.relative_to(project.root.resolve()).as_posix(), archive_problems)
        problems.extend(archive_problems)
        archives[claim.archive] = safetext.comparable(text) if text is not None else None
    text = archives[claim.archive]
    if text is None:
        return
    if not claim.quote:
        problems.append(Problem(claim.at, f"{name}: has an archive but no quote; copy the sentence with the figure from the archive into quote"))
        return
    quote = safetext.comparable(claim.quote)
    if quote in text:
        return
    if safetext.plain_punctuation(quote) in safetext.plain_punctuation(text):
        problems.append(Problem(claim.at, f"{name}: quote not found verbatim in {claim.archive}; it differs only in curly/straight quotes or dashes — copy the quote exactly from the archive"))
    else:
        problems.append(Problem(claim.at, f"{name}: quote not found verbatim in {claim.archive}; copy it exactly from the archive (only whitespace may differ)"))


def _check_subjects(corpus: Corpus, problems: list[Problem]) -> None:
    owner: dict[str, Subject] = {}
    for subject in corpus.subjects:
        for slug in (subject.id, *subject.aliases):
            if slug in owner:
                problems.append(Problem(subject.at, f"subject {slug!r} is already named at {owner[slug].at}; a slug may name one subject only"))
            else:
                owner[slug] = subject


# --- writing ---------------------------------------------------------------


class WriteError(OSError):
    """A write that failed for an ordinary reason (a read-only folder, a full disk, a folder named as
    the file), naming the file as the command was given it; nothing was changed."""

    def __str__(self) -> str:
        return f"cannot write {self.filename}: {self.strerror}"


def write_files(root: Path, texts: dict[str, str]) -> None:
    """Write several files all or nothing: each is staged and synced beside its target, then renamed
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
                stream.write(text)
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
                stream.write(text.encode("utf-8"))
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
        for _, temp, _ in staged:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)
        for _, backup in replaced:
            if backup is not None:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(backup)
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


@contextlib.contextmanager
def locked(root: Path) -> Iterator[None]:
    """Hold the project's write lock, so two writers at once both land."""
    state = Path(root) / STATE_DIR
    try:
        state.mkdir(exist_ok=True)
        gitignore = state / ".gitignore"
        if not gitignore.exists():
            gitignore.write_text("*\n", encoding="utf-8")
        lock = open(state / "lock", "a+")
    except OSError as error:  # a read-only project folder: one plain line, not a traceback
        raise WriteError(error.errno, error.strerror, f"{STATE_DIR}/lock") from None
    with lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def read_text(path: Path) -> str:
    """A user-named input file (not a project file); UnicodeDecodeError/OSError are the caller's to report."""
    return Path(path).read_bytes().decode("utf-8-sig")


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



def commit(root: Path, texts: dict[str, str], before: list[Problem],
           more: Callable[[Corpus], list[Problem]] = lambda corpus: []) -> list[Problem]:
    """Write `texts` only if the project they make has no problem that it did not have before; `more`
    adds the problems found beyond loading (figures that cannot be read)."""
    corpus, after = load(root, overlay=texts)
    after = after + more(corpus)
    known = Counter((problem.where.path, problem.message) for problem in before)  # lines move when a file is edited
    new = []
    for problem in after:
        key = (problem.where.path, problem.message)
        if known[key]:
            known[key] -= 1
        else:
            new.append(problem)
    if not new:
        write_files(root, texts)
    return new
