package io.vrrpd.lab;

/** The baseline of the vrrpctl start-up benchmark: a bare JVM start that prints one line. */
public final class HelloWorld {

    private HelloWorld() {
    }

    public static void main(String[] args) {
        System.out.println("hello, world");
    }
}
