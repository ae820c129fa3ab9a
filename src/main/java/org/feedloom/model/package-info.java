/**
 * Immutable records shared by every stage: {@link org.feedloom.model.Item} (one mention of an article
 * from one origin) and {@link org.feedloom.model.Article} (all mentions of one article, merged).
 * Depends on nothing but the JDK.
 */
package org.feedloom.model;
