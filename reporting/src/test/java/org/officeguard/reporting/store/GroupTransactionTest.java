package org.officeguard.reporting.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The group commit on an in-memory H2 database, with failures made on purpose: a value too long for its column fails
 * a write, and the data source can refuse connections or fail a commit.
 */
class GroupTransactionTest {

    private final JdbcDataSource h2 = new JdbcDataSource();
    private Connection keepAlive;
    private boolean refuseConnections;
    private boolean failCommits;
    private GroupTransaction writes;

    @BeforeEach
    void database() throws SQLException {
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID());
        keepAlive = h2.getConnection();
        try (Statement statement = keepAlive.createStatement()) {
            statement.execute("CREATE TABLE input (id VARCHAR(8) PRIMARY KEY)");
        }
        writes = new GroupTransaction(failing());
    }

    @AfterEach
    void close() throws SQLException {
        writes.close();
        keepAlive.close();
    }

    @Test
    void the_inputs_writes_are_seen_once_committed() throws SQLException {
        write("a");
        write("b");
        assertEquals(List.of(), committed(), "not before the commit");
        writes.commitInputs(() -> write("last"));
        assertEquals(List.of("a", "b", "last"), committed());
        assertEquals(CommitState.COMMITTING, writes.state());
    }

    @Test
    void a_failed_write_loses_the_group_and_the_inputs_commit_reports_it_before_the_closing_may_commit()
            throws SQLException {
        write("a");
        assertThrows(StorageUnavailableException.class, () -> write("too long for the column"));
        assertEquals(CommitState.TRANSACTION_LOST, writes.state());

        StorageUnavailableException refused = assertThrows(StorageUnavailableException.class,
                () -> writes.commitClosing(() -> write("closed")));
        assertTrue(refused.getMessage().startsWith("inputs' writes were lost (Value too long"), refused.getMessage());
        assertEquals(CommitState.TRANSACTION_LOST, writes.state(), "the closing does not take the loss for itself");

        StorageUnavailableException reported = assertThrows(StorageUnavailableException.class,
                () -> writes.commitInputs(() -> { }));
        assertTrue(reported.getMessage().startsWith("uncommitted writes were lost (Value too long"),
                reported.getMessage());
        assertEquals(CommitState.INPUTS_COMING_AGAIN, writes.state());
        assertEquals(List.of(), committed(), "a was lost");
        assertThrows(StorageUnavailableException.class, () -> writes.commitClosing(() -> { }),
                "held back while the inputs come again");

        write("a"); // delivered again
        writes.commitInputs(() -> { });
        assertEquals(CommitState.COMMITTING, writes.state());
        writes.commitClosing(() -> write("closed"));
        assertEquals(List.of("a", "closed"), committed());
    }

    @Test
    void a_failed_inputs_commit_holds_the_closing_back_until_an_inputs_commit_succeeds() throws SQLException {
        write("a");
        failCommits = true;
        assertThrows(StorageUnavailableException.class, () -> writes.commitInputs(() -> { }));
        assertEquals(CommitState.INPUTS_COMING_AGAIN, writes.state());
        failCommits = false;
        assertThrows(StorageUnavailableException.class, () -> writes.commitClosing(() -> { }));

        writes.commitInputs(() -> write("b"));
        assertEquals(CommitState.COMMITTING, writes.state());
        assertEquals(List.of("b"), committed());
    }

    @Test
    void a_failed_closing_commit_loses_the_inputs_writes_too_and_their_commit_reports_it() throws SQLException {
        write("a");
        failCommits = true;
        assertThrows(StorageUnavailableException.class, () -> writes.commitClosing(() -> write("closed")));
        failCommits = false;
        assertEquals(CommitState.TRANSACTION_LOST, writes.state());
        assertThrows(StorageUnavailableException.class, () -> writes.commitInputs(() -> { }));
        assertEquals(CommitState.INPUTS_COMING_AGAIN, writes.state());
        assertEquals(List.of(), committed());
    }

    @Test
    void a_last_write_that_fails_in_the_inputs_commit_is_reported_by_that_commit_once() throws SQLException {
        write("a");
        assertThrows(StorageUnavailableException.class, () -> writes.commitInputs(() -> write("too long for it")));
        assertEquals(CommitState.INPUTS_COMING_AGAIN, writes.state());
        writes.commitInputs(() -> write("b"));
        assertEquals(List.of("b"), committed());
    }

    @Test
    void a_write_that_gets_no_connection_loses_nothing() throws SQLException {
        refuseConnections = true;
        assertThrows(StorageUnavailableException.class, () -> write("a"));
        assertEquals(CommitState.COMMITTING, writes.state(), "no transaction was open");
        refuseConnections = false;
        write("b");
        writes.commitClosing(() -> { });
        assertEquals(List.of("b"), committed());
    }

    private void write(String id) {
        writes.write("INSERT INTO input (id) VALUES (?)", statement -> statement.setString(1, id));
    }

    private List<String> committed() throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection reader = h2.getConnection(); Statement statement = reader.createStatement();
                ResultSet rs = statement.executeQuery("SELECT id FROM input ORDER BY id")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    /** H2's connections, not auto-committed; {@code refuseConnections} and {@code failCommits} make them fail. */
    private DataSource failing() {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("getConnection")) {
                        return method.invoke(h2, args);
                    }
                    if (refuseConnections) {
                        throw new SQLException("connection refused");
                    }
                    Connection connection = h2.getConnection();
                    connection.setAutoCommit(false);
                    return failingCommits(connection);
                });
    }

    private Connection failingCommits(Connection connection) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("commit") && failCommits) {
                        throw new SQLException("commit failed");
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
