package org.officeguard.core.model;

/** The exit panel: LOCKUP locks and arms the office, UNLOCK disarms it in the morning. */
public enum LastExitAction {
    LOCKUP,
    UNLOCK
}
