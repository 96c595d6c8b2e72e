/** The command-line runner that reproduces fastai's chapter 4, plus worked examples. */
module dev.jfastai.examples {
  requires dev.jfastai.callbacks;
  requires info.picocli;
  // bench reads the training thread's allocation counter (com.sun.management.ThreadMXBean).
  requires jdk.management;

  // The chapter's classes (BasicLearner, the plain loop) and the example callback are meant to be read and reused.
  exports dev.jfastai.examples.chapter4;
  exports dev.jfastai.examples.callbacks;
  // picocli sets the annotated option fields of the commands; Guice constructs the example callback.
  opens dev.jfastai.examples to info.picocli;
  opens dev.jfastai.examples.callbacks to com.google.guice;
}
