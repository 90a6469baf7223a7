package org.xmodal.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MVVM kept honest (JabRef's lesson): view-models and the task seam hold state and logic only, so they run and are
 * tested without a window; scene-graph code lives in the views.
 */
class ArchitectureTest {
    private static JavaClasses app;

    @BeforeAll
    static void importApp() {
        app = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.xmodal.app");
    }

    @Test
    void viewModelsNeverTouchTheSceneGraph() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
                .because("a view-model is unit-tested without a window; views bind to it")
                .check(app);
    }

    @Test
    void theTaskSeamNeverTouchesTheSceneGraph() {
        noClasses().that().resideInAPackage("org.xmodal.app.task..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
                .check(app);
    }

    @Test
    void theWindowNeverCallsPyTorchItself() {
        // a shape (ai.djl.ndarray.types) is plain Java, read from a weights file without the engine
        noClasses().should().dependOnClassesThat(JavaClass.Predicates.resideInAnyPackage("ai.djl..")
                        .and(DescribedPredicate.not(JavaClass.Predicates.resideInAPackage("ai.djl.ndarray.types.."))))
                .because("PyTorch loads in engine processes only (InspectionProcess): loading it in the window's "
                        + "process stalled the window for half a second, and a native crash would take it down")
                .check(app);
    }

    @Test
    void importFoundTheViewModels() {
        org.junit.jupiter.api.Assertions.assertTrue(app.contain("org.xmodal.app.data.DataViewModel"),
                "the rules above must not pass on an empty import");
    }
}
