package org.qinglan.cases;

/** A recorded step of a case's review (case_review_event.action). */
public enum ReviewAction {
  SUBMIT("提交审核"), APPROVE("审核通过并发布"), RETURN("退回修改"), RETRACT("撤下"), SYNC("随平台内容发布");

  private final String label;

  ReviewAction(String label) {
    this.label = label;
  }

  /** The step in the words of the UI. */
  public String label() {
    return label;
  }
}
