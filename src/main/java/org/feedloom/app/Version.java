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
