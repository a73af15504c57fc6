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

  @Override
  public WriteAccessor getClassFieldWriter(Class<?> clazz, String fieldName, ClassFieldAccessorCache.CacheEntry cache) {
    return GENERATED.getClassFieldWriter(clazz, fieldName, cache);
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
