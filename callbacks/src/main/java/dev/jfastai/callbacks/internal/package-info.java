/**
 * Implementation details of the callbacks: log files, table formatting, the console bar, tracking and LR-finder
 * internals.
 */
package dev.jfastai.callbacks.internal;
