package org.officeguard.reporting.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.officeguard.runtime.PrivateDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reporting database: the embedded H2 database under {@code --data} by default, PostgreSQL (or another H2) when a
 * JDBC URL is configured. Its schema is versioned (Flyway, {@code db/migration}) and migrated at open. Two HikariCP
 * pools over it: the writer's single connection, whose transaction stays open for a group of inputs
 * ({@link GroupTransaction}), and the readers', each query committed on its own.
 */
final class ReportDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReportDatabase.class);

    /** Read connections: the report of a day, the closing of a day and {@code /reports} requests read at once. */
    private static final int READERS = 4;
    /** Read connections kept open while nothing reads. */
    private static final int IDLE_READERS = 2;
    /**
     * How long a write waits for the writer's connection before it fails (and its input is tried again): the pool
     * waits for a database that is away no longer than this, while reporting's inputs wait behind it.
     */
    private static final long WRITER_TIMEOUT_MS = 1_000;
    /** How long a read waits for a free read connection (a day of 100,000 violations takes seconds to read). */
    private static final long READER_TIMEOUT_MS = 10_000;
    /** Rows of one result H2 keeps in memory: a day of violations, with room to spare. */
    private static final int MAX_MEMORY_ROWS = 1_000_000;

    private final HikariDataSource writers;
    private final HikariDataSource readers;

    private ReportDatabase(HikariDataSource writers, HikariDataSource readers) {
        this.writers = writers;
        this.readers = readers;
    }

    /** Opens and migrates the database at {@code jdbcUrl}, or the embedded H2 file under {@code dataDir}. */
    static ReportDatabase open(String jdbcUrl, String user, String password, Path dataDir) {
        String url = jdbcUrl == null || jdbcUrl.isBlank() ? embedded(dataDir) : jdbcUrl;
        HikariDataSource readers = pool("reporting-reader", url, user, password, true, READERS, IDLE_READERS,
                READER_TIMEOUT_MS);
        try {
            Flyway.configure().dataSource(readers).locations("classpath:db/migration").load().migrate();
            if (url.startsWith("jdbc:h2:")) {
                keepResultsInMemory(readers);
            }
            HikariDataSource writers = pool("reporting-writer", url, user, password, false, 1, 1, WRITER_TIMEOUT_MS);
            LOG.info("Reporting database ready: {}", url.replaceAll("password=[^;&]*", "password=***"));
            return new ReportDatabase(writers, readers);
        } catch (RuntimeException e) {
            readers.close();
            throw e;
        }
    }

    /** The H2 file under {@code dataDir/reporting}, in a folder of the service's user alone: it holds names. */
    private static String embedded(Path dataDir) {
        Path dir = dataDir.resolve("reporting");
        try {
            PrivateDirectory.create(dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        return "jdbc:h2:file:" + dir.toAbsolutePath().resolve("officeguard")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                // a commit reaches the file at once, not up to 500 ms later: the MQTT ack follows it
                + ";WRITE_DELAY=0";
    }

    private static HikariDataSource pool(String name, String url, String user, String password, boolean autoCommit,
            int size, int idle, long timeoutMs) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setAutoCommit(autoCommit);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(idle);
        config.setConnectionTimeout(timeoutMs);
        return new HikariDataSource(config);
    }

    /**
     * A day's violations are read in one query, and H2 copies a result of more than some 40,000 rows per GiB of heap
     * through a temporary file (three times the cost of the read itself): results stay in memory, as the report holds
     * those rows in memory anyway. A database-wide setting that H2 keeps; it needs admin rights, and without them
     * H2's default stays.
     *
     * <p>Not H2's {@code LAZY_QUERY_EXECUTION}: a lazy read holds its table lock until the result is closed, and the
     * writer's open transaction then times out on "Timeout trying to lock table".
     */
    private static void keepResultsInMemory(HikariDataSource readers) {
        try (Connection connection = readers.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SET MAX_MEMORY_ROWS " + MAX_MEMORY_ROWS);
        } catch (SQLException e) {
            LOG.debug("H2 MAX_MEMORY_ROWS left as it is: {}", e.getMessage());
        }
    }


    /** The writer's pool: one connection, not auto-committed. */
    HikariDataSource writers() {
        return writers;
    }

    /** The readers' pool: auto-committed connections. */
    HikariDataSource readers() {
        return readers;
    }

    @Override
    public void close() {
        writers.close();
        readers.close();
    }
}
