package org.qinglan.competition;

/** A round's state: declared, open (its questions frozen, contestants answer), closed (scored and ranked). */
public enum RoundState {
  PLANNED("未开始"),
  OPEN("进行中"),
  CLOSED("已结束");

  private final String label;

  RoundState(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
