package org.xmodal.engine.cli;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.xmodal.engine.inspect.InspectionServer;
import picocli.CommandLine.Command;

/**
 * {@code xmodal serve-inspection}: the workbench's process for its looks at networks (Features, Filters' random
 * init, the lesson's teacher and microscope); not for people, so hidden from the help. Answers requests on its standard input until it ends.
 */
@Command(name = "serve-inspection", hidden = true,
        description = "Answer the workbench's requests to look at networks (JSON lines on standard input) until it "
                + "ends.")
final class ServeInspectionCommand extends CliCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        PrintStream answers = new PrintStream(new FileOutputStream(FileDescriptor.out), false,
                StandardCharsets.UTF_8);
        System.setOut(System.err); // anything else printed goes to the log, not between the answers
        try (InspectionServer server = new InspectionServer()) {
            server.serve(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), answers);
        }
        return 0;
    }
}
