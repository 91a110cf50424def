package org.officeguard.core.model;

/** What a PC agent reports. Ordered from weakest to strongest protection. */
public enum PcState {
    /** Unlocked, recent input. */
    ACTIVE(0),
    /** Unlocked, no input for {@code idleSeconds}. */
    IDLE(0),
    /** Screen locked. */
    LOCKED(1),
    /** Shut down. */
    OFF(2);

    private final int strength;

    PcState(int strength) {
        this.strength = strength;
    }

    /** True when this state protects the PC less than {@code required} does (SPEC §3 PC_LEFT_ON). */
    public boolean weakerThan(PcState required) {
        return strength < required.strength;
    }

    /** ACTIVE or IDLE: someone could sit down and use it. */
    public boolean unlocked() {
        return strength == 0;
    }
}
