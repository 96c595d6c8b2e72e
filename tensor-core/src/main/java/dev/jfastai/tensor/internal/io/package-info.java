/**
 * The one way jfastai writes files: atomic replacement through a temporary sibling, used by every module
 * (exported only to jfastai's own modules, see module-info).
 */
package dev.jfastai.tensor.internal.io;
