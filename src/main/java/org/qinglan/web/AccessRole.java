package org.qinglan.web;

/**
 * A role a route or a menu link can be restricted to. The people feature's {@code Role} is the one
 * implementation; web only compares roles and never names one.
 */
public interface AccessRole {
  String name();
}
