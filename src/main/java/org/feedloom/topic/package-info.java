/**
 * Topics: the rules that give articles their topics and group
 * them into a catalog ({@link org.feedloom.topic.TopicIndex}). Pure; depends on {@code model}.
 */
package org.feedloom.topic;
