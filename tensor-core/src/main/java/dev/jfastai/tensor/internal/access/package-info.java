/**
 * Access to tensor internals for the other jfastai modules: exported only to those that need it (see module-info).
 */
package dev.jfastai.tensor.internal.access;
