package org.qinglan.web;

import java.util.EnumSet;
import java.util.Set;
import org.qinglan.people.Role;

/** Who may use a route: anyone, any signed-in person, or holders of one of the given roles. */
public record Access(boolean isPublic, Set<Role> roles) {

  public static Access anyone() {
    return new Access(true, Set.of());
  }

  public static Access signedIn() {
    return new Access(false, Set.of());
  }

  public static Access roles(Role first, Role... more) {
    return new Access(false, EnumSet.of(first, more));
  }

  @Override
  public String toString() {
    return isPublic ? "public" : roles.isEmpty() ? "signed-in" : roles.toString();
  }
}
