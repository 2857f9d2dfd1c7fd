package dev.herald.store;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.exception.FlywayValidateException;

/**
 * Brings Herald's system tables up to date with Flyway, from {@code db/migration/<dialect>}. The
 * migrations run on a connection of their own, which Flyway commits as it goes. A store whose
 * history already ends at the latest version is opened without Flyway: one small query instead of
 * the half second Flyway takes to start and scan its migrations on every command.
 */
public final class Migrations {

    /** The highest migration version of each dialect's folder (a test checks it against the files). */
    public static final int LATEST = 13;

    private Migrations() {
    }

    static void migrate(Store store, Connection connection) {
        if (!isCurrent(connection)) {
            flyway(store, connection, f -> f.migrate());
        }
    }

    /** Checks the applied migrations against this build's (their checksums too), whatever their versions. */
    static void validate(Store store, Connection connection) {
        flyway(store, connection, f -> {
            f.validate();
            return null;
        });
    }

    /** Whether every migration up to {@link #LATEST} is applied, and nothing beyond it nor failed. */
    public static boolean isCurrent(Connection connection) {
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*), max(CAST(version AS INTEGER)), "
                     + "sum(CASE WHEN success THEN 0 ELSE 1 END) FROM herald_schema_history WHERE version IS NOT NULL")) {
            return r.next() && r.getInt(1) == LATEST && r.getInt(2) == LATEST && r.getInt(3) == 0;
        } catch (SQLException e) {
            return false; // no history yet (a new store), or one Flyway must judge
        }
    }

    private static <T> T flyway(Store store, Connection connection, java.util.function.Function<Flyway, T> work) {
        try {
            return work.apply(Flyway.configure(Migrations.class.getClassLoader())
                    .dataSource(new SingleConnection(connection))
                    .locations("classpath:db/migration/" + store.dialect().migrations())
                    .table("herald_schema_history")
                    .loggers("slf4j")
                    .load());
        } catch (FlywayValidateException e) {
            // e.g. a store made by a newer Herald, or by a development build whose migrations changed since
            String why = e.getMessage().lines().skip(1).findFirst().orElse(e.getMessage()).strip();
            throw new StoreException("the system tables of " + store.location() + " were made by another version of Herald ("
                    + why + "); open it with that version, or start from a new store", e);
        }
    }

    /** A DataSource over one connection that Flyway must not close. */
    private record SingleConnection(Connection connection) implements DataSource {
        @Override
        public Connection getConnection() {
            return (Connection) java.lang.reflect.Proxy.newProxyInstance(Connection.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("close")) {
                            return null;
                        }
                        try {
                            return method.invoke(connection, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public Connection getConnection(String user, String password) {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
