"""What a person does to a project, as library functions the command line and the web app both call:
make a project, add an outlet or a claim, edit or remove a claim, import rows or a JSON export,
review a conflict, draft claims from articles.

Each works out the new text of the files it changes, and `pipeline.commit` writes them only if the
project they make has no problem it did not have before, through the index, so only what the write
touches is read and checked again. A function returns a `Result` (what was done, or the problems
that refused it: nothing is written then) and raises `Refusal` for a request that cannot be made at
all, with what would be right. Messages name a claim's fields through `name`, so that the command
line speaks of options (--figure) and the web app of its form's fields.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import get_args

from . import interchange, pipeline, query, store, views
from .models import _SLUG as SLUG
from .index import Index
from .models import Claim, Location, Problem, ReviewStatus, Source, is_web_address
from .output import Format, render


class Refusal(ValueError):
    """A request that cannot be made; the message says why and what would be right."""


@dataclass
class Result:
    """What a write did (`done`), or the problems that refused it, and nothing written (`refused` says what)."""

    done: str
    problems: list[Problem] = field(default_factory=list)
    refused: str = "nothing was written"
    record: str | None = None  # the id of the record added, for a page to show it


def option(name: str) -> str:
    """A claim field as the command line names it."""
    return f"--{name.replace('_', '-')}"


@contextlib.contextmanager
def _reading(root: Path, index: Index | None = None) -> Iterator[query.Reader]:
    """The project's read model, its index brought up to date, closed when the write has read what it needs.
    On `index` (`_writing`), the read ends there instead, and the write commits through the same index."""
    reader = query.Reader(pipeline.run(root) if index is None else index)
    try:
        yield reader
    finally:
        if index is None:
            reader.index.close()
        elif index.db.in_transaction:
            index.db.execute("ROLLBACK")  # the read's snapshot let go: the write's own transaction comes next


@contextlib.contextmanager
def _indexed(root: Path) -> Iterator[Index]:
    """The project's index brought up to date once, for a write to read (`_reading`) and commit
    (`pipeline.commit`) through, the project's lock held: not opened, brought up to date and closed twice."""
    index = pipeline.run(root)
    try:
        yield index
    finally:
        index.close()


def edited(root: Path, path: str, block: str, line: int | None = None, index: Index | None = None) -> str:
    """A YAML list file's text with `block` (list items) added, or put in place of its item on `line`
    ("" removes it); a refusal when its text cannot be changed item by item. With the project's `index`,
    up to date, where its items are is read from it rather than by parsing the file again."""
    text = store.existing_text(root, path)
    starts = None
    if index is not None and text is not None:
        starts = index.item_lines(path, store.bytes_digest(store.Project(root), path, text.encode("utf-8")))
    try:
        if line is None:
            return interchange.append_block(text, block, starts)
        return interchange.replace_item(text or "", line, block, starts)
    except interchange.TextEditError as error:
        raise Refusal(f"{path}: {error}") from None


def claims_file(root: Path, relative: str, label: str) -> str:
    """A claims file a person named, refused unless it is a YAML file inside the project's claims/."""
    inside = store.Project(root).inside(relative)
    claims = (Path(root) / store.CLAIMS_DIR).resolve()
    if inside is None or not inside.is_relative_to(claims) or not relative.endswith(store.YAML_SUFFIXES):
        raise Refusal(f"{label} {relative!r}: name a .yaml file inside {store.CLAIMS_DIR}/, e.g. {store.CLAIMS_DIR}/imported.yaml")
    if Path(relative).name in ("subjects.yaml", "reviews.yaml"):
        raise Refusal(f"{label} {relative!r}: that file holds subjects or reviews, not claims")
    return inside.relative_to(Path(root).resolve()).as_posix()


def claim_of(fields: dict[str, str], done: str, name: Callable[[str], str] = option) -> Claim:
    """A claim from the fields a person gave, or one refusal that names each wrong field."""
    try:
        return Claim.model_validate(fields)
    except Exception as error:
        raise Refusal(f"the claim was not {done}: " + _field_problems(error, name)) from None


def _field_problems(error: Exception, name: Callable[[str], str]) -> str:
    """What a record's validation found, each field named as the person gave it (`name`): "“Perspective”: it is
    required", never pydantic's "Field required"."""
    messages = [f"{name(str(e['loc'][0]))}: " + ("it is required" if e["type"] == "missing" else e["msg"].removeprefix("Value error, "))
                for e in getattr(error, "errors", lambda: [])() if e["loc"]]
    return "; ".join(messages or [str(error)])


def web_address(url: object, label: str, done: str | None = None) -> None:
    """An address a person gives is a web address, as `validate --strict` asks (`models.is_web_address`), or the
    write is refused: a form or an option then names it, where a file written with it would fail the check."""
    if url and not is_web_address(str(url)):
        raise Refusal(f"{done + ': ' if done else ''}{label} {url!r} is not a web address; give its http(s) address "
                      "(https://...), or leave it empty")


