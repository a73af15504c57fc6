package org.hindsight.patterns.recursivekeygenerator;

import com.google.auto.service.AutoService;
import java.util.ArrayList;
import java.util.List;
import org.hindsight.derive.FactDeriver;
import org.hindsight.facts.Fact;
import org.hindsight.facts.RequestSummary;
import org.hindsight.ingest.RequestLog;
import org.hindsight.world.World;

/**
 * Summarises the sampled {@code requests} per (datacenter, server, process, rule): counts,
 * mixed-cookie requests with the first one's time and record, 5xx. One pass over the column store.
 */
@AutoService(org.hindsight.derive.FactDeriver.class)
public final class RequestSummaryDeriver implements FactDeriver {
  @Override
  public String name() {
    return "request-summaries";
  }

  @Override
  public List<Class<? extends Fact>> factTypes() {
    return List.of(RequestSummary.class);
  }

  @Override
  public List<RequestSummary> derive(World world) {
    return summarise(world.requests());
  }

  public static List<RequestSummary> summarise(RequestLog log) {
    // Keyed by the dictionary codes of (datacenter, server, process, rule): no string built or
    // hashed per request, no request materialised; summaries keep the order of first appearance.
    Keys keys = new Keys();
    List<Acc> accs = new ArrayList<>();
    log.forEachCoded((row, millis, dc, server, process, status, rule, valid, invalid) -> {
      int id = keys.idOf(dc, server, process, rule);
      Acc a;
      if (id == accs.size()) {
        a = new Acc(log, row, millis, dc, server, process, rule);
        accs.add(a);
      } else {
        a = accs.get(id);
      }
      a.requests++;
      a.last = millis;
      if (RequestLog.Request.serverError(status)) a.errors++;
      if (RequestLog.Request.mixedCookies(valid, invalid)) {
        if (a.mixed == 0) {
          a.firstMixed = millis;
          a.firstMixedRow = row;
        }
        a.mixed++;
      }
    });
    List<RequestSummary> out = new ArrayList<>(accs.size());
    for (Acc a : accs) out.add(a.build());
    return out;
  }

  /** Dense ids for tuples of four codes, by first appearance: open addressing over int arrays. */
  private static final class Keys {
    private int[] slots = new int[64]; // id + 1, 0 when free
    private int[] tuples = new int[64]; // four codes per id
    private int size;

    int idOf(int a, int b, int c, int d) {
      int h = ((a * 31 + b) * 31 + c) * 31 + d;
      h ^= h >>> 16;
      int mask = slots.length - 1;
      for (int i = (h * 0x9E3779B9) & mask; ; i = (i + 1) & mask) {
        int s = slots[i];
        if (s == 0) {
          if (4 * size + 4 > tuples.length) tuples = java.util.Arrays.copyOf(tuples, tuples.length * 2);
          tuples[4 * size] = a;
          tuples[4 * size + 1] = b;
          tuples[4 * size + 2] = c;
          tuples[4 * size + 3] = d;
          slots[i] = ++size;
          if (2 * size > slots.length) rehash();
          return size - 1;
        }
        int t = 4 * (s - 1);
        if (tuples[t] == a && tuples[t + 1] == b && tuples[t + 2] == c && tuples[t + 3] == d) return s - 1;
      }
    }

    private void rehash() {
      int[] old = slots;
      slots = new int[old.length * 2];
      int mask = slots.length - 1;
      for (int s : old) {
        if (s == 0) continue;
        int t = 4 * (s - 1);
        int h = ((tuples[t] * 31 + tuples[t + 1]) * 31 + tuples[t + 2]) * 31 + tuples[t + 3];
        h ^= h >>> 16;
        int i = (h * 0x9E3779B9) & mask;
        while (slots[i] != 0) i = (i + 1) & mask;
        slots[i] = s;
      }
    }
  }

  private static final class Acc {
    final RequestLog log;
    final int firstRow, datacenter, server, process, rule;
    final long firstMillis;
    long requests, mixed, errors, last, firstMixed = -1;
    int firstMixedRow = -1;

    Acc(RequestLog log, int firstRow, long firstMillis, int datacenter, int server, int process, int rule) {
      this.log = log;
      this.firstRow = firstRow;
      this.firstMillis = firstMillis;
      this.datacenter = datacenter;
      this.server = server;
      this.process = process;
      this.rule = rule;
    }

    RequestSummary build() {
      return new RequestSummary(log.string(datacenter), log.string(server), log.string(process), log.string(rule), requests,
          mixed, errors, firstMillis, last, firstMixed, firstMixedRow < 0 ? null : log.origin(firstMixedRow),
          log.origin(firstRow));
    }
  }
}
