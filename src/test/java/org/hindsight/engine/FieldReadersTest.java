package org.hindsight.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.drools.base.base.BaseClassFieldReader;
import org.drools.base.base.ClassFieldInspector;
import org.drools.base.rule.accessor.ReadAccessor;
import org.drools.base.rule.accessor.WriteAccessor;
import org.drools.core.base.ClassFieldAccessorCache;
import org.drools.core.base.FieldAccessorFactory;
import org.drools.mvel.accessors.ClassFieldAccessorStore;
import org.hindsight.facts.Event;
import org.hindsight.facts.MetricExcursion;
import org.junit.jupiter.api.Test;

/** Field readers without a generated class per field read the same values as Drools's generated ones. */
class FieldReadersTest {
  private static final FieldAccessorFactory GENERATED = new org.drools.mvel.asm.ClassFieldAccessorFactory();

  /** Every kind of field a rule may read, including the corners of widening and of JavaBeans naming. */
  public static final class Bean {
    private final Random r;
    private final boolean nulls;

    public Bean(long seed, boolean nulls) {
      this.r = new Random(seed);
      this.nulls = nulls;
    }

    private long seed() {
      return r.nextLong();
    }

    public byte getSmall() { return (byte) seed(); }
    public short getShort() { return (short) seed(); }
    public int getCount() { return (int) seed(); }
    public long getMillis() { return seed(); }
    public char getLetter() { return (char) seed(); }
    public float getRatio() { return new Random(seed()).nextFloat() * 1000 - 500; }
    public double getLevel() { return new Random(seed()).nextGaussian() * 1e6; }
    public boolean isUp() { return (seed() & 1) == 0; }
    public Boolean getFlag() { return nulls ? null : (seed() & 1) == 0; }
    public Integer getBoxed() { return nulls ? null : (int) seed(); }
    public String getName() { return nulls ? null : "n" + seed(); }
    public Object getAnything() { return nulls ? null : List.of(seed()); }
    public String getURL() { return "u" + seed(); }
    public int getFailing() { throw new IllegalStateException("no value for failing"); }
  }

  private static final List<String> BEAN_FIELDS = List.of("small", "short", "count", "millis", "letter", "ratio", "level", "up", "flag",
      "boxed", "name", "anything", "uRL", "URL");

  @Test
  void droolsTakesTheseReadersAndGeneratesNoClassPerField() {
    assertInstanceOf(FieldReaders.class, FieldAccessorFactory.get(), "the service lookup takes the higher priority");
    var cache = new ClassFieldAccessorCache.CacheEntry(getClass().getClassLoader());
    for (String f : BEAN_FIELDS) {
      ReadAccessor r = FieldAccessorFactory.get().getClassFieldReader(Bean.class, f, cache);
      assertNotNull(r, f);
      assertTrue(r.getClass().getName().startsWith(FieldReaders.class.getName() + "$"), f + ": " + r.getClass().getName());
    }
  }

  @Test
  void everyFieldReadsAsDroolssGeneratedReaderReadsIt() throws Exception {
    var ours = new ClassFieldAccessorCache.CacheEntry(getClass().getClassLoader());
    for (String f : BEAN_FIELDS) {
      ReadAccessor a = new FieldReaders().getClassFieldReader(Bean.class, f, ours);
      // a cache of their own per field: Drools's factory defines getURL's reader twice for "uRL" and "URL" in one
      ReadAccessor b = GENERATED.getClassFieldReader(Bean.class, f, new ClassFieldAccessorCache.CacheEntry(getClass().getClassLoader()));
      sameShape(f, a, b);
      for (int seed = 0; seed < 200; seed++) {
        for (boolean nulls : new boolean[] {false, true}) {
          // two beans of the same seed: each read draws the same value from its own bean
          sameValues(f + " seed " + seed, a, new Bean(seed, nulls), b, new Bean(seed, nulls));
        }
      }
    }
  }

