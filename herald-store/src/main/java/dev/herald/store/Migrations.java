package dev.herald.store;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.exception.FlywayValidateException;

/**
 * Brings Herald's system tables up to date with Flyway, from {@code db/migration/<dialect>}. The
 * migrations run on a connection of their own, which Flyway commits as it goes.
 */
final class Migrations {

    private Migrations() {
    }

    static void migrate(Store store, Connection connection) {
        try {
            Flyway.configure(Migrations.class.getClassLoader())
                    .dataSource(new SingleConnection(connection))
                    .locations("classpath:db/migration/" + store.dialect().migrations())
                    .table("herald_schema_history")
                    .loggers("slf4j")
                    .load()
                    .migrate();
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
