package org.officeguard.runtime;

import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * A service whose rule state can be snapshotted: every site's state as a plain record of type {@code S}, read and
 * written by {@link SnapshotFile}.
 */
public interface SnapshotSource<S> {

    /** The type of one site's state. */
    Class<S> stateType();

    /**
     * Every site's state, taken while no input is in the rules ({@code quiet}, checked under the engines' locks), or
     * null when this is no snapshot point (an input in flight, or one held in a reorder buffer).
     */
    Map<String, S> export(BooleanSupplier quiet);

    /** Takes every site's state from a snapshot; a site the snapshot does not name keeps its fresh state. */
    void restore(Map<String, S> sites);
}