def record_digest(fields: dict | None) -> str:
    """A fingerprint of one record's fields ("" for none): a form carries the one it showed, so that a
    write is refused when that record changed since, not when another record of its file did."""
    if fields is None:
        return ""
    return hashlib.sha256(json.dumps(fields, sort_keys=True, default=str).encode("utf-8")).hexdigest()[:32]


def _unchanged_since(seen: str | None, fields: dict | None, what: str) -> None:
    if seen is not None and seen != record_digest(fields):
        raise store.Changed(f"{what} changed since it was shown; nothing was written")


def _new_id(fields: dict[str, str], reader: query.Reader, taken: set[str] | frozenset[str] = frozenset()) -> str:
    """A new claim's id from its subject, property, outlet and period (`interchange.fresh_id`), numbered on past the
    project's ids like it and `taken`."""
    return interchange.fresh_id(fields, reader.ids_like(interchange.fresh_id(fields, set())) | taken)


def _claim(reader: query.Reader, claim_id: str) -> query.ClaimRow:
    claim = reader.claim(claim_id)
    if claim is None:
        raise Refusal(f"no claim {claim_id!r}{views.did_you_mean(claim_id, reader.claim_ids())}")
    return claim


# --- a project, an outlet, a claim ------------------------------------------------------------


def init(directory: Path) -> str:
    """An empty claims project in `directory`: claims/, sources/ (with sources/archive/) and a .gitignore for the index."""
    if directory.exists() and not directory.is_dir():
        raise Refusal(f"{directory}: is a file, not a folder; name a new or existing folder for the project")
    texts = {f"{folder}/.gitkeep": "" for folder in (store.CLAIMS_DIR, store.SOURCES_DIR, f"{store.SOURCES_DIR}/archive")
             if not (directory / folder).is_dir()}
    if not (directory / ".gitignore").exists():
        texts[".gitignore"] = f"{store.STATE_DIR}/\n"
    if not texts:
        return f"{directory} is already a claims project; nothing changed"
    store.write_files(Path("."), {str(directory / name): text for name, text in texts.items()})
    return f"made a claims project in {directory}: add outlets to sources/ and claims to claims/"


def add_outlet(root: Path, fields: dict[str, object], name: Callable[[str], str] = option) -> Result:
    """One outlet, `sources/<id>.yaml`, refused when the id is taken."""
    web_address(fields.get("url"), name("url"), "the outlet was not added")
    try:
        source = Source.model_validate(fields)
    except Exception as error:
        raise Refusal("the outlet was not added: " + _field_problems(error, name)) from None
    path = f"{store.SOURCES_DIR}/{source.id}.yaml"
    with store.locked(root), _indexed(root) as index:
        with _reading(root, index) as reader:
            taken = source.id in reader.outlets or store.existing_text(root, path) is not None
        if taken:
            raise Refusal(f"the outlet was not added: {name('id')} {source.id!r} is taken ({path})")
        problems = pipeline.commit(root, {path: interchange.dump_source(source)}, index=index)
    return Result(f"added outlet {source.id} in {path}", problems, record=source.id)


def add_claim(root: Path, fields: dict[str, str], to: str | None = None, name: Callable[[str], str] = option) -> Result:
    """One claim appended to a claims file (default `claims/<outlet>.yaml`), validated with the whole
    project; an id made from subject, property, outlet and period when none is given; refused when the
    same claim (every field but the id) is recorded already."""
    target = claims_file(root, to or f"{store.CLAIMS_DIR}/{interchange.file_slug(fields.get('source') or '')}.yaml", name("to"))
    web_address(fields.get("url"), name("url"), "the claim was not added")
    with store.locked(root), _indexed(root) as index:
        with _reading(root, index) as reader:
            if not fields.get("id") and {"subject", "property", "source"} <= fields.keys():
                fields = {**fields, "id": _new_id(fields, reader)}
            elif not fields.get("id"):  # the id is made of the fields missing: they are named, not the id
                claim_of({**fields, "id": "made-from-the-fields"}, "added", name)
            claim = claim_of(fields, "added", name)
            same = reader.same_claim({**claim.model_dump(), "id": None})
        if same is not None:
            raise Refusal(f"the claim was not added: the same claim is already recorded as {same.id!r} at {same.at}")
        problems = pipeline.commit(root, {target: edited(root, target, interchange.dump_claims([claim]), index=index)}, index=index)
    return Result(f"added claim {claim.id} to {target}", problems, record=claim.id)


