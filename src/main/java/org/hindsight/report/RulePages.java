package org.hindsight.report;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import org.hindsight.engine.RuleInfo;

/**
 * A rule's page: {@code <id>.md} beside its DRL file ({@code rules/<pattern>/HS-ME-001.md}), where
 * the long story of the incident it was written from lives (Error Prone's {@code docs/bugpattern/}
 * is the model), so reports cite it instead of retelling it.
 */
public final class RulePages {
  private RulePages() {}

  /** Where the page of a rule defined in {@code drlFile} with {@code id} belongs. */
  public static Path pathOf(String drlFile, String id) {
    return Path.of(drlFile).resolveSibling(id + ".md");
  }

  /** The rule's page, when it exists. */
  public static Optional<Path> pageOf(RuleInfo rule) {
    try {
      if (rule.file() == null || !rule.file().endsWith(".drl")) return Optional.empty();
      Path page = pathOf(rule.file(), rule.id());
      return Files.isRegularFile(page) ? Optional.of(page) : Optional.empty();
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }
}
