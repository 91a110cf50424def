package org.officeguard.simulator;

import java.time.LocalDate;

/** One lapse the simulator made happen: its kind, the day, who committed it. */
public record LapseEvent(String id, Lapse kind, LocalDate date, String who) {}
