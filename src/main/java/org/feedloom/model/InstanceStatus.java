package org.feedloom.model;

import java.time.Instant;

/**
 * An instance of Feedloom sharing this one's database, as {@code /status} shows it.
 *
 * @param id         its id in the database
 * @param role       {@code serve}, {@code serve --no-fetch} or {@code fetch}
 * @param started    when it first checked in
 * @param lastSeen   when it last checked in
 * @param self       whether it is the instance answering
 * @param sameLoaded whether it loaded the same configuration and seeds as the instance answering
 */
public record InstanceStatus(String id, String role, Instant started, Instant lastSeen, boolean self,
                             boolean sameLoaded) {}
