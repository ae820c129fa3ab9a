/**
 * Topics: the rules that give items and articles their topics (a source's configured topics included) and group
 * them into a catalog ({@link org.feedloom.topic.TopicIndex}), and the source {@code exclude} keywords that drop a
 * source's items ({@link org.feedloom.topic.SourceExcludes}); both match keywords by one rule. Pure; depends on
 * {@code model}.
 */
package org.feedloom.topic;
