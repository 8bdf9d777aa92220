package org.qinglan.exam.bank;

/** A scoring point of a case-analysis answer and its marks. */
public record RubricPoint(String text, double marks) {
}
