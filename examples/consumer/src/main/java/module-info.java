/** A user's own module: trains with jfastai and plugs in its own callback through Guice. */
module com.example.consumer {
  requires dev.jfastai.callbacks;

  // Guice builds the callback through its @Inject constructor. It reflects into opened packages, but the fast
  // constructor class it generates lives outside this module (JDK 25, Guice 7), so the package must be exported too.
  exports com.example.consumer;
  opens com.example.consumer to com.google.guice;
}
