package org.officeguard.simulator.mqtt;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * Plain TCP sockets for Paho, tuned for many small packets:
 * <ul>
 * <li>Nagle's algorithm off. Paho leaves it on, so a small packet (a PUBACK, a decision) can wait for the
 * peer's delayed ACK — about 40 ms on Linux — which caps a subscriber of a batching broker near a thousand
 * messages a second and puts 40 ms on a door's answer.
 * <li>A buffered input stream. Paho reads each packet straight from the socket: a readiness check, its
 * first byte, its length and its body are four system calls, even for a 4-byte PUBACK. Buffered, one read
 * takes in every packet that has arrived.
 * </ul>
 */
public final class NoDelaySocketFactory extends SocketFactory {

    /** Big enough for a burst of badge-sized packets; a larger packet is read through in pieces. */
    private static final int INPUT_BUFFER = 16 * 1024;

    @Override
    public Socket createSocket() throws IOException {
        return new TunedSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
    }

    private static Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
        Socket socket = new TunedSocket();
        if (local != null) {
            socket.bind(local);
        }
        socket.connect(remote);
        return socket;
    }

    /** A socket with TCP_NODELAY whose input stream is buffered. */
    private static final class TunedSocket extends Socket {
        private InputStream in;

        TunedSocket() throws IOException {
            setTcpNoDelay(true);
        }

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                in = new Buffered(super.getInputStream());
            }
            return in;
        }
    }

    /** Answers {@code available()} from the buffer when it holds something: no system call per packet. */
    private static final class Buffered extends BufferedInputStream {
        Buffered(InputStream in) {
            super(in, INPUT_BUFFER);
        }

        @Override
        public synchronized int available() throws IOException {
            int buffered = count - pos;
            return buffered > 0 ? buffered : super.available();
        }
    }
}
