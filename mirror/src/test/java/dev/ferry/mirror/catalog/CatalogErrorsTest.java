package dev.ferry.mirror.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.error.FerryException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CatalogErrorsTest {
    private final Catalog catalog = Catalog.builtIn();

    @Test
    void unknownKopsLineNamesTheKnownOnes() {
        FerryException e = assertThrows(FerryException.class, () -> catalog.resolve(CatalogRequest.of("1.25.3", Optional.empty())));
        assertEquals(FerryException.BAD_USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("1.25.3"), e.getMessage());
        assertTrue(e.hint().orElseThrow().contains("1.26") && e.hint().get().contains("1.37") && e.hint().get().contains("1.9"),
                e.hint().get());
    }

    @Test
    void garbageVersionIsBadInput() {
        FerryException e = assertThrows(FerryException.class, () -> CatalogRequest.of("latest", Optional.empty()));
        assertEquals(FerryException.BAD_USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("latest"));
    }

    @Test
    void aLineWithoutPatchIsRefused() {
        FerryException e = assertThrows(FerryException.class, () -> catalog.resolve(CatalogRequest.of("1.30", Optional.empty())));
        assertTrue(e.getMessage().contains("1.30.0"), e.getMessage());
    }

    @Test
    void catalogTyposAreCaughtWithTheLine() {
        String bad = "format: 1\nlines: []\nvalues: {}\nassets:\n  - {kind: kubelet, url: x, wen: {kops: \"1.30\"}}\n";
        FerryException e = assertThrows(FerryException.class, () -> Catalog.parse(bad, "kops.yaml"));
        assertTrue(e.getMessage().startsWith("kops.yaml:5"), e.getMessage());
        assertTrue(e.getMessage().contains("wen"), e.getMessage());
    }
}
