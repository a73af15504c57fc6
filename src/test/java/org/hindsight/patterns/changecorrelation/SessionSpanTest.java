package org.hindsight.patterns.changecorrelation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hindsight.facts.Change;
import org.hindsight.facts.Event;
import org.hindsight.facts.SourceRef;
import org.hindsight.facts.TimedFact;
import org.hindsight.ingest.BundleReader;
import org.hindsight.world.World;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The span of a session a login opened, found through the world's citation index and the timeline's time order,
 * is the one a pass over the whole timeline finds: logins and logouts on two devices, ties and sub-millisecond
 * stamps within one millisecond out of file order, records of other kinds and the logs' end.
 */
class SessionSpanTest {
  @TempDir Path dir;

  @Test
  void aSessionsSpanIsTheOneAWholePassFinds() throws Exception {
    Random random = new Random(30);
    String[][] kinds = {
        {"config.session", "admin logged in on vty0"}, {"ssh.login", "session opened"}, {"config.session", "admin logged out"},
        {"session.closed", "disconnected"}, {"app.log", "routine"}, {"service.down", "unreachable"}};
    int spans = 0;
    for (int round = 0; round < 40; round++) {
      Path bundle = Files.createDirectories(dir.resolve("b" + round));
      StringBuilder csv = new StringBuilder("timestamp,source,type,entity,message,severity\n");
      long base = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
      for (int i = 0; i < 60; i++) {
        // minutes apart or inside one millisecond (stamps to the microsecond, not in time order within it)
        long millis = base + (random.nextBoolean() ? random.nextInt(180) * 60_000L : random.nextInt(3));
        String[] kind = kinds[random.nextInt(kinds.length)];
        String micros = random.nextInt(3) == 0 ? String.format("%03d", random.nextInt(1000)) : "";
        String stamp = Instant.ofEpochMilli(millis).toString().replace("Z", "");
        if (!stamp.contains(".")) stamp += ".000";
        csv.append(stamp).append(micros).append("Z,mon,").append(kind[0]).append(',').append("r" + random.nextInt(2))
            .append(',').append(kind[1]).append(",info\n");
      }
      Files.writeString(bundle.resolve("events.csv"), csv, StandardCharsets.UTF_8);
      World world = new World(BundleReader.builder().build().readArgs(List.of(bundle.toString())));
      for (TimedFact f : world.timeline()) {
        ChangeCorrelationSimulator.SessionSpan span = ChangeCorrelationSimulator.sessionSpan(world, f.origin());
        assertEquals(wholePass(world, f.origin()), span, f.origin().toString());
        if (span != null) spans++;
      }
      assertEquals(null, ChangeCorrelationSimulator.sessionSpan(world, new SourceRef("elsewhere.csv", 2)));
    }
    assertTrue(spans > 100, "sessions found: " + spans);
  }

  /** What a pass over every timeline fact finds (as sessionSpan did before it used the index). */
  private static ChangeCorrelationSimulator.SessionSpan wholePass(World world, SourceRef cause) {
    Event opened = null;
    for (TimedFact f : world.timeline()) {
      if (f instanceof Event e && cause.equals(e.origin())) {
        opened = e;
        break;
      }
    }
    if (opened == null || opened.entity().isEmpty() || !Change.opensSession(opened.type(), opened.message())) return null;
    Instant until = opened.time().plus(ChangeCorrelationSimulator.SESSION_PRIOR);
    String why = "no end of the session is logged: at most " + ChangeCorrelationSimulator.SESSION_PRIOR.toMinutes()
        + " min after the login (a prior)";
    for (TimedFact f : world.timeline()) {
      if (!(f instanceof Event e) || !e.time().isAfter(opened.time()) || e.time().isAfter(until) || !e.entity().equals(opened.entity())) continue;
      if (e.type().equals(opened.type()) || Change.closesSession(e.type(), e.message())) {
        until = e.time();
        why = "the session ends by " + e.origin() + " (" + e.type() + ")";
        break;
      }
    }
    Instant logsEnd = world.observations().logsEnd();
    if (logsEnd != null && logsEnd.isBefore(until)) {
      until = logsEnd;
      why = "the logs end before any end of the session";
    }
    return until.isAfter(opened.time()) ? new ChangeCorrelationSimulator.SessionSpan(opened.time(), until, why) : null;
  }
}
