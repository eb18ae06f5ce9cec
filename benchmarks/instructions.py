"""Instructions the extraction engine spends on a slice of the corpus, tree against tree.

Wall and CPU time on a shared machine drift with its load by tens of per cent
(the same commit measured 0.28 s and 0.48 s of CPU a minute apart), too much
to find a regression of 10 % or to bisect one. The number of instructions a
process executes does not depend on the load: this script counts them with
valgrind (``cachegrind --cache-sim=no``, about 25× slower than a plain run, so
it reads a slice of the corpus, 1 MB by default) and prints, for each source
tree or commit given, the instructions of ONE steady-state extraction pass:

* the slice is every k-th line of ``../shared/corpus/news.txt`` (all sources,
  not the first paper only), NUL bytes as spaces; another k-th line set warms
  the process up first, so what is built lazily on first use (the country
  gazetteer, patterns compiled on demand) is not counted;
* each tree is run twice under valgrind, on the slice and on an empty file,
  and the difference is the pass (start-up, imports, the lexicon and the
  warm-up cancel out); the start-up cache (``claimcheck/lang/recache.py``, in a
  temporary folder) is filled by a plain run first, so neither counted run builds it;
* ``PYTHONHASHSEED=0``: set and dict iteration, hence the instructions, are
  the same from run to run.

With ``--check TABLES`` the pass is ``claimcheck.check`` of each chunk against
the reference folder TABLES (extraction, matching, verdicts and the consistency
rules; ``--as-of`` sets the article date), and the digest is of the verdicts.

A commit is checked out in a temporary worktree (removed afterwards). The
claims' count and digest are printed beside the count: a speed change that
keeps them keeps the output. Bisecting: ``python benchmarks/instructions.py
490796d HEAD`` then halve the range. Needs valgrind (``apt-get install valgrind``).
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "news.txt"
#: what the child prints last: claims and a digest of their kind, value and span
_RESULT = re.compile(r"^claims (\d+) ([0-9a-f]+)$", re.M)
_IREFS = re.compile(r"I\s+refs:\s+([\d,]+)")

CHILD = """
import hashlib, sys
sys.path.insert(0, sys.argv[1])
try:
    from claimcheck.extraction.engine import extract, lexicon
except ImportError:  # before the package was laid out by stage
    from claimcheck.extract import extract, lexicon
lexicon()
for _ in extract(open(sys.argv[3], encoding="utf-8").read(), file="warm"):
    pass
text = open(sys.argv[2], encoding="utf-8").read()
digest, n, i = hashlib.sha256(), 0, 0
while i < len(text):  # line-aligned chunks of 256K characters, as the pipeline cuts them
    j = text.find("\\n", i + (1 << 18))
    j = len(text) if j < 0 else j + 1
    for c in extract(text[i:j], file="slice", base_offset=i):
        n += 1
        digest.update(f"{c.kind}|{c.value}|{c.start}|{c.end}\\n".encode())
    i = j
print("claims", n, digest.hexdigest()[:12])
"""

CHECK_CHILD = """
import hashlib, sys
from datetime import date
sys.path.insert(0, sys.argv[1])
import claimcheck
from claimcheck.checking.options import Options
from claimcheck.reference.tables import load
refs = load(sys.argv[4])
opts = Options(as_of=date.fromisoformat(sys.argv[5]) if sys.argv[5] else None)
claimcheck.check(open(sys.argv[3], encoding="utf-8").read(), reference=refs, options=opts)
text = open(sys.argv[2], encoding="utf-8").read()
digest, n, i = hashlib.sha256(), 0, 0
while i < len(text):  # line-aligned chunks of 256K characters, as the pipeline cuts them
    j = text.find("\\n", i + (1 << 18))
    j = len(text) if j < 0 else j + 1
    for r in claimcheck.check(text[i:j], reference=refs, options=opts):
        n += 1
        digest.update(f"{r.claim.start}|{r.verdict.value}|{r.reason.value}|{r.reference_id}\\n".encode())
    i = j
