package dev.ferry.mirror.catalog;

/** Catalogs written by a test, for rules the built-in catalog does not exercise. */
final class TestCatalogs {
    private TestCatalogs() {}

    /** A catalog ({@code test.yaml}) of one kOps line, 1.30 (release 1.30.0, Kubernetes 1.30.0), then {@code valuesAndRules}. */
    static Catalog line130(String valuesAndRules) {
        return Catalog.parse("""
                format: 1
                lines:
                  - {kops: "1.30", releases: [1.30.0], kubernetes: 1.30.0, read: "a test"}
                """ + valuesAndRules, "test.yaml");
    }
}
