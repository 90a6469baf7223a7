package org.xmodal.engine.hha;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The team's fixtures live in ../shared/fixtures beside the checkout (in CI too); on a user's machine they are
 * absent and the tests that need them skip, saying why.
 */
final class SharedFixtures {
    private SharedFixtures() {
    }

    static Path require(String relative) {
        String shared = System.getProperty("xmodal.shared", "../shared");
        Path p = Path.of(shared, "fixtures").resolve(relative).normalize();
        Assumptions.assumeTrue(Files.exists(p), "skipped: team fixture " + p + " is not beside this checkout "
                + "(it lives in ../shared/fixtures, present in CI, absent on users' machines)");
        return p;
    }
}
