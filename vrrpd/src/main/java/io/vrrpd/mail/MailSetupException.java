package io.vrrpd.mail;

/** The mail settings cannot be used (an address that does not parse, an unreadable password file). */
public final class MailSetupException extends Exception {
    public MailSetupException(String message) {
        super(message);
    }
}
