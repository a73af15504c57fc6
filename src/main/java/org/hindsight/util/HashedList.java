package org.hindsight.util;

import java.util.AbstractList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.RandomAccess;
import java.util.Set;

/**
 * An immutable list whose {@link #contains} is a hash lookup. Rules test membership in fact lists
 * ({@code service memberOf $b.affected}) once per candidate fact, and the candidates grow with the
 * logs: a linear scan per test made those joins cost rows × list length.
 */
public final class HashedList<E> extends AbstractList<E> implements RandomAccess {
  private final List<E> items;
  private final Set<E> set;

  private HashedList(List<E> items) {
    this.items = items;
    this.set = new HashSet<>(items);
  }

  /** An immutable copy of {@code items} (the same list when it already is one). */
  public static <E> List<E> copyOf(Collection<? extends E> items) {
    if (items instanceof HashedList<?>) {
      @SuppressWarnings("unchecked")
      List<E> same = (List<E>) items;
      return same;
    }
    return new HashedList<>(List.copyOf(items));
  }

  @Override
  public E get(int index) {
    return items.get(index);
  }

  @Override
  public int size() {
    return items.size();
  }

  @Override
  public boolean contains(Object o) {
    return o != null && set.contains(o);
  }

  @Override
  public int indexOf(Object o) {
    return contains(o) ? items.indexOf(o) : -1;
  }
}
