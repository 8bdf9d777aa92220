package org.qinglan.cases.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;

/**
 * Formats highlighted passages as HTML snippets: every character of the text is escaped, the
 * matched words are wrapped in {@code <mark>}; overlapping or touching matches become one mark.
 * Returns a {@code String[]}, one snippet per passage.
 */
final class SnippetFormatter extends PassageFormatter {
  static final String ELLIPSIS = "…";

  @Override
  public Object format(Passage[] passages, String content) {
    List<String> out = new ArrayList<>();
    for (Passage p : passages) {
      int start = p.getStartOffset();
      int end = Math.min(p.getEndOffset(), content.length());
      while (start < end && Character.isWhitespace(content.charAt(start))) {
        start++;
      }
      while (end > start && Character.isWhitespace(content.charAt(end - 1))) {
        end--;
      }
      int n = p.getNumMatches();
      int[][] matches = new int[n][];
      for (int i = 0; i < n; i++) {
        matches[i] = new int[] {p.getMatchStarts()[i], p.getMatchEnds()[i]};
      }
      Arrays.sort(matches, (a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]));
      StringBuilder sb = new StringBuilder();
      if (start > 0) {
        sb.append(ELLIPSIS);
      }
      int pos = start;
      int i = 0;
      while (i < n) {
        int mStart = Math.max(matches[i][0], pos);
        int mEnd = matches[i][1];
        i++;
        while (i < n && matches[i][0] <= mEnd) {
          mEnd = Math.max(mEnd, matches[i][1]);
          i++;
        }
        mEnd = Math.min(mEnd, end);
        if (mEnd <= mStart) {
          continue;
        }
        escape(content, pos, mStart, sb);
        sb.append("<mark>");
        escape(content, mStart, mEnd, sb);
        sb.append("</mark>");
        pos = mEnd;
      }
      escape(content, pos, end, sb);
      if (end < content.length()) {
        sb.append(ELLIPSIS);
      }
      out.add(sb.toString());
    }
    return out.toArray(new String[0]);
  }

  /** Appends {@code text[from, to)} HTML-escaped, line breaks as spaces. */
  static void escape(String text, int from, int to, StringBuilder sb) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        case '\n', '\r', '\t' -> sb.append(' ');
        default -> sb.append(c);
      }
    }
  }

  static String escape(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 16);
    escape(text, 0, text.length(), sb);
    return sb.toString();
  }
}
