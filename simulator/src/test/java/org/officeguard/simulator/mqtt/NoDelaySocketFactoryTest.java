package org.officeguard.simulator.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NoDelaySocketFactoryTest {

    @Test
    void socketsHaveNagleOffAndReadWhatHasArrivedInOneGo() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new NoDelaySocketFactory().createSocket()) {
            client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 5_000);
            assertTrue(client.getTcpNoDelay(), "Nagle's algorithm must be off");
            byte[] packets = {0x40, 0x02, 0x00, 0x01, 0x40, 0x02, 0x00, 0x02}; // two PUBACKs, sent in one write
            try (Socket peer = server.accept()) {
                OutputStream out = peer.getOutputStream();
                out.write(packets);
                out.flush();
                InputStream in = client.getInputStream();
                assertTrue(in instanceof BufferedInputStream, "Paho reads packets byte-wise: the stream must buffer");
                assertEquals(packets[0], (byte) in.read());
                // the first read took in both packets: the rest is answered from the buffer
                assertEquals(packets.length - 1, in.available());
                byte[] rest = new byte[packets.length - 1];
                new DataInputStream(in).readFully(rest);
                assertArrayEquals(Arrays.copyOfRange(packets, 1, packets.length), rest);
                assertEquals(0, in.available());
                assertTrue(client.getInputStream() == in, "one stream per socket: buffered bytes are never lost");
            }
        }
    }

    @Test
    void connectedVariantsConnect() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new NoDelaySocketFactory().createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                Socket peer = server.accept()) {
            assertTrue(client.isConnected());
            assertTrue(client.getTcpNoDelay());
            peer.getOutputStream().write(7);
            assertEquals(7, client.getInputStream().read());
        }
    }
}
