/**
 * The HTTP surface (Javalin): routes, conditional GET, pre-compressed responses, error mapping. Handlers are
 * thin; documents come from {@code publish}. Depends on {@code publish} and {@code model}.
 */
package org.feedloom.web;
