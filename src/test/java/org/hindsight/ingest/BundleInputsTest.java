package org.hindsight.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airlift.compress.zstd.ZstdOutputStream;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.hindsight.facts.Event;
import org.hindsight.facts.SourceRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs as users have them: compressed, on stdin, with their own header names, written by an importer. */
class BundleInputsTest {
  @TempDir Path dir;

  private static final String EVENTS = "timestamp,source,type,entity\n"
      + "2021-10-25T11:16:05Z,noc,a,e1\n"
      + "1635160566,noc,b,e2\n";

  @Test
  void gzipAndZstandardFilesReadLikePlainOnes() throws Exception {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("events-a.csv.gz")))) {
      out.write(EVENTS.getBytes(StandardCharsets.UTF_8));
    }
    try (OutputStream out = new ZstdOutputStream(Files.newOutputStream(dir.resolve("events-b.csv.zst")))) {
      // another collector: the same rows word for word would be one record each (RepeatedRowsTest)
      out.write(EVENTS.replace(",noc,", ",noc2,").getBytes(StandardCharsets.UTF_8));
    }
    Bundle b = BundleReader.builder().build().readArgs(List.of(dir.toString()));
    assertEquals(4, b.events().size());
    assertEquals(List.of("a", "b", "a", "b"), b.events().stream().map(Event::type).toList());
    assertTrue(b.events().get(1).origin().file().endsWith("events-a.csv.gz"), b.events().get(1).origin().toString());
    assertEquals(3, b.events().get(1).origin().line());
  }

  @Test
  void standardInputNeedsAKindAndIsCitedAsStdin() throws Exception {
    InputStream saved = System.in;
    try {
      System.setIn(new ByteArrayInputStream(EVENTS.getBytes(StandardCharsets.UTF_8)));
      Bundle b = BundleReader.builder().build().readArgs(List.of("events=-"));
      assertEquals(new SourceRef("stdin", 2), b.events().get(0).origin());
    } finally {
      System.setIn(saved);
    }
    InputException e = assertThrows(InputException.class, () -> BundleReader.builder().build().readArgs(List.of("-")));
    assertTrue(e.problems().get(0).toString().contains("standard input needs a kind"), e.problems().toString());
  }

  @Test
  void aColumnMapReadsAForeignHeader() throws Exception {
    Files.writeString(dir.resolve("events.csv"), "_time,host,sourcetype,source,_raw\n"
        + "2021-10-25T11:16:05Z,r1,link,syslog,\"%LINK-3-UPDOWN: Interface Gi0/1, changed state to down\"\n");
    ColumnMap map = ColumnMap.parse(List.of("events:timestamp=_time,entity=host,type=sourcetype,message=_raw"), null);
    Bundle b = BundleReader.builder().columnMap(map).build().readArgs(List.of(dir.toString()));
    Event e = b.events().get(0);
    assertEquals("r1", e.entity());
    assertEquals("link", e.type());
    assertTrue(e.message().startsWith("%LINK-3-UPDOWN"), e.message());
    InputException missing = assertThrows(InputException.class, () -> BundleReader.builder()
        .columnMap(ColumnMap.parse(List.of("events:timestamp=time"), null)).build().readArgs(List.of(dir.toString())));
    assertTrue(missing.problems().get(0).toString().contains("timestamp (mapped to 'time')"), missing.problems().toString());
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> ColumnMap.parse(List.of("events:when=_time"), null));
    assertTrue(bad.getMessage().contains("events has no column 'when'"), bad.getMessage());
  }

  @Test
  void anOriginColumnMakesFactsCiteTheUsersOwnFile() throws Exception {
    Files.writeString(dir.resolve("config-commands.csv"), "timestamp,device,session,user,command,origin\n"
        + "2021-10-25T11:16:05Z,r1,vty0,ops,router isis A,logs/tac.acct:41\n"
        + "2021-10-25T11:16:06Z,r1,vty0,ops,exit,\n"
        + "2021-10-25T11:16:07Z,r1,vty0,ops,end,logs/tac.acct:x\n");
    InputException e = assertThrows(InputException.class, () -> BundleReader.builder().build().readArgs(List.of(dir.toString())));
    assertEquals(List.of(dir.resolve("config-commands.csv").normalize() + ":4: origin: 'logs/tac.acct:x' is not file:line (from logs/tac.acct:x)"),
        e.problems().stream().map(InputProblem::toString).toList());
    Bundle b = BundleReader.builder().lenient(true).build().readArgs(List.of(dir.toString()));
    assertEquals(new SourceRef("logs/tac.acct", 41), b.configCommands().get(0).origin());
    assertEquals(2, b.configCommands().size());
    assertEquals(3, b.configCommands().get(1).origin().line(), "a row without origin cites itself");
    assertTrue(b.configCommands().get(0).attributes().toString().indexOf("origin") < 0, "origin is not an attribute");
  }
}