def edit_claim(root: Path, claim_id: str, given: dict[str, str], name: Callable[[str], str] = option,
               seen: str | None = None) -> Result:
    """Fields of one claim changed in place ("" removes an optional one), the rest of its file kept byte
    for byte. With `seen` (`record_digest` of the fields a form showed), a claim changed since raises
    store.Changed."""
    if not given:
        raise Refusal(f"name at least one field to change, e.g. {name('figure')} '$5 billion'")
    web_address(given.get("url"), name("url"), "the claim was not changed")
    with store.locked(root), _indexed(root) as index:
        with _reading(root, index) as reader:
            claim = _claim(reader, claim_id)
        held = claim.fields()
        _unchanged_since(seen, held, f"claim {claim_id}")
        new = claim_of({key: value for key, value in {**held, **given}.items() if value != ""}, "changed", name)
        stored = interchange.stored_fields(new)  # as validated: " 15 percent " is "15 percent"
        changed = [key for key in given if str(held.get(key) or "") != str(stored.get(key) or "")]
        if not changed:
            return Result(f"claim {claim.id} already holds {', '.join(given)} as given; nothing changed", [])
        block = interchange.dump_claims([new])
        unchanged = {claim.path: store.digest(root, claim.path)} if seen is not None else None
        problems = pipeline.commit(root, {claim.path: edited(root, claim.path, block, claim.line, index)}, unchanged=unchanged,
                                   index=index)
    return Result(f"changed {', '.join(changed)} of claim {claim.id} in {claim.path}", problems)


def remove_claim(root: Path, claim_id: str, force: bool = False, forcing: str = "with --force",
                 seen: str | None = None) -> Result:
    """One claim taken out of its file; refused while a review names it, unless `force` (`forcing` says how a
    person asks for that where they are: "with --force", or the command a page names). With `seen`, as
    `edit_claim`."""
    with store.locked(root), _indexed(root) as index:
        with _reading(root, index) as reader:
            claim = _claim(reader, claim_id)
            naming = [r for r in reader.context().reviews if claim.id in r.preferred or claim.id in (r.claims or [])]
        _unchanged_since(seen, claim.fields(), f"claim {claim_id}")
        if naming and not force:
            raise Refusal(f"claim {claim.id!r} is named by the review of {naming[0].conflict!r} at {naming[0].at}, which "
                          f"lists the claims it covered; remove the claim {forcing} (the review then shows that it left), "
                          "or review that conflict again once the claim is out of it")
        unchanged = {claim.path: store.digest(root, claim.path)} if seen is not None else None
        problems = pipeline.commit(root, {claim.path: edited(root, claim.path, "", claim.line, index)}, reviews=not force,
                                   unchanged=unchanged, index=index)
    gone = "; a review may now name a claim or conflict that is gone: 'claimcheck validate' shows it" if force else ""
    return Result(f"removed claim {claim.id} from {claim.path}{gone}", problems)


# --- reviews ---------------------------------------------------------------------------------


