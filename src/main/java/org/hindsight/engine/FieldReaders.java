package org.hindsight.engine;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import org.drools.base.base.ClassFieldInspector;
import org.drools.base.base.ValueResolver;
import org.drools.base.base.ValueType;
import org.drools.base.base.extractors.BaseObjectClassFieldReader;
import org.drools.base.base.extractors.SelfReferenceClassFieldReader;
import org.drools.base.rule.accessor.ReadAccessor;
import org.drools.base.rule.accessor.WriteAccessor;
import org.drools.core.base.ClassFieldAccessorCache;
import org.drools.core.base.FieldAccessorFactory;
import org.drools.mvel.accessors.BaseBooleanClassFieldReader;
import org.drools.mvel.accessors.BaseDecimalClassFieldReader;
import org.drools.mvel.accessors.BaseWholeNumberClassFieldReader;
import org.drools.mvel.accessors.ClassFieldAccessorStore;

/**
 * Drools's field readers (what alpha hashing and join indexes read a fact's field with) as four
 * classes calling the getter through a method handle, instead of a class generated with ASM, defined,
 * loaded and compiled per field a constraint reads (80 on the built-in rules: a share of every run's
 * rule loading, pre-compiled or not). Found by Drools's service lookup ({@code META-INF/services}),
 * which takes the highest {@link #servicePriority}; values, types, indexes and null handling are the
 * generated readers' (the same base classes), and anything this cannot read goes to Drools's own factory.
 */
public final class FieldReaders implements FieldAccessorFactory {
  /** Drools's own factory (drools-mvel), for writers and for what a method handle cannot reach. */
  private static final FieldAccessorFactory GENERATED = new org.drools.mvel.asm.ClassFieldAccessorFactory();

  @Override
  public int servicePriority() {
    return 1; // Drools's own is 0
  }

