package org.officeguard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelReclaimTest {

    @TempDir
    Path kdamonds;

    @Test
    void a_running_kdamond_is_described_by_what_it_monitors_and_how_often() throws IOException {
        kdamond("0", "on", "paddr", "500000", "1024", "8192");

        assertEquals("on: paddr, sampled every 500 ms, 1024–8192 regions", KernelReclaim.describe(kdamonds));
    }

    @Test
    void a_stopped_kdamond_or_none_at_all_is_off() throws IOException {
        assertEquals("off", KernelReclaim.describe(kdamonds.resolve("absent")));
        assertEquals("off", KernelReclaim.describe(kdamonds));

        kdamond("0", "off", "paddr", "500000", "1024", "8192");
        assertEquals("off", KernelReclaim.describe(kdamonds));
    }

    @Test
    void each_running_kdamond_is_named() throws IOException {
        kdamond("0", "on", "paddr", "500000", "1024", "8192");
        kdamond("1", "off", "vaddr", "5000", "10", "1000");
        kdamond("2", "on", "vaddr", "5000", "10", "1000");

        assertEquals("on: paddr, sampled every 500 ms, 1024–8192 regions; vaddr, sampled every 5 ms, 10–1000 regions",
                KernelReclaim.describe(kdamonds));
    }

    private void kdamond(String index, String state, String operations, String sampleMicros, String minRegions,
            String maxRegions) throws IOException {
        Path kdamond = Files.createDirectories(kdamonds.resolve(index));
        Files.writeString(kdamond.resolve("state"), state + "\n");
        Path context = Files.createDirectories(kdamond.resolve("contexts/0"));
        Files.writeString(context.resolve("operations"), operations + "\n");
        Path attributes = context.resolve("monitoring_attrs");
        Files.createDirectories(attributes.resolve("intervals"));
        Files.createDirectories(attributes.resolve("nr_regions"));
        Files.writeString(attributes.resolve("intervals/sample_us"), sampleMicros + "\n");
        Files.writeString(attributes.resolve("nr_regions/min"), minRegions + "\n");
        Files.writeString(attributes.resolve("nr_regions/max"), maxRegions + "\n");
    }
}