def review(root: Path, conflict_id: str, status: str | None, note: str | None, prefer: list[str], seen: list[str] | None = None,
           digest: str | None = None, name: Callable[[str], str] = option, accept_likely: bool = False) -> Result:
    """claims/reviews.yaml with a review of `conflict_id` recorded (today's date, the claims the
    conflict holds now; a review of the same conflict replaced, every byte outside it kept). With
    `seen` (the claims a form showed), a conflict that holds other claims now is refused; with
    `digest` (`record_digest` of this conflict's review when the form was made), a review changed
    since raises store.Changed, and so does the file changing while the review is written; a
    review of another conflict meanwhile does not. With `accept_likely`, the review is `resolved` with the
    likely side's claims preferred (design §9), the note the likely side's reasons unless one is given;
    refused where nothing can be said."""
    statuses = get_args(ReviewStatus)
    if accept_likely:
        if prefer or status not in (None, "resolved"):
            raise Refusal(f"{name('accept_likely')} records 'resolved' with the likely side's claims preferred: give no "
                          f"{name('status')} other than resolved and no {name('prefer')} with it")
        status = "resolved"
    elif status is None or not note:
        raise Refusal(f"a review needs {name('status')} (explained, resolved or disputed) and {name('note')}; "
                      f"or {name('accept_likely')}")
    if status not in statuses:
        raise Refusal(f"{name('status')} {status!r}: use one of {', '.join(statuses)}")
    if status == "resolved" and not prefer and not accept_likely:
        raise Refusal(f"{name('status')} resolved needs {name('prefer')}: the claim (or claims) you hold right")
    with store.locked(root), contextlib.ExitStack() as stack:
        file_digest = store.digest(root, store.REVIEWS_FILE)  # the file as it was before the index read it
        index = stack.enter_context(_indexed(root))
        with _reading(root, index) as reader:
            record = reader.conflict(conflict_id)
            known = reader.conflict_ids() if record is None else []
            reviews = reader.context().reviews
            _unchanged_since(digest, reader.review_of(conflict_id), f"the review of {conflict_id}")
        if record is None:
            hint = views.did_you_mean(conflict_id, known, "; 'claimcheck conflicts --all' lists them")
            raise Refusal(f"no conflict {conflict_id!r}{hint}")
        held = [claim for side in record.conflict["sides"] for claim in side["claims"]]
        if accept_likely:
            with _reading(root, index) as reader:
                likely = reader.likely()["likely"].get(conflict_id)
            if likely is None:
                raise Refusal(f"{conflict_id}: no side is likely right by the outlets' records (too few outlets with a "
                              f"record, or a tie), so there is nothing to accept; review it with {name('status')} and {name('note')}")
            prefer = list(record.conflict["sides"][likely["side"]]["claims"])
            note = note or likely["why"]
        if seen is not None and sorted(seen) != sorted(held):
            raise Refusal(f"{conflict_id} holds other claims than the page showed ({', '.join(sorted(held))} now); "
                          "reload it and review what it holds now")
        if stray := [c for c in prefer if c not in held]:
            raise Refusal(f"{name('prefer')} {', '.join(stray)}: not in {conflict_id}; its claims are {', '.join(held)}")
        fields = {"conflict": conflict_id, "status": status, "reviewed": dt.date.today(),
                  "claims": sorted(held), **({"preferred": prefer} if prefer else {}), "note": note}
        old = next((r for r in reviews if r.conflict == conflict_id and r.at.path == store.REVIEWS_FILE), None)
        text = edited(root, store.REVIEWS_FILE, interchange.dump_records([fields]), old and old.at.line)
        problems = pipeline.commit(root, {store.REVIEWS_FILE: text},
                                   unchanged={store.REVIEWS_FILE: file_digest} if digest is not None else None, index=index)
    return Result(f"reviewed {conflict_id} as {status}, covering {len(held)} claims, in {store.REVIEWS_FILE}", problems)


# --- imports ---------------------------------------------------------------------------------


def import_rows(root: Path, file: Path, into: str | None = None) -> Result:
    """Claims (and new outlets) from a CSV file or a YAML draft, into `into` (default claims/<file name>.yaml).
    Re-importing the same rows changes nothing; any bad row refuses the whole import."""
    rows, problems = interchange.read_rows(file)
    if problems:
        return Result("", problems, "nothing was imported")
    stem = interchange.file_slug(file.stem)
    if f"{store.CLAIMS_DIR}/{stem}.yaml" in store.NOT_CLAIMS:
        stem += "-claims"  # subjects.yaml and reviews.yaml hold other records
    target = claims_file(root, into or f"{store.CLAIMS_DIR}/{stem}.yaml", "--into")
    with store.locked(root):
        return _import(root, rows, str(file), target)


def _import(root: Path, rows: list[tuple[int, dict[str, str]]], label: str, target: str,
            also: dict[str, str] | None = None, proposals: Callable[[str], str] | None = None) -> Result:
    """Rows of import cells (`label` names where they come from) written into `target` with the new
    outlets they name, and `also` (an archive) in the same write; the project's lock held. `proposals`: the
    rows are a draft's, their fields named so (`interchange.ImportPlan`)."""
    with _indexed(root) as index:
        with _reading(root, index) as reader:
            known = {row.id: row.claim() for row in reader.claims_by_id({cells.get("id", "").strip() for _, cells in rows}).values()}
            plan = interchange.ImportPlan(reader.context().sources, known, rows, label, proposals)
        if plan.problems:
            return Result("", plan.problems, "nothing was imported")
        texts = {f"{store.SOURCES_DIR}/{source.id}.yaml": interchange.dump_source(source) for source in plan.sources.values()}
        if plan.claims:
            texts[target] = edited(root, target, interchange.dump_claims(plan.claims), index=index)
            texts.update(also or {})
        problems = pipeline.commit(root, texts, index=index) if texts else []
        if proposals and problems and plan.claims:
            problems = _at_proposals(problems, plan.claims, target, texts[target])
    return Result(f"imported {len(plan.claims)} claims and {len(plan.sources)} outlets into "
                  f"{target if plan.claims else 'nothing new'}; {plan.unchanged} already present", problems)


def _at_proposals(problems: list[Problem], claims: list, target: str, text: str) -> list[Problem]:
    """The problems a draft's accepted proposals would add, each named by its proposal where it stands in the
    claims written for one (the page shows proposals, never the file and id a refused import did not write)."""
    starts = interchange.item_lines(text)[-len(claims):]
    spans = list(zip(starts, [*starts[1:], math.inf], claims))

    def named(problem: Problem) -> Problem:
        line = problem.where.line or 0
        for first, following, claim in spans:
            if problem.where.path == target and first <= line < following:
                return Problem(claim.at, f"proposal {claim.at.line}: {problem.message.removeprefix(f'claim {claim.id!r}: ')}")
        return problem

    return [named(problem) for problem in problems]


