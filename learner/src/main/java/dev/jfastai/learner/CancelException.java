package dev.jfastai.learner;

/**
 * Thrown by a callback to skip the rest of one stage of the loop (fastai's cancel exceptions). The learner catches
 * it only at its own stage, fires {@code afterCancelX} then {@code afterX}, and carries on with what follows the
 * stage. Thrown from {@code afterX} itself, it travels up to the enclosing stage. Carries no stack trace (cheap).
 */
public abstract class CancelException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  protected CancelException(String message) {
    super(message, null, false, false);
  }
}
