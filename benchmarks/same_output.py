"""Proof that a speed change kept the output: the CLI's reports, tree against tree, byte for byte.

A faster path (a pre-filter before a regex, a cached look-up, a hand-written
JSON encoder) must not change one byte of what ``claimcheck`` prints. This
script runs the same commands in two source trees (a commit, checked out in a
temporary worktree, and by default the working tree) and compares their
standard output, byte for byte:

* ``extract`` and ``check`` of ``examples/`` as JSON Lines (the bundled tables);
* ``extract`` of a slice of ``../shared/corpus/news.txt`` (every k-th line, all
  sources, 5 MB by default; NUL bytes as spaces) as JSON Lines, with ``--jobs 1``
  and ``--jobs 2``;
* ``check`` of the slice against a generated 10,000-row SYNTHETIC table
  (:func:`benchmarks.throughput.make_reference`), so that many claims meet a row
  and carry evidence, as JSON Lines.

Both trees read the same inputs from one temporary folder (so the ``file``
fields agree) and run in the interpreter running this script, each with its own
start-up cache. Exit 0 when every output is identical, 1 otherwise (the first
differing line of each is shown), 2 without the corpus.

    python benchmarks/same_output.py main            # main vs the working tree
    python benchmarks/same_output.py 490796d HEAD --mb 10
"""
from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from instructions import DEFAULT_CORPUS, make_slices  # noqa: E402
from throughput import make_reference  # noqa: E402

#: name → arguments after ``python -m claimcheck`` (run in the inputs' folder)
COMMANDS = {
    "extract examples": ["extract", "examples", "--format", "jsonl"],
    "check examples": ["check", "examples", "--format", "jsonl", "--fail-on", "never"],
    "extract slice": ["extract", "slice.txt", "--format", "jsonl", "--jobs", "1", "-q"],
    "extract slice --jobs 2": ["extract", "slice.txt", "--format", "jsonl", "--jobs", "2", "-q"],
    "check slice": ["check", "slice.txt", "--reference", "reference", "--format", "jsonl",
                    "--jobs", "1", "-q", "--fail-on", "never"],
}


def run_tree(tree: Path, inputs: Path, out: Path) -> dict[str, Path]:
    """Each command's standard output in ``tree``, as files in ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, PYTHONPATH=str(tree), PYTHONHASHSEED="0",
               CLAIMCHECK_CACHE_DIR=str(out / "cache"), NO_COLOR="1")
    env.pop("FORCE_COLOR", None)
    found = {}
    for name, args in COMMANDS.items():
        path = out / (name.replace(" ", "_").replace("-", "") + ".out")
        with path.open("wb") as fh:
            proc = subprocess.run([sys.executable, "-m", "claimcheck", *args], cwd=inputs, env=env,
                                  stdout=fh, stderr=subprocess.PIPE)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"{tree}: {name} failed ({proc.returncode}):\n{proc.stderr.decode()[-2000:]}")
        found[name] = path
    return found


def first_difference(a: Path, b: Path) -> str:
    with a.open("rb") as fa, b.open("rb") as fb:
        for k, (x, y) in enumerate(zip(fa, fb, strict=False), 1):
            if x != y:
                return f"line {k}:\n  - {x[:300]!r}\n  + {y[:300]!r}"
    return "one output is a prefix of the other"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("base", help="the commit (or source tree) before the change")
    ap.add_argument("after", nargs="?", default=str(ROOT), help="after it (default: this working tree)")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--mb", type=float, default=5.5, help="size of the corpus slice (default 5.5 MB: 5.3 MB)")
    a = ap.parse_args(argv)
    if not a.corpus.is_file():
        print(f"corpus not found: {a.corpus} (give --corpus PATH)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="claimcheck-same-") as tmpd:
        tmp = Path(tmpd)
        inputs = tmp / "inputs"
        inputs.mkdir()
        slice_path, _, _ = make_slices(a.corpus, inputs, a.mb)
        shutil.copytree(ROOT / "examples", inputs / "examples")
        make_reference(inputs / "reference")
        print(f"slice: {slice_path.stat().st_size / 1e6:.2f} MB of {a.corpus}", flush=True)
        outputs = []
        worktrees = []
        try:
            for k, name in enumerate((a.base, a.after)):
                tree = Path(name)
                if not (tree / "claimcheck").is_dir():
                    tree = tmp / f"tree{k}"
                    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q",
                                    str(tree), name], check=True)
                    worktrees.append(tree)
                outputs.append(run_tree(tree.resolve(), inputs, tmp / f"out{k}"))
        finally:
            for tree in worktrees:
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)],
                               check=False)
        same = True
        for name in COMMANDS:
            before, after = outputs[0][name], outputs[1][name]
            equal = before.read_bytes() == after.read_bytes()
            same = same and equal
            lines = sum(1 for _ in after.open("rb"))
            print(f"{name:24s} {after.stat().st_size:>11,} bytes {lines:>8,} lines  "
                  f"{_digest(after)}  {'identical' if equal else 'DIFFERENT'}")
            if not equal:
                print("  " + first_difference(before, after))
    print("identical" if same else "OUTPUTS DIFFER")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
