package org.hindsight.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.hindsight.facts.Event;
import org.hindsight.facts.SourceRef;
import org.hindsight.facts.TimedFact;
import org.hindsight.ingest.BundleReader;
import org.hindsight.world.World;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The timeline's key and cited moments, found by asking the column-wise rows, are the facts a walk over every
 * timed fact would pick, in the same order: events, config and ops commands, ties in time, cited records and
 * records nobody cites, refs to files or lines the bundle does not have.
 */
class TimelineWalkTest {
  private static final String[] TYPES = {"service.down", "service.up", "link.flap", "disk.full", "db.restored", "deploy.done", "site.fire"};
  private static final String[] SEVERITIES = {"", "info", "warning", "error", "critical"};

  @Test
  void picksWhatAWalkOverEveryFactPicks(@TempDir Path dir) throws Exception {
    Random random = new Random(41);
    for (int round = 0; round < 20; round++) {
      Path bundle = Files.createDirectory(dir.resolve("b" + round));
      StringBuilder events = new StringBuilder("timestamp,source,type,entity,message,severity\n");
      int eventRows = 20 + random.nextInt(200);
      for (int i = 0; i < eventRows; i++) {
        events.append(time(random)).append(",mon,").append(TYPES[random.nextInt(TYPES.length)]).append(',')
            .append(random.nextInt(4) == 0 ? "" : "h" + random.nextInt(9)).append(",m").append(i).append(',')
            .append(SEVERITIES[random.nextInt(SEVERITIES.length)]).append('\n');
      }
      Files.writeString(bundle.resolve("events.csv"), events);
      StringBuilder config = new StringBuilder("timestamp,device,session,user,command\n");
      for (int i = random.nextInt(20); i > 0; i--) config.append(time(random)).append(",r1,s1,u,interface x").append(i).append('\n');
      Files.writeString(bundle.resolve("config-commands.csv"), config);
      StringBuilder ops = new StringBuilder("timestamp,operator,command\n");
      for (int i = random.nextInt(20); i > 0; i--) ops.append(time(random)).append(",op,restart web").append(i).append('\n');
      Files.writeString(bundle.resolve("ops-commands.csv"), ops);
      World world = new World(BundleReader.builder().build().readArgs(List.of(bundle.toString())));

      Set<SourceRef> cited = new HashSet<>();
      cited.add(null);
      for (String f : new String[] {"events.csv", "config-commands.csv", "ops-commands.csv", "other.csv"}) {
        for (int line = 0; line < 240; line++) {
          if (random.nextInt(8) == 0) cited.add(new SourceRef(bundle.resolve(f).toString(), line));
        }
      }
      List<String> walked = new ArrayList<>();
      Timeline.forEach(world, cited, (fact, isCited) -> walked.add(fact + " " + isCited));
      List<String> expected = new ArrayList<>();
      for (TimedFact f : world.timeline()) {
        boolean isCited = cited.contains(f.origin());
        if (isCited || f instanceof Event e && Timeline.isKey(e.type(), e.severity(), e.entity())) expected.add(f + " " + isCited);
      }
      assertEquals(expected, walked);
      assertFalse(expected.isEmpty());

      List<TimedFact> at = new ArrayList<>();
      Timeline.forEachAt(world, cited, at::add);
      assertEquals(world.timeline().stream().filter(f -> cited.contains(f.origin())).toList(), at);
    }
  }

  private static String time(Random random) {
    return String.format("2024-01-01T10:%02d:%02dZ", random.nextInt(3), random.nextInt(60));
  }
}
