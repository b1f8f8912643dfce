"""The kabupaten's receiver on PostgreSQL: the same sync protocol as the kecamatan PC (protocol.py),
stored in PostgreSQL through psycopg 3 with the schema managed by Alembic, one database role per
enrolled office and row-level security so that no office's rows can be written under another's
name, and a read-only dashboard role. Imported only by `loket serve --database postgresql://…`,
the `loket kabupaten` commands and their tests; never by the desktop app."""