def import_project(root: Path, file: Path) -> Result:
    """A JSON export (`export --format json`) written into a project, never over a file with other content."""
    try:
        data = json.loads(store.read_text(file))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise Refusal(f"{file}: cannot read the JSON export ({error})") from None
    files, problems = interchange.project_files(data, str(file))
    with store.locked(root):
        for path, text in files.items():
            if store.Project(root).inside(path) is None:
                problems.append(Problem(Location(str(file)), f"{path}: the export names a file outside the project"))
            elif (existing := store.existing_text(root, path)) is not None and existing != text:
                problems.append(Problem(Location(str(file)), f"{path} exists with other content; import a JSON export into an empty project"))
        if problems:
            return Result("", problems, "nothing was imported")
        texts = {path: text for path, text in files.items() if store.existing_text(root, path) is None}
        problems = pipeline.commit(root, texts) if texts else []
    return Result(f"imported {len(data['claims'])} claims and {len(data.get('sources', []))} outlets from {file}: "
                  f"{len(texts)} files written", problems)


# --- drafts from articles --------------------------------------------------------------------


@dataclass
class Draft:
    """Claims drafted from articles: the draft's text, the proposals left out as already claimed, and
    the archives written."""

    text: str
    claims: list[Claim]
    already: list
    archived: list[str]
    refused: list = field(default_factory=list)  # (archive, extract.Refused): numbers the reader refuses, left out


def draft_articles(root: Path, listed: list, fmt: str = "csv", output: Path | None = None, everything: bool = False,
                   progress: store.Progress | None = None) -> Draft:
    """Draft claims from articles (design §7, §7a): `listed` (extract.Listed) names each article, a file or an
    http(s) address, with its outlet and date. Each is archived under sources/archive/ (an archive that holds the
    same text is reused; a page fetched is named by its outlet, address and the day it was fetched), and every
    figure worth tracking is proposed, aligned across the articles and the project's claims so that one quantity
    gets one comparable group, with the group it joins and why (`match`) and how sure (`confidence`). An outlet
    the project lacks is drafted from its name and perspective, for `import` to make. Written as CSV in the import
    columns or as YAML to `output` (never inside claims/ or sources/) with the archives, atomically, or returned for
    the caller to print. Every problem with the articles is refused at once, and then nothing is written."""
    from . import extract

    with store.locked(root):
        with _reading(root) as reader:  # what the draft reads of the project, read when it is needed (extract.Project)
            context = reader.context()
            problems, new_outlets = _listing_problems(listed, context)
            texts: dict[str, str] = {}
            articles, archives = [], []
            for done, item in enumerate(listed, 1):
                try:
                    text = extract.fetch(item.file) if item.address else extract.article_text(Path(item.file))
                except (OSError, ValueError) as error:
                    reason = getattr(error, "strerror", None) or str(error)
                    reason = reason if reason.startswith(item.file) else f"{item.file}: {reason}"
                    problems.append(f"{item.at}: {reason}" if item.at else reason)
                    continue
                name = _archive_name(item, extract)
                archives.append(archive_for(root, texts, name, text))
                articles.append(extract.Article(text, item.source, item.published, item.url or (item.file if item.address else None), name))
                if progress:
                    progress(done, len(listed))
            if problems:
                raise Refusal("\n".join(problems) + "\nnothing was written")
            left_out: list = []
            drafted = _draft_batch(articles, reader, everything, left_out)
            archive_of = {id(article): archive for article, archive in zip(articles, archives)}
            refused = [(archive_of[id(article)], number) for article, number in left_out]
            claims, rows, already, taken = [], [], [], extract.Taken(reader)
            for number, (article, archive) in enumerate(zip(articles, archives)):
                proposals = [proposal for art, proposal in drafted if proposal.article == number]
                already += [proposal for proposal in proposals if proposal.already]
                common = {"source": article.source, "url": article.url, "published": article.published, "archive": archive}
                fresh = [proposal for proposal in proposals if not proposal.already]
                for proposal, fields in zip(fresh, extract.claim_fields(fresh, common, taken)):
                    claim = claim_of(fields, "drafted")
                    claims.append(claim)
                    rows.append((claim, proposal))
        draft = _draft_text(rows, context.sources, new_outlets, fmt)
        if output:
            target = output.resolve()  # from the current folder, as every --output is
            if any(target.is_relative_to((Path(root) / folder).resolve()) for folder in (store.CLAIMS_DIR, store.SOURCES_DIR)):
                raise Refusal(f"-o {output}: write the draft outside {store.CLAIMS_DIR}/ and {store.SOURCES_DIR}/; "
                              "'claimcheck import' reads it from anywhere")
            texts[str(target)] = draft
        store.write_files(root, texts)
    archived = sorted(path for path in texts if path.startswith(f"{store.SOURCES_DIR}/archive/"))
    return Draft(draft, claims, already, archived, refused)


