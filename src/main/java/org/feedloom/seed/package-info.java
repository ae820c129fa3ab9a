/**
 * Seed documents (YAML front matter plus an optional body) to items, with {@code file:line} problems.
 * Depends on {@code model}, {@code html} (the sanitiser) and {@code yaml} (the shared reader of YAML nodes).
 */
package org.feedloom.seed;
