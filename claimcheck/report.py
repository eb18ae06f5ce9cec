"""Output formats (first version). Every format serialises ``to_record()``."""
from __future__ import annotations

import csv
import io
import json
from typing import Any, Sequence

FORMATS = ("table", "jsonl", "json", "csv")


def records_of(items: Sequence[Any]) -> list[dict[str, Any]]:
    return [it.to_record() for it in items]


def render(items: Sequence[Any], fmt: str) -> bytes:
    recs = records_of(items)
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs).encode()
    if fmt == "json":
        return (json.dumps(recs, ensure_ascii=False, indent=2) + "\n").encode()
    if fmt == "csv":
        buf = io.StringIO()
        if recs:
            w = csv.DictWriter(buf, fieldnames=list(recs[0]), lineterminator="\r\n")
            w.writeheader()
            w.writerows(recs)
        return ("\ufeff" + buf.getvalue()).encode()
    if fmt == "table":
        lines = []
        for r in recs:
            unit = f" {r['unit']}" if r.get("unit") else ""
            val = r["value"] if r["value"] is not None else f"{r['low']}–{r['high']}"
            verdict = f"  [{r['verdict']}: {r['reason']}]" if "verdict" in r else ""
            lines.append(f"{r['file']}:{r['line']}:{r['column']}  {r['kind']:<8} {val}{unit} "
                         f"({r['qualifier']})  \u2067{r['text']}\u2069{verdict}")
        return ("\n".join(lines) + ("\n" if lines else "")).encode()
    raise ValueError(f"unknown format {fmt!r}")
