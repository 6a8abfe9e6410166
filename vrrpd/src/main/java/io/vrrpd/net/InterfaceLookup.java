package io.vrrpd.net;

import java.io.IOException;
import java.util.Optional;

/**
 * Finds an interface's index, MAC and primary IPv4 address by name. Safe from any thread.
 */
public interface InterfaceLookup extends AutoCloseable {

    /** The interface called {@code name}; empty when there is none. */
    Optional<InterfaceInfo> lookup(String name) throws IOException;

    @Override
    void close();
}
