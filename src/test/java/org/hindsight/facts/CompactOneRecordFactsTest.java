package org.hindsight.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Facts made once per record (a CLI session's change, an ops command's scope) are held compactly: the
 * session's citations as one file and its lines, a command's services without a tree when it took none
 * or one. They must read, compare and hash exactly as before, or reports would change.
 */
class CompactOneRecordFactsTest {

  private static List<SourceRef> refs(String file, int... lines) {
    List<SourceRef> out = new ArrayList<>();
    for (int l : lines) out.add(new SourceRef(file, l));
    return out;
  }

  @Test
  void citationsOfOneFileAreHeldAsItsLinesAndReadAsBefore() {
    List<SourceRef> plain = refs("config-commands.csv", 9, 2, 3, 4);
    List<SourceRef> compact = SourceRef.compact(plain);
    assertTrue(SourceRef.isCompact(compact));
    assertEquals(List.copyOf(plain), compact);
    assertEquals(compact, List.copyOf(plain));
    assertEquals(List.copyOf(plain).hashCode(), compact.hashCode());
    assertEquals(List.copyOf(plain).toString(), compact.toString());
    assertEquals(new SourceRef("config-commands.csv", 9), compact.get(0));
    assertThrows(UnsupportedOperationException.class, () -> compact.add(new SourceRef("x", 1)));
    assertSame(compact, SourceRef.compact(compact));
  }

  @Test
  void citationsOfSeveralFilesOrOneRecordAreCopiedAsBefore() {
    List<SourceRef> mixed = new ArrayList<>(refs("a.csv", 1, 2));
    mixed.addAll(refs("b.csv", 3));
    assertFalse(SourceRef.isCompact(SourceRef.compact(mixed)));
    assertEquals(mixed, SourceRef.compact(mixed));
    assertFalse(SourceRef.isCompact(SourceRef.compact(refs("a.csv", 1))));
  }

  @Test
  void aChangeKeepsCompactCitationsAndEqualsTheChangeWithCopiedOnes() {
    List<SourceRef> lines = refs("config-commands.csv", 5, 6, 7);
    Change compact = change(SourceRef.compact(lines));
    Change copied = change(lines);
    assertTrue(SourceRef.isCompact(compact.records()));
    assertEquals(copied, compact);
    assertEquals(copied.hashCode(), compact.hashCode());
    assertEquals(copied.toString(), compact.toString());
  }

  private static Change change(List<SourceRef> records) {
    return new Change(Instant.EPOCH, "config-session", "rt1", List.of("rt1"), 0.5, "", "CLI session",
        records, records.get(0), "CLI: shutdown;");
  }

  @Test
  void aCommandsServicesAreHeldWithoutATreeUnlessSeveralAndStaySorted() {
    assertSame(Map.of(), scope(new HashMap<>()).services());
    assertEquals(Map.of("web", 2), scope(new HashMap<>(Map.of("web", 2))).services());
    Map<String, Integer> several = new HashMap<>();
    for (String s : List.of("zeta", "alpha", "mid", "beta")) several.put(s, s.length());
    assertEquals(List.of("alpha", "beta", "mid", "zeta"), new ArrayList<>(scope(several).services().keySet()));
    assertThrows(UnsupportedOperationException.class, () -> scope(new HashMap<>(Map.of("web", 2))).services().clear());
  }

  private static CommandScope scope(Map<String, Integer> services) {
    SourceRef at = new SourceRef("ops-commands.csv", 2);
    return new CommandScope(Instant.EPOCH, "fleet drain web-01", "op", "", "fleet", "drain", "web-01", true, "",
        !services.isEmpty(), List.of(), services, false, "", "none", null, "", -1, List.of(), List.of(), "command", 0,
        "", at);
  }
}
