package org.qinglan.exam.manage;

/** Where a question came from (the {@code question.source} column): what a trainer may change follows from it. */
public enum QuestionSource {
  /** The shipped bank (question-bank/): read-only on the web. */
  BANK("内置题库"),
  /** A trainer's uploaded file, not edited since. */
  UPLOAD("文件上传"),
  /** Edited on the web (an upload becomes this at its first edit). */
  EDITOR("网页编辑");

  private final String label;

  QuestionSource(String label) {
    this.label = label;
  }

  /** The source as the bank's pages name it. */
  public String label() {
    return label;
  }
}
