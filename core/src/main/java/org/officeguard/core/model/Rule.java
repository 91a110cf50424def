package org.officeguard.core.model;

/**
 * Every rule that can fire (SPEC §3), in the order reports list them, with the guideline habit each
 * belongs to and the service that enforces it.
 */
public enum Rule {
    UNKNOWN_BADGE(Habit.VISITORS, Service.DOOR_GATEWAY),
    VISITOR_PASS_INVALID(Habit.VISITORS, Service.DOOR_GATEWAY),
    ZONE_NOT_ALLOWED(Habit.VISITORS, Service.DOOR_GATEWAY),
    ANTI_PASSBACK(Habit.VISITORS, Service.DOOR_GATEWAY),
    AFTER_HOURS_ENTRY(Habit.VISITORS, Service.DOOR_GATEWAY),
    VISITOR_UNESCORTED(Habit.VISITORS, Service.DOOR_GATEWAY),
    VISITOR_NOT_CHECKED_OUT(Habit.VISITORS, Service.DOOR_GATEWAY),
    SCREEN_LOCK_IDLE(Habit.SCREEN_LOCK, Service.LOCKOUT_MONITOR),
    LEFT_PC_UNLOCKED(Habit.SCREEN_LOCK, Service.LOCKOUT_MONITOR),
    LOCKUP_MISSING(Habit.LAST_EXIT, Service.LOCKOUT_MONITOR),
    LOCKUP_WITH_OCCUPANTS(Habit.LAST_EXIT, Service.LOCKOUT_MONITOR),
    PC_LEFT_ON(Habit.LAST_EXIT, Service.LOCKOUT_MONITOR);

    /** The three physical habits of the IPA guideline that the rules enforce. */
    public enum Habit {
        /** 部外者の立ち入り制限: keep outsiders out of where they do not belong. */
        VISITORS,
        /** 最終退出ルール: lock up properly when the last person leaves. */
        LAST_EXIT,
        /** 離席時のPCロック: lock the PC when leaving the seat. */
        SCREEN_LOCK
    }

    public enum Service {
        DOOR_GATEWAY,
        LOCKOUT_MONITOR
    }

    private final Habit habit;
    private final Service service;

    Rule(Habit habit, Service service) {
        this.habit = habit;
        this.service = service;
    }

    public Habit habit() {
        return habit;
    }

    public Service service() {
        return service;
    }
}
