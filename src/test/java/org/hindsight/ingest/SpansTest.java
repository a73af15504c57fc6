package org.hindsight.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hindsight.facts.Dependency;
import org.hindsight.facts.Span;
import org.hindsight.testing.TestAnalysis;
import org.hindsight.world.World;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code spans} kind: read as typed rows, bad rows said, and service dependencies derived from parent→child spans. */
class SpansTest {
  @TempDir Path dir;

  private static final String SPANS = """
      timestamp,trace_id,span_id,parent_span_id,service,operation,duration_ms,status,pod
      2024-03-05T10:00:00Z,t1,a,root,frontend,GET /cart,120.5,ok,fe-1
      2024-03-05T10:00:00.010Z,t1,b,a,cart,GetCart,20,ok,cart-1
      2024-03-05T10:00:00.020Z,t1,c,a,frontend,render,3,ok,fe-1
      2024-03-05T10:00:00.030Z,t1,d,b,redis,GET,1,ok,redis-1
      2024-03-05T10:00:01Z,t2,a,,frontend,GET /cart,90,500,fe-1
      2024-03-05T10:00:01.010Z,t2,b,a,cart,GetCart,15,2,cart-1
      """;

  private void write(String name, String content) throws Exception {
    Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  @Test
  void spansAreReadWithRootsStatusesAndExtraColumns() throws Exception {
    write("spans.csv", SPANS);
    Bundle b = BundleReader.builder().build().readArgs(List.of(dir.toString()));
    List<Span> spans = b.spans();
    assertEquals(6, spans.size());
    assertTrue(spans.get(0).root(), "parent 'root' is the contract's other spelling of no parent");
    assertTrue(spans.get(4).root());
    assertFalse(spans.get(1).root());
    assertEquals(120.5, spans.get(0).durationMs());
    assertEquals("fe-1", spans.get(0).attr("pod"));
    assertFalse(spans.get(0).failed());
    assertTrue(spans.get(4).failed(), "HTTP 500");
    assertTrue(spans.get(5).failed(), "gRPC code 2");
    assertEquals(3, spans.get(1).origin().line());
  }

  @Test
  void badSpanRowsAreSaidWithFileAndLine() throws Exception {
    write("spans.csv", "timestamp,trace_id,span_id,service,duration_ms\n2024-03-05T10:00:00Z,t1,a,web,-4\n2024-03-05T10:00:00Z,,b,web,x\n");
    InputException e = assertThrows(InputException.class, () -> BundleReader.builder().build().readArgs(List.of(dir.toString())));
    String all = String.join("\n", e.problems().stream().map(Object::toString).toList());
    assertTrue(all.contains("spans.csv:2") && all.contains("duration_ms"), all);
    assertTrue(all.contains("spans.csv:3"), all);
  }

  @Test
  void callsAcrossServicesBecomeSoftDependenciesWhenNoneAreGiven() throws Exception {
    write("spans.csv", SPANS);
    World world = TestAnalysis.world(dir);
    List<Dependency> deps = world.derived(Dependency.class);
    assertEquals(List.of("frontend->cart", "cart->redis"), deps.stream().map(d -> d.service() + "->" + d.dependsOn()).toList(),
        "a call within one service (frontend render) is no dependency");
    assertEquals("2", deps.get(0).attr("calls"));
    assertFalse(deps.get(0).hard(), "a trace shows a call, not that the caller fails without it");
    assertEquals(List.of("frontend"), world.dependentsOf("cart").stream().map(Dependency::service).toList());
    assertEquals(3, deps.get(0).origin().line(), "cites the first child span that shows the call");
  }

  @Test
  void aGivenDependencyGraphWins() throws Exception {
    write("spans.csv", SPANS);
    write("dependencies.csv", "service,depends_on\nfrontend,auth\n");
    World world = TestAnalysis.world(dir);
    assertTrue(world.derived(Dependency.class).isEmpty());
    assertTrue(world.dependentsOf("cart").isEmpty());
    assertEquals(1, world.dependentsOf("auth").size());
  }
}
