/** Ready-made callbacks: progress table, CSV/JSON logs, early stopping, checkpoints, schedulers, LR finder, plots. */
module dev.jfastai.callbacks {
  requires transitive dev.jfastai.learner;
  requires org.apache.commons.csv;
  requires org.jfree.jfreechart;
  requires com.fasterxml.jackson.databind;
  requires java.desktop;

  exports dev.jfastai.callbacks;
  // Guice builds the callbacks with their default settings through their public no-argument constructors.
  opens dev.jfastai.callbacks to com.google.guice;
}
