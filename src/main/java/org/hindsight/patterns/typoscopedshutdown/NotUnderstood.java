package org.hindsight.patterns.typoscopedshutdown;

/** A grammar recognised the tool but could not read this command; the message says why. */
public final class NotUnderstood extends Exception {
  public NotUnderstood(String message) {
    super(message, null, false, false);
  }
}
