/** A worked example of a user-written callback and the Guice module that registers it. */
package dev.jfastai.examples.callbacks;
