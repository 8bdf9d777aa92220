package org.qinglan.web;

import io.vertx.core.Future;
import java.util.UUID;

/** How web finds the person a session belongs to; the people feature implements it. */
public interface SessionAccounts {
  /** The active account with this id, or null when it is missing or disabled (its sessions then open nothing). */
  Future<? extends Principal> accountOf(UUID accountId);
}
