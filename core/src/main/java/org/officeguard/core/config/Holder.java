package org.officeguard.core.config;

import java.util.Set;

/** Anyone who carries a badge: an employee or a visitor. */
public sealed interface Holder permits Person, VisitorPass {
    String badge();

    String name();

    Set<String> zones();

    boolean afterHours();
}