def _listing_problems(listed: list, corpus) -> tuple[list[str], dict[str, Source]]:
    """What is wrong with the articles asked for, each with where it was asked (dates, outlets); and the outlets
    the project lacks that the draft makes from their name and perspective."""
    problems, new_outlets = [], {}
    for item in listed:
        where = item.at or item.file
        if item.published and (error := views.date_error(item.published)):
            problems.append(f"{where}: published {error}")
        if item.source in corpus.sources:
            continue
        if not (item.source_name and item.source_perspective):
            problems.append(f"{where}: no outlet {item.source!r} in sources/{views.did_you_mean(item.source, list(corpus.sources))}; "
                            f"give source_name and source_perspective in the manifest to draft it, or add "
                            f"sources/{interchange.file_slug(item.source)}.yaml (id, name, perspective) first")
            continue
        try:
            outlet = Source.model_validate({"id": item.source, "name": item.source_name, "perspective": item.source_perspective})
        except Exception as error:  # noqa: BLE001 - pydantic's ValidationError: each field's reason is said
            reasons = "; ".join(e["msg"].removeprefix("Value error, ") for e in getattr(error, "errors", lambda: [])()) or str(error)
            problems.append(f"{where}: the new outlet {item.source!r} cannot be made: {reasons}")
            continue
        earlier = new_outlets.setdefault(item.source, outlet)
        if (earlier.name, earlier.perspective) != (outlet.name, outlet.perspective):
            problems.append(f"{where}: the new outlet {item.source!r} is named {outlet.name!r} ({outlet.perspective}) here but "
                            f"{earlier.name!r} ({earlier.perspective}) above; give it one name and perspective")
    return problems, new_outlets


def _archive_name(item, extract) -> str:
    """An archive's file name (without .txt): the outlet and the file's name, or for a page fetched, the outlet,
    the last part of its address and the day it was fetched (design §7a)."""
    outlet = interchange.file_slug(item.source)
    if not item.address:
        return f"{outlet}-{interchange.file_slug(Path(item.file).stem)}"
    from urllib.parse import urlsplit

    parts = urlsplit(item.file)
    last = next((part for part in reversed(parts.path.split("/")) if part), "") or parts.hostname or "page"
    slug = interchange.file_slug(Path(last).stem if "." in last else last).lower()[:80]
    return f"{outlet}-{slug}-{dt.date.today().isoformat()}"


def _draft_text(rows: list[tuple[Claim, object]], sources: dict[str, Source], new_outlets: dict[str, Source], fmt: str) -> str:
    """The draft: each claim in the import columns, its outlet's name and perspective where the project lacks the
    outlet, and the `match` and `confidence` of its alignment (design §7a)."""
    if fmt == "yaml":
        return interchange.dump_draft([
            {**interchange.stored_fields(claim),
             **({"source_name": new_outlets[claim.source].name, "source_perspective": new_outlets[claim.source].perspective}
                if claim.source in new_outlets else {}),
             "match": proposal.match, "confidence": proposal.confidence} for claim, proposal in rows])
    table = [{**interchange.claim_row(claim, sources.get(claim.source) or new_outlets.get(claim.source)),
              "match": proposal.match, "confidence": proposal.confidence} for claim, proposal in rows]
    return render(table, Format.csv, "claims", interchange.CSV_COLUMNS + ["archive"] + interchange.DRAFT_COLUMNS) + "\r\n"


def archive_for(root: Path, texts: dict[str, str], name: str, text: str) -> str:
    """Where an article's text is archived: an archive under sources/archive/ that holds this text
    already, else a new file `name`.txt (numbered on past names that hold other text), added to
    `texts` to be written."""
    folder = f"{store.SOURCES_DIR}/archive"
    size = len(text.encode("utf-8"))
    if found := next((path for path, written in texts.items() if written == text), None):
        return found
    for file in sorted((Path(root) / folder).glob("*.txt")):
        try:  # only a file of the same size can hold the same text: the others are not read
            if file.stat().st_size == size and store.existing_text(root, f"{folder}/{file.name}") == text:
                return f"{folder}/{file.name}"
        except (OSError, UnicodeDecodeError):
            continue  # an archive that cannot be read as text holds no article of ours
    number = 1
    while (path := f"{folder}/{name}.txt" if number == 1 else f"{folder}/{name}-{number}.txt") in texts \
            or (Path(root) / path).exists():
        number += 1
    texts[path] = text
    return path


# --- drafts kept for the browser -------------------------------------------------------------

