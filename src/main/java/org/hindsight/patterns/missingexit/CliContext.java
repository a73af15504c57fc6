package org.hindsight.patterns.missingexit;

import java.util.ArrayList;
import java.util.List;

/** An immutable stack of {@link Frame}s: where in the configuration tree the CLI is. */
public record CliContext(List<Frame> frames) {
  public static final CliContext TOP = new CliContext(List.of());

  public CliContext {
    frames = List.copyOf(frames);
  }

  public int depth() {
    return frames.size();
  }

  public boolean top() {
    return frames.isEmpty();
  }

  public Frame innermost() {
    return frames.isEmpty() ? null : frames.get(frames.size() - 1);
  }

  /** The innermost frame's kind, or {@code top}. */
  public String kind() {
    return frames.isEmpty() ? "top" : innermost().kind();
  }

  public CliContext push(Frame f) {
    List<Frame> next = new ArrayList<>(frames);
    next.add(f);
    return new CliContext(next);
  }

  public CliContext pop() {
    return pop(1);
  }

  public CliContext pop(int n) {
    return truncate(Math.max(0, frames.size() - n));
  }

  public CliContext truncate(int depth) {
    return depth >= frames.size() ? this : new CliContext(frames.subList(0, Math.max(0, depth)));
  }

  /** Innermost routing protocol ("" when none). */
  public String protocol() {
    for (int i = frames.size() - 1; i >= 0; i--) if (!frames.get(i).protocol().isEmpty()) return frames.get(i).protocol();
    return "";
  }

  public String vrf() {
    for (int i = frames.size() - 1; i >= 0; i--) if (!frames.get(i).vrf().isEmpty()) return frames.get(i).vrf();
    return "";
  }

  public int enteredAt() {
    return frames.isEmpty() ? -1 : innermost().enteredAt();
  }

  /** The path as the operator would read it, e.g. {@code router isis CORE > address-family ipv4}. */
  public String label() {
    return String.join(" > ", frames.stream().map(Frame::label).toList());
  }

  @Override
  public String toString() {
    return frames.isEmpty() ? "(top)" : label();
  }
}
