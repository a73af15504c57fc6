package org.hindsight.world;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hindsight.facts.ConfigCommand;
import org.hindsight.facts.Event;
import org.hindsight.facts.SourceRef;
import org.hindsight.facts.TimedFact;
import org.hindsight.ingest.Bundle;
import org.hindsight.ingest.BundleReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The world's indexes over row numbers (events in time order, by entity, by type, CLI sessions, the
 * timeline, citations, the words of failing records) answer what indexes of the rows as objects did.
 */
class EventIndexesTest {
  @TempDir Path dir;

  private Bundle bundle() throws Exception {
    // two event files out of time order and with ties, so the stable orders are exercised
    Files.writeString(dir.resolve("events.csv"), String.join("\n",
        "timestamp,source,type,entity,message,severity",
        "2024-01-01T00:00:05Z,mon,service.down,svc1,page fault in csagent.sys pid 4711,error",
        "2024-01-01T00:00:01Z,mon,app.log,svc2,started,info",
        "2024-01-01T00:00:05Z,mon,service.degraded,svc2,slow calls to libfoo.so,warning",
        "2024-01-01T00:00:03.000500Z,mon,app.log,svc3,crash in LIBFOO.so,error",
        "2024-01-01T00:00:03Z,mon,app.log,,no entity,error",
        "") , StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("events-more.csv"), String.join("\n",
        "timestamp,source,type,entity,message,severity",
        "2024-01-01T00:00:02Z,mon,service.up,svc1,back,info",
        "2024-01-01T00:00:05Z,mon,service.down,svc3,csagent.sys again,critical",
        ""), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("config-commands.csv"), String.join("\n",
        "timestamp,device,session,user,command,result",
        "2024-01-01T00:00:04Z,r1,tty1,op,router isis 1,ok",
        "2024-01-01T00:00:01Z,r2,tty1,op,interface e1,ok",
        "2024-01-01T00:00:05Z,r1,tty1,op,no router isis 1,ok",
        "2024-01-01T00:00:05Z,r1,tty2,op,exit,ok",
        ""), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("ops-commands.csv"), String.join("\n",
        "timestamp,operator,command,ticket,result",
        "2024-01-01T00:00:03Z,op,fleetctl drain svc2,T-1,ok",
        "2024-01-01T00:00:00Z,op,fleetctl list,,ok",
        ""), StandardCharsets.UTF_8);
    return BundleReader.builder().build().readArgs(List.of(dir.toString()));
  }

  @Test
  void indexesAnswerAsListsOfObjectsWould() throws Exception {
    Bundle bundle = bundle();
    World world = new World(bundle);
    List<Event> events = new ArrayList<>(bundle.events());
    assertEquals(7, events.size());

    List<Event> byTime = new ArrayList<>(events);
    byTime.sort(Comparator.comparing(Event::time));
    assertEquals(byTime, world.eventsInTimeOrder());

    Map<String, List<Event>> byEntity = new LinkedHashMap<>();
    Map<String, List<Event>> byType = new LinkedHashMap<>();
    for (Event e : byTime) {
      byEntity.computeIfAbsent(e.entity(), k -> new ArrayList<>()).add(e);
      byType.computeIfAbsent(e.type(), k -> new ArrayList<>()).add(e);
    }
    for (String entity : byEntity.keySet()) assertEquals(byEntity.get(entity), world.eventsOf(entity), entity);
    assertEquals(List.copyOf(byType.keySet()), List.copyOf(world.eventTypes()));
    for (String type : byType.keySet()) assertEquals(byType.get(type), world.eventsOfType(type), type);
    assertEquals(byTime.stream().filter(e -> e.type().startsWith("service.")).toList(),
        world.eventsOfTypes(Set.of("service.down", "service.up", "service.degraded")));

    // sessions in typed order: by time, file order on ties (a stable sort of the file's rows)
    List<ConfigCommand> typed = new ArrayList<>(bundle.configCommands());
    typed.sort(Comparator.comparing(ConfigCommand::time));
    Map<String, List<ConfigCommand>> sessions = new LinkedHashMap<>();
    for (ConfigCommand c : typed) sessions.computeIfAbsent(c.device() + '\u0000' + c.session(), k -> new ArrayList<>()).add(c);
    assertEquals(sessions, world.configSessions());
    assertEquals(List.copyOf(sessions.keySet()), List.copyOf(world.configSessions().keySet()));

    List<TimedFact> timeline = new ArrayList<>();
    timeline.addAll(events);
    timeline.addAll(bundle.configCommands());
    timeline.addAll(bundle.opsCommands());
    timeline.sort(Comparator.comparingLong(TimedFact::millis));
    assertEquals(timeline, bundle.timeline());
    for (TimedFact f : timeline) assertEquals(f.time().toEpochMilli(), world.timeOf(f.origin()).toEpochMilli(), f.origin().toString());
    Event subMilli = events.stream().filter(e -> e.message().equals("crash in LIBFOO.so")).findFirst().orElseThrow();
    assertEquals(Instant.parse("2024-01-01T00:00:03.000500Z"), subMilli.time());
    assertEquals(subMilli.time(), world.timeOf(subMilli.origin()));
    assertEquals(null, world.timeOf(new SourceRef("nowhere.csv", 2)));
    assertEquals(2, bundle.opsCommands().size(), "commands are cited too");
    // the record at a citation found by the same index: its position in the timeline, the first one there
    for (TimedFact f : timeline) assertEquals(timeline.indexOf(f), world.timelinePosition(f.origin()), f.origin().toString());
    assertEquals(-1, world.timelinePosition(new SourceRef("nowhere.csv", 2)));
    assertEquals(-1, world.timelinePosition(new SourceRef("events.csv", 99)));
    assertEquals(-1, world.timelinePosition(null));

    // the error logs the learned baselines count (an entity and an error severity), read from the columns
    List<Event> errorLogs = byTime.stream()
        .filter(e -> !e.entity().isEmpty() && org.hindsight.observe.LearnedBaselines.errorSeverity(e.severity())).toList();
    assertEquals(3, errorLogs.size());
    assertEquals(errorLogs, world.errorLogsInTimeOrder());
  }