print("claims", n, digest.hexdigest()[:12])
"""


def make_slices(corpus: Path, folder: Path, mb: float) -> tuple[Path, Path, Path]:
    """The measured slice, the warm-up text (other lines, ~150 KB) and an empty file."""
    lines = corpus.read_bytes().replace(b"\x00", b" ").split(b"\n")
    step = max(2, round(sum(len(x) for x in lines) / (mb * 1e6)))
    picked = [x for k, x in enumerate(lines) if k % step == 0]
    warm, size = [], 0
    for x in lines[step // 2::step]:
        warm.append(x)
        size += len(x)
        if size > 150_000:
            break
    out = (folder / "slice.txt", folder / "warm.txt", folder / "empty.txt")
    out[0].write_bytes(b"\n".join(picked) + b"\n")
    out[1].write_bytes(b"\n".join(warm) + b"\n")
    out[2].write_bytes(b"")
    return out


def _child(tree: Path, text: Path, warm: Path, valgrind: bool,
           check: tuple[str, str] | None = None) -> tuple[int | None, str]:
    cmd = [sys.executable, "-c", CHILD, str(tree), str(text), str(warm)] if check is None \
        else [sys.executable, "-c", CHECK_CHILD, str(tree), str(text), str(warm), *check]
    if valgrind:
        cmd = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null", *cmd]
    # the start-up cache in the slice's folder: a temporary worktree leaves no file behind
    env = dict(os.environ, PYTHONHASHSEED="0", CLAIMCHECK_CACHE_DIR=str(warm.parent / "cache"))
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=tree)
    if proc.returncode != 0:
        raise SystemExit(f"{tree}: the run failed:\n{proc.stderr[-2000:]}")
    m = _IREFS.search(proc.stderr)
    found = _RESULT.search(proc.stdout)
    return (int(m.group(1).replace(",", "")) if m else None), (found.group(0) if found else "")


def measure(tree: Path, slices: tuple[Path, Path, Path],
            check: tuple[str, str] | None = None) -> tuple[int, str]:
    """Instructions of one warmed extraction pass (or check pass, with ``check`` =
    (tables, as-of)) over the slice in ``tree``, and its claims."""
    text, warm, empty = slices
    _child(tree, text, warm, valgrind=False, check=check)  # fills the start-up cache
    base, _ = _child(tree, empty, warm, valgrind=True, check=check)
    full, claims = _child(tree, text, warm, valgrind=True, check=check)
    if base is None or full is None:
        raise SystemExit("valgrind printed no instruction count")
    return full - base, claims


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("trees", nargs="+", help="source trees (folders holding claimcheck/) or commits")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--mb", type=float, default=1.0, help="size of the slice (default 1 MB)")
    ap.add_argument("--check", metavar="TABLES", help="count claimcheck.check against these tables")
    ap.add_argument("--as-of", default="", help="the article date for --check (YYYY-MM-DD)")
    a = ap.parse_args(argv)
    check = None if a.check is None else (str(Path(a.check).resolve()), a.as_of)
    if not a.corpus.is_file():
        print(f"corpus not found: {a.corpus} (give --corpus PATH)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="claimcheck-instr-") as tmpd:
        tmp = Path(tmpd)
        slices = make_slices(a.corpus, tmp, a.mb)
        print(f"slice: {slices[0].stat().st_size / 1e6:.2f} MB of {a.corpus}")
        for k, name in enumerate(a.trees):
            tree = Path(name)
            worktree = None
            if not (tree / "claimcheck").is_dir():
                worktree = tmp / f"tree{k}"
                subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q",
                                str(worktree), name], check=True)
                tree = worktree
            try:
                n, claims = measure(tree.resolve(), slices, check)
            finally:
                if worktree is not None:
                    subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force",
                                    str(worktree)], check=False)
            print(f"{name:20s} {n / 1e6:9.1f} M instructions  {claims}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
