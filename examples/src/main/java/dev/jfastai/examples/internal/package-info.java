/** Helpers of the example commands: Python-style number formatting and text tables. */
package dev.jfastai.examples.internal;
