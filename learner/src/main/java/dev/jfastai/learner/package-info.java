/** The Learner, its events, callbacks, Recorder and metrics. */
package dev.jfastai.learner;
