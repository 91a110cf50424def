package org.officeguard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The spread the bench's rows write, for a list of rounds' figures and for a lowest and a highest given apart. */
class FiguresTest {

    @Test
    void a_spread_is_the_lowest_and_the_highest_joined_by_an_en_dash() {
        assertEquals("2.5–3.75", Figures.spread(2.5, 3.75));
        assertEquals("2.61–4.09", Figures.spread(List.of(3.99, 2.61, 4.09)));
        assertEquals("3.0–3.0", Figures.spread(List.of(3.0)));
    }

    @Test
    void the_spread_of_no_figures_is_zero_to_zero() {
        assertEquals("0.0–0.0", Figures.spread(List.of()));
    }
}
