"""Database details that differ between SQLite and PostgreSQL."""
import threading
import weakref

from sqlalchemy import event

from .clock import UTCDateTime, aware, utcnow  # noqa: F401  re-exported until accounts/ imports server.clock

# Ids are 32-bit integers on PostgreSQL: a bigger number names no record.
MAX_ID = 2**31 - 1


_bound: "weakref.WeakSet" = weakref.WeakSet()


def bind_pragmas(engine, busy_timeout_ms: int = 15000) -> None:
    """Called by create_app for the app's engine: SQLite's settings on every new connection.

    WAL lets readers work while a writer commits; the busy timeout makes writers wait, not fail.
    SQLite's wait is polling (a writer that has waited long sleeps 100 ms between tries, while a new
    one tries after 1, 2, 5 ms), so with 40 people signing up at once the unlucky ones waited past the
    old 5 s and got 503 (bench/signup_bench.py). 15 s (SQLITE_BUSY_TIMEOUT_MS) stays under the PWA's
    20 s request timeout and gunicorn's 30 s worker timeout. And the threads of one process take
    their turns at writing through a lock that waits without polling (`_one_writer_per_process`), so
    only one writer per process polls SQLite: 5 processes, not 40 threads, race for the write lock.
    """
    if engine.dialect.name != "sqlite" or engine in _bound:
        return

    def pragmas(dbapi_connection, _record):
        cur = dbapi_connection.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    event.listen(engine, "connect", pragmas)
    _one_writer_per_process(engine, busy_timeout_ms / 1000)
    _bound.add(engine)


WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


def _one_writer_per_process(engine, wait: float) -> None:
    """A connection's first write in a transaction waits for this process's other writers to finish.

    SQLite's write lock is taken at the first write (pysqlite begins the transaction there) and held
    until commit or rollback; the process lock follows it. It is given back when the transaction
    ends, or at the latest when the connection goes back to the pool. A wait past `wait` seconds goes
    on to SQLite's own wait rather than hang (a thread writing on two connections at once).
    """
    lock = threading.Lock()

    @event.listens_for(engine, "before_cursor_execute")
    def take(conn, _cursor, statement, _params, _context, _many):
        if not conn.info.get("writer") and statement.lstrip()[:7].upper().startswith(WRITES):
            conn.info["writer"] = lock.acquire(timeout=wait)

    def give_back(info) -> None:
        if info.pop("writer", False):
            lock.release()

    event.listen(engine, "commit", lambda conn: give_back(conn.info))
    event.listen(engine, "rollback", lambda conn: give_back(conn.info))
    event.listen(engine, "checkin", lambda _dbapi, record: give_back(record.info))


def end_sessions_safely(app, db) -> None:
    """Called by create_app right after db.init_app: each request's session is ended here first (teardowns run
    last-registered first), and a connection the database dropped meanwhile (PostgreSQL restarted as the request
    finished: the closing ROLLBACK fails) is let go with a warning instead of raising past every error handler,
    where gunicorn would answer 500 for a request the app had already answered. The pool makes a new one."""
    import logging

    from sqlalchemy.exc import DBAPIError

    @app.teardown_appcontext
    def _end_session(_exc):
        try:
            db.session.remove()
        except DBAPIError as exc:
            if not exc.connection_invalidated:
                raise
            logging.getLogger(__name__).warning("database connection lost as a request ended; a new one is made")
            db.session.registry.clear()
