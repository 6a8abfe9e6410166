package io.vrrpd.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real SMTP server for lab tests: GreenMail, run as a JVM of its own inside a lab namespace, listening on
 * an address of the lab's subnet (the seed's {@code smtp_server 192.0.2.25}). Every mail it accepts is
 * printed to its log as one {@code MAIL {json}} line, which the test reads back with {@link #received()}.
 * {@link #blackHole()} stops the process (SIGSTOP): the kernel still completes TCP handshakes into the listen
 * backlog, but no greeting ever comes, as with a relay that hangs.
 */
public final class SmtpSink {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "MAIL ";

    private final LabProcess process;

    private SmtpSink(LabProcess process) {
        this.process = process;
    }

    /** One mail as the server received it. */
    public record ReceivedMail(String subject, String from, List<String> to, String body) {
    }

    /**
     * Adds {@code address}/24 to the node's eth0 and starts the server on it, port 25.
     *
     * @throws LabException if it does not listen within 30 s
     */
    public static SmtpSink start(Node node, String address) {
        node.ip("addr", "add", address + "/24", "dev", Node.ETH0);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // failsafe puts the test classpath in a manifest-only jar; this property has the real one.
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        LabProcess p = node.start("smtp", List.of(java, "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp", cp,
                SmtpSink.class.getName(), address, "25"));
        p.awaitLog("^listening", Duration.ofSeconds(30));
        return new SmtpSink(p);
    }

    /** The mails received so far, in order. */
    public List<ReceivedMail> received() {
        List<ReceivedMail> out = new ArrayList<>();
        for (String line : process.logText().split("\n")) {
            if (!line.startsWith(PREFIX)) {
                continue;
            }
            try {
                JsonNode n = JSON.readTree(line.substring(PREFIX.length()));
                List<String> to = new ArrayList<>();
                n.path("to").forEach(t -> to.add(t.asText()));
                out.add(new ReceivedMail(n.path("subject").asText(), n.path("from").asText(), to,
                        n.path("body").asText()));
            } catch (IOException e) {
                // a line still being written: the next poll has it
            }
        }
        return out;
    }

    /** Freezes the server: connections are accepted by the kernel and then hang. */
    public void blackHole() {
        process.kill(Signal.STOP);
    }

    public LabProcess process() {
        return process;
    }

    /** The server: {@code SmtpSink ADDRESS PORT}; runs until killed. */
    public static void main(String[] args) throws Exception {
        GreenMail mail = new GreenMail(new ServerSetup(Integer.parseInt(args[1]), args[0], "smtp"))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        mail.start();
        System.out.println("listening on " + args[0] + ":" + args[1]);
        int printed = 0;
        while (true) {
            MimeMessage[] got = mail.getReceivedMessages();
            for (; printed < got.length; printed++) {
                System.out.println(PREFIX + describe(got[printed]));
            }
            System.out.flush();
            Thread.sleep(100);
        }
    }

    private static String describe(MimeMessage m) throws MessagingException, IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("subject", m.getSubject());
        n.put("from", m.getFrom()[0].toString());
        var to = n.putArray("to");
        for (Address a : m.getRecipients(Message.RecipientType.TO)) {
            to.add(a.toString());
        }
        n.put("body", GreenMailUtil.getBody(m));
        return JSON.writeValueAsString(n);
    }
}
