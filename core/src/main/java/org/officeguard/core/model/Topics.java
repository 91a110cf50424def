package org.officeguard.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The topic tree of SPEC §2 under a configurable root (default {@code office}). */
public final class Topics {

    /** What a topic carries. */
    public enum Kind {
        BADGE("+/door/+/badge"),
        DECISION("+/door/+/decision"),
        PC_STATE("+/pc/+/state"),
        LAST_EXIT("+/last-exit"),
        VISITOR_REGISTER("+/visitor/register"),
        CLOCK("+/clock"),
        VIOLATION("+/violation/+"),
        REPORT("+/report/+"),
        DEADLETTER("+/deadletter");

        private final String filter;

        Kind(String filter) {
            this.filter = filter;
        }
    }

    /** A parsed topic: its kind, its site and, for doors, PCs, violations and reports, the last named level. */
    public record Address(Kind kind, String site, String name) {}

    private final String root;

    public Topics(String root) {
        if (root == null || root.isEmpty() || root.contains("+") || root.contains("#")) {
            throw new IllegalArgumentException("topic root must be a plain topic prefix, not '" + root + "'");
        }
        this.root = root;
    }

    public String root() {
        return root;
    }

    public String badge(String site, String door) {
        return root + "/" + site + "/door/" + door + "/badge";
    }

    public String decision(String site, String door) {
        return root + "/" + site + "/door/" + door + "/decision";
    }

    public String pcState(String site, String pc) {
        return root + "/" + site + "/pc/" + pc + "/state";
    }

    public String lastExit(String site) {
        return root + "/" + site + "/last-exit";
    }

    public String visitorRegister(String site) {
        return root + "/" + site + "/visitor/register";
    }

    public String clock(String site) {
        return root + "/" + site + "/clock";
    }

    public String violation(String site, Rule rule) {
        return root + "/" + site + "/violation/" + rule.name();
    }

    public String report(String site, String date) {
        return root + "/" + site + "/report/" + date;
    }

    /** Who is inside now, retained (door-gateway). */
    public String occupancy(String site) {
        return root + "/" + site + "/occupancy";
    }

    /** Every PC's last state, retained (lockout-monitor). */
    public String pcs(String site) {
        return root + "/" + site + "/pcs";
    }

    public String deadletter(String site) {
        return root + "/" + site + "/deadletter";
    }

    /** Subscription filters for all sites, e.g. {@code office/+/door/+/badge}. */
    public List<String> filters(Kind... kinds) {
        List<String> out = new ArrayList<>();
        for (Kind kind : kinds) {
            out.add(root + "/" + kind.filter);
        }
        return out;
    }

    /**
     * The address of a topic under this root, or empty if it is not one of SPEC §2's. Called for every input, so
     * it scans the topic in place rather than splitting it.
     */
    public Optional<Address> parse(String topic) {
        int from = root.length() + 1;
        if (topic == null || topic.length() <= from || !topic.startsWith(root) || topic.charAt(root.length()) != '/') {
            return Optional.empty();
        }
        int[] slash = new int[4]; // where each level after the root ends; at most 4 levels
        int levels = 0;
        int start = from;
        while (true) {
            int end = topic.indexOf('/', start);
            int levelEnd = end < 0 ? topic.length() : end;
            if (levelEnd == start || levels == 4) {
                return Optional.empty(); // an empty level, or more levels than any topic of SPEC §2
            }
            slash[levels++] = levelEnd;
            if (end < 0) {
                break;
            }
            start = end + 1;
        }
        Kind kind = null;
        int nameLevel = -1;
        if (levels == 2) {
            kind = level(topic, slash, 1, "last-exit") ? Kind.LAST_EXIT
                    : level(topic, slash, 1, "clock") ? Kind.CLOCK
                    : level(topic, slash, 1, "deadletter") ? Kind.DEADLETTER : null;
        } else if (levels == 3) {
            if (level(topic, slash, 1, "visitor")) {
                kind = level(topic, slash, 2, "register") ? Kind.VISITOR_REGISTER : null;
            } else if (level(topic, slash, 1, "violation")) {
                kind = Kind.VIOLATION;
                nameLevel = 2;
            } else if (level(topic, slash, 1, "report")) {
                kind = Kind.REPORT;
                nameLevel = 2;
            }
        } else if (levels == 4) {
            nameLevel = 2;
            if (level(topic, slash, 1, "door")) {
                kind = level(topic, slash, 3, "badge") ? Kind.BADGE : level(topic, slash, 3, "decision") ? Kind.DECISION : null;
            } else if (level(topic, slash, 1, "pc")) {
                kind = level(topic, slash, 3, "state") ? Kind.PC_STATE : null;
            }
        }
        if (kind == null) {
            return Optional.empty();
        }
        String site = topic.substring(from, slash[0]);
        String name = nameLevel < 0 ? null : topic.substring(slash[nameLevel - 1] + 1, slash[nameLevel]);
        return Optional.of(new Address(kind, site, name));
    }

    /**
     * The level right after the root, whatever follows it, or empty if the topic is not under this root or that
     * level is empty: where a dead letter goes, also for a topic {@link #parse} refuses. Not the topic's second
     * level: a root may have several ({@code acme/office}).
     */
    public Optional<String> siteLevel(String topic) {
        int from = root.length() + 1;
        if (topic == null || topic.length() <= from || !topic.startsWith(root) || topic.charAt(root.length()) != '/') {
            return Optional.empty();
        }
        int end = topic.indexOf('/', from);
        return end == from ? Optional.empty() : Optional.of(topic.substring(from, end < 0 ? topic.length() : end));
    }

    /** Whether level {@code index} (0 = the site) of a topic whose levels end at {@code slash} is {@code word}. */
    private static boolean level(String topic, int[] slash, int index, String word) {
        int start = slash[index - 1] + 1;
        return slash[index] - start == word.length() && topic.startsWith(word, start);
    }
}
