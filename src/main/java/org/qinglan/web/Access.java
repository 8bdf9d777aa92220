package org.qinglan.web;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Who may use a route: anyone, any signed-in person, or holders of one of the given roles. */
public record Access(boolean isPublic, Set<AccessRole> roles) {

  public static Access anyone() {
    return new Access(true, Set.of());
  }

  public static Access signedIn() {
    return new Access(false, Set.of());
  }

  public static Access roles(AccessRole first, AccessRole... more) {
    Set<AccessRole> all = new LinkedHashSet<>();
    all.add(first);
    all.addAll(List.of(more));
    return new Access(false, java.util.Collections.unmodifiableSet(all));
  }

  /** Holders of any of these roles (a feature's policy names the set). */
  public static Access roles(java.util.Collection<? extends AccessRole> roles) {
    return new Access(false, java.util.Collections.unmodifiableSet(new LinkedHashSet<>(roles)));
  }

  /** Whether this person (null: signed out) gets past this access rule, a pending password change aside. */
  public boolean admits(Principal person) {
    if (isPublic) {
      return true;
    }
    return person != null && (roles.isEmpty() || person.hasAny(roles));
  }

  @Override
  public String toString() {
    return isPublic ? "public" : roles.isEmpty() ? "signed-in" : roles.stream().map(AccessRole::name).toList().toString();
  }
}
