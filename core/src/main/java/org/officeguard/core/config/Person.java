package org.officeguard.core.config;

import java.util.Set;

/** An employee with a badge, the zones they may enter and whether they may come in after hours. */
public record Person(String badge, String name, String department, Set<String> zones, boolean afterHours)
        implements Holder {}
