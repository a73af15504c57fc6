package org.hindsight.ingest;

import org.hindsight.facts.Event;

/** The {@code events} rows, column-wise ({@link TimedRows}): made into {@link Event}s when read. */
public final class EventLog extends TimedRows<Event> {
  public EventLog() {
    super(Event::new);
  }

  public String type(int i) {
    return decode(typeCode(i));
  }

  public String entity(int i) {
    return decode(entityCode(i));
  }

  public String severity(int i) {
    return decode(code(3, i));
  }

  /** Row {@code i}'s message, no event made. */
  public String message(int i) {
    return text(i);
  }

  /** The dictionary code of row {@code i}'s type: equal codes, equal types. */
  public int typeCode(int i) {
    return code(1, i);
  }

  /** The dictionary code of row {@code i}'s entity. */
  public int entityCode(int i) {
    return code(2, i);
  }
}
