package dev.ferry.mirror.catalog;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;

/** What the tests comparing plan with kOps release by release share: their expectations file, one test per case, the differences. */
final class ReleaseCases {
    private ReleaseCases() {}

    /** A test resource's text. */
    static String text(String resource) {
        try (InputStream in = ReleaseCases.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the test resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cases grouped by kOps release, in file order. */
    static <C> Map<String, List<C>> byRelease(List<C> cases, Function<C, String> kops) {
        Map<String, List<C>> out = new LinkedHashMap<>();
        for (C c : cases) {
            out.computeIfAbsent(kops.apply(c), k -> new ArrayList<>()).add(c);
        }
        return out;
    }

    /** One container per kOps release, one test per case; a case fails with its {@code diff} when that is not empty. */
    static <C> Stream<DynamicContainer> tests(List<C> cases, Function<C, String> kops, Function<C, String> name, Function<C, String> diff) {
        return byRelease(cases, kops).entrySet().stream().map(e -> DynamicContainer.dynamicContainer("kOps " + e.getKey(),
                e.getValue().stream().map(c -> DynamicTest.dynamicTest(name.apply(c), () -> {
                    String d = diff.apply(c);
                    if (!d.isEmpty()) {
                        fail("kOps " + kops.apply(c) + " " + name.apply(c) + ":\n" + d);
                    }
                }))));
    }

    /** The first few test names: "minimal, ha, complex and 12 more tests". */
    static String some(List<String> tests) {
        String some = String.join(", ", tests.subList(0, Math.min(3, tests.size())));
        return some + (tests.size() > 3 ? " and " + (tests.size() - 3) + " more tests" : "");
    }

    /** A line for each of kOps's items plan lacks, and for each plan has and kOps does not; empty when they agree. */
    static String difference(Set<String> kops, Set<String> plan, String verb) {
        Set<String> missing = new TreeSet<>(kops);
        missing.removeAll(plan);
        Set<String> extra = new TreeSet<>(plan);
        extra.removeAll(kops);
        return missing.stream().map(u -> "  kOps " + verb + "s, plan lacks: " + u + "\n").collect(Collectors.joining())
                + extra.stream().map(u -> "  plan has, kOps does not " + verb + ": " + u + "\n").collect(Collectors.joining());
    }
}
