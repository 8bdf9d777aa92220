package org.qinglan.exam.mock;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.qinglan.exam.bank.ParseError;
import org.qinglan.exam.bank.QuestionType;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads blueprints.yaml, reporting every problem with its line. */
public final class BlueprintLoader {

  /** The blueprints, or the problems that kept the file from loading. */
  public record Result(List<Blueprint> blueprints, List<ParseError> errors) {
    public boolean ok() {
      return errors.isEmpty();
    }
  }

  private BlueprintLoader() {
  }

  public static Result load(String yamlText) {
    List<ParseError> errors = new ArrayList<>();
    List<Blueprint> out = new ArrayList<>();
    Node root;
    try {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(yamlText));
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
      return new Result(List.of(), List.of(new ParseError(line, "YAML 格式错误：" + e.getProblem())));
    }
    Node list = root instanceof MappingNode m ? field(m, "blueprints") : null;
    if (!(list instanceof SequenceNode seq)) {
      return new Result(List.of(), List.of(new ParseError(1, "缺少 blueprints: 列表")));
    }
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (Node item : seq.getValue()) {
      int line = item.getStartMark().getLine() + 1;
      if (!(item instanceof MappingNode bp)) {
        errors.add(new ParseError(line, "每个试卷蓝图应是一个映射"));
        continue;
      }
      List<String> problems = new ArrayList<>();
      String id = text(bp, "id", problems);
      String title = text(bp, "title", problems);
      String level = text(bp, "level", problems);
      String paper = text(bp, "paper", problems);
      String category = text(bp, "category", problems);
      int minutes = (int) number(bp, "minutes", problems);
      double passMark = number(bp, "passMark", problems);
      List<Blueprint.Section> sections = new ArrayList<>();
      Node sectionsNode = field(bp, "sections");
      if (sectionsNode instanceof SequenceNode ss) {
        for (Node s : ss.getValue()) {
          if (s instanceof MappingNode sm) {
            String typeText = text(sm, "type", problems);
            QuestionType type = null;
            for (QuestionType t : QuestionType.values()) {
              if (t.key().equals(typeText)) {
                type = t;
              }
            }
            if (type == null && typeText != null) {
              problems.add("题型“" + typeText + "”不存在（第 " + (s.getStartMark().getLine() + 1) + " 行）");
            }
            int count = (int) number(sm, "count", problems);
            double marks = number(sm, "marks", problems);
            sections.add(new Blueprint.Section(type, count, marks, optional(sm, "tag"), optional(sm, "excludeTag")));
          }
        }
      }
      if (sections.isEmpty()) {
        problems.add("至少需要一个 sections 项");
      }
      Map<String, Double> chapters = new LinkedHashMap<>();
      Node chaptersNode = field(bp, "chapters");
      if (chaptersNode instanceof MappingNode cm) {
        for (NodeTuple t : cm.getValue()) {
          String key = ((ScalarNode) t.getKeyNode()).getValue();
          try {
            chapters.put(key, Double.parseDouble(((ScalarNode) t.getValueNode()).getValue()));
          } catch (RuntimeException e) {
            problems.add("章节 " + key + " 的权重不是数字");
          }
        }
      }
      double sum = chapters.values().stream().mapToDouble(Double::doubleValue).sum();
      if (chapters.isEmpty()) {
        problems.add("缺少 chapters（章节权重）");
      } else if (Math.abs(sum - 1) > 0.001) {
        problems.add("章节权重之和为 " + Math.round(sum * 1000) / 1000.0 + "，应为 1");
      }
      if (id != null && !ids.add(id)) {
        problems.add("蓝图编号 " + id + " 重复");
      }
      if (problems.isEmpty()) {
        out.add(new Blueprint(id, title, level, paper, category, minutes, passMark, sections, chapters));
      } else {
        for (String p : problems) {
          errors.add(new ParseError(line, (id == null ? "" : "蓝图 " + id + "：") + p));
        }
      }
    }
    return errors.isEmpty() ? new Result(out, List.of()) : new Result(List.of(), errors);
  }

  private static Node field(MappingNode m, String name) {
    for (NodeTuple t : m.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(name)) {
        return t.getValueNode();
      }
    }
    return null;
  }

  private static String optional(MappingNode m, String name) {
    Node n = field(m, name);
    return n instanceof ScalarNode s && !s.getValue().isBlank() ? s.getValue().strip() : null;
  }

  private static String text(MappingNode m, String name, List<String> problems) {
    String v = optional(m, name);
    if (v == null) {
      problems.add("缺少 " + name);
    }
    return v;
  }

  private static double number(MappingNode m, String name, List<String> problems) {
    String v = text(m, name, problems);
    if (v == null) {
      return 0;
    }
    try {
      double d = Double.parseDouble(v);
      if (d <= 0) {
        problems.add(name + " 应大于 0");
      }
      return d;
    } catch (NumberFormatException e) {
      problems.add(name + " 应为数字，而不是“" + v + "”");
      return 0;
    }
  }
}