  @Test
  void theFactsFieldsReadAsDroolssGeneratedReadersReadThem() throws Exception {
    var ours = new ClassFieldAccessorCache.CacheEntry(getClass().getClassLoader());
    var theirs = new ClassFieldAccessorCache.CacheEntry(getClass().getClassLoader());
    Event e = new Event(java.time.Instant.parse("2021-10-25T02:16:05Z"), "r1", "adjacency.down", "r1", "lost r2", "error",
        org.hindsight.facts.Attributes.NONE, new org.hindsight.facts.SourceRef("events.csv", 7));
    List<Object> facts = List.of(e);
    for (Object fact : facts) {
      ClassFieldInspector inspector = ClassFieldAccessorStore.getClassFieldInspector(fact.getClass(), theirs);
      List<String> fields = new ArrayList<>(inspector.getGetterMethods().keySet());
      assertTrue(fields.size() > 3, fields.toString());
      for (String f : fields) {
        ReadAccessor a = new FieldReaders().getClassFieldReader(fact.getClass(), f, ours);
        ReadAccessor b = GENERATED.getClassFieldReader(fact.getClass(), f, theirs);
        sameShape(f, a, b);
        if (a != null) sameValues(fact.getClass().getSimpleName() + "." + f, a, fact, b, fact);
      }
    }
    assertNotNull(new FieldReaders().getClassFieldReader(MetricExcursion.class, "metric", ours));
  }

  @Test
  void aGetterThatThrowsThrowsTheSameException() {
    var cache = new ClassFieldAccessorCache.CacheEntry(getClass().getClassLoader());
    ReadAccessor a = new FieldReaders().getClassFieldReader(Bean.class, "failing", cache);
    ReadAccessor b = GENERATED.getClassFieldReader(Bean.class, "failing", new ClassFieldAccessorCache.CacheEntry(getClass().getClassLoader()));
    IllegalStateException x = assertThrows(IllegalStateException.class, () -> a.getValue(null, new Bean(1, false)));
    IllegalStateException y = assertThrows(IllegalStateException.class, () -> b.getValue(null, new Bean(1, false)));
    assertEquals(y.getMessage(), x.getMessage());
  }

  @Test
  void thisIsTheFactItself() {
    var cache = new ClassFieldAccessorCache.CacheEntry(getClass().getClassLoader());
    Bean bean = new Bean(3, false);
    assertSame(bean, new FieldReaders().getClassFieldReader(Bean.class, "this", cache).getValue(null, bean));
  }

  /** Every kind of field a declared type may have, each setter recording what it was given. */
  public static final class Settable {
    final List<String> set = new ArrayList<>();

    public byte getSmall() { return 0; }
    public void setSmall(byte v) { set.add("small " + v); }
    public short getShort() { return 0; }
    public void setShort(short v) { set.add("short " + v); }
    public int getCount() { return 0; }
    public void setCount(int v) { set.add("count " + v); }
    public long getMillis() { return 0; }
    public void setMillis(long v) { set.add("millis " + v); }
    public char getLetter() { return 0; }
    public void setLetter(char v) { set.add("letter " + (int) v); }
    public float getRatio() { return 0; }
    public void setRatio(float v) { set.add("ratio " + v); }
    public double getLevel() { return 0; }
    public void setLevel(double v) { set.add("level " + v); }
    public boolean isUp() { return false; }
    public void setUp(boolean v) { set.add("up " + v); }
    public Boolean getFlag() { return null; }
    public void setFlag(Boolean v) { set.add("flag " + v); }
    public String getName() { return null; }
    public void setName(String v) { set.add("name " + v); }
    public Object getAnything() { return null; }
    public void setAnything(Object v) { set.add("anything " + v); }
    public String getURL() { return null; }
    public void setURL(String v) { set.add("URL " + v); }
    public int getReadOnly() { return 0; }
    public void setFailing(int v) { throw new IllegalStateException("cannot set " + v); }
    public int getFailing() { return 0; }
  }

