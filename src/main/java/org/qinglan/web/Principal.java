package org.qinglan.web;

import java.util.Set;
import java.util.UUID;

/**
 * The signed-in person as the web layer needs them: who (for the layout and logs), whether a
 * password change is pending, and their roles for route access. The people feature's
 * {@code Account} is the one implementation, handed out by {@link Auth#account}.
 */
public interface Principal {
  UUID id();

  String username();

  String displayName();

  boolean mustChangePassword();

  /** Whether this person holds at least one of {@code roles}. */
  boolean hasAny(Set<? extends AccessRole> roles);
}
