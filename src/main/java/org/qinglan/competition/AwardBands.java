package org.qinglan.competition;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Award bands over a ranking (individuals or teams), by rank or by share.
 *
 * <ul>
 *   <li>By rank, each band gives the last rank it reaches (一等奖 through rank 3, 二等奖 through rank
 *       10 …), ascending.</li>
 *   <li>By share, each band gives its own percent of the contestants with a result (一等奖 10%, 二等奖
 *       the next 20% …), at most 100% together. The borders are cumulative and rounded up in whole
 *       numbers: with 25 contestants 10%, 20%, 30% end after places 3, 8 and 15.</li>
 *   <li>The last band may be "the rest": everyone below the earlier bands.</li>
 * </ul>
 * A place is in the first band whose border its <em>rank</em> reaches, so ties never split: when a tie
 * straddles a border, all the tied take the higher award (and a band may be left empty). A score of 0
 * never wins an award, whatever the rank.
 *
 * @param bands in award order, each award at most once
 */
public record AwardBands(Basis basis, List<Band> bands) {

  public enum Basis {
    BY_RANK("按名次"),
    BY_SHARE("按比例");

    private final String label;

    Basis(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * One band.
   *
   * @param limit the last rank (BY_RANK) or the band's own percent (BY_SHARE); null for "the rest who scored"
   */
  public record Band(Award award, Integer limit) {
    public Band {
      Objects.requireNonNull(award, "award");
    }

    public static Band throughRank(Award award, int rank) {
      return new Band(award, rank);
    }

    public static Band share(Award award, int percent) {
      return new Band(award, percent);
    }

    public static Band rest(Award award) {
      return new Band(award, null);
    }

    boolean isRest() {
      return limit == null;
    }
  }

  /** A place and its award; null when it wins none. */
  public record Awarded(String id, int rank, Award award) {
  }

  public AwardBands {
    Objects.requireNonNull(basis, "basis");
    bands = List.copyOf(bands);
  }

  public static AwardBands byRank(List<Band> bands) {
    return new AwardBands(Basis.BY_RANK, bands);
  }

  public static AwardBands byShare(List<Band> bands) {
    return new AwardBands(Basis.BY_SHARE, bands);
  }

  /** What is wrong with the configuration, in Chinese for the organiser; empty when it can be used. */
  public List<String> problems() {
    List<String> out = new ArrayList<>();
    if (bands.isEmpty()) {
      out.add("请至少设置一个奖项");
      return out;
    }
    for (int i = 1; i < bands.size(); i++) {
      if (bands.get(i).award().compareTo(bands.get(i - 1).award()) <= 0) {
        out.add("奖项须按一等奖、二等奖、三等奖、优秀奖的顺序设置，每个奖项只设一次");
        break;
      }
    }
    for (int i = 0; i + 1 < bands.size(); i++) {
      if (bands.get(i).isRest()) {
        out.add("只有最后一个奖项可以设为“其余得分者”");
        break;
      }
    }
    Band previous = null;
    int sum = 0;
    for (Band b : bands) {
      if (b.isRest()) {
        continue;
      }
      String name = b.award().label();
      if (basis == Basis.BY_RANK) {
        if (b.limit() < 1) {
          out.add(name + "的截止名次须为正整数");
        } else if (previous != null && b.limit() <= previous.limit()) {
          out.add(name + "的截止名次（第 " + b.limit() + " 名）须大于" + previous.award().label() + "的截止名次（第 "
              + previous.limit() + " 名）");
        }
        if (b.limit() >= 1) {
          previous = b;
        }
      } else {
        if (b.limit() < 1 || b.limit() > 100) {
          out.add(name + "的比例须在 1% 到 100% 之间");
        }
        sum += b.limit();
      }
    }
    if (basis == Basis.BY_SHARE && sum > 100) {
      out.add("各奖项比例之和为 " + sum + "%，不能超过 100%");
    }
    return out;
  }

  /**
   * Every place with its award (null for none), in ranking order.
   *
   * @throws IllegalStateException when the configuration has {@link #problems()}
   */
  public List<Awarded> assign(List<Ranking.Place> ranking) {
    List<String> problems = problems();
    if (!problems.isEmpty()) {
      throw new IllegalStateException(String.join("；", problems));
    }
    int[] borders = borders(ranking.size());
    List<Awarded> out = new ArrayList<>(ranking.size());
    for (Ranking.Place p : ranking) {
      Award award = null;
      if (p.points() > 0) {
        for (int i = 0; i < bands.size() && award == null; i++) {
          if (bands.get(i).isRest() || p.rank() <= borders[i]) {
            award = bands.get(i).award();
          }
        }
      }
      out.add(new Awarded(p.id(), p.rank(), award));
    }
    return List.copyOf(out);
  }

  /** The last rank each band reaches (ignored for "the rest"). */
  private int[] borders(int count) {
    int[] borders = new int[bands.size()];
    long percent = 0;
    for (int i = 0; i < bands.size(); i++) {
      Band b = bands.get(i);
      if (b.isRest()) {
        continue;
      }
      if (basis == Basis.BY_RANK) {
        borders[i] = b.limit();
      } else {
        percent += b.limit();
        borders[i] = (int) ((percent * count + 99) / 100); // rounded up, in whole numbers
      }
    }
    return borders;
  }

  /** The bands in Chinese, for the results page. */
  public String statement() {
    List<String> parts = new ArrayList<>();
    int previous = 0;
    for (int i = 0; i < bands.size(); i++) {
      Band b = bands.get(i);
      String what;
      if (b.isRest()) {
        what = "其余得分者";
      } else if (basis == Basis.BY_SHARE) {
        what = (i == 0 ? "前 " : "其后 ") + b.limit() + "%";
      } else {
        what = b.limit() == previous + 1 ? "第 " + b.limit() + " 名" : "第 " + (previous + 1) + "–" + b.limit() + " 名";
        previous = b.limit();
      }
      parts.add(b.award().label() + "：" + what);
    }
    return String.join("；", parts) + "。" + (basis == Basis.BY_SHARE ? "人数按有成绩的人数计算，向上取整；" : "")
        + "名次并列跨越分界时，并列者均获较高奖项；得 0 分者不获奖。";
  }
}
