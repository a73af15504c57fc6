package org.hindsight.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Whether an event opens or closes a session is what the session patterns alone say: the check for their words
 * that spares most texts the regex keeps none from it, in any case, with non-ASCII letters whose case folds to
 * ASCII (the long s, the Kelvin sign) and words cut or run together.
 */
class SessionWordsTest {
  // the patterns as Change holds them
  private static final Pattern SESSION_TYPE = Pattern.compile("(?i)\\b(session|login|logon)\\b");
  private static final Pattern OPENS_SESSION =
      Pattern.compile("(?i)\\b(logged (in|on)|log(ged)?[ -]?on|login|session (opened|started|began|established))\\b");
  private static final Pattern CLOSES_SESSION =
      Pattern.compile("(?i)\\b(logged (out|off)|log(ged)?[ -]?(out|off)|logout|session (closed|ended|terminated)|disconnected)\\b");

  private static boolean closes(String type, String message) {
    return CLOSES_SESSION.matcher(type.replace('.', ' ').replace('_', ' ')).find() || CLOSES_SESSION.matcher(message).find();
  }

  private static boolean opens(String type, String message) {
    return (SESSION_TYPE.matcher(type.replace('.', ' ').replace('_', ' ')).find() || OPENS_SESSION.matcher(message).find())
        && !closes(type, message);
  }

  @Test
  void theWordsCheckAgreesWithThePatterns() {
    Random random = new Random(30);
    String[] pieces = {"session", "SESSION", "Session", "login", "LogOn", "log", "LOG", "logged", "ged", " ", "-", ".", "_", "in",
        "on", "out", "off", "opened", "closed", "ended", "disconnected", "DISCONNECTED", "ssh", "config", "deploy", "vty0",
        "ſession", "\u212Aey", "loǥ", "é", "admin", "started", "began", "established", "terminated", "0", ":"};
    int opened = 0;
    int closed = 0;
    for (int round = 0; round < 100_000; round++) {
      String type = text(random, pieces, 4);
      String message = text(random, pieces, 8);
      boolean o = opens(type, message);
      boolean c = closes(type, message);
      assertEquals(o, Change.opensSession(type, message), type + " / " + message);
      assertEquals(c, Change.closesSession(type, message), type + " / " + message);
      if (o) opened++;
      if (c) closed++;
    }
    assertTrue(opened > 1000 && closed > 1000, opened + " opened, " + closed + " closed");
  }

  private static String text(Random random, String[] pieces, int most) {
    StringBuilder b = new StringBuilder();
    for (int k = random.nextInt(most); k >= 0; k--) b.append(pieces[random.nextInt(pieces.length)]);
    return b.toString();
  }
}
