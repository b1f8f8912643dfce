"""The Application is one aggregate: only desktop/models/applications/aggregate.py changes it.

Checked on the source, like tests/test_architecture.py: no other module writes the application
tables (SQL text or sqlite-utils table calls), and no other module sets an application's or a
step's state fields. Migrations are exempt: their DDL and data moves are frozen history.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AGGREGATE = ROOT / "desktop/models/applications/aggregate.py"
MIGRATIONS = ROOT / "desktop/models/migrations"
TABLES = ("applications", "application_steps", "application_requirements", "application_events",
          "application_counters")
WRITE_SQL = re.compile(r"\b(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)\s+"
                       r"[\"'`\[]?(" + "|".join(TABLES) + r")\b")
WRITE_CALLS = {"insert", "insert_all", "update", "upsert", "upsert_all", "delete", "delete_where", "add_column",
               "transform", "drop", "create"}
# What a transition changes on an Application or a WorkStep.
STATE_FIELDS = {"status", "state", "active_step", "completed_at", "handed_over_at", "closed_reason", "due_at",
                "received_at", "started_at", "finished_at", "done_by", "done_by_name", "done_role"}


def _text(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "?" for v in node.values)
    return None


def _root(node: ast.AST) -> ast.AST:
    while isinstance(node, (ast.Attribute, ast.Subscript)):
        node = node.value
    return node


def _targets(node: ast.AST) -> list[ast.AST]:
    if isinstance(node, ast.Assign):
        found = node.targets
    elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
        found = [node.target]
    else:
        return []
    flat: list[ast.AST] = []
    for t in found:
        flat += t.elts if isinstance(t, (ast.Tuple, ast.List)) else [t]
    return flat


def offences(source: str, where: str) -> list[str]:
    """Writes to the application tables and changes of application/step state in `source`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        text = _text(node)
        if text is not None and (match := WRITE_SQL.search(text)):
            found.append(f"{where}:{node.lineno} SQL writes {match.group(1)}")
        if (isinstance(node, ast.Attribute) and node.attr in WRITE_CALLS and isinstance(node.value, ast.Subscript)
                and _text(node.value.slice) in TABLES):
            found.append(f"{where}:{node.lineno} [{_text(node.value.slice)!r}].{node.attr}")
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "table"
                and node.args and _text(node.args[0]) in TABLES):
            found.append(f"{where}:{node.lineno} .table({_text(node.args[0])!r})")
        for target in _targets(node):
            root = _root(target)
            if (isinstance(target, ast.Attribute) and target.attr in STATE_FIELDS
                    and not (isinstance(root, ast.Name) and root.id == "self")):
                found.append(f"{where}:{node.lineno} sets {ast.unparse(target)}")
    return found


def test_only_the_aggregate_writes_applications():
    found = []
    for path in sorted((ROOT / "desktop").rglob("*.py")):
        if path == AGGREGATE or MIGRATIONS in path.parents:
            continue
        found += offences(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    assert found == [], "change applications only through desktop/models/applications/aggregate.py"


def test_the_aggregate_itself_is_what_the_check_sees():
    """The check is live: the aggregate's own code would fail it, and so would each kind of bypass."""
    own = offences(AGGREGATE.read_text(encoding="utf-8"), "aggregate")
    assert any("SQL writes application_counters" in o for o in own)
    assert any("['applications'].insert" in o for o in own)
    assert any("sets app.status" in o for o in own)
    bypasses = [
        'db.execute("UPDATE applications SET status = ? WHERE id = ?", ["diambil", x])',
        "db.execute(f\"DELETE FROM application_steps WHERE application_id = '{x}'\")",
        'db.execute("INSERT OR REPLACE INTO application_events (seq) VALUES (1)")',
        'services.db["applications"].update(app.id, {"register_id": entry.id})',
        'db.table("application_requirements").insert({})',
        "app.status = Status.DIAMBIL",
        "step.state, step.finished_at = StepState.DONE, now",
        "app.steps[2].done_by = user.id",
    ]
    for code in bypasses:
        assert offences(code, "x"), code
    assert offences('self.status = "x"\nrows = db.execute("SELECT * FROM applications")', "x") == []
