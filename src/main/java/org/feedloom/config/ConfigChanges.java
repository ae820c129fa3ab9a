package org.feedloom.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.feedloom.model.Checks;
import org.feedloom.model.Source;

/**
 * What a new configuration changes: the sections read at start-up only that differ ({@link #restartOnly}), and how
 * the configured sources changed ({@link #sources}). Pure; the inputs are not modified.
 */
public final class ConfigChanges {
    private ConfigChanges() {}

    /**
     * The sections read at start-up only — {@code site}, {@code fetch}, {@code http}, {@code websub},
     * {@code admin}, {@code store}, {@code folding}, {@code related}, in that order — that differ between the
     * {@code running} configuration and {@code next}: a reload cannot apply them (folding and related coverage are
     * the rules the archive was merged and linked by).
     */
    public static List<String> restartOnly(FeedloomConfig running, FeedloomConfig next) {
        List<String> changed = new ArrayList<>();
        addIfChanged(changed, "site", running.site(), next.site());
        addIfChanged(changed, "fetch", running.fetch(), next.fetch());
        addIfChanged(changed, "http", running.http(), next.http());
        addIfChanged(changed, "websub", running.websub(), next.websub());
        addIfChanged(changed, "admin", running.admin(), next.admin());
        addIfChanged(changed, "store", running.store(), next.store());
        addIfChanged(changed, "folding", running.folding(), next.folding());
        addIfChanged(changed, "related", running.related(), next.related());
        return changed;
    }

    private static void addIfChanged(List<String> changed, String section, Object running, Object next) {
        if (!running.equals(next)) {
            changed.add(section);
        }
    }

    /** How the sources changed from {@code before} to {@code after}, matched by id, each list in its own order. */
    public static Sources sources(Collection<Source> before, List<Source> after) {
        Map<String, Source> old = new LinkedHashMap<>();
        before.forEach(s -> old.put(s.id(), s));
        List<Change> changed = new ArrayList<>();
        for (Source s : after) {
            Source was = old.remove(s.id());
            if (!s.equals(was)) {
                changed.add(new Change(was, s));
            }
        }
        return new Sources(List.copyOf(old.values()), changed);
    }

    /**
     * @param removed the sources of the old configuration that the new one no longer has
     * @param changed the sources of the new configuration that are new or configured differently
     */
    public record Sources(List<Source> removed, List<Change> changed) {
        public Sources {
            removed = List.copyOf(removed);
            changed = List.copyOf(changed);
        }

        /**
         * Whether the fetched items must be grouped again: a source left (its items leave the feeds) or a source's
         * topics changed.
         */
        public boolean itemsChanged() {
            return !removed.isEmpty() || changed.stream().anyMatch(Change::topicsChanged);
        }
    }

    /**
     * One source added or configured differently.
     *
     * @param before its previous configuration, or null when it is new
     * @param after  its configuration now
     */
    public record Change(Source before, Source after) {
        public Change {
            Checks.notNull(after, "after");
        }

        public boolean isNew() {
            return before == null;
        }

        /** Whether a source that was configured already now follows another feed or site. */
        public boolean feedMoved() {
            return before != null && !before.address().equals(after.address());
        }

        /** Whether a source that was configured already now gives its items other topics. */
        public boolean topicsChanged() {
            return before != null && !before.topics().equals(after.topics());
        }
    }
}
