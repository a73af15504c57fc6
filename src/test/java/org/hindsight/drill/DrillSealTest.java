package org.hindsight.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.hindsight.drill.testkit.RunawayJobGenerator;
import org.hindsight.drill.testkit.TestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sealed answer: opaque, bound to the trainer key, tamper-evident; the key never lands in the bundle. */
class DrillSealTest {
  @TempDir Path tmp;

  static final SealedDrill DRILL = new SealedDrill("d-00c0ffee", Instant.parse("2026-01-02T03:04:05Z"), "some-pattern",
      Difficulty.HARD, 1234, "x.Gen", "2", new DrillAnswer("some-pattern", "edge-router-7", "config-commands.csv", 14, "site-a"), 0, null);

  @Test
  void theFileSizeTellsNothing() throws Exception {
    // Near misses seal a short answer, real drills a longer one; hints add state. All pad to one size.
    DrillKeys.TrainerKey key = new DrillKeys.TrainerKey("k", "test");
    SealedDrill near = new SealedDrill("d-1", Instant.EPOCH, "p", Difficulty.EASY, 1, "g", "2", DrillAnswer.none(), 0, null);
    SealedDrill longest = new SealedDrill("d-2", Instant.EPOCH, "recursive-key-generator", Difficulty.MEDIUM, 987654321,
        "org.hindsight.patterns.recursivekeygenerator.RecursiveKeyGeneratorGenerator", "2",
        new DrillAnswer("recursive-key-generator", "yarrowhobart-zephyrquito-umberizmir", "key-generators.csv", 12345,
            "sabletampa-cebu"), 4, Instant.now());
    long size = -1;
    for (SealedDrill d : java.util.List.of(near, DRILL, longest, DRILL.withHint(2, Instant.now()))) {
      Path dir = Files.createDirectories(tmp.resolve(d.id() + d.hintLevel()));
      DrillSeal.seal(d, key, dir);
      long s = Files.size(dir.resolve(DrillSeal.FILE));
      if (size < 0) size = s;
      assertEquals(size, s, "sealed size of " + d);
      assertEquals(d, DrillSeal.open(dir, key));
    }
  }

  @Test
  void sealsAndOpensWithTheSameKey() throws Exception {
    DrillSeal.seal(DRILL, new DrillKeys.TrainerKey("secret one", "test"), tmp);
    assertEquals(DRILL, DrillSeal.open(tmp, new DrillKeys.TrainerKey("secret one", "test")));
    String bytes = new String(Files.readAllBytes(tmp.resolve(DrillSeal.FILE)), StandardCharsets.ISO_8859_1);
    for (String secret : new String[] {"some-pattern", "edge-router-7", "config-commands.csv", "1234", "subject", "pattern"}) {
      assertFalse(bytes.contains(secret), "sealed file shows " + secret);
    }
  }

  @Test
  void aWrongKeyIsToldApartFromATamperedFile() throws Exception {
    DrillSeal.seal(DRILL, new DrillKeys.TrainerKey("secret one", "test"), tmp);
    DrillException wrong = assertThrows(DrillException.class,
        () -> DrillSeal.open(tmp, new DrillKeys.TrainerKey("secret two", "the key file k")));
    assertTrue(wrong.getMessage().contains("different trainer key than the one from the key file k"), wrong.getMessage());

    Path f = tmp.resolve(DrillSeal.FILE);
    byte[] b = Files.readAllBytes(f);
    byte[] nonceFlipped = b.clone();
    nonceFlipped[8 + 16 + 8] ^= 0x40; // first nonce byte: authenticated header
    Files.write(f, nonceFlipped);
    DrillException altered = assertThrows(DrillException.class, () -> DrillSeal.open(tmp, new DrillKeys.TrainerKey("secret one", "t")));
    assertTrue(altered.getMessage().contains("altered or damaged"), altered.getMessage());

    Files.write(f, java.util.Arrays.copyOf(b, 20));
    DrillException truncated = assertThrows(DrillException.class, () -> DrillSeal.open(tmp, new DrillKeys.TrainerKey("secret one", "t")));
    assertTrue(truncated.getMessage().contains("not a sealed drill"), truncated.getMessage());
  }

  @Test
  void theDefaultKeyFileIsCreatedOncePrivateAndOutsideTheBundle() throws Exception {
    Path home = tmp.resolve("home");
    DrillKeys keys = new DrillKeys(Map.of(), home);
    assertThrows(DrillException.class, () -> keys.resolve(null, false), "checking must not invent a key");
    DrillKeys.TrainerKey first = keys.resolve(null, true);
    Path file = home.resolve(".config/hindsight/drill.key");
    assertEquals(file.toString(), first.origin());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals(44, first.secret().length(), "32 random bytes, base64");
    assertEquals(first.secret(), keys.resolve(null, true).secret(), "made once, then reused");

    DrillKeys fromEnv = new DrillKeys(Map.of(DrillKeys.ENV, "  team passphrase \n"), home);
    assertEquals("team passphrase", fromEnv.resolve(null, true).secret());
    Path explicit = tmp.resolve("k");
    Files.writeString(explicit, "file secret\n");
    assertEquals("file secret", fromEnv.resolve(explicit, false).secret(), "--key-file wins over the environment");
    Files.writeString(explicit, "   ");
    assertThrows(DrillException.class, () -> fromEnv.resolve(explicit, false));
  }

  @Test
  void noBundleFileGivesThePatternOrTheAnswerAway() throws Exception {
    Path home = tmp.resolve("home");
    Drills drills = new Drills(TestKit.env(home, new TestKit.MovableClock(Instant.parse("2026-01-01T00:00:00Z")), ""));
    for (int seed = 0; seed < 12; seed++) {
      Difficulty d = Difficulty.values()[seed % 3];
      Path dir = tmp.resolve("d" + seed);
      SealedDrill drill = drills.create(new Drills.Request(null, d, (long) seed, seed % 4 == 3, 0), dir, null);
      DrillAnswer a = drill.answer();
      try (Stream<Path> files = Files.list(dir)) {
        for (Path p : files.toList()) {
          String name = p.getFileName().toString();
          if (name.equals(DrillSeal.FILE)) continue;
          String text = Files.readString(p);
          if (name.equals(Briefing.FILE)) {
            // The briefing lists every registered pattern as a choice, the same for every drill; nowhere else.
            assertTrue(text.contains("- **pattern**: one of `" + RunawayJobGenerator.PATTERN + "`, or `none`"), text);
            text = text.lines().filter(l -> !l.startsWith("- **pattern**: one of")).reduce("", (x, y) -> x + y + "\n");
          }
          assertFalse(text.contains(RunawayJobGenerator.PATTERN), name + " names the pattern");
          assertFalse(text.contains("runaway"), name + " hints at the pattern");
          if (!a.nearMiss()) {
            assertFalse(text.contains("subject=" + a.subject()) || text.contains("cause=" + a.causeFile() + ":" + a.causeLine()),
                name + " carries the answer");
            assertFalse(name.contains(a.subject()), name);
          }
          if (name.equals(Briefing.FILE) && !a.nearMiss()) assertFalse(text.contains(a.subject()), "briefing names the subject");
        }
      }
      assertFalse(Files.exists(dir.resolve("drill.key")));
    }
  }
}
