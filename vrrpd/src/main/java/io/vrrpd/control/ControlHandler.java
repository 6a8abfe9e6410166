package io.vrrpd.control;

/** What the control server asks of the daemon: answer one request. Called on a control thread. */
@FunctionalInterface
public interface ControlHandler {
    ControlResponse handle(ControlRequest request);
}
