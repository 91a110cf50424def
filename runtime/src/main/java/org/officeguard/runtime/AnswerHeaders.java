package org.officeguard.runtime;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.spi.HeaderFilterStrategy;

/**
 * The headers an HTTP answer of officeguard sends: only the ones its handler names. Platform-http makes every query
 * parameter a message header and sends message headers back as response headers, so without this {@code
 * ?Access-Control-Allow-Origin=*} would let any web page read a report, names and all, and {@code ?Set-Cookie=...}
 * would set a cookie. The request's headers all come in, as with platform-http's own strategy (it filters only
 * outgoing ones); {@link #forgetRequestValues} drops what the request said of the named ones, so that only the
 * handler's values leave.
 */
public final class AnswerHeaders implements HeaderFilterStrategy {

    private final Set<String> allowed;

    /** {@code names}: the response headers the handler sets (case does not matter). */
    public AnswerHeaders(String... names) {
        this.allowed = Stream.of(names).map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** Removes from the request's message every header this answer may send: a query parameter may have named one. */
    public void forgetRequestValues(Message m) {
        allowed.forEach(m::removeHeader); // Camel's headers ignore case
    }

    @Override
    public boolean applyFilterToCamelHeaders(String name, Object value, Exchange exchange) {
        return !allowed.contains(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public boolean applyFilterToExternalHeaders(String name, Object value, Exchange exchange) {
        return false;
    }
}
