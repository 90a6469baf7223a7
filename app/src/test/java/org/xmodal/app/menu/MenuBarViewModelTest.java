package org.xmodal.app.menu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmodal.app.TestData;
import org.xmodal.app.results.RecentExperiments;
import org.xmodal.app.shell.Problem;
import org.xmodal.app.shell.RememberedSettings;
import org.xmodal.app.shell.SettingsFile;
import org.xmodal.app.shell.WorkbenchSettings;

class MenuBarViewModelTest {
    @TempDir
    Path tmp;

    private SettingsFile settingsFile() {
        return new SettingsFile(tmp.resolve("config").resolve(SettingsFile.FILE));
    }

    private RecentExperiments experiments() {
        return new RecentExperiments(tmp.resolve("config").resolve("recent-experiments.txt"));
    }

    /** The menus' model over a same-thread context, its settings saved at once, as Workbench wires it. */
    private MenuBarViewModel menus(TestData.Direct direct, WorkbenchSettings before) {
        RememberedSettings remembered = new RememberedSettings(before, settingsFile(), Runnable::run);
        remembered.follow(direct.context.session().datasetProperty());
        remembered.followMlflowTracking(direct.context.runs().mlflowTrackingProperty());
        return new MenuBarViewModel(direct.context, remembered, experiments());
    }

    @Test
    void aDatasetOpenedHeadsTheRecentDatasetsAndIsSavedAtOnce() {
        TestData.Direct direct = new TestData.Direct(tmp.resolve("cache"));
        Path older = TestData.tinySynth(tmp.resolve("older"), 2, 0);
        Path rooms = TestData.tinySynth(tmp.resolve("rooms"), 2, 0);
        MenuBarViewModel vm = menus(direct, WorkbenchSettings.NONE.withDatasetOpened(older));

        System.gc(); // nothing the menus listen to may be held only weakly
        vm.openDataset(rooms);

        assertEquals(List.of(new MenuBarViewModel.Recent(rooms, false), new MenuBarViewModel.Recent(older, false)),
                vm.recentDatasets());
        assertTrue(vm.recentDatasets().get(0).label().startsWith("rooms"), vm.recentDatasets().get(0).label());
        assertEquals(List.of(rooms, older), settingsFile().load().recentDatasets(), "saved before the window closes");
        assertTrue(direct.problems.isEmpty(), () -> direct.problems.toString());
    }

    @Test
    void aRecentDatasetThatIsGoneSaysSoByNameAndOpeningItTellsWhy() {
        TestData.Direct direct = new TestData.Direct(tmp.resolve("cache"));
        Path gone = tmp.resolve("moved-away");
        MenuBarViewModel vm = menus(direct, WorkbenchSettings.NONE.withDatasetOpened(gone));

        MenuBarViewModel.Recent r = vm.recentDatasets().get(0);
        assertTrue(r.missing());
        assertEquals("moved-away (not found: " + gone + ")", r.label());

        vm.openRecentDataset(r);

        assertEquals(1, direct.problems.size());
        Problem p = direct.problems.get(0);
        assertTrue(p.title().contains("moved-away"), p.title());
        assertTrue(p.message().startsWith(gone + ": no longer exists"), p.message());
        assertNull(direct.context.session().dataset(), "nothing was opened");
    }

    @Test
    void clearingTheRecentDatasetsEmptiesTheMenuAndTheFile() {
        TestData.Direct direct = new TestData.Direct(tmp.resolve("cache"));
        MenuBarViewModel vm = menus(direct, WorkbenchSettings.NONE.withDatasetOpened(tmp.resolve("a")));

        vm.forgetRecentDatasets();

        assertTrue(vm.recentDatasets().isEmpty());
        assertEquals(List.of(), settingsFile().load().recentDatasets());
    }

    @Test
    void theRecentExperimentsAreResultsOwnAndOpenInResults() throws Exception {
        TestData.Direct direct = new TestData.Direct(tmp.resolve("cache"));
        Path table1 = Files.createDirectories(tmp.resolve("table1"));
        Path deleted = tmp.resolve("socket-deleted");
        experiments().save(List.of(table1, deleted));
        List<Path> opened = new ArrayList<>();
        direct.context.experiments().handleWith(opened::add);
        MenuBarViewModel vm = menus(direct, WorkbenchSettings.NONE);

        assertEquals(List.of(new MenuBarViewModel.Recent(table1, false), new MenuBarViewModel.Recent(deleted, true)),
                vm.recentExperiments());

        vm.openRecentExperiment(vm.recentExperiments().get(1));
        assertTrue(opened.isEmpty());
        assertTrue(direct.problems.get(0).message().startsWith(deleted + ": no longer exists"));

        vm.openRecentExperiment(vm.recentExperiments().get(0));
        assertEquals(List.of(table1), opened);
    }

    @Test
    void aFolderThatAppearsAgainIsOfferedAgainWhenTheMenuOpens() throws Exception {
        TestData.Direct direct = new TestData.Direct(tmp.resolve("cache"));
        Path later = tmp.resolve("mounted-later");
        MenuBarViewModel vm = menus(direct, WorkbenchSettings.NONE.withDatasetOpened(later));
        assertTrue(vm.recentDatasets().get(0).missing());

        Files.createDirectories(later);
        vm.refresh();

        assertFalse(vm.recentDatasets().get(0).missing());
    }

    @Test
    void theMlflowServerOfNewRunsIsCheckedRememberedAndClearedByEmptiness() {
        TestData.Direct direct = new TestData.Direct(tmp.resolve("cache"));
        MenuBarViewModel vm = menus(direct, WorkbenchSettings.NONE);
        assertEquals("", vm.mlflowTracking());
        assertEquals(java.util.Optional.of("MLflow server: localhost:5000 is not an http:// or https:// address "
                + "of an MLflow tracking server (e.g. http://localhost:5000)"), vm.setMlflowTracking("localhost:5000"));
        assertEquals("", vm.mlflowTracking(), "nothing changes");
        assertEquals(java.util.Optional.empty(), vm.setMlflowTracking(" http://localhost:5000 "));
        assertEquals("http://localhost:5000", direct.context.runs().mlflowTrackingProperty().get());
        assertEquals("http://localhost:5000", settingsFile().load().mlflowTracking(), "saved at once");
        // the next session starts with it
        TestData.Direct again = new TestData.Direct(tmp.resolve("cache2"));
        assertEquals("http://localhost:5000", menus(again, settingsFile().load()).mlflowTracking());
        assertEquals(java.util.Optional.empty(), vm.setMlflowTracking(""));
        assertEquals(null, settingsFile().load().mlflowTracking());
    }
}