  @Test
  void eventWindowsAnswerAsAScanOfTheEventsInTimeOrder() throws Exception {
    World world = new World(bundle());
    org.hindsight.facts.EventWindows windows = world.eventWindows();
    long t0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    // bounds on and between events (ties at 5 s: three events of two files), inclusive, open-ended, empty, reversed
    long[][] ranges = {{t0, t0 + 10_000}, {t0 + 3_000, t0 + 5_000}, {t0 + 3_001, t0 + 4_999}, {t0 + 5_000, t0 + 5_000},
        {t0 + 5_000, Long.MAX_VALUE}, {t0 + 6_000, t0 + 9_000}, {t0 + 5_000, t0 + 1_000}, {Long.MIN_VALUE, t0 + 2_000}};
    for (long[] r : ranges) {
      List<Event> scan = world.eventsInTimeOrder().stream().filter(e -> e.millis() >= r[0] && e.millis() <= r[1]).toList();
      assertEquals(scan, windows.between(r[0], r[1]), r[0] - t0 + ".." + (r[1] - t0));
      for (String type : List.of("service.down", "app.log", "service.up", "no.such.type")) {
        assertEquals(scan.stream().filter(e -> e.type().equals(type)).toList(), windows.ofType(type, r[0], r[1]),
            type + " " + (r[0] - t0) + ".." + (r[1] - t0));
      }
    }
  }

  @Test
  void theFirstEventsOfEntitiesAnswerAsAScanOfTheirEventsInTimeOrder() throws Exception {
    Files.writeString(dir.resolve("inventory.csv"), String.join("\n",
        "entity,type,site,service", "svc2,host,z1,web", "svc3,host,z1,web", "svc1,host,z1,db", ""), StandardCharsets.UTF_8);
    World world = new World(bundle());
    org.hindsight.facts.EventWindows windows = world.eventWindows();
    assertEquals(List.of("app.log", "service.up", "service.down", "service.degraded"), windows.types(), "in order of first appearance");
    long t0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    long[][] ranges = {{t0, t0 + 10_000}, {t0 + 3_000, t0 + 5_000}, {t0 + 3_001, t0 + 4_999}, {t0 + 5_000, t0 + 5_000},
        {t0 + 5_000, Long.MAX_VALUE}, {t0 + 6_000, t0 + 9_000}, {t0 + 5_000, t0 + 1_000}, {Long.MIN_VALUE, t0 + 2_000}};
    List<List<String>> typeSets = List.of(List.of("service.down", "service.degraded"), List.of("app.log"), List.of("service.up", "app.log"),
        List.of("no.such.type"), List.of());
    List<List<String>> entitySets = List.of(List.of("svc1", "svc2", "svc3"), List.of("svc3"), List.of("svc2", "nobody"), List.of());
    for (long[] r : ranges) {
      for (List<String> types : typeSets) {
        for (List<String> entities : entitySets) {
          List<Event> scan = world.eventsInTimeOrder().stream()
              .filter(e -> e.millis() >= r[0] && e.millis() <= r[1] && entities.contains(e.entity()) && types.contains(e.type())).toList();
          List<Event> first = scan.isEmpty() ? List.of() : scan.stream().filter(e -> e.millis() == scan.get(0).millis()).toList();
          assertEquals(first, windows.firstOf(entities, types, r[0], r[1]), entities + " " + types + " " + (r[0] - t0) + ".." + (r[1] - t0));
        }
        // the items of web are svc2 and svc3, of db svc1; a service with no items has none
        List<Event> scan = world.eventsInTimeOrder().stream()
            .filter(e -> e.millis() >= r[0] && e.millis() <= r[1] && Set.of("svc2", "svc3").contains(e.entity()) && types.contains(e.type())).toList();
        List<Event> first = scan.isEmpty() ? List.of() : scan.stream().filter(e -> e.millis() == scan.get(0).millis()).toList();
        assertEquals(first, windows.firstOfItems(List.of("web", "cache"), types, r[0], r[1]), "items of web " + types);
      }
    }
    // ties at 5 s in two files: in the order the session replays them (time, then file order: events-more.csv
    // is read before events.csv), whatever the order the entities are asked in
    assertEquals(List.of("svc3", "svc2"), windows.firstOf(List.of("svc3", "svc2"), List.of("service.down", "service.degraded"), t0, t0 + 10_000)
        .stream().map(Event::entity).toList());
  }

