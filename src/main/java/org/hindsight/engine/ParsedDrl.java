package org.hindsight.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

/**
 * A DRL file's text with its parsed package, for tools that look at rules' conditions as written
 * (the explainer's probes, which event types the rules read). Syntax errors are the compiler's to
 * report, with their lines: a file that does not parse gives null here.
 *
 * @param text the file as written (descriptors point into it)
 * @param pkg its parsed package
 */
public record ParsedDrl(String text, PackageDescr pkg) {
  /** The file parsed, or null when it does not parse. */
  public static ParsedDrl read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    PackageDescr pkg = parse(text);
    return pkg == null ? null : new ParsedDrl(text, pkg);
  }

  /** A DRL text's package, or null when it does not parse. */
  public static PackageDescr parse(String text) {
    DrlParser parser = new DrlParser();
    PackageDescr pkg;
    try {
      pkg = parser.parse(false, text);
    } catch (DroolsParserException e) {
      return null;
    }
    return pkg == null || parser.hasErrors() ? null : pkg;
  }
}
