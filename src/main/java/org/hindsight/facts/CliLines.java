package org.hindsight.facts;

import java.util.Collection;
import java.util.List;

/**
 * Every replayed CLI line ({@link CommandEffect}) asked by session, by device, by command or by
 * record, as one fact: a rule that looks at the other lines of a leaking line's session, or at the
 * same line typed elsewhere, reads them here with {@code from} instead of matching a fact per line
 * held in the session (a fleet types a million lines a day, nearly all of which can leak nothing).
 * The session itself holds the {@code CommandEffect}s of the lines that bring routes from another
 * source ({@code injects != ""}), the only lines that can leak; every line, those included, is here.
 * The lines are kept column-wise and made when read (equal, not identical, between reads). There is
 * one {@code CliLines} in every session in which the CLI replay ran. The sessions themselves
 * ({@link ConfigSession}) are asked here too ({@code session(device, session)}).
 *
 * <pre>
 * $cli : CliLines()
 * $foreign : List() from collect( CommandEffect( contextEntry == $entry, foreignLine ) from $cli.ofSession($dev, $ses) )
 * </pre>
 *
 * <p>Lines come in the order the session replays timed facts: by {@link CommandEffect#time} (when
 * they took effect, or were typed), then session by session in typed order.
 */
public interface CliLines extends Fact {
  /** The session itself, with the ticket it was matched to: none or one. */
  List<ConfigSession> session(String device, String session);

  /** The lines of one CLI session. */
  List<CommandEffect> ofSession(String device, String session);

  /** The lines typed on {@code device}, in all its sessions. */
  List<CommandEffect> ofDevice(String device);

  /** The lines whose whitespace-normalised text is {@code command} ({@link CommandEffect#command}), on any device. */
  List<CommandEffect> withCommand(String command);

  /** The lines of these {@code config-commands} records (records that are no configuration line have none). */
  List<CommandEffect> of(Collection<SourceRef> records);

  /** Null: it cites no single record. */
  @Override
  default SourceRef origin() {
    return null;
  }
}
