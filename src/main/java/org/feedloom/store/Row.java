package org.feedloom.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.feedloom.model.Image;
import org.feedloom.model.Origin;
import org.feedloom.model.Provider;

/**
 * The current row of a result set, read column by column in the store's formats (text, ISO instants, JSON lists):
 * one place that knows how each kind of column is read back. Not thread-safe; valid while the result set is on the
 * row.
 */
final class Row {
    private final ResultSet r;

    Row(ResultSet r) {
        this.r = r;
    }

    String text(String column) throws SQLException {
        return r.getString(column);
    }

    Instant instant(String column) throws SQLException {
        return Sql.getInstant(r, column);
    }

    List<String> strings(String column) throws SQLException {
        return ModelJson.strings(r.getString(column));
    }

    // the content columns the item and article tables share, under the same names

    String title() throws SQLException {
        return r.getString("title");
    }

    String excerpt() throws SQLException {
        return r.getString("excerpt");
    }

    String content() throws SQLException {
        return r.getString("content");
    }

    Instant published() throws SQLException {
        return instant("published");
    }

    Instant updated() throws SQLException {
        return instant("updated");
    }

    List<String> topics() throws SQLException {
        return strings("topics");
    }

    List<String> categories() throws SQLException {
        return strings("categories");
    }

    List<Image> images() throws SQLException {
        return ModelJson.images(r.getString("images"));
    }

    Provider provider() throws SQLException {
        return ModelJson.provider(r.getString("provider"));
    }

    Origin origin() throws SQLException {
        return Origin.valueOf(r.getString("origin"));
    }
}
