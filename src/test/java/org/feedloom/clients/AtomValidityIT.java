package org.feedloom.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Issue 5, validity: every Atom document Feedloom serves — each topic's feed and every RFC 5005 page of it, as
 * {@code ?page=N} — validates with jing (Debian's jing) against the RFC 4287 RELAX NG schema kept in
 * {@code src/test/resources/atom/atom.rnc}, and passes the W3C-feed-validator checks of {@link AtomChecks}.
 */
class AtomValidityIT extends AgainstFeedloom {
    /** Every Atom document: the URL it was served at → its bytes. */
    static final Map<String, byte[]> documents = new LinkedHashMap<>();

    @BeforeAll
    static void fetchEveryAtomDocument() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (Expected e : expected) {
            List<String> urls = new ArrayList<>(List.of(e.atomUrl()));
            for (int page = 1; page <= e.pages(); page++) {
                urls.add(e.atomPageUrl(page));
            }
            for (String url : urls) {
                HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, r.statusCode(), url);
                documents.put(url, r.body());
            }
        }
        assertTrue(expected.stream().anyMatch(e -> e.pages() > 2), "some topic has several pages");
    }


    static Path schema() throws Exception {
        return Path.of(AtomValidityIT.class.getResource("/atom/atom.rnc").toURI());
    }

    /** Runs jing on the files; its findings are on stdout (stderr has only the Debian wrapper's classpath notes). */
    static Clients.Run jing(List<Path> files) throws Exception {
        Path jing = Clients.executable("jing", "jing");
        List<String> command = new ArrayList<>(List.of(jing.toString(), "-c", schema().toString()));
        files.forEach(f -> command.add(f.toString()));
        return Clients.run(dir, Duration.ofMinutes(3), Map.of(), command.toArray(String[]::new));
    }

    @Test
    void everyAtomDocument_everyPage_isValidAgainstTheRfc4287Schema() throws Exception {
        List<Path> files = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, byte[]> doc : documents.entrySet()) {
            Path file = dir.resolve("atom-" + (i++) + "-" + doc.getKey().replaceAll("[^A-Za-z0-9]+", "_") + ".xml");
            Files.write(file, doc.getValue());
            files.add(file);
        }
        Clients.Run run = jing(files);
        assertEquals("", run.stdout(), run.describe());
        assertEquals(0, run.exit(), run.describe());
    }

    @Test
    void jing_withTheSchema_rejectsAFeedWithoutAnId() throws Exception {
        String feed = new String(documents.values().iterator().next(), StandardCharsets.UTF_8);
        Path broken = dir.resolve("broken.xml");
        Files.writeString(broken, feed.replaceFirst("<id>[^<]*</id>", ""));
        Clients.Run run = jing(List.of(broken));
        assertNotEquals(0, run.exit(), run.describe());
        assertTrue(run.stdout().contains("broken.xml"), run.describe());
    }

    @Test
    void everyAtomDocument_passesTheFeedValidatorChecks() throws Exception {
        for (Map.Entry<String, byte[]> doc : documents.entrySet()) {
            assertEquals(List.of(), AtomChecks.problems(AtomChecks.parse(doc.getValue()), doc.getKey()), doc.getKey());
        }
    }

    @Test
    void acrossATopicsPages_theFeedIdIsOne_andNoEntryIdRepeats() throws Exception {
        for (Expected e : expected) {
            Set<String> feedIds = new HashSet<>();
            List<String> entryIds = new ArrayList<>();
            for (int page = 1; page <= e.pages(); page++) {
                Document d = AtomChecks.parse(documents.get(e.atomPageUrl(page)));
                feedIds.add(AtomChecks.text(AtomChecks.child(d.getDocumentElement(), "id")));
                for (Element entry : AtomChecks.children(d.getDocumentElement(), "entry")) {
                    entryIds.add(AtomChecks.text(AtomChecks.child(entry, "id")));
                }
            }
            assertEquals(1, feedIds.size(), e.slug() + ": " + feedIds);
            assertEquals(e.ids(), entryIds, e.slug());
        }
    }
}
