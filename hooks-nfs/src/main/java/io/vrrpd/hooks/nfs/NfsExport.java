package io.vrrpd.hooks.nfs;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One exported directory ({@code exports[i]}).
 *
 * @param path    the directory on the replicated storage
 * @param id      the fixed export id: ganesha {@code Export_Id}, kernel {@code fsid=}; identical on both nodes,
 *                so file handles the clients hold stay valid after a failover (exports(5), "fsid=num")
 * @param pseudo  the NFSv4 pseudo path clients mount (ganesha); the kernel backend ignores it
 * @param clients who may mount: addresses, networks (CIDR) or host names
 * @param access  rw or ro
 * @param squash  identity mapping
 */
public record NfsExport(Path path, int id, String pseudo, List<String> clients, Access access, Squash squash) {
    public NfsExport {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(pseudo, "pseudo");
        clients = List.copyOf(clients);
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(squash, "squash");
    }
}
