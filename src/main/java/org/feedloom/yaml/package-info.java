/**
 * The one reader of YAML nodes, shared by {@code config} and {@code seed}: SnakeYAML composes a document within
 * limits, and typed values are read out of its nodes by one set of rules, each problem recorded as
 * {@code file:line: message}. Holds no configuration or seed knowledge. Depends on {@code model} (for
 * {@code Problem}) and SnakeYAML.
 */
package org.feedloom.yaml;
