package org.xmodal.app.help;

import java.net.URL;
import java.util.Optional;

/**
 * What Help shows, each a Markdown file of the repository packaged with the app at build time (app/pom.xml), so the
 * window says what the README says.
 *
 * @param resource the file's path in the repository, which is also its path under this package
 * @param section  the heading of the one section shown, or null for the whole file
 */
public enum HelpDocument {
    GUIDE("Workbench guide", "README.md", "The workbench"),
    METHODS("Method brief", "docs/methods.md", null);

    private final String title;
    private final String resource;
    private final String section;

    HelpDocument(String title, String resource, String section) {
        this.title = title;
        this.resource = resource;
        this.section = section;
    }

    public String title() {
        return title;
    }

    /** The file's path in the repository, as messages name it. */
    public String file() {
        return resource;
    }

    public Optional<String> section() {
        return Optional.ofNullable(section);
    }

    /** Where the packaged file is; empty in a build that did not package it. */
    public Optional<URL> url() {
        return Optional.ofNullable(HelpDocument.class.getResource(resource));
    }

    /** A stable id for tests and style sheets: "Workbench guide" -> "workbench-guide". */
    public String id() {
        return title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}
