package io.vrrpd.hooks.nfs;

/** A step that could not do or undo its work; the message is one line naming what failed and why. */
final class StepFailure extends Exception {
    private static final long serialVersionUID = 1L;

    StepFailure(String message) {
        super(message);
    }
}
