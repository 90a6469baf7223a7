package org.xmodal.app.shell;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;

/** Asks the person for a folder: the desktop's folder dialog in the app, a chosen answer in tests. */
@FunctionalInterface
public interface FolderChooser {
    /**
     * @param startIn the folder the dialog opens in, or null for the dialog's own choice
     * @return the folder chosen, or empty when the person cancelled
     */
    Optional<Path> choose(Window owner, String title, Path startIn);

    static FolderChooser desktop() {
        return (owner, title, startIn) -> {
            DirectoryChooser c = new DirectoryChooser();
            c.setTitle(title);
            if (startIn != null && Files.isDirectory(startIn)) {
                c.setInitialDirectory(startIn.toFile());
            }
            File f = c.showDialog(owner);
            return Optional.ofNullable(f).map(File::toPath);
        };
    }
}
