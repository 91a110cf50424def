package org.officeguard.reporting.report;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * Where a day's report links to: its month's index, and the nearest days before and after it that have a report
 * ({@code null} where there is none). The page writes them relative to itself ({@code /reports/{site}/{date}.html}).
 */
public record DayLinks(YearMonth month, LocalDate previous, LocalDate next) {}
