package org.qinglan.cases.search;

import java.util.ArrayList;
import java.util.List;

/**
 * The search box syntax, read before any analysis: words, {@code "phrases"} (ASCII or Chinese
 * quotes) and a leading {@code -} (or full-width {@code －}) that excludes the word or phrase
 * after it. A {@code -} inside a word ("COVID-19") is part of the word. Malformed input is a
 * {@link CaseQueryException} with a message for the worker.
 */
final class QuerySyntax {
  static final int MAX_LENGTH = 200;
  static final int MAX_CLAUSES = 32;

  /** One word group (as typed between spaces) or phrase, maybe excluded. */
  record Clause(String text, boolean phrase, boolean excluded) {
  }

  private QuerySyntax() {
  }

  static List<Clause> parse(String input) throws CaseQueryException {
    String s = input == null ? "" : input.strip();
    if (s.codePointCount(0, s.length()) > MAX_LENGTH) {
      throw new CaseQueryException("搜索词太长了，请控制在 " + MAX_LENGTH + " 个字以内。");
    }
    List<Clause> out = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (isSpace(c)) {
        i++;
        continue;
      }
      boolean excluded = false;
      if (isMinus(c)) {
        excluded = true;
        i++;
        if (i >= n || isSpace(s.charAt(i))) {
          throw new CaseQueryException("减号“-”后面要紧跟要排除的词，例如：加装电梯 -噪音。");
        }
        c = s.charAt(i);
        if (isMinus(c)) {
          throw new CaseQueryException("减号“-”后面要紧跟要排除的词，例如：加装电梯 -噪音。");
        }
      }
      if (isOpenQuote(c)) {
        int close = findClose(s, i + 1);
        if (close < 0) {
          throw new CaseQueryException("引号没有成对出现，请补上另一半引号，或者去掉引号。");
        }
        String inner = s.substring(i + 1, close).strip();
        if (inner.isEmpty()) {
          throw new CaseQueryException("引号中间没有要搜索的词。");
        }
        out.add(new Clause(inner, true, excluded));
        i = close + 1;
      } else {
        int start = i;
        while (i < n && !isSpace(s.charAt(i)) && !isOpenQuote(s.charAt(i)) && !isCloseOnlyQuote(s.charAt(i))) {
          i++;
        }
        if (i == start) {
          // A closing Chinese quote with no opening one.
          throw new CaseQueryException("引号没有成对出现，请补上另一半引号，或者去掉引号。");
        }
        out.add(new Clause(s.substring(start, i), false, excluded));
      }
      if (out.size() > MAX_CLAUSES) {
        throw new CaseQueryException("搜索词太多了，请精简到 " + MAX_CLAUSES + " 个以内。");
      }
    }
    return out;
  }

  private static int findClose(String s, int from) {
    for (int j = from; j < s.length(); j++) {
      char c = s.charAt(j);
      if (c == '"' || c == '\u201D' || c == '\uFF02' || c == '\u201C') {
        return j;
      }
    }
    return -1;
  }

  private static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }

  private static boolean isMinus(char c) {
    return c == '-' || c == '\uFF0D' || c == '\u2212';
  }

  private static boolean isOpenQuote(char c) {
    return c == '"' || c == '\u201C' || c == '\uFF02';
  }

  private static boolean isCloseOnlyQuote(char c) {
    return c == '\u201D';
  }
}
