package org.officeguard.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** The inbox's own retry while a dependency (the reporting database) is away. */
class UntilAvailableTest {

    private final Exchange exchange = new DefaultExchange(new DefaultCamelContext());
    private final List<Long> pauses = new ArrayList<>();
    private final AtomicBoolean stopping = new AtomicBoolean();

    @Test
    void the_same_input_is_run_again_with_back_off_until_the_dependency_is_back() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        new UntilAvailable(e -> {
            if (attempts.incrementAndGet() <= 3) {
                throw new RetryableException("database away", null);
            }
            e.getMessage().setBody("stored");
        }, stopping::get, pauses::add).process(exchange);

        assertEquals(4, attempts.get());
        assertEquals(List.of(250L, 500L, 1000L), pauses);
        assertEquals("stored", exchange.getMessage().getBody());
    }

    @Test
    void the_back_off_stops_growing_at_30_seconds() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        new UntilAvailable(e -> {
            if (attempts.incrementAndGet() <= 10) {
                throw new RetryableException("database away", null);
            }
        }, stopping::get, pauses::add).process(exchange);

        assertEquals(List.of(250L, 500L, 1000L, 2000L, 4000L, 8000L, 16000L, 30000L, 30000L, 30000L), pauses);
    }

    @Test
    void while_the_service_stops_the_failure_comes_out_instead_of_another_attempt() {
        RetryableException away = new RetryableException("database away", null);
        AtomicInteger attempts = new AtomicInteger();
        UntilAvailable rules = new UntilAvailable(e -> {
            attempts.incrementAndGet();
            stopping.set(true);
            throw away;
        }, stopping::get, pauses::add);

        assertSame(away, assertThrows(RetryableException.class, () -> rules.process(exchange)));
        assertEquals(1, attempts.get());
        assertEquals(List.of(), pauses);
    }

    @Test
    void any_other_failure_is_the_input_s_and_is_not_retried() {
        AtomicInteger attempts = new AtomicInteger();
        UntilAvailable rules = new UntilAvailable(e -> {
            attempts.incrementAndGet();
            throw new IllegalArgumentException("bad badge");
        }, stopping::get, pauses::add);

        assertThrows(IllegalArgumentException.class, () -> rules.process(exchange));
        assertEquals(1, attempts.get());
    }
}
