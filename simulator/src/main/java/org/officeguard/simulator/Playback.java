package org.officeguard.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One play of a scenario by a {@link Simulator}: paced, the days closed in turn, each badge's decision awaited and
 * compared, each HASS.Agent state the device-bridge makes awaited.
 */
final class Playback {

    private final Simulator simulator;
    private final Scenario scenario;
    private final Simulator.Options options;
    private final List<LocalDate> dates;
    private final Progress progress;
    private final long startNanos = System.nanoTime();
    private final Instant firstTs;
    private final List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
    private int nextClose;
    private int day = 1;
    private long published;
    private long badges;
    private long asExpected;
    private long timeouts;
    private long translationTimeouts;
    private int consecutiveTimeouts;
    private long waitedNanos;

    Playback(Simulator simulator, Scenario scenario, Simulator.Options options) {
        this.simulator = simulator;
        this.scenario = scenario;
        this.options = options;
        this.dates = scenario.dates();
        List<DeviceMessage> messages = scenario.messages();
        this.progress = options.progress() == null ? null
                : new Progress(options.progress(), messages.size(), dates.size());
        this.firstTs = messages.isEmpty() ? Instant.EPOCH : messages.get(0).ts();
    }

    Simulator.Result play() throws InterruptedException {
        for (DeviceMessage message : scenario.messages()) {
            closeDaysBefore(message);
            int index = dates.indexOf(message.day());
            if (index >= 0) {
                day = index + 1;
            }
            waitForItsTime(message);
            if (options.listener() != null) {
                options.listener().beforePublish(message);
            }
            boolean badge = message.kind() == DeviceMessage.Kind.BADGE;
            CompletableFuture<JsonNode> answer = null;
            if (badge || message.kind() == DeviceMessage.Kind.AGENT_STATE) {
                answer = simulator.expect(message.eventId());
            }
            if (badge && options.listener() != null) {
                tellDecision(message, answer, System.nanoTime());
            }
            simulator.publish(message);
            published++;
            if (badge) {
                badges++;
            }
            if (answer != null) {
                awaitAnswer(message, answer);
            }
            if (progress != null) {
                progress.update(published, day);
            }
        }
        simulator.flush();
        if (progress != null) {
            progress.finish(published, day);
        }
        return new Simulator.Result(published, badges, asExpected, List.copyOf(unexpected), timeouts,
                Duration.ofNanos(System.nanoTime() - startNanos), Duration.ofNanos(waitedNanos), translationTimeouts);
    }

    /** Tells the listener the badge's decision when it arrives, on the thread that completes it (no hand-over). */
    private void tellDecision(DeviceMessage badge, CompletableFuture<JsonNode> answer, long sentNanos) {
        answer.thenAccept(decision -> options.listener().decided(badge, decision,
                Duration.ofNanos(System.nanoTime() - sentNanos)));
    }

    /** Before the first message past a day's close point: everything sent so far acknowledged, and the hook. */
    private void closeDaysBefore(DeviceMessage message) throws InterruptedException {
        while (nextClose < dates.size() && message.ts().isAfter(scenario.closesAt(dates.get(nextClose)))) {
            simulator.flush();
            if (options.dayCloseHook() != null) {
                options.dayCloseHook().beforeDayCloses(dates.get(nextClose));
            }
            nextClose++;
        }
    }

    /** At a real-time factor, waits until the message is due; as fast as possible otherwise. */
    private void waitForItsTime(DeviceMessage message) throws InterruptedException {
        if (options.speed() > 0) {
            long dueNanos = startNanos + (long) (Duration.between(firstTs, message.ts()).toNanos() / options.speed());
            long wait = dueNanos - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
    }

    /**
     * Waits for the badge's decision and compares it with the model's, or for the PC state the device-bridge makes
     * of an agent's message; three in a row that do not come end the play.
     */
    private void awaitAnswer(DeviceMessage sent, CompletableFuture<JsonNode> answer) throws InterruptedException {
        boolean badge = sent.kind() == DeviceMessage.Kind.BADGE;
        long waitStart = System.nanoTime();
        try {
            JsonNode got = answer.get(options.decisionTimeout().toMillis(), TimeUnit.MILLISECONDS);
            consecutiveTimeouts = 0;
            if (badge) {
                compare(sent, got);
            }
        } catch (TimeoutException e) {
            simulator.forget(sent.eventId());
            if (badge) {
                timeouts++;
            } else {
                translationTimeouts++;
            }
            if (++consecutiveTimeouts >= 3) {
                throw new IllegalStateException("no " + (badge ? "door decision" : "PC state from the device-bridge")
                        + " arrived for 3 " + (badge ? "badges" : "HASS.Agent messages") + " in a row (waited "
                        + options.decisionTimeout().toSeconds() + " s each): " + awaitedServices(sent)
                        + " running for site '" + simulator.site() + "' on this broker?");
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            waitedNanos += System.nanoTime() - waitStart;
        }
    }

    /** Who answers {@code sent}: the door-gateway, through the device-bridge for a device's own message. */
    private String awaitedServices(DeviceMessage sent) {
        boolean spec = sent.topic().startsWith(simulator.topics().root() + "/");
        if (sent.kind() == DeviceMessage.Kind.BADGE) {
            return spec ? "is door-gateway" : "are device-bridge and door-gateway";
        }
        return "is device-bridge";
    }

    private void compare(DeviceMessage badge, JsonNode decision) {
        boolean granted = decision.path("granted").asBoolean();
        String reason = decision.path("reason").asText();
        if (granted == badge.expectGranted() && reason.equals(badge.expectReason())) {
            asExpected++;
        } else {
            unexpected.add(badge.topic() + " " + badge.text() + " -> granted=" + granted + " reason=" + reason
                    + " (model: granted=" + badge.expectGranted() + " reason=" + badge.expectReason() + ")");
        }
    }
}
