package org.hindsight.drill;

/** How hard a generated drill is: hard drills use a pattern variant and add a red herring. */
public enum Difficulty {
  EASY, MEDIUM, HARD
}
