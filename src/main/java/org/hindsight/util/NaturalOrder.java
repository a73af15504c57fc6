package org.hindsight.util;

import java.util.Comparator;

/**
 * Names in the order people number them: runs of digits compared by value ({@code node-9} before {@code node-10}),
 * the rest character by character. For choosing one of several equal rows by what they say rather than where a
 * file happens to list them (an export newest first, a merge).
 */
public final class NaturalOrder implements Comparator<String> {
  public static final NaturalOrder INSTANCE = new NaturalOrder();

  private NaturalOrder() {}

  @Override
  public int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char x = a.charAt(i);
      char y = b.charAt(j);
      if (Character.isDigit(x) && Character.isDigit(y)) {
        int si = i;
        int sj = j;
        while (si < a.length() && a.charAt(si) == '0') si++;
        while (sj < b.length() && b.charAt(sj) == '0') sj++;
        int ei = si;
        int ej = sj;
        while (ei < a.length() && Character.isDigit(a.charAt(ei))) ei++;
        while (ej < b.length() && Character.isDigit(b.charAt(ej))) ej++;
        int len = (ei - si) - (ej - sj);
        if (len != 0) return len; // more significant digits: larger
        for (int k = 0; k < ei - si; k++) {
          int d = a.charAt(si + k) - b.charAt(sj + k);
          if (d != 0) return d;
        }
        i = ei;
        j = ej;
        continue;
      }
      if (x != y) return Character.compare(x, y);
      i++;
      j++;
    }
    int rest = (a.length() - i) - (b.length() - j);
    return rest != 0 ? rest : a.compareTo(b); // "007" and "7": equal by value, told apart by text
  }
}
