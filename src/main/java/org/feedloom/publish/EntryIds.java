package org.feedloom.publish;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Stable ids: name-based (SHA-1, version 5) UUID URNs, so an article keeps its entry id across restarts,
 * machines and configuration changes as long as its canonical key is the same.
 */
public final class EntryIds {
    /** The namespace UUID of Feedloom's name-based ids (fixed forever: changing it changes every id). */
    private static final UUID NAMESPACE = UUID.fromString("6f1c2b8e-4d35-5a8e-9c1b-fe3d10a0c0de");

    private EntryIds() {}

    /** The entry id of an article with canonical key {@code key}. */
    public static String forArticle(String key) {
        return "urn:uuid:" + uuid5("article:" + key);
    }

    /** The feed id of a topic. */
    public static String forTopic(String slug) {
        return "urn:uuid:" + uuid5("topic:" + slug);
    }

    static UUID uuid5(String name) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            ByteBuffer ns = ByteBuffer.allocate(16)
                    .putLong(NAMESPACE.getMostSignificantBits()).putLong(NAMESPACE.getLeastSignificantBits());
            sha1.update(ns.array());
            byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
            hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
            hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
            ByteBuffer b = ByteBuffer.wrap(hash, 0, 16);
            return new UUID(b.getLong(), b.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JVM", e);
        }
    }
}
