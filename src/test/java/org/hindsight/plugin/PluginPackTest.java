package org.hindsight.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.hindsight.cli.Main;
import org.hindsight.simulate.Simulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tutorial's pattern as a pack: its simulator (docs/tutorial-custom-rule.md, section 8, shipped
 * in examples/certificate-expiry-pack) is compiled and jarred here, then loaded with --plugins. The
 * claim must be validated by that simulator, not by the generic one the rule asks for.
 */
class PluginPackTest {
  static final Path HOME = Path.of(System.getProperty("hindsight.home", "."));
  static final Path PACK = HOME.resolve("examples/certificate-expiry-pack");
  static final Path FIXTURE = HOME.resolve("rules/certificate-expiry/fixtures/expired-gateway-cascade");

  @TempDir static Path work;
  static Path plugins;

  @BeforeAll
  static void buildThePackJar() throws Exception {
    Path classes = Files.createDirectories(work.resolve("classes"));
    List<String> sources = new ArrayList<>();
    try (Stream<Path> s = Files.walk(PACK.resolve("src"))) {
      s.filter(p -> p.toString().endsWith(".java")).forEach(p -> sources.add(p.toString()));
    }
    String classpath = String.join(File.pathSeparator, System.getProperty("java.class.path"),
        location(Simulator.class), location(org.kie.api.definition.type.Role.class));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", classpath, "--release", "17"));
    args.addAll(sources);
    assertEquals(0, javac.run(null, null, null, args.toArray(new String[0])), "the tutorial's simulator compiles");
    plugins = Files.createDirectories(work.resolve("plugins"));
    try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(plugins.resolve("cert-expiry.jar")))) {
      add(jar, classes, classes);
      add(jar, PACK, PACK.resolve("META-INF"));
    }
  }

  private static String location(Class<?> c) throws Exception {
    return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }

  private static void add(JarOutputStream jar, Path root, Path dir) throws Exception {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
        jar.putNextEntry(new JarEntry(root.relativize(p).toString().replace(File.separatorChar, '/')));
        Files.copy(p, (OutputStream) jar);
        jar.closeEntry();
      }
    }
  }

  private static JsonNode analyze(Path out, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("analyze", FIXTURE.toString(), "-f", "json", "-o", out.toString()));
    args.addAll(List.of(extra));
    assertEquals(0, Main.run(args.toArray(new String[0])));
    return new ObjectMapper().readTree(Files.readString(out, StandardCharsets.UTF_8));
  }

  private static JsonNode certificateExpiry(JsonNode report) {
    for (JsonNode h : report.get("hypotheses")) if (h.get("pattern").asText().equals("certificate-expiry")) return h;
    return null;
  }

  @Test
  void thePluginsSimulatorValidatesTheTutorialsPattern() throws Exception {
    JsonNode h = certificateExpiry(analyze(work.resolve("with.json"), "--plugins", plugins.toString()));
    assertNotNull(h, "the rule still fires");
    assertEquals("confirmed", h.get("verdict").asText());
    assertEquals("certificate-expiry plugin", h.at("/replay/details/simulator").asText(), h.toString());
    assertTrue(h.at("/replay/narrative/0").asText().startsWith("The certificate of api-gateway expired"), h.toString());
  }

  @Test
  void withoutThePluginTheGenericSimulatorDoes() throws Exception {
    JsonNode h = certificateExpiry(analyze(work.resolve("without.json")));
    assertNotNull(h);
    assertEquals("dependency-propagation", h.at("/replay/details/simulator").asText(), h.toString());
  }

  /**
   * The tutorial's pack as the tutorial writes it: its rule file and its fixtures. The shipped pack has grown a rule the
   * tutorial's simulator does not know (HS-CE-003, whose cause is no event and whose outage shows as its callers' errors):
   * the plugin is not asked to validate it.
   */
  static final List<String> TUTORIAL_FIXTURES = List.of("expired-gateway-cascade", "unrelated-outage", "expiry-without-outage",
      "handshake-failures-only", "expiring-soon-near-miss", "outage-before-expiry");

  @Test
  void theTutorialsFixturesPassWithThePlugin() throws Exception {
    Path shipped = HOME.resolve("rules/certificate-expiry");
    Path pack = Files.createDirectories(work.resolve("tutorial-pack/certificate-expiry"));
    Files.copy(shipped.resolve("certificate-expiry.drl"), pack.resolve("certificate-expiry.drl"));
    for (String f : TUTORIAL_FIXTURES) {
      Path to = Files.createDirectories(pack.resolve("fixtures").resolve(f));
      try (Stream<Path> files = Files.list(shipped.resolve("fixtures").resolve(f))) {
        for (Path p : files.toList()) Files.copy(p, to.resolve(p.getFileName().toString()));
      }
    }
    assertEquals(0, Main.run("rules", "test", pack.toString(), "--plugins", plugins.toString()));
  }

  @Test
  void aFolderWithoutJarsIsAClearInputError() throws Exception {
    Path empty = Files.createDirectories(work.resolve("empty"));
    assertEquals(2, Main.run("analyze", FIXTURE.toString(), "--plugins", empty.toString(), "-o", work.resolve("x").toString()));
  }
}