  @Test
  void writersAreMadeOnlyWhenAValueIsSetAndSetAsDroolssGeneratedWritersSet() {
    List<String> fields = List.of("small", "short", "count", "millis", "letter", "ratio", "level", "up", "flag", "name", "anything",
        "uRL", "URL", "readOnly", "failing");
    List<Object> values = List.of(0L, -1L, 300L, 70_000L, 1L << 40, Long.MIN_VALUE, 2.75, -1e300, Double.NaN, true, false, "text");
    for (String f : fields) {
      // a cache of its own per field on both sides: Drools's factory defines setURL's writer twice for "uRL" and "URL" in one
      WriteAccessor a = new FieldReaders().getClassFieldWriter(Settable.class, f, new ClassFieldAccessorCache.CacheEntry(getClass().getClassLoader()));
      WriteAccessor b = GENERATED.getClassFieldWriter(Settable.class, f, new ClassFieldAccessorCache.CacheEntry(getClass().getClassLoader()));
      if (b == null) {
        assertEquals(null, a, f + " has no setter");
        continue;
      }
      assertTrue(a.getClass().getName().startsWith(FieldReaders.class.getName() + "$Lazy"), f + ": " + a.getClass().getName());
      assertEquals(b, a, f + ": index, field type and value type");
      assertEquals(b.getValueType(), a.getValueType(), f);
      assertEquals(b.getClass().getSuperclass(), a.getClass().getSuperclass(), f + ": the same base class, so the same conversions");
      assertEquals(b.getNativeWriteMethod().getName(), a.getNativeWriteMethod().getName(), f);
      for (Object v : values) {
        sameWrites(f + " " + v, bean -> a.setValue(bean, v), bean -> b.setValue(bean, v));
        if (v instanceof Number n) {
          sameWrites(f + " long " + v, bean -> a.setWholeNumberValue(bean, n.longValue()), bean -> b.setWholeNumberValue(bean, n.longValue()));
          sameWrites(f + " double " + v, bean -> a.setDecimalValue(bean, n.doubleValue()), bean -> b.setDecimalValue(bean, n.doubleValue()));
        }
        if (v instanceof Boolean t) {
          sameWrites(f + " boolean " + v, bean -> a.setBooleanValue(bean, t), bean -> b.setBooleanValue(bean, t));
        }
      }
    }
    assertEquals(outcome(() -> GENERATED.getClassFieldWriter(Settable.class, "nosuch", new ClassFieldAccessorCache.CacheEntry(getClass().getClassLoader()))),
        outcome(() -> new FieldReaders().getClassFieldWriter(Settable.class, "nosuch", new ClassFieldAccessorCache.CacheEntry(getClass().getClassLoader()))));
  }

  /** Two writes, each on a bean of its own: what the setters were given, or what was thrown. */
  private static void sameWrites(String what, java.util.function.Consumer<Settable> ours, java.util.function.Consumer<Settable> theirs) {
    assertEquals(outcome(() -> {
      Settable s = new Settable();
      theirs.accept(s);
      return s.set;
    }), outcome(() -> {
      Settable s = new Settable();
      ours.accept(s);
      return s.set;
    }), what);
  }

  private static void sameShape(String f, ReadAccessor a, ReadAccessor b) {
    if (b == null) {
      assertEquals(null, a, f);
      return;
    }
    assertNotNull(a, f);
    assertEquals(b.getIndex(), a.getIndex(), f);
    assertEquals(b.getValueType(), a.getValueType(), f);
    assertEquals(b.getExtractToClass(), a.getExtractToClass(), f);
    assertEquals(b.getClass().getSuperclass(), a.getClass().getSuperclass(), f + ": the same base class, so the same conversions");
    assertEquals(((BaseClassFieldReader) b).getNativeReadMethod().getName(), ((BaseClassFieldReader) a).getNativeReadMethod().getName(), f);
  }

  /** Every read of a field: each accessor on its own object, so a getter that draws values draws alike. */
  private static void sameValues(String what, ReadAccessor a, Object onA, ReadAccessor b, Object onB) {
    assertEquals(outcome(() -> b.getValue(null, onB)), outcome(() -> a.getValue(null, onA)), what + " value");
    assertEquals(outcome(() -> b.isNullValue(null, onB)), outcome(() -> a.isNullValue(null, onA)), what + " null");
    assertEquals(outcome(() -> b.getHashCode(null, onB)), outcome(() -> a.getHashCode(null, onA)), what + " hash");
    assertEquals(outcome(() -> b.getWholeNumberValue(null, onB)), outcome(() -> a.getWholeNumberValue(null, onA)), what + " long");
    assertEquals(outcome(() -> b.getDecimalValue(null, onB)), outcome(() -> a.getDecimalValue(null, onA)), what + " double");
    assertEquals(outcome(() -> b.getBooleanValue(null, onB)), outcome(() -> a.getBooleanValue(null, onA)), what + " boolean");
  }

  /** A read's value, or the class and message of what it threw. */
  private static String outcome(java.util.concurrent.Callable<Object> read) {
    try {
      return "= " + Objects.toString(read.call());
    } catch (Exception | Error e) {
      return "! " + e.getClass().getName() + ": " + e.getMessage();
    }
  }
}
