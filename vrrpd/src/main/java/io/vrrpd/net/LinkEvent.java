package io.vrrpd.net;

import java.net.InetAddress;
import java.util.Objects;

/** What a {@link LinkMonitor} reports. */
public sealed interface LinkEvent {

    /** A link appeared or changed (RTM_NEWLINK). Sent for every change, not only up/down edges. */
    record LinkChanged(LinkState state) implements LinkEvent {
        public LinkChanged {
            Objects.requireNonNull(state, "state");
        }
    }

    /** A link was deleted (RTM_DELLINK). */
    record LinkRemoved(int ifindex, String name) implements LinkEvent {
        public LinkRemoved {
            Objects.requireNonNull(name, "name");
        }
    }

    /** An address was added (RTM_NEWADDR). */
    record AddressAdded(InterfaceAddress address) implements LinkEvent {
        public AddressAdded {
            Objects.requireNonNull(address, "address");
        }
    }

    /** An address was removed (RTM_DELADDR), by us or behind our back. */
    record AddressRemoved(InterfaceAddress address) implements LinkEvent {
        public AddressRemoved {
            Objects.requireNonNull(address, "address");
        }
    }

    /**
     * The kernel dropped notifications (ENOBUFS on the netlink socket): the listener must
     * re-query the state it cares about, since some events were lost.
     */
    record Overrun() implements LinkEvent {
    }
}
