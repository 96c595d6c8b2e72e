/** Ready-made callbacks for the Learner. */
package dev.jfastai.callbacks;
