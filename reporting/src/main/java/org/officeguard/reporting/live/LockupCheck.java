package org.officeguard.reporting.live;

import java.util.ArrayList;
import java.util.List;
import org.officeguard.core.model.PcState;

/**
 * The check before locking up (SPEC §6, the guideline's last-exit rule): ready when at most one holder is inside —
 * the one who will lock up — and no PC's state is weaker than the site's {@code pcAtLockup}. The one left inside must
 * be someone of the site: a visitor leaves with their host, and a badge the site does not know is never the
 * keyholder. Before the retained state has arrived there is no verdict ({@link Verdict.Status#NO_DATA}), and the
 * obstacles say what is missing.
 */
public final class LockupCheck {

    private LockupCheck() {}

    /**
     * @param pcAtLockup the weakest state a PC may be left in
     * @param sitePcs how many PCs the site file lists: a site without any needs no PC states
     * @param occupancy the latest occupancy; null if none arrived
     * @param pcs the latest PC states; null if none arrived
     */
    public static Verdict check(PcState pcAtLockup, int sitePcs, Occupancy occupancy, PcStates pcs) {
        List<Obstacle> missing = new ArrayList<>(2);
        if (occupancy == null) {
            missing.add(new Obstacle.NoOccupancyData());
        }
        if (pcs == null && sitePcs > 0) {
            missing.add(new Obstacle.NoPcData());
        }
        if (!missing.isEmpty()) {
            return new Verdict(Verdict.Status.NO_DATA, missing);
        }
        List<Obstacle> obstacles = new ArrayList<>(4);
        if (occupancy.inside() > 1) {
            obstacles.add(new Obstacle.PeopleInside(occupancy.inside()));
        }
        List<Occupant> visitors = new ArrayList<>();
        List<Occupant> unknown = new ArrayList<>();
        for (Occupant occupant : occupancy.occupants()) {
            switch (occupant.kind()) {
                case VISITOR -> visitors.add(occupant);
                case UNKNOWN -> unknown.add(occupant);
                case PERSON -> { }
            }
        }
        if (!visitors.isEmpty()) {
            obstacles.add(new Obstacle.VisitorsInside(visitors));
        }
        if (!unknown.isEmpty()) {
            obstacles.add(new Obstacle.UnknownBadgesInside(unknown));
        }
        List<PcLine> weak = notReady(pcAtLockup, pcs);
        if (!weak.isEmpty()) {
            obstacles.add(new Obstacle.PcsNotReady(weak));
        }
        return new Verdict(obstacles.isEmpty() ? Verdict.Status.READY : Verdict.Status.NOT_READY, obstacles);
    }

    /** The PCs whose state is weaker than {@code pcAtLockup}, in the order given; none when there are no states. */
    public static List<PcLine> notReady(PcState pcAtLockup, PcStates pcs) {
        List<PcLine> weak = new ArrayList<>();
        if (pcs != null) {
            for (PcLine pc : pcs.pcs()) {
                if (pc.state().weakerThan(pcAtLockup)) {
                    weak.add(pc);
                }
            }
        }
        return weak;
    }
}
