package org.officeguard.camel.hivemq;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Just enough of an MQTT 5 broker, on loopback, to play one that breaks the protocol. One connection at a time; it
 * records what each CONNECT asked for and what the client subscribed to, published and acknowledged, connection by
 * connection. Two plays:
 *
 * <ul>
 * <li>{@link #start()}: the broker broke the session for good. What it keeps for the session holds two unacknowledged
 * messages under one packet identifier (as Mosquitto 2.0.11 does under a backlog of more than 65,535), and it sends
 * both on every connection that resumes the session. A connection that starts the session afresh gets a well-formed
 * one: after its SUBSCRIBE, one message, {@code fresh}, with packet id 1.
 * <li>{@link #breakingOnce()}: the broker breaks the first connection while the client's outputs are in flight. After
 * the SUBSCRIBE it sends {@code a} (packet id 1); it does not acknowledge what the client publishes on that
 * connection, and answers the client's first PUBLISH with two messages under packet id 7 ({@code b}). Every later
 * connection resumes the session as a sound broker does: it sends again what the client has not acknowledged (with
 * DUP) and acknowledges what the client publishes.
 * </ul>
 */
final class PoisonedSessionBroker implements AutoCloseable {

    /** What one connection asked for and did. */
    static final class Connection {
        final boolean cleanStart;
        final List<String> subscribed = new CopyOnWriteArrayList<>();
        final List<Integer> acknowledged = new CopyOnWriteArrayList<>();
        final List<String> published = new CopyOnWriteArrayList<>();

        Connection(boolean cleanStart) {
            this.cleanStart = cleanStart;
        }
    }

    private final ServerSocket server;
    private final Thread acceptor;
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private volatile Socket current;
    /** The session the broker keeps: none yet, or one whose in-flight messages share a packet id, or a sound one. */
    private volatile boolean hasSession;
    private volatile boolean poisoned;
    /** The second play: breaks only the first connection, then resumes the session as a sound broker. */
    private final boolean breaksOnce;
    /** What the broker sent for the session and the client has not acknowledged, by packet id (the second play). */
    private final Map<Integer, String> unacknowledged = new ConcurrentSkipListMap<>();

    private PoisonedSessionBroker(boolean breaksOnce) throws IOException {
        this.breaksOnce = breaksOnce;
        server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "poisoned-broker");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static PoisonedSessionBroker start() throws IOException {
        return new PoisonedSessionBroker(false);
    }

    static PoisonedSessionBroker breakingOnce() throws IOException {
        return new PoisonedSessionBroker(true);
    }

    String url() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    List<Connection> connections() {
        return connections;
    }

    /** Drops the current connection, as a broker restart would. */
    void dropConnection() throws IOException {
        Socket socket = current;
        if (socket != null) {
            socket.close();
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                current = socket;
                serve(socket);
            } catch (IOException e) {
                // the client went away, or the broker closed: wait for the next connection
            }
        }
    }

    private void serve(Socket socket) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        OutputStream out = socket.getOutputStream();
        Connection connection = null;
        while (true) {
            int header;
            byte[] body;
            try {
                header = in.readUnsignedByte();
                body = new byte[remainingLength(in)];
                in.readFully(body);
            } catch (EOFException e) {
                return;
            }
            switch (header >> 4) {
                case 1 -> { // CONNECT: protocol name "MQTT" (2 + 4 bytes), version, then the flags
                    boolean cleanStart = (body[7] & 0x02) != 0;
                    connection = new Connection(cleanStart);
                    connections.add(connection);
                    boolean present = hasSession && !cleanStart;
                    if (cleanStart) {
                        poisoned = false;
                    }
                    hasSession = true;
                    out.write(new byte[] {0x20, 3, (byte) (present ? 1 : 0), 0, 0});
                    if (breaksOnce) {
                        for (Map.Entry<Integer, String> message : unacknowledged.entrySet()) {
                            out.write(publish(message.getKey(), message.getValue(), true));
                        }
                    } else if (present && poisoned) {
                        out.write(twice(7, "poison"));
                    }
                }
                case 8 -> { // SUBSCRIBE: packet id, properties, then each filter and its options
                    int at = 2;
                    int propertiesLength = body[at++]; // short in a test: one byte
                    at += propertiesLength;
                    int filters = 0;
                    while (at < body.length) {
                        int length = ((body[at] & 0xFF) << 8) | (body[at + 1] & 0xFF);
                        connection.subscribed.add(new String(body, at + 2, length, StandardCharsets.UTF_8));
                        at += 2 + length + 1;
                        filters++;
                    }
                    ByteArrayOutputStream suback = new ByteArrayOutputStream();
                    suback.write(0x90);
                    suback.write(2 + 1 + filters);
                    suback.write(body, 0, 2);
                    suback.write(0);
                    for (int i = 0; i < filters; i++) {
                        suback.write(1); // granted QoS 1
                    }
                    out.write(suback.toByteArray());
                    if (breaksOnce) {
                        if (connections.size() == 1) {
                            unacknowledged.put(1, "a");
                            out.write(publish(1, "a", false));
                        }
                    } else if (!connection.cleanStart) {
                        poisoned = true; // the backlog that broke the broker's bookkeeping
                        out.write(twice(7, "poison"));
                    } else {
                        out.write(publish(1, "fresh", false));
                    }
                }
                case 3 -> { // PUBLISH at QoS 1, from the client: topic, packet id, properties, payload
                    int topicLength = ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
                    int at = 2 + topicLength;
                    int packetId = ((body[at] & 0xFF) << 8) | (body[at + 1] & 0xFF);
                    at += 2;
                    at += 1 + body[at]; // properties: short in a test, one byte of length
                    connection.published.add(new String(body, at, body.length - at, StandardCharsets.UTF_8));
                    if (connections.size() > 1) {
                        out.write(new byte[] {0x40, 2, (byte) (packetId >> 8), (byte) packetId}); // PUBACK
                    } else if (connection.published.size() == 1) {
                        unacknowledged.put(7, "b");
                        out.write(twice(7, "b"));
                    }
                }
                case 4 -> { // PUBACK
                    int packetId = ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
                    connection.acknowledged.add(packetId);
                    unacknowledged.remove(packetId);
                }
                case 12 -> out.write(new byte[] {(byte) 0xD0, 0}); // PINGREQ
                case 14 -> { // DISCONNECT
                    return;
                }
                default -> { }
            }
            out.flush();
        }
    }

    /**
     * Two messages in flight under one packet identifier: what the client must refuse. In one write, so that the
     * client reads both before it can acknowledge the first (which would make the second a new message).
     */
    private static byte[] twice(int packetId, String payload) {
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.writeBytes(publish(packetId, payload, false));
        both.writeBytes(publish(packetId, payload, false));
        return both.toByteArray();
    }

    private static byte[] publish(int packetId, String payload, boolean dup) {
        byte[] topic = "in/poisoned".getBytes(StandardCharsets.UTF_8);
        byte[] data = payload.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(dup ? 0x3A : 0x32); // PUBLISH, QoS 1
        packet.write(2 + topic.length + 2 + 1 + data.length);
        packet.write(0);
        packet.write(topic.length);
        packet.writeBytes(topic);
        packet.write(packetId >> 8);
        packet.write(packetId & 0xFF);
        packet.write(0); // no properties
        packet.writeBytes(data);
        return packet.toByteArray();
    }

    private static int remainingLength(DataInputStream in) throws IOException {
        int value = 0;
        for (int shift = 0; shift < 28; shift += 7) {
            int digit = in.readUnsignedByte();
            value |= (digit & 0x7F) << shift;
            if ((digit & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("malformed remaining length");
    }

    @Override
    public void close() throws IOException {
        server.close();
        dropConnection();
    }
}
