package org.officeguard.core.config;

/** A PC with an agent: the zone it stands in and the badge of its owner (its default user). */
public record Pc(String id, String zone, String owner) {}
