package io.vrrpd.cli;

import io.vrrpd.config.YamlWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code vrrpctl convert FILE}: prints the configuration (keepalived.conf or YAML) as vrrpd YAML. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Print a keepalived.conf (or YAML) configuration as vrrpd YAML on stdout.")
final class ConvertCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "configuration to convert")
    private Path file;

    @Override
    public Integer call() {
        ConfigCheck.Outcome o = ConfigCheck.load(file, spec.commandLine().getErr());
        if (o.loaded() == null) {
            return o.exitCode();
        }
        spec.commandLine().getOut().print(YamlWriter.write(o.loaded().config()));
        return ExitCodes.OK;
    }
}
