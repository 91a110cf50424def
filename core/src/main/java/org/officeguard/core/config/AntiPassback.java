package org.officeguard.core.config;

/** What a door does when a holder badges from a zone they are not in (SPEC §3, step 4). */
public enum AntiPassback {
    /** Grant and report. */
    SOFT,
    /** Deny (unless the destination is outside) and report. */
    HARD
}
