"""Validation reports: every problem found in a source file, as errors (the file is invalid) or
warnings (worth a look, the file is still usable), with the rows and columns at fault."""
import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..errors import ParameterError
from .atomic import atomic_file

COLUMNS = ["severity", "rule", "column", "row", "value"]
# Rows kept per (severity, rule, column): a 200 MB file with one bad column must not fill memory.
MAX_ROWS_PER_RULE = 1000


def issues_frame(rule, rows, *, column, values="", severity="warning"):
    """Issues for one rule: ``rows`` as row numbers (header = row 1)."""
    rows = pd.array(list(rows), dtype="Int64")
    return pd.DataFrame({"severity": severity, "rule": rule, "column": column, "row": rows,
                         "value": values if isinstance(values, str) else [str(v) for v in values]},
                        columns=COLUMNS)


@dataclass
class Report:
    path: str
    kind: str = ""
    rows: int = 0
    notes: list = field(default_factory=list)
    _parts: list = field(default_factory=list)
    _counts: dict = field(default_factory=dict)

    def add(self, issues):
        """Add an issues frame (columns ``COLUMNS``), keeping at most MAX_ROWS_PER_RULE per rule."""
        if issues is None or not len(issues):
            return
        for key, group in issues.groupby(["severity", "rule", "column"], sort=False, dropna=False):
            stored = self._counts.get(key, (0, 0))
            room = max(MAX_ROWS_PER_RULE - stored[1], 0)
            self._parts.append(group.head(room))
            self._counts[key] = (stored[0] + len(group), stored[1] + min(room, len(group)))

    def add_failures(self, failures, severity="error"):
        """Add schema failures (columns column, check, row, value)."""
        if len(failures):
            self.add(pd.DataFrame({"severity": severity, "rule": failures["check"], "column": failures["column"],
                                   "row": failures["row"], "value": failures["value"]}, columns=COLUMNS))

    def frame(self):
        if not self._parts:
            return pd.DataFrame({c: pd.Series(dtype="Int64" if c == "row" else object) for c in COLUMNS})
        table = pd.concat(self._parts, ignore_index=True)
        table["row"] = table["row"].astype("Int64")
        return table

    def count(self, severity):
        return sum(total for (sev, _, _), (total, _) in self._counts.items() if sev == severity)

    @property
    def errors(self):
        return self.count("error")

    @property
    def warnings(self):
        return self.count("warning")

    @property
    def ok(self):
        return self.errors == 0

    def text(self, *, limit=20):
        """The report as people read it: per rule, the rows (and values) that break it."""
        state = "valid" if self.ok else "INVALID"
        lines = [f"{self.path}: {self.kind or '?'}, {self.rows} row(s): {state} "
                 f"({self.errors} error(s), {self.warnings} warning(s))"]
        lines += [f"  note: {n}" for n in self.notes]
        table = self.frame()
        for severity in ("error", "warning"):
            part = table[table["severity"] == severity]
            if not len(part):
                continue
            lines.append(f"{severity}s:")
            for (rule, column), group in part.groupby(["rule", "column"], sort=False, dropna=False):
                total = self._counts.get((severity, rule, column), (len(group), 0))[0]
                located = group[group["row"].notna()].head(limit)
                if len(located):
                    shown = ", ".join(f"{r}" + (f" ({v})" if v else "")
                                      for r, v in zip(located["row"], located["value"]))
                    more = f", ... and {total - len(located)} more" if total > len(located) else ""
                    lines.append(f"  [{rule}] column {column}: {total} row(s): rows {shown}{more}")
                else:
                    lines.append(f"  [{rule}] column {column}: " + "; ".join(group["value"].head(limit)))
        return "\n".join(lines)

    def write(self, path):
        """Write the issues as CSV (one line per issue) or JSON (summary + issues), atomically."""
        path = Path(path)
        suffix = path.suffix.lower()
        if suffix not in (".csv", ".json"):
            raise ParameterError(f"{path}: the report must end in .csv or .json")
        table = self.frame()
        with atomic_file(path) as tmp:
            if suffix == ".csv":
                table.to_csv(tmp, index=False)
            else:
                record = {"path": str(self.path), "kind": self.kind, "rows": self.rows, "valid": self.ok,
                          "errors": self.errors, "warnings": self.warnings, "notes": self.notes,
                          "issues": json.loads(table.to_json(orient="records"))}
                tmp.write_text(json.dumps(record, indent=1, ensure_ascii=False), encoding="utf-8")
        return path
