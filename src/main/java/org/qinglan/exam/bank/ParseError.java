package org.qinglan.exam.bank;

/** A problem in a question file, at a line. */
public record ParseError(int line, String message) {
  @Override
  public String toString() {
    return "line " + line + ": " + message;
  }
}
