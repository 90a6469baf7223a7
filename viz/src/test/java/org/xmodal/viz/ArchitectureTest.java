package org.xmodal.viz;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md's arrows: the engine and the pictures are headless, so that the engine process and a CI machine
 * never need a display, and the GUI stays an adapter.
 */
class ArchitectureTest {
    private static JavaClasses headless;

    @BeforeAll
    static void importHeadlessModules() {
        headless = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.xmodal.engine", "org.xmodal.viz");
    }

    @Test
    void engineAndVizNeverUseJavaFx() {
        noClasses().should().dependOnClassesThat().resideInAPackage("javafx..")
                .because("the engine runs as a headless child process and viz draws for reports too")
                .check(headless);
    }

    @Test
    void engineAndVizNeverOpenAwtOrSwingWindows() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("javax.swing..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.awt.Frame")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.awt.Window")
                .check(headless);
    }

    @Test
    void engineNeverDependsOnVizOrApp() {
        noClasses().that().resideInAPackage("org.xmodal.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("org.xmodal.viz..", "org.xmodal.app..")
                .check(headless);
    }

    @Test
    void importFoundTheEngine() {
        // guards the rules above against passing vacuously on an empty import
        org.junit.jupiter.api.Assertions.assertTrue(headless.containPackage("org.xmodal.engine.data"),
                "the engine's classes must be on the viz test classpath");
    }
}
