/** The chapter-4 runner and worked examples. */
package dev.jfastai.examples;
