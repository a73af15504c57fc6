package org.hindsight.ingest;

import org.hindsight.facts.ConfigCommand;

/** The {@code config-commands} rows, column-wise ({@link TimedRows}): made into {@link ConfigCommand}s when read. */
public final class ConfigLog extends TimedRows<ConfigCommand> {
  public ConfigLog() {
    super(ConfigCommand::new);
  }

  /** The dictionary code of row {@code i}'s device. */
  public int deviceCode(int i) {
    return code(0, i);
  }

  /** The dictionary code of row {@code i}'s session id. */
  public int sessionCode(int i) {
    return code(1, i);
  }
}
