package org.officeguard.reporting.live;

import java.util.List;

/** What stands in the way of locking up: one kind of obstacle each, with who or what it concerns. */
public sealed interface Obstacle {

    /** The name the roll call's JSON gives it ({@code reason}). */
    String reason();

    /** More than one holder is inside: everyone but the one who locks up must leave first. */
    record PeopleInside(int count) implements Obstacle {
        @Override
        public String reason() {
            return "PEOPLE_INSIDE";
        }
    }

    /** Visitors are inside: they leave with their host, and the one who locks up is never a visitor. */
    record VisitorsInside(List<Occupant> visitors) implements Obstacle {
        public VisitorsInside {
            visitors = List.copyOf(visitors);
        }

        @Override
        public String reason() {
            return "VISITORS_INSIDE";
        }
    }

    /** Badges the site does not know are inside: someone must find out who they are. */
    record UnknownBadgesInside(List<Occupant> holders) implements Obstacle {
        public UnknownBadgesInside {
            holders = List.copyOf(holders);
        }

        @Override
        public String reason() {
            return "UNKNOWN_BADGES_INSIDE";
        }
    }

    /** PCs whose state is weaker than the site's {@code pcAtLockup}. */
    record PcsNotReady(List<PcLine> pcs) implements Obstacle {
        public PcsNotReady {
            pcs = List.copyOf(pcs);
        }

        @Override
        public String reason() {
            return "PCS_NOT_READY";
        }
    }

    /** No retained occupancy has arrived yet: nobody can say who is inside. */
    record NoOccupancyData() implements Obstacle {
        @Override
        public String reason() {
            return "NO_OCCUPANCY_DATA";
        }
    }

    /** No retained PC states have arrived yet, and the site has PCs. */
    record NoPcData() implements Obstacle {
        @Override
        public String reason() {
            return "NO_PC_DATA";
        }
    }
}
