#!/usr/bin/env python3
"""Prints every row of a sandbox database (`popp-console sandbox --db FILE`), table by table
in primary-key order, with every time made relative to the sandbox's clock (meta 'clock') and
JSON objects printed with sorted keys.

The demo world is seeded relative to the moment the sandbox starts, so two runs of the same
seed and size differ only by that moment; after this normalisation they print the same text,
which is how a change to the seeding is checked to leave the world as it was:

    scripts/sandbox/dump-world.py before.sqlite > before.txt
    scripts/sandbox/dump-world.py after.sqlite > after.txt
    diff before.txt after.txt
"""
import datetime
import json
import re
import sqlite3
import sys

ISO = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z")


def relative_iso(match, anchor):
    text = match.group(0)
    moment = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    milliseconds = round(moment.timestamp() * 1000)
    return "T%+d" % (milliseconds - anchor)


def canonical_json(text):
    """JSON (a campaign, screening outcomes) with its keys sorted: the encoder writes them in
    an order that changes from process to process."""
    if not text.startswith(("{", "[")):
        return text
    try:
        return json.dumps(json.loads(text), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    except ValueError:
        return text


def main(path):
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    anchor = int(db.execute("SELECT value FROM meta WHERE key = 'clock'").fetchone()[0])
    tables = [name for (name,) in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE 'grdb_%' AND name != 'meta' ORDER BY name")]
    out = sys.stdout
    for table in tables:
        cursor = db.execute(f"SELECT * FROM {table} ORDER BY rowid")
        columns = [d[0] for d in cursor.description]
        count = 0
        for row in cursor:
            fields = []
            for column, value in zip(columns, row):
                if column.endswith("At") and isinstance(value, int):
                    value = "T%+d" % (value - anchor)
                elif isinstance(value, str):
                    value = ISO.sub(lambda m: relative_iso(m, anchor), canonical_json(value))
                fields.append(f"{column}={value!r}")
            out.write(f"{table}\t" + "\t".join(fields) + "\n")
            count += 1
        out.write(f"# {table}: {count} rows\n")
    # The schema too: a faster seeding must not leave a different database behind.
    for (sql,) in db.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name"):
        out.write(sql + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
