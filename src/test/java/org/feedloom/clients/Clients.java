package org.feedloom.clients;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Finding and running the real clients (Debian packages) the tests of this package drive. A client that is not
 * installed skips its tests with the reason; with {@code FEEDLOOM_REQUIRE_CLIENTS=1} in the environment (as in CI)
 * it fails them instead.
 */
final class Clients {
    static final boolean REQUIRED = "1".equals(System.getenv("FEEDLOOM_REQUIRE_CLIENTS"));

    private Clients() {}

    /** The finished run of a client: exit code and what it printed. */
    record Run(List<String> command, int exit, String stdout, String stderr) {
        /** The run, for assertion messages. */
        String describe() {
            return String.join(" ", command) + " → exit " + exit + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    /** The executable {@code name} on the PATH; skips (or fails) the test when there is none. */
    static Path executable(String name, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return missing(name + " is not installed (Debian package " + debianPackage + ")");
    }

    /**
     * A python3 that can import {@code module}: Debian's own {@code /usr/bin/python3} first (where the Debian package
     * installs it), then the python3 on the PATH.
     */
    static Path pythonWith(String module, String debianPackage, Path workDir) throws Exception {
        List<Path> candidates = new ArrayList<>(List.of(Path.of("/usr/bin/python3")));
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            candidates.add(Path.of(dir.isEmpty() ? "." : dir, "python3"));
        }
        for (Path python : candidates) {
            if (Files.isExecutable(python)
                    && run(workDir, Duration.ofSeconds(60), Map.of(), python.toString(), "-c", "import " + module).exit() == 0) {
                return python;
            }
        }
        return missing("no python3 can import " + module + " (Debian package " + debianPackage + ")");
    }

    /** Skips the calling test with {@code reason}, or fails it when clients are required. */
    static <T> T missing(String reason) {
        if (REQUIRED) {
            fail(reason + "; FEEDLOOM_REQUIRE_CLIENTS=1 makes a missing client a failure");
        }
        Assumptions.abort(reason + "; skipped (set FEEDLOOM_REQUIRE_CLIENTS=1 to make this a failure)");
        return null;
    }

    /**
     * Runs {@code command} in {@code dir} with {@code HOME} set to {@code dir} (plus {@code env}), no standard input,
     * its output to files; kills it and fails the test if it has not finished within {@code timeout}.
     */
    static Run run(Path dir, Duration timeout, Map<String, String> env, String... command) throws Exception {
        Path out = Files.createTempFile(dir, "stdout-", ".txt");
        Path err = Files.createTempFile(dir, "stderr-", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("HOME", dir.toString());
        pb.environment().putAll(env);
        Process process = pb.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            fail(String.join(" ", command) + " did not finish within " + timeout + "; stderr:\n" + read(err));
        }
        return new Run(List.of(command), process.exitValue(), read(out), read(err));
    }

    static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /** {@code target/screenshots}, kept as a build artefact. */
    static Path screenshots() throws IOException {
        return Files.createDirectories(Path.of("target", "screenshots"));
    }
}
