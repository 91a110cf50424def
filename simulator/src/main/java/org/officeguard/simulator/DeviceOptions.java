package org.officeguard.simulator;

/**
 * How the site's devices (SPEC §8) behave in a simulated day; used only for a site that lists devices.
 *
 * @param misconfiguredCards the share of cards, per reader, that the reader's own card list has wrong: it lets them
 *     through where the site file refuses them (a zone not on the holder's list, a visitor pass not valid yet)
 * @param agentPollSeconds how often each HASS.Agent polls its sensors (its update interval, 10 s by default)
 */
public record DeviceOptions(double misconfiguredCards, int agentPollSeconds) {

    public static final double DEFAULT_MISCONFIGURED_CARDS = 0.05;
    /** HASS.Agent's default sensor update interval. */
    public static final int DEFAULT_AGENT_POLL_SECONDS = 10;
    /** Longer intervals would delay a lock past the leave grace of a usual site and make violations no lapse explains. */
    public static final int MAX_AGENT_POLL_SECONDS = 60;

    public DeviceOptions {
        if (!(misconfiguredCards >= 0 && misconfiguredCards <= 1)) {
            throw new IllegalArgumentException("the share of misconfigured cards must be within [0, 1], not "
                    + misconfiguredCards);
        }
        if (agentPollSeconds < 1 || agentPollSeconds > MAX_AGENT_POLL_SECONDS) {
            throw new IllegalArgumentException("the agents' poll interval must be 1 to " + MAX_AGENT_POLL_SECONDS
                    + " seconds, not " + agentPollSeconds);
        }
    }

    public static DeviceOptions defaults() {
        return new DeviceOptions(DEFAULT_MISCONFIGURED_CARDS, DEFAULT_AGENT_POLL_SECONDS);
    }

    /** Readers that decide exactly as the site file would. */
    public static DeviceOptions faithful() {
        return new DeviceOptions(0, DEFAULT_AGENT_POLL_SECONDS);
    }

    public DeviceOptions withMisconfiguredCards(double share) {
        return new DeviceOptions(share, agentPollSeconds);
    }

    public DeviceOptions withAgentPollSeconds(int seconds) {
        return new DeviceOptions(misconfiguredCards, seconds);
    }
}
