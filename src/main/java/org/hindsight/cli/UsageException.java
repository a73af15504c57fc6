package org.hindsight.cli;

/** A command was used wrongly in a way picocli cannot see (e.g. two options that exclude each other). */
public final class UsageException extends Exception {
  public UsageException(String message) {
    super(message);
  }
}
