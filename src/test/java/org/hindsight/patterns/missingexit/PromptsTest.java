package org.hindsight.patterns.missingexit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Prompts as terminal captures keep them, and lines that only look like they start with one. */
class PromptsTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "lon-core-1(config-router)#redistribute bgp 4766|redistribute bgp 4766",
    "lon-core-1#configure terminal|configure terminal",
    "RP/0/RSP0/CPU0:ams-cr7(config-isis-af)#redistribute bgp 65000|redistribute bgp 65000",
    "n9k-1(config-router-vrf)# address-family ipv4 unicast|address-family ipv4 unicast",
    "noc@mao-r4# set protocols isis export NHS|set protocols isis export NHS",
    "noc@mao-r4> configure|configure",
    "*A:pe-41>config>router>isis# export \"ALL-BGP\"|export \"ALL-BGP\"",
    "A:pe-41# configure router isis|configure router isis",
    "<mao-r4>system-view|system-view",
    "[~mao-r4-isis-1]import-route static|import-route static",
    "[*mao-r4-bgp-af-ipv4]peer 10.0.0.1 enable|peer 10.0.0.1 enable",
    "[mao-r4] bgp 65010|bgp 65010",
    // no prompt: unchanged
    "redistribute bgp 4766|redistribute bgp 4766",
    "description core#1 uplink|description core#1 uplink",
    "banner motd #maintenance#|banner motd #maintenance#",
    "export-policy [\"ALL-BGP\"]|export-policy [\"ALL-BGP\"]",
    "set policy-options policy-statement P then accept|set policy-options policy-statement P then accept",
    "# a comment|# a comment",
  })
  void theLineIsWhatFollowsThePrompt(String logged, String line) {
    assertEquals(line, Prompts.strip(logged));
  }

  /** {@code Prompts.strip} as it was: its pattern run on every line that starts as a prompt may. */
  private static String asBefore(String line) throws Exception {
    if (line.isEmpty()) return line;
    char c = line.charAt(0);
    if (!Character.isLetter(c) && c != '<' && c != '[' && c != '*') return line;
    var field = Prompts.class.getDeclaredField("PROMPT");
    field.setAccessible(true);
    var m = ((java.util.regex.Pattern) field.get(null)).matcher(line);
    return m.lookingAt() ? line.substring(m.end()) : line;
  }

  @org.junit.jupiter.api.Test
  void linesAreStrippedAsThePatternAloneStrippedThem() throws Exception {
    java.util.Random random = new java.util.Random(31);
    String alphabet = "aZr1/0RPCU:@#>]<[~*.-_() \"\tx";
    String[] starts = {"RP/0/RSP0/CPU0:", "lon-1", "noc@r4", "*A:pe-41", "A:", "<", "[~", "[*", "[", "r1(config-if)", ""};
    for (int i = 0; i < 100_000; i++) {
      StringBuilder b = new StringBuilder(starts[random.nextInt(starts.length)]);
      for (int k = random.nextInt(14); k > 0; k--) b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      String line = b.toString();
      assertEquals(asBefore(line), Prompts.strip(line), line);
    }
  }
}
