package org.hindsight.world;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@link World#messageWords}, read by hand, gives the words the regular expressions it replaced gave. */
class MessageWordsTest {
  private static final Pattern NOT_WORD = Pattern.compile("[^\\p{Alnum}._/-]+");
  private static final Pattern EDGE_PUNCTUATION = Pattern.compile("^[._/-]+|[._/-]+$");
  private static final Pattern DOTS_AND_SLASHES = Pattern.compile("[./]+");

  /** The reading before: split at what is no word character, edge punctuation removed, dotted and pathed parts added. */
  private static Set<String> byRegex(String message) {
    Set<String> out = new HashSet<>();
    if (message == null || message.isEmpty()) return out;
    for (String token : NOT_WORD.split(message.toLowerCase(Locale.ROOT))) {
      String t = token.isEmpty() ? token : EDGE_PUNCTUATION.matcher(token).replaceAll("");
      if (t.isEmpty()) continue;
      out.add(t);
      if (t.indexOf('.') >= 0 || t.indexOf('/') >= 0) {
        for (String part : DOTS_AND_SLASHES.split(t)) if (!part.isEmpty()) out.add(part);
      }
    }
    return out;
  }

  @Test
  void realMessagesReadAsBefore() {
    String[] messages = {"Faulting module csagent.sys at 0x7ff", "error loading /opt/app/lib/libssl.so.3: not found",
        "--flag=value ...dots... //", "Channel File 291 (C-00000291*.sys) caused a BSOD", "", "   ", "a", "a.b/c..d//e",
        "ÜBER-Fehler in Modul_X.dll", "pid=1234; tid=99 -> _internal_._", "İstanbul node.İ failed"};
    for (String m : messages) assertEquals(byRegex(m), World.messageWords(m), m);
    assertEquals(Set.of(), World.messageWords(null));
  }

  @Test
  void randomTextReadsAsBefore() {
    Random random = new Random(11);
    String alphabet = "abZ09._/-: ,;=()éİ\tK"; // K: the Kelvin sign, lower case 'k'
    for (int i = 0; i < 50_000; i++) {
      StringBuilder b = new StringBuilder();
      for (int k = random.nextInt(30); k > 0; k--) b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      String m = b.toString();
      assertEquals(byRegex(m), World.messageWords(m), m);
    }
  }

  @Test
  void wordsHandedOnFromALengthOnAreTheWordsOfThatLength() {
    Random random = new Random(24);
    String alphabet = "abZ09._/-: ,;=()éİ\tK";
    for (int i = 0; i < 20_000; i++) {
      StringBuilder b = new StringBuilder();
      for (int k = random.nextInt(40); k > 0; k--) b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      String m = b.toString();
      int min = random.nextInt(5);
      Set<String> expected = new java.util.HashSet<>();
      for (String w : byRegex(m)) if (w.length() >= min) expected.add(w);
      Set<String> handed = new java.util.HashSet<>();
      World.forEachMessageWord(m, min, handed::add);
      assertEquals(expected, handed, m + " from " + min);
    }
  }

  @Test
  void wordsOfTheLengthsAskedAreTheWordsThatLongInTheirOrder() {
    Random random = new Random(25);
    String alphabet = "abZ09._/-: ,;=()éİ\tK";
    for (int i = 0; i < 20_000; i++) {
      StringBuilder b = new StringBuilder();
      for (int k = random.nextInt(80); k > 0; k--) b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      if (random.nextInt(20) == 0) b.append("x".repeat(60 + random.nextInt(10))).append(".yy"); // lengths past 63 share a bit
      String m = b.toString();
      int min = random.nextInt(5);
      long lengths = 0;
      for (int k = random.nextInt(4); k > 0; k--) lengths |= World.lengthBit(random.nextInt(70));
      java.util.List<String> all = new java.util.ArrayList<>();
      World.forEachMessageWord(m, min, all::add);
      java.util.List<String> expected = new java.util.ArrayList<>();
      for (String w : all) if ((lengths & World.lengthBit(w.length())) != 0) expected.add(w);
      java.util.List<String> handed = new java.util.ArrayList<>();
      World.forEachMessageWord(m, min, lengths, handed::add);
      assertEquals(expected, handed, m + " from " + min + " lengths " + Long.toBinaryString(lengths));
    }
  }
}
