package org.hindsight.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pre-compiled rule base's parent loader: a class its parent lacks is asked for once, any other as before. */
class MissingClassCacheTest {
  /** The application's loader, counting what it is asked. */
  private static final class Counting extends ClassLoader {
    final List<String> asked = new ArrayList<>();

    Counting() {
      super(MissingClassCacheTest.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      asked.add(name);
      return super.loadClass(name, resolve);
    }
  }

  @Test
  void aMissingClassIsAskedOfTheParentOnce() throws Exception {
    Counting parent = new Counting();
    MissingClassCache cache = new MissingClassCache(parent);
    String name = "org.hindsight.facts.$w";
    ClassNotFoundException first = assertThrows(ClassNotFoundException.class, () -> Class.forName(name, false, cache));
    ClassNotFoundException again = assertThrows(ClassNotFoundException.class, () -> cache.loadClass(name));
    assertEquals(List.of(name), parent.asked);
    assertTrue(cache.remembersMissing(name));
    assertEquals(first.getMessage(), again.getMessage(), "the same words");
    assertEquals(0, again.getStackTrace().length, "no stack filled for a repeat");
  }

  @Test
  void aClassThatExistsIsTheParentsOwnEveryTime() throws Exception {
    Counting parent = new Counting();
    MissingClassCache cache = new MissingClassCache(parent);
    String name = "org.hindsight.facts.Event";
    assertSame(org.hindsight.facts.Event.class, cache.loadClass(name));
    assertSame(org.hindsight.facts.Event.class, Class.forName(name, false, cache));
    assertFalse(cache.remembersMissing(name));
    assertNotNull(cache.getResource("org/hindsight/facts/Event.class"), "resources come from the parent");
  }
}
