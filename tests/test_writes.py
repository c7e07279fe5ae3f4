"""Writes never surprise: modes, line endings, links, devices and pipes kept; ordinary mistakes exit 2 (issue 13)."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
import threading
from pathlib import Path

import pytest
from conftest import snapshot

from claimcheck import store

CLAIM = "- id: a\n  source: tass\n  subject: deal\n  property: value\n  figure: $5 billion\n  kind: actual\n"
ADD = ("add", "--source", "tass", "--subject", "deal", "--property", "value", "--figure", "$6 billion")
ROWS = "id,source,source_name,source_perspective,subject,property,figure,kind\nn1,rt,RT,Russian state media,deal,value,$7 billion,actual\n"


def modes(root: Path) -> dict[str, int]:
    """Every file's and folder's permission bits under root (the write lock's folder aside)."""
    return {p.relative_to(root).as_posix(): stat.S_IMODE(p.lstat().st_mode)
            for p in sorted(root.rglob("*")) if ".claimcheck" not in p.parts}


def refused(cli, root: Path, *args: str) -> str:
    """Run a command that must be refused: exit 2, nothing changed (bytes and modes); its stderr."""
    before, before_modes = snapshot(root), modes(root)
    result = cli(root, *args)
    assert result.exit_code == 2, result.output
    assert snapshot(root) == before
    assert modes(root) == before_modes
    assert result.stdout == ""
    return result.stderr


@pytest.fixture
def umask():
    def set_to(mask: int) -> None:
        os.umask(mask)

    old = os.umask(0o022)
    os.umask(old)
    yield set_to
    os.umask(old)


# --- what a write keeps --------------------------------------------------------------------


def test_a_replaced_file_keeps_its_mode_and_a_new_one_follows_the_umask(cli, project, umask):
    root = project({"claims/a.yaml": CLAIM})
    (root / "claims/a.yaml").chmod(0o604)
    umask(0o002)
    result = cli(root, *ADD, "--to", "claims/a.yaml")
    assert result.exit_code == 0, result.output
    assert result.stdout == "added claim deal-value-tass to claims/a.yaml\n"
    assert stat.S_IMODE((root / "claims/a.yaml").stat().st_mode) == 0o604
    result = cli(root, *ADD[:-1], "$7 billion", "--to", "claims/new.yaml")
    assert result.stdout == "added claim deal-value-tass-2 to claims/new.yaml\n"
    assert stat.S_IMODE((root / "claims/new.yaml").stat().st_mode) == 0o664
    umask(0o077)
    assert cli(root, "report", "-o", str(root / "report.md")).exit_code == 0
    assert stat.S_IMODE((root / "report.md").stat().st_mode) == 0o600


@pytest.mark.parametrize("how", ["add", "import"])
def test_appending_keeps_crlf_and_every_byte_before(cli, project, tmp_path, how):
    head = "# claims from TASS, kept by hand\r\n" + CLAIM.replace("\n", "\r\n")
    root = project({})
    (root / "claims/a.yaml").write_bytes(("\ufeff" + head).encode())
    before = (root / "claims/a.yaml").read_bytes()
    if how == "add":
        result = cli(root, *ADD, "--to", "claims/a.yaml")
    else:
        (tmp_path / "rows.csv").write_text(ROWS)
        result = cli(root, "import", str(tmp_path / "rows.csv"), "--into", "claims/a.yaml")
    assert result.exit_code == 0, result.output
    after = (root / "claims/a.yaml").read_bytes()
    assert after.startswith(before)
    added = after[len(before):]
    assert added.startswith(b"\r\n- id: ") and added.endswith(b"kind: actual\r\n")
    assert b"\n" not in added.replace(b"\r\n", b"")
    assert cli(root, "validate").stdout == f"ok: 2 claims from {2 if how == 'add' else 3} outlets, no problems\n"


def test_appending_to_an_lf_file_stays_lf(cli, project):
    root = project({"claims/a.yaml": CLAIM})
    assert cli(root, *ADD, "--to", "claims/a.yaml").exit_code == 0
    after = (root / "claims/a.yaml").read_bytes()
    assert after.startswith(CLAIM.encode()) and b"\r" not in after


@pytest.mark.parametrize("command", [("report",), ("export", "--format", "json")])
def test_output_through_a_symlink_writes_its_target(cli, project, tmp_path, command):
    root = project({"claims/a.yaml": CLAIM})
    real = tmp_path / "real.txt"
    real.write_text("old\n")
    real.chmod(0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    result = cli(root, *command, "-o", str(link))
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text() == cli(root, *command).stdout
    assert stat.S_IMODE(real.stat().st_mode) == 0o640


@pytest.mark.parametrize("command", [("report",), ("export",)])
def test_output_onto_a_character_device_writes_into_it(cli, project, monkeypatch, command):
    root = project({"claims/a.yaml": CLAIM})
    real_replace = os.replace

    def never_onto_dev_null(src, dst, **kwargs):  # were /dev/null renamed over, a root run would lose it
        assert os.path.realpath(dst) != "/dev/null", "write_files renamed a file over /dev/null"
        return real_replace(src, dst, **kwargs)

    monkeypatch.setattr(store.os, "replace", never_onto_dev_null)
    result = cli(root, *command, "-o", "/dev/null")
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert not [name for name in os.listdir("/dev") if name.startswith(".null.")]


def test_output_into_a_fifo_writes_into_it(cli, project, tmp_path):
    root = project({"claims/a.yaml": CLAIM})
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = cli(root, "report", "-o", str(fifo))
    reader.join(timeout=30)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {fifo}\n"
    assert received == [cli(root, "report").stdout.encode()]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe", "project"]


# --- ordinary mistakes: one line, exit 2, nothing changed ----------------------------------


@pytest.mark.parametrize("command", [("report",), ("export",)])
def test_output_onto_a_folder_is_refused(cli, project, command):
    root = project({"claims/a.yaml": CLAIM})
    (root / "out").mkdir()
    err = refused(cli, root, *command, "-o", str(root / "out"))
    assert err == f"cannot write {root / 'out'}: it is a folder; name a file\n"


@pytest.mark.parametrize("command", [("validate",), ("claims",), ("report", "-o", "x.md"), ADD, ("import", "rows.csv")])
def test_a_missing_root_is_a_plain_error(cli, tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "rows.csv").write_text(ROWS)
    missing = tmp_path / "missing"
    result = cli(missing, *command)
    assert result.exit_code == 2, result.output
    assert result.stderr == (f"{missing}: no such folder; pass --root a claims project's folder, "
                             f"or run 'claimcheck init {missing}' to make one\n")
    assert not missing.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rows.csv"]


def test_init_on_a_file_is_a_plain_error(cli, tmp_path):
    afile = tmp_path / "notes.txt"
    afile.write_text("mine\n")
    err = refused(cli, tmp_path, "init", str(afile))
    assert err == f"{afile}: is a file, not a folder; name a new or existing folder for the project\n"
    err = refused(cli, tmp_path, "init", str(afile / "project"))
    assert err == f"cannot write {afile / 'project' / 'claims/.gitkeep'}: Not a directory\n"


@pytest.fixture
def read_only_claims(monkeypatch):
    """Make a project's claims/ folder read-only (0555). Root writes through that, so then the
    refusal the kernel would give is injected where files are created in that folder."""
    folders = []

    def make(root: Path) -> None:
        folder = (root / "claims").resolve()
        folder.chmod(0o555)
        folders.append(folder)
        if os.geteuid() == 0:
            real_mkstemp = tempfile.mkstemp

            def mkstemp(*args, dir=None, **kwargs):
                if dir is not None and Path(dir).resolve() == folder:
                    raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
                return real_mkstemp(*args, dir=dir, **kwargs)

            monkeypatch.setattr(store.tempfile, "mkstemp", mkstemp)

    yield make
    for folder in folders:
        folder.chmod(0o755)


@pytest.mark.parametrize("how", ["add", "import"])
def test_a_read_only_claims_folder_is_a_plain_error(cli, project, tmp_path, read_only_claims, how):
    root = project({"claims/a.yaml": CLAIM})
    (tmp_path / "rows.csv").write_text(ROWS)
    read_only_claims(root)
    args = (*ADD, "--to", "claims/a.yaml") if how == "add" else ("import", str(tmp_path / "rows.csv"), "--into", "claims/a.yaml")
    err = refused(cli, root, *args)
    assert err == "cannot write claims/a.yaml: Permission denied\n"
    assert not [p for p in root.rglob("*") if p.suffix in (".tmp", ".bak")]


def test_a_full_disk_is_a_plain_error_and_leaves_no_folder_behind(cli, project, tmp_path, monkeypatch):
    root = project({"claims/a.yaml": CLAIM})
    (tmp_path / "rows.csv").write_text(ROWS)
    real_fsync, synced = os.fsync, []

    def full_on_second_file(descriptor):
        synced.append(descriptor)
        if len(synced) == 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_fsync(descriptor)

    monkeypatch.setattr(store.os, "fsync", full_on_second_file)
    err = refused(cli, root, "import", str(tmp_path / "rows.csv"), "--into", "claims/new/rows.yaml")
    assert err == "cannot write claims/new/rows.yaml: No space left on device\n"
    assert not (root / "claims/new").exists() and not (root / "sources/rt.yaml").exists()
    assert not [p for p in root.rglob("*") if p.suffix in (".tmp", ".bak")]


def test_a_full_disk_on_the_report_is_a_plain_error(cli, project, tmp_path, monkeypatch):
    root = project({"claims/a.yaml": CLAIM})
    out = tmp_path / "report.md"
    out.write_text("the old report\n")

    def full(descriptor):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(store.os, "fsync", full)
    result = cli(root, "report", "-o", str(out))
    assert result.exit_code == 2
    assert result.stderr == f"cannot write {out}: No space left on device\n"
    assert out.read_text() == "the old report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "report.md"]


def test_a_project_whose_lock_cannot_be_made_is_a_plain_error(cli, project, monkeypatch):
    root = project({"claims/a.yaml": "- {id: a, source: tass, subject: s, property: p, figure: $5 billion, kind: actual}\n"})
    real_mkdir = Path.mkdir

    def read_only(self, *args, **kwargs):
        if self.name == ".claimcheck":
            raise PermissionError(13, "Permission denied")
        return real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", read_only)
    result = cli(root, "add", "--source", "tass", "--subject", "s", "--property", "q", "--figure", "$6 billion")
    assert result.exit_code == 2
    assert "cannot write .claimcheck/lock: Permission denied" in result.stderr


def test_an_outlet_is_added_by_the_library_function_the_browser_and_the_command_line_share(project):
    from claimcheck import edits

    root = project({"claims/a.yaml": "[]\n"})
    done = edits.add_outlet(root, {"id": "xinhua", "name": "Xinhua", "perspective": "Chinese state media", "kind": "agency"})
    assert (done.done, done.problems) == ("added outlet xinhua in sources/xinhua.yaml", [])
    assert (root / "sources/xinhua.yaml").read_text() == "id: xinhua\nname: Xinhua\nperspective: Chinese state media\nkind: agency\nreference: false\n"
    before = snapshot(root)
    with pytest.raises(edits.Refusal, match="--id 'tass' is taken"):
        edits.add_outlet(root, {"id": "tass", "name": "TASS again", "perspective": "x"})
    with pytest.raises(edits.Refusal, match="--perspective: it is required"):
        edits.add_outlet(root, {"id": "bbc", "name": "BBC"}, name=lambda field: f"--{field}")
    assert snapshot(root) == before


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("bom", ["", "\ufeff"])
def test_a_write_finds_the_items_of_its_file_in_the_index_as_parsing_finds_them(project, newline, bom):
    """A write takes where a file's items are from the index instead of parsing the file again: the text it
    makes is the one parsing gives, byte for byte, comments, blank lines, CRLF and a byte order mark kept;
    a file the index could not read item by item (a record that is not a claim) is parsed, and refused as before."""
    from claimcheck import edits, interchange, pipeline

    claim = "- id: c{n}\n  source: tass\n  subject: deal\n  property: value\n  figure: '${n} billion'\n  kind: actual\n"
    text = bom + ("# deals\n\n" + claim.format(n=1) + "\n# the second\n" + claim.format(n=2) + "  # its note\n\n"
                  + claim.format(n=3)).replace("\n", newline)
    root = project({})
    (root / "claims/a.yaml").write_bytes(text.encode("utf-8"))
    block = interchange.dump_claims([edits.claim_of({"id": "c9", "source": "reuters", "subject": "deal", "property": "value",
                                                      "figure": "$9 billion", "kind": "actual"}, "added")])
    index = pipeline.run(root)
    try:
        lines = [member.line for _, member in index.file_members("claims/a.yaml")]
        assert index.item_lines("claims/a.yaml", store.file_digest(store.Project(root), "claims/a.yaml")) == lines
        for line in (None, *lines):
            for new in (block, ""):
                if line is None and not new:
                    continue
                assert edits.edited(root, "claims/a.yaml", new, line, index) == edits.edited(root, "claims/a.yaml", new, line)
    finally:
        index.close()

    (root / "claims/a.yaml").write_bytes((text + "- just text" + newline).encode("utf-8"))
    index = pipeline.run(root)
    try:
        assert index.item_lines("claims/a.yaml", store.file_digest(store.Project(root), "claims/a.yaml")) is None
        assert edits.edited(root, "claims/a.yaml", "", lines[1], index) == edits.edited(root, "claims/a.yaml", "", lines[1])
    finally:
        index.close()
    (root / "claims/a.yaml").write_bytes(b"[{id: c1, source: tass, subject: deal, property: value, figure: '$1 billion', kind: actual}]\n")
    index = pipeline.run(root)
    try:
        with pytest.raises(edits.Refusal, match="flow style"):
            edits.edited(root, "claims/a.yaml", "", 1, index)
    finally:
        index.close()
