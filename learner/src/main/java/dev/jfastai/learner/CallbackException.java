package dev.jfastai.learner;

/**
 * A callback threw during an event: the message names the callback's class and the event; the cause is the original.
 */
public final class CallbackException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Callback callback;
  private final String event;

  public CallbackException(Callback callback, String event, Throwable cause) {
    super("callback " + callback.getClass().getName() + " failed in " + event + ": " + cause, cause);
    this.callback = callback;
    this.event = event;
  }

  public Callback callback() {
    return callback;
  }

  /** The event (or {@code onError}) during which the callback threw. */
  public String event() {
    return event;
  }
}
