package org.qinglan.cases;

/** Where a case came from (case_study.source): the shipped Markdown files, or written on the web. */
public enum CaseSource {
  FILES, EDITOR
}
