package org.feedloom.model;

import java.util.List;

/** Who published an article: a display name, the site's domain (may be null) and its logos. */
public record Provider(String name, String domain, List<Image> images) {
    public Provider {
        name = Checks.blankToNull(name);
        domain = Checks.blankToNull(domain);
        images = images == null ? List.of() : List.copyOf(images);
        Checks.argument(name != null || domain != null, "provider needs a name or a domain");
    }

    /** The provider's home page, from its domain, or null. */
    public String uri() {
        if (domain == null) {
            return null;
        }
        return domain.contains("://") ? domain : "https://" + domain + "/";
    }

    /** The name to show: the name, else the domain. */
    public String displayName() {
        return name != null ? name : domain;
    }
}