DRAFTS_DIR = "drafts"
"""Drafts waiting to be accepted or discarded, at the project root (`.claimcheck/` may be deleted at any time)."""
DRAFT_FIELDS = ("subject", "property", "period", "kind", "figure", "speaker", "quote", "scope", "note")
"""The fields of a proposal a person may change before accepting it."""
ID_FIELDS = ("subject", "property", "period")
"""The fields of a proposal a claim's id is made of, besides its outlet (`interchange.fresh_id`)."""


@dataclass
class Pending:
    """A draft kept in drafts/<id>.yaml beside its article's text (drafts/<id>.txt): where the article
    came from, and its proposals by number (claim fields, the group each joins, `match`, and how sure
    that is, `confidence`), the figures the outlet has claimed already, and the numbers the figure reader
    refused (`left_out`: each number, where it starts and ends in the text, and why), never proposed."""

    id: str
    text: str
    article: dict
    proposals: list[dict]
    already: list[dict]
    left_out: list[dict] = field(default_factory=list)  # numbers the reader refuses, each with where it stands and why


def _draft_batch(articles: list, reader: query.Reader, everything: bool = False, refused: list | None = None) -> list:
    """`align.draft_batch` on the project's index, with the kinds of units an earlier draft had pint tell
    (`Index.units`): most drafts then read their figures without loading pint; new ones are kept."""
    from . import align, figures

    figures.remember_units(known := reader.units())
    drafted = align.draft_batch(articles, reader, everything, refused)
    if (told := figures.units_told()) != known:
        reader.keep_units(told)
    return drafted


def draft_text(root: Path, text: str, name: str, source: str | None = None, source_name: str | None = None,
               source_perspective: str | None = None, published: str | None = None, url: str | None = None,
               label: Callable[[str], str] = option, dated: bool = False) -> str:
    """One article's text drafted into aligned proposals (`align.draft_batch`) and kept in drafts/
    until accepted or discarded; nothing else is written. The outlet is an existing one (`source`) or
    a new one made from its name and perspective when proposals are accepted; `dated`: the article's date is
    asked for (the browser's form: its claims take it, and `validate --strict` asks every claim for one).
    Returns the draft's id."""
    import yaml

    from . import extract

    if published and (error := views.date_error(published)):
        raise Refusal(f"{label('published')} {error}")
    web_address(url, label("url"))
    with store.locked(root):
        with _reading(root) as reader:
            outlet = _draft_outlet(reader.outlets, source, source_name, source_perspective, label)
            if dated and not published:
                raise Refusal(f"give the article's date in {label('published')} (YYYY-MM-DD): every claim drafted from "
                              "it takes that date")
            taken = extract.Taken(reader)
            common = {"source": outlet["source"], "url": url, "published": published}
            proposals, already, refused = [], [], []
            for number, (_, proposal) in enumerate(_draft_batch([extract.Article(text, outlet["source"], published, url, name)],
                                                                reader, refused=refused), 1):
                if proposal.already:
                    already.append({"figure": proposal.figure, "claim": proposal.already.id, "at": str(proposal.already.at)})
                    continue
                fields = extract.claim_fields([proposal], common, taken)[0]
                proposals.append({"number": number, **fields, "match": proposal.match, "confidence": proposal.confidence,
                                  "start": proposal.start, "end": proposal.end})
        folder = Path(root) / DRAFTS_DIR
        stem, number = interchange.file_slug(outlet["source"]), 1
        while (folder / f"{stem}-{number}.yaml").exists() or (folder / f"{stem}-{number}.txt").exists():
            number += 1
        draft_id = f"{stem}-{number}"
        article = {**outlet, "published": published, "url": url, "name": name}
        header = "# A draft of claims from one article, kept until it is accepted or discarded (claimcheck serve, /drafts).\n"
        store.write_files(root, {f"{DRAFTS_DIR}/{draft_id}.txt": text,
                                 f"{DRAFTS_DIR}/{draft_id}.yaml": header + yaml.safe_dump(
                                     {"article": article, "proposals": proposals, "already": already,
                                      "left_out": [{"number": number.text, "start": number.start, "end": number.end, "reason": number.reason}
                                                   for _, number in refused]},
                                     sort_keys=False, allow_unicode=True, width=100)})
    return draft_id


