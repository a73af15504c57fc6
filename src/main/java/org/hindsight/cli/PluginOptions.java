package org.hindsight.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --plugins DIR}: jars of extra pattern packs (derivers, simulators, command grammars, drill
 * generators, fact classes their rules import). {@link Main} loads them before the command runs;
 * this mixin declares and documents the option on the commands that use packs.
 */
public final class PluginOptions {
  @Option(names = "--plugins", paramLabel = "DIR",
      description = "A folder of plugin jars: extra derivers, simulators, grammars and drill generators (see docs/tutorial-custom-rule.md).")
  Path dir;
}
