package dev.jfastai.learner;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Values that callbacks share, looked up by typed {@link Key}s instead of ad-hoc fields or casts. */
public final class TypedStore {
  private final Map<Key<?>, Object> values = new HashMap<>();

  /** A typed name for one value in the store; compare by identity, so keep keys in constants. */
  public static final class Key<T> {
    private final String name;
    private final Class<T> type;

    private Key(String name, Class<T> type) {
      this.name = name;
      this.type = type;
    }

    public static <T> Key<T> of(String name, Class<T> type) {
      return new Key<>(name, type);
    }

    @Override
    public String toString() {
      return name + ":" + type.getSimpleName();
    }
  }

  public <T> void put(Key<T> key, T value) {
    values.put(key, key.type.cast(value));
  }

  public <T> Optional<T> get(Key<T> key) {
    return Optional.ofNullable(key.type.cast(values.get(key)));
  }

  public void remove(Key<?> key) {
    values.remove(key);
  }
}
