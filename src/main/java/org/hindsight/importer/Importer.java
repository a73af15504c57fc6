package org.hindsight.importer;

import java.io.IOException;
import java.util.Set;
import org.hindsight.ingest.LogKind;

/**
 * One source format: reads a user's file and emits contract rows through the {@link ImportRun}.
 * An importer reports a record it cannot read as {@code run.problem(source, line, …)} and a line
 * that is simply not for it (another syslog message) as {@code run.ignored(source)}; it never throws
 * for bad content, only for I/O.
 */
public interface Importer {
  /** The name on the command line ({@code tacacs}, {@code prometheus-json}). */
  String name();

  /** One line for {@code hindsight import --list}. */
  String summary();

  /** The kinds it writes. */
  Set<LogKind> produces();

  /** Inventory-like formats run first in a multi-format import: they fill the device map others use. */
  default boolean describesDevices() {
    return false;
  }

  /** False for a format that pulls from a server instead of reading files. */
  default boolean readsFiles() {
    return true;
  }

  void read(Source source, ImportRun run) throws IOException;

  /**
   * After every source of the run was read: for a format whose records name what another file of it describes (Zabbix's
   * history.get values the items of an item.get answer), given in either order. Problems are said at the records' lines.
   */
  default void finish(ImportRun run) {}
}
