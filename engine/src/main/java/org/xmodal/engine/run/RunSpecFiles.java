package org.xmodal.engine.run;

import java.nio.file.Files;
import java.nio.file.Path;
import org.xmodal.engine.image.BadInputException;
import org.xmodal.engine.json.UserJson;

/** Reads a user's run spec file, with errors that name the file and the field. */
public final class RunSpecFiles {
    private RunSpecFiles() {
    }

    /**
     * Reads and validates a spec. A relative {@code data} path (and teacher, student and fine-tuning weights) is taken
     * relative to the working directory when it exists there, else to the spec file's folder, and stored
     * absolute so the run can be resumed from anywhere.
     */
    public static RunSpec read(Path file) throws BadInputException {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file, "does not exist");
        }
        RunSpec spec = UserJson.read(file, RunSpec.class, "run spec");
        Path base = file.toAbsolutePath().getParent();
        RunSpec.Teacher t = spec.teacher();
        if (t != null && t.weights() != null) {
            t = t.withWeights(resolve(t.weights(), base));
        }
        RunSpec.Student s = spec.student();
        if (!s.randomInit()) {
            s = s.withInit(resolve(s.init(), base));
        }
        RunSpec.Finetune f = spec.finetune();
        if (f != null && !f.randomInit()) {
            f = f.withInit(resolve(f.init(), base));
        }
        RunSpec.Socket k = spec.socket();
        if (k != null) {
            k = k.withSource(resolve(k.source(), base));
        }
        return spec.toBuilder().data(resolve(spec.data(), base)).teacher(t).student(s).finetune(f).socket(k).build();
    }

    private static String resolve(String path, Path base) {
        Path p = Path.of(path);
        if (p.isAbsolute()) {
            return p.normalize().toString();
        }
        Path here = p.toAbsolutePath().normalize();
        Path besideSpec = base.resolve(p).normalize();
        // neither exists (for instance the name of a run still to be made): as typed, from the working directory
        return Files.exists(here) || !Files.exists(besideSpec) ? here.toString() : besideSpec.toString();
    }
}
