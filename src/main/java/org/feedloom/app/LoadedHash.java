package org.feedloom.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The hash of what an instance loaded: every regular file of its configuration and seeds folders (their paths within
 * the folder and their bytes, in path order). Instances sharing a database compare theirs: the same files give the
 * same hash wherever the folders are. Stateless.
 */
final class LoadedHash {
    private LoadedHash() {}

    /** SHA-256 of the files under {@code config} and {@code seeds}, hex; a missing folder counts as empty. */
    static String of(Path config, Path seeds) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            add(sha, "config", config);
            add(sha, "seeds", seeds);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static void add(MessageDigest sha, String name, Path dir) {
        sha.update((name + "\0").getBytes(StandardCharsets.UTF_8));
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> files = walk.filter(Files::isRegularFile).sorted().toList();
            for (Path f : files) {
                String relative = dir.relativize(f).toString().replace('\\', '/');
                sha.update((relative + "\0").getBytes(StandardCharsets.UTF_8));
                byte[] bytes = Files.readAllBytes(f);
                sha.update(Long.toString(bytes.length).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir + " to hash it", e);
        }
    }
}
