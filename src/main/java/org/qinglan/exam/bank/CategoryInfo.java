package org.qinglan.exam.bank;

import java.util.List;

/** A category named by a file, with its description when the format has one (Moodle XML). */
public record CategoryInfo(List<String> path, FormattedText description, String idNumber) {
  public CategoryInfo {
    path = List.copyOf(path);
  }
}
