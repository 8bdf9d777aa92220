package org.qinglan.people;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A node of the org tree. {@code path} lists the ids from the root, each followed by '/'. */
public record OrgUnit(UUID id, UUID parentId, OrgLevel level, String name, String path) {

  /** True when {@code other} is this unit or lies below it. */
  public boolean contains(OrgUnit other) {
    return other != null && other.path.startsWith(path);
  }

  /** The ids of this unit and of every unit above it, from the root down (read from its path). */
  public List<UUID> selfAndAncestorIds() {
    List<UUID> out = new ArrayList<>();
    for (String part : path.split("/")) {
      if (!part.isEmpty()) {
        out.add(UUID.fromString(part));
      }
    }
    return out;
  }

  public int depth() {
    return (int) path.chars().filter(c -> c == '/').count();
  }
}
