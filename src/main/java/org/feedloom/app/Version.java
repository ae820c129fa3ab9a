package org.feedloom.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.feedloom.fetch.HttpFetcher;

/** Feedloom's version, from the build, and the User-Agent that names it. */
final class Version {
    private Version() {}

    /**
     * The User-Agent of every request Feedloom makes — feed fetches, discovery and WebSub pings alike: its name,
     * this version and its project URL ({@link HttpFetcher#userAgent}).
     */
    static String userAgent() {
        return HttpFetcher.userAgent(get());
    }

    /**
     * This build, as exactly as the process can tell: the version, and the size and time of the jar it runs from (two
     * builds of one version differ there); the version alone when it runs from classes, not a jar.
     */
    static String build() {
        String build = get();
        try {
            java.nio.file.Path jar = java.nio.file.Path.of(
                    Version.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (java.nio.file.Files.isRegularFile(jar)) {
                build += " " + java.nio.file.Files.size(jar) + " " + java.nio.file.Files.getLastModifiedTime(jar);
            }
        } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
            build += " unknown";
        }
        return build;
    }

    static String get() {
        try (InputStream in = Version.class.getResourceAsStream("/feedloom-version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            String v = p.getProperty("version", "dev");
            return v.startsWith("${") ? "dev" : v;
        } catch (IOException e) {
            return "dev";
        }
    }
}
