package org.hindsight.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InsertionOrderBagTest {
  /** Equal but not identical: which of two equal elements a removal takes shows in the identities left. */
  record Item(int key, int serial) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Item i && i.key == key;
    }

    @Override
    public int hashCode() {
      return key;
    }
  }

  @Test
  void holdsWhatAnArrayListFilledAndEmptiedTheSameWayHolds() {
    Random random = new Random(28);
    for (int round = 0; round < 200; round++) {
      List<Item> list = new ArrayList<>();
      InsertionOrderBag<Item> bag = new InsertionOrderBag<>();
      int serial = 0;
      for (int op = 0; op < 400; op++) {
        int key = random.nextInt(12); // few keys: many equal elements
        switch (random.nextInt(4)) {
          case 0, 1 -> {
            Item item = new Item(key, serial++);
            list.add(item);
            bag.add(item);
          }
          case 2 -> assertEquals(list.remove(new Item(key, -1)), bag.remove(new Item(key, -1)));
          default -> {
            // an iterator's removal of the n-th element, as a collection's removeIf does
            if (list.isEmpty()) continue;
            int at = random.nextInt(list.size());
            Iterator<Item> it = bag.iterator();
            for (int i = 0; i < at; i++) it.next();
            assertEquals(list.remove(at), it.next());
            it.remove();
          }
        }
        assertEquals(list.size(), bag.size());
        List<Item> held = new ArrayList<>(bag);
        for (int i = 0; i < list.size(); i++) {
          assertEquals(list.get(i).serial(), held.get(i).serial(), "the same element, in the same place");
        }
        assertEquals(list.contains(new Item(key, -1)), bag.contains(new Item(key, -1)));
      }
    }
  }
}
