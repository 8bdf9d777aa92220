package org.qinglan.people;

import java.util.UUID;

/** A node of the org tree. {@code path} lists the ids from the root, each followed by '/'. */
public record OrgUnit(UUID id, UUID parentId, OrgLevel level, String name, String path) {

  /** True when {@code other} is this unit or lies below it. */
  public boolean contains(OrgUnit other) {
    return other != null && other.path.startsWith(path);
  }

  public int depth() {
    return (int) path.chars().filter(c -> c == '/').count();
  }
}
