"""What needs the whole project to be checked: outlets that exist, ids used once, quotes found in
their archives, reviews that name real claims. Pure: a corpus in, problems out.

Each rule is a function of one signature, `(corpus) -> list[Problem]`, and `validate` runs a list of
them (beancount's `ops/validation.py` is the model); `validate --strict` runs `STRICT` as well. What
one file says about one record is checked where the file is read (`store`), and a figure that cannot
be read where figures are read (`figures`). A rule reads a claim's id, source, via, figure, quote, archive
and location only, so it runs as well on the compact rows the index keeps as on full claims.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable

from . import safetext
from .models import Corpus, Problem, Subject, is_web_address

Validation = Callable[[Corpus], list[Problem]]
SOURCES_DIR = "sources"


def one_subject_per_slug(corpus: Corpus) -> list[Problem]:
    problems = []
    owner: dict[str, Subject] = {}
    for subject in corpus.subjects:
        for slug in (subject.id, *subject.aliases):
            if slug in owner:
                problems.append(Problem(subject.at, f"subject {slug!r} is already named at {owner[slug].at}; a slug may name one subject only"))
            else:
                owner[slug] = subject
    return problems


def preferred_only_when_resolved(corpus: Corpus) -> list[Problem]:
    return [Problem(review.at, f"review of {review.conflict!r}: preferred claims go with status 'resolved', not {review.status!r}")
            for review in corpus.reviews if review.preferred and review.status != "resolved"]


def known_outlets(corpus: Corpus) -> list[Problem]:
    """Each claim's source and via name an outlet in sources/."""
    problems = []
    sources = corpus.sources
    for claim in corpus.claims:
        for field, outlet in (("source", claim.source), ("via", claim.via)):
            if outlet and outlet not in sources:
                close = difflib.get_close_matches(outlet, list(sources), n=1)
                hint = (f"did you mean {close[0]!r}, or add {SOURCES_DIR}/{outlet}.yaml" if close
                        else f"add {SOURCES_DIR}/{outlet}.yaml for it")
                problems.append(Problem(claim.at, f"claim {claim.id!r}: unknown {field} {outlet!r}; {hint}"))
    return problems


def quotes_in_archives(corpus: Corpus) -> list[Problem]:
    """A claim with an archive quotes it verbatim (only whitespace may differ)."""
    problems = []
    for claim in corpus.claims:
        if not claim.archive:
            continue
        name = f"claim {claim.id!r}"
        text, unreadable = corpus.archives[claim.archive]
        if unreadable:
            problems.append(Problem(claim.at, f"{name}: {unreadable}"))
            continue
        if text is None:
            continue  # the archive itself is not text; its own problem says so
        if not claim.quote:
            problems.append(Problem(claim.at, f"{name}: has an archive but no quote; copy the sentence with the figure from the archive into quote"))
            continue
        quote = safetext.comparable(claim.quote)
        if quote in text:
            continue
        if safetext.plain_punctuation(quote) in safetext.plain_punctuation(text):
            problems.append(Problem(claim.at, f"{name}: quote not found verbatim in {claim.archive}; it differs only in curly/straight quotes or dashes — copy the quote exactly from the archive"))
        else:
            problems.append(Problem(claim.at, f"{name}: quote not found verbatim in {claim.archive}; copy it exactly from the archive (only whitespace may differ)"))
    return problems


def figures_in_quotes(corpus: Corpus) -> list[Problem]:
    """A claim's figure says what its quote says: each number of the figure is in the quote (design 2b),
    however the quote separates, spells or scales it ("$65.8 billion" in "65.8bn dollars")."""
    from . import figures  # loaded when a rule runs, not by every command that imports the rules

    problems = []
    for claim in corpus.claims:
        if not claim.quote:
            continue
        missing = figures.missing_from_quote(claim.figure, claim.quote)
        if missing:
            problems.append(Problem(claim.at, (
                f"claim {claim.id!r}: figure {claim.figure!r} is not in its quote {_short(claim.quote)!r} "
                f"({', '.join(missing)} not found); write the figure as the quote has it, or quote the sentence that has it")))
    return problems


def _short(text: str, most: int = 120) -> str:
    text = safetext.fold_whitespace(text)
    return text if len(text) <= most else text[:most - 1] + "…"


def unique_claim_ids(corpus: Corpus) -> list[Problem]:
    problems = []
    first_seen: dict[str, object] = {}
    for claim in corpus.claims:
        first = first_seen.setdefault(claim.id, claim)
        if first is not claim:
            problems.append(Problem(claim.at, f"duplicate claim id {claim.id!r} (first defined at {first.at}); give each claim its own id"))
    return problems


def preferred_claims_exist(corpus: Corpus) -> list[Problem]:
    ids = {claim.id for claim in corpus.claims} if any(review.preferred for review in corpus.reviews) else set()
    return [Problem(review.at, f"review of {review.conflict!r}: preferred claim {claim_id!r} does not exist; list ids of claims in the conflict")
            for review in corpus.reviews for claim_id in review.preferred if claim_id not in ids]


EACH_CLAIM: list[Validation] = [known_outlets, quotes_in_archives, figures_in_quotes]
"""Rules that look at one claim at a time: the index runs them only on the claims files that changed."""
ACROSS_CLAIMS: list[Validation] = [one_subject_per_slug, preferred_only_when_resolved, unique_claim_ids, preferred_claims_exist]
"""Rules that read the context and no more of a claim than its id and where it is written."""
VALIDATIONS = EACH_CLAIM + ACROSS_CLAIMS


# --- what `validate --strict` asks beyond the schema ---------------------------------


def dated_and_checkable(corpus: Corpus) -> list[Problem]:
    """A date, a way to check (a url or an archive), and a quote unless the outlet is a reference."""
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
    return problems


def web_addresses(corpus: Corpus) -> list[Problem]:
    problems = [Problem(claim.at, f"claim {claim.id!r}: url {claim.url!r} is not a web address; write it as https://...")
                for claim in corpus.claims if claim.url and not is_web_address(claim.url)]
    problems += [Problem(source.at, f"source {source.id!r}: url {source.url!r} is not a web address; write it as https://...")
                 for source in corpus.sources.values() if source.url and not is_web_address(source.url)]
    return problems


def reviews_list_their_claims(corpus: Corpus) -> list[Problem]:
    return [Problem(review.at, f"review of {review.conflict!r} does not list the claims it covered; "
                               f"add 'claims: [...]', or record it with 'claimcheck review'")
            for review in corpus.reviews if review.claims is None]


STRICT: list[Validation] = [dated_and_checkable, web_addresses, reviews_list_their_claims]


def validate(corpus: Corpus, validations: list[Validation] = VALIDATIONS) -> list[Problem]:
    """Every problem the given rules find, in the order the rules are listed."""
    return [problem for rule in validations for problem in rule(corpus)]
