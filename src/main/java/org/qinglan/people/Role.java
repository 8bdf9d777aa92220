package org.qinglan.people;

import org.qinglan.web.AccessRole;

/** What an account may do. Organiser, trainer and judge act inside their org unit and below. */
public enum Role implements AccessRole {
  WORKER("学员"),
  MENTOR("导师"),
  TRAINER("讲师"),
  JUDGE("评委"),
  ORGANISER("组织者"),
  ADMIN("管理员");

  private final String label;

  Role(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