  @Test
  void wordsOfFailingRecordsNameTheEntitiesInTroubleInOrder() throws Exception {
    World world = new World(bundle());
    // what the index answered when it was a map from every word to a set of entities
    Set<String> inTrouble = new LinkedHashSet<>();
    world.observations().all().forEach(s -> inTrouble.add(s.entity()));
    for (String word : List.of("csagent.sys", "csagent", "sys", "libfoo.so", "libfoo", "LibFoo", "4711", "started", "again", "fault",
        "nothing", "so", "calls")) {
      Set<String> expected = new LinkedHashSet<>();
      for (String entity : inTrouble) {
        for (Event e : world.eventsOf(entity)) {
          boolean failing = org.hindsight.observe.Observations.readsEventType(e.type())
              || org.hindsight.observe.LearnedBaselines.errorSeverity(e.severity());
          if (failing && word.length() >= 3 && World.messageWords(e.message()).contains(word.toLowerCase(java.util.Locale.ROOT))) {
            expected.add(entity);
          }
        }
      }
      assertEquals(List.copyOf(expected), List.copyOf(world.namedInTroubleBy(word)), word);
    }
    assertEquals(false, world.namedInTroubleBy("csagent").isEmpty(), "the test names a word that is there");
    // asked all at once (one pass over the failing records), of a fresh world: the same answers
    List<String> words = List.of("csagent.sys", "csagent", "sys", "libfoo.so", "libfoo", "LibFoo", "4711", "started", "again", "fault",
        "nothing", "so", "calls");
    java.util.Map<String, Set<String>> batch = new World(bundle()).namedInTroubleBy(words);
    for (String word : words) {
      assertEquals(List.copyOf(world.namedInTroubleBy(word)), List.copyOf(batch.getOrDefault(word, Set.of())), word);
    }
  }

  @Test
  void columnReadsAnswerAsTheEventsWould() throws Exception {
    Bundle bundle = bundle();
    World world = new World(bundle);
    List<Event> events = new ArrayList<>(bundle.events());
    // the entities named, each once, in the input order of the first event naming it
    Set<String> entities = new LinkedHashSet<>();
    for (Event e : events) if (!e.entity().isEmpty()) entities.add(e.entity());
    assertEquals(List.copyOf(entities), world.eventEntities());
    assertEquals(3, world.eventEntities().size(), "three entities, the empty one none of them");
    // events by a test of their type, in input order, the test asked once per type
    for (java.util.function.Predicate<String> test : List.<java.util.function.Predicate<String>>of(
        t -> t.startsWith("service."), "app.log"::equals, t -> false, t -> true, t -> t.endsWith(".up"))) {
      assertEquals(events.stream().filter(e -> test.test(e.type())).toList(), world.eventsWhereType(test));
    }
    List<String> asked = new ArrayList<>();
    world.eventsWhereType(t -> asked.add(t));
    assertEquals(asked.size(), Set.copyOf(asked).size(), "once per type");
    assertEquals(Set.of("service.down", "app.log", "service.degraded", "service.up"), Set.copyOf(asked));
    // the observation model read from the events of the types it reads gives what it gives from every event
    org.hindsight.observe.Observations fromAll = org.hindsight.observe.Observations.of(world.eventsInTimeOrder(),
        bundle.metrics(), bundle.spans(), name -> false);
    assertEquals(fromAll.all(), world.observations().all());
    assertEquals(false, fromAll.all().isEmpty(), "the events make symptoms");
  }
}
