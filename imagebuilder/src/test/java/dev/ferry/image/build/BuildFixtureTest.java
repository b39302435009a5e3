package dev.ferry.image.build;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A test with a fresh {@link BuildFixture} (fake EC2, SSH builder, temp folder) per method. */
abstract class BuildFixtureTest {
    @TempDir
    Path dir;
    BuildFixture f;

    @BeforeEach
    void startFixture() throws Exception {
        f = new BuildFixture(dir);
    }

    @AfterEach
    void stopFixture() throws Exception {
        f.close();
    }
}
