package org.qinglan.exam.bank;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Pairs of questions whose stems are nearly the same: the Jaccard similarity of their character
 * bigrams (punctuation and space left out) is at least {@link #THRESHOLD}. Two such questions in a
 * bank teach one point twice, and a mock paper may draw both.
 */
public final class NearDuplicates {
  public static final double THRESHOLD = 0.6;

  private static final Pattern TAG = Pattern.compile("<[^>]*>");
  /** Space, punctuation and symbols (full-width included): they say nothing about the content. */
  private static final Pattern NOISE = Pattern.compile("[\\s\\p{P}\\p{S}　]+");

  private NearDuplicates() {
  }

  /** A question and where it came from. */
  public record Located(String file, Question question) {
  }

  /** Two questions with nearly the same stem; {@code similarity} between {@link #THRESHOLD} and 1. */
  public record Pair(Located first, Located second, double similarity) {
  }

  public static List<Pair> find(List<Located> questions) {
    List<Located> items = new ArrayList<>();
    List<long[]> grams = new ArrayList<>();
    for (Located l : questions) {
      long[] g = bigrams(l.question().stem().text());
      if (g.length > 0) {
        items.add(l);
        grams.add(g);
      }
    }
    List<Pair> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      for (int j = i + 1; j < items.size(); j++) {
        long[] a = grams.get(i);
        long[] b = grams.get(j);
        // |A∩B| / |A∪B| ≤ min/max, so pairs of very different size cannot reach the threshold.
        if (Math.min(a.length, b.length) < THRESHOLD * Math.max(a.length, b.length)) {
          continue;
        }
        double s = jaccard(a, b);
        if (s >= THRESHOLD) {
          out.add(new Pair(items.get(i), items.get(j), s));
        }
      }
    }
    return out;
  }

  /** The distinct character bigrams of a stem's visible text, each two code points in one long, sorted. */
  static long[] bigrams(String stem) {
    String plain = NOISE.matcher(TAG.matcher(stem).replaceAll("")).replaceAll("");
    int[] cps = plain.codePoints().toArray();
    if (cps.length < 2) {
      return new long[0];
    }
    long[] pairs = new long[cps.length - 1];
    for (int k = 0; k + 1 < cps.length; k++) {
      pairs[k] = ((long) cps[k] << 32) | cps[k + 1];
    }
    return Arrays.stream(pairs).sorted().distinct().toArray();
  }

  /** Jaccard similarity of two sorted sets. */
  static double jaccard(long[] a, long[] b) {
    int common = 0;
    int i = 0;
    int j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] == b[j]) {
        common++;
        i++;
        j++;
      } else if (a[i] < b[j]) {
        i++;
      } else {
        j++;
      }
    }
    int union = a.length + b.length - common;
    return union == 0 ? 0 : (double) common / union;
  }
}
