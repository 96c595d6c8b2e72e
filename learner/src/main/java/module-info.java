/** The Learner: an event-firing fit loop with Guice-injected callbacks, Recorder, metrics, predict and save. */
module dev.jfastai.learner {
  requires transitive dev.jfastai.nn;
  requires transitive dev.jfastai.data;
  requires transitive com.google.guice;
  requires com.fasterxml.jackson.databind;

}
