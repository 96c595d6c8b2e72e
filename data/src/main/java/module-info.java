/** Datasets, DataLoaders, untarData (download + cache + extraction) and image/MNIST readers. */
module dev.jfastai.data {
  requires transitive dev.jfastai.tensor;
  requires java.desktop;
  requires java.net.http;
  requires org.apache.commons.compress;
  requires org.apache.commons.csv;

  exports dev.jfastai.data;
}
