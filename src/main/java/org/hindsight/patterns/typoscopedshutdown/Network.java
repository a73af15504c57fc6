package org.hindsight.patterns.typoscopedshutdown;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 or IPv6 network ({@code 10.2.0.0/16}, {@code 2001:db8::/32}; an address alone is a /32 or
 * /128), for targets that pick hosts by subnet (Salt {@code -S}, {@code S@}). Only literals are read:
 * a name is never looked up, so parsing cannot touch the network or hang on DNS.
 */
record Network(byte[] prefix, int length) {
  /** The network, or null when the text is not an address literal with an optional valid prefix length. */
  static Network parse(String text) {
    String t = text.trim();
    int slash = t.indexOf('/');
    byte[] address = literal(slash < 0 ? t : t.substring(0, slash));
    if (address == null) return null;
    int bits = address.length * 8;
    int length = bits;
    if (slash >= 0) {
      String n = t.substring(slash + 1);
      if (n.isEmpty() || n.length() > 3 || !n.chars().allMatch(Character::isDigit)) return null;
      length = Integer.parseInt(n);
      if (length > bits) return null;
    }
    return new Network(address, length);
  }

  /** Whether the address literal lies in this network (false for anything that is not one). */
  boolean contains(String address) {
    byte[] a = literal(address.trim());
    if (a == null || a.length != prefix.length) return false;
    int full = length / 8;
    for (int i = 0; i < full; i++) if (a[i] != prefix[i]) return false;
    int rest = length % 8;
    if (rest == 0) return true;
    int mask = (0xff << (8 - rest)) & 0xff;
    return (a[full] & mask) == (prefix[full] & mask);
  }

  private static byte[] literal(String s) {
    if (s.isEmpty() || s.length() > 45) return null;
    if (s.indexOf(':') < 0) return ipv4(s);
    // Only hex digits, colons and dots (an embedded IPv4 tail): a literal, which InetAddress parses without DNS.
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.digit(c, 16) < 0 && c != ':' && c != '.') return null;
    }
    try {
      byte[] b = InetAddress.getByName(s).getAddress();
      return b.length == 16 ? b : null;
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static byte[] ipv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) return null;
    byte[] out = new byte[4];
    for (int i = 0; i < 4; i++) {
      String p = parts[i];
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) return null;
      int v = Integer.parseInt(p);
      if (v > 255) return null;
      out[i] = (byte) v;
    }
    return out;
  }
}
