"""A plan's stamp: a number the database moves whenever a row shown on the plan's pages
changes (its steps, check-ins and evidence here; its reviews and their comments from the
reviews app's migration). Pages cached under it (plans/page_cache.py) are then never stale,
whatever wrote the row: a model's save, a bulk update, the admin or a raw SQL statement.

The database moves it, not Django: triggers, written here for PostgreSQL and SQLite, each
given the SQL that finds the plan of a changed row. PostgreSQL's run once per statement over
the rows it changed, so a bulk load pays one UPDATE, not one per row."""

from django.db.backends.base.schema import BaseDatabaseSchemaEditor

# Table of the changed rows -> SQL naming the plans of `changed` (a row, or PostgreSQL's
# table of changed rows), selected as `plan_id`.
PLANS_OF = {
    "plans_planstep": "SELECT plan_id FROM {changed}",
    "plans_checkin": "SELECT plan_id FROM {changed}",
    "plans_evidence": (
        "SELECT step.plan_id FROM plans_planstep step JOIN {changed} ON step.id = {row}.step_id"
    ),
}

EVENTS = {"INSERT": ("NEW",), "UPDATE": ("OLD", "NEW"), "DELETE": ("OLD",)}


def _postgresql(table: str, plans_of: str) -> list[str]:
    name = f"{table}_stamps_plan"
    statements = [
        # Table names and SQL from this module and the migrations: nothing from outside.
        f"""CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE plans_plan SET stamp = stamp + 1 WHERE id IN (
    {plans_of.format(changed="changed_rows", row="changed_rows")}
  );
  RETURN NULL;
END $$"""  # noqa: S608
    ]
    for event in EVENTS:
        # A trigger with a table of changed rows serves one event; an update is seen through
        # its new rows (a row's plan never changes).
        transition = "OLD TABLE" if event == "DELETE" else "NEW TABLE"
        statements.append(
            f"CREATE TRIGGER {name}_{event.lower()} AFTER {event} ON {table} "
            f"REFERENCING {transition} AS changed_rows "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {name}()"
        )
    return statements


def _sqlite(table: str, plans_of: str) -> list[str]:
    statements = []
    for event, rows in EVENTS.items():
        plans = " UNION ".join(_sqlite_row(plans_of, row) for row in rows)
        trigger = f"CREATE TRIGGER {table}_stamps_plan_{event.lower()} AFTER {event} ON {table} "
        body = f"BEGIN UPDATE plans_plan SET stamp = stamp + 1 WHERE id IN ({plans}); END"  # noqa: S608
        statements.append(trigger + body)
    return statements


def _sqlite_row(plans_of: str, row: str) -> str:
    # SQLite's triggers see one row, OLD or NEW, not a table: select from no table at all.
    if plans_of.startswith("SELECT plan_id FROM {changed}"):
        return f"SELECT {row}.plan_id"
    return plans_of.replace(" JOIN {changed} ON ", " WHERE ").format(row=row)


def create(schema_editor: BaseDatabaseSchemaEditor, tables: dict[str, str]) -> None:
    """Creates the triggers that move the stamp of the plans of `tables`' changed rows."""
    vendor = schema_editor.connection.vendor
    write = {"postgresql": _postgresql, "sqlite": _sqlite}[vendor]
    for table, plans_of in tables.items():
        for statement in write(table, plans_of):
            schema_editor.execute(statement)


def drop(schema_editor: BaseDatabaseSchemaEditor, tables: dict[str, str]) -> None:
    vendor = schema_editor.connection.vendor
    for table in tables:
        for event in EVENTS:
            schema_editor.execute(
                f"DROP TRIGGER IF EXISTS {table}_stamps_plan_{event.lower()}"
                + (f" ON {table}" if vendor == "postgresql" else "")
            )
        if vendor == "postgresql":
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {table}_stamps_plan()")