def _draft_outlet(outlets: dict, source: str | None, source_name: str | None, source_perspective: str | None,
                  label: Callable[[str], str]) -> dict:
    """The outlet a draft is from, as import cells: an existing id, or a new one's name and perspective."""
    if source:
        if source not in outlets:
            raise Refusal(f"{label('source')} {source!r}: no such outlet{views.did_you_mean(source, list(outlets))}")
        return {"source": source}
    if not (source_name and source_perspective):
        raise Refusal(f"choose the outlet the article is from, or give a new outlet's {label('source_name')} "
                      f"and {label('source_perspective')}")
    made = interchange.file_slug(source_name.lower())
    if made in outlets:
        raise Refusal(f"{label('source_name')} {source_name!r}: the outlet {made!r} ({outlets[made].name}) exists; choose it")
    try:
        Source.model_validate({"id": made, "name": source_name, "perspective": source_perspective})
    except Exception as error:  # noqa: BLE001 - pydantic's errors, worded for the person
        messages = [e["msg"].removeprefix("Value error, ") for e in getattr(error, "errors", lambda: [])()]
        raise Refusal("the new outlet: " + "; ".join(messages or [str(error)])) from None
    return {"source": made, "source_name": source_name, "source_perspective": source_perspective}


def read_draft(root: Path, draft_id: str) -> Pending | None:
    """A draft kept in drafts/, or None when there is none of that id."""
    import yaml

    if not SLUG.fullmatch(draft_id):
        return None
    text = store.existing_text(root, f"{DRAFTS_DIR}/{draft_id}.txt")
    kept = store.existing_text(root, f"{DRAFTS_DIR}/{draft_id}.yaml")
    if text is None or kept is None:
        return None
    data = yaml.load(kept, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return Pending(draft_id, text, data["article"], data["proposals"], data["already"], data.get("left_out", []))


def drafts(root: Path) -> list[Pending]:
    """The drafts kept in drafts/, by id."""
    folder = Path(root) / DRAFTS_DIR
    found = (read_draft(root, path.stem) for path in sorted(folder.glob("*.yaml"))) if folder.is_dir() else ()
    return [draft for draft in found if draft is not None]


def accept_draft(root: Path, draft_id: str, chosen: dict[int, dict[str, str]], to: str | None = None,
                 label: Callable[[str], str] = option) -> Result:
    """The chosen proposals of a draft (by number, each with the fields a person changed) imported as
    `import` does, the article archived under sources/archive/ in the same write, and the draft
    dropped; a refused import keeps the draft. A proposal whose subject, property or period a person changed
    takes an id made from them (`interchange.fresh_id`), not the one made from the draft's guesses."""
    draft = read_draft(root, draft_id)
    if draft is None:
        raise Refusal(f"no draft {draft_id!r}; it was accepted or discarded")
    proposals = {proposal["number"]: proposal for proposal in draft.proposals}
    if not chosen:
        raise Refusal("choose at least one proposal to accept")
    if stray := sorted(set(chosen) - set(proposals)):
        raise Refusal(f"no proposal {', '.join(map(str, stray))} in draft {draft_id}")
    article = draft.article
    target = claims_file(root, to or f"{store.CLAIMS_DIR}/{interchange.file_slug(article['source'])}.yaml", label("to"))
    outlet = {key: article[key] for key in ("source_name", "source_perspective") if article.get(key)}
    with store.locked(root):
        texts: dict[str, str] = {}
        archive = archive_for(root, texts, f"{interchange.file_slug(article['source'])}-{interchange.file_slug(article['name'])}",
                              draft.text)
        accepted, renamed = [], []
        for number in sorted(chosen):
            changed = {key: value.strip() for key, value in chosen[number].items() if key in DRAFT_FIELDS}
            fields = {**proposals[number], **outlet, **changed, "archive": archive}
            if any(key in changed and changed[key] != str(proposals[number].get(key) or "") for key in ID_FIELDS):
                renamed.append(fields)
            accepted.append((number, fields))
        if renamed:  # one reader for every id made again
            used = {str(proposals[number].get("id")) for number in chosen}
            with _reading(root) as reader:
                for fields in renamed:
                    fields["id"] = _new_id({key: str(fields.get(key) or "") for key in (*ID_FIELDS, "source")}, reader, used)
                    used.add(fields["id"])
        rows = [(number, {key: "" if value is None else str(value) for key, value in fields.items() if key in interchange.ALL_COLUMNS})
                for number, fields in accepted]
        result = _import(root, rows, f"{DRAFTS_DIR}/{draft_id}.yaml", target, texts, proposals=label)
        if not result.problems:
            for suffix in (".yaml", ".txt"):
                (Path(root) / DRAFTS_DIR / f"{draft_id}{suffix}").unlink(missing_ok=True)
    return result


def discard_draft(root: Path, draft_id: str) -> str:
    """A draft dropped from drafts/ (its article's text with it); nothing else changes."""
    if read_draft(root, draft_id) is None:
        raise Refusal(f"no draft {draft_id!r}; it was accepted or discarded")
    with store.locked(root):
        for suffix in (".yaml", ".txt"):
            (Path(root) / DRAFTS_DIR / f"{draft_id}{suffix}").unlink(missing_ok=True)
    return f"discarded draft {draft_id}"
