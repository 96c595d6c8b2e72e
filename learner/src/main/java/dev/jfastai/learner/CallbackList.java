package dev.jfastai.learner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The learner's callbacks, kept sorted (order, then class name, then registration), and the event dispatch. */
final class CallbackList {
  private final List<Callback> registered = new ArrayList<>();
  private Callback[] sorted = new Callback[0];

  void add(Callback callback) {
    registered.add(java.util.Objects.requireNonNull(callback, "callback"));
    resort();
  }

  boolean remove(Callback callback) {
    boolean removed = registered.removeIf(c -> c == callback);
    resort();
    return removed;
  }

  private void resort() {
    List<Callback> copy = new ArrayList<>(registered); // List.sort is stable: registration order breaks the last ties
    copy.sort(Comparator.comparingInt(Callback::order).thenComparing(c -> c.getClass().getName()));
    sorted = copy.toArray(new Callback[0]);
  }

  List<Callback> all() {
    return List.of(sorted);
  }

  <T> Optional<T> find(Class<T> type) {
    for (Callback c : sorted) if (type.isInstance(c)) return Optional.of(type.cast(c));
    return Optional.empty();
  }

  /** Fires one event on every callback; a callback's ordinary exception is wrapped to name it and the event. */
  void fire(Event event, Learner learn) {
    for (Callback c : sorted) {
      try {
        event.fire(c, learn);
      } catch (CancelException | CallbackException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new CallbackException(c, event.name(), e);
      }
    }
  }

  /** Tells every callback about a failure; their own failures are attached to it, never hide it. */
  void fireError(Learner learn, Throwable error) {
    for (Callback c : sorted) {
      try {
        c.onError(learn, error);
      } catch (RuntimeException e) {
        error.addSuppressed(new CallbackException(c, "onError", e));
      }
    }
  }
}
