package org.hindsight.util;

import java.util.AbstractCollection;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A collection in the order its elements were added (repeats kept), as an {@link java.util.ArrayList}
 * filled by {@code add} holds them, whose {@link #remove} takes out the earliest equal element, as the
 * list's does, by a hash lookup instead of a scan. A rule's {@code collect} removes each deleted fact
 * from its result with {@code remove}: the roll-out rule deletes the thousands of steps it groups from
 * a collected list of thousands of changes, one scan of the list each.
 */
public final class InsertionOrderBag<E> extends AbstractCollection<E> {
  private static final class Node<E> {
    final E item;
    Node<E> prev;
    Node<E> next;
    Node<E> nextEqual; // the next element equal to this one, in order
    boolean gone;

    Node(E item) {
      this.item = item;
    }
  }

  private final Node<E> ends = new Node<>(null); // before the first and after the last
  private final Map<Object, Node<E>> firstEqual = new HashMap<>();
  private int size;
  private int changes;

  public InsertionOrderBag() {
    ends.prev = ends;
    ends.next = ends;
  }

  @Override
  public boolean add(E e) {
    Node<E> n = new Node<>(e);
    n.prev = ends.prev;
    n.next = ends;
    ends.prev.next = n;
    ends.prev = n;
    Node<E> equal = firstEqual.putIfAbsent(e, n);
    if (equal != null) {
      while (equal.nextEqual != null) equal = equal.nextEqual;
      equal.nextEqual = n;
    }
    size++;
    changes++;
    return true;
  }

  /** Removes the earliest added element equal to {@code o}, if any. */
  @Override
  public boolean remove(Object o) {
    Node<E> n = firstEqual.get(o);
    if (n == null) return false;
    unlink(n);
    return true;
  }

  @Override
  public boolean contains(Object o) {
    return firstEqual.containsKey(o);
  }

  private void unlink(Node<E> n) {
    Node<E> first = firstEqual.get(n.item);
    if (first == n) {
      if (n.nextEqual == null) firstEqual.remove(n.item);
      else firstEqual.put(n.item, n.nextEqual);
    } else {
      Node<E> before = first;
      while (before.nextEqual != n) before = before.nextEqual;
      before.nextEqual = n.nextEqual;
    }
    n.prev.next = n.next;
    n.next.prev = n.prev;
    n.gone = true;
    size--;
    changes++;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public Iterator<E> iterator() {
    return new Iterator<>() {
      private Node<E> last = ends;
      private int expected = changes;

      @Override
      public boolean hasNext() {
        return last.next != ends;
      }

      @Override
      public E next() {
        if (expected != changes) throw new ConcurrentModificationException();
        if (last.next == ends) throw new NoSuchElementException();
        last = last.next;
        return last.item;
      }

      @Override
      public void remove() {
        if (expected != changes) throw new ConcurrentModificationException();
        if (last == ends || last.gone) throw new IllegalStateException();
        unlink(last);
        expected = changes;
      }
    };
  }
}
