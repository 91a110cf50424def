package org.officeguard.gateway.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.officeguard.core.model.Direction.IN;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.officeguard.core.model.BadgeEvent;
import org.officeguard.runtime.SnapshotFile;

/**
 * A snapshot of snapshot format 2 kept the remembered event ids as text; this version keeps their fingerprints and
 * still restores from such a snapshot, so that an upgrade whose journal before the snapshot is gone starts up.
 */
class EarlierSnapshotTest {

    @TempDir
    Path folder;

    @Test
    void the_ids_of_a_format_2_snapshot_are_recognised_after_the_restore() throws Exception {
        GatewayScript script = new GatewayScript();
        script.badge("b-1", "10:00:00", "front", "E001", IN);
        script.register("r-1", "10:00:05", "V101", "E001", Set.of("lobby"), "10:00:00", "11:00:00");
        script.clock("10:00:30"); // nothing held for reordering: a snapshot point
        ObjectNode state = SnapshotFile.JSON.valueToTree(script.gateway.exportState());
        // as format 2 wrote it: the ids as text; no decision kept, so only the id can recognise the badge
        state.set("decided", SnapshotFile.JSON.createArrayNode());
        state.set("decidedIds", SnapshotFile.JSON.createArrayNode().add("b-1"));
        state.set("applied", SnapshotFile.JSON.createArrayNode().add("r-1"));
        Path file = formatTwo(Map.of("hq", state));

        SnapshotFile.Content<GatewayState> content = new SnapshotFile(file).read(GatewayState.class);
        DoorGateway restored = new DoorGateway(GatewayScript.CONFIG);
        restored.restore(content.sites().get("hq"));

        assertEquals(DoorGateway.Result.NOTHING, restored.onBadge(badge("b-1")), "a redelivered badge is recognised");
        assertEquals(DoorGateway.Result.NOTHING, restored.onRegistration(
                GatewayScript.registration("r-1", "10:00:05", "V101", "E001", Set.of("lobby"), "10:00:00", "11:00:00")),
                "a redelivered registration is recognised");
        DoorGateway.Result next = restored.onBadge(badge("b-2"));
        assertNotNull(next.decision(), "a new badge is decided");
        assertEquals(next.decision(), restored.onBadge(badge("b-2")).decision(), "and recognised when redelivered");
    }

    private static BadgeEvent badge(String eventId) {
        return new BadgeEvent(eventId, GatewayScript.at("10:01:00"), "front", "E002", IN);
    }

    private Path formatTwo(Map<String, ObjectNode> sites) throws Exception {
        ObjectNode content = SnapshotFile.JSON.createObjectNode().put("generation", 0);
        content.set("sites", SnapshotFile.JSON.valueToTree(sites));
        byte[] body = SnapshotFile.JSON.writeValueAsBytes(content);
        CRC32 crc = new CRC32();
        crc.update(body);
        Path file = folder.resolve("door-gateway.snapshot");
        byte[] header = ("officeguard-snapshot 2 " + body.length + " " + Long.toHexString(crc.getValue()) + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        Files.write(file, header);
        Files.write(file, body, StandardOpenOption.APPEND);
        return file;
    }
}
