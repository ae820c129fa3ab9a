/**
 * The command line, the wiring of the stages and the lifecycle: the only package that knows every stage.
 */
package org.feedloom.app;
