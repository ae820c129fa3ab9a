package org.feedloom.fetch;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;

/**
 * Resolves the host of every new connection and, unless the request may reach private networks, keeps only the
 * public addresses among the answers ({@link AddressClass}), failing with {@link Refused} when none is left. Since
 * the addresses kept are the ones connected to, a name cannot pass a check with one address and connect to another
 * (DNS rebinding). Whether a request may reach private networks is its {@link Reach}, the tag of its request, which
 * Jetty keeps on the request's destination: connections for one reach are never pooled with the other's. A
 * destination without a reach is vetted.
 *
 * <p>Thread-safe.
 */
final class VettingResolver implements SocketAddressResolver {
    /** The tag of a request: whether its connections may reach private networks. */
    enum Reach { PUBLIC_ONLY, ANY }

    private final SocketAddressResolver resolver;
    private final TestHosts hosts;

    /**
     * @param resolver what looks names up (Jetty's asynchronous resolver)
     * @param hosts    names answered without DNS, for tests ({@link TestHosts#NONE} otherwise)
     */
    VettingResolver(SocketAddressResolver resolver, TestHosts hosts) {
        this.resolver = resolver;
        this.hosts = hosts;
    }

    @Override
    public void resolve(String host, int port, Map<String, Object> context,
                        Promise<List<InetSocketAddress>> promise) {
        String name = host.toLowerCase(Locale.ROOT);
        InetAddress standIn = hosts.publicStandIns().get(name);
        if (standIn != null) {
            promise.succeeded(List.of(new InetSocketAddress(standIn, port)));
            return;
        }
        boolean vetted = !(context.get(Destination.CONTEXT_KEY) instanceof Destination d
                && d.getOrigin().getTag() == Reach.ANY);
        InetAddress pinned = hosts.resolving().get(name);
        Promise<List<InetSocketAddress>> answer = vetted ? Promise.from(found -> vet(host, found, promise),
                promise::failed) : promise;
        if (pinned != null) {
            answer.succeeded(List.of(new InetSocketAddress(pinned, port)));
        } else {
            resolver.resolve(host, port, context, answer);
        }
    }

    private static void vet(String host, List<InetSocketAddress> found, Promise<List<InetSocketAddress>> promise) {
        List<InetSocketAddress> kept = new ArrayList<>(found.size());
        for (InetSocketAddress a : found) {
            if (a.getAddress() != null && AddressClass.of(a.getAddress()) == AddressClass.PUBLIC) {
                kept.add(a);
            }
        }
        if (kept.isEmpty() && !found.isEmpty()) {
            InetAddress first = found.get(0).getAddress();
            promise.failed(new Refused(host, first, first == null ? AddressClass.RESERVED : AddressClass.of(first)));
        } else {
            promise.succeeded(kept);
        }
    }

    /**
     * Names answered without DNS, so tests can stand for public hosts with servers on 127.0.0.1.
     *
     * @param publicStandIns names whose address is taken as public without vetting (a public host, served on loopback)
     * @param resolving      names answered with an address that is vetted like a DNS answer (a name rebound to one)
     */
    record TestHosts(Map<String, InetAddress> publicStandIns, Map<String, InetAddress> resolving) {
        static final TestHosts NONE = new TestHosts(Map.of(), Map.of());

        TestHosts {
            publicStandIns = Map.copyOf(publicStandIns);
            resolving = Map.copyOf(resolving);
        }
    }

    /** No address of {@code host} may be connected to: the first one is of {@code kind}. */
    static final class Refused extends IOException {
        final String host;
        final InetAddress address;
        final AddressClass kind;

        Refused(String host, InetAddress address, AddressClass kind) {
            super("refused to connect to " + host + " (" + kind.description + ")");
            this.host = host;
            this.address = address;
            this.kind = kind;
        }
    }
}
