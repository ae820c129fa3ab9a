/**
 * The HTTP surface (Javalin): routes, conditional GET, pre-compressed responses, error mapping, the count of
 * requests answered by route and status, and {@code /metrics} from the {@link org.feedloom.web.MetricsSource} it is
 * given. Handlers are thin; documents come from {@code publish}. Depends on {@code publish} and {@code model}.
 */
package org.feedloom.web;
