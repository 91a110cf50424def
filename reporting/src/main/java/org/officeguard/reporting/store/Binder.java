package org.officeguard.reporting.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Sets the parameters of one statement. */
@FunctionalInterface
interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
}
