package dev.herald.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.jooq.ConnectionProvider;
import org.jooq.exception.DataAccessException;

/**
 * The connections of one store and the unit of work of each thread. A thread inside
 * {@link Store#inTransaction} holds one connection until the unit ends, and every statement it runs
 * meanwhile — through jOOQ or plain JDBC — runs on it. Outside a unit, each statement borrows an idle
 * connection in auto-commit mode and gives it back. New connections come from {@code opener}: a
 * duplicate of the DuckDB connection (one database instance per file and process), or a new
 * PostgreSQL session. At most {@code maxIdle} idle connections are kept.
 */
final class Connections implements ConnectionProvider, AutoCloseable {

    /** Opens one more connection to the store, already set up (time zone, planner settings). */
    @FunctionalInterface
    interface Opener {
        Connection open() throws SQLException;
    }

    /** The connection a thread's unit of work runs on. */
    private static final class Unit {
        final Connection connection;

        Unit(Connection connection) {
            this.connection = connection;
        }
    }

    private final Opener opener;
    private final int maxIdle;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private final ThreadLocal<Unit> units = new ThreadLocal<>();
    private boolean closed;

    Connections(Opener opener, int maxIdle) {
        this.opener = opener;
        this.maxIdle = maxIdle;
    }

    /** Whether the calling thread is inside a unit of work. */
    boolean inUnit() {
        return units.get() != null;
    }

    /** The connection of the calling thread's unit of work. */
    Connection unitConnection() {
        Unit u = units.get();
        if (u == null) {
            throw new IllegalStateException("no unit of work on this thread: run the work inside Store.inTransaction");
        }
        return u.connection;
    }

    /** Starts a unit of work on the calling thread, on a connection of its own in a transaction. */
    Connection begin() throws SQLException {
        Connection c = borrow();
        try {
            c.setAutoCommit(false);
        } catch (SQLException e) {
            discard(c);
            throw e;
        }
        units.set(new Unit(c));
        return c;
    }

    /** Ends the calling thread's unit of work and gives its connection back. */
    void end() {
        Unit u = units.get();
        units.remove();
        if (u == null) {
            return;
        }
        try {
            u.connection.setAutoCommit(true);
            giveBack(u.connection);
        } catch (SQLException e) {
            discard(u.connection);
        }
    }

    @Override
    public Connection acquire() {
        Unit u = units.get();
        if (u != null) {
            return u.connection;
        }
        try {
            return borrow();
        } catch (SQLException e) {
            throw new DataAccessException("cannot open a connection to the store: " + e.getMessage(), e);
        }
    }

    @Override
    public void release(Connection connection) {
        Unit u = units.get();
        if (u != null && u.connection == connection) {
            return; // the unit keeps it until it ends
        }
        giveBack(connection);
    }

    /** A connection that is not part of any unit, for a long read beside writes (the caller closes it). */
    Connection open() throws SQLException {
        return opener.open();
    }

    private Connection borrow() throws SQLException {
        synchronized (idle) {
            if (closed) {
                throw new SQLException("the store is closed");
            }
            Connection c = idle.pollFirst();
            if (c != null) {
                return c;
            }
        }
        return opener.open();
    }

    private void giveBack(Connection c) {
        synchronized (idle) {
            if (!closed && idle.size() < maxIdle) {
                idle.addFirst(c);
                return;
            }
        }
        discard(c);
    }

    private static void discard(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // a connection that will not close is gone anyway
        }
    }

    @Override
    public void close() {
        synchronized (idle) {
            closed = true;
            idle.forEach(Connections::discard);
            idle.clear();
        }
    }
}
