package io.asobi.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A relative game dir missing from the working directory is found in the installation ({@code asobi.home}).
 */
class ServeCommandGameDirTest
{
    @TempDir
    Path home;

    @Test
    void relativeGameDirFallsBackToTheInstallation() throws Exception
    {
        final Path installed = Files.createDirectories(home.resolve("games/some-demo"));
        final String previous = System.getProperty("asobi.home");
        System.setProperty("asobi.home", home.toString());
        try
        {
            assertThat(ServeCommand.resolveGameDir(Path.of("games/some-demo"))).isEqualTo(installed);
            assertThat(ServeCommand.resolveGameDir(Path.of("no/such/dir"))).isEqualTo(Path.of("no/such/dir"));
            assertThat(ServeCommand.resolveGameDir(home)).isEqualTo(home);
        }
        finally
        {
            if (null == previous)
            {
                System.clearProperty("asobi.home");
            }
            else
            {
                System.setProperty("asobi.home", previous);
            }
        }
    }
}
