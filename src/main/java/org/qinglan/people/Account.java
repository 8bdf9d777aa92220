package org.qinglan.people;

import java.util.Set;
import java.util.UUID;
import org.qinglan.web.AccessRole;
import org.qinglan.web.Principal;

/** A signed-in person as the web layer sees them. {@code orgUnit} is null for an admin without one. */
public record Account(UUID id, String username, String mobile, String displayName, Set<Role> roles,
                      OrgUnit orgUnit, boolean mustChangePassword, boolean active) implements Principal {

  public boolean has(Role role) {
    return roles.contains(role);
  }

  @Override
  public boolean hasAny(Set<? extends AccessRole> wanted) {
    for (AccessRole r : wanted) {
      if (roles.contains(r)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether this person may see or change things belonging to {@code unit}: admins everywhere,
   * everyone else inside their own unit and below.
   */
  public boolean canReach(OrgUnit unit) {
    if (has(Role.ADMIN)) {
      return true;
    }
    return orgUnit != null && orgUnit.contains(unit);
  }
}
