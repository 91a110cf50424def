package org.officeguard.reporting;

import org.apache.camel.support.DefaultHeaderFilterStrategy;
import org.apache.camel.support.http.HttpUtil;

/**
 * Which headers of a {@code /reports} answer reach the client: those platform-http's own strategy lets through, and
 * {@code Cache-Control}, which it drops. Reports name people; {@code no-store} must get through so that no browser or
 * proxy keeps one. (Platform-http also leaves out the request's own headers, whatever the strategy.)
 */
final class ReportHeaderFilter extends DefaultHeaderFilterStrategy {

    ReportHeaderFilter() {
        HttpUtil.addCommonFilters(getOutFilter()); // as PlatformHttpHeaderFilterStrategy does
        getOutFilter().remove("cache-control");
        setLowerCase(true);
        setOutFilterStartsWith(CAMEL_FILTER_STARTS_WITH);
    }
}
