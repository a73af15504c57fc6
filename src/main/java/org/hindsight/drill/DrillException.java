package org.hindsight.drill;

/** A drill cannot be made, opened or graded as asked; the message says why and what to do. */
public final class DrillException extends Exception {
  public DrillException(String message) {
    super(message);
  }

  public DrillException(String message, Throwable cause) {
    super(message, cause);
  }
}
