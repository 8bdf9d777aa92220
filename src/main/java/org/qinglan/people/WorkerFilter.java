package org.qinglan.people;

/** Filters of the worker list; null means "any". */
public record WorkerFilter(String query, String postCategory, String qualification) {
  public static WorkerFilter none() {
    return new WorkerFilter(null, null, null);
  }
}
