package org.xmodal.engine.cli;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.xmodal.engine.inspect.FeatureMapsServer;
import picocli.CommandLine.Command;

/**
 * {@code xmodal serve-feature-maps}: the workbench's helper process for its Features view and lesson (not for
 * people, so hidden from the help): answers feature-map requests on its standard input until that ends.
 */
@Command(name = "serve-feature-maps", hidden = true,
        description = "Answer the workbench's feature-map requests (JSON lines on standard input) until it ends.")
final class ServeFeatureMapsCommand extends CliCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        PrintStream answers = new PrintStream(new FileOutputStream(FileDescriptor.out), false,
                StandardCharsets.UTF_8);
        System.setOut(System.err); // anything else printed goes to the log, not between the answers
        FeatureMapsServer.serve(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                answers);
        return 0;
    }
}