  @Override
  public ReadAccessor getClassFieldReader(Class<?> clazz, String fieldName, ClassFieldAccessorCache.CacheEntry cache) {
    if ("this".equals(fieldName)) return new SelfReferenceClassFieldReader(clazz);
    ClassFieldInspector inspector;
    try {
      inspector = ClassFieldAccessorStore.getClassFieldInspector(clazz, cache);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    String name = fieldName;
    Class<?> fieldType = inspector.getFieldType(name);
    if (fieldType == null && name.length() > 1 && Character.isLowerCase(name.charAt(0)) && Character.isUpperCase(name.charAt(1))) {
      // JavaBeans' odd case (a getter getXName for field xName), as Drools's factory reads it
      String alt = Character.toUpperCase(name.charAt(0)) + name.substring(1);
      if (inspector.getFieldType(alt) != null) {
        name = alt;
        fieldType = inspector.getFieldType(alt);
      }
    }
    Method getter = inspector.getGetterMethods().get(name);
    Integer index = inspector.getFieldNames().get(name);
    if (fieldType == null || getter == null) return null; // a public field: Drools reads it another way
    if (index == null) return GENERATED.getClassFieldReader(clazz, fieldName, cache);
    MethodHandle handle;
    try {
      handle = MethodHandles.publicLookup().unreflect(getter);
    } catch (IllegalAccessException | RuntimeException e) {
      return GENERATED.getClassFieldReader(clazz, fieldName, cache);
    }
    ValueType valueType = ValueType.determineValueType(fieldType);
    Class<?> type = getter.getReturnType();
    if (!type.isPrimitive()) return new ObjectReader(index, fieldType, valueType, handle);
    if (type == boolean.class) return new BooleanReader(index, fieldType, valueType, handle);
    if (type == float.class) return new FloatReader(index, fieldType, valueType, handle);
    if (type == double.class) return new DoubleReader(index, fieldType, valueType, handle);
    return new WholeNumberReader(index, fieldType, valueType, handle); // byte, short, int, long, char
  }

  /**
   * A writer that asks Drools's factory for its generated class only when a value is first set. Rule
   * loading wires a writer for every field of a declared type, and the session never sets one (rules
   * create and modify facts through their setters), so generating, defining and loading a class per
   * field was a share of every run's rule loading for nothing. Index, field type and value type are
   * what the generated writer is given, read the same way; a field without a setter goes to Drools's
   * factory at once, which answers as before (none, or its error).
   */
  @Override
  public WriteAccessor getClassFieldWriter(Class<?> clazz, String fieldName, ClassFieldAccessorCache.CacheEntry cache) {
    ClassFieldInspector inspector;
    try {
      inspector = ClassFieldAccessorStore.getClassFieldInspector(clazz, cache);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Method setter = inspector.getSetterMethods().get(fieldName);
    Integer index = inspector.getFieldNames().get(fieldName);
    if (setter == null && fieldName.length() > 1 && Character.isLowerCase(fieldName.charAt(0)) && Character.isUpperCase(fieldName.charAt(1))) {
      String alt = Character.toUpperCase(fieldName.charAt(0)) + fieldName.substring(1); // as Drools's factory reads it
      setter = inspector.getSetterMethods().get(alt);
      index = inspector.getFieldNames().get(alt);
    }
    if (setter == null || index == null) return GENERATED.getClassFieldWriter(clazz, fieldName, cache);
    Class<?> type = setter.getParameterTypes()[0];
    ValueType valueType = ValueType.determineValueType(type);
    Generated generated = new Generated(clazz, fieldName, cache);
    if (!type.isPrimitive()) return new LazyObjectWriter(index, type, valueType, generated);
    if (type == boolean.class) return new LazyBooleanWriter(index, type, valueType, generated);
    if (type == float.class || type == double.class) return new LazyDecimalWriter(index, type, valueType, generated);
    return new LazyWholeNumberWriter(index, type, valueType, generated); // byte, short, int, long, char
  }

  /** The generated writer behind a lazy one, made on first use. */
  private static final class Generated {
    private final Class<?> clazz;
    private final String fieldName;
    private final ClassFieldAccessorCache.CacheEntry cache;
    private volatile WriteAccessor made;

    Generated(Class<?> clazz, String fieldName, ClassFieldAccessorCache.CacheEntry cache) {
      this.clazz = clazz;
      this.fieldName = fieldName;
      this.cache = cache;
    }

    WriteAccessor get() {
      WriteAccessor w = made;
      if (w == null) {
        synchronized (this) {
          w = made;
          if (w == null) made = w = GENERATED.getClassFieldWriter(clazz, fieldName, cache);
        }
      }
      return w;
    }
  }

  /** A reference-typed field's writer, generated on first use. */
  public static final class LazyObjectWriter extends org.drools.mvel.accessors.BaseObjectClassFieldWriter {
    private final transient Generated generated;

    LazyObjectWriter(int index, Class<?> fieldType, ValueType valueType, Generated generated) {
      super(index, fieldType, valueType);
      this.generated = generated;
    }

    @Override
    public void setValue(Object bean, Object value) {
      generated.get().setValue(bean, value);
    }
  }

  /** A byte, short, int, long or char field's writer, generated on first use. */
  public static final class LazyWholeNumberWriter extends org.drools.mvel.accessors.BaseWholeNumberClassFieldWriter {
    private final transient Generated generated;

    LazyWholeNumberWriter(int index, Class<?> fieldType, ValueType valueType, Generated generated) {
      super(index, fieldType, valueType);
      this.generated = generated;
    }

    @Override
    public void setWholeNumberValue(Object bean, long value) {
      generated.get().setWholeNumberValue(bean, value);
    }
  }

  /** A float or double field's writer, generated on first use. */
  public static final class LazyDecimalWriter extends org.drools.mvel.accessors.BaseDecimalClassFieldWriter {
    private final transient Generated generated;

    LazyDecimalWriter(int index, Class<?> fieldType, ValueType valueType, Generated generated) {
      super(index, fieldType, valueType);
      this.generated = generated;
    }

    @Override
    public void setDecimalValue(Object bean, double value) {
      generated.get().setDecimalValue(bean, value);
    }
  }

  /** A boolean field's writer, generated on first use. */
  public static final class LazyBooleanWriter extends org.drools.mvel.accessors.BaseBooleanClassFieldWriter {
    private final transient Generated generated;

    LazyBooleanWriter(int index, Class<?> fieldType, ValueType valueType, Generated generated) {
      super(index, fieldType, valueType);
      this.generated = generated;
    }

    @Override
    public void setBooleanValue(Object bean, boolean value) {
      generated.get().setBooleanValue(bean, value);
    }
  }

  /** A getter's exception, thrown on unchanged as the generated reader's direct call throws it. */
  @SuppressWarnings("unchecked")
  private static <T extends Throwable> RuntimeException rethrow(Throwable t) throws T {
    throw (T) t;
  }

  /** A reference-typed field. */
  public static final class ObjectReader extends BaseObjectClassFieldReader {
    private final transient MethodHandle getter;

    ObjectReader(int index, Class<?> fieldType, ValueType valueType, MethodHandle getter) {
      super(index, fieldType, valueType);
      this.getter = getter.asType(MethodType.methodType(Object.class, Object.class));
    }

    @Override
    public Object getValue(ValueResolver valueResolver, Object object) {
      try {
        return (Object) getter.invokeExact(object);
      } catch (Throwable t) {
        throw rethrow(t);
      }
    }
  }

  /** A byte, short, int, long or char field, read as a long (as Drools's generated readers do). */
  public static final class WholeNumberReader extends BaseWholeNumberClassFieldReader {
    private final transient MethodHandle getter;

    @Override
    public String getNativeReadMethodName() {
      return "getWholeNumberValue";
    }

    WholeNumberReader(int index, Class<?> fieldType, ValueType valueType, MethodHandle getter) {
      super(index, fieldType, valueType);
      this.getter = getter.asType(MethodType.methodType(long.class, Object.class));
    }

    @Override
    public long getWholeNumberValue(ValueResolver valueResolver, Object object) {
      try {
        return (long) getter.invokeExact(object);
      } catch (Throwable t) {
        throw rethrow(t);
      }
    }
  }

  /** A double field. */
  public static final class DoubleReader extends BaseDecimalClassFieldReader {
    private final transient MethodHandle getter;

    @Override
    public String getNativeReadMethodName() {
      return "getDecimalValue";
    }

    DoubleReader(int index, Class<?> fieldType, ValueType valueType, MethodHandle getter) {
      super(index, fieldType, valueType);
      this.getter = getter.asType(MethodType.methodType(double.class, Object.class));
    }

    @Override
    public double getDecimalValue(ValueResolver valueResolver, Object object) {
      try {
        return (double) getter.invokeExact(object);
      } catch (Throwable t) {
        throw rethrow(t);
      }
    }
  }

  /** A float field, widened as Drools's generated readers widen it (the float's decimal digits, not its binary tail). */
  public static final class FloatReader extends BaseDecimalClassFieldReader {
    private final transient MethodHandle getter;

    @Override
    public String getNativeReadMethodName() {
      return "getDecimalValue";
    }

    FloatReader(int index, Class<?> fieldType, ValueType valueType, MethodHandle getter) {
      super(index, fieldType, valueType);
      this.getter = getter.asType(MethodType.methodType(float.class, Object.class));
    }

    @Override
    public double getDecimalValue(ValueResolver valueResolver, Object object) {
      try {
        return org.drools.util.FloatHelper.cleanDouble((float) getter.invokeExact(object));
      } catch (Throwable t) {
        throw rethrow(t);
      }
    }
  }

  /** A boolean field. */
  public static final class BooleanReader extends BaseBooleanClassFieldReader {
    private final transient MethodHandle getter;

    @Override
    public String getNativeReadMethodName() {
      return "getBooleanValue";
    }

    BooleanReader(int index, Class<?> fieldType, ValueType valueType, MethodHandle getter) {
      super(index, fieldType, valueType);
      this.getter = getter.asType(MethodType.methodType(boolean.class, Object.class));
    }

    @Override
    public boolean getBooleanValue(ValueResolver valueResolver, Object object) {
      try {
        return (boolean) getter.invokeExact(object);
      } catch (Throwable t) {
        throw rethrow(t);
      }
    }
  }
}
