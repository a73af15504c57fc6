package org.hindsight.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Partial credit: 40 pattern, 30 subject, 30 cause (15 for a neighbouring record of the same group). */
class GraderTest {
  @TempDir Path dir;
  SealedDrill drill;

  @BeforeEach
  void bundle() throws Exception {
    Files.writeString(dir.resolve("config-commands.csv"), String.join("\n",
        "timestamp,device,session,user,command",
        "2024-01-01T10:00:00Z,r1,s1,kim,configure terminal",
        "2024-01-01T10:00:05Z,r1,s1,kim,router isis core",
        "2024-01-01T10:00:06Z,r1,s2,lee,show running-config",
        "2024-01-01T10:00:09Z,r1,s1,kim,\"description \"\"uplink",
        "to core\"\"\"",
        "2024-01-01T10:00:12Z,r1,s1,kim,exit",
        "2024-01-01T10:00:13Z,r1,s1,kim,exit",
        "2024-01-01T10:00:15Z,r1,s1,kim,end") + "\n");
    drill = drill(new DrillAnswer("p-one", "r1", "config-commands.csv", 3, ""));
  }

  static SealedDrill drill(DrillAnswer a) {
    return new SealedDrill("d-1", Instant.EPOCH, a.nearMiss() ? "p-one" : a.pattern(), Difficulty.EASY, 1, "g", "1", a, 0, null);
  }

  int score(String answer) throws Exception {
    return Grader.grade(drill, Diagnosis.parse(answer), dir, null).total();
  }

  @Test
  void eachPartScoresOnItsOwn() throws Exception {
    assertEquals(100, score("pattern=p-one subject=r1 cause=config-commands.csv:3"));
    assertEquals(100, score("pattern=P-One, subject=R1; cause=some/folder/config-commands.csv:3"), "case and folder do not matter");
    assertEquals(60, score("pattern=p-two subject=r1 cause=config-commands.csv:3"));
    assertEquals(70, score("pattern=p-one subject=r2 cause=config-commands.csv:3"));
    assertEquals(70, score("pattern=p-one subject=r1"));
    assertEquals(30, score("cause=config-commands.csv:3"));
    assertEquals(0, score("pattern=none"));
  }

  @Test
  void aNeighbouringRecordOfTheSameGroupEarnsHalfTheCausePoints() throws Exception {
    assertEquals(85, score("pattern=p-one subject=r1 cause=config-commands.csv:2"), "same session, one line before");
    assertEquals(70, score("pattern=p-one subject=r1 cause=config-commands.csv:4"), "next line, another session");
    assertEquals(85, score("pattern=p-one subject=r1 cause=config-commands.csv:5"), "same session, a record spanning two lines");
    assertEquals(70, score("pattern=p-one subject=r1 cause=config-commands.csv:6"), "line 6 continues a record: not a record");
    assertEquals(70, score("pattern=p-one subject=r1 cause=config-commands.csv:8"), "same session but too far");
    assertEquals(70, score("pattern=p-one subject=r1 cause=config-commands.csv:1"), "the header is no record");
    assertEquals(70, score("pattern=p-one subject=r1 cause=events.csv:3"), "same line of another file");
    Grader.Grade g = Grader.grade(drill, Diagnosis.parse("pattern=p-one subject=r1 cause=config-commands.csv:2"), dir, null);
    assertTrue(g.remarks().get(2).startsWith("cause: close"), g.remarks().toString());
  }

  @Test
  void aNearMissIsRightOnlyAsNone() throws Exception {
    drill = drill(DrillAnswer.none());
    assertEquals(100, score("pattern=none"));
    assertEquals(100, score("pattern=NONE subject=whatever"));
    assertEquals(0, score("pattern=p-one subject=r1 cause=config-commands.csv:3"));
    assertEquals(0, score("subject=r1"));
  }

  @Test
  void answersAreReadStrictly() throws Exception {
    Diagnosis d = Diagnosis.parse("  subject='edge 7' pattern=\"p-one\" cause=events-2.csv:17 ");
    assertEquals(new Diagnosis("p-one", "edge 7", "events-2.csv", 17), d);
    assertEquals("pattern=p-one subject=edge 7 cause=events-2.csv:17", d.toString());
    assertTrue(assertThrows(DrillException.class, () -> Diagnosis.parse("pattern=x cause=events.csv")).getMessage().contains("not file:line"));
    assertTrue(assertThrows(DrillException.class, () -> Diagnosis.parse("cause=events.csv:0")).getMessage().contains("not file:line"));
    assertTrue(assertThrows(DrillException.class, () -> Diagnosis.parse("site=a")).getMessage().contains("unknown part 'site'"));
    assertTrue(assertThrows(DrillException.class, () -> Diagnosis.parse("it was the router")).getMessage().contains("cannot read"));
  }
}
