package dev.jfastai.data;

/**
 * Indexed items of one kind, like a PyTorch map-style dataset: {@link #size()} items, item {@code i} from
 * {@link #get(int)}. A {@link DataLoader} reads {@code Dataset<Batch>}s.
 */
public interface Dataset<T> {
  /** The number of items. */
  int size();

  /** Item {@code i}, {@code 0 <= i < size()}. */
  T get(int i);
}
