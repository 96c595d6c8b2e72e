/** The Learner: an event-firing fit loop with Guice-injected callbacks, Recorder, metrics, predict and save. */
module dev.jfastai.learner {
  requires transitive dev.jfastai.nn;
  requires transitive dev.jfastai.data;
  requires transitive com.google.guice;
  requires transitive jakarta.inject;
  requires com.fasterxml.jackson.databind;

  exports dev.jfastai.learner;
  // Guice injects LearnerFactory; Jackson reads and writes the checkpoint records.
  opens dev.jfastai.learner to com.google.guice, com.fasterxml.jackson.databind;
}
