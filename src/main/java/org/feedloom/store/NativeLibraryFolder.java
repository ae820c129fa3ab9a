package org.feedloom.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where SQLite's driver puts the native library it unpacks from its jar at every start, and what a killed process
 * left there. The driver writes a new copy (about 1 MB) and a lock-file beside it into the temporary folder each time
 * a JVM loads it, and deletes both when the JVM exits normally; a process killed with SIGKILL (the OOM killer, a
 * crash, a service manager's last resort) leaves both behind, and the driver's own clean-up keeps every copy whose
 * lock-file is still there. A server restarted in a loop after such deaths filled its disk that way, taking SQLite's
 * writes down with it (sqlite-jdbc issue 1140).
 *
 * <p>So, unless the user chose a folder ({@code -Dorg.sqlite.tmpdir}), Feedloom gives the driver a folder of its own
 * in the temporary folder, {@code feedloom-sqlite-<user>}, readable and writable by its owner alone (a library loaded
 * from a folder others may write to could be swapped under it), and removes what is older than {@link #STALE} there
 * before the driver loads: what a killed Feedloom left. A copy another running Feedloom loaded is removed as well once
 * it is that old, which does not disturb it (a loaded library stays mapped until its process ends, on Linux and macOS;
 * where a loaded library cannot be deleted, the deletion fails and is skipped); a copy being written and loaded at
 * that moment is younger. When the folder cannot be made or is not its user's alone, the driver keeps the temporary
 * folder, as it would without Feedloom. Thread-safe.
 */
final class NativeLibraryFolder {
    private static final Logger LOG = LoggerFactory.getLogger(NativeLibraryFolder.class);
    /** The driver's setting for the folder it unpacks its library into. */
    static final String PROPERTY = "org.sqlite.tmpdir";
    /** How old a file of the folder must be to be taken for a killed process's. */
    static final Duration STALE = Duration.ofMinutes(10);
    /** The names the driver gives its copies and their lock-files. */
    private static final String PREFIX = "sqlite-";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static boolean prepared;

    private NativeLibraryFolder() {}

    /**
     * Before SQLite's driver first loads: unless {@value #PROPERTY} is set, sets it to Feedloom's own folder, made if
     * need be, with what killed processes left there removed. Once per JVM; anything that fails leaves the driver's
     * default (logged at debug level).
     */
    static synchronized void prepare() {
        if (prepared) {
            return;
        }
        prepared = true;
        if (System.getProperty(PROPERTY) != null) {
            return;
        }
        Path folder = folderIn(Path.of(System.getProperty("java.io.tmpdir")));
        try {
            if (!ownedAlone(folder)) {
                LOG.debug("SQLite's native library stays in the temporary folder: {} is not its user's alone", folder);
                return;
            }
            int removed = removeStale(folder, Instant.now());
            if (removed > 0) {
                LOG.info("removed {} files of SQLite's native library that killed processes left in {}", removed,
                        folder);
            }
            System.setProperty(PROPERTY, folder.toString());
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            LOG.debug("SQLite's native library stays in the temporary folder: {}: {}", folder, e.toString());
        }
    }

    /**
     * Removes the driver's files ({@code sqlite-*}) in {@code folder} last modified before {@code now} less
     * {@link #STALE}; leaves any other file, and one it cannot delete. Returns how many it removed.
     *
     * @throws IOException when the folder cannot be listed
     */
    static int removeStale(Path folder, Instant now) throws IOException {
        Instant before = now.minus(STALE);
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, PREFIX + "*")) {
            for (Path f : files) {
                try {
                    if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)
                            && Files.getLastModifiedTime(f, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(before)
                            && Files.deleteIfExists(f)) {
                        removed++;
                    }
                } catch (IOException e) {
                    LOG.debug("not removed: {}: {}", f, e.toString());
                }
            }
        }
        return removed;
    }

    /**
     * Whether {@code folder} is a directory (not a link) that its user alone may write to, made so if it was not
     * there. Where the file system has no POSIX permissions, whether it is a directory.
     */
    static boolean ownedAlone(Path folder) throws IOException {
        boolean posix = folder.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            try {
                if (posix) {
                    Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                } else {
                    Files.createDirectory(folder);
                }
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // made meanwhile by another process: judged below as any folder that was there
            }
        }
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        if (!posix) {
            return true;
        }
        String me = System.getProperty("user.name");
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(folder, LinkOption.NOFOLLOW_LINKS);
        return Files.getOwner(folder, LinkOption.NOFOLLOW_LINKS).getName().equals(me)
                && OWNER_ONLY.containsAll(perms);
    }

    /** Feedloom's folder for the driver's library in {@code temporary}: {@code feedloom-sqlite-<user>}. */
    static Path folderIn(Path temporary) {
        return temporary.resolve("feedloom-sqlite-" + fileNameOf(System.getProperty("user.name")));
    }

    /** A user name as a file name: letters, digits, '.', '-' and '_' kept, anything else '_'; "user" for none. */
    static String fileNameOf(String user) {
        return user == null || user.isEmpty() ? "user" : user.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
