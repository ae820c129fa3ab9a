package org.feedloom.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeLibraryFolderTest {
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final String COPY = "sqlite-3.53.4.0-00bf0362-a50a-4559-ad7c-23b902c9e1c1-libsqlitejdbc.so";

    @TempDir
    Path dir;

    @Test
    void removeStale_removesTheDriversOldCopiesAndLockFiles_keepsYoungOnesAndOtherFiles() throws Exception {
        Path oldCopy = file(COPY, NOW.minus(NativeLibraryFolder.STALE).minusSeconds(1));
        Path oldLock = file(COPY + ".lck", NOW.minusSeconds(3600));
        Path young = file("sqlite-3.53.4.0-16a53e07-e799-403e-8098-a547f57addd2-libsqlitejdbc.so",
                NOW.minus(NativeLibraryFolder.STALE).plusSeconds(1));
        Path youngLock = file(young.getFileName() + ".lck", NOW.minusSeconds(5));
        Path other = file("notes.txt", NOW.minusSeconds(86_400));
        Path folder = Files.createDirectory(dir.resolve("sqlite-a-folder"));
        Files.setLastModifiedTime(folder, FileTime.from(NOW.minusSeconds(86_400)));

        assertEquals(2, NativeLibraryFolder.removeStale(dir, NOW));

        assertFalse(Files.exists(oldCopy));
        assertFalse(Files.exists(oldLock));
        for (Path kept : List.of(young, youngLock, other, folder)) {
            assertTrue(Files.exists(kept), kept::toString);
        }
        assertEquals(0, NativeLibraryFolder.removeStale(dir, NOW), "nothing left to remove");
    }

    @Test
    void ownedAlone_makesAMissingFolderForItsOwnerAlone() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Path folder = NativeLibraryFolder.folderIn(dir);

        assertTrue(NativeLibraryFolder.ownedAlone(folder));

        assertTrue(Files.isDirectory(folder));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
        assertTrue(NativeLibraryFolder.ownedAlone(folder), "and takes it as it is the next time");
    }

    @Test
    void ownedAlone_refusesAFolderOthersMayWriteTo_aLinkAndAFile() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Path shared = Files.createDirectory(dir.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path link = Files.createSymbolicLink(dir.resolve("link"),
                Files.createDirectory(dir.resolve("target"), PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------"))));
        Path plain = Files.writeString(dir.resolve("plain"), "x");

        assertFalse(NativeLibraryFolder.ownedAlone(shared));
        assertFalse(NativeLibraryFolder.ownedAlone(link));
        assertFalse(NativeLibraryFolder.ownedAlone(plain));
        assertTrue(NativeLibraryFolder.ownedAlone(dir.resolve("target")), "the link's target itself is fine");
    }

    @Test
    void fileNameOf_keepsAUsersNameAsOneFileName() {
        assertEquals("feedloom", NativeLibraryFolder.fileNameOf("feedloom"));
        assertEquals("a_b_c.d-e", NativeLibraryFolder.fileNameOf("a/b c.d-e"));
        assertEquals("_..", NativeLibraryFolder.fileNameOf("/.."));
        assertEquals("user", NativeLibraryFolder.fileNameOf(null));
        assertEquals("user", NativeLibraryFolder.fileNameOf(""));
    }

    private Path file(String name, Instant modified) throws Exception {
        Path f = Files.writeString(dir.resolve(name), "x");
        Files.setLastModifiedTime(f, FileTime.from(modified));
        return f;
    }
}
