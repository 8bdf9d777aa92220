package org.qinglan.course;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The order a worker meets courses in: the given order (tier, then id), except that a course
 * comes after the listed courses it requires, so the catalogue reads as a path.
 */
public final class StudyOrder {
  private StudyOrder() {
  }

  /** {@code courses} reordered so that each comes after its prerequisites; a cycle keeps the given order. */
  public static List<CourseDefinition> of(List<CourseDefinition> courses) {
    Map<String, Integer> position = new HashMap<>();
    for (int i = 0; i < courses.size(); i++) {
      position.putIfAbsent(courses.get(i).id(), i);
    }
    int[] waitingFor = new int[courses.size()];
    List<List<Integer>> unlocks = new ArrayList<>();
    courses.forEach(c -> unlocks.add(new ArrayList<>()));
    for (int i = 0; i < courses.size(); i++) {
      for (String p : courses.get(i).prerequisites()) {
        Integer before = position.get(p);
        if (before != null && before != i) {
          waitingFor[i]++;
          unlocks.get(before).add(i);
        }
      }
    }
    // Of the courses whose prerequisites are placed, the earliest in the given order goes next.
    PriorityQueue<Integer> ready = new PriorityQueue<>();
    for (int i = 0; i < courses.size(); i++) {
      if (waitingFor[i] == 0) {
        ready.add(i);
      }
    }
    List<CourseDefinition> out = new ArrayList<>(courses.size());
    boolean[] placed = new boolean[courses.size()];
    while (!ready.isEmpty()) {
      int i = ready.poll();
      placed[i] = true;
      out.add(courses.get(i));
      for (int next : unlocks.get(i)) {
        if (--waitingFor[next] == 0) {
          ready.add(next);
        }
      }
    }
    for (int i = 0; i < courses.size(); i++) {
      if (!placed[i]) {
        out.add(courses.get(i)); // part of a cycle, which the course check reports
      }
    }
    return out;
  }
}
