package org.officeguard.simulator;

import java.util.Locale;
import org.officeguard.core.model.Rule;

/**
 * The kinds of lapse the simulator makes people commit, each with the unit its rate is a probability of
 * and the rule it is there to exercise. Normal behaviour breaks no rule; only these do.
 */
public enum Lapse {
    /** Leaves the PC's zone on a trip (meeting, lunch, fetching a visitor) without locking the PC. */
    LEFT_PC_UNLOCKED(Unit.PERSON_DAY, 0.04, Rule.LEFT_PC_UNLOCKED),
    /** The PC's auto-lock does not work for one idle period: IDLE goes on past screenLockSeconds. */
    NO_AUTO_LOCK(Unit.PERSON_DAY, 0.03, Rule.SCREEN_LOCK_IDLE),
    /** Follows a colleague through a door without badging on the way home; the next badge is ANTI_PASSBACK. */
    TAILGATE(Unit.PERSON_DAY, 0.02, Rule.ANTI_PASSBACK),
    /** Badges a door into a zone they may not enter (denied; they stay where they are). */
    WRONG_ZONE(Unit.PERSON_DAY, 0.02, Rule.ZONE_NOT_ALLOWED),
    /** Presents an old or foreign card at the entrance first (denied), then their own. */
    UNKNOWN_BADGE(Unit.PERSON_DAY, 0.01, Rule.UNKNOWN_BADGE),
    /** Comes in before business hours without after-hours permission. */
    AFTER_HOURS(Unit.PERSON_DAY, 0.02, Rule.AFTER_HOURS_ENTRY),
    /** Locks the PC but does not shut it down when going home (only a lapse when pcAtLockup is OFF). */
    PC_LEFT_ON(Unit.PERSON_DAY, 0.03, Rule.PC_LEFT_ON),
    /** The visitor is let in at the entrance while the host waits inside. */
    VISITOR_UNESCORTED(Unit.VISIT, 0.15, Rule.VISITOR_UNESCORTED),
    /** The visitor lingers in the lobby past validUntil + visitorCheckoutGraceSeconds before badging out. */
    VISITOR_OVERSTAY(Unit.VISIT, 0.10, Rule.VISITOR_NOT_CHECKED_OUT),
    /** The visitor badges at the entrance before validFrom (denied), then comes in with the host on time. */
    VISITOR_EARLY(Unit.VISIT, 0.10, Rule.VISITOR_PASS_INVALID),
    /** The last person leaves without LOCKUP (PCs still on are then PC_LEFT_ON too). */
    FORGOTTEN_LOCKUP(Unit.DAY, 0.15, Rule.LOCKUP_MISSING),
    /** The last person locks up while a colleague still works inside (whose PC is then still on). */
    LOCKUP_WITH_OCCUPANTS(Unit.DAY, 0.10, Rule.LOCKUP_WITH_OCCUPANTS);

    /** What a rate is a probability of. */
    public enum Unit {
        /** Each present person, each day (among those for whom the lapse is possible). */
        PERSON_DAY,
        /** Each visit. */
        VISIT,
        /** Each simulated day (among days where it is possible). */
        DAY
    }

    private final Unit unit;
    private final double defaultRate;
    private final Rule rule;

    Lapse(Unit unit, double defaultRate, Rule rule) {
        this.unit = unit;
        this.defaultRate = defaultRate;
        this.rule = rule;
    }

    public Unit unit() {
        return unit;
    }

    public double defaultRate() {
        return defaultRate;
    }

    /** The rule this lapse exists to exercise (it may cause others too, e.g. PC_LEFT_ON at a forgotten lockup). */
    public Rule rule() {
        return rule;
    }

    /** The name used in options and files: {@code left-pc-unlocked}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Lapse ofKey(String key) {
        for (Lapse lapse : values()) {
            if (lapse.key().equals(key) || lapse.name().equals(key)) {
                return lapse;
            }
        }
        throw new IllegalArgumentException("unknown lapse '" + key + "' (known: " + keys() + ")");
    }

    public static String keys() {
        StringBuilder keys = new StringBuilder();
        for (Lapse lapse : values()) {
            keys.append(keys.length() == 0 ? "" : ", ").append(lapse.key());
        }
        return keys.toString();
    }
}
