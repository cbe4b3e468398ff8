"""Tables of paratrain's supervision store: append-only records keyed to nbgrader's ids.

Every table is a log. A changed rating, a resolved flag or a corrected supervision session is a
*new row*; nothing is updated or deleted, so the history of every decision stays visible. The
database enforces it: triggers reject ``UPDATE`` and ``DELETE`` on every table (SQLite and
PostgreSQL), so not even a hand-written SQL statement can rewrite history by accident.

Keys follow nbgrader's gradebook: ``course``, ``assignment``, ``student``, ``notebook`` and
``grade_id`` (the cell), so records join the gradebook without copying it.

Schema version 1. :data:`SCHEMA_VERSION` is stored in ``store_meta``; a store written by a newer
paratrain is refused with a clear message rather than misread.
"""

from __future__ import annotations

from sqlalchemy import (
    DDL,
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    event,
)

SCHEMA_VERSION = 1

metadata = MetaData()

Id = 128  # nbgrader's id columns are VARCHAR(128)


def _who(name: str) -> Column[str]:
    return Column(name, String(Id), nullable=False)


def _when() -> Column[object]:
    return Column("created_at", DateTime(timezone=True), nullable=False)


store_meta = Table(
    "store_meta",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("schema_version", Integer, nullable=False),
    _when(),
)

rubric_version = Table(
    "rubric_version",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("course", String(Id), nullable=False),
    Column("assignment", String(Id), nullable=False),
    Column("notebook", String(Id), nullable=False),
    Column("grade_id", String(Id), nullable=False),
    Column("version", String(80), nullable=False),
    Column("body", JSON, nullable=False),
    Column("source", Text, nullable=False),
    _who("actor"),
    _when(),
    UniqueConstraint("course", "assignment", "notebook", "grade_id", "version"),
)

rubric_score = Table(
    "rubric_score",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("course", String(Id), nullable=False),
    Column("assignment", String(Id), nullable=False),
    Column("student", String(Id), nullable=False),
    Column("notebook", String(Id), nullable=False),
    Column("grade_id", String(Id), nullable=False),
    Column("rubric_version", String(80), nullable=False),
    Column("marks", JSON, nullable=False),
    Column("total", Float, nullable=False),
    Column("max_total", Float, nullable=False),
    Column("comment", Text, nullable=False, default=""),
    Column("reason", String(40), nullable=False),
    _who("reviewer"),
    _when(),
)

rating = Table(
    "rating",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("course", String(Id), nullable=False),
    Column("assignment", String(Id), nullable=False),
    Column("student", String(Id), nullable=False),
    Column("competency", String(80), nullable=False),
    Column("computed_level", Integer, nullable=True),
    Column("level", Integer, nullable=False),
    Column("comment", Text, nullable=False, default=""),
    Column("rubric_version", String(200), nullable=False),
    _who("reviewer"),
    _when(),
)

signoff = Table(
    "signoff",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("course", String(Id), nullable=False),
    Column("student", String(Id), nullable=False),
    Column("assignment", String(Id), nullable=False),
    Column("decision", String(20), nullable=False),
    Column("comment", Text, nullable=False, default=""),
    Column("criteria", JSON, nullable=False),
    _who("reviewer"),
    _when(),
)

flag = Table(
    "flag",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("course", String(Id), nullable=False),
    Column("key", String(400), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("severity", Integer, nullable=False),
    Column("assignment", String(Id), nullable=False, default=""),
    Column("student", String(Id), nullable=False, default=""),
    Column("notebook", String(Id), nullable=False, default=""),
    Column("item", String(200), nullable=False, default=""),
    Column("reason", Text, nullable=False),
    Column("detail", JSON, nullable=False),
    _who("raised_by"),
    _when(),
    UniqueConstraint("course", "key"),
)

flag_event = Table(
    "flag_event",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("flag_id", Integer, ForeignKey("flag.id"), nullable=False),
    Column("action", String(20), nullable=False),
    Column("note", Text, nullable=False, default=""),
    _who("actor"),
    _when(),
)

queue_item = Table(
    "queue_item",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("course", String(Id), nullable=False),
    Column("student", String(Id), nullable=False),
    Column("assignment", String(Id), nullable=False),
    Column("subject", Text, nullable=False),
    _who("created_by"),
    _when(),
)

queue_event = Table(
    "queue_event",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("item_id", Integer, ForeignKey("queue_item.id"), nullable=False),
    Column("action", String(20), nullable=False),
    Column("assignee", String(Id), nullable=False, default=""),
    Column("note", Text, nullable=False, default=""),
    _who("actor"),
    _when(),
)

supervision_session = Table(
    "supervision_session",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("course", String(Id), nullable=False),
    Column("trainee", String(Id), nullable=False),
    Column("supervisor", String(Id), nullable=False),
    Column("held_on", String(10), nullable=False),
    Column("minutes", Integer, nullable=False),
    Column("format", String(20), nullable=False),
    Column("topics", JSON, nullable=False),
    Column("notes", Text, nullable=False, default=""),
    Column("replaces", Integer, ForeignKey("supervision_session.id"), nullable=True),
    Column("voided", Boolean, nullable=False, default=False),
    _who("recorded_by"),
    _when(),
)

APPEND_ONLY = [t.name for t in metadata.sorted_tables if t.name != "store_meta"]


def _ddl(sql: str) -> DDL:
    return DDL(sql)  # type: ignore[no-untyped-call]  # SQLAlchemy leaves DDL() untyped


_PG_FUNCTION = _ddl("""
CREATE OR REPLACE FUNCTION paratrain_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'paratrain store: %% on %% is not allowed (records are append-only)',
    TG_OP, TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql
""")


def _guard(table: Table) -> None:
    name = table.name
    for op in ("UPDATE", "DELETE"):
        event.listen(
            table,
            "after_create",
            _ddl(
                f"CREATE TRIGGER {name}_no_{op.lower()} BEFORE {op} ON {name} "
                f"BEGIN SELECT RAISE(ABORT, 'paratrain store: {op} on {name} is not allowed "
                f"(records are append-only)'); END"
            ).execute_if(dialect="sqlite"),
        )
    event.listen(
        table,
        "after_create",
        _ddl(
            f"CREATE TRIGGER {name}_append_only BEFORE UPDATE OR DELETE ON {name} "
            f"FOR EACH ROW EXECUTE FUNCTION paratrain_append_only()"
        ).execute_if(dialect="postgresql"),
    )


event.listen(metadata, "before_create", _PG_FUNCTION.execute_if(dialect="postgresql"))
for _table in metadata.sorted_tables:
    if _table.name in APPEND_ONLY:
        _guard(_table)
