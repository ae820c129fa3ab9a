/**
 * Configuration: the records of {@code config/*.yaml}, their loading, merging and validation with
 * {@code file:line: message} problems, and the watcher that reloads them. Depends on {@code model} and {@code yaml}
 * (the shared reader of YAML nodes).
 */
package org.feedloom.config;
